"""The catalogue's tables.

A show carries the facts serious sources keep (network, status and the date it was decided,
seasons, people, external ids); every fact that came from an article points at its `Source`.
"""

from datetime import UTC, date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint, event
from sqlmodel import Field, Relationship, SQLModel

from db.types import StrEnumType, UTCDateTime
from db.vocabulary import CreditRole, ShowKind, ShowStatus

# Named constraints let Alembic alter them later, including SQLite's batch table rebuilds.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


def title_key(title: str) -> str:
    """A title as shows are matched by: case and spacing do not tell two shows apart."""
    return " ".join(title.casefold().split())


def _timestamp(**kwargs: Any) -> Any:
    return Field(default_factory=utc_now, sa_type=UTCDateTime, nullable=False, **kwargs)


class Source(SQLModel, table=True):
    """Where a fact came from: a news article, a data file, an API."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=300, unique=True, description="stable key: a URL or source:key")
    title: str = Field(max_length=500)
    url: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(default=None, max_length=200)
    published_on: date | None = None


class ShowSourceLink(SQLModel, table=True):
    """The sources that speak about a show as a whole (its scalar facts)."""

    __tablename__ = "show_source"

    show_id: int = Field(foreign_key="show.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="source.id", primary_key=True, ondelete="CASCADE")


class Show(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=500, index=True)
    title_key: str = Field(
        default="",  # set from the title when the show is written
        max_length=1500,  # folding may lengthen a title: "ß" is "ss", "ﬃ" is "ffi"
        index=True,
        description="`title_key(title)`, set on every write (`_keep_title_key`): the writer "
        "finds shows by it through its index, which no index of `title` can do",
    )
    original_title: str | None = Field(default=None, max_length=500)
    kind: ShowKind = Field(default=ShowKind.SERIES, sa_type=StrEnumType(ShowKind), nullable=False)
    year: int | None = Field(default=None, description="year of the first release")
    genres: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    network: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=500)
    status: ShowStatus | None = Field(default=None, sa_type=StrEnumType(ShowStatus), index=True)
    status_date: date | None = Field(default=None, description="when the status was decided")
    premiere_date: date | None = None
    season_count: int | None = None
    episode_count: int | None = None
    runtime_minutes: int | None = Field(default=None, description="a film's running time")
    logline: str | None = None
    based_on: str | None = Field(default=None, max_length=500)
    production_company: str | None = Field(default=None, max_length=500)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp(index=True)

    aliases: list["Alias"] = Relationship(
        back_populates="show", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    external_ids: list["ExternalId"] = Relationship(
        back_populates="show", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    seasons: list["Season"] = Relationship(
        back_populates="show",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "Season.number"},
    )
    credits: list["Credit"] = Relationship(
        back_populates="show",
        sa_relationship_kwargs={
            "cascade": "all, delete-orphan",
            "order_by": "(Credit.role, Credit.billing_order, Credit.id)",
        },
    )
    status_changes: list["StatusChange"] = Relationship(
        back_populates="show",
        sa_relationship_kwargs={
            "cascade": "all, delete-orphan",
            # Undated changes first on every backend (PostgreSQL would put NULL last), so
            # that the last is the latest.
            "order_by": "(StatusChange.effective_date.asc().nulls_first(), StatusChange.id)",
        },
    )
    chart_runs: list["ChartRun"] = Relationship(
        back_populates="show", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    notes: list["ShowNote"] = Relationship(
        back_populates="show", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    sources: list["Source"] = Relationship(link_model=ShowSourceLink)


@event.listens_for(Show, "before_insert")
@event.listens_for(Show, "before_update")
def _keep_title_key(_mapper: Any, _connection: Any, show: Show) -> None:
    """Folds the title into `title_key` whatever writes the show (an import, an editor, an
    undo), so that no writer can leave a show that is not found again by its title."""
    key = title_key(show.title)
    if show.title_key != key:
        show.title_key = key


class Alias(SQLModel, table=True):
    """Another name people use: a shortening, a spelling, a translated or former title."""

    __table_args__ = (UniqueConstraint("show_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    name: str = Field(max_length=500)
    note: str | None = Field(default=None, max_length=500)

    show: Optional["Show"] = Relationship(back_populates="aliases")


class ExternalId(SQLModel, table=True):
    """An id in another catalogue (tmdb, tvmaze, imdb, netflix-titles, ...)."""

    __tablename__ = "external_id"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    scheme: str = Field(max_length=40)
    value: str = Field(max_length=100)

    show: Optional["Show"] = Relationship(back_populates="external_ids")


class Season(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("show_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    number: int
    premiere_date: date | None = None
    finale_date: date | None = None
    episode_count: int | None = None
    ending: str | None = Field(default=None, description="how the season ended (a spoiler)")
    cliffhanger: bool | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")

    show: Optional["Show"] = Relationship(back_populates="seasons")
    source: Optional["Source"] = Relationship()


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, unique=True)


class Credit(SQLModel, table=True):
    """A person's part in a show: an actor as a character, a creator, a developer."""

    __table_args__ = (UniqueConstraint("show_id", "person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    person_id: int | None = Field(
        default=None, foreign_key="person.id", index=True, nullable=False, ondelete="CASCADE"
    )
    role: CreditRole = Field(sa_type=StrEnumType(CreditRole), nullable=False)
    character: str | None = Field(default=None, max_length=300)
    billing_order: int | None = Field(default=None, description="1 is top billing")
    source_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")

    show: Optional["Show"] = Relationship(back_populates="credits")
    person: Optional["Person"] = Relationship()
    source: Optional["Source"] = Relationship()


class StatusChange(SQLModel, table=True):
    """One decision about a show: what it was, what it became, when, and who said so."""

    __tablename__ = "status_change"
    __table_args__ = (Index("ix_status_change_effective", "effective_date"),)

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    old_status: ShowStatus | None = Field(default=None, sa_type=StrEnumType(ShowStatus))
    new_status: ShowStatus = Field(sa_type=StrEnumType(ShowStatus), nullable=False)
    effective_date: date | None = None
    seasons_ordered: int | None = Field(default=None, description="seasons a renewal ordered")
    note: str | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")
    recorded_at: datetime = _timestamp()

    show: Optional["Show"] = Relationship(back_populates="status_changes")
    source: Optional["Source"] = Relationship()


class ChartRun(SQLModel, table=True):
    """A show's run on a ranking chart such as Netflix's weekly Top 10."""

    __tablename__ = "chart_run"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    chart: str = Field(max_length=300)
    weeks: int | None = None
    peak_rank: int | None = None
    hours_viewed: int | None = Field(default=None, sa_type=BigInteger)
    note: str | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")

    show: Optional["Show"] = Relationship(back_populates="chart_runs")
    source: Optional["Source"] = Relationship()


class ShowNote(SQLModel, table=True):
    """A sourced fact that has no column of its own (a writers' room, a first-look deal)."""

    __tablename__ = "show_note"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int | None = Field(
        default=None, foreign_key="show.id", index=True, nullable=False, ondelete="CASCADE"
    )
    topic: str = Field(max_length=60)
    text: str
    source_id: int | None = Field(default=None, foreign_key="source.id", ondelete="SET NULL")

    show: Optional["Show"] = Relationship(back_populates="notes")
    source: Optional["Source"] = Relationship()


class AppState(SQLModel, table=True):
    """Small named values the application keeps between runs (such as the command hash)."""

    __tablename__ = "app_state"

    key: str = Field(primary_key=True, max_length=200)
    value: str
    updated_at: datetime = _timestamp()
