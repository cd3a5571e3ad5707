"""Bringing a database's schema to the newest migration, on a connection whose transaction
holds the write lock: Alembic's migrations, plus what they cannot do for themselves.

A database whose schema is newer than this code is refused, not touched. One that holds
showbot tables but no revision was left half-made by a version that created tables outside a
transaction: while those tables hold nothing it is mended (they are dropped and made again);
otherwise it is refused with what to do.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import db.announcement_tables
import db.audit
import db.changes
import db.leases
import db.models
import db.news  # noqa: F401
from db.engine import MIGRATIONS, stored_revision
from db.errors import DatabaseUnavailableError


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(connection: Connection) -> None:
    revision = stored_revision(connection)
    if revision is None:
        _clear_half_made_schema(connection)
    elif revision not in _known_revisions():
        raise DatabaseUnavailableError(
            f"This database was upgraded by a newer showbot (schema revision {revision!r}, "
            "unknown to this one): run that newer showbot, or restore a backup."
        )
    command.upgrade(alembic_config(connection), "head")


def _known_revisions() -> set[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def _clear_half_made_schema(connection: Connection) -> None:
    present = set(inspect(connection).get_table_names())
    leftovers = [t for t in SQLModel.metadata.sorted_tables if t.name in present]
    if not leftovers:
        return
    holding = [t.name for t in leftovers if connection.scalar(select(func.count()).select_from(t))]
    if holding:
        raise DatabaseUnavailableError(
            "This database holds showbot tables with data but no schema revision, so showbot "
            f"cannot tell how to upgrade it (tables with rows: {', '.join(holding)}). Export "
            "what you need, then move the file aside or point DATABASE_URL at a new database."
        )
    for table in reversed(leftovers):
        table.drop(connection)
