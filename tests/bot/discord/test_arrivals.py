"""Interactions too late to answer are told apart from a host clock that is off."""

from __future__ import annotations

from datetime import datetime, timedelta

import discord

from bot.discord.tree import STALE_AFTER_SECONDS, ArrivalClock


def _created(seconds_ago: float) -> datetime:
    return discord.utils.utcnow() - timedelta(seconds=seconds_ago)


def test_a_fresh_interaction_is_answered_and_a_stale_one_is_not() -> None:
    clock = ArrivalClock()
    assert clock.waited(_created(0.05)) < 0.1
    assert clock.waited(_created(0.02)) < 0.1
    assert clock.waited(_created(4.0)) > STALE_AFTER_SECONDS


def test_a_host_clock_seconds_ahead_or_behind_sheds_nothing_fresh() -> None:
    for skew in (3.0, -3.0, 10.0):
        clock = ArrivalClock()
        for _ in range(5):
            assert clock.waited(_created(skew + 0.05)) < 0.1, skew
        # A truly late one is still seen as late.
        assert clock.waited(_created(skew + 3.5)) > STALE_AFTER_SECONDS, skew
