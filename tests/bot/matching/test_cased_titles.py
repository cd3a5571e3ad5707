"""Titles picked out of long messages by their capitals."""

from __future__ import annotations

from bot.matching.cased_titles import capitalised_runs, cased
from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.reader import QuestionReader

INDEX = TitleIndex(
    [
        TitleEntry(1, "The Good Place", 2016, "NBC"),
        TitleEntry(2, "Home", 2015, film=True),
        TitleEntry(3, "Three", 2016, film=True),
        TitleEntry(4, "Locke & Key", 2020, "Netflix"),
        TitleEntry(5, "Crash", 2004, film=True),
        TitleEntry(6, "Red", 2010, film=True),
        TitleEntry(7, "Hello, Love, Goodbye", 2019, film=True),
        TitleEntry(8, "Crash Landing on You", 2019, "Netflix"),
        TitleEntry(9, "The Queen", 2006, film=True),
        TitleEntry(10, "Queen", 2014, film=True),
    ]
)


def titles(question: str) -> list[str | None]:
    reading = QuestionReader(INDEX).read(question)
    return [s.match.entry.title if s.match else None for s in reading.subjects]


def test_runs_of_capitals_leave_out_sentence_starts_numbers_and_shouting() -> None:
    runs = capitalised_runs("Anyway, I watched The Good Place ALONE. Is there more Locke & Key?")
    assert [run.items for run in runs] == [("the", "good", "place"), ("locke", "and", "key")]
    assert cased("is Dark good") and not cased("is dark good") and not cased("IS DARK GOOD")


def test_a_capitalised_title_wins_over_everyday_titles_in_the_sentence() -> None:
    question = (
        "ok so i'm at home, three hours into my shift, and the whole ward is obsessed with "
        "The Good Place. how many seasons?"
    )
    assert titles(question) == ["The Good Place"]
    assert titles("we watched Hello, Love, Goodbye last night, who directed it?") == [
        "Hello, Love, Goodbye"
    ]


def test_capitals_that_are_only_part_of_a_name_name_nothing_by_themselves() -> None:
    assert "Red" not in titles("Hola, is Red Notice getting a sequel?")
    assert "Crash" not in titles("we finished Crash landing on you, is there a season 2")
    assert titles("we watched Crash yesterday, who directed it?") == ["Crash"]
    assert "Queen" not in titles("who's in The Good Place, is that Kristen Bell girl the Queen?")
