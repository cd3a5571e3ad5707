"""What the reader learnt from tuning set J (roundups in prose, scorecards that forecast,
capitalised lists with descriptors): each rule on invented shows."""

from __future__ import annotations

import pytest

from tests.bot.news.test_reader_phrasings import said


def decided(text: str) -> list[tuple[str, str]]:
    return sorted((show, value) for show, value, _ in said(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NBC news\n\nNBC decided not to order any more of the comedies “Gilded Lanterns” and "
            "“Paper Moons.” Fox decided against more of the drama “Harbour Lights.”",
            [
                ("Gilded Lanterns", "cancelled"),
                ("Harbour Lights", "cancelled"),
                ("Paper Moons", "cancelled"),
            ],
        ),
        (
            "CW news\n\nThe network will also say goodbye to Gilded Lanterns with the 15th and "
            "final season.",
            [("Gilded Lanterns", "ending")],
        ),
        (
            "CBS news\n\nThen there's CBS, which is bringing Gilded Lanterns back for a final "
            "season. Paper Moons will return for a final season.",
            [("Gilded Lanterns", "ending"), ("Paper Moons", "ending")],
        ),
        # a final season named after another show goes only to the show it follows
        (
            "ABC news\n\nABC is sticking with Paper Moons and renewed Gilded Lanterns for a final "
            "season.",
            [("Gilded Lanterns", "ending"), ("Paper Moons", "renewed")],
        ),
        (
            "CW news\n\nThe rest of the superhero shows, Star Girl, Harbour Lights and Legends of "
            "Tomorrow are all coming back.",
            [
                ("Harbour Lights", "renewed"),
                ("Legends of Tomorrow", "renewed"),
                ("Star Girl", "renewed"),
            ],
        ),
        (
            "TV news\n\nThe only shows that debuted this year that were picked up by their "
            "networks were Fox’s “Gilded Lanterns” and “Paper Moons.”",
            [("Gilded Lanterns", "renewed"), ("Paper Moons", "renewed")],
        ),
        (
            "TV news\n\nDramas that won’t be continuing next season include NBC’s “Gilded "
            "Lanterns” and “Paper Moons.”",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        # more shows that share the decision, after it
        (
            "TV news\n\nLong-running favorites “Gilded Lanterns” and “Paper Moons” are ending "
            "their runs, along with “Harbour Lights” and two medical dramas, “Red Ward” and "
            "“Blue Ward.”",
            [
                ("Blue Ward", "ending"),
                ("Gilded Lanterns", "ending"),
                ("Harbour Lights", "ending"),
                ("Paper Moons", "ending"),
                ("Red Ward", "ending"),
            ],
        ),
    ],
)
def test_roundups_in_prose(text: str, expected: list[tuple[str, str]]) -> None:
    assert decided(text) == expected


def test_a_forecast_heading_gives_its_list_no_decision() -> None:
    text = (
        "Summer Renew/Cancel Week 9\n\n"
        "While Summer Renew/Cancels are usually reserved for Thursdays, this one is early.\n\n"
        "Certain to be Canceled:\nGilded Lanterns (0.4)\n\n"
        "Likely to be Renewed:\nPaper Moons (0.7)\n\n"
        "Leans Renewal:\nHarbour Lights (0.6)\n\n"
        "Fate Determined:\nThe 100 (Final Season)\nMan with a Plan (Canceled)\n"
        "Penn & Teller: Fool Us (Renewed)\nRoswell, New Mexico (Renewed)\n"
        "Whose Line Is It Anyway? (Renewed)"
    )
    assert decided(text) == [
        ("Man with a Plan", "cancelled"),
        ("Penn & Teller: Fool Us", "renewed"),
        ("Roswell, New Mexico", "renewed"),
        ("The 100", "ending"),
        ("Whose Line Is It Anyway?", "renewed"),
    ]


def test_a_capitalised_list_with_descriptors_keeps_a_show_and_its_spinoff_apart() -> None:
    text = (
        "CBS Announces Renewals\n\nThe renewed CBS Original series are #1 broadcast "
        "series/drama GILDED LANTERNS, #1 news program PAPER MOONS, HARBOUR LIGHTS, "
        "HARBOUR LIGHTS: HAWAI’I and the true crime docuseries 48 HOURS."
    )
    assert decided(text) == [
        ("48 HOURS", "renewed"),
        ("GILDED LANTERNS", "renewed"),
        ("HARBOUR LIGHTS", "renewed"),
        ("HARBOUR LIGHTS: HAWAI’I", "renewed"),
        ("PAPER MOONS", "renewed"),
    ]


def test_an_origin_story_is_a_word_about_the_show_it_names() -> None:
    text = "Fox news\n\nFox has renewed Batman origin story Gilded Lanterns for a fourth season."
    assert said(text) == [("Gilded Lanterns", "renewed", 1)]


def test_a_listicle_framed_by_its_lead_gives_each_heading_the_decision() -> None:
    lead = (
        "Cancellation is everywhere this year.\n\n"
        "With all this uncertainty, it’s time to take stock with an official list of the TV "
        "cancellations this year\n"
    )
    items = (
        "Gilded Lanterns (Prime Video)\n"
        "What’s it about? A lighthouse keeper solves murders. The first and only season ended "
        "on a cliffhanger.\n"
        "Paper Moons (AMC)\n"
        "What’s it about? A drama about the Chicago courts.\n"
    )
    assert decided(lead + items) == [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")]
    # a lead that only wonders about cancellations frames nothing
    wondering = lead.replace(
        "an official list of the TV cancellations", "a list of possible cancellations"
    )
    assert decided(wondering + items) == []


def test_a_heading_run_into_its_paragraph_is_the_subject_of_an_elided_clause() -> None:
    text = (
        "Netflix cancelled shows in 2020\n\n"
        "Gilded Lanterns This teen comedy saw a moderately positive response from critics, but "
        "was cancelled after only its first season.\n\n"
        "Paper Moons This drama won praise, and it is still streaming."
    )
    assert decided(text) == [("Gilded Lanterns", "cancelled")]
