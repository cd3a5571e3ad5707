"""The question reader: from a message to a `Reading` (the shows it names, what it asks).

A message is read in steps, each cheap:

1. Its words are folded, and a question asked in Spanish, Portuguese, French, German or
   Italian has its question words read as English ("temporada" as "season"); titles keep
   their own words.
2. Small talk ("hi", "thanks", "are you a bot?") is a message made only of small-talk words:
   it names no show, whatever titles those words spell ("You", "The Help").
3. The intent and its arguments come from the words around the titles (see `intents`).
4. The shows: the whole question first, as the title index reads it; then, split at "and",
   "or" and commas, several shows; then, when the question still names none, each run of
   title-like words on its own, so that a word the reader does not know ("over for GOOD",
   "s2 THO") does not sink a title that matches well. A run is tried alone only when the
   other runs are chatter or short: a question about a show that is not there still finds
   no show, because its own title words stay in the run that is tried.
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from bot.matching.index import Candidate, Resolution, TitleIndex
from bot.matching.intents import Intent, SmallTalk
from bot.matching.phrasebook import (
    ASKING_WORDS,
    CHATTER,
    CONJUNCTIONS,
    GLUE,
    LANGUAGE_CUES,
    LANGUAGE_PHRASES,
    LANGUAGES,
    SLANG_STATUS,
    SMALL_TALK_CUES,
    SMALL_TALK_WORDS,
    STRONG_LANGUAGE_CUES,
    TITLE_CONTINUERS,
)
from bot.matching.question_intents import IntentReading, intent_of, read_intent
from bot.matching.questions import WordRole, word_roles
from bot.matching.reading import MAX_SUBJECTS, Reading
from bot.matching.text import fold, without_article, words
from bot.matching.tuning import ACCEPT, MAX_QUERY_WORDS

_TITLE_PARTICLES = {
    language: frozenset(
        word for word, english in words.items() if english in {"", "of", "in", "on", "and", "a"}
    )
    for language, words in LANGUAGES.items()
}
"""Foreign words that titles are made of too ("el camino", "la casa de papel")."""
COMMA = ","
"""A comma (or semicolon, slash) of the message, kept as a word: it separates shows."""
STOP = "?"
"""The end of a sentence ("?", "!"), kept as a word: a new sentence may name another show,
but only when it says so ("… what about dahmer?") or names it in more than one word."""
_BREAKS = (STOP, COMMA)
_SEPARATORS = re.compile(r"([,;/|\n]+|[?!]+)")
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_MAX_SPLITS = 4
"""Conjunctions tried as splits between shows: 2**4 ways to group is plenty for 3 shows."""
_RUN_ROLES = frozenset({WordRole.CONTENT, WordRole.NUMBER, WordRole.FILLER})
_RUN_JOINERS = frozenset("the of a an and to in on at for from with de la le el".split())
_STRIPPABLE = (
    CHATTER
    | frozenset(SLANG_STATUS)
    | frozenset(
        "they them it its he she someone anyone u you i with if whether from to at on in of "
        "for by that this these those".split()
    )
)
_SHORT_RUN = 2
_SPAN_WORDS = 6
_NICKNAME_LETTERS = 5
"""A title's first word stands for it ("bojack") only when it is this long, and rare."""
_NICKNAME_SCAN = 3
"""The longest title looked for inside a rambling message, in words."""
_ARTICLES = frozenset({"the", "a", "an"})
_UNKNOWN_TITLE_WORDS = 2
"""Words a group needs to be an unknown show beside known ones ("partner track and ted lasso")."""
_CHART_SIZES = frozenset("10 ten 5 five 3 three 20 100".split())
"""Words in a leftover run that may be chatter ("for good", "it true") rather than a title."""


def message_words(text: str) -> list[str]:
    """The folded words of a message, with its commas kept as `COMMA` words and its drawn-out
    letters drawn in ("soooo" is "so", "hiii" is "hi")."""
    tokens: list[str] = []
    pending = COMMA
    for chunk in _SEPARATORS.split(text):
        if _SEPARATORS.fullmatch(chunk):
            pending = STOP if chunk[0] in "?!" else COMMA
            continue
        chunk_words = [_ELONGATED.sub(r"\1", word) for word in words(chunk)]
        if chunk_words:
            tokens.extend([pending, *chunk_words] if tokens else chunk_words)
    return tokens[:MAX_QUERY_WORDS]


def read_language(tokens: list[str]) -> tuple[str, list[str], list[str]]:
    """The message's language, its words with that language's question words in English, and
    its words with only the telling ones in English: "cancelaron el camino" keeps its "el"."""
    hits = {lang: sum(t in cues for t in tokens) for lang, cues in LANGUAGE_CUES.items()}
    language = max(hits, key=lambda lang: hits[lang])
    telling = any(t in STRONG_LANGUAGE_CUES[language] for t in tokens)
    if hits[language] < 2 and not telling:
        return "en", tokens, tokens
    vocabulary = LANGUAGES[language]
    english: list[str] = []
    partly: list[str] = []
    for token, phrase in _phrased(tokens, language):
        translated = phrase.split() if phrase is not None else vocabulary.get(token, token).split()
        english.extend(translated)
        partly.extend([token] if token in _TITLE_PARTICLES[language] else translated)
    return language, english, partly


def _phrased(tokens: list[str], language: str) -> list[tuple[str, str | None]]:
    """The words, with each of the language's phrases as one word already in English."""
    phrases = LANGUAGE_PHRASES.get(language, {})
    read: list[tuple[str, str | None]] = []
    position = 0
    while position < len(tokens):
        for phrase, english in phrases.items():
            if tuple(tokens[position : position + len(phrase)]) == phrase:
                read.append((" ".join(phrase), english))
                position += len(phrase)
                break
        else:
            read.append((tokens[position], None))
            position += 1
    return read


def small_talk(tokens: list[str]) -> SmallTalk | None:
    """What kind of small talk a message is, when it is nothing else."""
    plain = [t for t in tokens if t not in _BREAKS]
    if not plain:
        return SmallTalk.HELP
    if any(t not in SMALL_TALK_WORDS and t not in CHATTER for t in plain):
        return None
    said = set(plain)
    if {"what", "can"} <= said or {"how", "use"} <= said or {"how", "work"} <= said:
        return SmallTalk.HELP
    if said & {"you", "u"} and said & {"what", "who"}:
        # "what do you do" asks for help; "what are you", "who made you" about the bot
        return SmallTalk.HELP if "do" in said else SmallTalk.ABOUT_BOT
    for talk in (SmallTalk.ABOUT_BOT, SmallTalk.HELP, SmallTalk.THANKS, SmallTalk.GREETING):
        if said & SMALL_TALK_CUES[talk]:
            return talk
    if said & {"good", "nice", "great", "cool", "awesome"}:
        return SmallTalk.THANKS  # "good bot"
    return None


def _without_pleasantries(tokens: list[str]) -> list[str]:
    """'hey, is x cancelled? thanks': the greeting and the thanks are not the question."""
    pleasantries = SMALL_TALK_CUES[SmallTalk.GREETING] | SMALL_TALK_CUES[SmallTalk.THANKS]
    start, end = 0, len(tokens)
    while start < end and (tokens[start] in pleasantries or tokens[start] in _BREAKS):
        start += 1
    while end > start and (tokens[end - 1] in pleasantries or tokens[end - 1] in _BREAKS):
        end -= 1
    return tokens[start:end] if start < end else tokens


class QuestionReader:
    """Reads messages against one title index."""

    def __init__(self, index: TitleIndex) -> None:
        self.index = index

    def read(self, text: str) -> Reading:
        language, tokens, partly = read_language(message_words(text))
        talk = small_talk(tokens)
        if talk is not None:
            return Reading(text=text, intent=Intent.OVERVIEW, language=language, small_talk=talk)
        tokens = _without_pleasantries(tokens)
        asked = read_intent(tokens, self._names_a_show)
        subjects: tuple[Resolution, ...] = ()
        intent = asked.intent
        if asked.title_words:
            subjects = self.subjects(asked.title_words, partly if language != "en" else None)
            intent = _intent_beside_titles(asked, subjects)
        return Reading(
            text=text,
            intent=intent,
            subjects=subjects,
            season=asked.season,
            character=asked.character,
            person=asked.person,
            language=language,
            subject_words=_subject_words(asked),
        )

    def _names_a_show(self, tokens: list[str]) -> bool:
        """Whether these words are, as a whole, a show's name ("what is dark in" is not)."""
        match = self.index.resolve(" ".join(tokens)).match
        return match is not None and match.matched_name == " ".join(tokens)

    # -- the shows named -----------------------------------------------------------------

    def subjects(
        self, tokens: list[str], untranslated: list[str] | None = None
    ) -> tuple[Resolution, ...]:
        """One resolution per show the words name, best reading first; at least one."""
        whole = self._resolve(tokens)
        several = self._several(tokens, whole)
        if several:
            return several
        if whole.match is None and not whole.ambiguous and untranslated is not None:
            plain = self._resolve(untranslated)
            if plain.match is not None:
                return (plain,)
        return (self._resolve_loosely(tokens, whole),)

    def _resolve_loosely(self, tokens: list[str], whole: Resolution | None = None) -> Resolution:
        """The whole words, else without the words that ask, else a title-like run alone."""
        whole = whole or self._resolve(tokens)
        if whole.match is not None or whole.ambiguous:
            return whole
        readings = [
            reading
            for reading in (_without_asking(tokens, slang=False), _without_asking(tokens))
            if reading
        ]
        for reading in readings:
            if reading != tokens:
                resolution = self._resolve(reading)
                if resolution.match is not None or resolution.ambiguous:
                    return resolution
        # The words as typed before slang is read as English: "army of the DEAD" is a title.
        for reading in readings:
            alone = self._title_alone(reading)
            if alone is not None:
                return alone
        cleaned = readings[-1] if readings else tokens
        return (
            self._title_alone(tokens, asking_breaks=False) or self._by_first_word(cleaned) or whole
        )

    def _by_first_word(self, tokens: list[str]) -> Resolution | None:
        """'any more bojack': the one show whose title starts with the one rare word asked."""
        content = [t for t in _trimmed(tokens) if t not in GLUE and t not in _BREAKS]
        if len(content) != 1 or len(content[0]) < _NICKNAME_LETTERS:
            return None
        word = content[0]
        found = [
            entry
            for entry in self.index.complete(word, limit=_NICKNAME_SCAN)
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

    def _resolve(self, tokens: list[str]) -> Resolution:
        return self.index.resolve(" ".join(t for t in tokens if t not in _BREAKS))

    def _several(self, tokens: list[str], whole: Resolution) -> tuple[Resolution, ...]:
        """Shows named one after the other, split at conjunctions and commas."""
        splits = [i for i, t in enumerate(tokens) if t in CONJUNCTIONS or t in _BREAKS]
        if not splits:
            return ()
        if whole.match is not None and _spans(whole, splits):
            return ()  # "blood and water": the conjunction is the title's
        best: tuple[Resolution, ...] = ()
        for count in range(min(len(splits), _MAX_SPLITS), 0, -1):
            for chosen in combinations(splits[:_MAX_SPLITS], count):
                found = self._groups(tokens, chosen)
                if len(found) > len(best) or (len(found) == len(best) and _fit(found) > _fit(best)):
                    best = found  # "grace and frankie | dead to me", not "grace | frankie…"
            if best:
                break
        return best[:MAX_SUBJECTS] if len(best) > 1 else ()

    def _groups(self, tokens: list[str], cuts: tuple[int, ...]) -> tuple[Resolution, ...]:
        """The resolutions of the groups between cuts, or () unless every titled group names
        a show and at least two do."""
        bounds = [-1, *cuts, len(tokens)]
        found: list[Resolution] = []
        for start, end in pairwise(bounds):
            group = tokens[start + 1 : end]
            roles = word_roles(group)
            if not any(
                role is WordRole.CONTENT and t not in ASKING_WORDS and t not in CHATTER
                for t, role in zip(group, roles, strict=True)
            ):
                exact = self._named_exactly(group)
                if exact is not None:
                    found.append(exact)  # "you and dark": "you" on its own is a title
                continue  # "and is it renewed", "hows many seasons": no title in this group
            if start >= 0 and tokens[start] == STOP and not _introduces_a_show(group):
                resolution = self._resolve(group)  # a new sentence: no guessing inside it
                if resolution.match is not None and len(resolution.match.matched_name.split()) < 2:
                    continue  # "… is it worth it?": "worth" is a word, not the film
            else:
                resolution = self._resolve_loosely(group)
            content = [
                t
                for t, role in zip(group, roles, strict=True)
                if role is WordRole.CONTENT and t not in CHATTER
            ]
            if resolution.match is None and len(content) < _UNKNOWN_TITLE_WORDS:
                return ()  # "law and order": one word on its own is no title
            if resolution.match is not None and any(
                r.match and r.match.entry.show_id == resolution.match.entry.show_id for r in found
            ):
                return ()
            found.append(resolution)
        named = sum(r.match is not None for r in found)
        return tuple(found) if len(found) > 1 and named else ()

    def _named_exactly(self, group: list[str]) -> Resolution | None:
        """A group of one or two everyday words that is exactly a show's name ("you")."""
        plain = [t for t in group if t not in CONJUNCTIONS and t not in _BREAKS]
        if not 0 < len(plain) <= _SHORT_RUN:
            return None
        resolution = self._resolve(plain)
        if resolution.match is not None and resolution.match.matched_name == " ".join(plain):
            return resolution
        return None

    def _title_alone(self, tokens: list[str], asking_breaks: bool = True) -> Resolution | None:
        """The one run of title-like words that names a show when the rest is chatter."""
        runs = _runs(tokens, asking_breaks)
        named: list[tuple[list[str], Resolution]] = []
        for run in runs:
            if all(t in CHATTER for t in run):
                continue
            trimmed = _trimmed(run)
            for words_tried in (run, trimmed) if trimmed and trimmed != run else (run,):
                resolution = self._resolve(words_tried)  # "dead to me": "dead" is its own
                if resolution.match is not None or resolution.ambiguous:
                    named.append((run, resolution))
                    break
        if len(named) == 1:
            chosen, resolution = named[0]
            others = [run for run in runs if run is not chosen]
            size = len(_trimmed(chosen) or chosen)
            if all(_is_chatter(run) or len(_trimmed(run)) < size for run in others):
                return resolution
        return self._title_within(runs) if asking_breaks else None

    def _title_within(self, runs: list[list[str]]) -> Resolution | None:
        """A title inside a rambling message: the longest span of a run that is exactly a show's
        name and sits between words that only glue a sentence together."""
        best: tuple[int, float, Resolution] | None = None
        for run in runs:
            for start, end in _glued_spans(run):
                span = run[start:end]
                resolution = self._resolve(span)
                match = resolution.match or (
                    resolution.candidates[0] if resolution.ambiguous else None
                )
                if match is None or not _names_span(match, span):
                    continue
                rank = (len(span), match.score, resolution)
                if best is None or rank[:2] > best[:2]:
                    best = rank
        return best[2] if best else None


def _intent_beside_titles(asked: IntentReading, subjects: tuple[Resolution, ...]) -> Intent:
    """The intent read again without the titles' own words: "top gun" asks no chart."""
    if asked.settled or asked.intent in (Intent.CHARACTER, Intent.FILMOGRAPHY):
        return asked.intent
    titled: set[str] = set()
    for resolution in subjects:
        if resolution.match is not None:
            titled.update(resolution.match.matched_name.split())
            titled.update(words(resolution.match.entry.title))
    if not titled:
        return asked.intent
    return intent_of([t for t in asked.title_words if t not in titled], asked.season)


def _without_asking(tokens: list[str], slang: bool = True) -> list[str]:
    """The words with slang read as English and the words that ask dropped ("top 10" too)."""
    kept: list[str] = []
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        previous = tokens[position - 1] if position else ""
        if token in ASKING_WORDS or (token == "top" and following in _CHART_SIZES):
            continue
        if previous == "top" and token in _CHART_SIZES:
            continue
        kept.append(SLANG_STATUS.get(token, token) if slang else token)
    return kept


def _glued_spans(run: list[str]) -> list[tuple[int, int]]:
    """Spans of a run that start and end with a title-like word, with glue words (or the run's
    ends) on both sides: at most `_SPAN_WORDS` words, "the" taken along in front."""
    spans: list[tuple[int, int]] = []
    for start in range(len(run)):
        first = start - 1 if start and run[start - 1] in _ARTICLES else start
        if run[start] in GLUE or (first and run[first - 1] not in GLUE):
            continue
        for end in range(start + 1, min(start + _SPAN_WORDS, len(run)) + 1):
            if run[end - 1] in GLUE or not _ends_a_name(run, end):
                continue
            spans.append((first, end))
    return spans


def _ends_a_name(run: list[str], end: int) -> bool:
    """Whether a name may end before run[end]: at a glue word, but not at "in", "of"… that go
    on with more name ("the last summer IN PARIS"), unless glue follows ("dahmer in like")."""
    if end >= len(run):
        return True
    following = run[end]
    if following not in GLUE:
        return False
    if following in TITLE_CONTINUERS:
        return end + 1 >= len(run) or (
            run[end + 1] in GLUE and run[end + 1] not in TITLE_CONTINUERS
        )
    return True


def _names_span(match: Candidate, span: list[str]) -> bool:
    """Whether a name is the span: every word of it, and typed exactly when it is one word (a
    one-word typo inside chatter is as likely another word: "cousin" is not "Cousins")."""
    content = [t for t in span if t not in _ARTICLES]
    if len(content) == 1:
        return fold_name(match.matched_name) == content[0]
    return all(position in match.explained for position, t in enumerate(span) if t not in GLUE)


def fold_name(name: str) -> str:
    """A name without its leading article: "the imperfects" and "imperfects" are one."""
    return " ".join(without_article(name.split()))


def _fit(resolutions: tuple[Resolution, ...]) -> float:
    return sum(r.match.score for r in resolutions if r.match is not None)


def _spans(resolution: Resolution, cuts: list[int]) -> bool:
    """Whether the matched name explains words on both sides of a cut."""
    assert resolution.match is not None
    explained = resolution.match.explained
    return any(any(p < cut for p in explained) and any(p > cut for p in explained) for cut in cuts)


def _runs(tokens: list[str], asking_breaks: bool = True) -> list[list[str]]:
    """Runs of title-like words: content words, with "of", "the"… inside or leading; the
    words that ask ("story", "made") end a run unless they may be the title's own."""
    roles = word_roles(tokens)
    runs: list[list[str]] = []
    current: list[str] = []
    for position, (token, role) in enumerate(zip(tokens, roles, strict=True)):
        following = _after_joiners(tokens, roles, position + 1)
        if asking_breaks and token in ASKING_WORDS and token not in _RUN_JOINERS:
            if current:
                runs.append(current)
                current = []
        elif (role in _RUN_ROLES and token not in _BREAKS) or (
            token in _RUN_JOINERS and following in _RUN_ROLES
        ):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _introduces_a_show(group: list[str]) -> bool:
    """'what about dahmer', 'and partner track', 'also the watcher': a sentence that names
    another show."""
    return bool(group) and (
        group[0] in CONJUNCTIONS or group[:2] in (["what", "about"], ["how", "about"])
    )


def _after_joiners(tokens: list[str], roles: list[WordRole], start: int) -> WordRole | None:
    """The role of the first word from `start` on that is not a joiner ("army OF THE dead")."""
    for position in range(start, len(tokens)):
        if tokens[position] in _BREAKS:
            return None
        if tokens[position] not in _RUN_JOINERS:
            return roles[position]
    return None


def _trimmed(run: list[str]) -> list[str]:
    """The run without chatter at its ends ("the deal with partner track")."""
    start, end = 0, len(run)
    while start < end and (
        run[start] in _STRIPPABLE
        or (run[start] in _ARTICLES and start + 1 < end and run[start + 1] in _STRIPPABLE)
        or (run[start] in {"a", "an"} and start + 1 < end)  # "a watcher s2"
    ):
        start += 1
    while end > start and run[end - 1] in _STRIPPABLE:
        end -= 1
    return run[start:end]


def _is_chatter(run: list[str]) -> bool:
    content = _trimmed(run)
    return not content or (len(content) <= _SHORT_RUN and all(t in CHATTER for t in content))


def _subject_words(asked: IntentReading) -> str:
    """What the message called the show, for a not-found answer: its title-like words."""
    if not asked.title_words:
        return ""
    longest: list[str] = []
    for run in _runs(asked.title_words):
        trimmed = _trimmed(run)
        if len(trimmed) > len(longest) and not all(t in CHATTER for t in trimmed):
            longest = trimmed
    return " ".join(longest or [t for t in asked.title_words if t not in _BREAKS])
