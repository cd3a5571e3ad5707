"""/admin through the fake Discord: only editors change anything, whoever a guild opened the
commands to; each change is in the history and undo puts the whole record back; an announced
cancellation undone edits every posted message in place and posts nothing new; export then
import gives the same catalogue; bad input is a private sentence and changes nothing."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.catalogue.service import Importer
from bot.discord.checks import NOT_AN_EDITOR
from db.announcement_tables import Delivery, DeliveryKind, DeliveryState
from db.catalogue.export import export_catalogue
from db.engine import Database
from db.models import utc_now
from db.subscriptions import pause_channel
from tests.backends import new_database
from tests.conftest import stored_show
from tests.e2e.admin_harness import (
    EDITOR,
    EDITOR_ROLE,
    NEWS,
    ROLE_EDITOR,
    STRANGER,
    admin,
    answer,
    audit_count,
    fake,
    record,
    showbot,
)
from tests.e2e.conftest import Showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID, JSONDict

pytestmark = pytest.mark.asyncio
__all__ = ["fake", "showbot"]  # the harness's fixtures, used here by name


async def test_only_editors_change_anything_whoever_the_command_is_open_to(
    showbot: Showbot, caplog: pytest.LogCaptureFixture
) -> None:
    show = await stored_show(showbot.app, "partner track")
    assert show.id is not None
    before = await record(showbot, show.id)
    caplog.set_level(logging.WARNING, logger="bot.discord.checks")
    for path, values in [
        ("status set", {"show": f"id:{show.id}", "status": "renewed"}),
        ("alias add", {"show": f"id:{show.id}", "name": "PT"}),
        ("undo", {}),
        ("export", {}),
    ]:
        # The guild's admin, with every permission: a guild can open /admin to anyone.
        refused = await answer(showbot, await admin(showbot, path, values, user=STRANGER))
        assert refused["content"] == NOT_AN_EDITOR
    assert await record(showbot, show.id) == before and await audit_count(showbot) == 0
    refusals = [r for r in caplog.records if "not an editor" in r.getMessage()]
    assert len(refusals) == 4 and str(STRANGER.id) in refusals[0].getMessage()
    # The role counts in the home guild; the owner is an editor too.
    by_role = await admin(
        showbot,
        "alias add",
        {"show": f"id:{show.id}", "name": "PT"},
        user=ROLE_EDITOR,
        roles=(EDITOR_ROLE.id,),
    )
    assert "+alias PT" in (await answer(showbot, by_role))["content"]
    by_owner = await admin(showbot, "undo", {"change": 1}, user=showbot.fake.owner)
    assert "Undid #1" in (await answer(showbot, by_owner))["content"]
    assert await record(showbot, show.id) == before


async def test_add_edit_status_then_undo_step_by_step(showbot: Showbot) -> None:
    opened = await admin(showbot, "show add")
    await showbot.guard(opened.wait_for_modal())
    submitted = await showbot.fake.submit_modal(
        opened,
        {"title": "Harbour Lights", "year": "2023", "network": "BBC", "logline": "A *port* town."},
    )
    added = await answer(showbot, submitted)
    assert added["content"].startswith("Added. #1")
    show_id = showbot.app.catalogue.index.resolve("harbour lights").match.entry.show_id  # type: ignore[union-attr]
    states = [await record(showbot, show_id)]
    assert states[0] is not None and states[0]["logline"] == "A *port* town."
    steps: list[tuple[str, dict[str, Any]]] = [
        ("show edit", {"show": f"id:{show_id}", "field": "country", "value": "United Kingdom"}),
        ("cast add", {"show": f"id:{show_id}", "name": "Ada Vance", "character": "Meg"}),
        ("season set", {"show": f"id:{show_id}", "number": 1, "episodes": 6, "cliffhanger": True}),
        ("status set", {"show": f"id:{show_id}", "status": "cancelled", "date": "2024-05-02"}),
    ]
    for path, values in steps:
        reply = await answer(showbot, await admin(showbot, path, values))
        assert reply["content"].startswith("#"), reply["content"]
        states.append(await record(showbot, show_id))
    assert states[-1] is not None and states[-1]["status"] == "cancelled"
    history = await answer(showbot, await admin(showbot, "history", {"show": f"id:{show_id}"}))
    lines = history["content"].splitlines()
    assert [line.split(" · ")[-1].split(":")[0] for line in lines[1:]] == [
        "status.set",
        "season.set",
        "cast.add",
        "show.edit",
        "show.add",
    ]
    for expected in reversed(states[:-1]):
        undone = await answer(showbot, await admin(showbot, "undo"))
        assert undone["content"].startswith("Undid #"), undone["content"]
        assert await record(showbot, show_id) == expected


async def test_an_announced_cancellation_undone_edits_every_post_and_posts_nothing_new(
    showbot: Showbot,
) -> None:
    app = showbot.app
    for channel in NEWS:
        await app.subscriptions.subscribe(guild_id=DEFAULT_GUILD_ID, channel_id=channel)
    async with app.database.transaction() as session:  # the third channel cannot be reached
        await pause_channel(session, NEWS[2], "Missing Access", utc_now())
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    before = await record(showbot, show.id)
    cancelled = await answer(
        showbot,
        await admin(
            showbot, "status set", {"show": f"id:{show.id}", "status": "cancelled", "seasons": 2}
        ),
    )
    assert "announcing to 3 channel(s)" in cancelled["content"]
    fake = showbot.fake
    await showbot.settled()
    posted = [fake.messages_in(channel)[0] for channel in NEWS[:2]]
    assert all("cancels The Watcher" in m["embeds"][0]["title"] for m in posted)
    edits_before = len(fake.message_edits)

    undone = await answer(
        showbot,
        await admin(
            showbot, "undo", {"reason": "The report was wrong", "source": "https://e.test/r"}
        ),
    )
    assert "2 posted message(s) to be corrected" in undone["content"]
    assert "1 unsent one(s) cancelled" in undone["content"]

    def both_edited() -> bool:
        edited = {e["message_id"] for e in fake.message_edits[edits_before:]}
        return all(int(m["id"]) in edited for m in posted)

    await showbot.guard(fake.wait_for(both_edited, timeout=8, what="both posts edited"))
    for channel, original in zip(NEWS[:2], posted, strict=True):
        (message,) = fake.messages_in(channel)  # edited in place, nothing new
        assert message["id"] == original["id"]
        embed = message["embeds"][0]
        assert embed["title"].startswith("~~") and "cancels The Watcher" in embed["title"]
        assert "The report was wrong" in embed["description"]
        assert "https://e.test/r" in embed["description"]
    assert fake.messages_in(NEWS[2]) == []
    assert await record(showbot, show.id) == before
    async with app.database.session() as session:
        rows = (await session.exec(select(Delivery))).all()
    by_kind = {(r.kind, r.channel_id): r.state for r in rows}
    assert by_kind[(DeliveryKind.ANNOUNCEMENT, NEWS[2])] is DeliveryState.CANCELLED
    assert [by_kind[(DeliveryKind.CORRECTION, c)] for c in NEWS[:2]] == [DeliveryState.SENT] * 2


async def test_export_then_import_into_an_empty_database_gives_the_same_file(
    showbot: Showbot, tmp_path: Path
) -> None:
    exported = await answer(showbot, await admin(showbot, "export"))
    (attachment,) = exported["attachments"]
    first = _file_bytes(showbot, attachment["filename"])
    path = tmp_path / "catalogue.json"
    path.write_bytes(first)
    again = tmp_path / "again.json"
    async with new_database(tmp_path, "empty.db") as url:
        empty = Database(url)
        await empty.upgrade()
        try:
            report = await Importer(empty).import_file(path)
            assert report.committed and report.created > 0
            async with empty.session() as session:
                with again.open("w", encoding="utf-8") as out:
                    await export_catalogue(session, out)
        finally:
            await empty.dispose()
    assert again.read_bytes() == first

    # The same file through /admin import: a preview, then the editor's confirmation.
    upload = showbot.fake.add_attachment(first, "catalogue.json", "application/json")
    preview = await answer(
        showbot,
        await admin(showbot, "import", raw=[{"type": 11, "name": "file", "value": upload["id"]}]),
    )
    assert "would import" in preview["content"] and "0 new" in preview["content"]
    button = next(
        c for row in preview["components"] for c in row["components"] if c.get("label") == "Import"
    )
    clicked = await showbot.fake.click(preview, button["custom_id"], user=EDITOR)
    await showbot.guard(clicked.wait_for_callback())
    await showbot.guard(
        showbot.fake.wait_for(
            lambda: any("unchanged" in _said(event.body) for event in clicked.events),
            timeout=8,
            what="the import's summary",
        )
    )
    assert await audit_count(showbot) == 1


def _said(body: JSONDict) -> str:
    """The text a callback (in its data) or an edit (at its top) sets."""
    data = body.get("data")
    return str((data if isinstance(data, dict) else body).get("content") or "")


def _file_bytes(showbot: Showbot, filename: str) -> bytes:
    for interaction in showbot.fake.interactions.values():
        for event in interaction.events:
            for file in event.files:
                if file.filename == filename:
                    return file.content
    raise AssertionError(f"no file {filename} was sent")


async def test_bad_input_is_a_private_sentence_and_changes_nothing(showbot: Showbot) -> None:
    show = await stored_show(showbot.app, "the watcher")
    assert show.id is not None
    before = await record(showbot, show.id)
    png = showbot.fake.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(200), "shows.json")
    text = showbot.fake.add_attachment(b"hello", "notes.txt")
    cases: list[tuple[str, dict[str, Any], list[JSONDict] | None, str]] = [
        ("status set", {"show": "Nonexistent Show Xyzzy", "status": "cancelled"}, None, "No show"),
        (
            "status set",
            {"show": f"id:{show.id}", "status": "cancelled", "date": "2022-02-30"},
            None,
            "not a day on the calendar",
        ),
        (
            "status set",
            {"show": f"id:{show.id}", "status": "cancelled", "note": "n" * 5000},
            None,
            "keep it under 1000",
        ),
        (
            "season set",
            {"show": f"id:{show.id}", "number": 1, "finale": "2022-13-01"},
            None,
            "not a day",
        ),
        ("alias remove", {"show": f"id:{show.id}", "name": "Nope"}, None, "no alias"),
        ("undo", {"change": 999}, None, "no change #999"),
        ("import", {}, [{"type": 11, "name": "file", "value": png["id"]}], "couldn't read"),
        ("import", {}, [{"type": 11, "name": "file", "value": text["id"]}], "not a catalogue"),
    ]
    for path, values, raw, expected in cases:
        reply = await answer(showbot, await admin(showbot, path, values, raw=raw))
        assert expected.lower() in reply["content"].lower(), (path, reply["content"])
        assert "nothing" in reply["content"].lower(), reply["content"]
    assert await record(showbot, show.id) == before
    assert await audit_count(showbot) == 0
