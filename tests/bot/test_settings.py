from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.logs import REDACTED, SecretRedactor
from bot.settings import Settings

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.fake-token-for-tests"


def test_defaults(tmp_path: Path) -> None:
    settings = Settings(_env_file=None)
    assert settings.token is None
    assert settings.database_url == "sqlite:///showbot.db"
    assert settings.log_level == "INFO"
    assert settings.discord_api_base_url == "https://discord.com/api/v10"


def test_environment_and_dot_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(
        f"DISCORD_TOKEN={TOKEN}\nDEV_GUILD_ID=123\nLOG_LEVEL=debug\n", encoding="utf-8"
    )
    monkeypatch.setenv("DATABASE_URL", "postgresql://127.0.0.1/showbot")
    settings = Settings()
    assert settings.token == TOKEN
    assert settings.dev_guild_id == 123 and settings.log_level == "DEBUG"
    assert settings.database_url == "postgresql://127.0.0.1/showbot"
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())


def test_blank_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "  ")
    monkeypatch.setenv("DEV_GUILD_ID", "")
    settings = Settings(_env_file=None)
    assert settings.token is None and settings.dev_guild_id is None


def test_an_unknown_log_level_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "chatty")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_the_token_never_reaches_a_log(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(SecretRedactor([TOKEN]))
    with caplog.at_level(logging.INFO):
        logger.info("connecting with %s", TOKEN)
        try:
            raise RuntimeError(f"bad header Authorization: Bot {TOKEN}")
        except RuntimeError:
            logger.exception("request failed")
    assert TOKEN not in caplog.text
    assert caplog.text.count(REDACTED) >= 2


def test_shards_are_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", "2, 3,2")
    settings = Settings(_env_file=None)
    assert (settings.shard_count, settings.shard_ids) == (4, [2, 3])
    monkeypatch.setenv("SHARD_IDS", "3,4")
    with pytest.raises(ValidationError, match=r"SHARD_IDS \[4\] are not below SHARD_COUNT=4"):
        Settings(_env_file=None)
    monkeypatch.delenv("SHARD_COUNT")
    monkeypatch.setenv("SHARD_IDS", "0")
    with pytest.raises(ValidationError, match="SHARD_IDS is set without SHARD_COUNT"):
        Settings(_env_file=None)
