"""`showbot db`: database maintenance."""

from __future__ import annotations

from bot.cli.exit_codes import EXIT_OK
from bot.settings import Settings
from db.engine import Database


async def upgrade(settings: Settings) -> int:
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        print(f"{database!r} is at revision {await database.current_revision()}")
    finally:
        await database.dispose()
    return EXIT_OK
