"""``ringetraener objections export|import``: round trips, broken files, all or nothing."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import bank_cli
from bot.core import teams
from bot.features.bank.store import ensure_seed
from bot.storage.db import Database
from bot.storage.models_bank import BankAnswer, BankObjection
from objection_bank.formats import FileFormat, load_seed, read_bank


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ringetraener")
    bank_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser


async def _run(url: str, *argv: str) -> tuple[int, str, str]:
    args = _parser().parse_args(["objections", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = await bank_cli.run_async(args, url, out, err)
    return code, out.getvalue(), err.getvalue()


async def _make_team(url: str, name: str) -> None:
    db = Database(url)
    try:
        await db.migrate()
        await ensure_seed(db)  # as the app and the CLI do, so counts start from the seed
        async with db.transaction() as session:
            await teams.create_team(session, name)
    finally:
        await db.dispose()


async def _rows(url: str) -> tuple[int, int]:
    db = Database(url)
    try:
        async with db.transaction() as session:
            objections = await session.scalar(select(func.count()).select_from(BankObjection))
            answers = await session.scalar(select(func.count()).select_from(BankAnswer))
        return objections or 0, answers or 0
    finally:
        await db.dispose()


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
async def test_global_export_is_the_seed_and_round_trips(
    database_url: str, tmp_path: Path, fmt: str
) -> None:
    code, exported, _ = await _run(database_url, "export", "--format", fmt)
    assert code == 0
    assert read_bank(exported, FileFormat(fmt)) == load_seed()
    path = tmp_path / f"bank.{fmt}"
    path.write_text(exported, encoding="utf-8")
    code, out, _ = await _run(database_url, "import", str(path))
    assert code == 0 and "0 nye, 0 opdaterede, 72 uændrede" in out
    assert (await _run(database_url, "export", "--format", fmt))[1] == exported


async def test_a_team_file_round_trips_and_shared_keys_only_add_answers(
    database_url: str, tmp_path: Path
) -> None:
    await _make_team(database_url, "Jobcenter Vest")
    await _make_team(database_url, "A-kassen Øst")
    team_file = tmp_path / "vest.yaml"
    team_file.write_text(
        """\
version: 1
objections:
  - key: vest-1
    text: "Vi bruger kun folk fra vores egen vikarpulje."
    phase: indvendinger
    tags: [vikarbureau, stor]
    difficulty: svaer
    status: afventer
    answers:
      - "Det forstår jeg godt. Hvordan fungerer puljen? Vi kan fylde den op. Giver det mening?"
      - {text: "Et svar, vi har skjult.", status: skjult}
  - key: seed-aab-01
    text: "Jeg har ikke tid lige nu."
    phase: aabning
    answers:
      - "Vestjysk svar: Helt fair! Hvornår passer det? To minutter. Okay?"
""",
        encoding="utf-8",
    )
    before = await _rows(database_url)
    code, out, err = await _run(database_url, "import", str(team_file), "--team", "Jobcenter Vest")
    assert (code, err) == (0, "")
    assert "teamet Jobcenter Vest: 1 nye, 1 opdaterede, 0 uændrede" in out and "3 nye svar" in out
    assert await _rows(database_url) == (before[0] + 1, before[1] + 3)

    code, exported, _ = await _run(database_url, "export", "--team", "Jobcenter Vest")
    again = read_bank(exported, FileFormat.YAML)
    assert [o.key for o in again] == ["vest-1", "seed-aab-01"]
    assert [a.text for a in again[1].answers] == [
        "Vestjysk svar: Helt fair! Hvornår passer det? To minutter. Okay?"
    ]
    reimport = tmp_path / "again.yaml"
    reimport.write_text(exported, encoding="utf-8")
    code, out, _ = await _run(database_url, "import", str(reimport), "--team", "Jobcenter Vest")
    assert "0 nye, 0 opdaterede, 2 uændrede" in out
    assert (await _run(database_url, "export", "--team", "Jobcenter Vest"))[1] == exported
    assert "vest-1" not in (await _run(database_url, "export", "--team", "A-kassen Øst"))[1]
    shared = (await _run(database_url, "export"))[1]
    assert "Vestjysk svar" not in shared


async def test_a_broken_file_imports_nothing_and_names_every_bad_line(
    database_url: str, tmp_path: Path
) -> None:
    await _make_team(database_url, "Jobcenter Vest")
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "key,text,phase,tags,difficulty,status,answer,answer_status\n"
        "ok-1,Vi har en fin indvending.,analyse,tid,let,aktiv,Et svar?,\n"
        "ok-2,For lang tekst,analyse,rumfart,let,aktiv,,\n"
        "ok-3,Ukendt fase,fase9,,,,,\n",
        encoding="utf-8",
    )
    before = await _rows(database_url)
    code, out, err = await _run(database_url, "import", str(broken), "--team", "Jobcenter Vest")
    assert code == 1 and out == ""
    assert "Intet er importeret" in err
    assert "Linje 3: Jeg kender ikke disse emneord: »rumfart«" in err
    assert "Linje 4: Ukendt fase »fase9«" in err
    assert await _rows(database_url) == before


async def test_unknown_team_missing_file_and_unknown_format(
    database_url: str, tmp_path: Path
) -> None:
    code, _, err = await _run(database_url, "export", "--team", "Findes Ikke")
    assert code == 2 and "Ukendt team »Findes Ikke«" in err
    code, _, err = await _run(database_url, "import", str(tmp_path / "nope.yaml"))
    assert code == 2 and "findes ikke" in err
    odd = tmp_path / "bank.xlsx"
    odd.write_bytes("text,phase\nFor dyrt,løsning\n".encode("latin-1"))
    code, _, err = await _run(database_url, "import", str(odd))
    assert code == 2 and "Ukendt format" in err
    code, _, err = await _run(database_url, "import", str(odd), "--format", "csv")
    assert code == 1 and "UTF-8" in err
