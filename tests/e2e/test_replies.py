"""What the user has been sent stays sent: a failure after an answer never deletes the answer.

The error handler answers privately. After a "thinking…" deferral that no answer has replaced
yet, that means deleting the public placeholder first; after an answer, it must only add an
ephemeral followup.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.discord import replies
from tests.e2e.conftest import ASKER, Showbot
from tests.e2e.fake_discord import FakeInteraction, JSONDict

pytestmark = pytest.mark.asyncio

EPHEMERAL = 64
ORIGINAL = r"/webhooks/\d+/[^/]+/messages/@original"


async def _import(showbot: Showbot, tmp_path: Path, shows: list[JSONDict]) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in shows), encoding="utf-8")
    report = await showbot.app.catalogue.import_file(path)
    assert report.committed, report.errors


async def _run(showbot: Showbot, name: str) -> FakeInteraction:
    """Runs a top-level command `name` and waits until it has ended in the bot."""
    interaction = await showbot.fake.send_command(name, user=ASKER)
    await showbot.guard(
        showbot.fake.wait_for(
            lambda: interaction.id in showbot.ended_commands,
            timeout=10,
            what=f"/{name} to end in the bot",
        ),
        timeout=12,
    )
    await showbot.guard(showbot._settled(interaction))
    return interaction


def _probe(showbot: Showbot, *, slow: bool, answer: bool) -> None:
    """A command that answers (or not), possibly after a deferral, and then fails."""

    @app_commands.command(name="probe", description="answers, then fails")
    async def probe(interaction: discord.Interaction) -> None:
        if slow:
            await replies.within_deadline(interaction, asyncio.sleep(0.3))
        if answer:
            await replies.send(interaction, content="the answer")
        raise RuntimeError("a failure after the answer")

    showbot.bot.tree.add_command(probe)


def _visible_messages(interaction: FakeInteraction) -> list[JSONDict]:
    return list(interaction.messages.values())


async def test_a_failed_fetch_after_the_menu_never_deletes_the_menu(
    showbot: Showbot, tmp_path: Path
) -> None:
    await _import(showbot, tmp_path, [{"title": "The Watcher", "year": 1999, "network": "ABC"}])
    showbot.fake.faults.not_found(
        method="GET", path=ORIGINAL, times=None, code=10008, message="Unknown Message"
    )
    interaction = await showbot.slash("status", title="the watcher")
    assert interaction.deletes == []
    [menu] = _visible_messages(interaction)
    assert menu["embeds"][0]["title"] == "Which show?"
    assert menu["components"], "the menu lost its picker"


async def test_a_failure_after_an_answer_adds_a_private_note(showbot: Showbot) -> None:
    _probe(showbot, slow=False, answer=True)
    interaction = await _run(showbot, "probe")
    assert interaction.deletes == []
    assert interaction.callbacks[0]["type"] == 4
    answer, note = _visible_messages(interaction)
    assert answer["content"] == "the answer" and not answer["flags"] & EPHEMERAL
    assert note["flags"] & EPHEMERAL and "Something went wrong" in note["content"]


async def test_a_failure_after_a_deferred_answer_adds_a_private_note(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "DEFER_AFTER", 0.05)
    _probe(showbot, slow=True, answer=True)
    interaction = await _run(showbot, "probe")
    assert interaction.callbacks[0]["type"] == 5
    assert interaction.deletes == []
    answer, note = _visible_messages(interaction)
    assert answer["content"] == "the answer" and not answer["flags"] & EPHEMERAL
    assert note["flags"] & EPHEMERAL and "Something went wrong" in note["content"]


async def test_a_failure_while_thinking_replaces_the_placeholder_privately(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replies, "DEFER_AFTER", 0.05)
    _probe(showbot, slow=True, answer=False)
    interaction = await _run(showbot, "probe")
    assert interaction.callbacks[0]["type"] == 5
    assert interaction.deletes == ["@original"]  # the public "thinking…" only
    [note] = _visible_messages(interaction)
    assert note["flags"] & EPHEMERAL and "Something went wrong" in note["content"]
