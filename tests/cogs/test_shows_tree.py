"""The /show commands through discord.py's real CommandTree, interactions and views."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import event

from bot.application import Application
from bot.discord import replies
from bot.matching.index import TitleEntry
from tests.cogs.tree_harness import ASKER_ID, OTHER_USER_ID, driven_bot

EPHEMERAL = 64


def _embed(message: dict[str, Any]) -> dict[str, Any]:
    [embed] = message["embeds"]
    assert isinstance(embed, dict)
    return embed


def _field(embed: dict[str, Any], prefix: str) -> str:
    return next(str(f["value"]) for f in embed["fields"] if f["name"].startswith(prefix))


@pytest.mark.asyncio
async def test_the_command_set(app: Application) -> None:
    async with driven_bot(app) as driver:
        [group] = [c.to_dict(driver.bot.tree) for c in driver.bot.tree.get_commands()]
    assert group["name"] == "show"
    options = {o["name"]: o for o in group["options"]}
    assert sorted(options) == ["ask", "cast", "ending", "help", "scorecard", "status"]
    for name in ("status", "cast", "ending"):
        title = options[name]["options"][0]
        assert (title["name"], title["type"], title["autocomplete"]) == ("title", 3, True)
    network = options["scorecard"]["options"][0]
    assert (network["name"], network["type"], network["autocomplete"]) == ("network", 3, True)
    season = options["ending"]["options"][1]
    assert (season["name"], season["required"], season["min_value"]) == ("season", False, 1)
    assert options["ask"]["options"][0]["max_length"] == 300


@pytest.mark.asyncio
async def test_status_answers_once_with_the_card(app: Application) -> None:
    async with driven_bot(app) as driver:
        await driver.command("status", {"title": "is partner track cancelled?"})
    [callback] = driver.adapter.callbacks()
    assert callback["type"] == 4
    data = callback["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert not data.get("flags", 0) & EPHEMERAL
    embed = _embed(data)
    assert embed["title"] == "Partner Track (2022)"
    assert "Partner Track was cancelled by Netflix on 8 November 2022" in embed["description"]
    names = [field["name"] for field in embed["fields"]]
    assert not [name for name in names if "ended" in name]  # the ending is /show ending's
    assert "betrayed" not in str(embed)


@pytest.mark.asyncio
async def test_cast_and_ending_commands(app: Application) -> None:
    async with driven_bot(app) as driver:
        await driver.command("cast", {"title": "partner track"})
        await driver.command("ending", {"title": "partner track", "season": 1})
    cast, ending = (_embed(c["data"]) for c in driver.adapter.callbacks())
    assert len(_field(cast, "Cast").splitlines()) == 15
    assert ending["fields"][0]["name"] == "How season 1 ended (spoiler)"
    assert "Jeff betrayed her" in ending["fields"][0]["value"]


@pytest.mark.asyncio
async def test_ask_takes_free_text(app: Application) -> None:
    async with driven_bot(app) as driver:
        await driver.command("ask", {"question": "imperfects season 2?"})
    embed = _embed(driver.adapter.callbacks()[0]["data"])
    assert "there will be no season 2" in embed["description"]


@pytest.mark.asyncio
async def test_unknown_show_is_answered_privately(app: Application) -> None:
    async with driven_bot(app) as driver:
        await driver.command("status", {"title": "breaking bad"})
    [callback] = driver.adapter.callbacks()
    assert callback["data"]["flags"] & EPHEMERAL
    assert "breaking bad" in _embed(callback["data"])["description"]


@pytest.mark.asyncio
async def test_autocomplete(app: Application) -> None:
    async with driven_bot(app) as driver:
        empty = await driver.autocomplete("status", "")
        typed = await driver.autocomplete("cast", "partn")
        odd = await driver.autocomplete("ending", "☃" * 100)
        await driver.command("status", {"title": typed[0]["value"]})
    assert 1 <= len(empty) <= 25 and len(typed) >= 1 and len(odd) <= 25
    assert typed[0]["name"] == "Partner Track (2022 series)"
    assert typed[0]["value"].startswith("id:")
    for choice in empty + typed:
        assert 1 <= len(choice["name"]) <= 100 and 1 <= len(choice["value"]) <= 100
    assert _embed(driver.adapter.callbacks()[-1]["data"])["title"] == "Partner Track (2022)"


@pytest.mark.asyncio
async def test_ambiguous_titles_offer_a_menu_only_the_asker_can_use(app: Application) -> None:
    app.catalogue.index.upsert(TitleEntry(777, "The Watcher", 1999, "ABC"))
    async with driven_bot(app) as driver:
        await driver.command("status", {"title": "the watcher"})
        [menu] = driver.adapter.sent
        options = menu["components"][0]["components"][0]["options"]
        assert {o["description"] for o in options} == {
            "The Watcher (1999, ABC)",
            "The Watcher (Netflix)",
        }
        real = next(o["value"] for o in options if o["value"] != "777")
        await driver.pick(menu, real, user_id=OTHER_USER_ID)
        refusal = driver.adapter.callbacks()[-1]
        assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
        await driver.pick(menu, real, user_id=ASKER_ID)
    answer = driver.adapter.callbacks()[-1]
    assert answer["type"] == 7
    assert _embed(answer["data"])["title"] == "The Watcher"
    assert answer["data"]["components"] == []


@pytest.mark.asyncio
async def test_a_slow_database_is_deferred_then_answered(
    app: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "DEFER_AFTER", 0.2)

    stalls = [0.5]

    def slow(*_: object) -> None:
        if stalls:
            time.sleep(stalls.pop())  # in the database driver's thread, like a busy server

    event.listen(app.database.engine.sync_engine, "before_cursor_execute", slow)
    async with driven_bot(app) as driver:
        await driver.command("status", {"title": "partner track"})
    event.remove(app.database.engine.sync_engine, "before_cursor_execute", slow)
    [deferral] = driver.adapter.callbacks()
    assert deferral["type"] == 5
    followups = [c for c in driver.adapter.calls if c.path.startswith("/webhooks/")]
    assert len(followups) == 1
    assert followups[0].body is not None
    assert _embed(followups[0].body)["title"] == "Partner Track (2022)"


@pytest.mark.asyncio
async def test_a_failing_command_gets_a_private_apology(
    app: Application, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_: object, **__: object) -> None:
        raise RuntimeError("the catalogue caught fire")

    monkeypatch.setattr(app.answers, "ask", broken)
    async with driven_bot(app) as driver:
        await driver.command("status", {"title": "partner track"})
    [callback] = driver.adapter.callbacks()
    assert callback["data"]["flags"] & EPHEMERAL
    assert "Something went wrong" in callback["data"]["content"]
    assert "the catalogue caught fire" in caplog.text


@pytest.mark.asyncio
async def test_commands_are_synced_only_when_they_change(
    app: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[object] = []

    async def record_sync(*, guild: object = None) -> list[object]:
        synced.append(guild)
        return []

    async with driven_bot(app) as driver:
        monkeypatch.setattr(driver.bot.tree, "sync", record_sync)
        assert await driver.bot.sync_commands() is True
        assert await driver.bot.sync_commands() is False
        driver.bot.tree.remove_command("show")
        assert await driver.bot.sync_commands() is True
        assert await driver.bot.sync_commands(force=True) is True
    assert synced == [None, None, None]
