"""Names as people type them: folded, by first name, through a typo; never a near miss of a
short word; ties kept; fast on a catalogue's worth of names."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from db.names import NameDirectory, name_words

NAMES = [
    "Tyler Robinson",
    "Tyler Jacob Moore",
    "Liv Tyler",
    "Iñaki Godoy",
    "Conan O'Brien",
    "Dr. Sydney Burke",
    "Z",
    "Amy Adams",
    "Amy Poehler",
]


def directory() -> NameDirectory:
    return NameDirectory(enumerate(NAMES))


def best(query: str) -> list[str]:
    return [match.name for match in directory().best(query)]


def test_names_are_folded() -> None:
    assert name_words("Conan O’Brien") == ("conan", "obrien")
    assert name_words("  IÑAKI   godoy ") == ("inaki", "godoy")
    assert name_words("Dr. Sydney Burke") == ("dr", "sydney", "burke")


def test_the_whole_name_in_any_case_or_accent() -> None:
    assert best("tyler robinson") == ["Tyler Robinson"]
    assert best("INAKI GODOY") == ["Iñaki Godoy"]
    assert best("conan obrien") == ["Conan O'Brien"]
    assert best("z") == ["Z"]
    assert directory().find("tyler robinson")[0].exact


def test_a_first_name_prefers_the_shortest_name_that_starts_with_it() -> None:
    found = [m.name for m in directory().find("tyler")]
    assert found[0] == "Tyler Robinson"  # a first name, and half the name
    assert found.index("Tyler Jacob Moore") < found.index("Liv Tyler")
    assert best("tyler") == ["Tyler Robinson"]


def test_a_last_name_or_a_middle_word() -> None:
    assert best("robinson") == ["Tyler Robinson"]
    assert best("sydney burke") == ["Dr. Sydney Burke"]


def test_a_typo_in_a_long_enough_word() -> None:
    assert best("tylr robinson") == ["Tyler Robinson"]
    assert best("inaki godoi") == ["Iñaki Godoy"]
    assert best("sidney") == ["Dr. Sydney Burke"]


def test_short_words_are_not_stretched_into_others() -> None:
    assert best("amt") == []
    assert best("liz tyler") == []


def test_ties_are_kept_for_the_caller_to_say_so() -> None:
    assert best("amy") == ["Amy Adams", "Amy Poehler"]


def test_every_word_must_fit() -> None:
    assert best("tyler adams") == []
    assert best("") == [] and best("!!") == []


def test_a_key_is_added_once() -> None:
    names = NameDirectory([(1, "Ann Lee"), (1, "Other Name"), (2, "Ann Lee")])
    assert len(names) == 2 and names.name(1) == "Ann Lee"
    assert {m.key for m in names.best("ann lee")} == {1, 2}


def test_fast_on_the_real_catalogues_people(netflix_csv: Path) -> None:
    people: set[str] = set()
    with netflix_csv.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for column in ("cast", "director"):
                people.update(n.strip() for n in (row[column] or "").split(",") if n.strip())
    names = NameDirectory(enumerate(sorted(people)))
    assert len(names) > 30_000
    queries = ["shah rukh khan", "adam sandlr", "tyler", "lily collins", "natasha lyone"]
    started = time.perf_counter()
    found = {q: [m.name for m in names.best(q)] for q in queries}
    elapsed = time.perf_counter() - started
    assert found["shah rukh khan"] == ["Shah Rukh Khan"]
    assert found["adam sandlr"] == ["Adam Sandler"]
    assert found["lily collins"] == ["Lily Collins"]
    assert found["natasha lyone"] == ["Natasha Lyonne"]
    assert len(found["tyler"]) > 5  # a first name many people share
    # Dictionary lookups, and one pass over the vocabulary per typo: far under a second.
    assert elapsed < 1.0, elapsed
