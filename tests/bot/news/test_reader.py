"""The article reader on the seed articles, on the evaluation sets, and on the sentences that
must not give a show news: hedges, questions, shows named in passing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.news_reading import EVAL, Score, same_show, score_set
from bot.matching.index import TitleEntry, TitleIndex
from bot.news.article import read_article
from bot.news.proposals import Proposal
from bot.news.reader import NewsReader

SEED_000 = "000_e8dbd292f417912c.txt"


@pytest.fixture
def articles(shared: Path) -> dict[str, str]:
    """The seed articles as written, paragraphs and all."""
    return {p.name: p.read_text(encoding="utf-8") for p in (shared / "seeds").glob("*.txt")}


def statuses(text: str, index: TitleIndex | None = None) -> list[Proposal]:
    reading = NewsReader(index or TitleIndex()).read(read_article(text))
    return [p for p in reading.proposals if p.field == "status"]


def test_seed_000_on_an_empty_catalogue_gives_exactly_its_four_decisions(
    articles: dict[str, str],
) -> None:
    found = statuses(articles[SEED_000])
    said = sorted((p.show, p.value, p.seasons) for p in found)
    assert said == [
        ("Dahmer – Monster: The Jeffrey Dahmer Story", "renewed", 2),
        ("Partner Track", "cancelled", None),
        ("The Imperfects", "cancelled", None),
        ("The Watcher", "renewed", None),
    ]
    assert all(p.network == "Netflix" and p.show_id is None for p in found)
    for passing in ("Avatar: The Last Airbender", "The Expanse", "Designated Survivor"):
        assert not any(same_show(p.show, passing) for p in found)
    dahmer = next(p for p in found if p.show.startswith("Dahmer"))
    assert "two more Monster seasons" in dahmer.evidence


def test_every_seed_fact_is_found_and_none_is_wrong(shared: Path) -> None:
    score = score_set(shared / "seeds", EVAL / "seeds_truth.json", NewsReader(TitleIndex()))
    assert score is not None
    assert (score.found, score.expected, score.wrong) == (13, 13, 0), score.notes


@pytest.mark.parametrize(
    ("folder", "precision", "recall", "passing"),
    [
        ("tuning", 0.9, 0.9, 0),
        ("tuning_b", 0.95, 0.9, 0),
        ("tuning_c", 0.9, 0.82, 0),
        ("tuning_d", 0.95, 0.9, 0),
        ("tuning_e", 0.9, 0.85, 0),
        ("tuning_f", 0.95, 0.9, 0),
        # held out until scored once at precision 0.48 and recall 0.25, then tuned on
        ("tuning_g", 0.95, 0.85, 0),
        # held out until scored once at precision 0.86 and recall 0.37 (one show named in
        # passing given a status), then tuned on
        ("tuning_h", 0.95, 0.85, 0),
        # held out until scored once at precision 0.70 and recall 0.24, then tuned on
        ("tuning_i", 0.95, 0.82, 0),
        # roundups, scored once at precision 0.67 and recall 0.36 (17 shows named in passing
        # given a status), then tuned on
        ("tuning_j", 0.95, 0.65, 0),
        # Held out of all tuning, scored once at precision 0.61 and recall 0.63, at 0.68
        # and 0.78 after the roundup and subject rules that tuning set G led to, and at 0.71
        # and 0.81 after the phrasings of tuning set H, at 0.81 and 0.81 after the rules
        # that tuning set I led to: still under the 0.85 the issue asks; a floor, not a target.
        ("held_out_d", 0.75, 0.78, 0),
        # Held out of all tuning, written blind; first scored (2026-12-01) at precision 0.82
        # and recall 0.50, one show named in passing given a status, and at 0.83 and 0.54
        # after the phrasings of tuning set H, unchanged by those of set I: floors, not
        # targets.
        ("held_out_e", 0.8, 0.5, 1),
        # Held out of all tuning, collected blind (odd years) while tuning set I was built
        # (even years); first scored (2026-12-01) after set I's rules at precision 0.84 and
        # recall 0.43 of 99 facts, no show named in passing given a status.
        ("held_out_f", 0.8, 0.4, 0),
        # Held out of all tuning, collected blind from odd (G) and even (H) years while tuning
        # set J was built; first scored (2026-12-01, third session) at precision 0.78 and
        # recall 0.42 (G, one show named in passing given a status) and 0.59 and 0.31 (H,
        # four), and at 0.80 and 0.46 (G) and 0.76 and 0.31 (H) after the rules of set J.
        ("held_out_g", 0.75, 0.4, 1),
        ("held_out_h", 0.7, 0.28, 4),
    ],
)
def test_the_evaluation_articles_meet_their_floors(
    folder: str, precision: float, recall: float, passing: int
) -> None:
    score = score_set(EVAL / folder, EVAL / folder / "truth.json", NewsReader(TitleIndex()))
    assert isinstance(score, Score)
    # A held-out set's misses are never shown, so that no one tunes on them: its figures are
    # taken out of the score first, as pytest would print the score (notes and all).
    notes = [] if folder.startswith("held_out") else score.notes
    found = (score.precision, score.recall, score.passing_given_status)
    del score
    assert found[0] >= precision, notes
    assert found[1] >= recall, notes
    assert found[2] <= passing, notes


@pytest.mark.parametrize(
    "sentence",
    [
        "Netflix could renew Partner Track if the numbers improve.",
        "Is Partner Track cancelled? Fans are asking.",
        "Netflix is close to renewing Partner Track for a second season.",
        "Fans hope Partner Track will be renewed.",
        "Partner Track has not yet been renewed.",
        "Arden Cho, who starred in Teen Wolf, leads the cast of Partner Track.",
        "Partner Track is on the bubble, and a decision is expected in May.",
        "A petition to save Partner Track from cancellation has 10,000 signatures.",
        "The ratings were not enough to convince Netflix to renew Partner Track.",
        "The previously cancelled Partner Track stars Arden Cho.",
        # a decision word as an adjective, a clause of what came before, a pilot, a pending order
        "Arden Cho, who starred in the cancelled drama Partner Track, joins a new series.",
        "After Partner Track was cancelled, its star moved on to a new series.",
        "Netflix has ordered a pilot for Partner Track.",
        "A renewal for Partner Track is expected soon.",
        "Jane Doe, whose previous series Partner Track was axed by ABC, is back.",
        "In 2019, NBC famously cancelled Partner Track only to revive it days later.",
        "The cancellation of Partner Track last year paved the way for a new drama.",
        "Partner Track season 2: release date, cast and renewal news.",
        "The move comes after Netflix cancelled Partner Track last month.",
        "It has been two years since Netflix cancelled Partner Track.",
    ],
)
def test_hedges_questions_and_passing_mentions_give_no_status(sentence: str) -> None:
    text = f"Partner Track news\n\n{sentence}"
    assert statuses(text) == []


def test_a_third_of_the_evaluation_articles_is_held_out_of_tuning() -> None:
    """Issue 12 asks a third of the set kept out of tuning: add held-out articles before
    tuning ones."""
    counts = {
        folder.name: len(json.loads((folder / "truth.json").read_text(encoding="utf-8")))
        for folder in EVAL.iterdir()
        if (folder / "truth.json").is_file()
    }
    held_out = sum(n for name, n in counts.items() if name.startswith("held_out"))
    assert held_out * 3 >= sum(counts.values()), counts


@pytest.mark.parametrize(
    ("sentence", "show", "value", "seasons"),
    [
        ("HBO has renewed Gilded Lanterns for seasons 3 and 4.", "Gilded Lanterns", "renewed", 2),
        (
            "Gilded Lanterns has been cancelled at HBO after one season.",
            "Gilded Lanterns",
            "cancelled",
            None,
        ),
        (
            "HBO has ordered the drama Gilded Lanterns to series.",
            "Gilded Lanterns",
            "ordered",
            None,
        ),
        (
            "Gilded Lanterns will end with its fifth season, HBO said.",
            "Gilded Lanterns",
            "ending",
            None,
        ),
        (
            "HBO renewed Gilded Lanterns for a fourth and final season.",
            "Gilded Lanterns",
            "ending",
            1,
        ),
        (
            "HBO has decided not to move forward with Gilded Lanterns.",
            "Gilded Lanterns",
            "cancelled",
            None,
        ),
    ],
)
def test_each_kind_of_decision_is_read(
    sentence: str, show: str, value: str, seasons: int | None
) -> None:
    found = statuses(f"HBO news\n\n{sentence}")
    assert [(p.show, p.value, p.seasons, p.network) for p in found] == [
        (show, value, seasons, "HBO")
    ]


def test_a_known_show_is_named_as_the_catalogue_names_it() -> None:
    index = TitleIndex([TitleEntry(7, "The Watcher", 2022, "Netflix")])
    found = statuses("Netflix news\n\nNetflix has renewed The Watcher for a second season.", index)
    assert [(p.show, p.show_id) for p in found] == [("The Watcher", 7)]


def test_a_web_page_is_read_without_its_navigation(articles: dict[str, str]) -> None:
    paragraphs = articles[SEED_000].split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    page = (
        f"<html><head><title>{paragraphs[0]}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/tv'>TV</a> The Crown renewed? Read more</nav>"
        f"<article><h1>{paragraphs[0]}</h1>{body}</article>"
        "<footer>Cookies help us deliver our services. Netflix cancels everything.</footer>"
        "</body></html>"
    )
    assert sorted(p.show for p in statuses(page)) == [
        "Dahmer – Monster: The Jeffrey Dahmer Story",
        "Partner Track",
        "The Imperfects",
        "The Watcher",
    ]


def test_the_details_of_a_show_with_news_are_proposed(articles: dict[str, str]) -> None:
    reading = NewsReader(TitleIndex()).read(read_article(articles[SEED_000]))
    details = {(p.show, p.field, p.value) for p in reading.proposals if p.field != "status"}
    assert ("The Imperfects", "creator", "Shelley Ericksen") in details
    assert ("Partner Track", "cast", "Arden Cho as Ingrid Yun") in details


@pytest.mark.parametrize(
    ("sentence", "shows"),
    [
        # a cast list after the decision word names people, not shows
        ("Returning are series regulars Arden Cho and Bradley Gibson.", []),
        # a name inside a clause set off by commas is not the subject
        (
            "Partner Track, starring Arden Cho as Ingrid Yun, was canceled after one season.",
            ["Partner Track"],
        ),
        ("Partner Track is the latest show to get the axe at Netflix.", ["Partner Track"]),
        ("Netflix opted to cancel Partner Track after one season.", ["Partner Track"]),
        # who makes a show is no show, unless the article quotes the name as a title
        ("Netflix renewed Hartswood Films for another season.", []),
        ("Netflix renewed “The Chair Company” for a second season.", ["The Chair Company"]),
        # a decision named as a noun and said to be coming is not made yet
        ("More drama orders are said to be imminent for Partner Track.", []),
        (
            "Also getting the ax for Netflix are Partner Track and Minority Report.",
            [
                "Partner Track",
                "Minority Report",
            ],
        ),
    ],
)
def test_the_show_a_decision_is_about_is_told_from_people_and_aims(
    sentence: str, shows: list[str]
) -> None:
    assert [p.show for p in statuses(f"Netflix news\n\n{sentence}")] == shows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list gives its own "and", so "Parks and Recreation" is one title
        (
            "NBC news\n\nNBC renewed Heroes, Southland, Parks and Recreation, and Chuck.",
            [
                ("Chuck", "renewed"),
                ("Heroes", "renewed"),
                ("Parks and Recreation", "renewed"),
                ("Southland", "renewed"),
            ],
        ),
        # a watch list is no decision, and its paragraph does not make an ending a cancellation
        (
            "Cancellation Watch: Gilded Lanterns and More Shows Will Be Ending This Season\n\n"
            "Gilded Lanterns is a drama.",
            [("Gilded Lanterns", "ending")],
        ),
        # "season six will be the show’s final season", after a colon, is the show's ending
        (
            "Amazon news\n\nAmazon has renewed Gilded Lanterns for a sixth season. It is "
            "bittersweet: season six will be the show’s final season.",
            [("Gilded Lanterns", "ending")],
        ),
        # a list goes on past a possessive network: "… for season 3, DC’S 'Legends' for …"
        (
            "CW news\n\nThe CW renewed 'Charmed' for season 3, DC’S 'Legends of Tomorrow' for "
            "season 6, 'Dynasty' for season 4 and 'Supergirl' for season 6.",
            [
                ("Charmed", "renewed"),
                ("Dynasty", "renewed"),
                ("Legends of Tomorrow", "renewed"),
                ("Supergirl", "renewed"),
            ],
        ),
        # shows given as examples are the subject; "a pair of" splits two titles
        (
            "TV news\n\nOfferings like “Gilded Lanterns” and reboots like “Paper Moons” are "
            "some of this season’s early victims. New shows coming next season include Trauma "
            "and Mercy, a pair of medical series.",
            [
                ("Gilded Lanterns", "cancelled"),
                ("Mercy", "ordered"),
                ("Paper Moons", "cancelled"),
                ("Trauma", "ordered"),
            ],
        ),
        # a revival, and a renewal for more than one season told as a pickup
        (
            "Fox news\n\nFox confirmed that The X-Files will be returning for a six-episode "
            "event series. “Gilded Lanterns” is scoring a historic two-season pick up.",
            [("Gilded Lanterns", "renewed"), ("The X-Files", "renewed")],
        ),
        # a title with a comma told of in the singular; a number named as a show
        (
            "CW news\n\nRoswell, New Mexico is the last genre show to get the axe. The shows "
            "that will not continue include the drama Naomi and a reboot of 4400.",
            [("4400", "cancelled"), ("Naomi", "cancelled"), ("Roswell, New Mexico", "cancelled")],
        ),
        # UK "series", a note in brackets between a show and its verb, initials ending a title
        (
            "Channel 4 news\n\nGilded Lanterns gets a third series. Paper Moons has been "
            "recommissioned by Channel 4. “Harbour Lights” (lower left) is renewed.\n\n"
            "Marvel's Agents of S.H.I.E.L.D.: RENEWED",
            [
                ("Gilded Lanterns", "renewed"),
                ("Harbour Lights", "renewed"),
                ("Marvel's Agents of S.H.I.E.L.D.", "renewed"),
                ("Paper Moons", "renewed"),
            ],
        ),
        # a list's "and" after a note on the name before it
        (
            "Amazon news\n\nPolitical comedy Gilded Lanterns, starring John Goodman, and Paper "
            "Moons, a sitcom about Silicon Valley, were among those selected for full series "
            "production.",
            [("Gilded Lanterns", "ordered"), ("Paper Moons", "ordered")],
        ),
        # a range of shows is the subject: "from A to B and C airing their final episodes"
        (
            "TV news\n\nIt is time to bid adieu, with programs from “Gilded Lanterns” to "
            "“Paper Moons” and “Harbour Lights” airing their final episodes.",
            [
                ("Gilded Lanterns", "ending"),
                ("Harbour Lights", "ending"),
                ("Paper Moons", "ending"),
            ],
        ),
        # "with … falling victim": the shows fall
        (
            "ABC news\n\nABC went ax-happy, with Castle, Nashville and Agent Carter falling "
            "victim.",
            [("Agent Carter", "cancelled"), ("Castle", "cancelled"), ("Nashville", "cancelled")],
        ),
        # a labelled paragraph of prose lists no names from its commas
        (
            'ABC news\n\nCanceled: Fans of "Gilded Lanterns," the moody melodrama, have been '
            "letting me know how much they want the saga of Sara (Hannah Ware) and Jack (Stuart "
            "Townsend) to continue to Season 2.",
            [("Gilded Lanterns", "cancelled")],
        ),
        # a scorecard line's note gives the decision
        (
            "Final seasons\n\nGilded Lanterns (HBO, Ending After 7 Seasons): The drama stays.\n\n"
            "• Partner Track: The legal drama was cancelled after one season.",
            [("Gilded Lanterns", "ending"), ("Partner Track", "cancelled")],
        ),
        # a bullet's list goes on after "and" and a genre word
        (
            "NBC news\n\nThe Peacock network is cancelling a slew of first-timers.\n\n"
            "• Three entries, including Paper Moons, a fantasy series; and family drama Gilded "
            "Lanterns.",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        # "and" goes on a bullet's list of shows, not its sentence about people
        (
            "TV news\n\nCancelled\n\n"
            "• Gilded Lanterns: the family of Jenna Fischer and Oliver Hudson ran two seasons.",
            [("Gilded Lanterns", "cancelled")],
        ),
    ],
)
def test_lists_and_roundup_lines_are_read(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((p.show, p.value) for p in statuses(text)) == expected


ROUNDUP = """So Many Shows Were Canceled This Season

Here is the list of all the axed shows. Check it out:

Gilded Lanterns (NBC)
Seasons: 1
The drama never found an audience.

“Harbour Lights”: Ryan Murphy’s comedy struggled in the ratings.

“Paper Moons”: The sitcom could still be rescued by another network.

Replacing them:

Silver Tides (NBC)
A new drama from the producers of Harbour Lights.

Copper Skies | NBC
"""


def test_a_roundup_lists_shows_under_the_decision_it_gives_once() -> None:
    found = sorted((p.show, p.value) for p in statuses(ROUNDUP))
    # "Paper Moons" speaks of its own fate with a hedge; the new shows come under a heading
    # that gives no decision
    assert found == [("Gilded Lanterns", "cancelled"), ("Harbour Lights", "cancelled")]


UK_ROUNDUP = """Eight TV shows axed and will not return next year

From Gilded Lanterns to Paper Moons, broadcasters have cut a number of shows.

Gilded Lanterns

After 23 years, Gilded Lanterns will be taken off air.

Paper Moons

This spin-off of Harbour Lights made its debut in 2020.
"""


def test_a_roundup_of_title_lines_gives_each_the_headline_decision() -> None:
    found = sorted((p.show, p.value) for p in statuses(UK_ROUNDUP))
    assert found == [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")]


def test_a_dateline_is_no_show_and_a_new_season_of_a_show_renews_it() -> None:
    text = (
        "New BBC One commissions\n\nLONDON: The BBC has unveiled a raft of new commissions "
        "for BBC One, including a fourth season of Gilded Lanterns.\n\n"
        "Back for more are the nation's top-rated news show (Paper Moons) and sitcom (Harbour "
        "Lights)."
    )
    assert sorted((p.show, p.value) for p in statuses(text)) == [
        ("Gilded Lanterns", "renewed"),
        ("Harbour Lights", "renewed"),
        ("Paper Moons", "renewed"),
    ]


def test_a_numbered_roundup_gives_each_item_the_headline_decision() -> None:
    text = (
        "10 Freshman Shows That Just Got Axed\n\n"
        "With so many series on TV, new dramas can struggle.\n\n"
        "1. Gilded Lanterns\n\nGilded Lanterns | NBC\n\nThe fantasy never found an audience.\n\n"
        "2. Paper Moons\n\nPaper Moons | ABC\n\nThe time travel drama was gone after five "
        "episodes.\n"
    )
    assert sorted((p.show, p.value) for p in statuses(text)) == [
        ("Gilded Lanterns", "cancelled"),
        ("Paper Moons", "cancelled"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Apple news\n\nApple ordered a straight-to-series TV show this week from a Peaky "
        "Blinders writer.\n\nThe new series is currently titled Gilded Lanterns.",
        "Channel 4 news\n\nChannel 4 has commissioned a new sitcom from Robert Popper.\n\n"
        "Gilded Lanterns stars Tanya Reynolds as Charlie.",
        "Disney news\n\nDisney ordered a pair of originals for Disney+. Gilded Lanterns is a "
        "docuseries about growing up.",
        "BBC news\n\nThe BBC has unveiled three new drama commissions, including a drama from "
        "Steven Moffat.\n\nMoffat’s new drama, “Gilded Lanterns,” is a crime thriller.",
    ],
)
def test_a_series_order_names_its_show_after_it(text: str) -> None:
    assert [(p.show, p.value) for p in statuses(text)] == [("Gilded Lanterns", "ordered")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Netflix has passed on a second season of Gilded Lanterns.", "cancelled"),
        ("Netflix has decided not to renew Gilded Lanterns.", "cancelled"),
        ("Gilded Lanterns is coming back for Season 3 at Netflix.", "renewed"),
        ("HBO is bringing Gilded Lanterns back for a second season.", "renewed"),
        ("The streamer has handed out renewals to Gilded Lanterns.", "renewed"),
        (
            "It's the end of the road for Gilded Lanterns, which Netflix has canceled after two "
            "seasons.",
            "cancelled",
        ),
    ],
)
def test_more_ways_of_saying_a_decision_are_read(sentence: str, value: str) -> None:
    assert [(p.show, p.value) for p in statuses(f"TV news\n\n{sentence}")] == [
        ("Gilded Lanterns", value)
    ]


@pytest.mark.parametrize(
    ("sentence", "seasons"),
    [
        ("HBO renewed Gilded Lanterns for second seasons.", 1),
        ("Gilded Lanterns gets a third series.", 1),
        ("Fox confirmed that Gilded Lanterns will be returning for a six-episode event series.", 1),
        ("The CW renewed 'Paper Moons' for season 2 and 'Gilded Lanterns' for season 3.", 1),
        (
            "Gilded Lanterns returns for season 5 in the fall. HBO renewed Gilded Lanterns for "
            "two more seasons.",
            2,
        ),
    ],
)
def test_the_seasons_a_renewal_orders_are_counted(sentence: str, seasons: int) -> None:
    found = {p.show: p.seasons for p in statuses(f"TV news\n\n{sentence}")}
    assert found["Gilded Lanterns"] == seasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "NBC's fall decisions\n\nGilded Lanterns (NBC) — Canceled\n"
            "Paper Moons (NBC) — Renewed for Season 3\n"
            "Harbour Lights (NBC) — Ending with Season 5\n",
            [
                ("Gilded Lanterns", "cancelled"),
                ("Harbour Lights", "ending"),
                ("Paper Moons", "renewed"),
            ],
        ),
        (
            "The shows that won't be back\n\nHere are all the series that will not return.\n\n"
            "1. Gilded Lanterns\nThe drama lasted two seasons.\n\n"
            "2. Paper Moons\nThe comedy lasted one.\n",
            [("Gilded Lanterns", "cancelled"), ("Paper Moons", "cancelled")],
        ),
        (
            "Netflix news\n\nNetflix has given Gilded Lanterns a third season. Peacock has ended "
            "Paper Moons after two seasons. Harbour Lights is officially over at Hulu.\n",
            [
                ("Gilded Lanterns", "renewed"),
                ("Harbour Lights", "cancelled"),
                ("Paper Moons", "cancelled"),
            ],
        ),
    ],
)
def test_more_roundup_lines_and_phrasings_are_read(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted((p.show, p.value) for p in statuses(text)) == expected


def test_a_decision_dated_before_the_article_is_history() -> None:
    text = (
        "date 2023-05-01 HBO news\n\nGilded Lanterns was cancelled in 2019, and Paper Moons was "
        "renewed in 2023. HBO has renewed Harbour Lights for a second season."
    )
    assert sorted(p.show for p in statuses(text)) == ["Harbour Lights", "Paper Moons"]
