"""What a question asks, apart from which show it is about.

Also the question vocabulary the title index needs to tell a title's words from the words
wrapped around it ("is", "cancelled", "season 2", "pls").
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from bot.title_text import words


class Intent(enum.StrEnum):
    OVERVIEW = "overview"
    STATUS = "status"
    CAST = "cast"
    ENDING = "ending"


class WordRole(enum.Enum):
    """What a word of a question is, before we know which title it names."""

    CONTENT = enum.auto()  # could only be part of a title
    QUESTION = enum.auto()  # asks about the show: "renewed", "cast", "season 2"
    FILLER = enum.auto()  # small talk that titles also use: "is", "you", "the", "pls"
    NETWORK = enum.auto()  # "netflix", "hbo": a hint, not a title word
    YEAR = enum.auto()  # "2016": a hint that tells remakes apart
    NUMBER = enum.auto()  # a bare small number: a season more often than a title's word


STATUS_WORDS = frozenset(
    "renewed renew renewal renewing cancelled canceled cancel cancels cancelling canceling "
    "cancellation axed axe ended ending end ends over finished done dead alive status update "
    "news returning return returns back coming comeback confirmed greenlit greenlight "
    "picked pickup another next more new future decision"
    .split()
)  # fmt: skip
CAST_WORDS = frozenset(
    "cast casting actor actors actress actresses who plays play played playing starring "
    "stars star stared characters character lead leads"
    .split()
)  # fmt: skip
ENDING_WORDS = frozenset(
    "ending ended end finale cliffhanger spoiler spoilers happened happens final last "
    "conclusion"
    .split()
)  # fmt: skip
QUESTION_ONLY = frozenset(
    "season seasons series show shows tv episode episodes part volume vol chapter "
    "about info information details tell"
    .split()
)  # fmt: skip
FILLER_WORDS = frozenset(
    "is was are were be been being will would wont won shall should can could did does do "
    "dont didnt doesnt isnt wasnt has have had hasnt havent get gets got getting gonna going "
    "to a an the of for on in at by and or it its this that there theyre they them their "
    "any anyone anybody know knows if whether yet still ever again now today officially "
    "what whats when where why how which whos hows u you me my i im we us our pls please "
    "plz thx thanks hey hi hello yo ok okay so like bot netflixs one ones really "
    "gonna wanna with from up out"
    .split()
)  # fmt: skip
QUESTION_WORDS = STATUS_WORDS | CAST_WORDS | ENDING_WORDS | QUESTION_ONLY
NETWORKS = {
    "netflix": "Netflix", "hbo": "HBO", "max": "Max", "hulu": "Hulu", "amazon": "Prime Video",
    "prime": "Prime Video", "apple": "Apple TV+", "appletv": "Apple TV+", "disney": "Disney+",
    "peacock": "Peacock", "paramount": "Paramount+", "bbc": "BBC", "itv": "ITV", "cbs": "CBS",
    "nbc": "NBC", "abc": "ABC", "fox": "FOX", "cw": "The CW", "amc": "AMC", "fx": "FX",
    "showtime": "Showtime", "starz": "Starz", "syfy": "Syfy", "channel": "Channel 4",
}  # fmt: skip

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_SEASON_CODE = re.compile(r"^s(\d{1,2})(e\d{1,3})?$")
_YEAR = re.compile(r"^(19[0-9]{2}|20[0-9]{2})$")
_SEASON_WORDS = frozenset({"season", "seasons", "series", "part", "volume", "vol", "chapter"})


def _season_number(token: str) -> int | None:
    if token.isdigit() and len(token) <= 2:
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    return None


def _ordinal(token: str) -> int | None:
    if token in _ORDINALS:
        return _ORDINALS[token]
    match = _ORDINAL_DIGITS.match(token)
    return int(match.group(1)) if match else None


def word_roles(tokens: list[str]) -> list[WordRole]:
    """The role of each folded word of a question, judged from the word and its neighbours."""
    roles = []
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        season_number = (
            _SEASON_CODE.match(token) is not None
            or _ordinal(token) is not None
            or (previous in _SEASON_WORDS and _season_number(token) is not None)
            or (token in _NUMBER_WORDS and following in _SEASON_WORDS)  # "two more seasons"
        )
        if season_number:
            roles.append(WordRole.QUESTION)
        elif _YEAR.match(token):
            roles.append(WordRole.YEAR)
        elif _season_number(token) is not None and token.isdigit():
            roles.append(WordRole.NUMBER)
        elif token in NETWORKS:
            roles.append(WordRole.NETWORK)
        elif token in QUESTION_WORDS:
            roles.append(WordRole.QUESTION)
        elif token in FILLER_WORDS:
            roles.append(WordRole.FILLER)
        else:
            roles.append(WordRole.CONTENT)
    return roles


@dataclass(frozen=True)
class Question:
    text: str
    intent: Intent
    season: int | None


def parse_question(text: str) -> Question:
    """The intent and season of a free-text question; the title is the index's business."""
    tokens = words(text)
    token_set = set(tokens)
    if token_set & CAST_WORDS:
        intent = Intent.CAST
    elif token_set & {"ending", "finale", "cliffhanger", "spoiler", "spoilers"} or (
        {"how", "end"} <= token_set or {"how", "ended"} <= token_set
    ):
        intent = Intent.ENDING
    elif token_set & STATUS_WORDS or token_set & {"season", "seasons"}:
        intent = Intent.STATUS
    else:
        intent = Intent.OVERVIEW
    season = _asked_season(tokens)
    if season is not None and intent is Intent.OVERVIEW:
        intent = Intent.STATUS
    return Question(text=text, intent=intent, season=season)


def _asked_season(tokens: list[str]) -> int | None:
    for i, token in enumerate(tokens):
        code = _SEASON_CODE.match(token)
        if code:
            return int(code.group(1))
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in _SEASON_WORDS - {"series"}:
            number = _season_number(following)
            if number is not None:
                return number
        ordinal = _ordinal(token)
        if ordinal is not None and following in _SEASON_WORDS:
            return ordinal
    return None


def title_words(text: str) -> str:
    """The words of a question that are not question words: what the asker called the show."""
    tokens = words(text)
    roles = word_roles(tokens)
    kept = [t for t, r in zip(tokens, roles, strict=True) if r in _TITLE_ROLES]
    return " ".join(kept) or " ".join(tokens)


_TITLE_ROLES = frozenset({WordRole.CONTENT, WordRole.NUMBER, WordRole.YEAR})
