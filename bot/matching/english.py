"""Common English words: a typed word on this list is a word, not a typo of a title."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def common_english() -> frozenset[str]:
    """The list in `data/english_words.txt` (see the README beside it), read once."""
    text = files("bot.matching").joinpath("data/english_words.txt").read_text(encoding="utf-8")
    return frozenset(text.split())
