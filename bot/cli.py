"""The ``ringetraener`` command line: chat, serve, and the machine-readable tools."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import bank_cli, supervision_cli, texts
from bot.config import Settings, get_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ringetraener", description=texts.CLI_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")

    chat = commands.add_parser("chat", help=texts.CLI_CHAT, description=texts.CLI_CHAT)
    chat.add_argument("--user", help=texts.CLI_CHAT_USER)
    commands.add_parser("serve", help=texts.CLI_SERVE, description=texts.CLI_SERVE)
    commands.add_parser("migrate", help=texts.CLI_MIGRATE, description=texts.CLI_MIGRATE)
    commands.add_parser("assess", help=texts.CLI_ASSESS, description=texts.CLI_ASSESS)

    scenarios = commands.add_parser("scenarios", help=texts.CLI_SCENARIOS)
    scenarios.add_argument("--json", action="store_true", help=texts.CLI_SCENARIOS_JSON)

    practice = commands.add_parser(
        "practice", help=texts.CLI_PRACTICE, description=texts.CLI_PRACTICE
    )
    practice.add_argument("--scenario", required=True, help=texts.CLI_PRACTICE_SCENARIO)
    practice.add_argument(
        "--difficulty",
        default="mellem",
        choices=("let", "mellem", "svaer"),
        help=texts.CLI_PRACTICE_DIFFICULTY,
    )
    practice.add_argument("--seed", type=int, default=0, help=texts.CLI_PRACTICE_SEED)
    practice.add_argument(
        "--mode", default="coach", choices=("coach", "exam"), help=texts.CLI_PRACTICE_MODE
    )
    practice.add_argument("--script", required=True, type=Path, help=texts.CLI_PRACTICE_SCRIPT)
    practice.add_argument("--json", action="store_true", help=texts.CLI_PRACTICE_JSON)

    team = commands.add_parser("team", help=texts.CLI_TEAM, description=texts.CLI_TEAM)
    team_commands = team.add_subparsers(dest="team_command", metavar="HANDLING", required=True)
    create = team_commands.add_parser("create", help=texts.CLI_TEAM_CREATE)
    create.add_argument("name", help=texts.CLI_TEAM_NAME)

    bank_cli.add_parser(commands)
    supervision_cli.add_parser(commands)

    manifest = commands.add_parser(
        "teams-manifest", help=texts.CLI_TEAMS_MANIFEST, description=texts.CLI_TEAMS_MANIFEST
    )
    manifest.add_argument("path", nargs="?", default="dist", type=Path, help=texts.CLI_TEAMS_PATH)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    command = args.command or "chat"
    # The terminal chat shares the screen with the person practising: only warnings there,
    # unless LOG_LEVEL asks for more.
    quiet = command == "chat" and "LOG_LEVEL" not in os.environ
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    if command == "assess":
        return run_assess(sys.stdin, sys.stdout)
    if command == "scenarios":
        return run_scenarios(args.json, sys.stdout)
    if command == "practice":
        return run_practice(args, sys.stdout)
    if command == "migrate":
        return asyncio.run(_migrate(settings))
    if command == "team":
        return asyncio.run(_team_create(settings, args.name))
    if command == "objections":
        return bank_cli.run(args, settings, sys.stdout, sys.stderr)
    if command == "cohort":
        return supervision_cli.run(args, settings)
    if command == "teams-manifest":
        return run_teams_manifest(args.path, settings, sys.stdout)
    if command == "serve":
        from bot.web.serve import serve

        return asyncio.run(serve(settings))
    return asyncio.run(_chat(settings, getattr(args, "user", None)))


def run_teams_manifest(path: Path, settings: Settings, stdout: TextIO) -> int:
    from bot.app import build_registry
    from bot.channels.teams.manifest import ManifestError, write_manifest_zip

    try:
        target = write_manifest_zip(path, settings, commands=build_registry().menu())
    except ManifestError as error:
        sys.stderr.write(texts.CLI_TEAMS_ERROR.format(error=error) + "\n")
        return 2
    stdout.write(texts.CLI_TEAMS_WRITTEN.format(path=target) + "\n")
    return 0


def run_assess(stdin: TextIO, stdout: TextIO) -> int:
    """One JSON line out per JSON line in, same order; a bad line yields an error and we go on."""
    from dialogues.assessor import UnknownPhaseError, assess

    for line in stdin:
        if not line.strip():
            continue
        item_id: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError(texts.ASSESS_BAD_JSON)
            item_id = item.get("id")
            phase, text, objection = item.get("phase"), item.get("text"), item.get("objection")
            if not isinstance(phase, str) or not isinstance(text, str):
                raise ValueError(texts.ASSESS_BAD_FIELDS)
            result = assess(phase, text, objection if isinstance(objection, str) else None)
            out: dict[str, Any] = {
                "id": item_id,
                "phase": phase,
                "criteria": result.criteria,
                "score": round(result.score, 4),
            }
        except json.JSONDecodeError:
            out = {"id": None, "error": texts.ASSESS_BAD_JSON}
        except UnknownPhaseError:
            out = {
                "id": item_id,
                "error": texts.ASSESS_UNKNOWN_PHASE.format(phase=item.get("phase")),
            }
        except ValueError as error:
            out = {"id": item_id, "error": str(error)}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def run_scenarios(as_json: bool, stdout: TextIO) -> int:
    from dialogues.scenario import load_catalog

    scenarios = load_catalog().all()
    if as_json:
        items = [
            {
                "id": s.id,
                "title": s.title,
                "difficulties": list(s.difficulties),
                "industry": s.industry,
                "contact": s.contact_name,
            }
            for s in scenarios
        ]
        stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        for s in scenarios:
            stdout.write(f"{s.id:20} {s.title} ({', '.join(s.difficulties)})\n")
    return 0


def run_practice(args: argparse.Namespace, stdout: TextIO) -> int:
    from dialogues.engine import PracticeCall
    from dialogues.scenario import ScenarioError, load_catalog
    from dialogues.script import ScriptError, parse_script, run_script

    try:
        scenario = load_catalog().get(args.scenario)
        script = parse_script(args.script.read_text(encoding="utf-8"))
    except ScenarioError as error:
        sys.stderr.write(texts.CLI_SCENARIO_ERROR.format(error=error) + "\n")
        return 2
    except (ScriptError, OSError, UnicodeDecodeError) as error:
        sys.stderr.write(texts.CLI_SCRIPT_ERROR.format(error=error) + "\n")
        return 2
    call, _ = PracticeCall.start(
        scenario, difficulty=args.difficulty, seed=args.seed, mode=args.mode
    )
    result = run_script(call, script).to_json()
    if args.json:
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        for turn in result["turns"]:
            stdout.write(f"[{turn['phase']}] {turn['speaker']}: {turn['text']}\n\n")
        stdout.write(f"Resultat: {result['outcome']}\n")
    return 0


async def _migrate(settings: Settings) -> int:
    from bot.storage.db import Database

    db = Database(settings.database_url)
    try:
        await db.migrate()
    finally:
        await db.dispose()
    return 0


async def _team_create(settings: Settings, name: str) -> int:
    from bot.core import teams
    from bot.storage.base import utcnow
    from bot.storage.db import Database

    db = Database(settings.database_url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            try:
                team = await teams.create_team(session, name)
            except teams.TeamNameTakenError:
                sys.stderr.write(texts.CLI_TEAM_EXISTS.format(name=name) + "\n")
                return 1
            invite = await teams.create_invite(session, team.id, "admin", utcnow())
        print(texts.CLI_TEAM_CREATED.format(name=team.name, code=invite.code))
    finally:
        await db.dispose()
    return 0


async def _chat(settings: Settings, user: str | None) -> int:
    from bot.app import create_app
    from bot.channels.terminal import TerminalChannel
    from bot.web.serve import background_tasks

    app = await create_app(settings)
    terminal = TerminalChannel(app.core, user_id=user)
    app.services.delivery.register(terminal)
    stop = asyncio.Event()
    nudges = [asyncio.create_task(task(app, stop)) for task in background_tasks(app)]
    try:
        await terminal.run()
    finally:
        stop.set()
        await asyncio.gather(*nudges, return_exceptions=True)
        await app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
