"""A held title written inside a longer name the catalogue lacks names no show; the same
title beside the words people ask with is still the show."""

from __future__ import annotations

import pytest

from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.reader import QuestionReader

SHOWS = [
    TitleEntry(1, "Bird Box", 2018, film=True),
    TitleEntry(2, "Dexter", 2006, "Showtime"),
    TitleEntry(3, "The Island", 2018),
    TitleEntry(4, "Game", 1997, film=True),
    TitleEntry(5, "Squid Game", 2021, "Netflix"),
    TitleEntry(6, "The Challenge", 2016),
    TitleEntry(7, "Narcos", 2015, "Netflix"),
    TitleEntry(8, "Narcos: Mexico", 2018, "Netflix"),
    TitleEntry(9, "Madre", 2016, film=True),
    TitleEntry(10, "Lucifer", 2016, "Netflix"),
    TitleEntry(11, "Partner Track", 2022, "Netflix"),
    TitleEntry(12, "Ozark", 2017, "Netflix"),
    TitleEntry(13, "Welcome", 2007, film=True),
    TitleEntry(14, "Dark", 2017, "Netflix"),
]


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return QuestionReader(TitleIndex(SHOWS))


def named(reader: QuestionReader, question: str) -> list[str | None]:
    return [s.match.entry.title if s.match else None for s in reader.read(question).subjects]


@pytest.mark.parametrize(
    ("question", "longer"),
    [
        ("is Bird Box Barcelona any good?", "bird box barcelona"),
        ("Dexter: New Blood cast", "dexter new blood"),
        ("is Love Island renewed", "love island"),
        ("how did Game of Thrones end", "game of thrones"),
        ("did Squid Game: The Challenge get renewed?", "squid game the challenge"),
        ("¿Amor de Madre fue cancelada?", "amor de madre"),
        ("my friend has a web show called Lucifer's Kitchen, did it get renewed?", None),
        ("how far is Welcome to Wrexham into its run", "welcome to wrexham"),
    ],
)
def test_a_held_name_inside_a_longer_one_names_no_show(
    reader: QuestionReader, question: str, longer: str | None
) -> None:
    reading = reader.read(question)
    assert all(s.match is None and not s.ambiguous for s in reading.subjects), named(
        reader, question
    )
    if longer is not None:
        assert reading.subject_words == longer
        # the show it holds is still offered as the nearest one
        assert reading.subjects[0].candidates


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("is Dexter renewed?", "Dexter"),
        ("is Ozark Season 4 out", "Ozark"),
        ("Is Dark on Netflix renewed", "Dark"),
        ("Partner Track: cancelled or not?", "Partner Track"),
        ("who plays Z in Partner Track", "Partner Track"),
        ("how many seasons does Narcos: Mexico have", "Narcos: Mexico"),
        ("Is The Island Renewed For Season 2", "The Island"),  # Title Case: capitals say nothing
        ("we read The Partner Track by Helen Wan, is it a show now?", "Partner Track"),
        ("Wer spielt in der Serie Dark mit?", "Dark"),  # German capitalises its nouns
    ],
)
def test_a_held_name_beside_words_that_ask_is_the_show(
    reader: QuestionReader, question: str, title: str
) -> None:
    assert title in named(reader, question)


def test_a_name_not_found_is_told_as_the_message_capitalised_it() -> None:
    reader = QuestionReader(TitleIndex([TitleEntry(1, "Partner Track", 2022, "Netflix")]))
    # "love" alone reads as chatter; written with capitals, it is the name's first word
    assert reader.read("is Love Island renewed").subject_words == "love island"
    assert reader.read("is love island renewed").subject_words == "island"
