"""The fan-out half of the load test: thousands of subscribed channels, one cancellation, two
delivering processes, and one of them killed (SIGKILL) a third of the way through and replaced.

What counts is what the fake Discord holds at the end: every channel must have exactly one
message. The fake stores one message per nonce (Discord's `enforce_nonce`), so a post the
killed process had sent but not marked sent, posted again by whoever takes the row over, shows
up as a nonce-deduplicated repeat, not as a second message.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.polling import poll_until
from bot.announcements.desk import StatusRequest
from bot.application import Application
from db.announcement_tables import DeliveryState
from db.outbox import delivery_counts
from db.vocabulary import ShowStatus
from tests.e2e.fake_discord import FakeDiscord

CANCELLED_TITLE = "the watcher"
SUBSCRIBING_AT_ONCE = 6
"""Subscriptions written concurrently (each is its own transaction)."""
POSTS = re.compile(r"/channels/\d+/messages")


async def subscribe_all(app: Application, channels: Sequence[tuple[int, int]]) -> None:
    """Every (guild, channel) subscribed to all news, as `/subscribe` would."""
    gate = asyncio.Semaphore(SUBSCRIBING_AT_ONCE)

    async def one(guild_id: int, channel_id: int) -> None:
        async with gate:
            await app.subscriptions.subscribe(guild_id=guild_id, channel_id=channel_id)

    await asyncio.gather(*(one(guild, channel) for guild, channel in channels))


@dataclass
class FanOutFigures:
    channels: int
    outbox_rows: int = 0
    recorded_s: float = 0.0
    first_post_s: float = math.nan
    """From recording the cancellation to the first post (the processes learn of it by
    themselves: it was recorded by another process)."""
    killed_after: int = 0
    """Channels with their message when one process was killed."""
    replaced_in_s: float = 0.0
    """From the kill to the replacement's shard identified."""
    took_s: float = 0.0
    """From recording the cancellation to the last channel having its message."""
    attempts: int = 0
    """POSTs of channel messages the fake received (each answer counted, 429s included)."""
    repeats: int = 0
    """Posts answered with the message their nonce already made."""
    rejected: int = 0
    """Posts answered 429 by the fake's global limit."""
    pace: dict[str, float] = field(default_factory=dict)
    """Posts a second the fake accepted: while both processes delivered, from the kill until
    the replacement identified, and from then to the last post."""
    per_channel: Counter[int] = field(default_factory=Counter)
    """How many channels got 0, 1, 2... messages."""
    outbox: dict[str, int] = field(default_factory=dict)
    """Outbox rows by state at the end."""


async def _outbox(app: Application) -> dict[str, int]:
    async with app.database.session() as session:
        return {state.value: n for state, n in (await delivery_counts(session)).items()}


async def fan_out(
    fake: FakeDiscord,
    app: Application,
    channel_ids: Sequence[int],
    kill_and_replace: Callable[[], Awaitable[float]],
) -> FanOutFigures:
    """Records the cancellation, kills and replaces a process after a third of the channels
    have their message (`kill_and_replace` returns how long the replacement took to come up),
    and waits until every channel has one and the outbox holds nothing pending."""
    figures = FanOutFigures(channels=len(channel_ids))
    first_request = len(fake.requests)
    match = app.catalogue.index.resolve(CANCELLED_TITLE).match
    assert match is not None, f"{CANCELLED_TITLE!r} is not in the catalogue"
    started = time.monotonic()
    outcome = await app.status.set_status(
        StatusRequest(show_id=match.entry.show_id, status=ShowStatus.CANCELLED)
    )
    figures.recorded_s = time.monotonic() - started
    figures.outbox_rows = outcome.channels

    def delivered() -> int:
        return sum(1 for channel in channel_ids if channel in fake.channel_messages)

    within = max(120.0, len(channel_ids) / 10)  # a tenth of the pace: something is stuck
    await poll_until(lambda: delivered() >= len(channel_ids) // 3, every=0.05, within=within)
    figures.killed_after = delivered()
    killed_at = time.monotonic()
    figures.replaced_in_s = await kill_and_replace()
    await poll_until(lambda: delivered() >= len(channel_ids), every=0.1, within=within)
    figures.took_s = time.monotonic() - started
    for _ in range(120):  # the last rows are marked sent a moment after their posts
        figures.outbox = await _outbox(app)
        if not figures.outbox.get(DeliveryState.PENDING.value):
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(2.0)  # a late repeat still arrives, to be counted

    posts = [
        r for r in fake.requests[first_request:] if r.method == "POST" and POSTS.fullmatch(r.path)
    ]
    figures.attempts = len(posts)
    figures.rejected = sum(1 for r in posts if r.status == 429)
    answered = [r for r in posts if r.status == 200 and isinstance(r.json, dict)]
    distinct = {(r.path, r.json.get("nonce")) for r in answered}
    figures.repeats = len(answered) - len(distinct)
    figures.per_channel = Counter(len(fake.messages_in(channel)) for channel in channel_ids)
    accepted = [r.at for r in answered]
    if accepted:
        figures.first_post_s = accepted[0] - started
        up_at = killed_at + figures.replaced_in_s
        windows = {
            "both": (accepted[0], killed_at),
            "one": (killed_at, up_at),
            "replaced": (up_at, accepted[-1]),
        }
        figures.pace = {
            name: sum(1 for at in accepted if start <= at < end) / (end - start)
            for name, (start, end) in windows.items()
            if end > start
        }
    return figures
