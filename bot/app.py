"""Wiring: settings, database, scenario catalog and features assembled into one core."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType

import bot.features
from bot.config import Settings
from bot.core.context import Services
from bot.core.conversation import ConversationCore
from bot.core.delivery import Delivery
from bot.core.registry import Registry
from bot.storage.base import utcnow
from bot.storage.db import Database
from dialogues.scenario import load_catalog

log = logging.getLogger(__name__)

# /hjaelp and the apps' command menus list commands in this order: practice first, because that
# is what consultants come for; any other module in bot/features follows.
FEATURE_ORDER = ("practice", "bank", "supervision", "account")


@dataclass(slots=True)
class App:
    settings: Settings
    db: Database
    core: ConversationCore
    services: Services

    @property
    def registry(self) -> Registry:
        return self.services.registry

    async def close(self) -> None:
        await self.db.dispose()


def feature_modules() -> list[ModuleType]:
    names = [
        m.name for m in pkgutil.iter_modules(bot.features.__path__) if not m.name.startswith("_")
    ]
    ordered = [n for n in FEATURE_ORDER if n in names] + sorted(set(names) - set(FEATURE_ORDER))
    return [importlib.import_module(f"bot.features.{name}") for name in ordered]


def build_registry() -> Registry:
    registry = Registry()
    for module in feature_modules():
        module.install(registry)
    return registry


async def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utcnow,
    seed_source: Callable[[], int] | None = None,
    migrate: bool = True,
) -> App:
    """Open the database (migrating it), run feature start-up hooks and build the core."""
    db = Database(settings.database_url)
    if migrate:
        await db.migrate()
    registry = build_registry()
    services = Services(
        settings=settings,
        catalog=load_catalog(),
        registry=registry,
        delivery=Delivery(db),
        clock=clock,
        seed_source=seed_source or (lambda: secrets.randbelow(2**31)),
    )
    for hook in registry.startup_hooks:
        await hook(db)
    log.info("app ready features=%d commands=%d", len(feature_modules()), len(registry.commands))
    return App(settings, db, ConversationCore(db, services), services)
