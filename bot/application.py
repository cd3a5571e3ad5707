"""The application's resources, opened in one place and closed in one place."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.announcements.desk import StatusDesk
from bot.announcements.subscribing import SubscriptionDesk
from bot.answering.service import AnswerService
from bot.catalogue.service import Catalogue, Importer
from bot.editing.desk import EditDesk
from bot.news.desk import NewsDesk
from bot.settings import Settings
from db.engine import Database


@dataclass
class Application:
    """Everything the bot and the CLI work with, ready to use."""

    settings: Settings
    database: Database
    catalogue: Catalogue
    answers: AnswerService
    status: StatusDesk
    """The one way a show's status changes, with the announcements it causes."""
    subscriptions: SubscriptionDesk
    edits: EditDesk
    """Editors' changes to shows, each with its audit entry."""
    news: NewsDesk
    """Articles read into proposed updates that editors confirm."""

    @classmethod
    async def open(cls, settings: Settings, *, database: Database | None = None) -> Application:
        """Upgrades the schema, loads the built-in records into an empty catalogue and
        builds the title index."""
        database = database or Database(settings.database_url)
        try:
            await database.upgrade()
            catalogue = await Catalogue.open(database)
        except BaseException:
            await database.dispose()
            raise
        status = StatusDesk(database)
        edits = EditDesk(database, catalogue)
        return cls(
            settings=settings,
            database=database,
            catalogue=catalogue,
            answers=AnswerService(database, catalogue.index),
            status=status,
            subscriptions=SubscriptionDesk(database, catalogue.index),
            edits=edits,
            news=NewsDesk(database, catalogue, edits, status),
        )

    async def close(self) -> None:
        await self.database.dispose()


@asynccontextmanager
async def open_importer(settings: Settings) -> AsyncIterator[Importer]:
    """What a command that only imports needs (`showbot import`): the schema upgraded and the
    built-in records loaded as for the bot, but no title index, which would cost it the
    memory and the start-up time of every stored title for nothing."""
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        importer = Importer(database)
        await importer.seed_if_empty()
        yield importer
    finally:
        await database.dispose()
