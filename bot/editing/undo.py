"""Undo: the record put back exactly as it was before a change, as a change of its own in
the audit trail. Undoing an announced decision withdraws it: every message that told it is
edited in place (struck through, with what is true and the source), and what had not gone
out yet is cancelled.

Only the last change still standing on a show can be undone, and only while the show is as
that change left it: anything else would throw away a later change without anyone seeing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.desk import StatusDesk, check_source_url
from bot.announcements.messages import headline
from bot.editing.decisions import withdrawn_line
from bot.editing.desk import EditDesk, EditOutcome, put_back
from bot.editing.editors import Actor
from bot.editing.fields import REASON_LIMIT, EditRefusedError, paragraphs
from bot.editing.records import describe_change
from db.audit import (
    CatalogueEdit,
    add_edit,
    dependents_of_show,
    edit_by_id,
    later_edits,
    latest_edit,
    mark_undone,
    restore_dependents,
)
from db.catalogue.export import show_record
from db.models import utc_now
from db.outbox import Withdrawal, status_change, withdraw_decision
from db.queries import delete_show, load_show
from db.vocabulary import ShowStatus

NOT_UNDONE = {
    "import": "An import cannot be undone here: import the export you took before it.",
    "undo": "That entry is an undo itself: make the change again instead.",
    "status.correct": "That entry corrected an earlier decision: set the status again instead.",
}


@dataclass(frozen=True)
class UndoOutcome:
    edit: EditOutcome
    undid: int
    withdrawal: Withdrawal | None = None

    def describe(self) -> str:
        text = f"Undid #{self.undid}. {self.edit.describe()}"
        if self.withdrawal is not None:
            text += "\n" + withdrawn_line("Its decision", self.withdrawal)
        return text


async def undo(
    desk: EditDesk,
    status: StatusDesk,
    actor: Actor,
    edit_id: int | None = None,
    *,
    reason: str | None = None,
    source_url: str | None = None,
) -> UndoOutcome:
    """Undoes one entry (by id), or the actor's own last change still standing."""
    if reason is not None:
        reason = paragraphs(reason, "reason", REASON_LIMIT)
    if source_url is not None:
        check_source_url(source_url)
    now = utc_now()
    async with desk.database.transaction() as session:
        edit = await _edit_to_undo(session, actor, edit_id)
        assert edit.id is not None
        entry = await add_edit(
            session,
            CatalogueEdit(
                actor_id=actor.id,
                actor_name=actor.name[:200],
                action="undo",
                show_id=edit.show_id,
                show_born_at=edit.show_born_at,
                show_title=edit.show_title,
                summary="",
                before=edit.after,
                after=edit.before,
                undoes_id=edit.id,
            ),
        )
        assert entry.id is not None
        withdrawal = await _put_back_before(desk, session, edit, entry.id, reason, source_url, now)
        if not await mark_undone(session, edit.id, entry.id, now):
            raise EditRefusedError(f"#{edit.id} was undone a moment ago.")
        old = edit.after["record"] if edit.after else None
        new = edit.before["record"] if edit.before else None
        entry.summary = describe_change(old, new)[:2000]
        session.add(entry)
    if edit.show_id is not None:
        await desk.catalogue.refresh([edit.show_id])
    if withdrawal is not None:
        status.wake()
    outcome = EditOutcome(entry.id, edit.show_id, edit.show_title, entry.summary)
    return UndoOutcome(outcome, edit.id, withdrawal)


async def _edit_to_undo(session: AsyncSession, actor: Actor, edit_id: int | None) -> CatalogueEdit:
    edit = (
        await edit_by_id(session, edit_id)
        if edit_id is not None
        else await latest_edit(session, actor.id)
    )
    if edit is None:
        raise EditRefusedError(
            f"There is no change #{edit_id}." if edit_id else "You have no change to undo."
        )
    if edit.undone_at is not None:
        raise EditRefusedError(f"#{edit.id} was already undone (by #{edit.undone_by_id}).")
    refusal = NOT_UNDONE.get(edit.action)
    if refusal is not None:
        raise EditRefusedError(refusal)
    later = await later_edits(session, edit)
    if later:
        ids = ", ".join(f"#{entry.id}" for entry in later)
        raise EditRefusedError(
            f"{edit.show_title} was changed after #{edit.id} ({ids}): undo those first."
        )
    await _refuse_if_changed_elsewhere(session, edit)
    return edit


async def _refuse_if_changed_elsewhere(session: AsyncSession, edit: CatalogueEdit) -> None:
    """The show must be as the change left it: an import since would otherwise be lost."""
    assert edit.show_id is not None
    show = await load_show(session, edit.show_id)
    if edit.after is None:
        if show is not None:
            raise EditRefusedError(
                f"{edit.show_title}'s id now belongs to {show.title}: add it again instead."
            )
        return
    if show is None:
        raise EditRefusedError(f"{edit.show_title} was removed since #{edit.id}.")
    if edit.before is None:
        dependents = await dependents_of_show(session, edit.show_id)
        follows, channels = len(dependents["follows"]), len(dependents["subscriptions"])
        if follows or channels:
            raise EditRefusedError(
                f"{edit.show_title} has {follows} follower(s) and {channels} channel "
                "subscription(s) now: remove it with /admin show remove, which asks first and "
                "can be undone."
            )
    if show_record(show) != edit.after["record"]:
        raise EditRefusedError(
            f"{edit.show_title} changed since #{edit.id} outside the editing commands (an "
            "import?): undoing it would lose that. Edit the show by hand instead."
        )


async def _put_back_before(
    desk: EditDesk,
    session: AsyncSession,
    edit: CatalogueEdit,
    undo_id: int,
    reason: str | None,
    source_url: str | None,
    now: datetime,
) -> Withdrawal | None:
    assert edit.show_id is not None
    if edit.before is None:  # it was added: remove it
        await delete_show(session, edit.show_id)
        session.expunge_all()
        return None
    record = edit.before["record"]
    if edit.after is None:  # it was removed: bring it back, with its follows
        await desk.recreate(session, edit.show_id, record, edit.show_born_at)
        await restore_dependents(session, edit.show_id, edit.before)
        return None
    withdrawal = None
    if edit.action == "status.set" and edit.status_change_id is not None:
        withdrawal = await _withdraw(session, edit, undo_id, record, reason, source_url, now)
        session.expunge_all()
    await put_back(session, edit.show_id, record)
    return withdrawal


async def _withdraw(
    session: AsyncSession,
    edit: CatalogueEdit,
    undo_id: int,
    record: dict[str, object],
    reason: str | None,
    source_url: str | None,
    now: datetime,
) -> Withdrawal | None:
    assert edit.status_change_id is not None
    found = await status_change(session, edit.status_change_id)
    if found is None:
        return None
    change, show, _ = found
    was = record.get("status")
    back = f" {show.title} is {ShowStatus(str(was)).label.lower()}, as before." if was else ""
    why = f": {reason}" if reason else "."
    correction = {
        "edit_id": undo_id,
        "label": "Withdrawn",
        "headline": headline(change, show),
        "text": f"this news was taken back{why}{back}",
        "source_url": source_url,
        "on": now.date().isoformat(),
    }
    return await withdraw_decision(session, edit.status_change_id, correction, now)
