"""What the catalogue's sources say, read straight from them, to check the question sets.

The titles a question may name and the facts its answer must hold come from the built-in
records (`bot/catalogue/data/seed_records.json`) and the Netflix CSV as they are, not from the
database or the bot, so that a question set is checked against the records and never against
the code it measures.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answering.answers import count_words, long_date
from bot.catalogue.service import BUILTIN_RECORDS

if TYPE_CHECKING:
    from benchmarks.question_answering import Question

ABSENCE_PHRASES = frozenset(
    {
        "nothing on record",
        "no record",
        "not on record",
        "record doesn't",
        "record does not",
        "no decision on record",
        "no renewal or cancellation",
        "not been ordered",
        "not ordered",
    }
)
"""Alternatives that say the record holds nothing on what was asked: there is nothing in the
record to check them against."""
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SEASONS = re.compile(r"^(\d+) Seasons?$")
_UNSAID = frozenset({"quote", "source", "sources", "evidence", "url"})
"""Record fields that are provenance, not facts a reply states."""
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Case, accents, typographic quotes and dashes, and runs of whitespace folded away."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _counts(n: int, noun: str) -> list[str]:
    return [f"{n} {noun}{'' if n == 1 else 's'}", count_words(n, noun)]


def _said(key: str, value: object) -> Iterator[str]:
    """Every way a reply may state one field of a built-in record."""
    if isinstance(value, dict):
        for inner, item in value.items():
            if inner not in _UNSAID:
                yield from _said(inner, item)
    elif isinstance(value, list):
        for item in value:
            yield from _said(key, item)
    elif isinstance(value, str):
        yield value
        if _ISO_DATE.match(value):
            yield long_date(date.fromisoformat(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        yield str(value)
        if key == "season_count":
            yield from _counts(value, "season")
        elif key in ("episode_count", "weeks"):
            yield from _counts(value, "episode" if key == "episode_count" else "week")
        elif key == "seasons_ordered":
            yield from _counts(value, "more season")
        elif key == "hours_viewed":
            yield f"{value / 1_000_000:,.0f} million"
        elif key == "peak_rank":
            yield f"#{value}"


def _row_said(row: dict[str, str]) -> Iterator[str]:
    yield from (row[key] for key in ("title", "director", "cast", "country", "release_year"))
    yield from (row["listed_in"], row["description"], row["duration"])
    seasons = _SEASONS.match(row["duration"].strip())
    if seasons:
        yield from _counts(int(seasons.group(1)), "season")


@dataclass
class SourceRecords:
    """Every title of the catalogue, what its records say, and every person they name."""

    said: dict[str, list[str]] = field(default_factory=dict)
    """Folded text of each title's records (a title held twice has both)."""
    people: set[str] = field(default_factory=set)

    @property
    def titles(self) -> set[str]:
        return set(self.said)

    @classmethod
    def read(cls, netflix_csv: Path, builtin: Path = BUILTIN_RECORDS) -> SourceRecords:
        records = cls()
        for show in json.loads(builtin.read_text(encoding="utf-8"))["shows"]:
            records._add(show["title"], _said("", show))
            records.people.update(fold(c["name"]) for c in show.get("credits", []))
        with netflix_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                title = " ".join(row["title"].split())  # as the importer stores it
                if title:
                    records._add(title, _row_said(row))
                    names = f"{row['cast']},{row['director']}".split(",")
                    records.people.update(fold(n) for n in names if n.strip())
        return records

    def _add(self, title: str, said: Iterable[str]) -> None:
        self.said.setdefault(title, []).append(fold(" \n ".join(said)))

    def _on_record(self, fact: Sequence[str], shows: Sequence[str]) -> bool:
        if any(fold(alt) in ABSENCE_PHRASES for alt in fact):
            return True
        if not shows:  # about a person across the catalogue: titles and names
            folded_titles = {fold(t) for t in self.said}
            return any(fold(a) in folded_titles or fold(a) in self.people for a in fact)
        texts = [text for title in shows for text in self.said.get(title, [])]
        return any(fold(alt) in text for alt in fact for text in texts)

    def fact_problems(self, questions: Iterable[Question]) -> list[str]:
        """Each fact no record of the question's shows holds, as 'line N: …'."""
        return [
            f"line {q.line}: {q.text!r}: {list(fact)} is not in the records of {list(q.shows)}"
            for q in questions
            for fact in q.facts
            if not self._on_record(fact, q.shows)
        ]
