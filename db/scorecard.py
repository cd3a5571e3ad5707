"""Reading a network's decisions for its scorecard: the networks on record, and every
recorded status change of the shows on one of them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Show, StatusChange
from db.vocabulary import ShowStatus


@dataclass(frozen=True, slots=True)
class NetworkCount:
    """A network as the catalogue spells it, with how many shows are on it."""

    name: str
    shows: int


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One recorded decision about a show on a network."""

    change_id: int
    show_id: int
    title: str
    show_year: int | None
    network: str
    status: ShowStatus
    effective_date: date | None
    recorded_at: datetime
    seasons_ordered: int | None


async def network_counts(session: AsyncSession) -> list[NetworkCount]:
    """Every network on record, the one with most shows first, then by name."""
    shows = func.count(col(Show.id))
    query = (
        sa_select(col(Show.network), shows)
        .where(col(Show.network).isnot(None), col(Show.network) != "")
        .group_by(col(Show.network))
        .order_by(shows.desc(), col(Show.network))
    )
    rows = (await (await session.connection()).execute(query)).all()
    return [NetworkCount(name=name, shows=count) for name, count in rows if name]


async def network_decisions(
    session: AsyncSession, spellings: Collection[str], statuses: Collection[ShowStatus]
) -> list[DecisionRow]:
    """The status changes to one of `statuses` of every show whose network is spelled one of
    `spellings` (exactly: the caller has matched what was typed to the names on record), in
    the order they were recorded."""
    if not spellings or not statuses:
        return []
    query = (
        sa_select(
            col(StatusChange.id),
            col(Show.id),
            col(Show.title),
            col(Show.year),
            col(Show.network),
            col(StatusChange.new_status),
            col(StatusChange.effective_date),
            col(StatusChange.recorded_at),
            col(StatusChange.seasons_ordered),
        )
        .join(Show, col(Show.id) == col(StatusChange.show_id))
        .where(
            col(Show.network).in_(list(spellings)),
            col(StatusChange.new_status).in_(list(statuses)),
        )
        .order_by(col(StatusChange.id))
    )
    decisions = []
    for change_id, show_id, title, show_year, network, status, day, recorded_at, seasons in (
        await (await session.connection()).execute(query)
    ).all():
        # Never None from this join and filter; the columns are typed as the models declare.
        assert change_id is not None and show_id is not None and network is not None
        decisions.append(
            DecisionRow(
                change_id=change_id,
                show_id=show_id,
                title=title,
                show_year=show_year,
                network=network,
                status=status,
                effective_date=day,
                recorded_at=recorded_at,
                seasons_ordered=seasons,
            )
        )
    return decisions
