"""Roundups and headlines the reader learnt from tuning set H: a title-case headline's show,
lists in prose and in lines (notes, semicolons, numbers, table cells), and the shows named
beside the news that must get none of it; each on invented shows."""

from __future__ import annotations

import pytest

from tests.bot.news.test_reader_phrasings import said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gilded Lanterns Canceled After One Season at Netflix\n\n"
            "Netflix has cancelled the drama after just one season.",
            [("Gilded Lanterns", "cancelled")],
        ),
        (
            "Netflix Renews Gilded Lanterns for Seasons 3 and 4\n\n"
            "Netflix has renewed the comedy for two more seasons.",
            [("Gilded Lanterns", "renewed")],
        ),
        (
            "Gilded Lanterns to End With Season 5 at FX\n\n"
            "FX announced Tuesday that the comedy will end with its upcoming fifth season.",
            [("Gilded Lanterns", "ending")],
        ),
        (
            "ABC Renews Gilded Lanterns, Cancels Paper Moons\n\n"
            "ABC has renewed the drama for a second season. The network also cancelled its comedy.",
            [("Gilded Lanterns", "renewed"), ("Paper Moons", "cancelled")],
        ),
        # a line about shows in general names none
        (
            "Star Trek Spinoff Canceled at Paramount+\n\n"
            "Paramount+ has cancelled the series after one season.",
            [],
        ),
        ("Why Netflix Canceled Its Best Show\n\nNetflix cancelled the show last week.", []),
        (
            "Prime Video Renews Fantasy Epic for Season 3\n\n"
            "Prime Video has renewed the series for a third season.",
            [],
        ),
        ("Netflix Just Canceled Two Shows at Once\n\nNetflix has cancelled the dramas.", []),
    ],
)
def test_a_title_case_headline_names_the_show_its_article_speaks_of_as_the_series(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(show, value) for show, value, _ in said(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Every show renewed and cancelled in 2023\n\nRenewed\n\n1. Gilded Lanterns (Netflix)"
            "\n\n2. Paper Moons (HBO)\n\nCancelled\n\n1. Quiet Harbour (Hulu)",
            [
                ("Gilded Lanterns", "renewed"),
                ("Paper Moons", "renewed"),
                ("Quiet Harbour", "cancelled"),
            ],
        ),
        (
            "TV scorecard\n\nGilded Lanterns | Netflix | Renewed\n\nPaper Moons | HBO | Cancelled",
            [("Gilded Lanterns", "renewed"), ("Paper Moons", "cancelled")],
        ),
        (
            "TV scorecard\n\nGilded Lanterns, Netflix — renewed for season 3\n\n"
            "Paper Moons, HBO — cancelled after one season",
            [("Gilded Lanterns", "renewed"), ("Paper Moons", "cancelled")],
        ),
        (
            "Shows ending in 2024\n\nThese shows will air their final seasons this year.\n\n"
            "Gilded Lanterns (Netflix)\n\nPaper Moons (HBO)",
            [("Gilded Lanterns", "ending"), ("Paper Moons", "ending")],
        ),
        (
            "TV news\n\nNBC has renewed its entire Chicago lineup and more: Gilded Lanterns "
            "(season 12), Paper Moons (season 10) and Quiet Harbour (season 9).",
            [
                ("Gilded Lanterns", "renewed"),
                ("Paper Moons", "renewed"),
                ("Quiet Harbour", "renewed"),
            ],
        ),
        (
            "TV news\n\nPick-ups: Gilded Lanterns (no surprise there), iZombie, Paper Moons.",
            [("Gilded Lanterns", "ordered"), ("iZombie", "ordered"), ("Paper Moons", "ordered")],
        ),
        (
            "TV news\n\nThe cancelled shows are Gilded Lanterns (Netflix) and Paper Moons (HBO).",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
    ],
)
def test_a_roundup_s_list_gives_each_show_its_decision(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted((show, value) for show, value, _ in said(text)) == sorted(expected)


def test_an_active_verb_renews_what_follows_it_not_what_stands_before_it() -> None:
    text = (
        "TV news\n\nJane Roe Gilded LanternsShowtime has renewed Gilded Lanterns for a limited "
        "fourth and final season, the network confirmed Monday."
    )
    assert said(text) == [("Gilded Lanterns", "ending", 1)]


def test_a_list_goes_on_past_who_stars_in_each_show() -> None:
    text = (
        "TV news\n\nCBS is dropping some big-name stars and their shows: the Jane Roe drama "
        "“Gilded Lanterns” and sitcoms “Paper Moons” with John Doe, “Quiet Harbour” starring "
        "Ann Lee and “Broke” with Sam Poe."
    )
    assert sorted(show for show, _, _ in said(text)) == [
        "Broke",
        "Gilded Lanterns",
        "Paper Moons",
        "Quiet Harbour",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "NBC cancelled Gilded Lanterns, its freshman drama; Paper Moons, a comedy from Jane "
            "Roe; and Quiet Harbour.",
            ["Gilded Lanterns", "Paper Moons", "Quiet Harbour"],
        ),
        (
            "Fox cancelled Gilded Lanterns, the drama starring Jane Roe, and Paper Moons, the "
            "comedy from John Doe.",
            ["Gilded Lanterns", "Paper Moons"],
        ),
        (
            "NBC renewed Gilded Lanterns, which stars Jane Roe; Paper Moons; and Quiet Harbour.",
            ["Gilded Lanterns", "Paper Moons", "Quiet Harbour"],
        ),
        (
            "Renewed: Gilded Lanterns (season 3); Paper Moons (season 2).",
            ["Gilded Lanterns", "Paper Moons"],
        ),
        (
            "The biggest casualty was Gilded Lanterns, which ran for five seasons.",
            ["Gilded Lanterns"],
        ),
        (
            "Also returning next season are Gilded Lanterns and Paper Moons.",
            ["Gilded Lanterns", "Paper Moons"],
        ),
        (
            "New to the schedule are Gilded Lanterns, a drama from Jane Roe, and Paper Moons, a "
            "comedy starring John Doe.",
            ["Gilded Lanterns", "Paper Moons"],
        ),
        (
            "ABC has picked up new seasons of Gilded Lanterns and Paper Moons.",
            ["Gilded Lanterns", "Paper Moons"],
        ),
    ],
)
def test_a_prose_list_with_notes_and_semicolons_names_each_show(
    sentence: str, expected: list[str]
) -> None:
    assert sorted(show for show, _, _ in said(f"TV news\n\n{sentence}")) == expected


def test_a_clause_after_a_semicolon_keeps_its_own_decision() -> None:
    assert said("TV news\n\nABC renewed Gilded Lanterns; Paper Moons was cancelled.") == [
        ("Gilded Lanterns", "renewed", None),
        ("Paper Moons", "cancelled", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TV news\n\nThe show, from the producers of Gilded Lanterns, has been cancelled "
            "after one season.",
            [],
        ),
        (
            "TV news\n\nNetflix has renewed Paper Moons, its answer to HBO's Gilded Lanterns, for "
            "a second season.",
            [("Paper Moons", "renewed")],
        ),
        (
            "TV news\n\nFans of Gilded Lanterns will enjoy Paper Moons, which has been renewed "
            "for a second season.",
            [("Paper Moons", "renewed")],
        ),
        (
            "TV news\n\nThe creator of Gilded Lanterns has a new show, Paper Moons, which Netflix "
            "has ordered to series.",
            [("Paper Moons", "ordered")],
        ),
    ],
)
def test_a_show_named_beside_the_news_gets_none_of_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(show, value) for show, value, _ in said(text)] == expected
