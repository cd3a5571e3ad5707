"""Select options and autocomplete choices are plain text in Discord: no markdown is read
there (escaping it would show the backslashes), but control characters never go through."""

from __future__ import annotations

import unicodedata
from typing import cast

import pytest

from bot.answering.answers import Ambiguous, ShowChoice
from bot.answering.service import AnswerService
from bot.discord.options import choice_name
from bot.discord.views import ShowPicker
from bot.matching.index import TitleEntry
from bot.matching.intents import Intent

HOSTILE = "**The** [Watcher](https://x.example) \u202egnp.exe\x1b[2J\r\x00"


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf")]


def test_autocomplete_names_show_the_title_as_written_without_controls() -> None:
    name = choice_name(TitleEntry(1, HOSTILE, 2022, None))
    assert _raw_controls(name) == []
    assert name.startswith("**The** [Watcher](https://x.example) \\u202egnp.exe\\x1b[2J")
    assert name.endswith(" (2022 series)") and len(name) <= 100


@pytest.mark.asyncio
async def test_picker_options_show_the_title_as_written_without_controls() -> None:
    question = Ambiguous(
        HOSTILE,
        Intent.STATUS,
        None,
        (ShowChoice(1, HOSTILE, 1999, HOSTILE), ShowChoice(2, "B", None, None)),
    )
    picker = ShowPicker(asker_id=1, question=question, answers=cast(AnswerService, None))
    first, second = picker.menu.options
    for text in (first.label, first.description or ""):
        assert _raw_controls(text) == [] and len(text) <= 100
        assert text.startswith("**The** [Watcher](https://x.example) \\u202e")
    assert (second.label, second.value) == ("B", "2")
    assert picker.chosen(["1"]) == 1 and picker.chosen(["01"]) is None
    assert picker.chosen(["3"]) is None and picker.chosen(["1", "2"]) is None
    picker.stop()
