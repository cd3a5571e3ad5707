"""The editing commands' test harness: a home guild with an editor role, a showbot whose
settings name the editors, and helpers to run `/admin ...` and read the private answer."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from sqlmodel import select

from bot.settings import Settings
from db.audit import CatalogueEdit
from db.catalogue.export import show_record
from db.queries import load_show
from tests.e2e.conftest import TOKEN, Showbot, start_showbot, stop_showbot
from tests.e2e.fake_discord import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    FakeDiscord,
    FakeInteraction,
    FakeUser,
    JSONDict,
)
from tests.e2e.fake_discord.entities import FakeChannel, FakeGuild, FakeRole
from tests.e2e.fake_discord.protocol import ALL_PERMISSIONS, DEFAULT_OWNER_ID

EDITOR = FakeUser(id=1400000000000000001, username="editor", global_name="Editor")
ROLE_EDITOR = FakeUser(id=1400000000000000002, username="roled", global_name="Roled")
STRANGER = FakeUser(id=1400000000000000003, username="admin", global_name="Guild Admin")
EDITOR_ROLE = FakeRole(id=1400000000000000100, name="editors")
NEWS = [1400000000000000200, 1400000000000000201, 1400000000000000202]


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    home = FakeGuild(
        id=DEFAULT_GUILD_ID,
        name="Home",
        channels=[FakeChannel(id=DEFAULT_CHANNEL_ID, name="general")]
        + [FakeChannel(id=channel, name=f"news-{n}") for n, channel in enumerate(NEWS)],
        owner_id=DEFAULT_OWNER_ID,
        roles=[EDITOR_ROLE],
    )
    async with FakeDiscord(token=TOKEN, guilds=[home]) as fake:
        yield fake


@pytest_asyncio.fixture
async def showbot(
    fake: FakeDiscord, e2e_settings: Settings, restore_discord_endpoints: None
) -> AsyncIterator[Showbot]:
    settings = e2e_settings.model_copy(
        update={
            "home_guild_id": DEFAULT_GUILD_ID,
            "editor_user_ids": [EDITOR.id],
            "editor_role_id": EDITOR_ROLE.id,
        }
    )
    app, bot, task = await start_showbot(fake, settings)
    running = Showbot(fake=fake, app=app, bot=bot, task=task)
    try:
        yield running
    finally:
        await stop_showbot(app, bot, task)
    assert fake.unknown_requests == []
    for interaction in fake.interactions.values():
        assert interaction.rejected_callbacks == [], interaction


def _options(values: dict[str, Any]) -> list[JSONDict]:
    kinds = {bool: 5, int: 4, str: 3}
    return [{"type": kinds[type(v)], "name": k, "value": v} for k, v in values.items()]


async def admin(
    showbot: Showbot,
    path: str,
    values: dict[str, Any] | None = None,
    *,
    user: FakeUser = EDITOR,
    roles: tuple[int, ...] = (),
    raw: list[JSONDict] | None = None,
) -> FakeInteraction:
    """Sends `/admin <path>` ('status set', 'undo') with the options given (`raw`: as is)."""
    words = path.split()
    options: list[JSONDict] = raw if raw is not None else _options(values or {})
    tree: list[JSONDict] = [{"type": 1, "name": words[-1], "options": options}]
    if len(words) == 2:
        tree = [{"type": 2, "name": words[0], "options": tree}]
    return await showbot.fake.send_command(
        "admin", user=user, options=tree, roles=roles, permissions=ALL_PERMISSIONS
    )


async def answer(showbot: Showbot, interaction: FakeInteraction) -> JSONDict:
    """The bot's private answer, its text as Discord shows it (markdown escapes read)."""
    message = await showbot.guard(interaction.wait_for_message(timeout=8), timeout=10)
    assert message.get("flags", 0) & 64, f"not private: {message}"
    return {**message, "content": re.sub(r"\\(.)", r"\1", message.get("content") or "")}


async def record(showbot: Showbot, show_id: int) -> dict[str, Any] | None:
    async with showbot.app.database.session() as session:
        show = await load_show(session, show_id)
    return show_record(show) if show is not None else None


async def audit_count(showbot: Showbot) -> int:
    async with showbot.app.database.session() as session:
        return len((await session.exec(select(CatalogueEdit))).all())
