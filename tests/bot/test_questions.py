from __future__ import annotations

import pytest

from bot.questions import Intent, WordRole, parse_question, title_words, word_roles
from bot.title_text import words


@pytest.mark.parametrize(
    ("question", "intent", "season"),
    [
        ("is partner track cancelled?", Intent.STATUS, None),
        ("imperfects season 2?", Intent.STATUS, 2),
        ("will there be a 3rd season of dark", Intent.STATUS, 3),
        ("you s4 pls", Intent.STATUS, 4),
        ("who plays in the imperfects", Intent.CAST, None),
        ("cast of partner track", Intent.CAST, None),
        ("how did partner track end", Intent.ENDING, None),
        ("partner track season 1 finale", Intent.ENDING, 1),
        ("partner track", Intent.OVERVIEW, None),
    ],
)
def test_intent_and_season(question: str, intent: Intent, season: int | None) -> None:
    parsed = parse_question(question)
    assert (parsed.intent, parsed.season) == (intent, season)


def test_word_roles() -> None:
    tokens = words("is MacGyver 2016 renewed for season 2 on netflix pls")
    roles = dict(zip(tokens, word_roles(tokens), strict=True))
    assert roles["macgyver"] is WordRole.CONTENT
    assert roles["2016"] is WordRole.YEAR
    assert roles["renewed"] is WordRole.QUESTION
    assert roles["2"] is WordRole.QUESTION
    assert roles["netflix"] is WordRole.NETWORK
    assert roles["pls"] is WordRole.FILLER


def test_title_words_are_what_remains() -> None:
    assert title_words("is breaking bad renewed?") == "breaking bad"
