"""Load test: two `showbot run` processes, one gateway shard each (SHARD_COUNT=2), on one
PostgreSQL database, against the project's fake Discord.

    python -m benchmarks.load_test                                  # about 5 minutes
    python -m benchmarks.load_test --seconds 20 --channels 1000 --no-catalogue  # a quick look

It needs PostgreSQL (SHOWBOT_TEST_POSTGRES_URL or --database-url): it creates a scratch
database beside the one named and drops it at the end. The fake Discord runs in this process
with guilds on both shards (500 channels a guild, Discord's most), the bots as processes.

1. Slash commands at rising rates (25, 50, 100, 200 a second by default, a quarter of
   `--seconds` each): `/show status` with varied titles (the real catalogue's shows when
   ../shared/data/netflix_titles.csv is there, typed right and with slips, and absent ones)
   and one in ten `/show ask` in people's words, to guilds of both shards in turn. Each is
   timed from the dispatch of its INTERACTION_CREATE to its callback reaching the fake; an
   error is no callback within 3 s, a non-2xx answer, or one of the bot's error replies.
   Printed per rate with p50/p99 as ratios to the lowest rate's (measured in the same run),
   how long the bots kept working after the last command (each rate starts once they are
   idle again), and the CPU the bots, PostgreSQL, this process (the fake and the load) and
   the rest of the machine used while the commands were sent.
2. A fan-out: `--channels` channels subscribed, one cancellation recorded, both processes
   delivering and sharing the bot's pace of 45 posts a second, under Discord's global limit
   of 50 (the fake enforces it); once a third of the channels have their message,
   shard 1's process is killed (SIGKILL) and a new one started for its shard. It waits until
   every channel has its message and prints messages per channel (exactly one is right), the
   POST attempts, the repeats the fake's nonce check absorbed, and the time taken beside the
   least the pace allows.

No figure is asserted: this prints what it measured.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.catalogues import NETFLIX_TITLES
from benchmarks.cpu_usage import CpuSample, CpuUse, cpu_between, quiet_since
from benchmarks.load_cluster import (
    Cluster,
    LogSummary,
    PostgresUnreachableError,
    scratch_database,
)
from benchmarks.load_commands import CommandMix, RateFigures, judge_all, send_commands
from benchmarks.load_fan_out import FanOutFigures, fan_out, subscribe_all
from bot.application import Application
from bot.settings import Settings
from tests.e2e.fake_discord import FakeDiscord
from tests.e2e.fake_discord.entities import FakeGuild, guilds_over_shards

POSTGRES_URL_VARIABLE = "SHOWBOT_TEST_POSTGRES_URL"
TOKEN = "MTE3.load-test-token"
SHARDS = 2
PACE = 45
"""Announcement posts a second for the whole bot (ANNOUNCE_REQUESTS_PER_SECOND), which the
delivering processes share between them."""
DISCORD_GLOBAL_LIMIT = 50
GLOBAL_LIMIT = DISCORD_GLOBAL_LIMIT
"""The fake's global limit by default: Discord's, 50 requests a second for a bot in all,
whatever its processes."""
CHANNELS_PER_GUILD = 500
P99_TARGET_MS = 50.0
QUIET_CORES = 0.15
"""Below this many cores busy, the two bots have worked through what they were given."""
QUIET_WITHIN = 90.0


def _guilds(channels: int) -> dict[int, list[FakeGuild]]:
    per_shard = max(1, math.ceil(channels / CHANNELS_PER_GUILD / SHARDS))
    per_guild = math.ceil(channels / (per_shard * SHARDS))
    return guilds_over_shards(SHARDS, per_shard, per_guild)


@dataclass
class RateRow:
    figures: RateFigures
    cpu: CpuUse
    """While the commands were being sent."""
    busy_after_s: float | None
    """How long the bots kept working after the last command was sent (None: still busy)."""


async def _measure(
    cluster: Cluster,
    fake: FakeDiscord,
    guilds: list[FakeGuild],
    mix: CommandMix,
    rate: float,
    seconds: float,
) -> RateRow:
    """One rate of commands, timed, with the CPU it took; returns once the bots are idle again,
    so that the next rate starts from rest."""
    pids = {**cluster.pids(), "fake+load": os.getpid()}
    before = CpuSample.take(pids, ("postgres",))
    started = time.monotonic()
    sent = await send_commands(fake, guilds, mix, rate, seconds)
    cpu = cpu_between(before, CpuSample.take(pids, ("postgres",)), time.monotonic() - started)
    quiet = asyncio.create_task(quiet_since(cluster.pids(), below=QUIET_CORES, within=QUIET_WITHIN))
    figures = await judge_all(sent)
    quiet_at = await quiet
    busy_after = max(0.0, quiet_at - sent.last_at) if quiet_at is not None else None
    return RateRow(figures, cpu, busy_after)


def _ms(value: float) -> str:
    return f"{value:7.1f}" if not math.isnan(value) else "      -"


def _print_rates(rows: Sequence[RateRow]) -> None:
    base = rows[0].figures
    print(
        f"{'rate/s':>6} {'sent':>5} {'sent/s':>6} {'answered':>8} {'deferred':>8} {'errors':>6}"
        f" {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7} {'p50×':>5} {'p99×':>5}"
        f" {'busy after':>10}  cpu: machine bots  pg fake others"
    )
    for row in rows:
        figures, cpu = row.figures, row.cpu
        p50, p99 = figures.percentile(0.5), figures.percentile(0.99)
        bots = sum(v for k, v in cpu.processes.items() if k.startswith("shard"))
        after = f"{row.busy_after_s:9.1f}s" if row.busy_after_s is not None else "  still busy"
        print(
            f"{figures.rate:6.0f} {figures.sent:5d} {figures.achieved_rate:6.1f}"
            f" {figures.answered:8d} {figures.deferred:8d} {sum(figures.errors.values()):6d}"
            f" {_ms(p50)} {_ms(figures.percentile(0.9))} {_ms(p99)} {_ms(figures.percentile(1))}"
            f" {p50 / base.percentile(0.5):5.1f} {p99 / base.percentile(0.99):5.1f} {after}"
            f"         {cpu.machine:4.0%} {bots:4.2f} {cpu.processes['postgres']:4.2f}"
            f" {cpu.processes['fake+load']:4.2f} {cpu.others:6.2f}"
        )
    print(
        "  ms from the dispatch of INTERACTION_CREATE to the callback at the fake, of the"
        " commands called back 2xx; ×: to the first rate's.\n"
        "  busy after: how long the bots worked on after the last command was sent.\n"
        "  cpu while sending: the share of all cores busy, and the cores kept busy by the two"
        " bots, PostgreSQL, this process (the fake Discord and the load) and everything else."
    )
    for row in rows:
        for kind, count in sorted(row.figures.errors.items()):
            print(f"  errors at {row.figures.rate:.0f}/s: {count} {kind}")
    top = rows[-1]
    if top.figures.percentile(0.99) > P99_TARGET_MS or math.isnan(top.figures.percentile(0.99)):
        print(
            f"  note: p99 misses {P99_TARGET_MS:.0f} ms at {top.figures.rate:.0f}/s. This"
            f" machine has {top.cpu.cores} cores for the fake Discord and the load, two bots,"
            f" PostgreSQL and any other work on it: {top.cpu.machine:.0%} of them were busy"
            " while the commands were sent."
        )


def _print_fan_out(figures: FanOutFigures, global_limit: int) -> None:
    least = figures.channels / PACE
    per_channel = figures.per_channel
    print(
        f"fan-out of one cancellation to {figures.channels:,} channels: {SHARDS} processes"
        f" delivering, sharing {PACE}/s, the fake's global limit {global_limit}/s"
    )
    print(f"  outbox rows written          {figures.outbox_rows:8,d} in {figures.recorded_s:.1f} s")
    print(f"  first post                   {figures.first_post_s:8.1f} s after the cancellation")
    print(
        f"  shard 1's process killed     after {figures.killed_after:,} channels had their"
        f" message; its replacement identified {figures.replaced_in_s:.1f} s later"
    )
    print(f"  all channels posted in       {figures.took_s:8.1f} s")
    pace = figures.pace
    print(
        f"  posts a second               {pace.get('both', math.nan):5.1f} while both delivered,"
        f" {pace.get('one', math.nan):.1f} with one, {pace.get('replaced', math.nan):.1f} after"
        " the replacement came up"
    )
    print(
        f"  least the pace allows        {least:8.1f} s   (baseline: channels / {PACE}"
        f" a second); ratio {figures.took_s / least:.2f}"
    )
    print(f"  POST attempts                {figures.attempts:8,d}   (429s: {figures.rejected})")
    print(f"  nonce-deduplicated repeats   {figures.repeats:8,d}")
    print(
        f"  messages per channel         exactly 1: {per_channel[1]:,}; none:"
        f" {per_channel[0]:,}; 2 or more: {sum(n for k, n in per_channel.items() if k > 1):,}"
    )
    states = ", ".join(f"{state} {n:,}" for state, n in sorted(figures.outbox.items()))
    print(f"  outbox at the end            {states}")


def _print_logs(summaries: Sequence[LogSummary]) -> None:
    print("processes:")
    for summary in summaries:
        print(
            f"  {summary.name:<18} exit {summary.exit_code}, {len(summary.errors)} error"
            f" line(s), {summary.warnings} warning(s)"
        )
        for line in list(dict.fromkeys(summary.errors))[:3]:
            print(f"      {line[:150]}")


async def _prepare(
    settings: Settings, catalogue: Path | None, channels: list[tuple[int, int]]
) -> Application:
    """The schema, the catalogue and the subscriptions (the last two side by side)."""
    started = time.monotonic()
    app = await Application.open(settings)

    async def load_catalogue() -> None:
        if catalogue is None:
            return
        report = await app.catalogue.import_file(catalogue)
        if not report.committed:
            raise RuntimeError(f"the catalogue import failed: {report.summary()}")

    await asyncio.gather(load_catalogue(), subscribe_all(app, channels))
    print(
        f"set up in {time.monotonic() - started:.1f} s: the schema,"
        f" {'the real catalogue' if catalogue else 'the built-in records only'},"
        f" {len(channels):,} channels subscribed"
    )
    return app


async def run(arguments: argparse.Namespace, base_url: str, folder: Path) -> None:
    sharded = _guilds(arguments.channels)
    guilds = [guild for shard in range(SHARDS) for guild in sharded[shard]]
    channels = [(g.id, c.id) for g in guilds for c in g.channels][: arguments.channels]
    catalogue = None if arguments.no_catalogue or not NETFLIX_TITLES.is_file() else NETFLIX_TITLES
    mix = CommandMix.build(catalogue)
    # guilds of both shards in turn, so that each process gets half the commands
    interleaved = [g for pair in zip(*sharded.values(), strict=True) for g in pair]
    async with scratch_database(base_url) as database_url:
        settings = Settings(database_url=database_url, _env_file=None)
        app = await _prepare(settings, catalogue, channels)
        try:
            async with FakeDiscord(
                token=TOKEN, guilds=guilds, global_rate_limit=arguments.global_limit
            ) as fake:
                cluster = Cluster(
                    fake=fake,
                    token=TOKEN,
                    database_url=database_url,
                    shard_count=SHARDS,
                    folder=folder,
                    settings={"ANNOUNCE_REQUESTS_PER_SECOND": str(PACE)},
                )
                try:
                    print(f"{SHARDS} processes up in {await cluster.start_all():.1f} s")
                    await quiet_since(cluster.pids(), below=QUIET_CORES, within=QUIET_WITHIN)
                    seconds = arguments.seconds / len(arguments.rates)
                    rows = [
                        await _measure(cluster, fake, interleaved, mix, rate, seconds)
                        for rate in arguments.rates
                    ]
                    _print_rates(rows)
                    fan = await fan_out(
                        fake, app, [c for _, c in channels], lambda: cluster.kill_and_replace(1)
                    )
                    _print_fan_out(fan, arguments.global_limit)
                finally:
                    summaries = await cluster.stop_all()
                _print_logs(summaries)
        finally:
            await app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get(POSTGRES_URL_VARIABLE))
    parser.add_argument("--seconds", type=float, default=60.0, help="of commands, all rates")
    parser.add_argument("--rates", type=float, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--channels", type=int, default=5000)
    parser.add_argument(
        "--no-catalogue", action="store_true", help="the built-in records only (quicker)"
    )
    parser.add_argument(
        "--global-limit", type=int, default=GLOBAL_LIMIT, help="the fake's, requests a second"
    )
    parser.add_argument("--keep-logs", type=Path, help="keep the bots' logs in this folder")
    arguments = parser.parse_args()
    if not arguments.database_url:
        print(
            f"The load test needs PostgreSQL: set {POSTGRES_URL_VARIABLE} or give --database-url"
            " (e.g. postgresql://127.0.0.1:5432/test).",
            file=sys.stderr,
        )
        sys.exit(2)
    logging.basicConfig(level=logging.WARNING)
    try:
        if arguments.keep_logs is not None:
            arguments.keep_logs.mkdir(parents=True, exist_ok=True)
            asyncio.run(run(arguments, arguments.database_url, arguments.keep_logs))
            return
        with tempfile.TemporaryDirectory(prefix="showbot-load-") as folder:
            asyncio.run(run(arguments, arguments.database_url, Path(folder)))
    except PostgresUnreachableError as error:
        print(f"{error}.", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
