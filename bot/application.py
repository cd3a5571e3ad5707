"""The application's resources, opened in one place and closed in one place."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.service import AnswerService
from bot.catalogue.service import Catalogue
from bot.settings import Settings
from db.engine import Database


@dataclass
class Application:
    """Everything the bot and the CLI work with, ready to use."""

    settings: Settings
    database: Database
    catalogue: Catalogue
    answers: AnswerService

    @classmethod
    async def open(cls, settings: Settings, *, database: Database | None = None) -> Application:
        """Upgrades the schema, loads the built-in records into an empty catalogue and
        builds the title index."""
        database = database or Database(settings.database_url)
        try:
            await database.upgrade()
            catalogue = await Catalogue.open(database)
            await catalogue.seed_if_empty()
        except BaseException:
            await database.dispose()
            raise
        return cls(
            settings=settings,
            database=database,
            catalogue=catalogue,
            answers=AnswerService(database, catalogue.index),
        )

    async def close(self) -> None:
        await self.database.dispose()
