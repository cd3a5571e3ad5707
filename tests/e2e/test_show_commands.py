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
    assert "cancelled by Netflix on 8 November 2022" in embed["description"]
    assert interaction.callback_times[0] < 3


async def test_cast(showbot: Showbot) -> None:
    interaction = await showbot.slash("cast", title="the imperfects")
    embed = embed_of(await interaction.wait_for_message())
    assert field_of(embed, "Cast").splitlines()[0] == "Italia Ricci as Dr. Sydney Burke"


async def test_ending_of_a_season(showbot: Showbot) -> None:
    interaction = await showbot.slash("ending", title="partner track", season=1)
    embed = embed_of(await interaction.wait_for_message())
    first = embed["fields"][0]
    assert first["name"] == "How season 1 ended (spoiler)"
    assert "||Ingrid, who had cheated" in first["value"]


async def test_ask(showbot: Showbot) -> None:
    interaction = await showbot.slash("ask", question="will there be a season 2 of imperfects?")
    embed = embed_of(await interaction.wait_for_message())
    assert "there will be no season 2" in embed["description"]


async def test_a_missing_show_is_answered_privately_with_suggestions(showbot: Showbot) -> None:
    interaction = await showbot.slash("status", title="partnr trak doom")
    message = await interaction.wait_for_message()
    assert message["flags"] & EPHEMERAL
    assert "Partner Track" in embed_of(message)["description"]


async def test_autocomplete_answers_empty_input_with_the_latest_news(showbot: Showbot) -> None:
    choices = await showbot.autocomplete("status", "")
    names = [c["name"] for c in choices]
    assert set(names[:2]) == {"Partner Track (2022 series)", "The Imperfects (2022 series)"}
    assert len(choices) == 4


async def test_autocomplete_then_the_command_with_the_chosen_value(showbot: Showbot) -> None:
    [choice] = await showbot.autocomplete("cast", "imperf")
    assert choice["name"] == "The Imperfects (2022 series)" and choice["value"].startswith("id:")
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
    assert many[0]["name"] == "The Watcher (series)"
    [long] = await showbot.autocomplete("status", "the extraordinarily long")
    assert 96 <= len(long["name"]) <= 100 and long["name"].endswith("… (2020 series)")


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
    assert "renewed by Netflix for a second season" in embed_of(reply)["description"]
    assert_no_pings(reply)


@pytest.mark.parametrize("text", ["", "hi!", "thanks", "what can you do?", "help"])
async def test_small_talk_and_help_get_help_never_a_show(showbot: Showbot, text: str) -> None:
    reply = await showbot.mention(text)
    [embed] = reply["embeds"]
    assert_help(embed)
    assert not reply["components"]


def assert_help(embed: JSONDict) -> None:
    """The help card: examples to try, and no show's card."""
    text = json.dumps(embed, ensure_ascii=False)
    assert "is Partner Track cancelled?" in text  # an example to try
    assert "🔴" not in text and "Sources" not in text  # no show's card


async def test_show_help(showbot: Showbot) -> None:
    interaction = await showbot.slash("help")
    message = await interaction.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    assert_help(embed_of(message))


async def test_several_shows_get_one_embed_each(showbot: Showbot) -> None:
    interaction = await showbot.slash(
        "ask", question="are partner track, the watcher and dahmer cancelled?"
    )
    message = await interaction.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    titles = [embed["title"] for embed in message["embeds"]]
    assert titles[:2] == ["Partner Track (2022)", "The Watcher"]
    assert len(titles) == 3 and titles[2].startswith("Dahmer")
    reply = await showbot.mention("is partner track or the imperfects cancelled?")
    titles = [e["title"] for e in reply["embeds"]]
    assert titles == ["Partner Track (2022)", "The Imperfects (2022)"]


async def test_only_a_reply_of_nothing_but_not_found_is_private(showbot: Showbot) -> None:
    mixed = await showbot.slash("ask", question="are partnr trak doom and the imperfects over?")
    message = await mixed.wait_for_message()
    assert not message["flags"] & EPHEMERAL
    assert [e["title"] for e in message["embeds"]][-1] == "The Imperfects (2022)"


async def test_autocomplete_says_which_are_films_and_which_are_series(
    showbot: Showbot, tmp_path: Path
) -> None:
    await _import(
        showbot,
        tmp_path,
        [
            {"title": "Partner Tracking", "year": 2019, "kind": "film"},
            {"title": "Partner", "year": 2007, "kind": "film"},
        ],
    )
    cast = [c["name"] for c in await showbot.autocomplete("cast", "partner")]
    assert cast[0] == "Partner (2007 film)"  # the exact title first, film or not
    assert set(cast) == {"Partner (2007 film)", "Partner Tracking (2019 film)",
                         "Partner Track (2022 series)"}  # fmt: skip
    for sub in ("status", "ending"):  # what only a series can answer: series first
        names = [c["name"] for c in await showbot.autocomplete(sub, "partner")]
        assert names[0] == "Partner Track (2022 series)"
        assert sorted(names[1:]) == ["Partner (2007 film)", "Partner Tracking (2019 film)"]


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
    interaction = await showbot.slash("ending", title="ping storm @everyone")
    slash = await interaction.wait_for_message()
    reply = await showbot.mention("how did ping storm @everyone end?")
    for message in (slash, reply):
        assert_no_pings(message)
        text = json.dumps(message["embeds"])
        assert "@everyone" not in text.replace("@\\u200beveryone", "")
        ending = field_of(embed_of(message), "How season 1 ended")
        assert ending.count("||") == 2
