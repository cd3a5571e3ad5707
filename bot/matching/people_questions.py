"""Questions about people: who plays a character, the role a person plays in a show, and
what a person is in. Works on folded English words, like the rest of the question reader."""

from __future__ import annotations

from bot.matching.english import common_english
from bot.matching.intents import Intent, IntentReading, NamesAShow
from bot.matching.phrasebook import CHARACTER_VERBS, CHATTER, GLUE
from bot.matching.questions import asked_season
from bot.matching.title_runs import ARTICLES

WHO = frozenset({"who", "whos", "whom"})
_ASKERS = WHO | {"which", "what"}
_SEEN = frozenset({"know", "seen", "recognize", "saw"})
_ROLE_WORDS = frozenset({"role", "part", "character"})
_CREW = frozenset(
    "director directors creator creators writer writers producer producers showrunner "
    "showrunners maker makers author".split()
)
_ACTOR_NOUNS = frozenset("actor actress actors actresses".split())
_ACTOR_WORDS = _ACTOR_NOUNS | frozenset("guy girl woman man kid".split())
PLACE = frozenset({"in", "on", "from"})
_CHARACTER_NOISE = frozenset(
    "the role of character part as a an lead main protagonist protagonista actor actress "
    "that who guy girl".split()
)
_FILM_NOUNS = frozenset("shows show movies movie films film series roles role stuff".split())
_FILMOGRAPHY_VERBS = frozenset(
    "is was has had did does been starred star stars appeared appear acted act played "
    "play be done".split()
)
_NAME_WORDS = 4
_NOT_IN_NAMES = frozenset(
    "what whats who when where why how is are was were the a an of in on year season seasons "
    "series show shows movie movies film films it this that these those both all some any my "
    "his her their our your".split()
)
_PERSON_WORKS = frozenset("filmography movies films roles shows series stuff".split())


def _a_name(character: str | None) -> bool:
    """Whether what a question took for a character's name can be one: a few words of one
    sentence ("john b", not "lmao my gf made me watch partner track and now im…")."""
    if character is None:
        return True
    named = character.split()
    return len(named) <= _NAME_WORDS and not any(w in _NOT_IN_A_NAME or w in _CREW for w in named)


_CLAUSE_ENDS = frozenset({",", "?"})
_NOT_IN_A_NAME = frozenset({"?", ",", "is", "was", "are", "so", "lol", "lmao", "the", "teh"})
"""Words that end a sentence or carry it on, never inside a character's name."""


def _built_as_a_character_question(
    tokens: list[str], names_a_show: NamesAShow
) -> IntentReading | None:
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
    if tokens[asker] not in WHO and not set(tokens[asker:verb]) & _ACTOR_WORDS:
        return None  # "what plays…", "which season…": not about an actor
    # "who plays rachel, the best friend (in x)": what follows a comma describes the character
    clause = next((i for i in range(verb + 2, len(tokens)) if tokens[i] in _CLAUSE_ENDS), None)
    place = _place(tokens, verb + 1)
    end = min(p for p in (place, clause, len(tokens)) if p is not None)
    named = [t for t in tokens[verb + 1 : end] if t not in _CHARACTER_NOISE]
    if not named and clause is not None and (place is None or place > clause):
        place = None  # "who played the main guy, the guy drowning IN debt": the show is before
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
    if not names_a_show(title):
        title = _clause_of(title)  # "is jason bateman in ozark OR AM I THINKING of something else"
    # a show's name with a word no dictionary has may be mistyped ("is julie andrews in
    # brigerton"); everyday words ("so im at home") must name one exactly
    mistyped = any(w not in common_english() and w not in GLUE for w in title)
    if names_a_show(person) or not title or not names_a_show(title, loosely=mistyped):
        return None
    return IntentReading(intent=Intent.CHARACTER, title_words=title, person=" ".join(person))


_CLAUSE_BREAKS = frozenset({",", "?", "besides", "except"})


def _clause_of(words: list[str]) -> list[str]:
    """The words up to where the sentence goes on to something else ("…, the wife", "… or AM
    I thinking", not "… or THE imperfects")."""
    end = next(
        (
            i
            for i, word in enumerate(words)
            if word in _CLAUSE_BREAKS
            or (word == "or" and words[i + 1 : i + 2] and words[i + 1] in GLUE - ARTICLES)
        ),
        len(words),
    )
    return words[:end]


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
        if token in PLACE or (token == "of" and tokens[position - 1] not in _ROLE_WORDS):
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
    title = after[1:] if after[:1] and after[0] in PLACE else after
    person = " ".join(named)
    if not title:
        return IntentReading(intent=Intent.FILMOGRAPHY, person=person)  # "who does x play"
    return IntentReading(intent=Intent.CHARACTER, title_words=title, person=person)


def filmography_question(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
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
    if set(rest) & (PLACE | {"behind", "starring", "playing", "acting", "of"}):
        return None  # "who's in ozark", "who's starring in x": the cast
    return rest


def _could_be_a_name(words: list[str]) -> bool:
    """A person's name is a few words, none of them a question's ("year", "is", ",")."""
    return 0 < len(words) <= _NAME_WORDS and not any(
        w in _NOT_IN_NAMES or w in _CREW or not w.isalpha() for w in words
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


def character_question(tokens: list[str], names_a_show: NamesAShow) -> IntentReading | None:
    """'who plays tyler in partner track', 'which actor plays jeff', 'partner track who plays
    rachel', 'ingrid yun actress', 'who is the actor of ingrid in x': its reading, when what it
    took for a character's name can be one."""
    reading = _built_as_a_character_question(tokens, names_a_show)
    return reading if reading is not None and _a_name(reading.character) else None
