"""Alembic environment: runs on a connection handed over by `Database.upgrade`.

Run from the `alembic` command line (for `alembic revision --autogenerate`), it opens its
own connection to `-x url=...`, else DATABASE_URL from the environment, else the default
SQLite file. It reads no `.env`: `db` knows nothing of the bot's settings.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import db.announcement_tables
import db.audit
import db.changes
import db.leases
import db.models
import db.news  # noqa: F401

target_metadata = SQLModel.metadata

# Any 64-bit number shared by every showbot process: serialises concurrent upgrades.
MIGRATION_LOCK_KEY = 0x73686F77626F74


def run_migrations(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_standalone() -> None:
    from db.engine import DEFAULT_DATABASE_URL, Database

    url = context.get_x_argument(as_dictionary=True).get("url")
    database = Database(url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(run_migrations)
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run `showbot db upgrade`")

handed_over = context.config.attributes.get("connection")
if handed_over is not None:
    run_migrations(handed_over)
else:
    asyncio.run(run_standalone())
