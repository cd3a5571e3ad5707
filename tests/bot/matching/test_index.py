"""Title resolution on small hand-made catalogues, and heavy typos on the real one; the
accuracy floors on the real catalogue are in test_accuracy."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from benchmarks.catalogues import read_real_titles, real_entries
from bot.matching.index import TitleEntry, TitleIndex

CATALOGUE = [
    TitleEntry(1, "Partner Track", 2022, "Netflix", status_date=date(2022, 11, 8)),
    TitleEntry(2, "The Imperfects", 2022, "Netflix", status_date=date(2022, 11, 8)),
    TitleEntry(3, "The Watcher", 2022, "Netflix", status_date=date(2022, 11, 7)),
    TitleEntry(
        4,
        "Dahmer – Monster: The Jeffrey Dahmer Story",
        2022,
        "Netflix",
        aliases=("Monster",),
        status_date=date(2022, 11, 7),
    ),
    TitleEntry(5, "MacGyver", 1985, "ABC"),
    TitleEntry(6, "MacGyver", 2016, "CBS"),
    TitleEntry(7, "Dark", 2017, "Netflix"),
    TitleEntry(8, "You", 2018, "Netflix"),
    TitleEntry(9, "Blood & Water", 2020, "Netflix"),
    TitleEntry(10, "Pokémon: Indigo League", 1997, "Netflix"),
    TitleEntry(11, "Pokémon: Mewtwo Strikes Back", 2019, "Netflix"),
    TitleEntry(12, "Rocky IV", 1985),
    TitleEntry(13, "Who Killed Sara?", 2021, "Netflix"),
    TitleEntry(14, "La Casa de Papel", 2017, "Netflix", original_title="Money Heist"),
]


@pytest.fixture
def index() -> TitleIndex:
    return TitleIndex(CATALOGUE)


def _named(index: TitleIndex, question: str) -> str | None:
    resolution = index.resolve(question)
    return resolution.match.entry.title if resolution.match else None


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("is partner track cancelled?", "Partner Track"),
        ("Partner Track", "Partner Track"),
        ("is parnter track canceled", "Partner Track"),  # swapped letters
        ("partnr track", "Partner Track"),  # a dropped letter
        ("imperfects season 2?", "The Imperfects"),  # no "The"
        ("is the watcher renewed", "The Watcher"),
        ("dahmer renewed?", "Dahmer – Monster: The Jeffrey Dahmer Story"),  # the subtitle dropped
        ("will monster get a season 3", "Dahmer – Monster: The Jeffrey Dahmer Story"),  # alias
        ("blood and water season 3", "Blood & Water"),
        ("BLOOD & WATER!!!", "Blood & Water"),
        ("rocky 4", "Rocky IV"),
        ("is dark renewed", "Dark"),
        ("is you cancelled pls", "You"),
        ("who killed sara renewed?", "Who Killed Sara?"),
        ("money heist season 5", "La Casa de Papel"),  # original title
        ("pokemon indigo league", "Pokémon: Indigo League"),
    ],
)
def test_resolves(index: TitleIndex, question: str, title: str) -> None:
    assert _named(index, question) == title


@pytest.mark.parametrize(
    "question",
    [
        "is breaking bad renewed",
        "dark matter season 2",
        "the crown",
        "stranger things",
        "is it over",
        "",
        "???",
    ],
)
def test_names_no_show_when_none_fits(index: TitleIndex, question: str) -> None:
    assert _named(index, question) is None


def test_a_year_tells_remakes_apart(index: TitleIndex) -> None:
    assert index.resolve("macgyver 2016").match.entry.show_id == 6  # type: ignore[union-attr]
    assert index.resolve("macgyver 1985 renewed?").match.entry.show_id == 5  # type: ignore[union-attr]


def test_a_network_tells_remakes_apart(index: TitleIndex) -> None:
    resolution = index.resolve("is macgyver the cbs one renewed")
    assert resolution.match is not None and resolution.match.entry.show_id == 6


def test_remakes_without_a_hint_are_ambiguous_between_them(index: TitleIndex) -> None:
    resolution = index.resolve("is macgyver renewed")
    assert resolution.ambiguous
    assert {c.entry.show_id for c in resolution.candidates} == {5, 6}


def test_a_shortening_shared_by_two_shows_is_ambiguous(index: TitleIndex) -> None:
    resolution = index.resolve("pokemon")
    assert resolution.match is None and resolution.ambiguous
    assert {c.entry.show_id for c in resolution.candidates} == {10, 11}


def test_suggestions_for_a_near_miss(index: TitleIndex) -> None:
    resolution = index.resolve("partner trak doom")
    assert resolution.match is None
    assert [c.entry.title for c in resolution.candidates][:1] == ["Partner Track"]


def test_edits_are_incremental(index: TitleIndex) -> None:
    index.upsert(TitleEntry(15, "Stranger Things", 2016, "Netflix"))
    assert _named(index, "stranger things season 5") == "Stranger Things"
    index.upsert(TitleEntry(15, "Strange Things", 2016, "Netflix"))  # renamed
    assert _named(index, "is strange things renewed") == "Strange Things"
    assert "Stranger Things" not in [e.title for e in index.complete("stranger")]
    index.remove(15)
    assert _named(index, "strange things") is None
    assert 15 not in index and len(index) == len(CATALOGUE)


def test_complete_puts_prefix_matches_first(index: TitleIndex) -> None:
    titles = [e.title for e in index.complete("the w")]
    assert titles[0] == "The Watcher"
    assert [e.title for e in index.complete("watch")][:1] == ["The Watcher"]
    assert "Partner Track" in [e.title for e in index.complete("partnr")]


def test_complete_on_empty_input_leads_with_recent_news(index: TitleIndex) -> None:
    titles = [e.title for e in index.complete("")]
    assert titles[:2] == ["Partner Track", "The Imperfects"] or titles[:2] == [
        "The Imperfects",
        "Partner Track",
    ]
    assert len(titles) == len(CATALOGUE)


def test_complete_caps_its_answers() -> None:
    index = TitleIndex(TitleEntry(i, f"Show {i}") for i in range(1, 200))
    assert len(index.complete("show", limit=25)) == 25
    assert len(index.complete("", limit=25)) == 25


def test_long_and_odd_queries_are_harmless(index: TitleIndex) -> None:
    assert index.resolve("is partner track cancelled " + "please " * 70).match is not None
    assert index.resolve("🙂 \u200b ☃ \x00 ∑").match is None
    assert index.complete("ü" * 500) == []


SEQUELS = [
    TitleEntry(101, "Scream", 1996, film=True),
    TitleEntry(102, "The Witcher", 2019, "Netflix"),
    TitleEntry(103, "Forgotten", 2017),
    TitleEntry(104, "The Tour", 2015, film=True),
    TitleEntry(105, "The End of the Tour", 2015, film=True),
    TitleEntry(106, "Alone", 2015),
    TitleEntry(107, "Last Summer", 2021),
    TitleEntry(108, "The Last Summer", 2019),
]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("the witcher 2", "The Witcher"),  # a series: the number is a season
        ("scream 2 cast", None),  # a film: the number is a sequel that is not there
        ("is the forgotten renewed", None),  # an article the title does not have
        ("forgotten renewed", "Forgotten"),
        ("end of the tour", "The End of the Tour"),  # the name that explains more wins
        ("last summer", "Last Summer"),  # the exact title over its article-less twin
        ("alnoe renewed", "Alone"),  # a typing slip
        ("axone renewed", "Alone"),  # not a slip, but one edit of any letter (issue 9)
        ("alones renewed", None),  # an ending added: another word, not a typo
    ],
)
def test_numbers_articles_and_slips(question: str, title: str | None) -> None:
    assert _named(TitleIndex(SEQUELS), question) == title


# -- heavy typos: edits of any kind (issue 9) ------------------------------------------------


@cache
def _real_index(netflix_csv: Path, without: frozenset[str] = frozenset()) -> TitleIndex:
    titles = [t for t in read_real_titles(netflix_csv) if t.title not in without]
    return TitleIndex(real_entries(titles))


@pytest.fixture
def real_index(netflix_csv: Path) -> TitleIndex:
    """The whole real catalogue (8,807 titles), built once for these tests."""
    return _real_index(netflix_csv)


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        # One edit in a short title, in a word of four letters or more, of any letter: not
        # a neighbouring key, and the first letter too.
        ("white fank", "White Fang"),
        ("white fing", "White Fang"),
        ("white fbng", "White Fang"),
        ("white fanx", "White Fang"),
        # Two edits in a title of twelve characters or more, anywhere.
        ("canine intrevnetion", "Canine Intervention"),
        ("canine intrventio", "Canine Intervention"),
        ("cabnie intervention", "Canine Intervention"),
        ("schoo of roc", "School of Rock"),
        ("chool of mock", "School of Rock"),
        ("skool of rock", "School of Rock"),
        ("school fo rock", "School of Rock"),
        ("breking bda", "Breaking Bad"),
    ],
)
def test_heavy_typos_of_real_titles(real_index: TitleIndex, typed: str, title: str) -> None:
    # The reader asks about spans of a question: a bare title, or one wrapped in question words.
    for question in (typed, f"is {typed} renewed?", f"who plays in {typed}", f"{typed} season 2"):
        assert _named(real_index, question) == title, question


@pytest.mark.parametrize(
    "question",
    [
        "is the sopranso renewed",  # The Sopranos is not in the catalogue
        "game of throens cast",
        "succesion season 4",
        "ted laso",
        "whte fanj",  # two edits: one too many for a short title
    ],
)
def test_heavy_typos_of_absent_titles_name_no_show(real_index: TitleIndex, question: str) -> None:
    assert _named(real_index, question) is None


NOT_THERE = frozenset(
    {"Brothers", "Skylines", "Stuart Little", "Mute", "Badla", "American Me", "Into the Wild"}
)
"""Real titles held out of the catalogue: each is one or two edits from a title that stays."""


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("is brothe cancelled", "Brother"),  # a last letter left out is a typo
        ("is brothers cancelled?", None),  # an ending added is another word: "Brother"
        ("how did skylines end", None),  # "Skyline"
        ("stuart littel 2", "Stuart Little 2"),
        ("will there be a season 3 of stuart little", None),  # a number left out: "... 2"
        ("any news on mute?", None),  # a shortening, "Mune" of "Mune: Guardian of the
        # Moon", typed with edits is two guesses
        ("who plays in badla?", None),  # a word the catalogue knows, in a short name: meant
        ("american me cast", None),  # a known word two edits from "The American Game"
        ("is into the wilf coming back", "Into the Wind"),
    ],
)
def test_what_heavy_typos_may_be(netflix_csv: Path, question: str, title: str | None) -> None:
    assert _named(_real_index(netflix_csv, NOT_THERE), question) == title


SPELLINGS = [
    TitleEntry(201, "Doom", 2005, film=True),
    TitleEntry(202, "Zoom", 2015, film=True),
    TitleEntry(203, "Brother", 2000, film=True),
    TitleEntry(204, "You", 2018, "Netflix"),
    TitleEntry(205, "Fate", 2010, film=True),
]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("brothe renewed", "Brother"),
        ("fatx", "Fate"),
        ("yuo renewed", None),  # three letters: too many titles are one edit away
    ],
)
def test_heavy_typos_in_a_small_catalogue(question: str, title: str | None) -> None:
    assert _named(TitleIndex(SPELLINGS), question) == title


def test_two_names_as_close_make_the_question_ambiguous() -> None:
    resolution = TitleIndex(SPELLINGS).resolve("who plays in dzoom?")
    assert resolution.match is None and resolution.ambiguous
    assert {c.entry.title for c in resolution.candidates} == {"Doom", "Zoom"}


def test_heavy_typos_find_shows_added_and_forget_shows_removed() -> None:
    index = TitleIndex(SPELLINGS)
    assert _named(index, "a seriuos mna") is None
    index.upsert(TitleEntry(210, "A Serious Man", 2009, film=True))
    assert _named(index, "a seriuos mna") == "A Serious Man"
    index.remove(210)
    assert _named(index, "a seriuos mna") is None
