"""Settings from the environment (12-factor): nothing secret lives in the repo or in logs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_PATH = Path("data") / "ringetraener.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{DEFAULT_DB_PATH}",
        description="SQLAlchemy async URL; SQLite file by default, PostgreSQL in production.",
    )
    host: str = "127.0.0.1"
    port: int = 8080
    log_level: str = "INFO"

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_path: str = "/telegram/webhook"
    telegram_api_base_url: str | None = None

    # Microsoft Teams (Microsoft 365 Agents SDK)
    teams_client_id: str | None = None
    teams_client_secret: SecretStr | None = None
    teams_tenant_id: str | None = None
    teams_app_id: str | None = Field(
        default=None, description="Teams app id (GUID) in the manifest; defaults to the bot id."
    )
    teams_developer_url: str | None = Field(
        default=None, description="Your organisation's https pages, shown in the Teams app."
    )
    teams_anonymous: bool = Field(
        default=False, description="Accept unauthenticated requests: local testing only."
    )

    # Buddy-pair nudges
    timezone: str = "Europe/Copenhagen"
    working_hours_start: int = 8
    working_hours_end: int = 16
    dispatcher_enabled: bool = True
    nudge_rate_per_second: float = Field(
        default=30.0, gt=0, description="Nudges per second per process (Telegram allows ~30)."
    )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
