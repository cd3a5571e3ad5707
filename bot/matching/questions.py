"""The question vocabulary the title index needs to tell a title's words from the words
wrapped around it ("is", "cancelled", "season 2", "pls"), and the season a question asks.
"""

from __future__ import annotations

import enum
import re


class WordRole(enum.Enum):
    """What a word of a question is, before we know which title it names."""

    CONTENT = enum.auto()  # could only be part of a title
    QUESTION = enum.auto()  # asks about the show: "renewed", "cast", "part"
    SEASON = enum.auto()  # a season's number: "2" in "season 2", "s2", "third" (never a title's)
    FRAME = enum.auto()  # the words questions are built of: "is", "will there be", "pls"
    FILLER = enum.auto()  # everyday words, in titles as often as around them: "you", "my"
    NETWORK = enum.auto()  # "netflix", "hbo": a hint, not a title word
    YEAR = enum.auto()  # "2016": a hint that tells remakes apart
    NUMBER = enum.auto()  # a bare small number: a season more often than a title's word


STATUS_WORDS = frozenset(
    "renewed renew renewal renewing cancelled canceled cancel cancels cancelling canceling "
    "cancellation axed axe ended ending end ends over finished done status update "
    "news returning return returns back coming comeback confirmed greenlit greenlight "
    "picked pickup another next more new future decision hiatus fate verdict revived revival "
    "renewals cancellations greenlighted shelved scrapped axing extended airing announced "
    "officially official canceld cancelld renewd"
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
FRAME_WORDS = frozenset(
    "is was are were be been being will would shall should can could did does do has have "
    "had get gets got getting gonna going to a an the of for on in at by about any there yet "
    "and or "
    "still ever again now today officially what whats when where why how which whos hows "
    "wheres whens whys "
    "pls please plz thx thanks hey hi hello yo ok okay so bot netflixs anybody somebody "
    "someone guys yall idk tho though lol lmao fr ngl rn tbh btw"
    .split()
)  # fmt: skip
FILLER_WORDS = frozenset(
    "wont won dont didnt doesnt isnt wasnt hasnt havent it its this that theyre they "
    "them their anyone anybody know knows if whether u you me my i im we us our like one "
    "ones really wanna with from"
    .split()
)  # fmt: skip
FRAME_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "do you know if", "does anyone know if", "anyone know if", "do you know",
        "can you tell me if", "can you tell me", "tell me about", "what about",
        "what happened to", "whats the status of", "what is the status of",
        "whats going on with", "i wonder if", "is it true that", "you know if",
    )
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
_SEASONS = frozenset({"season", "seasons", "series"})
_SEASON_WORDS = _SEASONS | {"part", "volume", "vol", "chapter", "episode", "episodes"}
# Question words that also open titles ("Next", "Last Summer", "New Girl", "End Game"):
# they belong to the question only next to other question words, or at its end.
_MODIFIERS = frozenset("next last new another more final first second third fourth fifth".split())
_CLOSERS = frozenset("end ending ended ends over done finished back".split())
_WHICH_ONE = frozenset(
    "old new original other latest newer older first second remake british american uk us "
    "korean japanese spanish indian animated".split()
)
_ASKING_ABOUT = frozenset(
    "news info information tell what whats how hows anything me update updates".split()
)


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


def _in_frame_phrases(tokens: list[str]) -> set[int]:
    positions: set[int] = set()
    for phrase in FRAME_PHRASES:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tuple(tokens[start : start + size]) == phrase:
                positions.update(range(start, start + size))
    return positions


def word_roles(tokens: list[str]) -> list[WordRole]:
    """The role of each folded word of a question, judged from the word and its neighbours."""
    framed = _in_frame_phrases(tokens)
    roles = []
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if i in framed:
            roles.append(WordRole.FRAME)
        elif _is_season_number(token, previous, following):
            roles.append(WordRole.SEASON)
        elif previous in _SEASON_WORDS and _season_number(token) is not None:
            roles.append(WordRole.QUESTION)  # "part 2": the title's, or the question's
        elif _YEAR.match(token):
            roles.append(WordRole.YEAR)
        elif token.isdigit() and _season_number(token) is not None:
            roles.append(WordRole.NUMBER)
        elif token in NETWORKS:
            roles.append(WordRole.NETWORK)
        elif token in _MODIFIERS or token in _CLOSERS:
            # "next season", "how did it end": the question's. "Last Summer", "End Game":
            # the title's.
            asks = not following or following in _SEASON_WORDS or _asks(following)
            if token in _CLOSERS:
                asks = not following or _asks(following)
            roles.append(WordRole.QUESTION if asks else WordRole.CONTENT)
        elif token == "about":
            roles.append(WordRole.FRAME if previous in _ASKING_ABOUT else WordRole.CONTENT)
        elif token in ("one", "ones", "version") and (
            previous in NETWORKS or previous in _WHICH_ONE or _YEAR.match(previous)
        ):
            roles.append(WordRole.FRAME)  # "the netflix one", "the 2016 one"
        elif token in QUESTION_WORDS:
            roles.append(WordRole.QUESTION)
        elif token in FRAME_WORDS:
            roles.append(WordRole.FRAME)
        elif token in FILLER_WORDS:
            roles.append(WordRole.FILLER)
        else:
            roles.append(WordRole.CONTENT)
    return roles


def _is_season_number(token: str, previous: str, following: str) -> bool:
    return (
        _SEASON_CODE.match(token) is not None
        or (_ordinal(token) is not None and following in _SEASON_WORDS)
        or (previous in _SEASONS and _season_number(token) is not None)
        or (token in _NUMBER_WORDS and following in _SEASONS)  # "two more seasons"
    )


def _asks(word: str) -> bool:
    """Whether a word belongs to the question around a title rather than to a title."""
    return (
        word in QUESTION_WORDS
        or word in FRAME_WORDS
        or word in FILLER_WORDS
        or _SEASON_CODE.match(word) is not None
    )


def asked_season(tokens: list[str]) -> int | None:
    """The season a question asks about: "season 2", "s2", "2nd season"."""
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
        if token.isdigit() and len(token) <= 2 and following == "season":
            return int(token)  # "2 season", as "2 temporada" reads
    return None


# The words a question puts right before a title ("is", "of", "who plays in") and right after
# it ("renewed", "season", "get cancelled"). A question word next to a title that is not one
# of these is more likely the title's own: "the GET down", "you are MY home".
BEFORE_TITLES = frozenset(
    "is was are were will would did does do has have had of on in at about the a an any "
    "news info update updates tell me know if whether think watch watching watched like "
    "plays play played starring stars cast renew renewed cancel cancelled canceled "
    "season seasons series episode episodes finale ending end ended status "
    "netflix netflixs new next another more last final first second third "
    "directed direct directs created create creates made make wrote write produced developed "
    "stars star from for"
    .split()
)  # fmt: skip
AFTER_TITLES = frozenset(
    "is was will gonna going get got getting been be has have had and or the a on by in "
    "renewed renew renewal cancelled canceled cancel cancellation axed ended end ending "
    "over done finished back coming comeback returning return returns status update news "
    "season seasons series episode episodes part finale spoiler spoilers cliffhanger cast "
    "actors characters ending pls please plz thanks thx officially confirmed still yet now "
    "one ones"
    .split()
)  # fmt: skip
