from __future__ import annotations

import pytest

from bot.matching.text import (
    Shortening,
    another_ending,
    edit_similarity,
    edits_between,
    fold,
    main_title,
    slip_similarity,
    title_variants,
    words,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Pokémon: Indigo League", "pokemon indigo league"),
        ("Blood & Water", "blood and water"),
        ("Grey's Anatomy", "greys anatomy"),
        ("Darwin’s Game", "darwins game"),
        ("Legend\xa0of\xa0Exorcism", "legend of exorcism"),
        ("Rocky IV", "rocky 4"),
        ("  THE   CROWN!! ", "the crown"),
        ("Q-Force", "q force"),
        ("Iñaki", "inaki"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_single_letters_stay_letters() -> None:
    assert words("V") == ["v"]
    assert words("I Am Not Okay With This")[0] == "i"


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("Dahmer – Monster: The Jeffrey Dahmer Story", "Dahmer"),
        ("Money Heist: From Tokyo to Berlin", "Money Heist"),
        ("Little Singham - Black Shadow", "Little Singham"),
        ("Tughlaq Durbar (Telugu)", "Tughlaq Durbar"),
        ("Spider-Man", None),
        ("Partner Track", None),
    ],
)
def test_main_title(title: str, head: str | None) -> None:
    assert main_title(title) == head


def test_variants_drop_the_article_and_the_subtitle() -> None:
    variants = {" ".join(v): how for v, how in title_variants("The Witcher: Blood Origin")}
    assert variants == {
        "the witcher blood origin": Shortening.NONE,
        "witcher blood origin": Shortening.ARTICLE,
        "the witcher": Shortening.SUBTITLE,
        "witcher": Shortening.SUBTITLE,
    }


@pytest.mark.parametrize(
    ("typed", "stored", "edits"),
    [
        ("white fang", "white fang", 0),
        ("whte fang", "white fang", 1),  # a letter left out
        ("canyne", "canine", 1),  # any letter, not a neighbouring key
        ("sckool of rock", "school of rock", 1),
        ("ovneight", "overnight", 2),  # a swap and an insert between: not OSA's 3
        ("xyz", "abc", 3),  # over the limit of 2
    ],
)
def test_edits_between(typed: str, stored: str, edits: int) -> None:
    assert edits_between(typed, stored, 2) == edits


def test_edit_similarity_counts_every_edit_alike_where_slips_do_not() -> None:
    # One edit in six letters, a random letter or a neighbouring key alike.
    assert edit_similarity("canyne", "canine", 2) == pytest.approx(1 - 1 / 6)
    assert edit_similarity("canune", "canine", 2) == pytest.approx(1 - 1 / 6)
    assert slip_similarity("canune", "canine") > slip_similarity("canyne", "canine")
    assert edit_similarity("intrevnetion", "intervention", 2) == pytest.approx(1 - 2 / 12)
    assert edit_similarity("intrevnetion", "intervention", 1) == 0.0


@pytest.mark.parametrize(
    ("typed", "stored", "another"),
    [
        ("brothers", "brother", True),
        ("players", "player", True),
        ("revenger", "revenge", True),
        ("stoke", "stoked", True),  # either way round
        ("brothre", "brother", False),
        ("brother", "brother", False),
    ],
)
def test_another_ending(typed: str, stored: str, another: bool) -> None:
    assert another_ending(typed, stored) is another


def test_a_title_with_two_subtitles_is_known_up_to_each() -> None:
    names = [" ".join(w) for w, _ in title_variants("Dahmer – Monster: The Jeffrey Dahmer Story")]
    assert names[:3] == ["dahmer monster the jeffrey dahmer story", "dahmer", "dahmer monster"]


def test_a_subtitle_with_a_rare_word_stands_for_its_show_and_an_everyday_one_does_not() -> None:
    dahmer = [" ".join(w) for w, _ in title_variants("Dahmer – Monster: The Jeffrey Dahmer Story")]
    assert dahmer[3:] == ["the jeffrey dahmer story", "jeffrey dahmer story"]
    king = [" ".join(w) for w, _ in title_variants("King of Boys: The Return of the King")]
    assert "the return of the king" not in king  # another film's subtitle, and everyday words
    assert "one night stand" not in [
        " ".join(w) for w, _ in title_variants("Bill Hicks: One Night Stand")
    ]
