"""The network scorecard: decisions counted by year from a real database (the built-in
records, an imported file and decisions recorded through the status desk), the network found
as typed or with a small typo and never guessed, its words escaped and clipped for Discord,
and the chart a real PNG."""

from __future__ import annotations

import json
import struct
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.announcements.desk import StatusRequest
from bot.answering.layout import DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT, discord_time, fit
from bot.answering.scorecard import (
    CHART_DPI,
    CHART_SIZE,
    Outcome,
    Scorecard,
    Scorecards,
    UnknownNetwork,
    chart_png,
    render_chart,
)
from bot.answering.scorecard_text import (
    scorecard_card,
    scorecard_text,
    unknown_network_markdown,
    unknown_network_text,
)
from bot.application import Application
from db.vocabulary import ShowStatus

pytestmark = pytest.mark.asyncio

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
R, C, E = Outcome.RENEWAL, Outcome.CANCELLATION, Outcome.ENDING


def _show(title: str, network: str, *history: tuple[str, str], **more: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"title": title, "kind": "series", "network": network, **more}
    if history:
        record["status"] = history[-1][0]
        record["status_date"] = history[-1][1]
        record["status_history"] = [{"to": to, "date": day} for to, day in history]
    return record


SHOWS = [
    _show("Moonfall Academy", "Netflix", ("cancelled", "2023-05-02")),
    _show(
        "Harbour Lights",
        "Northgate TV",
        ("renewed", "2019-05-01"),
        ("renewed", "2020-04-02"),
        ("ended", "2021-06-01"),
    ),
    _show("One Winter", "Northgate TV", ("limited_series", "2021-02-01")),
    _show("Kettle Street", "Northgate TV", ("cancelled", "2023-03-03")),
    # The same network spelled in another case: one network.
    _show("Lantern Bay", "Northgate tv", ("renewed", "2023-01-10")),
    _show("**Loud** <@123> @everyone", "Northgate TV", ("cancelled", "2022-08-08")),
    _show("Paper Boats", "Riverside One", year=2020),
    _show("Fourth Wall", "Channel 4"),
    _show("Fifth Gear", "Channel 5"),
    _show("Alphabet City", "ABC"),
]
"""Besides the built-in four Netflix decisions of November 2022."""


def write_records(path: Path, shows: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "showbot.records/1", "shows": shows}), encoding="utf-8")
    return path


async def add_shows(app: Application, path: Path, shows: list[dict[str, Any]]) -> None:
    report = await app.catalogue.import_file(write_records(path, shows))
    assert report.committed, [e.message for e in report.errors]


def show_id(app: Application, title: str) -> int:
    match = app.catalogue.index.resolve(title).match
    assert match is not None, title
    return match.entry.show_id


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's header chunk."""
    assert png[:8] == PNG_SIGNATURE and png[12:16] == b"IHDR", png[:16]
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest_asyncio.fixture
async def scorecards(app: Application, tmp_path: Path) -> Scorecards:
    await add_shows(app, tmp_path / "shows.json", SHOWS)
    return Scorecards(app.database)


async def found(scorecards: Scorecards, network: str) -> Scorecard:
    card = await scorecards.find(network)
    assert isinstance(card, Scorecard), card
    return card


def counts(card: Scorecard) -> dict[int, tuple[int, int, int]]:
    return {y.year: (y[R], y[C], y[E]) for y in card.by_year()}


async def test_the_built_in_netflix_decisions_and_those_added_count_by_year(
    app: Application, scorecards: Scorecards
) -> None:
    assert counts(await found(scorecards, "Netflix")) == {2022: (2, 2, 0), 2023: (0, 1, 0)}
    # Through the status desk, as /admin status set and showbot status set record them.
    watcher = show_id(app, "The Watcher")
    await app.status.set_status(
        StatusRequest(
            show_id=watcher, status=ShowStatus.CANCELLED, effective_date=date(2024, 1, 15)
        )
    )
    # Undated: it counts in the year it was recorded.
    dahmer = show_id(app, "Dahmer")
    await app.status.set_status(StatusRequest(show_id=dahmer, status=ShowStatus.ENDED))
    # Not a decision: returning is a state the show is in.
    await app.status.set_status(StatusRequest(show_id=watcher, status=ShowStatus.RETURNING))
    card = await found(scorecards, "Netflix")
    this_year = datetime.now(UTC).year
    assert counts(card) == {
        2022: (2, 2, 0),
        2023: (0, 1, 0),
        2024: (0, 1, 0),
        this_year: (0, 0, 1),
    }
    assert card.totals() == {R: 2, C: 4, E: 1}
    newest = card.decisions[-1]
    assert (newest.title, newest.day, newest.year) == (
        "Dahmer – Monster: The Jeffrey Dahmer Story",
        None,
        this_year,
    )
    assert [y.year for y in card.by_year(every_year=True)] == list(range(2022, this_year + 1))


async def test_a_network_in_any_case_or_spacing_and_its_other_spellings(
    scorecards: Scorecards,
) -> None:
    for typed in ("northgate tv", "  NORTHGATE   TV ", "Northgate-TV", "northgatetv"):
        card = await found(scorecards, typed)
        assert card.network == "Northgate TV"  # the spelling most of its shows use
        assert counts(card) == {
            2019: (1, 0, 0),
            2020: (1, 0, 0),
            2021: (0, 0, 2),
            2022: (0, 1, 0),
            2023: (1, 1, 0),
        }
    assert {d.title for d in card.decisions} >= {"Lantern Bay", "One Winter"}


@pytest.mark.parametrize(
    ("typed", "network"),
    [
        ("Netflx", "Netflix"),
        ("Nteflix", "Netflix"),
        ("Northgat TV", "Northgate TV"),
        ("Northgate", "Northgate TV"),
    ],
)
async def test_a_small_typo_finds_the_network(
    scorecards: Scorecards, typed: str, network: str
) -> None:
    assert (await found(scorecards, typed)).network == network


async def test_an_unknown_network_names_networks_on_record(scorecards: Scorecards) -> None:
    unknown = await scorecards.find("HBO Max")
    assert isinstance(unknown, UnknownNetwork) and not unknown.near
    # The networks with most shows first: Netflix has five, Northgate TV four.
    assert unknown.suggestions[:2] == ("Netflix", "Northgate TV")
    assert 1 <= len(unknown.suggestions) <= 5
    said = unknown_network_text(unknown)
    assert said.startswith('No network called "HBO Max" is on record. Networks on record include')
    assert "Netflix" in said


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        # Three letters allow no typo: another network is one letter away.
        ("NBC", None),
        # One letter from two networks: which is not guessed.
        ("Channel 6", {"Channel 4", "Channel 5"}),
        ("Channel", {"Channel 4", "Channel 5"}),
    ],
)
async def test_a_name_too_far_or_between_two_is_not_guessed(
    scorecards: Scorecards, typed: str, offered: set[str] | None
) -> None:
    unknown = await scorecards.find(typed)
    assert isinstance(unknown, UnknownNetwork), unknown
    if offered is not None:
        assert unknown.near and set(unknown.suggestions) >= offered


async def test_a_network_without_decisions_is_a_sentence(scorecards: Scorecards) -> None:
    card = await found(scorecards, "riverside one")
    assert card.decisions == () and card.by_year() == []
    sentence = "Riverside One has no renewals, cancellations or endings on record yet."
    assert scorecard_text(card) == sentence
    assert scorecard_card(card).description == sentence
    with pytest.raises(ValueError, match="no decisions to draw"):
        render_chart(card)


async def test_the_chart_is_a_png_of_the_set_size(scorecards: Scorecards) -> None:
    png = await chart_png(await found(scorecards, "Northgate TV"))
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == (CHART_SIZE[0] * CHART_DPI, CHART_SIZE[1] * CHART_DPI)
    assert 5_000 < len(png) < 200_000


async def test_record_text_in_the_chart_is_drawn_not_read_as_mathtext(
    scorecards: Scorecards,
) -> None:
    # Read as mathtext, "$\frac$" is an error, and a title can hold one.
    card = Scorecard("Net$\\frac{$ \x1b[31m", (await found(scorecards, "Netflix")).decisions)
    assert png_size(render_chart(card)) == (800, 450)


async def test_the_card_escapes_record_text(scorecards: Scorecards) -> None:
    card = scorecard_card(await found(scorecards, "Northgate TV"))
    assert "\\*\\*Loud\\*\\* \\<@123\\> @\u200beveryone" in card.description
    assert "**Loud**" not in card.description and "<@123>" not in card.description
    assert card.title == "Northgate TV: renewals, cancellations and endings"
    assert "🟢 **3** renewed, 🔴 **2** cancelled, ⚫ **2** ended" in card.description
    assert "**2023**: 1 renewed, 1 cancelled, 0 ended" in card.fields[0].value
    unknown = await scorecards.find("*Nope* <@&1>")
    assert isinstance(unknown, UnknownNetwork)
    assert unknown_network_markdown(unknown).startswith(
        "No network called **\\*Nope\\* \\<@&1\\>** is on record."
    )


async def test_a_long_list_is_clipped_with_how_many_more(app: Application, tmp_path: Path) -> None:
    long = "A Very Long Title Indeed " * 3
    shows = [
        _show(f"{long}{n:03}", "Bulk TV", ("cancelled", f"{2000 + n % 20}-01-{1 + n % 28:02}"))
        for n in range(200)
    ]
    await add_shows(app, tmp_path / "bulk.json", shows)
    card = await found(Scorecards(app.database), "bulk tv")
    assert len(card.decisions) == 200
    laid_out = scorecard_card(card)
    assert fit(laid_out) == laid_out  # within Discord's limits as it is, nothing cut blindly
    assert len(laid_out.description) <= DESCRIPTION_LIMIT
    assert laid_out.size() <= EMBED_TOTAL_LIMIT
    lines = laid_out.description.splitlines()
    shown = [line for line in lines if line.startswith("🔴 ")]
    assert 10 < len(shown) < 200
    assert lines[-1] == f"…and {200 - len(shown)} more"
    newest = card.decisions[-1].day
    assert newest == date(2019, 1, 28)
    assert discord_time(newest) in shown[0]


async def test_autocomplete_offers_the_networks_on_record(scorecards: Scorecards) -> None:
    assert (await scorecards.complete("net", 25))[0] == "Netflix"
    assert (await scorecards.complete("gate", 25))[:2] == ["Northgate TV", "Northgate tv"]
    everything = await scorecards.complete("", 25)
    assert everything[:2] == ["Netflix", "Northgate TV"]
    assert "Riverside One" in everything
    assert await scorecards.complete("", 3) == everything[:3]
