"""What an operator watches: Prometheus metrics, and the figures read when they are scraped.

Counters and histograms are updated where things happen (commands, question reading,
deliveries). Gauges that describe the database (the outbox's depth and its oldest due row, how
far this process is behind the change log) and the gateway (latency per shard) are read when
`/metrics` is asked for, so they are never stale and cost nothing between scrapes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from db.changes import changes_behind
from db.engine import Database
from db.models import utc_now
from db.outbox import outbox_depth

if TYPE_CHECKING:
    from bot.catalogue.service import Catalogue

REGISTRY = CollectorRegistry()
"""showbot's own metrics (not the client library's process and platform ones)."""

COMMANDS = Counter(
    "showbot_commands",
    "Application commands served, by command and outcome (ok or error).",
    ["command", "outcome"],
    registry=REGISTRY,
)
RESOLUTION_SECONDS = Histogram(
    "showbot_question_resolution_seconds",
    "Time to read a question and find the shows it names, in seconds.",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
    registry=REGISTRY,
)
DELIVERIES = Counter(
    "showbot_deliveries",
    "Announcements, direct messages and notices by outcome: sent, failed, paused, retried, "
    "skipped (nothing left to say).",
    ["outcome"],
    registry=REGISTRY,
)
OUTBOX_DUE = Gauge("showbot_outbox_due", "Deliveries due now and not yet sent.", registry=REGISTRY)
OUTBOX_OLDEST_DUE_SECONDS = Gauge(
    "showbot_outbox_oldest_due_age_seconds",
    "How long the oldest delivery still due has waited, in seconds (0: none).",
    registry=REGISTRY,
)
CHANGE_LOG_BEHIND = Gauge(
    "showbot_change_log_behind",
    "Catalogue changes committed that this process's title index has not taken in yet.",
    registry=REGISTRY,
)
CHANGE_LOG_LAST_LOOK_SECONDS = Gauge(
    "showbot_change_log_last_look_age_seconds",
    "Seconds since this process last took in the catalogue's change log.",
    registry=REGISTRY,
)
GATEWAY_LATENCY_SECONDS = Gauge(
    "showbot_gateway_latency_seconds",
    "Heartbeat latency of each gateway shard this process runs, in seconds.",
    ["shard"],
    registry=REGISTRY,
)

for _outcome in ("sent", "failed", "paused", "retried", "skipped"):
    DELIVERIES.labels(outcome=_outcome)  # present at 0 from the start


@dataclass
class GatewayView:
    """What the metrics need of the Discord client, without importing discord here."""

    ready: Callable[[], bool]
    shards_down: Callable[[], Sequence[int]]
    """The shards of this process whose gateway connection is closed now."""
    latencies: Callable[[], Sequence[tuple[int, float]]]
    """(shard id, heartbeat latency in seconds; inf or nan before the first heartbeat)."""


class MetricsReader:
    """Reads the gauges from the database and the gateway, then renders every metric."""

    def __init__(self, database: Database, catalogue: Catalogue, gateway: GatewayView) -> None:
        self.database = database
        self.catalogue = catalogue
        self.gateway = gateway

    async def render(self) -> bytes:
        now = utc_now()
        async with self.database.session() as session:
            due, oldest = await outbox_depth(session, now)
            behind = await changes_behind(session, self.catalogue.cursor)
        OUTBOX_DUE.set(due)
        OUTBOX_OLDEST_DUE_SECONDS.set((now - oldest).total_seconds() if oldest else 0.0)
        CHANGE_LOG_BEHIND.set(behind)
        CHANGE_LOG_LAST_LOOK_SECONDS.set(time.monotonic() - self.catalogue.looked_at)
        for shard, latency in self.gateway.latencies():
            if math.isfinite(latency):
                GATEWAY_LATENCY_SECONDS.labels(shard=str(shard)).set(latency)
        return generate_latest(REGISTRY)
