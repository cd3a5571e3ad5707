"""A courier that keeps what the relay hands it, for tests of delivery without Discord."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.announcements.messages import Dispatch
from bot.announcements.relay import AnnouncementRelay
from bot.application import Application
from db.models import utc_now


@dataclass
class KeptCourier:
    posts: list[tuple[int, Dispatch, str]] = field(default_factory=list)
    dms: list[tuple[int, Dispatch]] = field(default_factory=list)
    edits: list[tuple[int | None, int | None, int, Dispatch]] = field(default_factory=list)

    async def post(self, channel_id: int, dispatch: Dispatch, nonce: str) -> int:
        self.posts.append((channel_id, dispatch, nonce))
        return 10_000 + len(self.posts)

    async def direct(self, user_id: int, dispatch: Dispatch) -> int:
        self.dms.append((user_id, dispatch))
        return 20_000 + len(self.dms)

    def fallback_channel(self, guild_id: int) -> int | None:
        return None

    async def edit(
        self, channel_id: int | None, user_id: int | None, message_id: int, dispatch: Dispatch
    ) -> int:
        self.edits.append((channel_id, user_id, message_id, dispatch))
        return message_id


def relay_for(
    app: Application, courier: KeptCourier, now: datetime | None = None
) -> AnnouncementRelay:
    clock = (lambda: now) if now is not None else utc_now
    return AnnouncementRelay(
        app.database, courier, rate=1000, catch_up=timedelta(hours=24), clock=clock
    )
