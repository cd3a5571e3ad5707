"""Leases: work that one process of several does at a time (delivering announcements on
SQLite, a scheduled job across a cluster), held for a while and renewed by its holder.

A lease is taken with one atomic statement: insert it, or take it over when it is free (its
holder let it go, or stopped renewing it and it expired). A process that dies holds its leases
only until they expire.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete as sa_delete
from sqlalchemy import func
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.queries import dialect_insert
from db.types import UTCDateTime


class Lease(SQLModel, table=True):
    __tablename__ = "cluster_lease"

    name: str = Field(primary_key=True, max_length=100)
    holder: str = Field(max_length=200)
    """Which process: its host, process id and start (see `bot.ops`)."""
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


async def take_lease(
    session: AsyncSession, name: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Takes or renews the lease until `now + ttl`, unless another holder has it unexpired."""
    insert = dialect_insert(session)
    statement = (
        insert(Lease)
        .values(name=name, holder=holder, expires_at=now + ttl)
        .on_conflict_do_update(
            index_elements=["name"],
            set_={"holder": holder, "expires_at": now + ttl},
            where=(col(Lease.holder) == holder) | (col(Lease.expires_at) < now),
        )
    )
    result = await session.exec(statement)
    return bool(result.rowcount)


async def release_lease(session: AsyncSession, name: str, holder: str) -> None:
    await session.exec(sa_delete(Lease).where(col(Lease.name) == name, col(Lease.holder) == holder))


async def lease_holder(session: AsyncSession, name: str, now: datetime) -> Lease | None:
    """Who holds the lease now, if anyone."""
    lease = (await session.exec(select(Lease).where(Lease.name == name))).first()
    return lease if lease is not None and lease.expires_at >= now else None


async def live_leases(session: AsyncSession, prefix: str, now: datetime) -> int:
    """How many unexpired leases have a name starting with `prefix`."""
    query = select(func.count()).where(
        col(Lease.name).startswith(prefix, autoescape=True), col(Lease.expires_at) >= now
    )
    return (await session.exec(query)).one()
