"""What an editor may type: each refusal a sentence that says what to give."""

from __future__ import annotations

import pytest

from bot.discord.editing_views import MESSAGE_LIMIT, shown
from bot.editing.fields import EditRefusedError, one_line, paragraphs, parse_day


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2022-02-30", "not a day on the calendar"),
        ("2022-2-3", "YYYY-MM-DD"),
        ("yesterday", "YYYY-MM-DD"),
        ("0001-01-01", "between 1870 and 2100"),
        ("9999-12-31", "between 1870 and 2100"),
    ],
)
def test_days_that_do_not_exist_or_make_no_sense_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(EditRefusedError, match=reason):
        parse_day(typed)


def test_a_real_day_is_read() -> None:
    assert parse_day(" 2024-02-29 ").isoformat() == "2024-02-29"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("\u200b\u200b", "invisible"),
        ("Partner\u202eTrack", "direction controls"),
        ("bell\x07", "control characters"),
        ("x" * 201, "201 characters; keep it to 200"),
    ],
)
def test_names_that_cannot_be_shown_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(EditRefusedError, match=reason):
        one_line(typed, "title", 200)


def test_a_name_is_one_line_and_free_text_keeps_its_lines() -> None:
    assert one_line("  Line one\nline   two ", "alias", 200) == "Line one line two"
    assert paragraphs(" First.\n\tSecond. ", "ending", 100) == "First.\n\tSecond."


def test_an_answer_escaped_past_discord_s_limit_is_cut_to_fit() -> None:
    text = "*_" * 1500  # escaping doubles it
    message = shown(text)
    assert len(message) <= MESSAGE_LIMIT and message.endswith("…")
    assert not message[:-1].endswith("\\") or message[:-1].endswith("\\\\")
    assert shown("short *one*") == "short \\*one\\*"
