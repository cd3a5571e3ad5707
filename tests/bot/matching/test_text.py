from __future__ import annotations

import pytest

from bot.matching.text import Shortening, fold, main_title, title_variants, words


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
