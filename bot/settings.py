"""Typed settings from the environment and `.env`."""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from db.engine import DEFAULT_DATABASE_URL

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"


class Settings(BaseSettings):
    """Every setting the bot reads. `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    discord_token: SecretStr | None = Field(default=None, description="the bot token")
    database_url: str = Field(default=DEFAULT_DATABASE_URL)
    log_level: str = Field(default="INFO")
    dev_guild_id: int | None = Field(
        default=None, description="sync commands to this guild only, for development"
    )
    home_guild_id: int | None = Field(
        default=None,
        description="the guild where the editing commands (/admin) are registered; none: off",
    )
    editor_role_id: int | None = Field(
        default=None, description="members of the home guild with this role are editors"
    )
    editor_user_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="users who are editors wherever they are"
    )
    catalogue_refresh_seconds: float = Field(
        default=1.0,
        ge=0,
        description="how often to look for catalogue changes made by other processes (0: never)",
    )
    deliver_announcements: bool = Field(
        default=True,
        description="whether this bot process posts announcements (one process should)",
    )
    catch_up_hours: float = Field(
        default=24.0,
        gt=0,
        description="announcements older than this when the bot starts go into one summary",
    )
    announce_poll_seconds: float = Field(
        default=10.0, gt=0, description="how often to look for announcements that fell due"
    )
    announce_requests_per_second: float = Field(
        default=45.0,
        gt=0,
        le=50,
        description="the pace of announcement posts, under Discord's 50 requests/s",
    )
    news_feeds: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="RSS or Atom feeds whose articles are read for news"
    )
    news_poll_minutes: int = Field(default=30, ge=1, description="how often each feed is read")
    review_channel_id: int | None = Field(
        default=None, description="where proposed updates from the news wait for an editor"
    )
    shard_count: int | None = Field(
        default=None,
        ge=1,
        description="the gateway shards of the whole bot, across its processes (none: one)",
    )
    shard_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="the shards this process runs (none given: all)"
    )
    metrics_port: int | None = Field(
        default=None, ge=1, le=65535, description="serve /healthz and /metrics on this port"
    )
    metrics_host: str = Field(default="127.0.0.1", description="the address /metrics listens on")
    discord_api_base_url: str = Field(default=DISCORD_API_BASE)
    discord_gateway_url: str = Field(default=DISCORD_GATEWAY)

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator(
        "dev_guild_id",
        "home_guild_id",
        "editor_role_id",
        "review_channel_id",
        "shard_count",
        "metrics_port",
        mode="before",
    )
    @classmethod
    def _blank_guild_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("editor_user_ids", "shard_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        """`EDITOR_USER_IDS=1,2,3`: ids separated by commas or spaces."""
        if isinstance(value, str):
            words = value.replace(",", " ").split()
            if not all(word.isdigit() for word in words):
                raise ValueError("give ids (whole numbers) separated by commas")
            return list(dict.fromkeys(int(word) for word in words))
        return value

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        if self.shard_ids and self.shard_count is None:
            raise ValueError(
                "SHARD_IDS is set without SHARD_COUNT: set SHARD_COUNT to the number of shards "
                "the whole bot runs, across all its processes"
            )
        count = self.shard_count or 1
        outside = [shard for shard in self.shard_ids if shard >= count]
        if outside:
            raise ValueError(
                f"SHARD_IDS {outside} are not below SHARD_COUNT={count}: shards are numbered "
                f"0 to {count - 1}"
            )
        return self

    @field_validator("news_feeds", mode="before")
    @classmethod
    def _comma_separated_feeds(cls, value: object) -> object:
        """`NEWS_FEEDS=https://a.example/feed,https://b.example/rss`: web addresses separated
        by commas or spaces."""
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if isinstance(value, list):
            for url in value:
                if not isinstance(url, str) or not _is_web_address(url):
                    raise ValueError(
                        f"{url!r} is not a feed's web address: give feed URLs starting with "
                        "http:// or https:// (at most 1,000 characters), separated by commas"
                    )
            return list(dict.fromkeys(value))
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError(f"unknown log level {value!r}")
        return level

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and len(url) <= 1000
