"""The terminal channel: `make run` for a consultant, including a hard kill mid-call."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class TerminalProcess:
    """Drives `ringetraener chat` as a person would: type a line, read the screen."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.screen = ""

    @classmethod
    async def start(cls, database: Path) -> TerminalProcess:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
            "LOG_LEVEL": "WARNING",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "chat",
            "--user",
            "sara",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            cwd=ROOT,
            env=env,
        )
        return cls(proc)

    async def wait_for(self, marker: str, timeout: float = 60) -> str:
        assert self.proc.stdout is not None

        async def _read() -> None:
            while marker not in self.screen:
                chunk = await self.proc.stdout.read(4096)  # type: ignore[union-attr]
                if not chunk:
                    raise AssertionError(f"process ended before {marker!r}; screen:\n{self.screen}")
                self.screen += chunk.decode()

        await asyncio.wait_for(_read(), timeout)
        return self.screen

    async def type(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.screen = ""
        self.proc.stdin.write((line + "\n").encode())
        await self.proc.stdin.drain()


async def test_practice_in_the_terminal_survives_a_kill(tmp_path: Path) -> None:
    database = tmp_path / "term.sqlite3"
    term = await TerminalProcess.start(database)
    await term.wait_for("/ny")  # the welcome lists the commands
    await term.type("/ny")
    await term.wait_for("[1]")
    await term.type("1")  # first company
    await term.wait_for("Hvor svær")
    await term.type("1")  # let
    await term.wait_for("feedback")
    await term.type("1")  # coach mode
    screen = await term.wait_for("Samtalen starter")
    assert "🏢" in screen
    await term.type("Goddag, mit navn er Sara fra Jobcenter Aarhus. Har du et par minutter?")
    await term.wait_for("🏢")
    term.proc.send_signal(signal.SIGKILL)
    await term.proc.wait()

    again = await TerminalProcess.start(database)
    back = await again.wait_for("[2]")  # welcomed back into the call, with its choices
    assert "Velkommen tilbage" in back and "Videre" in back
    await again.type("/status")
    status = await again.wait_for("BALA:")
    assert "Dine beskeder: 1" in status  # the line typed before the kill was kept
    await again.type("/stop")
    debrief = await again.wait_for("🎓")
    assert (
        "afbrudt" in debrief.lower()
        or "debrief" in debrief.lower()
        or "resultat" in debrief.lower()
    )
    again.proc.stdin.close()  # type: ignore[union-attr]
    assert await asyncio.wait_for(again.proc.wait(), 30) == 0
