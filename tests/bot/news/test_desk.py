"""The news desk: an article's proposals stored, each confirmed or rejected once; a
confirmed one applied through the editing services (audit entry, announcement), a new show
added when the article names its network; what the catalogue already says left out."""

from __future__ import annotations

import pytest

from bot.application import Application
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError
from db.audit import latest_edit
from db.news import ProposalState
from db.queries import load_show
from db.vocabulary import ShowStatus
from tests.conftest import stored_show

EDITOR = Actor(id=42, name="editor (42)")
OTHER = Actor(id=43, name="other (43)")

NEWS = (
    "HBO and Netflix make their calls\n\n"
    "HBO has cancelled Gilded Lanterns after one season. "
    "Netflix has renewed The Watcher for a third season.\n\n"
    "Elsewhere, Brass Harbor was cancelled after two seasons."
)


async def statuses(app: Application, article_id: int) -> dict[str, tuple[str, str]]:
    _, proposals = await app.news.proposals(article_id)
    return {p.show_title: (p.value, p.state) for p in proposals if p.field == "status"}


@pytest.mark.asyncio
async def test_an_article_is_stored_with_its_proposals(app_on_each_backend: Application) -> None:
    intake = await app_on_each_backend.news.take_in(NEWS, submitted_by=EDITOR.name)
    assert intake.title == "HBO and Netflix make their calls"
    assert await statuses(app_on_each_backend, intake.article_id) == {
        "Gilded Lanterns": ("cancelled", "pending"),
        "The Watcher": ("renewed", "pending"),
        "Brass Harbor": ("cancelled", "pending"),
    }
    watcher = next(p for p in intake.proposals if p.show_title == "The Watcher")
    assert watcher.show_id == (await stored_show(app_on_each_backend, "the watcher")).id


@pytest.mark.asyncio
async def test_what_the_catalogue_already_says_is_left_out(
    app_on_each_backend: Application,
) -> None:
    text = "Netflix news\n\nNetflix has cancelled Partner Track after one season."
    intake = await app_on_each_backend.news.take_in(text)
    assert (intake.proposals, intake.repeated) == ([], 1)


@pytest.mark.asyncio
async def test_an_article_is_taken_in_once(app_on_each_backend: Application) -> None:
    """By its link (whatever tracking it carries), or by its words when it has none: given
    again, it comes back with its proposals as they stand."""
    desk = app_on_each_backend.news
    first = await desk.take_in(NEWS, url="https://news.example/story?utm_source=feed")
    again = await desk.take_in(NEWS.upper(), url="https://news.example/story")
    assert (again.again, again.article_id) == (True, first.article_id)
    assert [p.id for p in again.proposals] == [p.id for p in first.proposals]
    pasted = await desk.take_in(NEWS)
    assert not pasted.again and pasted.article_id != first.article_id
    assert (await desk.take_in("  " + NEWS.replace(" ", "  "))).article_id == pasted.article_id


@pytest.mark.asyncio
async def test_confirming_a_new_show_adds_it_with_its_decision(
    app_on_each_backend: Application,
) -> None:
    intake = await app_on_each_backend.news.take_in(NEWS, url="https://news.example/hbo")
    lanterns = next(p for p in intake.proposals if p.show_title == "Gilded Lanterns")
    assert lanterns.id is not None
    said = await app_on_each_backend.news.confirm(lanterns.id, EDITOR)
    assert said.startswith("Added Gilded Lanterns to the catalogue.")
    show = await stored_show(app_on_each_backend, "gilded lanterns")
    assert (show.network, show.status) == ("HBO", ShowStatus.CANCELLED)
    async with app_on_each_backend.database.session() as session:
        entry = await latest_edit(session, EDITOR.id)
    assert entry is not None and entry.action == "status.set"
    assert entry.show_title == "Gilded Lanterns"
    # a second click (another editor, or the same one twice) changes nothing
    again = await app_on_each_backend.news.confirm(lanterns.id, OTHER)
    assert again == "Gilded Lanterns, cancelled: already confirmed by editor (42)."
    assert (await statuses(app_on_each_backend, intake.article_id))["Gilded Lanterns"] == (
        "cancelled",
        "confirmed",
    )


@pytest.mark.asyncio
async def test_a_renewal_is_applied_with_its_seasons(app_on_each_backend: Application) -> None:
    intake = await app_on_each_backend.news.take_in(NEWS)
    watcher = next(p for p in intake.proposals if p.show_title == "The Watcher")
    assert watcher.id is not None and watcher.seasons == 1
    await app_on_each_backend.news.confirm(watcher.id, EDITOR)
    show = await stored_show(app_on_each_backend, "the watcher")
    async with app_on_each_backend.database.session() as session:
        loaded = await load_show(session, show.id or 0)
    assert loaded is not None and loaded.status is ShowStatus.RENEWED
    assert loaded.status_changes[-1].seasons_ordered == 1


@pytest.mark.asyncio
async def test_a_show_without_a_network_is_not_added(app_on_each_backend: Application) -> None:
    intake = await app_on_each_backend.news.take_in(
        "News\n\nBrass Harbor was cancelled after two seasons."
    )
    [harbor] = intake.proposals
    assert harbor.network is None and harbor.id is not None
    with pytest.raises(EditRefusedError, match="does not say which network Brass Harbor"):
        await app_on_each_backend.news.confirm(harbor.id, EDITOR)
    # refused, so still to decide: an editor adds the show, then confirms
    assert (await statuses(app_on_each_backend, intake.article_id))["Brass Harbor"][1] == "pending"


@pytest.mark.asyncio
async def test_a_rejected_proposal_changes_nothing_and_stays_rejected(
    app_on_each_backend: Application,
) -> None:
    intake = await app_on_each_backend.news.take_in(NEWS)
    watcher = next(p for p in intake.proposals if p.show_title == "The Watcher")
    assert watcher.id is not None
    before = (await stored_show(app_on_each_backend, "the watcher")).status
    assert (
        await app_on_each_backend.news.reject(watcher.id, EDITOR)
        == "Rejected: The Watcher, renewed for one more season."
    )
    assert "already rejected" in await app_on_each_backend.news.confirm(watcher.id, OTHER)
    assert (await stored_show(app_on_each_backend, "the watcher")).status == before


@pytest.mark.asyncio
async def test_confirm_all_applies_each_and_reports_each(app_on_each_backend: Application) -> None:
    text = (
        "HBO news\n\nHBO has cancelled Gilded Lanterns after one season. "
        "Netflix has renewed The Watcher for a third season."
    )
    intake = await app_on_each_backend.news.take_in(text)
    lines = await app_on_each_backend.news.confirm_all(intake.article_id, EDITOR)
    assert len(lines) == 2
    states = await statuses(app_on_each_backend, intake.article_id)
    assert {state for _, state in states.values()} == {ProposalState.CONFIRMED}
    assert await app_on_each_backend.news.confirm_all(intake.article_id, EDITOR) == [
        "Every proposal of this article was already decided."
    ]
