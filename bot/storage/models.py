"""Every table, imported in one place so Alembic and the app see the whole schema."""

from __future__ import annotations

import importlib
import pkgutil

import bot.storage
from bot.storage.base import Base

# Domain modules are named models_<area>.py; importing them registers their tables on Base.
for _module in pkgutil.iter_modules(bot.storage.__path__):
    if _module.name.startswith("models_"):
        importlib.import_module(f"bot.storage.{_module.name}")

__all__ = ["Base"]
