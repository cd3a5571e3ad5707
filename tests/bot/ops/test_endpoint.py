"""/healthz says which part is unwell: the database, or the gateway and which shard."""

from __future__ import annotations

import json
import math

import pytest

from bot.application import Application
from bot.ops.endpoint import OpsEndpoint
from bot.ops.metrics import GatewayView, MetricsReader
from db.engine import Database

pytestmark = pytest.mark.asyncio


def _endpoint(app: Application, database: Database, gateway: GatewayView) -> OpsEndpoint:
    return OpsEndpoint(database, MetricsReader(database, app.catalogue, gateway), gateway)


async def _health(endpoint: OpsEndpoint) -> tuple[int, dict[str, str]]:
    response = await endpoint.healthz(None)  # type: ignore[arg-type]
    assert response.body is not None
    return response.status, json.loads(bytes(response.body))  # type: ignore[arg-type]


async def test_health_names_the_part_that_is_unwell(app: Application) -> None:
    fine = GatewayView(
        ready=lambda: True, shards_down=lambda: [], latencies=lambda: [(0, 0.04), (1, math.inf)]
    )
    assert await _health(_endpoint(app, app.database, fine)) == (
        200,
        {"database": "ok", "gateway": "ok"},
    )
    one_down = GatewayView(ready=lambda: True, shards_down=lambda: [1], latencies=lambda: [])
    status, body = await _health(_endpoint(app, app.database, one_down))
    assert status == 503 and body["gateway"] == "disconnected shard(s) 1"
    down = GatewayView(ready=lambda: False, shards_down=lambda: [0], latencies=lambda: [])
    assert (await _health(_endpoint(app, app.database, down)))[1]["gateway"] == "not connected"

    unreachable = Database("postgresql://showbot@127.0.0.1:1/nowhere")
    try:
        status, body = await _health(_endpoint(app, unreachable, fine))
    finally:
        await unreachable.dispose()
    assert status == 503 and body["database"].startswith("unavailable")
    assert body["gateway"] == "ok"
