""" "Did you mean …?" buttons: they answer the suggested show for the asker alone, with what
was asked, after a restart too; a damaged one is refused in a sentence."""

from __future__ import annotations

import copy

import pytest

from bot.settings import Settings
from tests.e2e.conftest import ASKER, OTHER, Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import FakeDiscord, FakeUser, JSONDict

pytestmark = pytest.mark.asyncio

EPHEMERAL = 64
MISSPELT = "partnr trak doom"


def buttons_of(message: JSONDict) -> list[JSONDict]:
    return [c for row in message["components"] for c in row["components"] if c["type"] == 2]


def the_button(message: JSONDict, label: str) -> JSONDict:
    found = [b for b in buttons_of(message) if b["label"] == label]
    assert len(found) == 1, buttons_of(message)
    return found[0]


async def press(showbot: Showbot, message: JSONDict, custom_id: str, user: FakeUser) -> JSONDict:
    """Clicks a button on `message` as `user`; returns the bot's answer to the click."""
    click = await showbot.fake.click(message, custom_id, user=user)
    return await showbot.guard(click.wait_for_message())


async def test_a_suggestion_answers_for_the_asker_and_no_one_else(showbot: Showbot) -> None:
    reply = await showbot.mention(f"is {MISSPELT} cancelled?")
    assert not reply["flags"] & EPHEMERAL
    assert "Partner Track" in reply["embeds"][0]["description"]
    button = the_button(reply, "Partner Track (2022)")
    assert ":status" in button["custom_id"]

    refusal = await press(showbot, reply, button["custom_id"], OTHER)
    assert refusal["flags"] & EPHEMERAL
    assert "Only the person who asked" in refusal["content"] and not refusal["embeds"]

    answer = await press(showbot, reply, button["custom_id"], ASKER)
    assert not answer["flags"] & EPHEMERAL  # the suggestion was public: so is the answer
    [embed] = answer["embeds"]
    assert embed["title"] == "Partner Track (2022)"
    assert "Cancelled" in embed["description"]


async def test_a_suggestion_answers_with_what_was_asked(showbot: Showbot) -> None:
    interaction = await showbot.slash("ending", title=MISSPELT, season=1)
    message = await interaction.wait_for_message()
    assert message["flags"] & EPHEMERAL  # nothing found: only the asker sees it
    button = the_button(message, "Partner Track (2022)")
    answer = await press(showbot, message, button["custom_id"], ASKER)
    assert answer["flags"] & EPHEMERAL  # as private as the suggestion it answers
    [embed] = answer["embeds"]
    assert embed["fields"][0]["name"] == "How season 1 ended (spoiler)"


async def test_a_button_answers_after_a_restart(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> None:
    app, bot, task = await start_showbot(fake, e2e_settings)
    before = Showbot(fake=fake, app=app, bot=bot, task=task)
    try:
        message = await before.mention(f"is {MISSPELT} cancelled?")
    finally:
        await stop_showbot(app, bot, task)
    button = the_button(message, "Partner Track (2022)")

    app, bot, task = await start_showbot(fake, e2e_settings)
    after = Showbot(fake=fake, app=app, bot=bot, task=task)
    try:
        answer = await press(after, message, button["custom_id"], ASKER)
    finally:
        await stop_showbot(app, bot, task)
    assert answer["embeds"][0]["title"] == "Partner Track (2022)"


def _tampered(message: JSONDict, custom_id: str) -> JSONDict:
    """The message as a client that rewrote its button would present it."""
    forged = copy.deepcopy(message)
    forged["components"][0]["components"][0]["custom_id"] = custom_id
    return forged


@pytest.mark.parametrize(
    ("custom_id", "says"),
    [
        ("showbot:answer:999999999:{asker}:status", "no longer in the catalogue"),
        ("showbot:answer:{show}:{asker}:gossip", "doesn't name a show and a question"),
        ("showbot:answer:{show}:{asker}", "doesn't name a show and a question"),
        ("showbot:answer:{show}:{asker}:status:0", "doesn't name a show and a question"),
        ("showbot:answer:1e3:{asker}:status", "doesn't name a show and a question"),
        ("showbot:answer:", "doesn't name a show and a question"),
    ],
)
async def test_a_damaged_button_is_refused_in_a_sentence(
    showbot: Showbot, custom_id: str, says: str
) -> None:
    reply = await showbot.mention(f"is {MISSPELT} cancelled?")
    honest = buttons_of(reply)[0]["custom_id"]
    show = honest.split(":")[2]
    forged_id = custom_id.format(show=show, asker=ASKER.id)
    refusal = await press(showbot, _tampered(reply, forged_id), forged_id, ASKER)
    assert refusal["flags"] & EPHEMERAL
    assert says in refusal["content"]


async def test_each_answer_offers_its_own_buttons(showbot: Showbot) -> None:
    reply = await showbot.mention(f"is {MISSPELT} cancelled, and what about the imperfects?")
    assert len(reply["embeds"]) == 2
    assert reply["embeds"][1]["title"] == "The Imperfects (2022)"
    follow_row, row = reply["components"]
    # The show answered can be followed; the one not found offers its suggestion.
    assert [b["label"] for b in follow_row["components"]] == ["Follow The Imperfects"]
    assert row["components"][0]["label"] == "Partner Track (2022)"
