"""The operator's HTTP endpoint (`METRICS_PORT`): `/healthz` and Prometheus `/metrics`.

`/healthz` answers 200 when the database answers a query within two seconds and the gateway is
ready with every shard of this process connected, else 503; its JSON body says which part is
wrong.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.ops.metrics import GatewayView, MetricsReader
from db.engine import Database
from db.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

DATABASE_CHECK_SECONDS = 2.0


class OpsEndpoint:
    """Serves /healthz and /metrics until stopped."""

    def __init__(self, database: Database, reader: MetricsReader, gateway: GatewayView) -> None:
        self.database = database
        self.reader = reader
        self.gateway = gateway
        self._runner: web.AppRunner | None = None

    async def start(self, host: str, port: int) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as error:
            await self.stop()
            raise OpsEndpointError(
                f"cannot serve /metrics on {host}:{port} ({error.strerror or error}): choose "
                "another METRICS_PORT, or leave it empty to serve none."
            ) from error
        log.info("serving /healthz and /metrics on %s:%d", host, port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def healthz(self, _: web.Request) -> web.Response:
        database = await self._database_state()
        gateway = self._gateway_state()
        healthy = database == "ok" and gateway == "ok"
        return web.json_response(
            {"database": database, "gateway": gateway}, status=200 if healthy else 503
        )

    async def metrics(self, _: web.Request) -> web.Response:
        try:
            body = await self.reader.render()
        except (SQLAlchemyError, DatabaseUnavailableError, TimeoutError) as error:
            log.warning("metrics could not read the database: %s", error)
            return web.Response(status=503, text=f"the database cannot be read: {error}\n")
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _database_state(self) -> str:
        try:
            async with asyncio.timeout(DATABASE_CHECK_SECONDS), self.database.session() as session:
                await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        except TimeoutError:
            return f"no answer within {DATABASE_CHECK_SECONDS:.0f} s"
        except (SQLAlchemyError, DatabaseUnavailableError, OSError) as error:
            return f"unavailable: {error}"[:300]
        return "ok"

    def _gateway_state(self) -> str:
        if not self.gateway.ready():
            return "not connected"
        down = self.gateway.shards_down()
        if down:
            return f"disconnected shard(s) {', '.join(map(str, down))}"
        return "ok"


class OpsEndpointError(Exception):
    """The endpoint cannot listen where the settings say."""
