"""Everything the bot offers, used through the real client against the fake."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ASKER, OTHER, Showbot, assert_no_pings
from tests.e2e.fake_discord import DEFAULT_CHANNEL_ID, JSONDict

pytestmark = pytest.mark.asyncio

EPHEMERAL = 64


def embed_of(message: JSONDict) -> JSONDict:
    [embed] = message["embeds"]
    assert isinstance(embed, dict)
    return embed


def field_of(embed: JSONDict, prefix: str) -> str:
    return next(str(f["value"]) for f in embed["fields"] if str(f["name"]).startswith(prefix))


async def test_status(showbot: Showbot) -> None:
    interaction = await showbot.slash("status", title="is partner track cancelled?")
    [callback] = interaction.callbacks
    assert callback["type"] == 4
    message = await interaction.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    embed = embed_of(message)
    assert embed["title"] == "Partner Track (2022)"
    assert "🔴 **Cancelled** · Netflix" in embed["description"]
    assert "<t:1667865600:D>" in embed["description"]
    assert field_of(embed, "Cast").startswith("Arden Cho as Ingrid Yun")
    assert field_of(embed, "How season 1 ended").startswith("||")
    assert interaction.callback_times[0] < 3


async def test_cast(showbot: Showbot) -> None:
    interaction = await showbot.slash("cast", title="the imperfects")
    embed = embed_of(await interaction.wait_for_message())
    assert field_of(embed, "Cast").splitlines()[0] == "Italia Ricci as Dr. Sydney Burke"
    assert field_of(embed, "Created by") == "Shelley Eriksen, Dennis Heaton"


async def test_ending_of_a_season(showbot: Showbot) -> None:
    interaction = await showbot.slash("ending", title="partner track", season=1)
    embed = embed_of(await interaction.wait_for_message())
    first = embed["fields"][0]
    assert first["name"] == "How season 1 ended (spoiler)"
    assert "||Ingrid, who had cheated" in first["value"]


async def test_ask(showbot: Showbot) -> None:
    interaction = await showbot.slash("ask", question="will there be a season 2 of imperfects?")
    embed = embed_of(await interaction.wait_for_message())
    assert "There will be no season 2" in embed["description"]


async def test_a_missing_show_is_answered_privately_with_suggestions(showbot: Showbot) -> None:
    interaction = await showbot.slash("status", title="partner trak doom")
    message = await interaction.wait_for_message()
    assert message["flags"] & EPHEMERAL
    assert "Partner Track" in embed_of(message)["description"]


async def test_autocomplete_answers_empty_input_with_the_latest_news(showbot: Showbot) -> None:
    choices = await showbot.autocomplete("status", "")
    names = [c["name"] for c in choices]
    assert set(names[:2]) == {"Partner Track (2022)", "The Imperfects (2022)"}
    assert len(choices) == 4


async def test_autocomplete_then_the_command_with_the_chosen_value(showbot: Showbot) -> None:
    [choice] = await showbot.autocomplete("cast", "imperf")
    assert choice["name"] == "The Imperfects (2022)" and choice["value"].startswith("id:")
    interaction = await showbot.slash("cast", title=choice["value"])
    assert embed_of(await interaction.wait_for_message())["title"] == "The Imperfects (2022)"


@pytest.mark.parametrize(
    "typed",
    [
        "x" * 500,
        "partner track " * 36,
        "🙂🙃 \u200b\u200f مسلسل ☃ Ω",
        "e\u0301\u0301\u0301" * 50,
        "\x00\x07",
    ],
)
async def test_autocomplete_survives_long_and_odd_input(showbot: Showbot, typed: str) -> None:
    choices = await showbot.autocomplete("ending", typed)
    assert len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100 and 1 <= len(choice["value"]) <= 100


async def _import(showbot: Showbot, tmp_path: Path, shows: list[dict[str, Any]]) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in shows), encoding="utf-8")
    report = await showbot.app.catalogue.import_file(path)
    assert report.committed, report.errors


async def test_autocomplete_caps_choices_and_their_length(showbot: Showbot, tmp_path: Path) -> None:
    long_title = "The Extraordinarily Long " + "And Winding " * 30 + "Road"
    shows = [{"title": f"The Watcher Files {n}", "year": 2000 + n} for n in range(40)]
    await _import(showbot, tmp_path, [*shows, {"title": long_title, "year": 2020}])
    many = await showbot.autocomplete("status", "the watcher")
    assert len(many) == 25
    assert many[0]["name"] == "The Watcher"
    [long] = await showbot.autocomplete("status", "the extraordinarily long")
    assert len(long["name"]) == 100 and long["name"].endswith("… (2020)")


async def test_an_ambiguous_title_offers_a_menu_only_the_asker_can_use(
    showbot: Showbot, tmp_path: Path
) -> None:
    await _import(showbot, tmp_path, [{"title": "The Watcher", "year": 1999, "network": "ABC"}])
    interaction = await showbot.slash("status", title="the watcher")
    menu = await interaction.wait_for_message()
    assert "Which show?" in embed_of(menu)["title"]
    options = menu["components"][0]["components"][0]["options"]
    descriptions = {o["description"] for o in options}
    assert descriptions == {"The Watcher (1999, ABC)", "The Watcher (Netflix)"}
    netflix = next(o["value"] for o in options if "Netflix" in o["description"])

    stranger = await showbot.pick(menu, netflix, OTHER)
    [refusal] = stranger.callbacks
    assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
    assert "Only the person who asked" in refusal["data"]["content"]

    picked = await showbot.pick(menu, netflix, ASKER)
    [update] = picked.callbacks
    assert update["type"] == 7
    assert embed_of(update["data"])["title"] == "The Watcher"
    assert update["data"]["components"] == []
    stored = showbot.fake.messages_in(DEFAULT_CHANNEL_ID) + list(interaction.messages.values())
    assert any(m.get("embeds") and m["embeds"][0]["title"] == "The Watcher" for m in stored)


async def test_a_question_that_mentions_the_bot(showbot: Showbot) -> None:
    reply = await showbot.mention("is the watcher renewed?")
    assert reply["message_reference"]["channel_id"] == str(DEFAULT_CHANNEL_ID)
    assert "Renewed by Netflix for a second season" in embed_of(reply)["description"]
    assert_no_pings(reply)


async def test_a_bare_mention_gets_help(showbot: Showbot) -> None:
    reply = await showbot.mention("")
    assert "/show status" in reply["content"]


async def test_a_failing_command_is_answered_privately(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(showbot.app.answers, "ask", broken)
    interaction = await showbot.slash("status", title="partner track")
    message = await interaction.wait_for_message()
    assert message["flags"] & EPHEMERAL
    assert "Something went wrong" in message["content"]


async def test_record_text_never_pings(showbot: Showbot, tmp_path: Path) -> None:
    hostile = "@everyone @here <@1300000000000000002> <@&1> ||unspoiled|| **bold**"
    await _import(
        showbot,
        tmp_path,
        [
            {
                "title": "Ping Storm @everyone",
                "year": 2023,
                "network": hostile,
                "logline": hostile,
                "status": "cancelled",
                "credits": [{"name": "@here", "character": "<@&1>"}],
                "seasons": [{"number": 1, "ending": hostile}],
            }
        ],
    )
    interaction = await showbot.slash("status", title="ping storm @everyone")
    slash = await interaction.wait_for_message()
    reply = await showbot.mention("is ping storm @everyone cancelled")
    for message in (slash, reply):
        assert_no_pings(message)
        text = json.dumps(message["embeds"])
        assert "@everyone" not in text.replace("@\\u200beveryone", "")
        ending = field_of(embed_of(message), "How season 1 ended")
        assert ending.count("||") == 2
