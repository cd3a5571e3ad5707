"""Two processes, one database: what one imports, the other's bot answers about."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.application import Application
from bot.settings import Settings
from tests.e2e.conftest import Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import FakeDiscord

pytestmark = pytest.mark.asyncio


async def test_an_import_elsewhere_reaches_the_running_bot(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None, tmp_path: Path
) -> None:
    settings = e2e_settings.model_copy(update={"catalogue_refresh_seconds": 0.2})
    app, bot, task = await start_showbot(fake, settings)
    try:
        running = Showbot(fake=fake, app=app, bot=bot, task=task)
        elsewhere = await Application.open(settings)  # another process's view of the database
        path = tmp_path / "news.jsonl"
        record = {"title": "Kettle Street", "year": 2024, "status": "renewed", "network": "ITV"}
        path.write_text(json.dumps(record), encoding="utf-8")
        assert (await elsewhere.catalogue.import_file(path)).committed
        await elsewhere.close()

        await running.guard(_until_known(app, "kettle street"))
        interaction = await running.slash("status", title="kettle street")
        message = await interaction.wait_for_message()
        assert message["embeds"][0]["title"] == "Kettle Street (2024)"
        assert "Kettle Street was renewed by ITV." in message["embeds"][0]["description"]
    finally:
        await stop_showbot(app, bot, task)


async def _until_known(app: Application, title: str) -> None:
    # The bot looks for changes on a timer: wait for its next look (guard() bounds this).
    while app.catalogue.index.resolve(title).match is None:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
