"""Titles as people capitalise them in a long message: "my whole ward is obsessed with The
Good Place and i keep nodding…". Folded, such a message is a soup of everyday words, several
of which are titles too ("last night", "home", "the break"); typed with capitals, the title
stands out. Only messages that use capitals at all are read this way, and only a run of
capitalised words that is exactly a show's name counts, so a name ("Jane Fonda"), a place
("Boston") or a word shouted ("that ending was EVIL") names no show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from bot.matching.english import common_english
from bot.matching.index import Resolution, TitleIndex
from bot.matching.phrasebook import GLUE
from bot.matching.questions import NETWORKS
from bot.matching.reading import MAX_SUBJECTS, same_show
from bot.matching.text import fold, without_article, words

_PIECE = re.compile(r"[^\W_][\w'’]*(?:-[^\W_][\w'’]*)*|[,:&–—-]|[.!?;()\[\]\"“”«»\n]+")
"""Words, the marks a title may hold (",", ":", "&", dashes), and what ends a sentence."""
_ENDS = '.!?;()[]"“”«»\n'
MARK = ","
"""A mark inside a run ("Hello, Love, Goodbye"): kept, so that a name is not read across it
unless the name has it too."""
_MARKS = frozenset(",:&–—-")
JOINERS = frozenset(
    "of the and a an in on to with for from at by or vs de la el le les los las del des di da "
    "du y e et und".split()
)
"""Lowercase words a title keeps between its capitalised ones ("House OF Flowers")."""
_NOT_TITLES = frozenset(
    "i im ive id ill re fwd ps monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december "
    "american british english spanish french german italian korean japanese chinese indian "
    "mexican brazilian nigerian turkish canadian australian irish scottish filipino danish "
    "swedish norwegian".split()
) | frozenset(NETWORKS)
"""Words written with capitals that are no titles: "I", days, months, nationalities."""
_SPAN_WORDS = 8
_COMPLETIONS = 5
"""Titles looked at to tell whether one capitalised word starts a longer name."""


@dataclass(frozen=True)
class CapitalisedRun:
    """Capitalised words in a row, with the joiners and marks between them, folded."""

    items: tuple[str, ...]
    """Folded words, and `MARK` where a mark stood between two of them."""
    following: str
    """The lowercase word that follows right after, folded, when it is no joiner ("Crash
    LANDING on you": the capitals may be only the start of the name); else ""."""
    after_article: bool
    """Whether a lowercase article comes right before ("is that Claire Foy girl the Queen")."""


def cased(text: str) -> bool:
    """Whether a message uses capitals as writers do: some words lower case, some not."""
    letters = [c for c in text if c.isalpha()]
    return any(c.islower() for c in letters) and any(c.isupper() for c in letters)


def capitalised_runs(text: str) -> list[CapitalisedRun]:
    """The message's runs of capitalised words; a lone capitalised everyday word that starts
    a sentence is no run, nor is a number on its own."""
    runs: list[CapitalisedRun] = []
    current: list[str] = []
    pending: list[str] = []
    at_start = run_at_start = True
    previous = before_run = ""
    for piece in _PIECE.findall(text):
        if piece[0] in _ENDS:
            _close(runs, current, run_at_start, "", before_run)
            current, pending, at_start = [], [], True
        elif current and (piece in _MARKS or piece.casefold() in JOINERS):
            pending.append(piece)
        elif _capitalised(piece):
            if not current:
                run_at_start, before_run = at_start, previous
            current.extend(pending)
            current.append(piece)
            pending, at_start = [], False
        else:
            following = fold(piece) if not pending and piece not in _MARKS else ""
            _close(runs, current, run_at_start, following, before_run)
            current, pending, at_start = [], [], piece in _MARKS and at_start
        previous = piece
    _close(runs, current, run_at_start, "", before_run)
    return runs


def _close(
    runs: list[CapitalisedRun], run: list[str], first_word: bool, following: str, before: str
) -> None:
    items = [
        MARK if piece in _MARKS and piece != "&" else w
        for piece in run
        for w in (words(piece) or [piece])
    ]  # "Locke & Key": "&" folds to "and", as in the name
    folded = [item for item in items if item != MARK]
    if not folded or all(w.isdigit() for w in folded):
        return  # "season 3": a number, not "3%"
    if len(folded) == 1 and first_word and (folded[0] in common_english() or folded[0] in GLUE):
        return  # "Anyway, …", "Story: …": a sentence's first word
    runs.append(CapitalisedRun(tuple(items), following, before in ("the", "a", "an")))


def _capitalised(piece: str) -> bool:
    if piece[0].isdigit():
        return True  # "3 Idiots", "13 Reasons Why"
    if not piece[0].isupper() or fold(piece) in _NOT_TITLES:
        return False
    # A word shouted ("watched it ALONE", "that ending was EVIL") is emphasis
    return not (piece.isupper() and len(piece) > 1 and fold(piece) in common_english())


def spans_longest_first(items: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where in a run a title may be, longest first: spans that start and end with a word
    that is no joiner ("the" may start one), and stand apart from the rest of the run (a
    joiner or a mark beside them), so "Red" is no title in "Red Notice"."""
    spans = []
    for size in range(min(len(items), _SPAN_WORDS), 0, -1):
        for start in range(len(items) - size + 1):
            end = start + size
            first, last = items[start], items[end - 1]
            if last in JOINERS or last == MARK or first == MARK:
                continue
            if first in JOINERS and first != "the":
                continue
            if _stuck(items, start - 1) or _stuck(items, end):
                continue
            spans.append((start, end))
    return spans


def _stuck(items: tuple[str, ...], at: int) -> bool:
    """Whether the item beside a span is a word of the run that no joiner or mark parts."""
    return 0 <= at < len(items) and items[at] != MARK and items[at] not in JOINERS


class CapitalisedTitles:
    """Finds the shows a message names with capitals, in one title index."""

    def __init__(self, index: TitleIndex) -> None:
        self.index = index

    def find(self, text: str) -> list[Resolution]:
        """The shows a message that uses capitals names with them (see `cased_titles`)."""
        if not cased(text):
            return []
        found: list[Resolution] = []
        for run in capitalised_runs(text):
            self._titles_in(run, 0, len(run.items), found)
        return found

    def _titles_in(self, run: CapitalisedRun, low: int, high: int, found: list[Resolution]) -> None:
        """The longest exact names in a part of a run, then in what is left on either side."""
        items = run.items
        for start, end in spans_longest_first(items[low:high]):
            start, end = start + low, end + low
            named = [item for item in items[start:end] if item != MARK]
            if not self.index.has_name(" ".join(named)) and (
                named[0] != "the" or not self.index.has_name(" ".join(named[1:]))
            ):
                continue
            if len(items) == 1 and not self._capitalised_alone(run, named[0]):
                continue
            # an exact name: one lookup, whatever the message spent guessing before
            resolution = self.index.resolve(" ".join(named))
            if resolution.match is None and not resolution.ambiguous:
                continue
            self._titles_in(run, low, start, found)
            if not any(same_show(resolution, other) for other in found):
                found.append(resolution)
            self._titles_in(run, end, high, found)
            return

    def _capitalised_alone(self, run: CapitalisedRun, word: str) -> bool:
        """Whether one capitalised everyday word is a title on its own: not the start of a
        longer name typed on in lower case ("Crash landing on you"), nor a noun after a
        lowercase article ("is that Claire Foy girl the Queen")."""
        if word not in common_english():
            return True
        if run.after_article:
            return False  # a writer who capitalises titles would write "The Queen"
        if run.following:
            started = fold(f"{word} {run.following}")
            named = self.index.complete(started, limit=_COMPLETIONS)
            return not any(fold(entry.title).startswith(started) for entry in named)
        return True


def beside_capitalised(
    capitalised: list[Resolution], read: tuple[Resolution, ...], tokens: list[str]
) -> tuple[Resolution, ...]:
    """The shows a message names with capitals, and those the other readings found that a
    writer who capitalises titles may have left lower case: not an everyday word of the
    sentence ("home", "three", "match"), which that writer would have capitalised."""
    chosen = [_the_longer_name(resolution, read) for resolution in capitalised]
    for resolution in read:
        match = resolution.match
        if match is None or any(same_show(resolution, other) for other in chosen):
            continue
        name = without_article(match.matched_name.split())
        if all(word in common_english() or word.isdigit() for word in name):
            continue
        chosen.append(resolution)
    return tuple(sorted(chosen, key=partial(_first_named_at, tokens))[:MAX_SUBJECTS])


def _the_longer_name(capitalised: Resolution, read: tuple[Resolution, ...]) -> Resolution:
    """A show the other readings found whose name goes on from a capitalised one ("King of
    Boys the return of the king"), else the capitalised one."""
    if capitalised.match is None:
        return capitalised
    short = capitalised.match.matched_name
    for resolution in read:
        match = resolution.match
        if match is not None and match.matched_name.startswith(short + " "):
            return resolution
    return capitalised


def _first_named_at(tokens: list[str], resolution: Resolution) -> int:
    """Where in the message a show's name starts, for naming shows in the message's order."""
    match = resolution.match or next(iter(resolution.candidates), None)
    if match is None:
        return len(tokens)
    name = without_article(match.matched_name.split())
    for position in range(len(tokens)):
        if tokens[position : position + len(name)] == name:
            return position
    first = resolution.query.split()[:1]
    return tokens.index(first[0]) if first and first[0] in tokens else len(tokens)
