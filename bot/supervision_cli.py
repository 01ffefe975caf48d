"""``ringetraener cohort report COHORT --format csv``: the course lead's report on the pairs.

One CSV line per pair and period: who, status (booked / held / overdue …), the booked time,
the share of pairs in that period that held their supervision, and the reflections. The file is
written for Danish Excel, which is what the leads open it in: semicolons between fields, a UTF-8
byte order mark (else æøå come out garbled) and a decimal comma in the share.
The lead wires it into ``bot.cli`` with :func:`add_parser` and :func:`run`.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import select

from bot.config import Settings
from bot.storage.base import utcnow
from bot.storage.db import Database
from bot.storage.models_supervision import Cohort
from bot.supervision_store import ReportRow, cohort_report, policy_from, report_lines
from supervision import texts
from supervision.messages import join_names
from supervision.plan import NudgePolicy

FORMATS = ("csv", "tekst")
CSV_DELIMITER = ";"  # Danish Excel's list separator: a comma is the decimal sign
BOM = "\ufeff"


def add_parser(commands: Any) -> None:
    """Add ``cohort report`` to the CLI's sub-command parsers."""
    cohort = commands.add_parser("cohort", help=texts.CLI_COHORT, description=texts.CLI_COHORT)
    actions = cohort.add_subparsers(dest="cohort_command", metavar="HANDLING", required=True)
    report = actions.add_parser("report", help=texts.CLI_COHORT_REPORT)
    report.add_argument("cohort", help=texts.CLI_COHORT_ARG)
    report.add_argument("--format", choices=FORMATS, default="csv", help=texts.CLI_COHORT_FORMAT)


def run(
    args: argparse.Namespace,
    settings: Settings,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    clock: Callable[[], datetime] = utcnow,
) -> int:
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(encoding="utf-8")  # the BOM promises UTF-8 whatever the locale
    return asyncio.run(report(settings, args.cohort, args.format, stdout, stderr, clock()))


async def report(
    settings: Settings,
    cohort_ref: str,
    output_format: str,
    stdout: TextIO,
    stderr: TextIO,
    now: datetime,
) -> int:
    db = Database(settings.database_url)
    policy = policy_from(settings)
    try:
        await db.migrate()
        async with db.sessions() as session:
            ref = cohort_ref.strip().lstrip("#")
            query = select(Cohort).where(
                Cohort.id == int(ref) if ref.isdigit() else Cohort.name == cohort_ref.strip()
            )
            cohorts = list(await session.scalars(query))
            if not cohorts:
                stderr.write(texts.CLI_COHORT_UNKNOWN.format(cohort=cohort_ref) + "\n")
                return 1
            if len(cohorts) > 1:
                ids = ", ".join(f"#{c.id}" for c in cohorts)
                stderr.write(texts.CLI_COHORT_AMBIGUOUS.format(cohort=cohort_ref, ids=ids) + "\n")
                return 1
            rows = await cohort_report(session, cohorts[0], now, policy)
    finally:
        await db.dispose()
    if output_format == "csv":
        write_csv(rows, stdout, policy)
    else:
        write_text(rows, stdout, policy)
    return 0


def write_csv(rows: Sequence[ReportRow], stdout: TextIO, policy: NudgePolicy) -> None:
    stdout.write(BOM)
    writer = csv.writer(stdout, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(texts.CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                row.cohort,
                row.period.index + 1,
                row.period.opens.isoformat(),
                row.period.closes.isoformat(),
                row.pair_id,
                join_names(list(row.names)),
                row.progress.value,
                policy.hours.local(row.booked_at).isoformat(timespec="minutes")
                if row.booked_at
                else "",
                f"{row.share_held:.2f}".replace(".", ","),
                " | ".join(f"{name}: {text}" for name, text in row.reflections),
            ]
        )


def write_text(rows: Sequence[ReportRow], stdout: TextIO, policy: NudgePolicy) -> None:
    for line in report_lines(rows, policy):
        stdout.write(line + "\n")
