"""Autocomplete choices say what each title is, and put series first where only a series
can answer."""

from __future__ import annotations

from bot.discord.options import choice_name, series_first
from bot.matching.index import TitleEntry


def test_choice_names_tell_films_from_series() -> None:
    assert choice_name(TitleEntry(1, "The Watcher", 2016, film=True)) == "The Watcher (2016 film)"
    assert choice_name(TitleEntry(2, "The Watcher", 2022)) == "The Watcher (2022 series)"
    assert choice_name(TitleEntry(3, "The Watcher", None, film=True)) == "The Watcher (film)"
    long = choice_name(TitleEntry(4, "Long " * 40, 2019, film=True))
    assert len(long) <= 100 and long.endswith("… (2019 film)")


def test_series_come_first_each_in_the_order_given() -> None:
    entries = [
        TitleEntry(1, "A", film=True),
        TitleEntry(2, "B"),
        TitleEntry(3, "C", film=True),
        TitleEntry(4, "D"),
    ]
    assert [e.show_id for e in series_first(entries)] == [2, 4, 1, 3]
