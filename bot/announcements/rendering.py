"""From an outbox row to the message it stands for, read from the records when it is sent."""

from __future__ import annotations

import time
from datetime import date, datetime

from bot.announcements import messages
from bot.announcements.kinds import wants
from bot.announcements.messages import Dispatch
from db.announcement_tables import Delivery, DeliveryKind
from db.engine import Database
from db.models import Show
from db.outbox import changes_recorded_between, status_change

CACHE_SECONDS = 60.0
"""A fan-out sends one change to thousands of channels: read and lay it out once, not once a
channel."""


class NothingToSay(Exception):
    """The row has nothing left to tell (its show was removed, a week without news)."""


class DispatchReader:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._laid_out: dict[tuple[DeliveryKind, int, int | None], tuple[float, Dispatch]] = {}

    async def read(self, row: Delivery) -> Dispatch:
        details = row.details
        if row.kind in (DeliveryKind.ANNOUNCEMENT, DeliveryKind.FOLLOW):
            return await self._news(row)
        if row.kind is DeliveryKind.REMINDER:
            return await self._reminder(row)
        if row.kind is DeliveryKind.DIGEST:
            return await self._digest(row)
        if row.kind is DeliveryKind.CORRECTION:
            return messages.correction(details)
        if row.kind is DeliveryKind.SUMMARY:
            return messages.summary(details["headlines"], date.fromisoformat(details["since"]))
        return messages.pause_notice(int(details["channel_id"]), str(details["reason"]))

    async def _news(self, row: Delivery) -> Dispatch:
        """A decision as a channel or a follower is told it, laid out once per fan-out."""
        change_id = row.status_change_id
        if change_id is None:
            raise NothingToSay("no status change")
        ping_role_id = row.details.get("ping_role_id")
        key = (row.kind, change_id, ping_role_id)
        cached = self._laid_out.get(key)
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        async with self.database.session() as session:
            found = await status_change(session, change_id)
        if found is None:
            raise NothingToSay("the status change is gone")
        if row.kind is DeliveryKind.ANNOUNCEMENT:
            dispatch = messages.announcement(*found, ping_role_id)
        else:
            dispatch = messages.follower_message(*found)
        if len(self._laid_out) > 100:
            self._laid_out.clear()
        self._laid_out[key] = (time.monotonic(), dispatch)
        return dispatch

    async def _reminder(self, row: Delivery) -> Dispatch:
        details = row.details
        async with self.database.session() as session:
            show = await session.get(Show, int(details["show_id"]))
        if show is None:
            raise NothingToSay("the show is gone")
        day = date.fromisoformat(details["day"])
        return messages.reminder(show, details.get("season"), day, bool(details["tomorrow"]))

    async def _digest(self, row: Delivery) -> Dispatch:
        details = row.details
        start = datetime.fromisoformat(details["start"])
        end = datetime.fromisoformat(details["end"])
        async with self.database.session() as session:
            changes = await changes_recorded_between(session, start, end)
        network = (details.get("network") or "").casefold()
        show_id = details.get("show_id")
        wanted = [
            (change, show)
            for change, show in changes
            if wants(details["kinds"], change.new_status)
            and (not network or (show.network or "").casefold() == network)
            and (show_id is None or show.id == show_id)
        ]
        if not wanted:
            raise NothingToSay("a week without news for this channel")
        return messages.digest(wanted, start.date(), end.date())
