"""A process runs the shards its settings give it, or the whole bot as one."""

from __future__ import annotations

import dataclasses

from bot.application import Application
from bot.discord.client import ShardedShowBot, ShowBot, create_bot


def test_a_bot_with_shards_runs_only_its_own(app: Application) -> None:
    settings = app.settings.model_copy(update={"shard_count": 4, "shard_ids": [1, 3]})
    sharded = create_bot(dataclasses.replace(app, settings=settings), deliver=False)
    assert isinstance(sharded, ShardedShowBot)
    assert (sharded.shard_count, sharded.shard_ids) == (4, [1, 3])
    assert type(create_bot(app, deliver=False)) is ShowBot
