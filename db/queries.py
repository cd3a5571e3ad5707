"""Reading the catalogue."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import (
    Alias,
    AppState,
    ChartRun,
    Credit,
    Season,
    Show,
    ShowNote,
    StatusChange,
    utc_now,
)
from db.vocabulary import ShowKind


def full_show_query(*, credit_details: bool = True) -> Any:
    """A select of shows with everything an answer shows, loaded up front.

    Async sessions cannot lazy-load, so whatever reads a show reads it through here. Without
    `credit_details` the credits come without their people and sources: a writer that knows
    people by id needs no more, and loads thousands of shows much faster.
    """
    credits = selectinload(Show.credits)  # type: ignore[arg-type]
    if credit_details:
        credits = credits.options(
            selectinload(Credit.person),  # type: ignore[arg-type]
            selectinload(Credit.source),  # type: ignore[arg-type]
        )
    return select(Show).options(
        selectinload(Show.aliases),  # type: ignore[arg-type]
        selectinload(Show.external_ids),  # type: ignore[arg-type]
        selectinload(Show.seasons).selectinload(Season.source),  # type: ignore[arg-type]
        credits,
        selectinload(Show.status_changes).selectinload(StatusChange.source),  # type: ignore[arg-type]
        selectinload(Show.chart_runs).selectinload(ChartRun.source),  # type: ignore[arg-type]
        selectinload(Show.notes).selectinload(ShowNote.source),  # type: ignore[arg-type]
        selectinload(Show.sources),  # type: ignore[arg-type]
    )


async def load_show(session: AsyncSession, show_id: int) -> Show | None:
    result = await session.exec(full_show_query().where(Show.id == show_id))
    show: Show | None = result.first()
    return show


async def show_stamp(session: AsyncSession, show_id: int) -> datetime | None:
    """When the show last changed (any of its facts: every writer moves it), or None when
    there is no such show: one indexed read, to tell whether a show read before is still
    the show."""
    stamp: datetime | None = (
        await session.exec(select(Show.updated_at).where(Show.id == show_id))
    ).first()
    return stamp


async def reload_show(session: AsyncSession, show_id: int) -> Show | None:
    """The show read afresh, its collections too, whatever the session held of it."""
    query = full_show_query().where(Show.id == show_id).execution_options(populate_existing=True)
    show: Show | None = (await session.exec(query)).first()
    return show


async def shows_titled(session: AsyncSession, title: str) -> list[Show]:
    """Shows whose title is this one, ignoring case."""
    query = select(Show).where(func.lower(Show.title) == title.lower()).order_by(col(Show.id))
    return list((await session.exec(query)).all())


async def delete_show(session: AsyncSession, show_id: int) -> None:
    """Removes a show; the database removes what hangs off it (its follows and deliveries
    included)."""
    await session.exec(sa_delete(Show).where(col(Show.id) == show_id))


@dataclass(frozen=True, slots=True)
class TitleRow:
    """What title matching needs of a show, without the rest of it."""

    show_id: int
    title: str
    year: int | None
    network: str | None
    original_title: str | None
    status_date: date | None
    aliases: tuple[str, ...]
    film: bool


async def title_rows(
    session: AsyncSession,
    show_ids: Sequence[int] | None = None,
    batch: int = 5000,
) -> AsyncIterator[list[TitleRow]]:
    """Every show's names in batches, for the title index; or only the given shows'."""
    # SQLAlchemy's own select: sqlmodel's is typed for at most four columns.
    query = sa_select(
        col(Show.id),
        col(Show.title),
        col(Show.year),
        col(Show.network),
        col(Show.original_title),
        col(Show.status_date),
        col(Show.kind),
    ).order_by(col(Show.id))
    if show_ids is not None:
        query = query.where(col(Show.id).in_(show_ids))
    connection = await session.connection()
    last_id = 0
    while True:
        page = (await connection.execute(query.where(col(Show.id) > last_id).limit(batch))).all()
        if not page:
            return
        ids = [row[0] for row in page if row[0] is not None]
        aliases: dict[int, list[str]] = {}
        for show_id, name in await session.exec(
            select(Alias.show_id, Alias.name).where(col(Alias.show_id).in_(ids))
        ):
            if show_id is not None:
                aliases.setdefault(show_id, []).append(name)
        rows = []
        for show_id, title, year, network, original_title, status_date, kind in page:
            assert show_id is not None
            rows.append(
                TitleRow(
                    show_id=show_id,
                    title=title,
                    year=year,
                    network=network,
                    original_title=original_title,
                    status_date=status_date,
                    aliases=tuple(aliases.get(show_id, ())),
                    film=kind is ShowKind.FILM,
                )
            )
        yield rows
        last_id = ids[-1]


async def get_state(session: AsyncSession, key: str) -> str | None:
    state = await session.get(AppState, key)
    return state.value if state else None


async def set_state(session: AsyncSession, key: str, value: str) -> None:
    state = await session.get(AppState, key)
    if state is None:
        session.add(AppState(key=key, value=value))
    else:
        state.value = value
        state.updated_at = utc_now()


async def latest_update(session: AsyncSession) -> datetime | None:
    """When any show last changed."""
    latest: datetime | None = (await session.exec(select(func.max(Show.updated_at)))).one()
    return latest


async def show_ids(session: AsyncSession) -> list[int]:
    """Every show's id."""
    return [show_id for show_id in await session.exec(select(Show.id)) if show_id is not None]


def dialect_insert(session: AsyncSession) -> Any:
    """The database's own INSERT, which knows ON CONFLICT DO NOTHING (SQLite and
    PostgreSQL write it alike)."""
    return sqlite.insert if session.get_bind().dialect.name == "sqlite" else postgresql.insert
