"""The components of a reply, and what a "did you mean" button carries in its custom_id."""

from __future__ import annotations

from typing import cast

import pytest

from bot.answering.answers import Ambiguous, Answer, HelpAnswer, NotFound, ShowChoice
from bot.answering.service import AnswerService
from bot.discord.buttons import AnswerButton, AnswerRequest, button_label
from bot.discord.views import ShowPicker, reply_view
from bot.matching.intents import Intent, SmallTalk

ASKER = 1300000000000000001
TRACK = ShowChoice(1, "Partner Track", 2022, "Netflix")
WATCHERS = (
    ShowChoice(3, "The Watcher", None, "Netflix"),
    ShowChoice(9, "The Watcher", 1999, "ABC"),
)
WHICH = Ambiguous("the watcher", Intent.CAST, None, WATCHERS)
MISSING = NotFound("partner trak", "partner trak", (TRACK,), Intent.ENDING, 2)
NO_SERVICE = cast(AnswerService, None)


def _buttons(answers: list[Answer]) -> list[AnswerButton]:
    view = reply_view(answers, asker_id=ASKER, service=NO_SERVICE)
    assert view is not None
    buttons = [item for item in view.children if isinstance(item, AnswerButton)]
    if buttons:
        # discord.py forgets a dynamic item's template when a view holding one stops: the
        # buttons must sit in a view that never stops, never in the timed show picker.
        assert view.timeout is None and not isinstance(view, ShowPicker)
    view.stop()
    return buttons


@pytest.mark.asyncio
async def test_one_ambiguous_answer_gets_the_show_picker() -> None:
    view = reply_view([WHICH], asker_id=ASKER, service=NO_SERVICE)
    assert isinstance(view, ShowPicker) and view.children == [view.menu]
    view.stop()


@pytest.mark.asyncio
async def test_answers_that_offer_nothing_get_no_components() -> None:
    help_only: list[Answer] = [HelpAnswer(SmallTalk.HELP, "Ask me.", ())]
    assert reply_view(help_only, asker_id=ASKER, service=NO_SERVICE) is None
    nothing_close = NotFound("zzz", "zzz")
    assert reply_view([nothing_close], asker_id=ASKER, service=NO_SERVICE) is None


@pytest.mark.asyncio
async def test_a_suggestion_button_carries_the_show_the_asker_and_what_was_asked() -> None:
    [button] = _buttons([MISSING])
    assert button.item.label == "Partner Track (2022)"
    assert button.custom_id == f"showbot:answer:1:{ASKER}:ending:2"
    assert button.request == AnswerRequest(1, ASKER, Intent.ENDING, 2)


@pytest.mark.asyncio
async def test_several_answers_get_a_row_of_buttons_each_and_no_picker() -> None:
    buttons = _buttons([MISSING, WHICH])
    assert [(b.row, b.request.show_id if b.request else None) for b in buttons] == [
        (0, 1),
        (1, 3),
        (1, 9),
    ]
    assert [b.request.intent for b in buttons if b.request] == [
        Intent.ENDING,
        Intent.CAST,
        Intent.CAST,
    ]


@pytest.mark.asyncio
async def test_a_show_offered_twice_the_same_way_gets_one_button() -> None:
    # Discord refuses a message with two components of one custom_id.
    assert len(_buttons([MISSING, MISSING])) == 1


@pytest.mark.parametrize(
    "custom_id",
    [
        "showbot:answer:1:2:status:",
        "showbot:answer:01:2:status",
        "showbot:answer:1:2:Status",
        "showbot:answer:1:2:status:1:2",
        "showbot:answer:1:2:status\n",
        "showbot:answer:1:-2:status",
        "showbot:answer:1:2:unknown",
        "showbot:answer:1:2",
        "showbot:pick:1:2:status",
    ],
)
def test_a_custom_id_this_bot_never_made_is_not_a_request(custom_id: str) -> None:
    assert AnswerRequest.parse(custom_id) is None


def test_every_request_reads_back_as_itself() -> None:
    for intent in Intent:
        for season in (None, 1, 999):
            request = AnswerRequest(123456789012345678, 98765432109876543, intent, season)
            assert AnswerRequest.parse(request.custom_id()) == request
            assert len(request.custom_id()) <= 100  # Discord's limit on a custom_id


def test_button_labels_are_plain_and_short() -> None:
    label = button_label(ShowChoice(1, "**Bold** \x1b[2J" + "x" * 200, 2022, None))
    assert len(label) <= 80 and label.endswith("… (2022)") and "\x1b" not in label
    assert button_label(ShowChoice(2, "Untimed", None, None)) == "Untimed"
