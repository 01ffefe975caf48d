"""Microsoft Teams channel on the Microsoft 365 Agents SDK: a thin adapter around the core."""

from bot.channels.teams.manifest import write_manifest_zip
from bot.channels.teams.route import (
    TeamsChannel,
    install_teams,
    mount_teams,
    start_teams,
    teams_enabled,
)

__all__ = [
    "TeamsChannel",
    "install_teams",
    "mount_teams",
    "start_teams",
    "teams_enabled",
    "write_manifest_zip",
]
