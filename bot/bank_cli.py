"""``ringetraener objections export|import``: the bank as files, for operators.

Import is all or nothing: the file is parsed and validated completely first (every bad row
reported with its line number), then written in one transaction. Both commands migrate the
database and load the seed bank first, exactly as the app does at start.

Wiring in ``bot/cli.py``::

    from bot import bank_cli
    bank_cli.add_parser(commands)                      # in build_parser()
    if args.command == "objections":                   # in main()
        return bank_cli.run(args, settings, sys.stdout, sys.stderr)
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.features.bank.store import ImportReport, ensure_seed, export_bank, upsert_bank
from bot.storage.base import utcnow
from bot.storage.db import Database
from bot.storage.models_core import Team
from objection_bank import texts
from objection_bank.formats import BankFileError, FileFormat, read_bank, write_bank
from objection_bank.model import ValidationError

EXIT_OK, EXIT_BAD_FILE, EXIT_USAGE = 0, 1, 2


class UnknownTeamError(LookupError):
    def __init__(self, team: str) -> None:
        super().__init__(texts.CLI_TEAM_UNKNOWN.format(team=team))
        self.message = str(self)


async def _team_id(session: AsyncSession, team: str | None) -> int | None:
    if team is None:
        return None
    name = " ".join(team.split())
    found = await session.scalar(select(Team.id).where(Team.name == name))
    if found is None and name.isdigit():
        found = await session.scalar(select(Team.id).where(Team.id == int(name)))
    if found is None:
        raise UnknownTeamError(team)
    return found


async def export_objections(db: Database, fmt: FileFormat, team: str | None = None) -> str:
    """The global bank (``team`` None) or a team's own objections and answers, as a file."""
    async with db.transaction() as session:
        objections = await export_bank(session, await _team_id(session, team))
    return write_bank(objections, fmt)


async def import_objections(
    db: Database, data: bytes | str, fmt: FileFormat, team: str | None = None
) -> ImportReport:
    """Validate the whole file, then write it in one transaction; raises
    :class:`BankFileError` (nothing written) or :class:`UnknownTeamError`."""
    objections = read_bank(data, fmt)
    async with db.transaction() as session:
        team_id = await _team_id(session, team)
        return await upsert_bank(session, objections, team_id=team_id, now=utcnow())


def add_parser(commands: Any) -> None:
    """Add ``objections export|import`` to the CLI's sub-commands."""
    parser = commands.add_parser("objections", help=texts.CLI_OBJECTIONS)
    actions = parser.add_subparsers(dest="objections_command", metavar="HANDLING", required=True)
    export = actions.add_parser("export", help=texts.CLI_EXPORT, description=texts.CLI_EXPORT)
    export.add_argument("--format", choices=("yaml", "csv"), default="yaml", help=texts.CLI_FORMAT)
    export.add_argument("--team", help=texts.CLI_TEAM_ARG)
    load = actions.add_parser("import", help=texts.CLI_IMPORT, description=texts.CLI_IMPORT)
    load.add_argument("file", type=Path, help=texts.CLI_FILE_ARG)
    load.add_argument("--format", choices=("yaml", "csv"), help=texts.CLI_IMPORT_FORMAT)
    load.add_argument("--team", help=texts.CLI_TEAM_ARG)


def run(args: argparse.Namespace, settings: Settings, stdout: TextIO, stderr: TextIO) -> int:
    return asyncio.run(run_async(args, settings.database_url, stdout, stderr))


async def run_async(
    args: argparse.Namespace, database_url: str, stdout: TextIO, stderr: TextIO
) -> int:
    """The command itself, on an event loop the caller owns (tests call this directly)."""
    if args.objections_command == "import":
        path: Path = args.file
        if not path.is_file():
            stderr.write(texts.CLI_FILE_MISSING.format(path=path) + "\n")
            return EXIT_USAGE
        try:
            fmt = FileFormat.parse(args.format) if args.format else FileFormat.for_path(path)
        except ValidationError as error:
            stderr.write(error.message + "\n")
            return EXIT_USAGE
        data = path.read_bytes()
    db = Database(database_url)
    try:
        await db.migrate()
        await ensure_seed(db)
        if args.objections_command == "export":
            stdout.write(await export_objections(db, FileFormat.parse(args.format), args.team))
            return EXIT_OK
        report = await import_objections(db, data, fmt, args.team)
    except UnknownTeamError as error:
        stderr.write(error.message + "\n")
        return EXIT_USAGE
    except BankFileError as error:
        stderr.write(texts.CLI_IMPORT_FAILED + "\n")
        stderr.writelines(f"  {problem}\n" for problem in error.errors)
        return EXIT_BAD_FILE
    finally:
        await db.dispose()
    scope = texts.CLI_SCOPE_TEAM.format(team=args.team) if args.team else texts.CLI_SCOPE_GLOBAL
    stdout.write(
        texts.CLI_IMPORTED.format(
            scope=scope,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            answers=report.answers_added,
        )
        + "\n"
    )
    return EXIT_OK
