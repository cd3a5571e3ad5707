"""Phrasings of decisions the reader learnt from tuning set I (prose roundups with quoted
titles, flattened lists, headings over paragraphs, UK orders), each on invented shows, with
the near misses that must decide nothing."""

from __future__ import annotations

import pytest

from bot.matching.index import TitleIndex
from bot.news.article import read_article
from bot.news.reader import NewsReader


def said(text: str) -> list[tuple[str, str, int | None]]:
    reading = NewsReader(TitleIndex()).read(read_article(text))
    return [(p.show, p.value, p.seasons) for p in reading.proposals if p.field == "status"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Streamers kept cutting. The service confirmed the new series Gilded Lanterns is on "
            "the chopping block.",
            [("Gilded Lanterns", "cancelled", None)],
        ),
        (
            "The network's bloodbath went on. “Paper Moons” has sung its last song, and "
            "“Quiet Harbour” and “Glass Towers” are one-and-done.",
            [
                ("Paper Moons", "cancelled", None),
                ("Quiet Harbour", "cancelled", None),
                ("Glass Towers", "cancelled", None),
            ],
        ),
        (
            "Jane Roe will return for a second series of crime drama Gilded Lanterns, ITV has "
            "announced.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "The network has handed out its first pilot-to-series order of the season to "
            "medical drama Paper Moons.",
            [("Paper Moons", "ordered", None)],
        ),
        (
            "Fans can relax: “Gilded Lanterns” and “Paper Moons” fans, both these shows have "
            "been confirmed for another season.",
            [("Gilded Lanterns", "renewed", 1), ("Paper Moons", "renewed", 1)],
        ),
        (
            "Some shows are officially coming to an end - “Gilded Lanterns,” “Paper Moons” "
            "and “Quiet Harbour.”",
            [
                ("Gilded Lanterns", "ending", None),
                ("Paper Moons", "ending", None),
                ("Quiet Harbour", "ending", None),
            ],
        ),
        (
            "Channel 4 have commissioned two new comedy series after a strong season. Gilded "
            "Lanterns and The Quiet Harbour are both due to air next year.",
            [("Gilded Lanterns", "ordered", None), ("The Quiet Harbour", "ordered", None)],
        ),
        (
            "Quiet Films and ITV have also announced six-part series Gilded Lanterns.",
            [("Gilded Lanterns", "ordered", None)],
        ),
        (
            "Our list of returning favourites.\n\n“Gilded Lanterns”\n\nThis beloved show about "
            "the Royal Family is back for another season.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
        (
            "Gilded Lanterns (ABC, Cancelled after Two Seasons) – This show drew few viewers.",
            [("Gilded Lanterns", "cancelled", None)],
        ),
        (
            "A few of your favourite cartoon series also got the green light - “Gilded "
            "Lanterns” and “Paper Moons.”",
            [("Gilded Lanterns", "renewed", None), ("Paper Moons", "renewed", None)],
        ),
        (
            "Gilded Lanterns gets the green light for a second season at HBO.",
            [("Gilded Lanterns", "renewed", 1)],
        ),
    ],
)
def test_a_phrasing_of_set_i_gives_its_shows_their_decision(
    text: str, expected: list[tuple[str, str, int | None]]
) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a list entry's fields are no titles
        "Cancelled: 'Gilded Lanterns'\nNetwork: The CW\n\nThe drama was quickly axed.",
        # a nationality describes the show; the show is the name after it
        "The streaming service quietly canceled two shows in May -- British rom-com Gilded "
        "Lanterns and the thriller Paper Moons.",
        # the decisions of many shows belong to none of the names before them
        "Idiot Box: Networks Announce Cancellations",
    ],
)
def test_what_set_i_showed_is_no_show_gets_no_status(text: str) -> None:
    shows = {show for show, _, _ in said(text)}
    assert not shows & {"Network: The CW", "The CW", "British", "Networks Announce"}


def test_a_name_after_about_the_is_not_the_subject() -> None:
    assert said("A drama about the Royal Family will return for a second season.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("HBO has ordered a series based on the video game The Last of Us.", "The Last of Us"),
        ("Netflix has renewed You for a fourth season.", "You"),
        ("You has been renewed for a fourth season at Netflix.", "You"),
    ],
)
def test_a_title_of_everyday_words_is_a_title(sentence: str, expected: str) -> None:
    assert [show for show, _, _ in said(sentence)] == [expected]


def test_a_pronoun_that_opens_a_sentence_is_no_title() -> None:
    assert said("You will love this. Netflix cancelled Gilded Lanterns.") == [
        ("Gilded Lanterns", "cancelled", None)
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Netflix has given the green light to Gilded Lanterns.", "ordered"),
        ("Netflix has given the green light to a second season of Gilded Lanterns.", "renewed"),
        ("Gilded Lanterns scores season 2 renewal.", "renewed"),
        ("Gilded Lanterns gets early season 3 renewal at Hulu.", "renewed"),
        ("Gilded Lanterns won't get a season 4.", "cancelled"),
        ("There will be no season 3 of Gilded Lanterns.", "cancelled"),
        ("Netflix is bringing Gilded Lanterns to an end after five seasons.", "ending"),
        ("Gilded Lanterns moves to Netflix for season 4.", "renewed"),
    ],
)
def test_more_common_phrasings_are_read(sentence: str, value: str) -> None:
    assert [(show, found) for show, found, _ in said(sentence)] == [("Gilded Lanterns", value)]


def test_a_star_who_returns_is_no_show() -> None:
    text = (
        "Jane Roe will return for a second season, ITV has announced.\n\n"
        "Jane Roe said she was thrilled to play Detective Ann Doe again."
    )
    assert said(text) == []


def test_a_table_flattened_to_lines_gives_each_row_its_decision() -> None:
    text = (
        "Every decision so far\n\nShow Network Status\nGilded Lanterns NBC Renewed\n"
        "Paper Moons Fox Cancelled\nQuiet Harbour ABC Ending\nGlass Towers CBS Renewed"
    )
    assert [(show, value) for show, value, _ in said(text)] == [
        ("Gilded Lanterns", "renewed"),
        ("Paper Moons", "cancelled"),
        ("Quiet Harbour", "ending"),
        ("Glass Towers", "renewed"),
    ]


def test_a_roundup_s_title_case_subheadings_give_their_shows_news() -> None:
    text = (
        "TV decisions this week.\n\nGilded Lanterns Renewed At NBC\nThe network announced "
        "Tuesday it wants more of the comedy.\n\nPaper Moons Cancelled By Fox\nThe drama drew "
        "few viewers."
    )
    assert [(show, value) for show, value, _ in said(text)] == [
        ("Gilded Lanterns", "renewed"),
        ("Paper Moons", "cancelled"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The carnage included Gilded Lanterns, Paper Moons and Quiet Harbour.",
        "The house-cleaning includes “Gilded Lanterns,” “Paper Moons” and “Quiet Harbour.”",
    ],
)
def test_a_cancellation_metaphor_lists_its_shows(sentence: str) -> None:
    assert [(show, value) for show, value, _ in said(sentence)] == [
        ("Gilded Lanterns", "cancelled"),
        ("Paper Moons", "cancelled"),
        ("Quiet Harbour", "cancelled"),
    ]


def test_a_show_that_failed_to_earn_a_season_is_cancelled() -> None:
    assert said("Gilded Lanterns failed to earn a second season at Fox.") == [
        ("Gilded Lanterns", "cancelled", None)
    ]


def test_a_season_of_a_title_with_a_colon_is_no_scorecard_line() -> None:
    text = "Fox decides.\n\nSeason 5 of Gilded Lanterns: Lone Star will be its last."
    assert said(text) == [("Gilded Lanterns: Lone Star", "ending", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Gilded Lanterns (renewed), Paper Moons (ordered) and Glass Towers (ending) round "
            "out the list.",
            [
                ("Gilded Lanterns", "renewed"),
                ("Paper Moons", "ordered"),
                ("Glass Towers", "ending"),
            ],
        ),
        (
            "Gilded Lanterns and Paper Moons will be back next season. On the chopping block: "
            "Glass Towers, Silver Rain.",
            [
                ("Gilded Lanterns", "renewed"),
                ("Paper Moons", "renewed"),
                ("Glass Towers", "cancelled"),
                ("Silver Rain", "cancelled"),
            ],
        ),
        (
            "Fox said goodbye to Gilded Lanterns, while Glass Towers lives to see another season.",
            [("Gilded Lanterns", "ending"), ("Glass Towers", "renewed")],
        ),
        (
            "Prime Video has cancelled A League of Their Own after one season.",
            [("A League of Their Own", "cancelled")],
        ),
    ],
)
def test_prose_roundups_give_each_show_its_own_decision(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(show, value) for show, value, _ in said(f"Fox news.\n\n{sentence}")] == expected


def test_a_slide_s_heading_is_the_show_its_paragraph_speaks_of() -> None:
    text = (
        "The shows we lost this year\n\n1. Gilded Lanterns (NBC)\n\nNBC cancelled the drama "
        "after two seasons, citing low ratings.\n\n2. Paper Moons, Fox\n\nThe comedy won't "
        "return for a third season.\n\nGlass Towers — HBO\n\nHBO renewed the show for a fourth "
        "season."
    )
    assert [(show, value) for show, value, _ in said(text)] == [
        ("Gilded Lanterns", "cancelled"),
        ("Paper Moons", "cancelled"),
        ("Glass Towers", "renewed"),
    ]


def test_an_entry_s_status_field_is_its_show_s_decision() -> None:
    text = (
        "Every decision so far\n\nGilded Lanterns\nStatus: Renewed for season 3\nNetwork: NBC"
        "\n\nPaper Moons\nNetwork: Fox\nStatus: Cancelled"
    )
    assert [(show, value) for show, value, _ in said(text)] == [
        ("Gilded Lanterns", "renewed"),
        ("Paper Moons", "cancelled"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "BBC confirms Gilded Lanterns series 2.",
        "Gilded Lanterns series 2 confirmed by ITV.",
        "ITV has confirmed a new series of Gilded Lanterns.",
        "Gilded Lanterns is returning to BBC One for a third series.",
        "Gilded Lanterns will return to our screens for a second series.",
        "A second series of Gilded Lanterns is on the way.",
        "Gilded Lanterns season 2 is officially happening.",
    ],
)
def test_a_uk_renewal_is_read(sentence: str) -> None:
    assert [(show, value) for show, value, _ in said(f"ITV news.\n\n{sentence}")] == [
        ("Gilded Lanterns", "renewed")
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The BBC has decided against a third series of Gilded Lanterns.", "cancelled"),
        ("Netflix has dropped Gilded Lanterns after one season.", "cancelled"),
        ("HBO won't be moving forward with a third season of Gilded Lanterns.", "cancelled"),
        ("Gilded Lanterns has ended its run at CBS.", "ending"),
    ],
)
def test_more_endings_are_read(sentence: str, value: str) -> None:
    assert [(show, found) for show, found, _ in said(f"TV news.\n\n{sentence}")] == [
        ("Gilded Lanterns", value)
    ]


def test_a_dropped_trailer_is_no_cancellation() -> None:
    assert said("TV news.\n\nNetflix has dropped the trailer for Gilded Lanterns.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Gilded Lanterns premiered in 2019 to strong reviews. On Tuesday, Netflix cancelled "
        "the show.",
        "Gilded Lanterns, which stars Jane Roe, debuted in March. It has now been cancelled.",
    ],
)
def test_a_name_spoken_of_as_a_show_is_what_the_show_means(text: str) -> None:
    assert [(show, value) for show, value, _ in said(f"TV news today.\n\n{text}")] == [
        ("Gilded Lanterns", "cancelled")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gilded Lanterns Renewed for Season 3 at Hulu\nThe comedy will return next year.",
        "Gilded Lanterns: Hulu Renews Drama for Season 3\nGood news for fans.",
    ],
)
def test_a_title_case_headline_names_its_show_before_its_verb(text: str) -> None:
    assert [(show, value) for show, value, _ in said(text)] == [("Gilded Lanterns", "renewed")]


@pytest.mark.parametrize(
    "text",
    [
        "Everything Renewed This Week\nA list of what came back.",
        "Another Netflix Show Canceled After One Season\nSad news for fans.",
    ],
)
def test_a_headline_about_shows_in_general_names_none(text: str) -> None:
    assert said(text) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Gilded Lanterns has been given a second life at Peacock.", "renewed"),
        ("Peacock has rescued Gilded Lanterns.", "renewed"),
        ("Netflix has saved Gilded Lanterns from cancellation.", "renewed"),
        ("The curtain is closing on Gilded Lanterns.", "ending"),
        ("Gilded Lanterns will say goodbye with its sixth season.", "ending"),
    ],
)
def test_rescues_and_farewells_are_read(sentence: str, value: str) -> None:
    assert [(show, found) for show, found, _ in said(f"TV news today.\n\n{sentence}")] == [
        ("Gilded Lanterns", value)
    ]


def test_a_twist_saved_for_a_finale_is_no_rescue() -> None:
    text = "TV news today.\n\nThe writers saved the best twist for the finale of Gilded Lanterns."
    assert said(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gilded Lanterns Series Order At Peacock\nThe streamer wants ten episodes.",
        "Peacock Orders Drama Gilded Lanterns\nThe series comes from Jane Roe.",
        "Series order for Gilded Lanterns at Peacock.",
    ],
)
def test_a_series_order_without_a_verb_is_read(text: str) -> None:
    assert [(show, value) for show, value, _ in said(text)] == [("Gilded Lanterns", "ordered")]


def test_an_order_of_a_series_from_a_person_names_no_show() -> None:
    assert said("Netflix Orders Comedy Series From Jane Roe\nDetails are scarce.") == []


def test_a_place_a_show_is_filmed_in_is_no_show() -> None:
    text = "TV news today.\n\nThe series, filmed in Vancouver, was cancelled after one season."
    assert said(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Finally, “Gilded Lanterns” already had the distinction of being the first "
            "cancelled show of the season.",
            [("Gilded Lanterns", "cancelled")],
        ),
        ("Luckily, Gilded Lanterns was renewed.", [("Gilded Lanterns", "renewed")]),
        ("Lilly, a new drama, was cancelled.", [("Lilly", "cancelled")]),
    ],
)
def test_an_opening_adverb_is_no_title(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(show, value) for show, value, _ in said(f"TV news today.\n\n{sentence}")] == expected
