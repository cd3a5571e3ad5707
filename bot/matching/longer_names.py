"""A held title inside a longer name that the catalogue does not hold: "is Bird Box Barcelona
any good?", "Dexter: New Blood cast", "is Love Island renewed", "how did Game of Thrones end".
A writer who capitalises titles marks where a name begins and ends; when the capitals run on
past a held name (a subtitle after a colon, a word of its own, "of …" or "to …"), the message
names another show: the spinoff, the sequel or the namesake the catalogue lacks, not the show
whose name it holds. Read only in messages that use capitals as writers do (not in lower case,
and not in Title Case, where every word is capitalised anyway)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.matching.english import common_english
from bot.matching.index import Resolution
from bot.matching.questions import NETWORKS
from bot.matching.text import fold, without_article

_WORD = re.compile(r"[^\W_][\w'’]*")
_POSSESSIVE = re.compile(r"['’]s$")
_CARRY_ON = frozenset({"of", "to", "in"})
"""Lowercase words that carry a name on: "Game OF Thrones", "Welcome TO Wrexham", "The
Watcher IN the Woods" ("in" only before "the": "who plays Z in Partner Track")."""
_INSIDE = frozenset("a an the of with and in on to for de la".split())
"""Lowercase words a capitalised name keeps inside: "Conversations WITH A Killer"."""
_BEGIN = frozenset({"of", "de", "del"})
"""Lowercase words that a longer name has before the held one: "Amor DE Madre"."""
_NEVER_A_NAME = frozenset(
    """season seasons series part volume episode episodes cast trailer finale premiere
        movie film show tv creator creators director star stars actor actors plot end
        release date fans fan renewed cancelled canceled ending ended status news
        update spoilers
        and or vs but i im is are was did does do will who what when where why how which
        january february march april may june july august september october november december
        monday tuesday wednesday thursday friday saturday sunday ok omg lol pls please thanks
        english spanish french german italian korean japanese""".split()
) | frozenset(NETWORKS)
"""Capitalised words that never continue a show's name: what is asked, when, on what."""
_ENDS_A_NAME = frozenset({"movie", "film", "show", "series"})
"""Words that begin no longer name but may end one: "Monster High: The Movie"."""
_CALLED = frozenset({"called", "named", "titled", "entitled"})
"""After these, the capitals that follow are one name, however long."""


@dataclass(frozen=True)
class _Word:
    text: str
    folded: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def longer_name_not_held(
    resolution: Resolution, text: str, holds_name: Callable[[str], bool]
) -> Resolution:
    """The resolution, unless the message writes its show's name as part of a longer one
    the catalogue does not hold (`holds_name` of the folded name): then that name, not found
    (the show stays offered as a candidate)."""
    if resolution.match is not None:
        held = {resolution.match.matched_name}
    elif resolution.ambiguous:  # "Monster High: The Movie" among the Monster High films
        held = {candidate.matched_name for candidate in resolution.candidates}
    else:
        return resolution
    typed = _words(text)
    if not _written_with_capitals(typed):
        return resolution
    for name in (n for matched in sorted(held) for n in _names_of(matched)):
        for start in range(len(typed) - len(name) + 1):
            if [w.folded for w in typed[start : start + len(name)]] != name:
                continue
            longer = _longer_name(text, typed, start, start + len(name))
            if longer is not None and not holds_name(fold(longer)):
                return Resolution(query=fold(longer), match=None, candidates=resolution.candidates)
    return resolution


def _words(text: str) -> list[_Word]:
    return [
        _Word(m.group(), fold(_POSSESSIVE.sub("", m.group())), m.start(), m.end())
        for m in _WORD.finditer(text)
    ]


def _written_with_capitals(typed: list[_Word]) -> bool:
    """Some words capitalised, and not every long one (as Title Case writes them)."""
    if not any(w.capitalised for w in typed):
        return False
    long_words = [w for w in typed if len(w.text) > 3]
    return len(long_words) < 3 or not all(w.capitalised for w in long_words)


def _names_of(matched_name: str) -> list[list[str]]:
    name = matched_name.split()
    bare = without_article(name)
    return [name, bare] if bare != name and bare else [name]


def _longer_name(text: str, typed: list[_Word], start: int, end: int) -> str | None:
    """The longer name the held one is written inside, if any."""
    if not all(
        w.capitalised or not w.text[0].isalpha() or (w.folded in _INSIDE and i > start)
        for i, w in enumerate(typed[start:end], start)
    ):
        return None  # the name typed in lower case: its capitals say nothing
    last = typed[end - 1]
    # "a web show called Dexter After Dark": what follows "called" is one name, however long
    called = start > 0 and typed[start - 1].folded in _CALLED
    possessive = last.text.endswith(("'s", "’s"))
    carried_on = _carried_on(text, typed, end, run_on=possessive or called)
    begun_before = _begun_before(text, typed, start)
    if carried_on is None and begun_before is None:
        return None
    first = begun_before if begun_before is not None else typed[start].start
    stop = carried_on if carried_on is not None else last.end
    return text[first:stop]


def _carried_on(text: str, typed: list[_Word], end: int, *, run_on: bool) -> int | None:
    """Where the longer name ends, when capitals carry the held name on after it: a subtitle
    ("Dexter: New Blood"), one word of its own ("Bird Box Barcelona"), "of" or "to" and a
    capitalised word ("Kingdom of Heaven"), or the name's own possessive ("Lupin's Last
    Trick"). Two capitalised words right after it are more likely a person ("Lupin Omar Sy"),
    unless the name runs on (after "called", or from its possessive)."""
    if end >= len(typed):
        return None
    following = typed[end]
    gap = text[typed[end - 1].end : following.start]
    if gap.strip() == ":" and _continues(following):
        return _run_end(typed, end)
    if gap.strip():
        return None
    if following.folded in _CARRY_ON and end + 1 < len(typed):
        after = end + 1
        if typed[after].folded == "the" and after + 1 < len(typed):
            after += 1  # "The Watcher in THE Woods"
        elif following.folded == "in":
            return None  # "Icarus in Bio class", "Jeff Murphy in Partner Track"
        return _run_end(typed, after) if _continues(typed[after]) else None
    if not _continues(following):
        return None
    two = end + 1 < len(typed) and typed[end + 1].capitalised and _plain_gap(text, typed, end)
    if two and not run_on:
        return None
    return _run_end(typed, end)


def _begun_before(text: str, typed: list[_Word], start: int) -> int | None:
    """Where the longer name begins, when a capitalised word mid-sentence comes right before
    the held name ("is Love Island renewed") or carries it with "de" or "of" ("Amor de
    Madre")."""
    index = start - 1
    if index >= 1 and typed[index].text in ("the", "a") and _plain_gap(text, typed, index):
        index -= 1  # "The Watcher in THE Woods"
    joined = index >= 1 and typed[index].folded in _BEGIN and _plain_gap(text, typed, index)
    if joined:
        index -= 1  # "Amor DE Madre"
    if index < 0 or (index < start - 1 and not joined):
        return None
    before = typed[index]
    subtitle = not joined and text[before.end : typed[index + 1].start].strip() == ":"
    if not (_plain_gap(text, typed, index) or subtitle) or not _continues(before):
        return None  # "Squid Game: The Challenge" holds "The Challenge" as its subtitle
    if before.text.endswith(("'s", "’s")) or before.folded in ("the", "a", "an"):
        return None  # "Ryan Murphy's The Watcher": who made it; "The Partner Track"
    first_word = index == 0 or re.search(r"[.!?:]\s*$", text[: before.start])
    if first_word and not joined:
        return None  # a sentence's first word is capitalised anyway
    return before.start


def _continues(word: _Word) -> bool:
    """Whether a word may carry a name on: capitalised, and not a word that asks, dates or
    places it ("Season", "Netflix", "Renewed")."""
    if not word.capitalised or word.folded in _NEVER_A_NAME:
        return False
    return not (word.text.isupper() and len(word.text) > 1 and word.folded in common_english())


def _plain_gap(text: str, typed: list[_Word], at: int) -> bool:
    return text[typed[at].end : typed[at + 1].start] == " "


def _run_end(typed: list[_Word], at: int) -> int:
    """The end of the capitalised words from `at` (with "of", "the" and the like inside)."""
    end = typed[at].end
    index = at + 1
    while index < len(typed):
        word = typed[index]
        if word.capitalised and (_continues(word) or word.folded in _ENDS_A_NAME):
            end = word.end
        elif word.folded not in _CARRY_ON | _BEGIN | {"the", "a", "an"}:
            break
        index += 1
    return end


def capitalised_around(words: str, text: str) -> str:
    """The capitalised name a message writes around the words that named no show ("is Love
    Island renewed": "love island", where "love" alone reads as chatter), else the words."""
    wanted = words.split()
    typed = _words(text)
    if not wanted or not _written_with_capitals(typed):
        return words
    folded = [w.folded for w in typed]
    for start in range(len(typed) - len(wanted) + 1):
        if folded[start : start + len(wanted)] != wanted:
            continue
        end = start + len(wanted)
        longer = _longer_name(text, typed, start, end)
        return fold(longer) if longer is not None else words
    return words
