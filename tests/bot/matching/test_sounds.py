"""Titles written down by ear, and typos that must stay typos."""

from __future__ import annotations

from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.reader import QuestionReader
from bot.matching.sounds import sounded_out

STORED = {"inception", "nation", "beasts", "of", "no", "grace", "and", "frankie", "squid", "game"}


def test_a_word_no_title_has_is_read_as_the_stored_word_it_sounds_like() -> None:
    assert sounded_out(["incepshun", "who", "directed"], STORED.__contains__) == [
        "inception",
        "who",
        "directed",
    ]
    assert sounded_out(["beasts", "of", "no", "nashun"], STORED.__contains__)[-1] == "nation"
    assert sounded_out(["franky"], STORED.__contains__) == ["frankie"]


def test_known_and_everyday_words_are_left_alone() -> None:
    assert sounded_out(["game", "shows"], STORED.__contains__) == ["game", "shows"]
    assert sounded_out(["zorblax"], STORED.__contains__) == ["zorblax"]


def test_the_reader_hears_a_title_only_when_the_index_cannot_read_it() -> None:
    reader = QuestionReader(
        TitleIndex(
            [
                TitleEntry(1, "Inception", 2010, film=True),
                TitleEntry(2, "Squid Game", 2021),
                TitleEntry(3, "Squad", 2020, film=True),
            ]
        )
    )
    incepshun = reader.read("incepshun who directed").subjects[0].match
    assert incepshun is not None and incepshun.entry.title == "Inception"
    # a slip of the keys stays a slip: "squod" is Squid Game, not heard as "squad"
    squid = reader.read("squod game s2").subjects[0].match
    assert squid is not None and squid.entry.title == "Squid Game"
