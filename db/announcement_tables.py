"""The announcement tables: who wants to hear about what (subscriptions, follows, each guild's
schedule) and the outbox of deliveries that carries each piece of news to them.

A delivery row is written in the same transaction as the news it carries, under a key the
database keeps unique: whatever retries, restarts or second processes do, one piece of news
makes one row per channel or person, and the row remembers whether (and as which message) it
went out.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.models import _timestamp
from db.types import StrEnumType, UTCDateTime


class DeliveryKind(enum.StrEnum):
    ANNOUNCEMENT = "announcement"
    """A status change posted in a subscribed channel."""
    FOLLOW = "follow"
    """A status change sent to a person who follows the show."""
    REMINDER = "reminder"
    """A premiere the day before, or on the day."""
    DIGEST = "digest"
    """A channel's weekly round-up."""
    SUMMARY = "summary"
    """'While I was away': the news that fell due too long ago to post one by one."""
    NOTICE = "notice"
    """A word to a guild that one of its subscriptions was paused."""
    CORRECTION = "correction"
    """An edit, in place, of a posted announcement whose news was withdrawn or corrected."""


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    """Given up on: a message Discord refuses, or retried too often."""
    FOLDED = "folded"
    """Too old to post on its own: told in a summary instead."""
    EXPIRED = "expired"
    """Too old to matter (a reminder for a day gone by): dropped."""
    PAUSED = "paused"
    """Its channel or person cannot be reached; it waits for a resume."""
    CANCELLED = "cancelled"
    """Its news was withdrawn before it went out."""


class Subscription(SQLModel, table=True):
    """A channel that asked for news: of some kinds, maybe of one network or one show."""

    __table_args__ = (UniqueConstraint("channel_id", "scope"),)

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_type=BigInteger, index=True)
    channel_id: int = Field(sa_type=BigInteger, index=True)
    scope: str = Field(max_length=300, description="network and show, as one comparable key")
    kinds: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    network: str | None = Field(default=None, max_length=200)
    show_id: int | None = Field(default=None, foreign_key="show.id", index=True, ondelete="CASCADE")
    ping_role_id: int | None = Field(default=None, sa_type=BigInteger)
    created_by: int | None = Field(default=None, sa_type=BigInteger)
    created_at: datetime = _timestamp()
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    paused_reason: str | None = Field(default=None, max_length=300)
    last_delivery_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Follow(SQLModel, table=True):
    """A person who wants a direct message when a show's status changes."""

    __table_args__ = (UniqueConstraint("user_id", "show_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_type=BigInteger, index=True)
    show_id: int = Field(foreign_key="show.id", index=True, ondelete="CASCADE")
    created_at: datetime = _timestamp()
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pause_told: bool = Field(default=False, description="the person has been told of the pause")


class GuildSchedule(SQLModel, table=True):
    """A guild's time zone and weekly digest: when its reminders and round-ups go out."""

    __tablename__ = "guild_schedule"

    guild_id: int = Field(sa_type=BigInteger, primary_key=True)
    time_zone: str = Field(default="UTC", max_length=64)
    digest_weekday: int | None = Field(default=None, description="0 is Monday")
    digest_time: str | None = Field(default=None, max_length=5, description="HH:MM, local")
    updated_at: datetime = _timestamp()


class Delivery(SQLModel, table=True):
    """One message to one channel or person: the outbox row."""

    __table_args__ = (Index("ix_delivery_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    kind: DeliveryKind = Field(sa_type=StrEnumType(DeliveryKind), nullable=False)
    state: DeliveryState = Field(
        default=DeliveryState.PENDING, sa_type=StrEnumType(DeliveryState), nullable=False
    )
    status_change_id: int | None = Field(
        default=None, foreign_key="status_change.id", index=True, ondelete="CASCADE"
    )
    show_id: int | None = Field(default=None, foreign_key="show.id", ondelete="CASCADE")
    subscription_id: int | None = Field(
        default=None, foreign_key="subscription.id", index=True, ondelete="CASCADE"
    )
    follow_id: int | None = Field(
        default=None, foreign_key="follow.id", index=True, ondelete="CASCADE"
    )
    guild_id: int | None = Field(default=None, sa_type=BigInteger)
    channel_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    user_id: int | None = Field(default=None, sa_type=BigInteger, index=True)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    next_try_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    summary_id: int | None = Field(default=None, description="the summary that told it")
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = _timestamp()
    claimed_by: str | None = Field(default=None, max_length=200)
    """The process posting it (see `db.outbox.claim_due`), until `claimed_until`."""
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
