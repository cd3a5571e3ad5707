"""Words spelled as they sound: "incepshun" is Inception, "grace an franky" Grace and
Frankie, "uncut jems" Uncut Gems. People who have only heard a title write it down by ear,
which takes more edits than a slip of the keys, but the same few sounds each time."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.matching.english import common_english

_SOUNDS: tuple[tuple[str, str], ...] = (
    ("shun", "tion"), ("shen", "tion"), ("shon", "tion"), ("sion", "tion"), ("tion", "sion"),
    ("ph", "f"), ("f", "ph"), ("ck", "k"), ("k", "ck"), ("k", "c"), ("c", "k"), ("q", "k"),
    ("j", "g"), ("g", "j"), ("z", "s"), ("s", "z"), ("x", "ks"), ("ks", "x"), ("kw", "qu"),
    ("y", "ie"), ("ie", "y"), ("i", "y"), ("y", "i"), ("ay", "ai"), ("ai", "ay"),
    ("ee", "ea"), ("ea", "ee"), ("ee", "i"), ("i", "ee"), ("oo", "u"), ("u", "oo"),
    ("ou", "ow"), ("ow", "ou"), ("er", "or"), ("or", "er"), ("ur", "er"), ("er", "ur"),
    ("a", "e"), ("e", "a"), ("o", "a"), ("a", "o"), ("w", "wh"), ("v", "w"), ("ch", "sh"),
    ("sh", "ch"), ("th", "t"), ("t", "th"), ("d", "t"), ("t", "d"),
)  # fmt: skip
"""Spellings of one sound, each read as another: "shun" is how "tion" sounds."""
_MIN_LETTERS = 3
_JOINED_LETTERS = 7
"""Two words are read as one stored word only when it is this long: "mind hunter" is
"mindhunter", but "is it" is not "isit"."""
_TWICE_FROM = 6
"""Words this long may hold two sounds spelled by ear ("nashun": "sh" and "u")."""


def sounded_out(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    """The words, each that no title and no everyday English has read as the stored word it
    sounds like, when one sounds like it; two words that a stored word is when written as
    one ("mind hunter") read as it."""
    heard: list[str] = []
    for token in tokens:
        joined = heard[-1] + token if heard else ""
        if len(joined) >= _JOINED_LETTERS and joined.isalpha() and known(joined):
            heard[-1] = joined
        else:
            heard.append(_heard(token, known))
    return heard


def _heard(token: str, known: Callable[[str], bool]) -> str:
    if len(token) < _MIN_LETTERS or not token.isalpha() or known(token):
        return token
    if token in common_english():
        return token
    once = list(_respelled(token))
    for spelled in once:
        if known(spelled):
            return spelled
    if len(token) >= _TWICE_FROM:
        for first in once:
            for spelled in _respelled(first):
                if spelled != token and known(spelled):
                    return spelled
    return token


def _respelled(word: str) -> Iterator[str]:
    """The word with one of its sounds spelled the other way, at each place it is."""
    for heard, written in _SOUNDS:
        start = word.find(heard)
        while start >= 0:
            yield word[:start] + written + word[start + len(heard) :]
            start = word.find(heard, start + 1)
