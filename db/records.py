"""The catalogue's interchange format: what an import or the built-in data file says of a show.

A record may be partial: a field left out (None) keeps what the catalogue already has, and
list entries are merged into what is there. This is the project's own JSON/JSONL format, and
every other importer translates into it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from db.vocabulary import CreditRole, ShowKind, ShowStatus

RECORDS_FORMAT = "showbot.records/1"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceRecord(_Record):
    ref: Text = Field(max_length=300)
    title: Text = Field(max_length=500)
    url: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(default=None, max_length=200)
    published_on: dt.date | None = None


SourceRef = Text | SourceRecord
"""A source by its `ref` (declared once at the top of a document, or already stored), or whole."""


class AliasRecord(_Record):
    name: Text = Field(max_length=500)
    note: str | None = Field(default=None, max_length=500)


class SeasonRecord(_Record):
    number: int = Field(ge=0, le=1000)
    premiere_date: dt.date | None = None
    finale_date: dt.date | None = None
    episode_count: int | None = Field(default=None, ge=0)
    ending: str | None = None
    cliffhanger: bool | None = None
    source: SourceRef | None = None


class CreditRecord(_Record):
    name: Text = Field(max_length=300)
    role: CreditRole = CreditRole.ACTOR
    character: str | None = Field(default=None, max_length=300)
    billing: int | None = Field(default=None, ge=1)
    source: SourceRef | None = None


class StatusChangeRecord(_Record):
    to: ShowStatus
    from_: ShowStatus | None = Field(default=None, alias="from")
    date: dt.date | None = None
    seasons_ordered: int | None = Field(default=None, ge=1)
    note: str | None = None
    source: SourceRef | None = None

    @field_validator("to", "from_", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        return ShowStatus.parse(value) if isinstance(value, str) else value


class ChartRunRecord(_Record):
    chart: Text = Field(max_length=300)
    weeks: int | None = Field(default=None, ge=0)
    peak_rank: int | None = Field(default=None, ge=1)
    hours_viewed: int | None = Field(default=None, ge=0)
    note: str | None = None
    source: SourceRef | None = None


class NoteRecord(_Record):
    topic: Text = Field(max_length=60)
    text: Text
    source: SourceRef | None = None


class EvidenceRecord(_Record):
    """The words in a source that back a fact; kept in files, checked by tests, not stored."""

    field: Text
    source: Text
    quote: Text


class ShowRecord(_Record):
    title: Text = Field(max_length=500)
    original_title: str | None = Field(default=None, max_length=500)
    kind: ShowKind | None = None
    year: int | None = Field(default=None, ge=1870, le=2100)
    genres: list[Text] | None = None
    network: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=500)
    status: ShowStatus | None = None
    status_date: dt.date | None = None
    premiere_date: dt.date | None = None
    season_count: int | None = Field(default=None, ge=0)
    episode_count: int | None = Field(default=None, ge=0)
    logline: str | None = None
    based_on: str | None = Field(default=None, max_length=500)
    production_company: str | None = Field(default=None, max_length=500)
    external_ids: dict[Text, Text] = Field(default_factory=dict)
    aliases: list[AliasRecord | Text] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    seasons: list[SeasonRecord] = Field(default_factory=list)
    credits: list[CreditRecord] = Field(default_factory=list)
    status_history: list[StatusChangeRecord] = Field(default_factory=list)
    charts: list[ChartRunRecord] = Field(default_factory=list)
    notes: list[NoteRecord] = Field(default_factory=list)
    evidence: list[EvidenceRecord] = Field(default_factory=list)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        return ShowStatus.parse(value) if isinstance(value, str) else value

    @field_validator("external_ids", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).lower(): str(v) for k, v in value.items() if v not in (None, "")}
        return value

    def alias_records(self) -> list[AliasRecord]:
        return [a if isinstance(a, AliasRecord) else AliasRecord(name=a) for a in self.aliases]


class RecordsHeader(_Record):
    """The top of a records document, everything but its shows: the format marker, what the
    file is about, and the sources its shows cite by ref, declared once.

    The shows are left out on purpose: the one reader of the format
    (bot.catalogue.importers.records_files) validates them one at a time, as `ShowRecord`s,
    so that each bad one is reported on its own line instead of the file being refused whole.
    """

    format: str = RECORDS_FORMAT
    about: str | None = None
    sources: list[SourceRecord] = Field(default_factory=list)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != RECORDS_FORMAT:
            raise ValueError(f"unknown records format {value!r}; expected {RECORDS_FORMAT!r}")
        return value
