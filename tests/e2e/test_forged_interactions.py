"""Interactions Discord delivers but no honest client sends: forged picker values, double
picks, autocomplete without a focused option. None of them may change what others see."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.e2e.conftest import ASKER, Showbot
from tests.e2e.fake_discord import DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, FakeInteraction, JSONDict

pytestmark = pytest.mark.asyncio

EPHEMERAL = 64


async def _ambiguous_menu(showbot: Showbot, tmp_path: Path) -> tuple[FakeInteraction, JSONDict]:
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps({"title": "The Watcher", "year": 1999, "network": "ABC"}))
    report = await showbot.app.catalogue.import_file(path)
    assert report.committed, report.errors
    interaction = await showbot.slash("status", title="the watcher")
    menu = await interaction.wait_for_message()
    assert menu["embeds"][0]["title"] == "Which show?"
    return interaction, menu


def _options(menu: JSONDict) -> list[JSONDict]:
    options: list[JSONDict] = menu["components"][0]["components"][0]["options"]
    return options


def _untouched(showbot: Showbot, asked: FakeInteraction, menu: JSONDict) -> None:
    stored = showbot.fake.messages_by_id[int(menu["id"])]
    assert stored["embeds"][0]["title"] == "Which show?"
    assert stored["components"] == menu["components"]
    assert asked.edits == [] and asked.deletes == []


@pytest.mark.parametrize(
    "values",
    [["partner track"], ["-1"], ["1e3"], ["\u0661"], [], ["OFFERED", "OFFERED"]],
    ids=["not-a-number", "negative", "float", "arabic-digit", "none", "two-values"],
)
async def test_a_forged_pick_is_refused_and_the_menu_stays(
    showbot: Showbot, tmp_path: Path, values: list[str]
) -> None:
    asked, menu = await _ambiguous_menu(showbot, tmp_path)
    offered = _options(menu)[0]["value"]
    values = [offered if v == "OFFERED" else v for v in values]
    forged = await showbot.pick(menu, values, ASKER)
    [refusal] = forged.callbacks
    assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
    assert "pick" in refusal["data"]["content"]
    _untouched(showbot, asked, menu)


async def test_a_show_that_was_not_offered_is_refused(showbot: Showbot, tmp_path: Path) -> None:
    asked, menu = await _ambiguous_menu(showbot, tmp_path)
    offered = {o["value"] for o in _options(menu)}
    [partner_track] = showbot.app.catalogue.index.complete("partner track", limit=1)
    for value in (str(partner_track.show_id), "999999999"):
        assert value not in offered
        forged = await showbot.pick(menu, value, ASKER)
        [refusal] = forged.callbacks
        assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
        _untouched(showbot, asked, menu)
    honest = await showbot.pick(menu, next(iter(offered)), ASKER)
    assert honest.callbacks[0]["type"] == 7  # the menu still works for a real pick


async def test_two_quick_picks_answer_once(showbot: Showbot, tmp_path: Path) -> None:
    _, menu = await _ambiguous_menu(showbot, tmp_path)
    select = menu["components"][0]["components"][0]
    netflix = next(o["value"] for o in select["options"] if "Netflix" in o["description"])
    stalls = [0.5]

    def slow(*_: object) -> None:
        if stalls:
            time.sleep(stalls.pop())  # the first pick's query, in the driver's thread

    engine = showbot.app.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", slow)
    try:
        clicks = [
            await showbot.fake.click(
                menu, select["custom_id"], user=ASKER, component_type=3, values=[netflix]
            )
            for _ in range(2)
        ]
        for click in clicks:
            await showbot.guard(click.wait_for_callback())
        await showbot.guard(asyncio.gather(*(showbot._settled(c) for c in clicks)))
    finally:
        event.remove(engine, "before_cursor_execute", slow)
    callbacks = [body for click in clicks for body in click.accepted_callbacks]
    updates = [body for body in callbacks if body["type"] == 7]
    assert len(updates) == 1, callbacks
    others = [body for body in callbacks if body["type"] != 7]
    assert all(body["type"] == 4 and body["data"]["flags"] & EPHEMERAL for body in others)
    assert sum(len(click.followups) for click in clicks) == 0


async def test_autocomplete_without_a_focused_option_gets_no_choices(showbot: Showbot) -> None:
    interaction = await showbot.fake.send_interaction(
        type=4,
        data={
            "name": "show",
            "options": [
                {
                    "type": 1,
                    "name": "status",
                    "options": [{"type": 3, "name": "title", "value": "partner"}],
                }
            ],
        },
        user=ASKER,
        guild_id=DEFAULT_GUILD_ID,
        channel_id=DEFAULT_CHANNEL_ID,
    )
    callback = await showbot.guard(interaction.wait_for_callback())
    await showbot.guard(showbot._settled(interaction))
    assert callback == {"type": 8, "data": {"choices": []}}
    assert interaction.rejected_callbacks == []
    assert len(interaction.callbacks) == 1
