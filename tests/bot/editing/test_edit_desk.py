"""The edit desk on a real database: each change written with its audit entry, the history,
and undo putting the whole record back exactly."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.application import Application
from bot.editing.desk import EditDesk
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError
from bot.editing.undo import undo
from cogs.admin_catalogue import field_value
from db.audit import CatalogueEdit
from db.catalogue import CatalogueWriter
from db.catalogue.export import show_record
from db.queries import load_show, shows_titled
from db.records import ShowRecord
from tests.conftest import stored_show

pytestmark = pytest.mark.asyncio

ALICE = Actor(id=11, name="alice (11)")
BOB = Actor(id=22, name="bob (22)")


async def record(app: Application, show_id: int) -> dict[str, object] | None:
    async with app.database.session() as session:
        show = await load_show(session, show_id)
    return show_record(show) if show is not None else None


async def test_add_edit_alias_cast_season_then_undo_each_back_to_the_start(
    app: Application,
) -> None:
    desk: EditDesk = app.edits
    added = await desk.add_show(
        ALICE, {"title": "Night Shift Diaries", "year": 2024, "network": "Hulu"}
    )
    assert added.show_id is not None and added.edit_id is not None
    show_id = added.show_id
    assert show_id in app.catalogue.index
    states = [await record(app, show_id)]
    steps = [
        desk.edit_show(ALICE, show_id, {"network": "Netflix", "logline": "Nurses, at night."}),
        desk.add_alias(ALICE, show_id, "NSD"),
        desk.add_credit(ALICE, show_id, {"name": "Ada Vance", "role": "actor", "character": "Jo"}),
        desk.set_season(ALICE, show_id, 1, {"premiere_date": "2024-03-01", "episode_count": 8}),
        desk.edit_show(BOB, show_id, {"title": "Night Shift"}),
    ]
    for step in steps:
        outcome = await step
        assert outcome.edit_id is not None, outcome
        states.append(await record(app, show_id))
    assert states[-1] is not None and states[-1]["title"] == "Night Shift"
    assert app.catalogue.index.resolve("night shift").match is not None

    history = await desk.history(show_id)
    assert [e.action for e in history] == [
        "show.edit",
        "season.set",
        "cast.add",
        "alias.add",
        "show.edit",
        "show.add",
    ]
    assert history[0].actor_name == "bob (22)" and "title: Night Shift Diaries → Night Shift" in (
        history[0].summary
    )
    # Undo, newest first: the record is each time exactly what it was a step before.
    for expected in reversed(states[:-1]):
        newest = await desk.history(show_id, limit=50)
        standing = next(e for e in newest if e.undone_at is None and e.undoes_id is None)
        await undo(desk, app.status, ALICE, standing.id)
        assert await record(app, show_id) == expected
    # and last, the addition itself: the show is gone, from the index too
    await undo(desk, app.status, ALICE, added.edit_id)
    assert await record(app, show_id) is None
    assert show_id not in app.catalogue.index
    history = await desk.history(show_id, limit=50)
    assert all(e.undone_at is not None for e in history if e.action != "undo")
    assert len([e for e in history if e.action == "undo"]) == 6


async def test_undo_refuses_an_older_change_while_a_later_one_stands(app: Application) -> None:
    show = await stored_show(app, "partner track")
    assert show.id is not None
    original = await record(app, show.id)
    first = await app.edits.add_alias(ALICE, show.id, "PT")
    second = await app.edits.add_alias(BOB, show.id, "Partner Trak")
    before = await record(app, show.id)
    with pytest.raises(EditRefusedError, match=f"#{second.edit_id}"):
        await undo(app.edits, app.status, ALICE, first.edit_id)
    assert await record(app, show.id) == before
    # Without a number, undo takes the asker's own last change: Bob's, for Bob.
    await undo(app.edits, app.status, BOB)
    with pytest.raises(EditRefusedError, match="already undone"):
        await undo(app.edits, app.status, BOB, second.edit_id)
    await undo(app.edits, app.status, ALICE)
    assert await record(app, show.id) == original


async def test_undo_refuses_when_an_import_changed_the_show_since(app: Application) -> None:
    show = await stored_show(app, "the imperfects")
    assert show.id is not None
    edit = await app.edits.edit_show(ALICE, show.id, {"country": "Canada"})
    async with app.database.transaction() as session:
        writer = CatalogueWriter(session)
        await writer.upsert(ShowRecord(title=show.title, year=show.year, based_on="A comic"))
        await writer.close()
    changed = await record(app, show.id)
    with pytest.raises(EditRefusedError, match="outside the editing commands"):
        await undo(app.edits, app.status, ALICE, edit.edit_id)
    assert await record(app, show.id) == changed


async def test_remove_then_undo_brings_back_the_show_its_follows_and_subscriptions(
    app: Application,
) -> None:
    show = await stored_show(app, "the watcher")
    assert show.id is not None
    before = await record(app, show.id)
    await app.subscriptions.follow(user_id=501, show_id=show.id)
    await app.subscriptions.subscribe(guild_id=9, channel_id=77, show_id=show.id)
    removed = await app.edits.remove_show(ALICE, show.id)
    assert await record(app, show.id) is None
    assert app.catalogue.index.resolve("the watcher").match is None or (
        app.catalogue.index.resolve("the watcher").match.entry.show_id != show.id  # type: ignore[union-attr]
    )
    await undo(app.edits, app.status, ALICE, removed.edit_id)
    assert await record(app, show.id) == before
    assert [f.show_id for f in await app.subscriptions.following(501)] == [show.id]
    listing = await app.subscriptions.listing(guild_id=9)
    assert [(v.channel_id, v.show_title) for v in listing] == [(77, show.title)]


async def test_bad_input_changes_nothing(app: Application) -> None:
    show = await stored_show(app, "partner track")
    assert show.id is not None
    before = await record(app, show.id)
    with pytest.raises(EditRefusedError):
        await app.edits.edit_show(ALICE, show.id, {"year": 20222})
    with pytest.raises(EditRefusedError, match="already in the catalogue"):
        await app.edits.add_show(ALICE, {"title": "partner track", "year": show.year})
    with pytest.raises(EditRefusedError, match="no alias"):
        await app.edits.remove_alias(ALICE, show.id, "Nope")
    with pytest.raises(EditRefusedError, match="no actor credit"):
        await app.edits.remove_credit(ALICE, show.id, "Nobody", "actor")
    with pytest.raises(EditRefusedError, match="no longer in the catalogue"):
        await app.edits.edit_show(ALICE, 999_999, {"network": "X"})
    assert await record(app, show.id) == before
    async with app.database.session() as session:
        assert len(await shows_titled(session, "partner track")) == 1
        entries = (await session.exec(select(CatalogueEdit))).all()
    assert entries == []


async def test_undoing_an_addition_others_now_follow_is_refused(app: Application) -> None:
    added = await app.edits.add_show(ALICE, {"title": "Quiet Harbour", "year": 2021})
    assert added.show_id is not None
    await app.subscriptions.follow(user_id=501, show_id=added.show_id)
    with pytest.raises(EditRefusedError, match="1 follower"):
        await undo(app.edits, app.status, ALICE, added.edit_id)
    assert await record(app, added.show_id) is not None


async def test_a_new_show_given_a_removed_one_s_id_has_a_history_of_its_own(
    app: Application,
) -> None:
    first = await app.edits.add_show(ALICE, {"title": "Reuse Alpha", "year": 2020})
    assert first.show_id is not None
    await app.edits.add_alias(ALICE, first.show_id, "RA")
    removed = await app.edits.remove_show(ALICE, first.show_id)
    second = await app.edits.add_show(BOB, {"title": "Reuse Beta", "year": 2021})
    assert second.show_id is not None
    # SQLite gives the newest row's id again; PostgreSQL's sequence never does.
    history = await app.edits.history(second.show_id)
    assert [e.show_title for e in history] == ["Reuse Beta"]
    if second.show_id == first.show_id:
        with pytest.raises(EditRefusedError, match="now belongs to Reuse Beta"):
            await undo(app.edits, app.status, ALICE, removed.edit_id)


async def test_an_editor_sets_a_films_runtime_and_undo_clears_it(app: Application) -> None:
    added = await app.edits.add_show(ALICE, {"title": "Long Harbour", "year": 2020})
    assert added.show_id is not None
    await app.edits.edit_show(ALICE, added.show_id, {"kind": "film"})
    before = await record(app, added.show_id)
    typed = field_value("runtime_minutes", " 125 ")
    edit = await app.edits.edit_show(BOB, added.show_id, {"runtime_minutes": typed})
    after = await record(app, added.show_id)
    assert after is not None and after["runtime_minutes"] == 125
    [latest, *_] = await app.edits.history(added.show_id)
    assert "runtime_minutes: (none) → 125" in latest.summary
    await undo(app.edits, app.status, BOB, edit.edit_id)
    assert await record(app, added.show_id) == before


@pytest.mark.parametrize("typed", ["0", "3 h", "60001"])
async def test_a_runtime_is_typed_in_whole_minutes(typed: str) -> None:
    with pytest.raises(EditRefusedError, match="runtime in minutes"):
        field_value("runtime_minutes", typed)
