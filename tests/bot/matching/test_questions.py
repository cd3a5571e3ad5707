from __future__ import annotations

import pytest

from bot.matching.questions import WordRole, word_roles
from bot.matching.text import words


def test_word_roles() -> None:
    tokens = words("is MacGyver 2016 renewed for season 2 on netflix pls")
    roles = dict(zip(tokens, word_roles(tokens), strict=True))
    assert roles["macgyver"] is WordRole.CONTENT
    assert roles["2016"] is WordRole.YEAR
    assert roles["renewed"] is WordRole.QUESTION
    assert roles["2"] is WordRole.SEASON
    assert roles["netflix"] is WordRole.NETWORK
    assert roles["pls"] is WordRole.FRAME


@pytest.mark.parametrize(
    ("question", "word", "role"),
    [
        ("is there another season of dark", "another", WordRole.QUESTION),
        ("any news on last summer", "last", WordRole.CONTENT),
        ("how did altered carbon end", "end", WordRole.QUESTION),
        ("end game season 2", "end", WordRole.CONTENT),
        ("is stranger things over", "over", WordRole.QUESTION),
        ("any news about dark", "about", WordRole.FRAME),
        ("about time", "about", WordRole.CONTENT),
        ("the 4th company", "4th", WordRole.CONTENT),
        ("will there be a 3rd season", "3rd", WordRole.SEASON),
        ("fear street part 2", "2", WordRole.QUESTION),
        ("you are my home", "you", WordRole.FILLER),
        ("do you know if dark is renewed", "you", WordRole.FRAME),
    ],
)
def test_a_word_is_judged_by_its_neighbours(question: str, word: str, role: WordRole) -> None:
    tokens = words(question)
    assert word_roles(tokens)[tokens.index(word)] is role
