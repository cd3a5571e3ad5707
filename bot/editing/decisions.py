"""An editor's status change: through the status desk (so it is announced like any other),
with its audit entry in the same transaction; a warning first when the change is unusual
(renewing an ended show); and, as a correction, the decision before it withdrawn: each
message that told the wrong news is edited in place, and the channels and people it reached
are not told a second time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.announcements.desk import (
    StatusDesk,
    StatusOutcome,
    StatusRequest,
    Told,
    check_request,
    is_news,
)
from bot.announcements.messages import headline
from bot.editing.desk import EditDesk, EditOutcome, put_back, record_of
from bot.editing.editors import Actor
from bot.editing.fields import EditRefusedError, NeedsConfirmationError
from bot.editing.records import describe_change
from db.audit import CatalogueEdit, add_edit, latest_show_edit, mark_undone
from db.catalogue.export import show_record
from db.models import Show, StatusChange, utc_now
from db.outbox import Withdrawal, status_change, withdraw_decision
from db.queries import load_show
from db.vocabulary import ShowStatus

FINAL = (ShowStatus.CANCELLED, ShowStatus.ENDED, ShowStatus.LIMITED_SERIES)
GOING_ON = (ShowStatus.RENEWED, ShowStatus.RETURNING, ShowStatus.AWAITING_DECISION)


def unusual_transition(show: Show, request: StatusRequest) -> str | None:
    """Why this change deserves a second look, or None."""
    if show.status in FINAL and request.status in GOING_ON:
        when = f" on {show.status_date}" if show.status_date else ""
        return (
            f"{show.title} is {show.status.label.lower()}{when}; making it "
            f"{request.status.label.lower()} is unusual (a revival?)."
        )
    dated = request.effective_date
    if dated is not None and show.status_date is not None and dated < show.status_date:
        return (
            f"This decision is dated {dated}, before the one on record ({show.status_date}): "
            "it would replace a later decision with an earlier one."
        )
    return None


def withdrawn_line(what: str, withdrawal: Withdrawal) -> str:
    """What withdrawing a decision did to the messages that told it."""
    posted = len(withdrawal.corrected_channels) + len(withdrawal.corrected_users)
    return (
        f"{what} is withdrawn: {posted} posted message(s) to be corrected in place, "
        f"{withdrawal.cancelled} unsent one(s) cancelled."
    )


@dataclass(frozen=True)
class DecisionOutcome:
    edit: EditOutcome
    status: StatusOutcome
    withdrawal: Withdrawal | None = None

    def describe(self) -> str:
        if self.edit.edit_id is None:
            return (
                f"{self.edit.show_title} already says that: nothing recorded or announced. To "
                "change the last decision's date or details, set it again with correcting."
            )
        lines = [self.edit.describe()]
        if self.withdrawal is not None:
            lines.append(withdrawn_line("The decision before it", self.withdrawal))
        if self.status.changed:
            lines.append(self.status.summary())
        elif self.withdrawal is not None:
            lines.append("The decision before it stands again: nothing new was recorded.")
        return "\n".join(lines)


async def set_status(
    desk: EditDesk,
    status: StatusDesk,
    actor: Actor,
    request: StatusRequest,
    *,
    confirmed: bool = False,
    correcting: bool = False,
) -> DecisionOutcome:
    now = utc_now()
    check_request(request, now)  # what cannot be recorded is said before any question
    async with desk.database.transaction() as session:
        show = await load_show(session, request.show_id)
        if show is None:
            raise EditRefusedError("That show is no longer in the catalogue.")
        before = show_record(show)
        if not correcting and not is_news(show, request):
            unchanged = StatusOutcome(show_title=show.title, changed=False)
            return DecisionOutcome(EditOutcome(None, show.id, show.title, "no change"), unchanged)
        warning = None if correcting else unusual_transition(show, request)
        if warning is not None and not confirmed:
            raise NeedsConfirmationError(warning)
        entry = await add_edit(
            session,
            CatalogueEdit(
                actor_id=actor.id,
                actor_name=actor.name[:200],
                action="status.correct" if correcting else "status.set",
                show_id=show.id,
                show_born_at=show.created_at,
                show_title=show.title,
                summary="",
                before={"record": before},
            ),
        )
        assert entry.id is not None
        told: Told | None = None
        withdrawal = None
        if correcting:
            withdrawal = await _withdraw_last(session, show, entry.id, request, now)
            told = Told(withdrawal.corrected_channels, withdrawal.corrected_users)
        # The status desk reads the show afresh: what the session holds may predate the
        # withdrawal.
        session.expunge_all()
        outcome = await status.record(session, request, now, told)
        after = await record_of(session, request.show_id)
        entry.after = {"record": after}
        entry.status_change_id = outcome.change_id
        entry.summary = describe_change(before, after)[:2000]
        session.add(entry)
    await desk.catalogue.refresh([request.show_id])
    status.told(outcome)
    if withdrawal is not None:
        status.wake()
    edit = EditOutcome(entry.id, request.show_id, entry.show_title, entry.summary)
    return DecisionOutcome(edit, outcome, withdrawal)


async def _withdraw_last(
    session: AsyncSession, show: Show, edit_id: int, request: StatusRequest, now: datetime
) -> Withdrawal:
    """Withdraws the show's last decision (which must be the last change to it), putting
    back the record as it was before that decision."""
    assert show.id is not None
    last = await latest_show_edit(session, show.id, show.created_at, before_id=edit_id)
    if (
        last is None
        or last.action not in ("status.set", "status.correct")
        or last.status_change_id is None
    ):
        raise EditRefusedError(
            f"The last change to {show.title} was not a status change: there is nothing to "
            "correct. Set the status without correcting."
        )
    if last.after is None or last.before is None or show_record(show) != last.after["record"]:
        raise EditRefusedError(
            f"{show.title} changed since #{last.id} outside the editing commands (an import?): "
            "set the status without correcting."
        )
    found = await status_change(session, last.status_change_id)
    if found is None:
        raise EditRefusedError(f"The decision of #{last.id} is no longer on record.")
    change, stored, _ = found
    back = last.before["record"]
    if is_news(_as_it_was(stored, back), request):
        label, text = "Corrected", _corrected_headline(stored, request) + "."
    else:  # the decision before the withdrawn one stands: nothing new to tell
        was = ShowStatus(back["status"]).label.lower() if back.get("status") else "unknown"
        label, text = "Withdrawn", f"this news was taken back. {stored.title} is {was}, as before."
    correction = {
        "edit_id": edit_id,
        "label": label,
        "headline": headline(change, stored),
        "text": text,
        "source_url": request.source_url,
        "on": now.date().isoformat(),
    }
    withdrawal = await withdraw_decision(session, last.status_change_id, correction, now)
    await put_back(session, show.id, last.before["record"])
    if not await mark_undone(session, last.id or 0, edit_id, now):
        raise EditRefusedError(f"#{last.id} was undone a moment ago: look at the history again.")
    return withdrawal


def _as_it_was(show: Show, record: dict[str, Any]) -> Show:
    """The show's status and its date as a record gives them (for `is_news`)."""
    status = record.get("status")
    day = record.get("status_date")
    return Show(
        title=show.title,
        genres=[],
        status=ShowStatus(status) if status else None,
        status_date=date.fromisoformat(day) if day else None,
    )


def _corrected_headline(show: Show, request: StatusRequest) -> str:
    """The headline the corrected decision would have, made before it is recorded."""
    renewal = request.status is ShowStatus.RENEWED
    seasons = show.season_count if renewal or request.seasons is None else request.seasons
    preview = Show(title=show.title, network=show.network, season_count=seasons, genres=[])
    decision = StatusChange(
        new_status=request.status, seasons_ordered=request.seasons if renewal else None
    )
    return headline(decision, preview)
