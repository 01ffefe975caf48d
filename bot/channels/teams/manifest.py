"""The Teams app package: manifest.json (schema 1.17) and two icons, zipped for sideloading.

Teams reads the three files from the root of the zip. The bot id is the Azure Bot's Microsoft
App ID (``TEAMS_CLIENT_ID``); the app id defaults to the same GUID, which is what Teams'
own tools do for a bot-only app.
"""

from __future__ import annotations

import json
import re
import uuid
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.channels.teams import icons, texts

MANIFEST_VERSION = "1.17"
SCHEMA_URL = (
    "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
)
DEFAULT_DEVELOPER_URL = "https://www.example.com"  # replace with the operator's own pages
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
MAX_COMMANDS = 10
MAX_COMMAND_TITLE = 32
MAX_COMMAND_DESCRIPTION = 128
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


class ManifestError(ValueError):
    pass


def _guid(value: str | None, what: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as error:
        raise ManifestError(f"{what} must be a GUID (the Azure Bot's Microsoft App ID)") from error


def app_version() -> str:
    try:
        version = metadata.version("ringetraener")
    except metadata.PackageNotFoundError:
        return "1.0.0"
    return version if _SEMVER.match(version) else "1.0.0"


def build_manifest(
    bot_id: str,
    *,
    app_id: str | None = None,
    version: str | None = None,
    developer_url: str = DEFAULT_DEVELOPER_URL,
    commands: Sequence[tuple[str, str]] = texts.DEFAULT_MENU,
) -> dict[str, Any]:
    bot_guid = _guid(bot_id, "TEAMS_CLIENT_ID")
    if not developer_url.startswith("https://"):
        raise ManifestError("the developer URL must start with https://")
    base = developer_url.rstrip("/")
    menu = [
        {
            "title": f"/{name}"[:MAX_COMMAND_TITLE],
            "description": description[:MAX_COMMAND_DESCRIPTION],
        }
        for name, description in pick_menu(commands)
    ]
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": version or app_version(),
        "id": _guid(app_id, "the app id") if app_id else bot_guid,
        "developer": {
            "name": texts.DEVELOPER_NAME,
            "websiteUrl": developer_url,
            "privacyUrl": f"{base}/privacy",
            "termsOfUseUrl": f"{base}/terms",
        },
        "name": {"short": texts.APP_SHORT_NAME, "full": texts.APP_FULL_NAME},
        "description": {
            "short": texts.APP_SHORT_DESCRIPTION,
            "full": texts.APP_FULL_DESCRIPTION,
        },
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": icons.ACCENT,
        "bots": [
            {
                "botId": bot_guid,
                "scopes": ["personal", "team", "groupchat"],
                "supportsFiles": True,
                "isNotificationOnly": False,
                "commandLists": [{"scopes": ["personal"], "commands": menu}] if menu else [],
            }
        ],
    }


def pick_menu(commands: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Teams shows at most 10 commands: the everyday ones first, the rest as room allows."""
    preferred = [name for name, _ in texts.DEFAULT_MENU]
    rank = {name: index for index, name in enumerate(preferred)}
    ordered = sorted(commands, key=lambda item: rank.get(item[0], len(rank)))
    return ordered[:MAX_COMMANDS]


def write_manifest_zip(
    path: str | Path,
    settings: Any,
    *,
    commands: Sequence[tuple[str, str]] | None = None,
    developer_url: str | None = None,
) -> Path:
    """Write the sideloadable package; ``commands`` is the core's menu (name, description)."""
    manifest = build_manifest(
        getattr(settings, "teams_client_id", None) or "",
        app_id=getattr(settings, "teams_app_id", None),
        developer_url=developer_url
        or getattr(settings, "teams_developer_url", None)
        or DEFAULT_DEVELOPER_URL,
        commands=texts.DEFAULT_MENU if commands is None else commands,
    )
    target = Path(path)
    if target.suffix.lower() != ".zip":
        target = target / "ringetraener-teams.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr(COLOR_ICON, icons.color_icon())
        archive.writestr(OUTLINE_ICON, icons.outline_icon())
    return target
