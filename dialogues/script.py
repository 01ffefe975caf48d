"""Whole calls from a text file: the format behind ``ringetraener practice --script``.

A script has one section per phase (``[aabning]`` … ``[afslutning]``) with one consultant
message per line; ``#`` lines and blank lines are skipped. The runner plays the call: it sends
the next line of the section for the phase the call is in; when that section is used up while
the call is still in that phase it sends ``/videre``. A section keeps its place, so when the call
comes back to a phase (an objection during the solution) the next unused line of it is sent;
lines left when the call has moved on are simply not sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dialogues import texts
from dialogues.engine import CallResult, PracticeCall
from dialogues.normalize import fold
from dialogues.rubric import PHASES

ADVANCE = "/videre"
STOP = "/stop"
# A generous bound: every script line once, plus a /videre per phase visit.
_EXTRA_STEPS = 50


class ScriptError(ValueError):
    """A script line that cannot be read; the message gives the line number."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(texts.SCRIPT_ERROR.format(line=line, problem=problem))
        self.line = line


_SECTION_NAMES = {fold(name): name for name in PHASES}
_SECTION_NAMES.update({fold("åbning"): "aabning", fold("løsning"): "loesning"})


def parse_script(text: str) -> dict[str, list[str]]:
    """Sections by phase, every phase present (possibly empty)."""
    script: dict[str, list[str]] = {phase: [] for phase in PHASES}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                raise ScriptError(number, texts.SCRIPT_BAD_HEADER)
            name = line[1:-1].strip()
            phase = _SECTION_NAMES.get(fold(name))
            if phase is None:
                raise ScriptError(
                    number, texts.SCRIPT_UNKNOWN_SECTION.format(name=name, known="] [".join(PHASES))
                )
            current = phase
            continue
        if current is None:
            raise ScriptError(number, texts.SCRIPT_LINE_BEFORE_SECTION)
        script[current].append(line)
    return script


def run_script(call: PracticeCall, script: Mapping[str, Sequence[str]]) -> CallResult:
    """Play ``script`` against ``call`` until the call ends; see the module docstring."""
    used = {phase: 0 for phase in PHASES}
    budget = sum(len(lines) for lines in script.values()) + _EXTRA_STEPS
    while not call.finished and budget > 0:
        budget -= 1
        phase = call.phase
        lines = script.get(phase, ())
        if used[phase] >= len(lines):
            call.advance()
            continue
        line = lines[used[phase]]
        used[phase] += 1
        if line == ADVANCE:
            call.advance()
        elif line == STOP:
            call.stop()
        else:
            call.say(line)
    return call.result()
