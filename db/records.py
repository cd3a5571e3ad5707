"""The catalogue's interchange format: what an import or the built-in data file says of a show.

A record may be partial: a field left out (None) keeps what the catalogue already has, and
list entries are merged into what is there. This is the project's own JSON/JSONL format, and
every other importer translates into it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
)
from pydantic_core import PydanticCustomError

from db.vocabulary import CreditRole, ShowKind, ShowStatus

RECORDS_FORMAT = "showbot.records/1"

# -- what a number may be ------------------------------------------------------------------------
# Every bound is below what its column holds on PostgreSQL, whose `integer` is 32-bit (SQLite's
# is 64-bit): a number the database would refuse is a row error, not a traceback. Within that,
# each is what can make sense for a show, so that a slip (a year of 20222) is caught too.

YEAR_MIN, YEAR_MAX = 1870, 2100
"""The first moving pictures, and far enough ahead for anything announced."""
MAX_SEASONS = 1_000
MAX_EPISODES = 100_000
"""Daily soaps run past 15,000 episodes; a hundred thousand is a typing slip."""
MAX_RUNTIME_MINUTES = 60_000
"""The longest film shown, Logistics (2012), runs 857 hours (51,420 minutes)."""
MAX_BILLING = 100_000
MAX_CHART_WEEKS = 10_000
MAX_CHART_RANK = 1_000_000
MAX_HOURS_VIEWED = 10**12
"""More hours than the world watches anything: still far below BIGINT, its column."""

SCHEME_MAX = 40
EXTERNAL_ID_MAX = 100
"""The lengths of the external_id columns: an id longer than its column is refused here."""

# -- what text may hold --------------------------------------------------------------------------
# PostgreSQL refuses text with NUL in it (SQLite stores it silently), and no other control
# character belongs in a catalogue either: they are the debris of a bad export. Free text
# (loglines, notes) may keep its tabs and line breaks; names, titles and ids are one line.

_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f]")
_NOT_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACING_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


def _refuse_controls(value: str, pattern: re.Pattern[str], advice: str) -> str:
    found = pattern.search(value)
    if found is None:
        return value
    character = found.group()
    code = f"U+{ord(character):04X}"
    what = _SPACING_NAMES.get(character, "the control character")
    raise PydanticCustomError(
        "control_character",
        "contains {what} {code} at character {position}; {advice}",
        {"what": what, "code": code, "position": found.start() + 1, "advice": advice},
    )


def _one_line(value: str) -> str:
    return _refuse_controls(
        value, _NOT_IN_A_LINE, "remove it: names, titles and ids are one line of plain text"
    )


def _free_text(value: str) -> str:
    return _refuse_controls(
        value,
        _NOT_IN_FREE_TEXT,
        "remove it: free text may hold tabs and line breaks, no other control characters",
    )


# The longest a one-line field may be goes inside its type: given as Field(max_length=...) on
# an optional field, pydantic checks it after the validator, with a message about "items".
Line200 = Annotated[str, StringConstraints(max_length=200), AfterValidator(_one_line)]
Line300 = Annotated[str, StringConstraints(max_length=300), AfterValidator(_one_line)]
Line500 = Annotated[str, StringConstraints(max_length=500), AfterValidator(_one_line)]
Line1000 = Annotated[str, StringConstraints(max_length=1000), AfterValidator(_one_line)]
Prose = Annotated[str, AfterValidator(_free_text)]
"""Free text, such as a logline: it may keep its tabs and line breaks."""
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)
]
"""One line of text that must say something."""
Paragraphs = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_free_text)
]
"""Free text that must say something."""
Scheme = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=SCHEME_MAX),
    AfterValidator(_one_line),
]
ExternalIdValue = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=EXTERNAL_ID_MAX),
    AfterValidator(_one_line),
]


def _id_text(value: Any) -> Any:
    """An id given as a number is the same id as text; anything else is left for validation
    to refuse (a list is not an id, however it prints)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _status_of(value: Any) -> Any:
    """A status in any of its spellings; anything but text is left for validation to refuse."""
    if not isinstance(value, str):
        return value
    try:
        return ShowStatus.parse(value)
    except ValueError:
        shown = value if len(value) <= 40 else f"{value[:39]}…"
        known = ", ".join(status.value for status in ShowStatus)
        raise PydanticCustomError(
            "show_status",
            "unknown show status '{status}'; expected one of: {known}",
            {"status": shown, "known": known},
        ) from None


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceRecord(_Record):
    ref: Text = Field(max_length=300)
    title: Text = Field(max_length=500)
    url: Line1000 | None = None
    publisher: Line200 | None = None
    published_on: dt.date | None = None


def _text_or_record(value: Any) -> str:
    """Which of a union a value is meant as, so that a bad one is explained as that alone
    rather than as every member of the union it fails."""
    return "record" if isinstance(value, dict | BaseModel) else "text"


SourceRef = Annotated[
    Annotated[Text, Tag("text")] | Annotated[SourceRecord, Tag("record")],
    Discriminator(_text_or_record),
]
"""A source by its `ref` (declared once at the top of a document, or already stored), or whole."""


class AliasRecord(_Record):
    name: Text = Field(max_length=500)
    note: Line500 | None = None


class SeasonRecord(_Record):
    number: int = Field(ge=0, le=MAX_SEASONS)
    premiere_date: dt.date | None = None
    finale_date: dt.date | None = None
    episode_count: int | None = Field(default=None, ge=0, le=MAX_EPISODES)
    ending: Prose | None = None
    cliffhanger: bool | None = None
    source: SourceRef | None = None


class CreditRecord(_Record):
    name: Text = Field(max_length=300)
    role: CreditRole = CreditRole.ACTOR
    character: Line300 | None = None
    billing: int | None = Field(default=None, ge=1, le=MAX_BILLING)
    source: SourceRef | None = None


class StatusChangeRecord(_Record):
    to: ShowStatus
    from_: ShowStatus | None = Field(default=None, alias="from")
    date: dt.date | None = None
    seasons_ordered: int | None = Field(default=None, ge=1, le=MAX_SEASONS)
    note: Prose | None = None
    source: SourceRef | None = None

    @field_validator("to", "from_", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        return _status_of(value)


class ChartRunRecord(_Record):
    chart: Text = Field(max_length=300)
    weeks: int | None = Field(default=None, ge=0, le=MAX_CHART_WEEKS)
    peak_rank: int | None = Field(default=None, ge=1, le=MAX_CHART_RANK)
    hours_viewed: int | None = Field(default=None, ge=0, le=MAX_HOURS_VIEWED)
    note: Prose | None = None
    source: SourceRef | None = None


class NoteRecord(_Record):
    topic: Text = Field(max_length=60)
    text: Paragraphs
    source: SourceRef | None = None


class EvidenceRecord(_Record):
    """The words in a source that back a fact; kept in files, checked by tests, not stored."""

    field: Text
    source: Text
    quote: Paragraphs


class ShowRecord(_Record):
    title: Text = Field(max_length=500)
    original_title: Line500 | None = None
    kind: ShowKind | None = None
    year: int | None = Field(default=None, ge=YEAR_MIN, le=YEAR_MAX)
    genres: list[Text] | None = None
    network: Line200 | None = None
    country: Line500 | None = None
    status: ShowStatus | None = None
    status_date: dt.date | None = None
    premiere_date: dt.date | None = None
    season_count: int | None = Field(default=None, ge=0, le=MAX_SEASONS)
    episode_count: int | None = Field(default=None, ge=0, le=MAX_EPISODES)
    runtime_minutes: int | None = Field(default=None, ge=1, le=MAX_RUNTIME_MINUTES)
    logline: Prose | None = None
    based_on: Line500 | None = None
    production_company: Line500 | None = None
    external_ids: dict[Scheme, ExternalIdValue] = Field(default_factory=dict)
    aliases: list[
        Annotated[
            Annotated[Text, Tag("text")] | Annotated[AliasRecord, Tag("record")],
            Discriminator(_text_or_record),
        ]
    ] = Field(default_factory=list)
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
        return _status_of(value)

    @field_validator("external_ids", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k).lower(): _id_text(v) for k, v in value.items() if v not in (None, "")}
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
    about: Prose | None = None
    sources: list[SourceRecord] = Field(default_factory=list)

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != RECORDS_FORMAT:
            raise ValueError(f"unknown records format {value!r}; expected {RECORDS_FORMAT!r}")
        return value
