"""What a question wants to know, read from the words around its titles.

Works on folded English words (other languages are read as English first). Besides the
intent, it finds the intent's arguments (a season, a character, a person) and which of the
words are left to name the show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from bot.matching.intents import Intent
from bot.matching.message import COMMA, STOP
from bot.matching.phrasebook import (
    CHARACTER_VERBS,
    CHART_SIZES,
    CHATTER,
    COUNT_NOUNS,
    INTENT_CUES,
    SLANG_STATUS,
)
from bot.matching.questions import STATUS_WORDS, asked_season

_WHO = frozenset({"who", "whos", "whom"})
_ASKERS = _WHO | {"which", "what"}
_SEEN = frozenset({"know", "seen", "recognize", "saw"})
_ROLE_WORDS = frozenset({"role", "part", "character"})
_CREW = frozenset(
    "director directors creator creators writer writers producer producers showrunner "
    "showrunners maker makers author".split()
)
_ACTOR_NOUNS = frozenset("actor actress actors actresses".split())
_ACTOR_WORDS = _ACTOR_NOUNS | frozenset("guy girl woman man kid".split())
_PLACE = frozenset({"in", "on", "from"})
_CHARACTER_NOISE = frozenset(
    "the role of character part as a an lead main protagonist protagonista actor actress "
    "that who guy girl".split()
)
_FILM_NOUNS = frozenset("shows show movies movie films film series roles role stuff".split())
_FILMOGRAPHY_VERBS = frozenset(
    "is was has had did does been starred star stars appeared appear acted act played "
    "play be done".split()
)
_PREMIERE_VERBS = frozenset(
    "release released releases releasing air aired airs airing start starts started from "
    "drop drops come comes came coming out date stream streaming launch".split()
)
_PREMIERE_WORDS = frozenset("premiere premiered premieres premiering debut debuted".split())
_FINALE_WORDS = frozenset("end ended ends over finish finished finale last conclude".split())
_ENDING_ASKS = frozenset("end ended ends".split())
_SLANG_CANCELLED = frozenset(SLANG_STATUS)
_NAME_WORDS = 4
_NOT_IN_NAMES = frozenset(
    "what whats who when where why how is are was were the a an of in on year season seasons "
    "series show shows movie movies film films it this that".split()
)
_PERSON_WORKS = frozenset("filmography movies films roles shows series stuff".split())


@dataclass(frozen=True)
class IntentReading:
    intent: Intent
    title_words: list[str] = field(default_factory=list)
    """The words left to name the show(s): [] when the question names none."""
    season: int | None = None
    character: str | None = None
    person: str | None = None
    settled: bool = False
    """Read from how the question is built ("who plays … in"): the titles' words can't change it."""


class NamesAShow(Protocol):
    """Whether some words are, as a whole, a show's name; `loosely`, typos allowed."""

    def __call__(self, tokens: list[str], *, loosely: bool = False) -> bool: ...


def read_intent(tokens: list[str], names_a_show: NamesAShow) -> IntentReading:
    """The intent of a question, its arguments, and the words that name the show."""
    season = asked_season(tokens)
    character = _character_question(tokens, names_a_show)
    if character is not None and _a_name(character.character):
        return character
    person = _filmography_question(tokens, names_a_show)
    if person is not None:
        return person
    if STOP in tokens or COMMA in tokens:  # "tom ellis shows? need more of him"
        for sentence in _sentences(tokens, at=(STOP, COMMA)):
            person = _filmography_question(sentence, names_a_show)
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
    when = bool(said & {"when", "date", "day", "year"})
    if "why" in said:
        return Intent.WHY
    if any((t == "top" and n in CHART_SIZES) or (t, n) in _PEAKS for t, n in pairwise(tokens)):
        return Intent.CHARTS  # "how long was it in the top 10", "where did it peak on…"
    if _asks_count(tokens):
        return Intent.COUNTS
    if when and "finale" in said and not said & _PREMIERE_WORDS:
        return Intent.FINALE  # "when did the finale air"
    if said & _PREMIERE_WORDS or (when and said & _PREMIERE_VERBS):
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
    if ("how" in said and said & _ENDING_ASKS) or {"what", "happened", "end"} <= said:
        return Intent.ENDING
    if said & _WHO and said & _PLACE:
        return Intent.CAST  # "who is in dark"
    if season is not None:
        return Intent.SEASON
    if said & (STATUS_WORDS | _SLANG_CANCELLED) or {"still", "going"} <= said:
        return Intent.STATUS
    return Intent.OVERVIEW


_PEAKS = frozenset({("peak", "on"), ("peak", "at"), ("peak", "in")})
"""'Peak' of the charts, not the slang ("queen's gambit is peak")."""
_TRUE_STORY = frozenset(
    {("true", "story"), ("real", "story"), ("real", "events"), ("real", "life")}
)


def _a_name(character: str | None) -> bool:
    """Whether what a question took for a character's name can be one: a few words of one
    sentence ("john b", not "lmao my gf made me watch partner track and now im…")."""
    if character is None:
        return True
    named = character.split()
    return len(named) <= _NAME_WORDS and not any(w in _NOT_IN_A_NAME for w in named)


_NOT_IN_A_NAME = frozenset({"?", ",", "is", "was", "are", "so", "lol", "lmao", "the", "teh"})
"""Words that end a sentence or carry it on, never inside a character's name."""


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


def _character_question(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'who plays tyler in partner track', 'which actor plays jeff', 'partner track who plays
    rachel', 'ingrid yun actress', 'who is the actor of ingrid in x'."""
    role = (
        _role_of_person(tokens)
        or _person_in_show(tokens, names_a_show)
        or _role_asked_after(tokens, names_a_show)
    )
    if role is not None:
        return role
    asker = next((i for i, t in enumerate(tokens) if t in _ASKERS), None)
    if asker is None:
        return _actor_of(tokens, names_a_show)
    verb = next((i for i in range(asker + 1, len(tokens)) if tokens[i] in CHARACTER_VERBS), None)
    if verb is None:
        if asker + 1 < len(tokens) and tokens[asker + 1] in {"is", "was"}:
            verb = asker + 1  # "who is tyler in partner track"
        else:
            return _actor_of(tokens, names_a_show)
    if tokens[asker] not in _WHO and not set(tokens[asker:verb]) & _ACTOR_WORDS:
        return None  # "what plays…", "which season…": not about an actor
    place = _place(tokens, verb + 1)
    end = place if place is not None else len(tokens)
    named = [t for t in tokens[verb + 1 : end] if t not in _CHARACTER_NOISE]
    if named and set(named) <= _CREW:
        return None  # "who was the director of midnight mass": its creators
    if not named:
        if place is None:
            before = _before(tokens, asker)  # "biohackers … who plays the lead": its cast
            return IntentReading(Intent.CAST, before, settled=True) if before else None
        # "who is the lead of x", "who plays in x": the cast
        title = _named_after(tokens, place) or _before(tokens, asker)
        return IntentReading(intent=Intent.CAST, title_words=title, settled=True)
    title = (_named_after(tokens, place) if place is not None else []) or _before(tokens, asker)
    if not title and tokens[verb] in {"is", "was"}:
        return None  # "who is arden cho": not a character question
    return IntentReading(intent=Intent.CHARACTER, title_words=title, character=" ".join(named))


def _person_in_show(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'tom hardy in peaky blinders?', 'is arden cho in partner track': a name, then "in", then
    a show's name."""
    words = tokens[1:] if tokens[:1] in (["is"], ["was"], ["does"]) else tokens
    if "in" not in words[2:]:
        return None
    place = words.index("in", 2)
    person, title = words[:place], words[place + 1 :]
    if not _could_be_a_name(person) or len(person) < 2 or not title:
        return None
    if names_a_show(person) or not names_a_show(title):
        return None
    return IntentReading(intent=Intent.CHARACTER, title_words=title, person=" ".join(person))


def _role_asked_after(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'dominic sherwood is playing which character in partner track', 'which role alexandra
    turshen did in partner track': a person's name, the role asked, then the show."""
    if not set(tokens) & _ROLE_WORDS or "in" not in tokens:
        return None
    place = len(tokens) - 1 - tokens[::-1].index("in")
    asked = [t for t in tokens[:place] if t not in _ROLE_ASKING]
    title = tokens[place + 1 :]
    if not title or not 2 <= len(asked) <= _NAME_WORDS or not _could_be_a_name(asked):
        return None
    if not names_a_show(title):
        return None
    return IntentReading(intent=Intent.CHARACTER, title_words=title, person=" ".join(asked))


_ROLE_ASKING = (
    _ROLE_WORDS
    | CHARACTER_VERBS
    | frozenset("which what who whos is was does did do has had the a an his her their".split())
)


def _actor_of(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'ingrid yun actor', 'actor of ingrid in partner track', 'the actress for rachel'."""
    if len(tokens) >= 2 and tokens[-1] in _ACTOR_NOUNS:
        named = [t for t in tokens[:-1] if t not in _CHARACTER_NOISE]
        if not named or names_a_show(named, loosely=True):
            return None  # "peaky blinders actors", "the quens gambti lead actress": the cast
        # "partner track jeff murphy actor": a name of a few words after the title
        for cut in range(len(named) - 1, max(0, len(named) - _NAME_WORDS - 1), -1):
            if names_a_show(named[:cut]):
                character = " ".join(named[cut:])
                return IntentReading(Intent.CHARACTER, named[:cut], character=character)
        return IntentReading(intent=Intent.CHARACTER, character=" ".join(named))
    for position, token in enumerate(tokens[:-2]):
        if token in _ACTOR_WORDS and tokens[position + 1] in {"of", "for", "playing"}:
            place = _place(tokens, position + 2)
            end = place if place is not None else len(tokens)
            named = [t for t in tokens[position + 2 : end] if t not in _CHARACTER_NOISE]
            if named:
                title = tokens[place + 1 :] if place is not None else []
                return IntentReading(
                    intent=Intent.CHARACTER, title_words=title, character=" ".join(named)
                )
    return None


def _place(tokens: list[str], start: int) -> int | None:
    """Where the show's title starts to be named: "in", "on", "from", "of" (not "role of")."""
    for position in range(start, len(tokens)):
        token = tokens[position]
        if token in _PLACE or (token == "of" and tokens[position - 1] not in _ROLE_WORDS):
            return position
    return None


def _named_after(tokens: list[str], place: int) -> list[str]:
    """The show named after "in", "of"…; none when it is only "it" ("peaky blinders… who is
    the main guy IN IT": the show was named before)."""
    title = tokens[place + 1 :]
    return [] if all(t in _POINTERS or t in CHATTER for t in title) else title


_POINTERS = frozenset("it this that them there here".split())


def _before(tokens: list[str], asker: int) -> list[str]:
    """'partner track who plays rachel': the title before the question."""
    before = tokens[:asker]
    while before and before[-1] in {"the", "a", "an", "so", "ok"}:
        before = before[:-1]
    return before


def _role_of_person(tokens: list[str]) -> IntentReading | None:
    """'who does alexandra turshen play in partner track', 'what role does x play in y'."""
    if len(tokens) < 5 or tokens[0] not in {"who", "what", "which"}:
        return None
    start = 1
    while start < len(tokens) and tokens[start] in {"role", "character", "part"}:
        start += 1
    if start >= len(tokens) or tokens[start] not in {"does", "did", "is", "was"}:
        return None
    verb = next((i for i in range(start + 1, len(tokens)) if tokens[i] in CHARACTER_VERBS), None)
    if verb is None or verb == start + 1:
        return None
    named = tokens[start + 1 : verb]
    if not _could_be_a_name(named) or set(named) & (_CHARACTER_NOISE | _ACTOR_WORDS):
        return None  # "who is the actress that plays rachel": a character question
    after = tokens[verb + 1 :]
    title = after[1:] if after[:1] and after[0] in _PLACE else after
    person = " ".join(named)
    if not title:
        return IntentReading(intent=Intent.FILMOGRAPHY, person=person)  # "who does x play"
    return IntentReading(intent=Intent.CHARACTER, title_words=title, person=person)


def _filmography_question(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'what else is arden cho in', 'what has x been in', 'shows with x', 'x filmography'."""
    if asked_season(tokens) is not None:
        return None
    for besides in ("besides", "except", "apart"):
        if besides in tokens[2:]:
            tokens = tokens[: tokens.index(besides, 2)]  # "… in besides the witcher"
    person = (
        _person_then_question(tokens)
        or _person_before_in(tokens)
        or _person_after_with(tokens)
        or _person_before_noun(tokens)
        or _person_asked_who(tokens)
        or _person_known_from(tokens)
    )
    if not person or not _could_be_a_name(person) or names_a_show(person):
        return None
    return IntentReading(intent=Intent.FILMOGRAPHY, person=" ".join(person))


def _person_before_in(tokens: list[str]) -> list[str] | None:
    """'what is pedro pascal in (on here)', 'what shows has jason bateman done'."""
    while len(tokens) > 2 and tokens[-2:] in (["on", "here"], ["on", "netflix"]):
        tokens = tokens[:-2]
    if tokens[:1] == ["in"]:
        tokens = tokens[1:]  # "em que mais o x atuou": "in what else x acted"
    if not tokens or tokens[0] not in {"what", "whats", "which", "where"}:
        return None
    if tokens[-1] not in {"in", "done", "starred", "acted", "made", "from", "do"}:
        return None
    inner = tokens[1:-1]
    while inner and (inner[0] in _FILM_NOUNS or inner[0] in {"else", "other"}):
        inner = inner[1:]
    if inner and inner[0] in _FILMOGRAPHY_VERBS:
        inner = inner[1:]
    elif tokens[0] != "whats" and tokens[-1] not in _PARTICIPLES:
        return None  # "whats ryan murphy done": the verb is in "whats"; "what else x acted"
    while inner and inner[-1] in _FILMOGRAPHY_VERBS | {"else"}:
        inner = inner[:-1]
    return inner or None


_PARTICIPLES = frozenset("acted starred done made appeared".split())


def _person_after_with(tokens: list[str]) -> list[str] | None:
    for position, token in enumerate(tokens[:-1]):
        if (
            token in {"with", "starring"}
            and position
            and tokens[position - 1]
            in _FILM_NOUNS | {"else", "anything", "other", "more", "something"}
        ):
            return tokens[position + 1 :] or None
    return None


def _person_before_noun(tokens: list[str]) -> list[str] | None:
    """'penn badgley shows', 'arden cho other stuff', 'lily collins what else',
    'rob heaps is in what', 'is omar sy in anything else'."""
    for ending in (["what", "else"], ["other", "stuff"], ["other", "shows"], ["is", "in", "what"],
                   ["in", "anything", "else"], ["in", "anything"], ["else"]):  # fmt: skip
        if len(tokens) > len(ending) + 1 and tokens[-len(ending) :] == ending:
            person = tokens[: -len(ending)]
            person = person[1:] if person[0] == "is" else person
            return person[: person.index("in")] if "in" in person[1:] else person
    if "besides" in tokens:
        return _person_before_noun(tokens[: tokens.index("besides")])
    while len(tokens) > 2 and tokens[-2:] in (["on", "netflix"], ["on", "here"]):
        tokens = tokens[:-2]
    if (
        len(tokens) >= 4
        and tokens[0] == "is"
        and "in" in tokens[2:]
        and set(tokens) & {"any", "anything", "other", "else", "more"}
    ):
        return tokens[1 : tokens.index("in", 2)]  # "is arden cho in any other shows"
    if len(tokens) >= 2 and tokens[-1] in _PERSON_WORKS:
        person = tokens[:-1]
        while person and person[-1] in {"other", "new", "old", "best", "all"}:
            person = person[:-1]
        return person or None
    if len(tokens) >= 3 and tokens[0] == "filmography" and tokens[1] == "of":
        return tokens[2:]
    return None


def _person_asked_who(tokens: list[str]) -> list[str] | None:
    """'who is arden cho', 'whos bradley gibson': a person, unless the words name a show."""
    if len(tokens) >= 3 and tokens[0] == "who" and tokens[1] in {"is", "was"}:
        rest = tokens[2:]
    elif len(tokens) >= 2 and tokens[0] == "whos":
        rest = tokens[1:]
    else:
        return None
    if set(rest) & (_PLACE | {"behind", "starring", "playing", "acting", "of"}):
        return None  # "who's in ozark", "who's starring in x": the cast
    return rest


def _could_be_a_name(words: list[str]) -> bool:
    """A person's name is a few words, none of them a question's ("year", "is", ",")."""
    return 0 < len(words) <= _NAME_WORDS and not any(
        w in _NOT_IN_NAMES or not w.isalpha() for w in words
    )


def _person_known_from(tokens: list[str]) -> list[str] | None:
    """'where do i know arden cho from', 'where have i seen bradley gibson before'."""
    if not tokens or tokens[0] != "where":
        return None
    seen = next((i for i, t in enumerate(tokens) if t in _SEEN), None)
    if seen is None:
        return None
    person = [t for t in tokens[seen + 1 :] if t not in {"from", "before", "him", "her", "them"}]
    return person or None


_PRONOUNS = frozenset("he she they him her them".split())


def _person_then_question(tokens: list[str]) -> list[str] | None:
    """'jason bateman what else has he done', 'sarah paulson, what netflix stuff is she in'."""
    plain = [t for t in tokens if t != ","]
    asked = next(
        (i for i, t in enumerate(plain) if i >= 2 and t in {"what", "whats", "where"}), None
    )
    if asked is None:
        return None
    tail = set(plain[asked:])
    if tail & _PRONOUNS or {"else"} <= tail:
        return plain[:asked]
    return None
