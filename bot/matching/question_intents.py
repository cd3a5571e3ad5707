"""What a question wants to know, read from the words around its titles.

Works on folded English words (other languages are read as English first). Besides the
intent, it finds the intent's arguments (a season, a character, a person) and which of the
words are left to name the show.
"""

from __future__ import annotations

from itertools import pairwise

from bot.matching.intents import Intent, IntentReading, NamesAShow
from bot.matching.message import COMMA, STOP
from bot.matching.people_questions import PLACE, WHO, character_question, filmography_question
from bot.matching.phrasebook import (
    CHART_SIZES,
    COUNT_NOUNS,
    INTENT_CUES,
    NATIONALITIES,
    SLANG_STATUS,
)
from bot.matching.questions import STATUS_WORDS, asked_season

_PREMIERE_VERBS = frozenset(
    "release released releases releasing air aired airs airing start starts started from "
    "drop drops come comes came coming out date stream streaming launch".split()
)
_PREMIERE_WORDS = frozenset("premiere premiered premieres premiering debut debuted".split())
_FINALE_WORDS = frozenset("end ended ends over finish finished finale last conclude".split())
_ENDING_ASKS = frozenset("end ended ends".split())
_SLANG_CANCELLED = frozenset(SLANG_STATUS)


def read_intent(tokens: list[str], names_a_show: NamesAShow) -> IntentReading:
    """The intent of a question, its arguments, and the words that name the show."""
    season = asked_season(tokens)
    character = character_question(tokens, names_a_show)
    if character is not None:
        return character
    person = filmography_question(tokens, names_a_show)
    if person is not None:
        return person
    if STOP in tokens or COMMA in tokens:  # "tom ellis shows? need more of him"
        for sentence in _sentences(tokens, at=(STOP, COMMA)):
            person = filmography_question(sentence, names_a_show)
            if person is not None:
                return person
    intent = intent_of(tokens, season)
    return IntentReading(intent=intent, title_words=tokens, season=season)


def intent_of(tokens: list[str], season: int | None) -> Intent:
    """The intent of a question's words (the title's words best left out): of its last
    sentence that asks something, when it has several ("hot rod is the funniest movie ever
    MADE. who's in it" asks for the cast)."""
    if STOP in tokens:
        sentences = _sentences(tokens)
        for sentence in reversed(sentences):
            if sentence[0] in _ASKS_FIRST:
                intent = _intent_of_words(sentence, asked_season(sentence) or season)
                if intent is not Intent.OVERVIEW:
                    return intent
    return _intent_of_words(tokens, season)


_ALSO_ASKABLE = (
    Intent.STATUS,
    Intent.COUNTS,
    Intent.CAST,
    Intent.CREATORS,
    Intent.PREMIERE,
    Intent.FINALE,
    Intent.ABOUT,
    Intent.BASED_ON,
    Intent.CHARTS,
    Intent.WHY,
)
"""What a message may ask besides its main question; not a spoiler (an ending is asked for
on its own) nor a season or a person, which need words of their own."""
_GENRES = frozenset(
    "comedy comedies drama dramas thriller horror documentary romcom telenovela musical "
    "anime genre".split()
)
MOST_ASKED = 4
"""Questions answered of one show in one message."""


def also_asked(tokens: list[str], intent: Intent) -> tuple[Intent, ...]:
    """What else a message asks, clause by clause, besides its main `intent` ("how many
    seasons are there, and who are the two leads"); nothing for a question with none."""
    if intent is Intent.OVERVIEW:
        return ()  # the whole card answers everything already
    found: list[Intent] = []
    for clause in _sentences(tokens, at=(STOP, COMMA, "and", "also", "plus")):
        asked = _intent_of_words(clause, None)
        if asked is Intent.OVERVIEW and _GENRES.intersection(clause):
            asked = Intent.ABOUT  # "is it a comedy or a drama??"
        if asked in _ALSO_ASKABLE and asked is not intent and asked not in found:
            found.append(asked)
    return tuple(found[: MOST_ASKED - 1])


_ASKS_FIRST = frozenset(
    "who whos what whats when where why how hows is are was were did does do will can could "
    "any has have".split()
)
"""Words a sentence that asks starts with."""


def _made_someone_do(tokens: list[str]) -> set[str]:
    """'my gf MADE me watch it': the verbs that ask about no maker here."""
    uses = [(t, following) for t, following in pairwise([*tokens, ""]) if t in _CAUSING]
    return {t for t, _ in uses} - {t for t, following in uses if following not in _OBJECTS}


_CAUSING = frozenset("made make makes making".split())
_OBJECTS = frozenset("me us him her them you u my".split())


def _sentences(tokens: list[str], at: tuple[str, ...] = (STOP,)) -> list[list[str]]:
    sentences: list[list[str]] = [[]]
    for token in tokens:
        if token in at:
            sentences.append([])
        elif token != COMMA or sentences[-1]:
            sentences[-1].append(token)
    return [sentence for sentence in sentences if sentence]


def _intent_of_words(tokens: list[str], season: int | None) -> Intent:
    said = set(tokens) - _made_someone_do(tokens)
    if tokens[:1] == ["story"] or ["story", "time"] in _pairs(tokens):
        said.discard("story")  # "ok so STORY time", "Story: I was…": a story told
    if not ({"", "the", "what", "whats", "any"} & set(_before(tokens, {"reason", "reasons"}))):
        said -= {"reason", "reasons"}  # "all black and white for SOME REASON": no question
    when = bool(said & {"when", "date", "day", "year"})
    if "why" in said:
        return Intent.WHY
    if any((t == "top" and n in CHART_SIZES) or (t, n) in _PEAKS for t, n in pairwise(tokens)):
        return Intent.CHARTS  # "how long was it in the top 10", "where did it peak on…"
    if _asks_count(tokens):
        return Intent.COUNTS
    if when and "finale" in said and not said & _PREMIERE_WORDS:
        return Intent.FINALE  # "when did the finale air"
    if said & _PREMIERE_WORDS or (when and said & _PREMIERE_VERBS) or _asks_the_year(said):
        return Intent.PREMIERE
    if when and said & _FINALE_WORDS:
        return Intent.FINALE
    if when and said & (STATUS_WORDS | _SLANG_CANCELLED):
        return Intent.STATUS
    if any((t, n) in _TRUE_STORY for t, n in pairwise(tokens)):
        return Intent.BASED_ON  # "is narcos a true story"
    if "about" in said and _asks_about(tokens):
        return Intent.ABOUT
    for intent, cues in INTENT_CUES:
        if said & cues and intent is not Intent.ABOUT:
            return intent
        if intent is Intent.ABOUT and said & (cues - {"about"}):
            return intent
    if _asks_the_country(tokens, said):
        return Intent.ABOUT  # "where is dark from", "is lupin french": its country
    if ("how" in said and said & _ENDING_ASKS) or {"what", "happened", "end"} <= said:
        return Intent.ENDING
    if said & WHO and said & PLACE:
        return Intent.CAST  # "who is in dark"
    if season is not None:
        return Intent.SEASON
    if said & (STATUS_WORDS | _SLANG_CANCELLED) or {"still", "going"} <= said:
        return Intent.STATUS
    return Intent.OVERVIEW


def _asks_the_country(tokens: list[str], said: set[str]) -> bool:
    """'where is dark from', 'is it GERMAN?': not 'where do YOU get your info from', nor 'he is
    mexican' among other questions (those come first)."""
    if "where" in said and "from" in said and not said & {"you", "u", "your", "ur"}:
        return True
    return any(
        before in {"is", "its"} and word in NATIONALITIES and tokens[i - 1 : i] not in _PEOPLE
        for i, (before, word) in enumerate(pairwise(tokens))
    )


_PEOPLE = (["he"], ["she"], ["who"])


def _asks_the_year(said: set[str]) -> bool:
    """'what year does it say?', 'which year is it from': the year it came out."""
    return "year" in said and bool(said & {"what", "which", "whats"})


def _pairs(tokens: list[str]) -> list[list[str]]:
    return [tokens[i : i + 2] for i in range(len(tokens) - 1)]


def _before(tokens: list[str], wanted: set[str]) -> list[str]:
    """The words right before each of the wanted ones."""
    return [previous for previous, word in pairwise(["", *tokens]) if word in wanted]


_PEAKS = frozenset({("peak", "on"), ("peak", "at"), ("peak", "in")})
"""'Peak' of the charts, not the slang ("queen's gambit is peak")."""
_TRUE_STORY = frozenset(
    {("true", "story"), ("real", "story"), ("real", "events"), ("real", "life")}
)


def _asks_about(tokens: list[str]) -> bool:
    """'what is x about', 'x about?': not 'what about x' or 'any news about x'."""
    position = tokens.index("about")
    if position == len(tokens) - 1:
        return True
    previous = tokens[position - 1] if position else ""
    return previous not in {"what", "whats", "news", "info", "anything", "update", "updates"} and (
        "what" in tokens or "whats" in tokens
    )


def _asks_count(tokens: list[str]) -> bool:
    for position, token in enumerate(tokens[:-1]):
        following = tokens[position + 1 : position + 3]
        if token in {"how", "hows"} and following[:1] == ["many"] and set(following) & COUNT_NOUNS:
            return True
        if token == "how" and following[:1] == ["long"]:
            return True
        if token == "number" and following[:1] == ["of"] and set(following) & COUNT_NOUNS:
            return True
    if any(t in _MORE and n in COUNT_NOUNS for t, n in pairwise(tokens)):
        return True  # "which has more seasons"
    return bool({"how", "many"} <= set(tokens) and set(tokens) & COUNT_NOUNS)


_MORE = frozenset("more most fewer less".split())
