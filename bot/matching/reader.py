"""The question reader: from a message to a `Reading` (the shows it names, what it asks).

A message is read in steps, each cheap:

1. Its words are folded, its question words in another language read as English, and small
   talk told apart (see `message`).
2. The intent and its arguments come from the words around the titles (see
   `question_intents`).
3. The shows: the whole question as the title index reads it; else split at "and", "or",
   commas and new sentences, one show per part; else without the words that ask ("who MADE
   partner track"); else where a name hides in what is left (see `title_finding`): a run of
   title-like words alone, a name typed exactly between glue words, a name of everyday words
   anywhere, a name among another language's words, a rare first word ("bojack"). Each step
   asks the index, so a question about a show that is not there still finds no show.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from itertools import combinations, pairwise

from bot.matching.cased_titles import (
    MARK,
    CapitalisedRun,
    capitalised_runs,
    cased,
    spans_longest_first,
)
from bot.matching.english import common_english
from bot.matching.index import Candidate, Resolution, TitleIndex
from bot.matching.intents import Intent, IntentReading
from bot.matching.message import (
    BREAKS,
    STOP,
    as_spoken,
    message_words,
    read_language,
    small_talk,
    small_talk_in_own_words,
    spelled_right,
    without_pleasantries,
)
from bot.matching.phrasebook import ASKING_WORDS, CHATTER, CONJUNCTIONS, GLUE
from bot.matching.question_intents import also_asked, intent_of, read_intent
from bot.matching.questions import STATUS_WORDS, WordRole, word_roles
from bot.matching.reading import MAX_SUBJECTS, Reading
from bot.matching.sounds import sounded_out
from bot.matching.text import fold, without_article, words
from bot.matching.title_finding import (
    MessageLookups,
    by_first_word,
    named_among_foreign_words,
    named_anywhere,
    named_beside_unknown_words,
    title_alone,
    title_within,
)
from bot.matching.title_runs import (
    ARTICLES,
    SHORT_RUN,
    SPAN_WORDS,
    subject_words,
    title_runs,
    without_asking,
)
from bot.matching.tuning import LONG_NAME

_MAX_SPLITS = 4
"""Conjunctions tried as splits between shows: 2**4 ways to group is plenty for 3 shows."""
_SENTENCE_WORDS = 3
"""Content words that make a part of a message a sentence rather than a list item."""
_TITLE_WORDS = 5
"""The most words an unknown show's name is taken to have, beside known shows."""
_UNKNOWN_TITLE_WORDS = 2
"""Words a group needs to be an unknown show beside known ones ("partner track and ted lasso")."""
_GLUE_NAME_WORDS = 2
"""The most words a name made of glue words ("I Am") may have and still be taken for words."""
_DESCRIBING = (["the", "one"], ["one"])
"""How a part of a message that describes the show just named begins ("…, the one with the
romans"): no show of its own."""
_SEASONS = 30
_COMPLETIONS = 5
_PLACES = frozenset("in at on into from to inside outside".split())
"""Words before "the club", "the office"… that make it a place of the story."""
_STORY_WORDS = 14
"""Words from which a message tells a story around its question, rather than lists shows."""
"""The highest bare number read as a season ("ozark 4"); a year or a count is not one."""


class QuestionReader:
    """Reads messages against one title index."""

    def __init__(self, index: TitleIndex) -> None:
        self.index = index
        self._lookups = MessageLookups(index)

    def read(self, text: str) -> Reading:
        """The message read (not re-entrant: the lookups of one message are kept meanwhile)."""
        self._lookups = MessageLookups(self.index, text)
        return self._read(text)

    def _read(self, text: str) -> Reading:
        language, tokens, partly = read_language(message_words(text))
        tokens = as_spoken(tokens, self.index.knows_word)
        talk = small_talk(tokens)
        said = tokens
        if talk is not None:
            return Reading(text=text, intent=Intent.OVERVIEW, language=language, small_talk=talk)
        tokens = spelled_right(without_pleasantries(tokens), self.index.knows_word)
        asked = read_intent(tokens, self._lookups.names_a_show)
        subjects: tuple[Resolution, ...] = ()
        capitalised: list[Resolution] = []
        intent = asked.intent
        if asked.title_words:
            subjects = self.subjects(asked.title_words, partly if language != "en" else None)
            capitalised = self._capitalised_titles(text)
            if capitalised:
                subjects = _beside_capitalised(capitalised, subjects, tokens)
            heard = sounded_out(asked.title_words, self.index.knows_word)
            if heard != asked.title_words and not any(r.match or r.ambiguous for r in subjects):
                by_ear = self.subjects(heard)  # "incepshun": a title written down by ear
                subjects = by_ear if any(r.match for r in by_ear) else subjects
            intent = _intent_beside_titles(asked, subjects)
            if intent in _SERIES_INTENTS or _SERIES_WORDS.intersection(tokens):
                subjects = tuple(map(_the_series_among, subjects))
        if (
            not capitalised
            and _asks_nothing(intent, subjects, tokens, asked)
            and (talk := small_talk_in_own_words(said))
        ):
            return Reading(text=text, intent=Intent.OVERVIEW, language=language, small_talk=talk)
        return Reading(
            text=text,
            intent=intent,
            subjects=subjects,
            season=asked.season if asked.season is not None else _bare_season(tokens, subjects),
            character=asked.character,
            person=asked.person,
            language=language,
            subject_words=subject_words(asked),
            also=also_asked(_without_titles(asked.title_words, subjects), intent),
        )

    def _capitalised_titles(self, text: str) -> list[Resolution]:
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
            if not any(_same_show(resolution, other) for other in found):
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

    def subjects(
        self, tokens: list[str], untranslated: list[str] | None = None
    ) -> tuple[Resolution, ...]:
        """One resolution per show the words name, best reading first; at least one."""
        whole = self._lookups.resolve(tokens)
        several = self._several(tokens, whole)
        if len(several) > 1 or (several and whole.match is None and not whole.ambiguous):
            return several[:MAX_SUBJECTS]  # several shows, or the one sentence that names one
        loose = self._resolve_loosely(tokens, whole)
        if loose.match is None and not loose.ambiguous and untranslated is not None:
            # "la casa de papel": read as English, a foreign title loses its own words
            plain = self._resolve_loosely(untranslated)
            if plain.match is not None:
                return (plain,)
            among = named_among_foreign_words(self._lookups, untranslated)
            if among is not None:
                return (among,)
        return (loose,)

    def _resolve_loosely(self, tokens: list[str], whole: Resolution | None = None) -> Resolution:
        """The whole words, else without the words that ask, else a title-like run alone."""
        whole = whole or self._lookups.resolve(tokens)
        if whole.match is not None or whole.ambiguous:
            return whole
        readings = [
            reading
            for reading in (without_asking(tokens, slang=False), without_asking(tokens))
            if reading
        ]
        for reading in readings:
            if reading != tokens:
                resolution = self._lookups.resolve(reading)
                if resolution.match is not None or resolution.ambiguous:
                    return resolution
        # The words as typed before slang is read as English: "army of the DEAD" is a title.
        plain, *read_as_english = readings or [tokens]
        cleaned = readings[-1] if readings else tokens
        return (
            title_alone(self._lookups, plain)
            or title_within(self._lookups, title_runs(tokens, asking_breaks=False))
            or next(filter(None, map(partial(title_alone, self._lookups), read_as_english)), None)
            or title_alone(self._lookups, tokens, asking_breaks=False)
            or named_anywhere(self._lookups, tokens)
            or named_beside_unknown_words(self._lookups, tokens)
            or by_first_word(self._lookups, cleaned)
            or whole
        )

    def _several(self, tokens: list[str], whole: Resolution) -> tuple[Resolution, ...]:
        """Shows named one after the other, split at conjunctions and commas."""
        splits = [i for i, t in enumerate(tokens) if t in CONJUNCTIONS or t in BREAKS]
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
                if any(_same_show(r, edge) for r in found):
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
                if exact is not None:
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
                resolution = self._lookups.resolve(group)  # a new sentence: no guessing inside it
                match = resolution.match
                if match is None or len(without_article(match.matched_name.split())) < 2:
                    continue  # "… is it worth it?", "the one with the romans": words, not films
            else:
                resolution = self._resolve_loosely(group)
            content = [
                t
                for t, role in zip(group, roles, strict=True)
                if role is WordRole.CONTENT and t not in CHATTER
            ]
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
            if self._lookups.index.has_name(" ".join(words_tried)):
                resolution = self._lookups.resolve(words_tried)
                if resolution.match is not None:
                    return resolution
        return None

    def _named_exactly(self, group: list[str]) -> Resolution | None:
        """A group of one or two everyday words that is exactly a show's name ("you")."""
        plain = [t for t in group if t not in CONJUNCTIONS and t not in BREAKS]
        if not 0 < len(plain) <= SHORT_RUN:
            return None
        resolution = self._lookups.resolve(plain)
        if resolution.match is not None and resolution.match.matched_name == " ".join(plain):
            return resolution
        return None


def _a_word_in_a_sentence(match: Candidate, group: list[str], content: list[str]) -> bool:
    """Whether a one-word name found among other words is an everyday word of that sentence
    rather than a second show ("sitting in the waiting ROOM and…"); not when the group starts
    with it ("… and THE WATCHER from the same creator")."""
    name = without_article(match.matched_name.split())
    if len(name) == 1 and name[0].isdigit():
        return len(content) > 1  # "for like 3 more seasons", "he is 7": not 3%, not 7
    if len(name) != 1 or name[0] not in common_english():
        return False
    if fold(match.entry.title) != match.matched_name and len(content) > 1:
        return True  # "ok so story TIME": not "Time: The Kalief Browder Story" by one word
    said = [t for t in group if t not in BREAKS]
    if without_article(said)[:1] == name:
        return False
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
    REMEMBER one")."""
    if word not in said:
        return False
    at = said.index(word)
    following = said[at + 1 : at + 2]
    if following and word_roles(said)[at + 1] is WordRole.CONTENT:
        return following[0] not in CHATTER and following[0] not in ASKING_WORDS
    before = said[max(0, at - 2) : at]
    if before[-1:] in (["we"], ["they"]):
        return True
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
    if len(name) != 1 or not (name[0] in common_english() or name[0].isdigit()):
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
    if len(name) > _GLUE_NAME_WORDS or not all(word in GLUE or word in CHATTER for word in name):
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


def _bare_season(tokens: list[str], subjects: tuple[Resolution, ...]) -> int | None:
    """'kota factory 3': a small number right after a series' name is a season (a film's
    number is a sequel's, and the index tells those apart)."""
    if len(subjects) != 1 or subjects[0].match is None or subjects[0].match.entry.film:
        return None
    last = subjects[0].match.matched_name.split()[-1]
    for word, following in pairwise(tokens):
        if word == last and following.isdigit() and 0 < int(following) <= _SEASONS:
            return int(following)
    return None


def _without_titles(tokens: list[str], subjects: tuple[Resolution, ...]) -> list[str]:
    """The words, without those of the titles found in them ("top gun" asks no chart)."""
    titled: set[str] = set()
    for resolution in subjects:
        if resolution.match is not None:
            titled.update(resolution.match.matched_name.split())
            titled.update(words(resolution.match.entry.title))
    return [t for t in tokens if t not in titled]


def _intent_beside_titles(asked: IntentReading, subjects: tuple[Resolution, ...]) -> Intent:
    """The intent read again without the titles' own words: "top gun" asks no chart."""
    if asked.settled or asked.intent in (Intent.CHARACTER, Intent.FILMOGRAPHY):
        return asked.intent
    untitled = _without_titles(asked.title_words, subjects)
    if untitled == asked.title_words:
        return asked.intent
    return intent_of(untitled, asked.season)


_SERIES_INTENTS = frozenset({Intent.STATUS, Intent.SEASON})
"""What only a series has: a film is neither renewed nor given a second season."""
_SERIES_WORDS = frozenset("series serie show shows tv season seasons episode episodes".split())


def _the_series_among(resolution: Resolution) -> Resolution:
    """ "monster season 4?": between a film and a series of one name, a question only a series
    answers, or one that calls it a series, means the series."""
    if not resolution.ambiguous:
        return resolution
    series = [c for c in resolution.candidates if not c.entry.film]
    if len(series) != 1:
        return resolution
    return replace(resolution, match=series[0], candidates=(series[0],), ambiguous=False)


def _asks_nothing(
    intent: Intent, subjects: tuple[Resolution, ...], tokens: list[str], asked: IntentReading
) -> bool:
    """Whether a message asks nothing of a show: no show named, or only a name of everyday
    words inside a sentence ("is this bot BROKEN or wat", "hello?? anyone HOME"). Small talk,
    if it has a cue."""
    if intent is not Intent.OVERVIEW or asked.season is not None:
        return False
    return not any(
        r.ambiguous or (r.match is not None and not _everyday_name_among_words(r.match, tokens))
        for r in subjects
    )


def _everyday_name_among_words(match: Candidate, tokens: list[str]) -> bool:
    typed = match.matched_name.split()
    if typed[0] in ARTICLES and any(
        tokens[i : i + len(typed)] == typed for i in range(len(tokens))
    ):
        return False  # "the irishman was scorsese right? bot settle this": typed as a title
    name = without_article(typed)
    if len(name) > _GLUE_NAME_WORDS or not all(word in common_english() for word in name):
        return False
    rest = [t for t in tokens if t not in BREAKS and t not in name]
    return len(rest) >= _GLUE_NAME_WORDS  # "hey, dark?" asks about Dark


def _beside_capitalised(
    capitalised: list[Resolution], read: tuple[Resolution, ...], tokens: list[str]
) -> tuple[Resolution, ...]:
    """The shows a message names with capitals, and those the other readings found that a
    writer who capitalises titles may have left lower case: not an everyday word of the
    sentence ("home", "three", "match"), which that writer would have capitalised."""
    chosen = [_the_longer_name(resolution, read) for resolution in capitalised]
    for resolution in read:
        match = resolution.match
        if match is None or any(_same_show(resolution, other) for other in chosen):
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
    assert resolution.match is not None or resolution.candidates
    match = resolution.match or resolution.candidates[0]
    name = without_article(match.matched_name.split())
    for position in range(len(tokens)):
        if tokens[position : position + len(name)] == name:
            return position
    first = resolution.query.split()[:1]
    return tokens.index(first[0]) if first and first[0] in tokens else len(tokens)


def _same_show(one: Resolution, other: Resolution) -> bool:
    return (
        one.match is not None
        and other.match is not None
        and one.match.entry.show_id == other.match.entry.show_id
    )


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
