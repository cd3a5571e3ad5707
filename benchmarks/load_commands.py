"""The slash-command half of the load test: `/show status` (varied titles) and now and then
`/show ask`, sent through the fake Discord at a steady rate to the showbot processes, each
interaction timed from the dispatch of its INTERACTION_CREATE to its callback reaching the fake.

Commands are sent on a fixed schedule whatever the answers (an open loop, as users do), to
guilds on every shard in turn. An interaction is an error when no callback came within
Discord's 3 s, when the callback was answered with anything but 2xx (the fake answers a late
one 404, as Discord does), or when the bot's answer is one of its error replies.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.catalogues import read_real_titles
from benchmarks.polling import poll_until
from benchmarks.title_resolution import stranger_questions
from bot.discord.tree import RATE_LIMITED
from tests.e2e.fake_discord import FakeDiscord, FakeInteraction, FakeUser, JSONDict
from tests.e2e.fake_discord.entities import FakeGuild

DEADLINE = 3.0
"""Discord's: the first answer to an interaction must come within 3 s."""
SETTLE = 10.0
"""Seconds after the last command that deferred answers get to arrive, to be judged."""
ERROR_REPLIES = (
    "Something went wrong",
    RATE_LIMITED,
    "I couldn't understand",
    "You don't have permission",
)
"""How the bot's error replies begin (bot/discord/tree.py)."""
ASK_EVERY = 10
"""One command in this many is a `/show ask` question; the rest are `/show status`."""
SEED_TITLES = ("Partner Track", "The Imperfects", "The Watcher", "Dahmer")
ABSENT_TITLES = ("Zorbulon Nights", "The Quiet Accountant", "Glass Harbour 2099")
USERS = [FakeUser(id=1300000000000100000 + n, username=f"viewer{n}") for n in range(40)]


def _slip(title: str, rng: random.Random) -> str:
    """The title as typed in a hurry: two neighbouring letters swapped, lower case."""
    if len(title) < 4:
        return title.lower()
    at = rng.randrange(1, len(title) - 2)
    return (title[:at] + title[at + 1] + title[at] + title[at + 2 :]).lower()


@dataclass
class CommandMix:
    """What the load asks: titles to look up and questions in people's words."""

    titles: list[str]
    questions: list[str]
    rng: random.Random = field(default_factory=lambda: random.Random(2026))

    @classmethod
    def build(cls, catalogue: Path | None) -> CommandMix:
        rng = random.Random(2026)
        known = list(SEED_TITLES)
        if catalogue is not None:
            shows = [t.title for t in read_real_titles(catalogue) if t.kind == "TV Show"]
            known += rng.sample(shows, min(400, len(shows)))
        titles = known + [_slip(t, rng) for t in known] + list(ABSENT_TITLES)
        questions = [q for q in stranger_questions() if len(q) <= 300] or [
            "is partner track cancelled?",
            "did the watcher get a second season",
        ]
        return cls(titles=titles, questions=questions, rng=rng)

    def options(self, n: int) -> list[JSONDict]:
        """The options of the `n`-th command."""
        if n % ASK_EVERY == ASK_EVERY - 1:
            sub, name, value = "ask", "question", self.rng.choice(self.questions)
        else:
            sub, name, value = "status", "title", self.rng.choice(self.titles)
        return [{"type": 1, "name": sub, "options": [{"type": 3, "name": name, "value": value}]}]


@dataclass
class RateFigures:
    """What one rate of commands came to."""

    rate: float
    seconds: float
    sent: int = 0
    achieved_rate: float = 0.0
    """Commands dispatched a second, as the fake managed to send them."""
    answered: int = 0
    deferred: int = 0
    """Answered by first deferring (the bot's work took over 2 s)."""
    errors: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    """Dispatch to first callback, of every interaction with a 2xx callback."""

    def percentile(self, share: float) -> float:
        """The nearest-rank percentile of the latencies (NaN when there are none)."""
        if not self.latencies_ms:
            return math.nan
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def _reply_text(interaction: FakeInteraction) -> str:
    """The text of the bot's visible answer, whether first or after a deferral."""
    bodies = [c.get("data") or {} for c in interaction.accepted_callbacks] + interaction.followups
    bodies += interaction.edits
    return " ".join(str(body.get("content") or "") for body in bodies)


def _settled(interaction: FakeInteraction) -> bool:
    if not interaction.callbacks:
        return interaction.elapsed() > DEADLINE + 0.5
    return not interaction.is_deferred or bool(interaction.followups or interaction.edits)


def judge(interaction: FakeInteraction, figures: RateFigures) -> None:
    if not interaction.callbacks:
        figures.errors["no callback within 3 s"] += 1
        return
    status = interaction.callback_statuses[0]
    if not 200 <= status < 300:
        figures.errors[f"callback answered {status}"] += 1
        return
    figures.latencies_ms.append(interaction.callback_times[0] * 1000)
    if interaction.is_deferred:
        figures.deferred += 1
        if not (interaction.followups or interaction.edits):
            figures.errors["deferred, never answered"] += 1
            return
    if any(error in _reply_text(interaction) for error in ERROR_REPLIES):
        figures.errors["error reply"] += 1
        return
    figures.answered += 1


@dataclass
class Sent:
    """The commands of one rate, as sent."""

    rate: float
    seconds: float
    interactions: list[FakeInteraction]
    not_dispatched: int
    """Commands the fake found no live session for (the process of their shard was down)."""

    @property
    def last_at(self) -> float:
        """`time.monotonic()` of the last dispatch."""
        return max((i.dispatched_at for i in self.interactions), default=0.0)


async def send_commands(
    fake: FakeDiscord, guilds: Sequence[FakeGuild], mix: CommandMix, rate: float, seconds: float
) -> Sent:
    """`rate` commands a second for `seconds`, on schedule whatever the answers."""
    loop = asyncio.get_running_loop()
    count = max(1, round(rate * seconds))
    start = loop.time()
    sending: list[asyncio.Task[FakeInteraction]] = []
    for n in range(count):
        delay = start + n / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        guild = guilds[n % len(guilds)]
        command = fake.send_command(
            "show",
            user=USERS[n % len(USERS)],
            guild_id=guild.id,
            channel_id=guild.channels[0].id,
            options=mix.options(n),
            timeout=DEADLINE,
        )
        sending.append(asyncio.create_task(command))
    outcomes = await asyncio.gather(*sending, return_exceptions=True)
    interactions = [o for o in outcomes if isinstance(o, FakeInteraction)]
    return Sent(rate, seconds, interactions, len(outcomes) - len(interactions))


async def judge_all(sent: Sent) -> RateFigures:
    """Waits (at most `SETTLE` s) for every command to be answered or past saving, then judges
    each."""
    interactions = sent.interactions
    await poll_until(lambda: all(_settled(i) for i in interactions), every=0.1, within=SETTLE)
    figures = RateFigures(rate=sent.rate, seconds=sent.seconds, sent=len(interactions))
    if sent.not_dispatched:
        figures.errors["not dispatched (no live session)"] = sent.not_dispatched
    if len(interactions) > 1:
        first = min(i.dispatched_at for i in interactions)
        if sent.last_at > first:
            figures.achieved_rate = (len(interactions) - 1) / (sent.last_at - first)
    for interaction in interactions:
        judge(interaction, figures)
    return figures
