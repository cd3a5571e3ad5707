"""Phrasings of decisions the reader learnt from tuning set H (prose roundups, commissioning
slates, final seasons), each on invented shows, with the names beside them that must get
nothing."""

from __future__ import annotations

import pytest

from bot.matching.index import TitleIndex
from bot.news.article import read_article
from bot.news.reader import NewsReader


def said(text: str) -> list[tuple[str, str, int | None]]:
    reading = NewsReader(TitleIndex()).read(read_article(text))
    return [(p.show, p.value, p.seasons) for p in reading.proposals if p.field == "status"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # an earlier credit in brackets is no subject of the verb after it
            "Additionally, the comedy Gilded Lanterns, based on a Jane Roe (Paper Moons, Quiet "
            "Harbour) film of the same name, was also renewed for its third season.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "Newcomers to the network, the comedy Gilded Lanterns and Jane Roe’s Paper Moons, "
            "received renewal for their respective second seasons.",
            [("Gilded Lanterns", "renewed", 1), ("Paper Moons", "renewed", 1)],
        ),
        (
            "Fox’s summer breakout Gilded Lanterns will in fact return for a 10-episode second "
            "season.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "The network has renewed the Jane Roe vehicle Gilded Lanterns for a fourth season.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "According to Deadline, the drama Gilded Lanterns has received a second season order.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "They renewed 3 other series that I also don’t watch — Gilded Lanterns, Paper Moons "
            "and Quiet Harbour.",
            [
                ("Gilded Lanterns", "renewed", None),
                ("Paper Moons", "renewed", None),
                ("Quiet Harbour", "renewed", None),
            ],
        ),
        (
            "Gilded Lanterns has been renewed for a fifth season at Netflix, which will also be "
            "its last.",
            [("Gilded Lanterns", "ending", 1)],
        ),
        (
            "Returning to BBC One for a two-part special is crime drama Gilded Lanterns.",
            [("Gilded Lanterns", "renewed", None)],
        ),
        (
            "Also, the anthology series Paper Moons will have a spin-off series entitled Gilded "
            "Lanterns.",
            [("Gilded Lanterns", "ordered", None)],
        ),
        (
            # an order named by the work it adapts, not by the work's author
            "Disney also confirmed a greenlight for a scripted series based on Jane Roe’s book "
            "series Gilded Lanterns.",
            [("Gilded Lanterns", "ordered", None)],
        ),
        (
            "BBC One has unveiled new commissions, including a fourth season of Paper Moons and "
            "an adaptation of the young adult novel Gilded Lanterns.",
            [("Paper Moons", "renewed", 1), ("Gilded Lanterns", "ordered", None)],
        ),
        (
            "NBC has also added freshman sitcom 'Gilded Lanterns' to its ever-growing list of "
            "cancellations, as well as dramas 'Paper Moons' and 'Quiet Harbour.'",
            [
                ("Gilded Lanterns", "cancelled", None),
                ("Paper Moons", "cancelled", None),
                ("Quiet Harbour", "cancelled", None),
            ],
        ),
        (
            "Gilded Lanterns, a dramedy about four women exploring love, careers and midlife "
            "crises in L.A. was canceled after one season, its creator Jane Roe confirmed.",
            [("Gilded Lanterns", "cancelled", None)],
        ),
    ],
)
def test_a_phrasing_gives_its_show_its_decision(
    sentence: str, expected: list[tuple[str, str, int | None]]
) -> None:
    assert said(f"TV news\n\n{sentence}") == expected


def test_a_spinoff_that_concludes_is_the_article_s_show_not_its_parent() -> None:
    text = (
        "It's the end of the road for Gilded Lanterns on FOX.\n\n"
        "It was announced Thursday that the Paper Moons spinoff will conclude with its upcoming "
        "fifth season.\n\nGilded Lanterns Season 4 found the club in mourning."
    )
    assert said(text) == [("Gilded Lanterns", "ending", None)]


def test_it_stands_for_the_show_a_sentence_calls_a_show() -> None:
    text = (
        "TV news\n\nOn its naughty list is Jane Roe’s primetime variety show Gilded Lanterns; it "
        "won’t be coming back for more."
    )
    assert said(text) == [("Gilded Lanterns", "cancelled", None)]


def test_a_slate_s_shows_are_those_its_formats_describe() -> None:
    text = (
        "BBC One drama\n\n"
        "A trio of new series have been ordered by the BBC One controller Jane Roe.\n\n"
        "Gilded Lanterns, a 4×1-hour event drama, is set over one hot summer night.\n\n"
        "Paper Moons is a 6×1-hour series that centers on Sam Poe, a spy.\n\n"
        "The 3×1-hour Quiet Harbour, made by BBC Drama Production, is an adaptation of the "
        "Charles Dickens classic by John Doe."
    )
    assert said(text) == [
        ("Gilded Lanterns", "ordered", None),
        ("Paper Moons", "ordered", None),
        ("Quiet Harbour", "ordered", None),
    ]


def test_a_writer_s_aside_is_no_scorecard_line() -> None:
    text = (
        "Cancelled in 2022\n\n"
        "Note: This list focuses on canceled shows that aired on broadcast TV, not cable."
    )
    assert said(text) == []


def test_a_show_that_joins_them_shares_their_fate() -> None:
    text = (
        "TV news\n\nVariety reports that Paper Moons and Quiet Harbour have both been canceled "
        "after their first season. Gilded Lanterns, which saw its second season arrive this "
        "past summer, will be joining them."
    )
    assert ("Gilded Lanterns", "cancelled", None) in said(text)


def test_a_title_that_opens_a_sentence_keeps_its_everyday_first_words() -> None:
    text = (
        "TV news\n\nOn the Verge, a dramedy about four women in L.A. was canceled after one "
        "season.\n\nFans had hoped for Season 2 of On the Verge."
    )
    assert said(text) == [("On the Verge", "cancelled", None)]


def test_a_title_case_headline_keeps_the_names_listed_beside_one_the_article_names() -> None:
    text = (
        "Cancellation Watch: Paper Moons, The 100, Gilded Lanterns, and More Shows Will Be "
        "Ending This Season\n\n"
        "Paper Moons (ABC, Ending After 7 Seasons): This show was a fan-favorite."
    )
    assert ("Gilded Lanterns", "ending", None) in said(text)


def test_the_final_season_of_an_article_that_names_its_show_later_is_that_show_s() -> None:
    text = (
        "It's the end of the line for another Netflix series.\n\n"
        "The good news for fans is that the final season is currently in production.\n\n"
        "Gilded Lanterns initially started as a BBC original.\n\n"
        "Gilded Lanterns also stars Jane Roe.\n\n"
        "The news comes just a day after it emerged that Paper Moons had been canceled."
    )
    assert said(text) == [
        ("Gilded Lanterns", "ending", None),
        ("Paper Moons", "cancelled", None),
    ]


def test_a_slate_names_its_new_dramas_and_what_it_adapts_into_them() -> None:
    text = (
        "BBC One commissions\n\n"
        "The BBC has unveiled new commissions for BBC One, including a comedy.\n\n"
        "Jane Roe will adapt John Doe’s novel “Gilded Lanterns” into a four-part drama.\n\n"
        "Paper Moons is a new original drama series from writer Sam Poe.\n\n"
        "BBC One is also getting a new six-part drama from the same team. Quiet Harbour is "
        "created and written by Ann Lee."
    )
    found = said(text)
    for show in ("Gilded Lanterns", "Paper Moons", "Quiet Harbour"):
        assert (show, "ordered", None) in found
    assert not any(name in ("Jane Roe", "John Doe", "Sam Poe", "Ann Lee") for name, *_ in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gilded Lanterns is set to return for a fourth season.", [("Gilded Lanterns", "renewed")]),
        ("Gilded Lanterns is returning for season two.", [("Gilded Lanterns", "renewed")]),
        (
            "Gilded Lanterns will return for a second series on BBC One.",
            [("Gilded Lanterns", "renewed")],
        ),
        ("Gilded Lanterns is getting a second season.", [("Gilded Lanterns", "renewed")]),
        ("Gilded Lanterns has been dropped by Netflix.", [("Gilded Lanterns", "cancelled")]),
        ("NBC has picked up Gilded Lanterns to series.", [("Gilded Lanterns", "ordered")]),
        ("FX has greenlit Gilded Lanterns to series.", [("Gilded Lanterns", "ordered")]),
        (
            "Netflix has revived Gilded Lanterns for a fourth season.",
            [("Gilded Lanterns", "renewed")],
        ),
        (
            "Amazon has saved Gilded Lanterns with a fourth season order.",
            [("Gilded Lanterns", "renewed")],
        ),
        (
            "Gilded Lanterns will bid farewell after its sixth season.",
            [("Gilded Lanterns", "ending")],
        ),
        (
            "Neither Gilded Lanterns nor Paper Moons will return next season.",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        (
            "Neither Gilded Lanterns nor Paper Moons was renewed.",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        (
            "Gilded Lanterns and Paper Moons are done at Fox.",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        ("Gilded Lanterns has reached the end of the road.", [("Gilded Lanterns", "cancelled")]),
        ("Netflix has given Gilded Lanterns the boot.", [("Gilded Lanterns", "cancelled")]),
        (
            "Netflix has canned Gilded Lanterns after one season.",
            [("Gilded Lanterns", "cancelled")],
        ),
        ("Gilded Lanterns was given a second season.", [("Gilded Lanterns", "renewed")]),
        (
            "Gilded Lanterns has been picked up for seasons 3 and 4.",
            [("Gilded Lanterns", "renewed")],
        ),
        (
            "The network also ordered Gilded Lanterns and Paper Moons to series.",
            [("Gilded Lanterns", "ordered"), ("Paper Moons", "ordered")],
        ),
        ("Fox is ending Gilded Lanterns after seven seasons.", [("Gilded Lanterns", "ending")]),
        ("Gilded Lanterns' run ends with season four.", [("Gilded Lanterns", "ending")]),
        ("Gilded Lanterns is wrapping up with season 5.", [("Gilded Lanterns", "ending")]),
        (
            "The upcoming fourth season of Gilded Lanterns will be its final one.",
            [("Gilded Lanterns", "ending")],
        ),
        (
            "Of the four canceled shows, Gilded Lanterns had the longest run at eight seasons.",
            [("Gilded Lanterns", "cancelled")],
        ),
        (
            "Good news for fans of Gilded Lanterns: the comedy has been renewed for a second "
            "season.",
            [("Gilded Lanterns", "renewed")],
        ),
    ],
)
def test_a_common_phrasing_is_read(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(show, value) for show, value, _ in said(f"TV news\n\n{sentence}")] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The drama bids farewell to its longtime star Jane Roe.",
        "Netflix dropped the trailer for Gilded Lanterns on Tuesday.",
        "Neither Jane Roe nor John Doe will return to host the awards.",
        "Gilded Lanterns is done filming its second season.",
        "Netflix is ending its deal with the producers of Gilded Lanterns next year.",
    ],
)
def test_near_misses_of_those_phrasings_decide_nothing(sentence: str) -> None:
    assert said(f"TV news\n\n{sentence}") == []
