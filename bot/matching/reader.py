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
   anywhere, a name among another language's words, a whole name beside words no title has,
   a rare first word ("bojack"); else words that all belong to one show's names ("the
   jeffrey dahmer show"). Several shows: see `several_shows`. Each step asks the index, so a
   question about a show that is not there still finds no show, and a film's name with a
   number after it ("the old guard 2") is a sequel the catalogue lacks.
4. In a message written with capitals, the shows it capitalises win over everyday words that
   are titles too (see `cased_titles`); when nothing is found as typed, the words as heard
   ("incepshun", see `sounds`); a film and a series of one name, the series when only a
   series answers.
5. Small talk again, in words of its own, when no show is named and nothing asked, or the
   bot itself is asked about, or people talk among themselves ("brb dinner", "this server is
   dead"); and what else the message asks of its shows (`Reading.also`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from itertools import pairwise

from bot.matching.cased_titles import CapitalisedTitles, beside_capitalised
from bot.matching.english import common_english
from bot.matching.index import Candidate, Resolution, TitleIndex
from bot.matching.intents import Intent, IntentReading, SmallTalk
from bot.matching.longer_names import capitalised_around, longer_name_not_held
from bot.matching.message import (
    BREAKS,
    as_spoken,
    everyday_talk,
    message_words,
    people_talking,
    read_language,
    small_talk,
    small_talk_in_own_words,
    spelled_right,
    without_pleasantries,
)
from bot.matching.phrasebook import ASKING_WORDS, CHATTER, GLUE, SMALL_TALK_WORDS
from bot.matching.question_intents import also_asked, intent_of, read_intent
from bot.matching.questions import QUESTION_WORDS
from bot.matching.reading import MAX_SUBJECTS, Reading
from bot.matching.several_shows import GLUE_NAME_WORDS, SeveralShows
from bot.matching.sounds import sounded_out
from bot.matching.text import without_article, words
from bot.matching.title_finding import (
    MessageLookups,
    by_first_word,
    named_among_foreign_words,
    named_anywhere,
    named_beside_unknown_words,
    named_by_its_words,
    title_alone,
    title_within,
)
from bot.matching.title_runs import (
    ARTICLES,
    subject_words,
    title_runs,
    trimmed,
    without_asking,
)

_SEASONS = 30
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
        longer: list[str] = []  # the longer names the catalogue lacks that hold a held one
        intent = asked.intent
        if asked.title_words:
            asked = replace(asked, title_words=_without_others(asked.title_words))
            subjects = self.subjects(asked.title_words, partly if language != "en" else None)
            capitalised = CapitalisedTitles(self.index).find(text)
            if capitalised:
                subjects = beside_capitalised(capitalised, subjects, tokens)
            if not any(r.match or r.ambiguous for r in subjects):
                by_words = next(
                    filter(None, map(partial(named_by_its_words, self._lookups), _runs(asked))),
                    None,
                )
                subjects = (by_words,) if by_words is not None else subjects
            if not any(r.match or r.ambiguous for r in subjects):
                heard = sounded_out(asked.title_words, self.index.knows_word)
                by_ear = self.subjects(heard) if heard != asked.title_words else ()
                if any(r.match for r in by_ear):
                    subjects = by_ear  # "incepshun": a title written down by ear
            held = tuple(_a_sequel_not_held(r, tokens) for r in subjects)
            # German capitalises every noun: there capitals do not mark a title
            marked = text if language != "de" else text.lower()
            subjects = tuple(longer_name_not_held(r, marked, self.index.has_name) for r in held)
            longer = [s.query for s, r in zip(subjects, held, strict=True) if s is not r]
            intent = _intent_beside_titles(asked, subjects)
            if intent in _SERIES_INTENTS or _SERIES_WORDS.intersection(tokens):
                subjects = tuple(map(_the_series_among, subjects))
        no_show_named = not any(r.match or r.ambiguous for r in subjects)
        if (
            not capitalised
            and (
                _asks_nothing(intent, subjects, tokens, asked)
                or (no_show_named and _asks_about_the_bot(said))
            )
            and (talk := small_talk_in_own_words(said, no_show_named=no_show_named))
        ):
            return Reading(text=text, intent=Intent.OVERVIEW, language=language, small_talk=talk)
        talking = (
            asked.person is None
            and asked.character is None
            and _named_only_in_talk(subjects, tokens)
            and (people_talking(said) or (no_show_named and everyday_talk(said)))
        )
        if not capitalised and (talking or (no_show_named and _only_talk(said))):
            return Reading(
                text=text, intent=Intent.OVERVIEW, language=language, small_talk=SmallTalk.HELP
            )
        return Reading(
            text=text,
            intent=intent,
            subjects=subjects,
            season=asked.season if asked.season is not None else _bare_season(tokens, subjects),
            character=asked.character,
            person=asked.person,
            language=language,
            subject_words=longer[0] if longer else capitalised_around(subject_words(asked), text),
            also=also_asked(_without_titles(asked.title_words, subjects), intent),
        )

    def subjects(
        self, tokens: list[str], untranslated: list[str] | None = None
    ) -> tuple[Resolution, ...]:
        """One resolution per show the words name, best reading first; at least one."""
        whole = self._lookups.resolve(tokens)
        several = SeveralShows(self._lookups, self._resolve_loosely).named(tokens, whole)
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


def _without_others(tokens: list[str]) -> list[str]:
    """The words, less the person a question leaves out (up to the sentence's next break):
    "who's in ozark BESIDES JASON BATEMAN? the actress…" asks about Ozark."""
    for besides in _LEAVING_OUT:
        if besides in tokens[1:]:
            start = tokens.index(besides, 1)
            end = next((i for i in range(start, len(tokens)) if tokens[i] in BREAKS), len(tokens))
            return tokens[:start] + tokens[end:]
    return tokens


_LEAVING_OUT = ("besides", "except")


def _runs(asked: IntentReading) -> list[list[str]]:
    """The message's runs of title-like words, longest first."""
    runs = [trimmed(run) for run in title_runs(asked.title_words)]
    return sorted(filter(None, runs), key=len, reverse=True)


_SEQUELS = frozenset("2 3 4 5 6 ii iii iv".split())


def _a_sequel_not_held(resolution: Resolution, tokens: list[str]) -> Resolution:
    """'the old guard 2 release date': a film's name typed with a number after it is its
    sequel, which the catalogue would hold under that name; it holds only the first film."""
    match = resolution.match
    if match is None or not match.entry.film:
        return resolution
    name = match.matched_name.split()
    size = len(name)
    for start in range(len(tokens) - size):
        if tokens[start : start + size] == name and tokens[start + size] in _SEQUELS:
            sequel = " ".join(tokens[start : start + size + 1])
            return Resolution(query=sequel, match=None, candidates=resolution.candidates)
    return resolution


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
    return _named_only_in_talk(subjects, tokens)


def _named_only_in_talk(subjects: tuple[Resolution, ...], tokens: list[str]) -> bool:
    """Whether no show is named but by everyday words in a sentence ("my mom keeps CALLING
    me", "who ate the last piece of CAKE")."""
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
    if len(name) > GLUE_NAME_WORDS or not all(
        word in common_english() or word in GLUE for word in name
    ):
        return False
    rest = [t for t in tokens if t not in BREAKS and t not in name]
    return len(rest) >= GLUE_NAME_WORDS  # "hey, dark?" asks about Dark


_ABOUT_THE_BOT = (
    ("this", "bot"),
    ("the", "bot"),
    ("what", "are", "you"),
    ("who", "are", "you"),
    ("what", "can", "you"),
)
"""Words that ask about the bot itself ("for what is THIS BOT?", "WHAT ARE YOU for"): with no
show named, whatever else they seem to ask, the message is small talk."""


def _asks_about_the_bot(tokens: list[str]) -> bool:
    return any(
        tuple(tokens[i : i + len(words)]) == words
        for words in _ABOUT_THE_BOT
        for i in range(len(tokens) - len(words) + 1)
    )


_ASKING = GLUE | CHATTER | QUESTION_WORDS | ASKING_WORDS
_TALK_ONLY = SMALL_TALK_WORDS - _ASKING


def _only_talk(tokens: list[str]) -> bool:
    """'this SERVER is dead', 'so done with cliffhangers lol, NIGHT all': words that seem to
    ask, around words of small talk only, which no show's name is made of."""
    said = {t for t in without_asking(tokens) if t not in BREAKS}
    asking = {t for t in said if t in _ASKING or t.removesuffix("s") in _ASKING}
    if said & ARTICLES:
        return False  # "the morning show cast": a name the catalogue lacks often has one
    return bool(said & _TALK_ONLY) and said <= asking | _TALK_ONLY
