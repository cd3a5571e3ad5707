"""Where a show's name hides in a message the index cannot read whole: a run of title-like
words among chatter, a name typed exactly between words that only glue a sentence, a whole
name of everyday words anywhere, a name among another language's words, a nickname. Each
asks the index through one message's `MessageLookups`, so a question about a show that is
not there still finds no show."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from bot.matching.english import common_english
from bot.matching.index import Candidate, Resolution, TitleIndex
from bot.matching.message import BREAKS
from bot.matching.phrasebook import ASKING_WORDS, CHATTER, GLUE, TITLE_CONTINUERS
from bot.matching.questions import WordRole, word_roles
from bot.matching.text import fold, without_article, words
from bot.matching.title_runs import (
    ARTICLES,
    SPAN_WORDS,
    fold_name,
    glued_spans,
    is_chatter,
    names_span,
    title_runs,
    trimmed,
)
from bot.matching.tuning import ACCEPT

LOOKUPS = 24
"""Index lookups one message may make: past that, it is too tangled to keep guessing at."""
ANYWHERE_WORDS = 3
"""A name found anywhere by its words alone has this many (two are everyday phrases too:
"the one", "last night")."""
_NICKNAME_LETTERS = 5
"""A title's first word stands for it ("bojack") only when it is this long, and rare."""
_NICKNAME_SCAN = 3
_NAME_AFTER_ARTICLE = 2
"""Words a name needs after an article typed before it that is not its own ("the partner
track"), unless it is one rare word ("the dahmer show"): "the forgotten" is too likely another
show's name."""


class MessageLookups:
    """The index's readings of one message's words: each span looked up once, and at most
    `LOOKUPS` spans (no guess is cheap)."""

    def __init__(self, index: TitleIndex, message: str = "") -> None:
        self.index = index
        self.message = message
        """The message as typed: a title named by a number ("3%") counts only typed whole."""
        self._looked_up: dict[str, Resolution] = {}

    def resolve(self, tokens: list[str]) -> Resolution:
        """The index's reading of some words, or no show once the message's lookups are
        spent."""
        text = " ".join(t for t in tokens if t not in BREAKS)
        known = self._looked_up.get(text)
        if known is not None:
            return known
        if len(self._looked_up) >= LOOKUPS:
            return Resolution(query=text, match=None, candidates=())
        resolution = self.index.resolve(text)
        match = resolution.match
        if match is not None and match.matched_name.isdigit():
            typed = match.entry.title if self.message else match.matched_name
            if typed not in (self.message or text):
                # "for 3 days", "tipo 3?": a number among other words, not the show "3%"
                resolution = Resolution(query=text, match=None, candidates=())
        self._looked_up[text] = resolution
        return resolution

    def names_a_show(self, tokens: list[str], *, loosely: bool = False) -> bool:
        """Whether these words are, as a whole, a show's name ("what is dark in" is not);
        `loosely`, a name the index reads them as ("quens gambti")."""
        match = self.resolve(tokens).match
        return match is not None and (loosely or match.matched_name == " ".join(tokens))


def named_among_foreign_words(lookups: MessageLookups, tokens: list[str]) -> Resolution | None:
    """The longest show's name typed exactly among the words of another language, which
    the readings of English cannot tell from a title's ("LUNA NERA è stata rinnovata")."""
    plain = [t for t in tokens if t not in BREAKS]
    for start, end in _spans_longest_first(len(plain), shortest=1):
        words_tried = plain[start:end]
        if _a_foreign_message_name(words_tried) and lookups.index.has_name(" ".join(words_tried)):
            # an exact name: one lookup, whatever the message spent guessing before
            resolution = lookups.index.resolve(" ".join(words_tried))
            if resolution.match is not None or resolution.ambiguous:
                return resolution
    return None


def by_first_word(lookups: MessageLookups, tokens: list[str]) -> Resolution | None:
    """'any more bojack': the one show whose title starts with the one rare word asked."""
    kept = trimmed(tokens)
    content = [
        t
        for t, role in zip(kept, word_roles(kept), strict=True)
        if t not in GLUE and t not in BREAKS and role is WordRole.CONTENT
    ]  # "bojack season 6": the season is no part of the name
    if len(content) != 1 or len(content[0]) < _NICKNAME_LETTERS:
        return None
    if content[0] in common_english():
        return None  # "i am CURIOUS" names no show that starts with the word
    word = content[0]
    found = [
        entry
        for entry in lookups.index.complete(word, limit=_NICKNAME_SCAN)
        if without_article(words(entry.title))[:1] == [word]
    ]
    if not found:
        return None
    shortest = min(found, key=lambda entry: len(entry.title))
    stem = fold(shortest.title)
    # "BoJack Horseman", not its Christmas special: every other title goes on from it
    if len(stem.split()) < 2 or any(not fold(e.title).startswith(stem) for e in found):
        return None
    match = Candidate(entry=shortest, score=ACCEPT, matched_name=word)
    return Resolution(query=word, match=match, candidates=(match,))


def named_anywhere(lookups: MessageLookups, tokens: list[str]) -> Resolution | None:
    """The longest whole name of three or more words typed exactly anywhere in a message,
    found by name alone: a title made of everyday words ("c'est quoi l'histoire de NEVER
    HAVE I EVER") has no title-like words for the other readings to find."""
    plain = [t for t in tokens if t not in BREAKS]
    roles = word_roles(plain)
    for start, end in _spans_longest_first(len(plain), shortest=ANYWHERE_WORDS):
        if not _stands_apart(plain, roles, start, end):
            continue  # "the last summer IN PARIS", "MIDNIGHT in the dark kingdom"
        if lookups.index.has_name(" ".join(plain[start:end])):
            resolution = lookups.resolve(plain[start:end])
            if resolution.match is not None:
                return resolution
    return None


def named_beside_unknown_words(lookups: MessageLookups, tokens: list[str]) -> Resolution | None:
    """A show's whole name typed exactly, beside words no title has ("the irishman RUNTIME",
    "marseille with DEPARDIEU"): a word no name holds cannot be the rest of a title the
    catalogue lacks, so it does not sink the name; any other word that could be one does."""
    plain = [t for t in tokens if t not in BREAKS]
    roles = word_roles(plain)
    for start, end in _spans_longest_first(len(plain), shortest=1):
        name = plain[start:end]
        named = without_article(name)
        if not named or (len(named) == 1 and not _rare(named[0]) and named == name):
            continue  # one everyday word is a word of the sentence ("dark"), not "the watcher"
        if _carried_on(plain, start, end):
            continue  # "the last summer IN PARIS": the unknown word may be the name's own
        rest = list(zip(plain[:start] + plain[end:], roles[:start] + roles[end:], strict=True))
        if all(lookups.index.knows_word(t) for t, _ in rest):
            continue  # nothing unknown: the other readings have had their say
        if any(
            role is WordRole.CONTENT and t not in CHATTER and lookups.index.knows_word(t)
            for t, role in rest
        ):
            continue
        if lookups.index.has_name(" ".join(name)):
            resolution = lookups.resolve(name)
            if resolution.match is not None and fold_name(resolution.match.matched_name) == (
                " ".join(named)
            ):
                return resolution
    return None


def _carried_on(words: list[str], start: int, end: int) -> bool:
    """Whether a "in", "of"… next to a span could carry a longer name on ("the last summer IN
    paris", "tales OF the irishman", "squid game THE challenge"); "with" rather names who is in
    it, and an article before a name is its own or the sentence's."""
    after = words[end : end + 1]
    before = words[start - 1 : start] if start else []
    return any(word in TITLE_CONTINUERS - {"with"} for word in after) or any(
        word in TITLE_CONTINUERS - {"with", *ARTICLES} for word in before
    )


def _spans_longest_first(count: int, shortest: int) -> Iterator[tuple[int, int]]:
    """Every span of `count` words from `SPAN_WORDS` long down to `shortest`, leftmost first."""
    for size in range(min(count, SPAN_WORDS), shortest - 1, -1):
        for start in range(count - size + 1):
            yield start, start + size


def title_alone(
    lookups: MessageLookups, tokens: list[str], asking_breaks: bool = True
) -> Resolution | None:
    """The one run of title-like words that names a show when the rest is chatter."""
    runs = title_runs(tokens, asking_breaks)
    named: list[tuple[list[str], Resolution]] = []
    for run in runs:
        if all(t in CHATTER for t in run):
            continue
        cut = trimmed(run)
        for words_tried in (run, cut) if cut and cut != run else (run,):
            resolution = lookups.resolve(words_tried)  # "dead to me": "dead" is its own
            if resolution.match is not None or resolution.ambiguous:
                named.append((run, resolution))
                break
    if len(named) == 1:
        chosen, resolution = named[0]
        others = [run for run in runs if run is not chosen]
        size = len(trimmed(chosen) or chosen)
        if all(is_chatter(run) or len(trimmed(run)) < size for run in others):
            return resolution
    return None


def title_within(lookups: MessageLookups, runs: list[list[str]]) -> Resolution | None:
    """A title inside a rambling message: the longest span of a run that is exactly a show's
    name and sits between words that only glue a sentence together."""
    best: tuple[int, float, Resolution] | None = None
    for run in runs:
        for start, end, ends in glued_spans(run, partial(_whole_rare_name, lookups.index)):
            span = run[start:end]
            if start and span[:1] in (["last"], ["this"], ["next"]) and span[1:] in _TIMES_OF_DAY:
                continue  # "finished dark LAST NIGHT": when it was watched, not the film
            if _article_not_its_own(lookups, span):
                span = span[1:]  # "finished THE partner track finale": the novel's article
            exact_only = not ends or len(span) - (span[0] in ARTICLES) == 1
            if exact_only and not lookups.index.has_name(" ".join(span)):
                continue  # only an exact name would do, and no show has this one
            resolution = lookups.resolve(span)
            match = resolution.match or (resolution.candidates[0] if resolution.ambiguous else None)
            if match is None or not names_span(match, span, ends):
                continue
            rank = (len(span), match.score, resolution)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


_TIMES_OF_DAY = [[w] for w in "night week weekend month year morning evening summer winter".split()]


def named_by_its_words(lookups: MessageLookups, said: list[str]) -> Resolution | None:
    """'the jeffrey dahmer show': words that all belong to one show's names, out of their order
    or with the rest of the name left out, when no other show's name has them all; two words
    at least, one of them rare."""
    named = [word for word in without_article(said) if word not in GLUE]
    if len(named) < 2 or not any(_rare(word) for word in named):
        return None
    holding = {
        candidate.entry.show_id: candidate
        for candidate in lookups.resolve(named).candidates
        if any(set(named) <= set(words(name)) for name in candidate.entry.names())
    }
    if len(holding) != 1:
        return None
    (found,) = holding.values()
    match = Candidate(
        entry=found.entry, score=max(found.score, ACCEPT), matched_name=found.matched_name
    )
    return Resolution(query=" ".join(named), match=match, candidates=(match,))


def _whole_rare_name(index: TitleIndex, span: list[str], following: str) -> bool:
    """Whether a span is a show's whole name with a rare word in it, and no stored name goes on
    from it with the next word: "the imperfects ON discord" names The Imperfects, where "the
    last summer IN paris" may be a show the catalogue lacks."""
    name = " ".join(span)
    # "with" seldom carries a name the catalogue lacks on: "putting on the watcher WITH popcorn"
    return (
        (following == "with" or any(_rare(word) for word in without_article(span)))
        and index.has_name(name)
        and not index.name_goes_on(name, following)
    )


def _article_not_its_own(lookups: MessageLookups, span: list[str]) -> bool:
    """Whether a span starts with an article that no name has there, before a name of two or
    more words that some show has ("the partner track")."""
    named = span[1:]
    return (
        span[0] in ARTICLES
        and (len(named) >= _NAME_AFTER_ARTICLE or (len(named) == 1 and _rare(named[0])))
        and lookups.index.has_name(" ".join(named))
        and not lookups.index.has_name(" ".join(span))
    )


def _rare(word: str) -> bool:
    """A word no everyday English has: alone, it names the one show that has it."""
    return len(word) >= _NICKNAME_LETTERS and word not in common_english()


def _a_foreign_message_name(words: list[str]) -> bool:
    """Whether words typed among another language's could be a title on their own: a word of
    four letters or more that is no everyday English word, or several but not two everyday
    English words ("the one"); never starting or ending in a word that asks or glues."""
    if any(word in ASKING_WORDS or word in GLUE for word in words[-1:] + words[:1]):
        return False
    everyday = all(word in common_english() for word in words)
    if len(words) == 1:  # not "spy x FAMILY": one everyday word is a word, even among German
        return len(words[0]) >= _NICKNAME_LETTERS - 1 and not everyday
    return not (everyday and len(words) < ANYWHERE_WORDS)


def _stands_apart(words: list[str], roles: list[WordRole], start: int, end: int) -> bool:
    """Whether a span is no part of a longer name: no title-like word, and no "in", "of"…
    that would carry a name on, right before or after it."""
    before = [] if start == 0 else [(words[start - 1], roles[start - 1])]
    after = [] if end >= len(words) else [(words[end], roles[end])]
    return not any(
        (role is WordRole.CONTENT and word not in CHATTER) or word in TITLE_CONTINUERS
        for word, role in (*before, *after)
    )
