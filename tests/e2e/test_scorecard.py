"""`/show scorecard` through the real client and the fake Discord: the chart attached to the
embed that lists the decisions behind it, the networks offered as one types, and an unknown
network answered privately."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest

from bot.announcements.desk import StatusRequest
from bot.discord import replies
from db.vocabulary import ShowStatus
from tests.bot.answering.test_scorecard import PNG_SIGNATURE, SHOWS, add_shows, show_id
from tests.e2e.conftest import ASKER, Showbot
from tests.e2e.fake_discord import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, JSONDict

pytestmark = pytest.mark.asyncio

EPHEMERAL = 64


def embed_of(message: JSONDict) -> JSONDict:
    [embed] = message["embeds"]
    assert isinstance(embed, dict)
    return embed


def sent_file(showbot: Showbot, interaction_id: int, filename: str) -> bytes:
    interaction = showbot.fake.interactions[interaction_id]
    for event in interaction.events:
        for file in event.files:
            if file.filename == filename:
                return file.content
    raise AssertionError(f"no file {filename} was sent for interaction {interaction_id}")


async def network_choices(showbot: Showbot, typed: str) -> list[JSONDict]:
    interaction = await showbot.fake.send_interaction(
        type=4,
        data={
            "name": "show",
            "options": [
                {
                    "type": 1,
                    "name": "scorecard",
                    "options": [{"type": 3, "name": "network", "value": typed, "focused": True}],
                }
            ],
        },
        user=ASKER,
        guild_id=DEFAULT_GUILD_ID,
        channel_id=DEFAULT_CHANNEL_ID,
    )
    callback = await showbot.guard(interaction.wait_for_callback())
    assert callback["type"] == 8, callback
    assert interaction.rejected_callbacks == []
    choices: list[JSONDict] = callback["data"]["choices"]
    return choices


async def test_the_chart_comes_with_the_decisions_behind_it(showbot: Showbot) -> None:
    interaction = await showbot.slash("scorecard", network="netflix")
    message = await interaction.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    [attachment] = message["attachments"]
    assert attachment["filename"] == "netflix-scorecard.png"
    png = sent_file(showbot, interaction.id, "netflix-scorecard.png")
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == (800, 450)
    embed = embed_of(message)
    assert embed["title"] == "Netflix: renewals and cancellations"
    assert embed["image"]["url"] == "attachment://netflix-scorecard.png"
    lines = embed["description"].splitlines()
    assert lines[:2] == [
        "🟢 **2** renewed, 🔴 **2** cancelled",
        "4 decision(s) on record, 2022. Newest first:",
    ]
    assert lines[2:] == [
        "🔴 <t:1667865600:D> · **The Imperfects** cancelled",
        "🔴 <t:1667865600:D> · **Partner Track** cancelled",
        "🟢 <t:1667779200:D> · **Dahmer – Monster: The Jeffrey Dahmer Story** renewed for 2 "
        "seasons",
        "🟢 <t:1667779200:D> · **The Watcher** renewed",
    ]
    assert embed["fields"][0]["value"] == "**2022**: 2 renewed, 2 cancelled"


async def test_a_decision_recorded_since_is_in_the_next_answer(showbot: Showbot) -> None:
    app = showbot.app
    await app.status.set_status(
        StatusRequest(
            show_id=show_id(app, "The Watcher"),
            status=ShowStatus.CANCELLED,
            effective_date=date(2024, 1, 15),
        )
    )
    interaction = await showbot.slash("scorecard", network="Netflix")
    embed = embed_of(await interaction.wait_for_message())
    assert embed["description"].splitlines()[2] == "🔴 <t:1705276800:D> · **The Watcher** cancelled"
    assert embed["fields"][0]["value"].splitlines() == [
        "**2024**: 0 renewed, 1 cancelled",
        "**2022**: 2 renewed, 2 cancelled",
    ]
    await showbot.settled()  # the cancellation's announcement pass ends before the bot stops


async def test_a_slow_chart_follows_a_deferral(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the chart took longer than the two seconds before deferring.
    monkeypatch.setattr(replies, "DEFER_AFTER", 0.0)
    interaction = await showbot.slash("scorecard", network="Netflix")
    [callback] = interaction.callbacks
    assert callback["type"] == 5  # deferred, "thinking…"
    message = await interaction.wait_for_message()
    assert [a["filename"] for a in message["attachments"]] == ["netflix-scorecard.png"]
    assert embed_of(message)["image"]["url"] == "attachment://netflix-scorecard.png"
    assert not message["flags"] & EPHEMERAL


async def test_an_unknown_network_is_answered_privately(showbot: Showbot) -> None:
    interaction = await showbot.slash("scorecard", network="HBO <@&5> **max**")
    message = await interaction.wait_for_message()
    assert message["flags"] & EPHEMERAL
    assert message["content"] == (
        "No network called **HBO \\<@&5\\> \\*\\*max\\*\\*** is on record. Networks on record "
        "include **Netflix**. Pick one from the list as you type."
    )
    assert not message["attachments"] and not message["embeds"]


async def test_a_network_without_decisions_is_a_sentence_without_a_chart(
    showbot: Showbot, tmp_path: Path
) -> None:
    await add_shows(showbot.app, tmp_path / "shows.json", SHOWS)
    interaction = await showbot.slash("scorecard", network="riverside one")
    message = await interaction.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    assert not message["attachments"]
    assert embed_of(message)["description"] == (
        "Riverside One has no renewals, cancellations or endings on record yet."
    )


async def test_a_long_record_fits_discord_with_how_many_more(
    showbot: Showbot, tmp_path: Path
) -> None:
    shows = [
        {
            "title": f"{'Quite a Long Title ' * 4}{n:03}",
            "network": "Bulk TV",
            "status": "cancelled",
            "status_history": [{"to": "cancelled", "date": f"{2000 + n % 25}-06-01"}],
        }
        for n in range(250)
    ]
    await add_shows(showbot.app, tmp_path / "bulk.json", shows)
    interaction = await showbot.slash("scorecard", network="bulk tv")
    message = await interaction.wait_for_message()  # the fake refuses what is over the limits
    embed = embed_of(message)
    listed = [line for line in embed["description"].splitlines() if line.startswith("🔴 ")]
    assert embed["description"].endswith(f"…and {250 - len(listed)} more")
    assert 10 < len(listed) < 250
    assert embed["fields"][0]["value"].splitlines()[0] == "**2024**: 0 renewed, 10 cancelled"
    assert [a["filename"] for a in message["attachments"]] == ["bulk-tv-scorecard.png"]


async def test_autocomplete_offers_the_networks_on_record(showbot: Showbot, tmp_path: Path) -> None:
    await add_shows(showbot.app, tmp_path / "shows.json", SHOWS)
    everything = await network_choices(showbot, "")
    assert [c["name"] for c in everything[:2]] == ["Netflix", "Northgate TV"]
    assert {c["value"] for c in everything} >= {"Riverside One", "Channel 4", "ABC"}
    typed = await network_choices(showbot, "north")
    assert [c["value"] for c in typed] == ["Northgate TV", "Northgate tv"]
