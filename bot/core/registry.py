"""Where features plug into the core: commands, buttons, flows and privacy hooks.

Each feature module (``bot/features/<name>.py``) has ``install(registry)``; the core itself
knows no feature, so adding one never touches the dispatcher.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.core.context import Context
    from bot.storage.db import Database
    from dialogues.engine import ObjectionCard
    from dialogues.scenario import Scenario

Handler = Callable[["Context", str], Awaitable[None]]
TextHandler = Callable[["Context", str], Awaitable[None]]
StatusSection = Callable[["Context"], Awaitable[str | None]]
DataExport = Callable[["Context"], Awaitable[Mapping[str, Any]]]
DataDeletion = Callable[["Context"], Awaitable[None]]
ObjectionSource = Callable[
    ["Context", "Scenario", str, random.Random], Awaitable[Sequence["ObjectionCard"]]
]
ObjectionOutcomeSink = Callable[["Context", Sequence[tuple[str, float, bool]]], Awaitable[None]]
GuideSource = Callable[["Context"], Awaitable[Mapping[str, Sequence[str]]]]
StartupHook = Callable[["Database"], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    help: str
    admin_only: bool = False
    in_menu: bool = True


@dataclass(slots=True)
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    buttons: dict[str, Handler] = field(default_factory=dict)
    flows: dict[str, TextHandler] = field(default_factory=dict)
    reprompts: dict[str, Handler] = field(default_factory=dict)
    status_sections: list[StatusSection] = field(default_factory=list)
    data_exports: dict[str, DataExport] = field(default_factory=dict)
    data_deletions: list[DataDeletion] = field(default_factory=list)
    objection_source: ObjectionSource | None = None
    objection_outcome_sink: ObjectionOutcomeSink | None = None
    guide_source: GuideSource | None = None
    startup_hooks: list[StartupHook] = field(default_factory=list)

    def command(
        self,
        name: str,
        handler: Handler,
        *,
        help: str,
        admin_only: bool = False,
        in_menu: bool = True,
        aliases: Sequence[str] = (),
    ) -> None:
        if name in self.commands:
            raise ValueError(f"command /{name} registered twice")
        self.commands[name] = Command(name, handler, help, admin_only, in_menu)
        for alias in aliases:
            self.aliases[alias] = name

    def button(self, action: str, handler: Handler) -> None:
        if "." in action or action in self.buttons:
            raise ValueError(f"bad or duplicate button action {action!r}")
        self.buttons[action] = handler

    def flow(self, name: str, on_text: TextHandler, *, reprompt: Handler | None = None) -> None:
        """``reprompt`` shows where the person is in the flow again (after a restart or /start)."""
        if name in self.flows:
            raise ValueError(f"flow {name!r} registered twice")
        self.flows[name] = on_text
        if reprompt is not None:
            self.reprompts[name] = reprompt

    def status_section(self, section: StatusSection) -> None:
        self.status_sections.append(section)

    def data_export(self, key: str, export: DataExport) -> None:
        self.data_exports[key] = export

    def data_deletion(self, deletion: DataDeletion) -> None:
        self.data_deletions.append(deletion)

    def on_startup(self, hook: StartupHook) -> None:
        """Run once per process after migrations (e.g. loading the seed objection bank)."""
        self.startup_hooks.append(hook)

    def menu(self) -> list[tuple[str, str]]:
        """Commands with their Danish descriptions, for /hjaelp and the apps' command menus."""
        return [(c.name, c.help) for c in self.commands.values() if c.in_menu]
