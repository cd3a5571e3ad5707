"""Several shows in one message: "are partner track and the watcher still going", "dahmer,
partner track, imperfects: status on all 3". The message is cut at "and", "or", commas and
new sentences, every way up to a few cuts, and the grouping that names the most shows (and
fits them best) wins; a group that is only a sentence's words (an everyday title among
them, "crying in the club rn") names no show beside the others.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations, pairwise

from bot.matching.english import common_english
from bot.matching.index import Candidate, Resolution
from bot.matching.intents import Intent, IntentReading
from bot.matching.message import BREAKS, STOP
from bot.matching.phrasebook import ASKING_WORDS, CHATTER, CONJUNCTIONS, GLUE
from bot.matching.questions import STATUS_WORDS, WordRole, word_roles
from bot.matching.reading import same_show
from bot.matching.text import fold, without_article
from bot.matching.title_finding import MessageLookups
from bot.matching.title_runs import SHORT_RUN, SPAN_WORDS, subject_words
from bot.matching.tuning import LONG_NAME

_MAX_SPLITS = 4
"""Conjunctions tried as splits between shows: 2**4 ways to group is plenty for 3 shows."""
_SENTENCE_WORDS = 3
"""Content words that make a part of a message a sentence rather than a list item."""
_TITLE_WORDS = 5
"""The most words an unknown show's name is taken to have, beside known shows."""
_UNKNOWN_TITLE_WORDS = 2
"""Words a group needs to be an unknown show beside known ones ("partner track and ted lasso")."""
GLUE_NAME_WORDS = 2
"""The most words a name made of glue words ("I Am") may have and still be taken for words."""
_DESCRIBING = (["the", "one"], ["one"])
"""How a part of a message that describes the show just named begins ("…, the one with the
romans"): no show of its own."""
_PLACES = frozenset("in at on into from to inside outside".split())
"""Words before "the club", "the office"… that make it a place of the story."""
_SETTING_APART = frozenset({"but", "like", "than", "compared"})
"""Words that set one show against another ("cancelled LIKE partner track was", "… BUT what
about the watcher"): tried as cuts between shows, as "and" and commas are."""
_ASKS = frozenset("which who what whats whos when where how is are was were did does".split())
"""Words that begin the question itself, after the shows it asks about."""
_WH_WORDS = frozenset("which who what whats whos when where how".split())
"""Words that begin the question after the shows it asks about, which a show the catalogue
lacks ("…, and is ted lasso renewed") does not."""
_ASKING_ABOUT = ASKING_WORDS - _ASKS - GLUE
"""Words that ask for one fact ("based", "cast", "premiered"): a group that starts with one
is the question about the show before it, not another show."""
_STORY_WORDS = 14
"""Words from which a message tells a story around its question, rather than lists shows."""


class SeveralShows:
    """Reads the shows of one message named one after another, through its lookups."""

    def __init__(
        self, lookups: MessageLookups, resolve_loosely: Callable[[list[str]], Resolution]
    ) -> None:
        self.lookups = lookups
        self.resolve_loosely = resolve_loosely

    def named(self, tokens: list[str], whole: Resolution) -> tuple[Resolution, ...]:
        """Shows named one after the other, split at conjunctions and commas."""
        splits = [
            i
            for i, t in enumerate(tokens)
            if t in CONJUNCTIONS or t in BREAKS or t in _SETTING_APART
        ]
        if not splits:
            return ()
        if whole.match is not None and _spans(whole, splits):
            return ()  # "blood and water": the conjunction is the title's
        stops = [i for i in splits if tokens[i] == STOP]  # a sentence ends a show's name
        optional = [i for i in splits if tokens[i] != STOP][:_MAX_SPLITS]
        best: tuple[Resolution, ...] = ()
        for count in range(len(optional), -1, -1):
            for chosen in combinations(optional, count):
                found = self._groups(tokens, tuple(sorted((*stops, *chosen))))
                if len(found) > len(best) or (len(found) == len(best) and _fit(found) > _fit(best)):
                    best = found  # "grace and frankie | dead to me", not "grace | frankie…"
            if best:
                break
        return best

    def _groups(self, tokens: list[str], cuts: tuple[int, ...]) -> tuple[Resolution, ...]:
        """The resolutions of the groups between cuts, or () unless every titled group names
        a show and at least two do."""
        bounds = [-1, *cuts, len(tokens)]
        found: list[Resolution] = []
        groups: list[list[str]] = []
        describing = False
        for start, end in pairwise(bounds):
            group = tokens[start + 1 : end]
            if start >= 0 and tokens[start] in BREAKS:
                describing = _describes(group)
            if describing:
                continue  # "marriage story, THE ONE WITH scarlett johansson and adam driver"
            edge = self._named_at_edge(group) if start >= 0 else None
            if edge is not None and edge.match and _glue_name_in_a_sentence(edge.match, group):
                edge = None  # "…, the one with scarlett johansson": not "The One"
            if edge is not None and edge.match and _a_phrase_begun(edge.match, group):
                edge = None  # "? the other half say…": not "The Other"
            if edge is not None:
                if any(same_show(r, edge) for r in found):
                    return ()
                found.append(edge)  # "… or NEVER HAVE I EVER which has more seasons"
                groups.append(group)
                continue
            roles = word_roles(group)
            if not any(
                role is WordRole.CONTENT and t not in ASKING_WORDS and t not in CHATTER
                for t, role in zip(group, roles, strict=True)
            ):
                exact = self._named_exactly(group)
                if exact is not None and not _beside_a_comparison(exact, tokens, start, end):
                    found.append(exact)  # "you and dark": "you" on its own is a title
                    groups.append(group)
                continue  # "and is it renewed", "hows many seasons": no title in this group
            named_before = any(r.match is not None for r in found)
            if (
                start >= 0
                and tokens[start] == STOP
                and named_before
                and not _introduces_a_show(group)
            ):
                resolution = self.lookups.resolve(group)  # a new sentence: no guessing inside it
                match = resolution.match
                if match is None or len(without_article(match.matched_name.split())) < 2:
                    continue  # "… is it worth it?", "the one with the romans": words, not films
            else:
                resolution = self.resolve_loosely(group)
            content = [
                t
                for t, role in zip(group, roles, strict=True)
                if role is WordRole.CONTENT and t not in CHATTER
            ]
            if resolution.match is None and start >= 0 and group[:1] and group[0] in _WH_WORDS:
                continue  # "partner track, imperfects, watcher — WHICH survived": the question
            if resolution.match is None and len(content) < _UNKNOWN_TITLE_WORDS:
                return ()  # "law and order": one word on its own is no title
            if resolution.match is None and not _could_be_a_title(group):
                continue  # "…, can someone confirm before i lose this bet": a sentence
            if resolution.match is not None and _a_word_in_a_sentence(
                resolution.match, group, content
            ):
                continue  # "…asking for my ROOMMATE who won't shut up": not The Roommate
            if resolution.match is not None and _everyday_words_not_typed(resolution.match, group):
                continue  # "… or am I coping": not "I Am"
            if resolution.match is not None and _glue_name_in_a_sentence(resolution.match, group):
                continue  # "… the ONE with the romans", "i don't believe HER", "I AM curious"
            if _beside_a_comparison(resolution, tokens, start, end):
                continue
            if resolution.match is not None and any(
                r.match and r.match.entry.show_id == resolution.match.entry.show_id for r in found
            ):
                return ()
            found.append(resolution)
            groups.append(group)
        if len(tokens) >= _STORY_WORDS:
            found = _without_words_of_a_story(found, groups)
        named = sum(r.match is not None for r in found)
        return tuple(found) if named else ()

    def _named_at_edge(self, group: list[str]) -> Resolution | None:
        """A show's whole name, typed exactly in two or more words, that a group starts with
        (after "and", "or"): found by its name alone, so that one made of everyday words
        ("never have i ever") is found too."""
        plain = [t for t in group if t not in BREAKS and t not in CONJUNCTIONS]
        for size in range(min(len(plain), SPAN_WORDS), 1, -1):
            words_tried = plain[:size]
            if self.lookups.index.has_name(" ".join(words_tried)):
                resolution = self.lookups.resolve(words_tried)
                if resolution.match is not None:
                    return resolution
        return None

    def _named_exactly(self, group: list[str]) -> Resolution | None:
        """A group of one or two everyday words that is exactly a show's name ("you")."""
        plain = [t for t in group if t not in CONJUNCTIONS and t not in BREAKS]
        if not 0 < len(plain) <= SHORT_RUN:
            return None
        resolution = self.lookups.resolve(plain)
        if resolution.match is not None and resolution.match.matched_name == " ".join(plain):
            return resolution
        return None


def _beside_a_comparison(resolution: Resolution, tokens: list[str], start: int, end: int) -> bool:
    """Whether a name made of a sentence's glue words sits by a word that sets things apart:
    "… but SHE also said", "more than ONE" are words, where "you and dark" names two shows."""
    match = resolution.match
    if match is None:
        return False
    name = without_article(match.matched_name.split())
    beside = {*tokens[max(start, 0) : start + 1], *tokens[end : end + 1]}
    return bool(beside & _SETTING_APART) and all(word in GLUE for word in name)


def _a_word_in_a_sentence(match: Candidate, group: list[str], content: list[str]) -> bool:
    """Whether a one-word name found among other words is an everyday word of that sentence
    rather than a second show ("sitting in the waiting ROOM and…"); not when the group starts
    with it ("… and THE WATCHER from the same creator")."""
    name = without_article(match.matched_name.split())
    if len(name) != 1 or name[0] not in common_english():
        return False
    if fold(match.entry.title) != match.matched_name and len(content) > 1:
        return True  # "ok so story TIME": not "Time: The Kalief Browder Story" by one word
    said = [t for t in group if t not in BREAKS]
    if without_article(said)[:1] == name:
        return False
    if said[0] in _ASKING_ABOUT:
        return True  # "delhi crime — BASED on a real CASE?": a word of the question
    return len(content) >= _SENTENCE_WORDS or _inside_a_phrase(name[0], said)


def _a_phrase_begun(match: Candidate, group: list[str]) -> bool:
    """Whether a name of everyday words that a group starts with goes on as a phrase of the
    sentence ("THE OTHER half", "LAST NIGHT's episode")."""
    name = without_article(match.matched_name.split())
    said = [t for t in group if t not in BREAKS and t not in CONJUNCTIONS]
    return all(word in common_english() for word in name) and _inside_a_phrase(name[-1], said)


def _inside_a_phrase(word: str, said: list[str]) -> bool:
    """Whether a word is used inside a phrase of the sentence: before a noun of it ("a THANK
    YOU card", "the OTHER half") or after its subject ("we CALL the get down", "i only
    REMEMBER one", "i DOUBT it")."""
    if word not in said:
        return False
    at = said.index(word)
    following = said[at + 1 : at + 2]
    if following and word_roles(said)[at + 1] is WordRole.CONTENT:
        return following[0] not in CHATTER and following[0] not in ASKING_WORDS
    before = said[max(0, at - 2) : at]
    if before[-1:] in (["we"], ["they"], ["i"]):
        return True  # "… but I DOUBT it"
    return len(before) == 2 and before[0] in {"i", "you", "u"} and before[1] in _ADVERBS


_ADVERBS = frozenset("only just still also really even always never".split())


def _without_words_of_a_story(found: list[Resolution], groups: list[list[str]]) -> list[Resolution]:
    """In a message that tells a story, beside a show named otherwise, not the shows named by
    one everyday word among the story's words ("crying in the CLUB rn", "cried TWICE",
    "heavy film innit"): those are words of the story."""
    if sum(r.match is not None for r in found) < 1 or len(found) < 2:
        return found
    kept = [
        r
        for r, group in zip(found, groups, strict=True)
        if r.match is not None and not _a_story_word(r, group)
    ]  # and not the story's other words, which name no show ("my cat biscuit…")
    return kept if any(r.match is not None for r in kept) else found


def _a_story_word(resolution: Resolution, group: list[str]) -> bool:
    match = resolution.match
    if match is None:
        return False
    typed = match.matched_name.split()
    name = without_article(typed)
    if len(name) != 1 or name[0] not in common_english():
        return False
    said = [t for t in group if t not in BREAKS and t not in CONJUNCTIONS]
    typed_at = [i for i in range(len(said) - 1) if said[i : i + 2] == typed]
    if typed != name and any(i == 0 or said[i - 1] not in _PLACES for i in typed_at):
        return False  # "… is THE WATCHER coming back too": typed as its title, not a place
    others = [
        t
        for t, role in zip(said, word_roles(said), strict=True)
        if t not in name and role is WordRole.CONTENT and t not in CHATTER and t not in ASKING_WORDS
    ]
    return bool(others)


def _describes(group: list[str]) -> bool:
    said = [t for t in group if t not in BREAKS and t not in CONJUNCTIONS]
    return any(
        said[: len(start)] == start and said[len(start) : len(start) + 1] in _DESCRIBED
        for start in _DESCRIBING
    )


_DESCRIBED = (["with"], ["where"], ["about"], ["that"], ["who"], ["from"])


def _glue_name_in_a_sentence(match: Candidate, group: list[str]) -> bool:
    """Whether a name made only of the words that glue a sentence ("She", "The One", "I Am")
    is part of a sentence beside another show: such a name counts only as its part of the
    message whole, words that ask aside ("you and dark renewed?")."""
    name = without_article(match.matched_name.split())
    if len(name) > GLUE_NAME_WORDS or not all(word in GLUE or word in CHATTER for word in name):
        return False  # "never have i ever": four such words are a name
    said = [t for t in without_article(group) if t not in BREAKS and t not in CONJUNCTIONS]
    return [t for t in said if t not in ASKING_WORDS and t not in STATUS_WORDS] != name


def _everyday_words_not_typed(match: Candidate, group: list[str]) -> bool:
    """Whether a name of everyday words was found in words that do not spell it ("am i
    coping" is not "I Am", "askin" not "Skin"): such a name is a show only as typed."""
    name = without_article(match.matched_name.split())
    if not all(word in common_english() for word in name) or len(match.matched_name) >= LONG_NAME:
        return False  # "the irsihmen": a name that long is mistyped, not found by chance
    typed = without_article([t for t in group if t not in BREAKS])
    return not any(typed[i : i + len(name)] == name for i in range(len(typed)))


def _could_be_a_title(group: list[str]) -> bool:
    """Whether words no show answers to still look like a show's name ("ted lasso"), not a
    sentence: a few words, none of them the glue of a sentence."""
    named = subject_words(IntentReading(intent=Intent.OVERVIEW, title_words=group)).split()
    if len(named) == 1 and named[0] in common_english():
        return False  # "… and now im CRYING whos the main actress": a word of the sentence
    return 0 < len(named) <= _TITLE_WORDS and not any(w in GLUE for w in named)


def _fit(resolutions: tuple[Resolution, ...]) -> float:
    return sum(r.match.score for r in resolutions if r.match is not None)


def _spans(resolution: Resolution, cuts: list[int]) -> bool:
    """Whether the matched name explains words on both sides of a cut."""
    assert resolution.match is not None
    explained = resolution.match.explained
    return any(any(p < cut for p in explained) and any(p > cut for p in explained) for cut in cuts)


def _introduces_a_show(group: list[str]) -> bool:
    """'what about dahmer', 'and partner track', 'also the watcher': a sentence that names
    another show."""
    return bool(group) and (
        group[0] in CONJUNCTIONS or group[:2] in (["what", "about"], ["how", "about"])
    )
