"""/admin's registration (the home guild only, a Manage Server default), the show form filled
in with the record for an edit, and an import's progress shown while it runs."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from db.catalogue import CatalogueWriter
from db.records import ShowRecord
from tests.conftest import stored_show
from tests.e2e.admin_harness import EDITOR, admin, answer, fake, record, showbot
from tests.e2e.conftest import Showbot
from tests.e2e.fake_discord import DEFAULT_GUILD_ID

pytestmark = pytest.mark.asyncio
__all__ = ["fake", "showbot"]  # the harness's fixtures, used here by name

MANAGE_GUILD = 1 << 5


async def test_admin_is_registered_in_the_home_guild_only(showbot: Showbot) -> None:
    registered = showbot.fake.registered_commands
    assert "admin" not in [c["name"] for c in registered[None]]
    (group,) = [c for c in registered[DEFAULT_GUILD_ID] if c["name"] == "admin"]
    assert int(group["default_member_permissions"]) == MANAGE_GUILD
    names = {option["name"] for option in group["options"]}
    assert {"show", "alias", "cast", "season", "status", "import", "export", "history"} <= names
    assert "undo" in names


async def test_the_edit_form_shows_the_record_and_saves_what_changed(showbot: Showbot) -> None:
    show = await stored_show(showbot.app, "the imperfects")
    assert show.id is not None
    before = await record(showbot, show.id)
    assert before is not None
    opened = await admin(showbot, "show edit", {"show": f"id:{show.id}"})
    modal = await showbot.guard(opened.wait_for_modal())
    defaults = _defaults(modal)
    assert defaults["title"] == "The Imperfects" and defaults["network"] == before["network"]
    saved = await answer(
        showbot, await showbot.fake.submit_modal(opened, {"network": "Netflix (US)", "year": ""})
    )
    assert "network: Netflix → Netflix (US)" in saved["content"]
    after = await record(showbot, show.id)
    assert after is not None and after["network"] == "Netflix (US)" and "year" not in after
    assert {k: v for k, v in after.items() if k not in ("network", "year")} == {
        k: v for k, v in before.items() if k not in ("network", "year")
    }


def _defaults(modal: dict[str, Any]) -> dict[str, str]:
    """custom_id → the value a text input opens with, wherever the modal nests it."""
    found: dict[str, str] = {}

    def walk(component: Any) -> None:
        if isinstance(component, dict):
            if component.get("type") == 4:
                found[component["custom_id"]] = component.get("value") or ""
            for value in component.values():
                walk(value)
        elif isinstance(component, list):
            for item in component:
                walk(item)

    walk(modal.get("data", modal).get("components", []))
    return found


async def test_a_large_import_shows_its_progress(
    showbot: Showbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bot loaded its extensions anew (discord.py's load_extension): patch what it runs.
    monkeypatch.setattr(sys.modules["cogs.admin"], "PROGRESS_SECONDS", 0.05)
    rows = "\n".join(
        json.dumps({"title": f"Progress Test Show {n}", "year": 2000 + n % 20}) for n in range(3000)
    )
    upload = showbot.fake.add_attachment(rows.encode(), "many.jsonl")
    preview = await answer(
        showbot,
        await admin(showbot, "import", raw=[{"type": 11, "name": "file", "value": upload["id"]}]),
    )
    assert "3000 new" in preview["content"]
    button = next(
        c for row in preview["components"] for c in row["components"] if c.get("label") == "Import"
    )
    clicked = await showbot.fake.click(preview, button["custom_id"], user=EDITOR)

    def said() -> list[str]:
        return [str(e.body.get("content") or "") for e in clicked.events if e.kind == "edit"]

    await showbot.guard(
        showbot.fake.wait_for(
            lambda: any("3000 new" in text for text in said()), timeout=30, what="the summary"
        ),
        timeout=32,
    )
    progress = [text for text in said() if text.startswith("Importing many.jsonl")]
    assert progress, said()
    assert "of 3,000 rows" in progress[0]
    assert showbot.app.catalogue.index.resolve("progress test show 2999").match is not None


async def test_a_file_with_no_shows_offers_nothing_to_import(showbot: Showbot) -> None:
    for name, data in [
        ("empty.jsonl", b"\n\n"),
        ("header.csv", b"title,year\n"),
        ("none.json", b"[]"),
    ]:
        upload = showbot.fake.add_attachment(data, name)
        reply = await answer(
            showbot,
            await admin(
                showbot, "import", raw=[{"type": 11, "name": "file", "value": upload["id"]}]
            ),
        )
        assert (
            "nothing to import" in reply["content"]
            or "nothing imported" in reply["content"].lower()
        ), reply
        assert not reply.get("components"), reply


async def test_a_title_longer_than_editors_may_type_still_opens_the_form(
    showbot: Showbot,
) -> None:
    long_title = "A Very Long Imported Title " + "x" * 280
    async with showbot.app.database.transaction() as session:
        writer = CatalogueWriter(session)
        outcome = await writer.upsert(ShowRecord(title=long_title, year=2001))
        await writer.close()
    await showbot.app.catalogue.refresh([outcome.show_id])
    opened = await admin(showbot, "show edit", {"show": f"id:{outcome.show_id}"})
    modal = await showbot.guard(opened.wait_for_modal())
    assert _defaults(modal)["title"] == long_title
    refused = await answer(showbot, await showbot.fake.submit_modal(opened, {"network": "ABC"}))
    assert "keep it to 200" in refused["content"] and "Nothing was changed" in refused["content"]
