"""What a message says before any title is looked for: its words (commas and sentence ends
kept), its language (question words of five languages read as English), and small talk."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz.distance import OSA

from bot.matching.english import common_english
from bot.matching.intents import SmallTalk
from bot.matching.languages import LANGUAGES, SLANG
from bot.matching.phrasebook import (
    ASKING_WORDS,
    CHATTER,
    GLUE,
    LANGUAGE_CUES,
    LANGUAGE_PHRASES,
    SIGN_OFF_STARTS,
    SIGN_OFF_WORDS,
    SMALL_TALK_CUES,
    SMALL_TALK_WORDS,
    SPOKEN_FORMS,
    STRONG_LANGUAGE_CUES,
)
from bot.matching.questions import FILLER_WORDS, FRAME_WORDS, QUESTION_WORDS, STATUS_WORDS
from bot.matching.text import words
from bot.matching.tuning import MAX_MESSAGE_WORDS

_TITLE_PARTICLES = {
    language: frozenset(
        word for word, english in words.items() if english in {"", "of", "in", "on", "and", "a"}
    )
    - SLANG[language]
    for language, words in LANGUAGES.items()
}
"""Foreign words that titles are made of too ("el camino", "la casa de papel")."""
COMMA = ","
"""A comma (or semicolon, slash) of the message, kept as a word: it separates shows."""
STOP = "?"
"""The end of a sentence ("?", "!"), kept as a word: a new sentence may name another show,
but only when it says so ("… what about dahmer?") or names it in more than one word."""
BREAKS = (STOP, COMMA)
_SEPARATORS = re.compile(
    r"([,;/|\n()\[\]–—]+|\s-+\s|[?!]+|(?<=\w{3})(?<![Mm]rs)(?<![Vv]ol)[.…]+(?=\s|$))"
)
"""Commas and the like (brackets and dashes too: "cidade de deus (city of god)", "watcher —
which survived"); "?" and "!"; a full
stop or an ellipsis after a word of three or more letters ("… ever made no cap. who's in it"),
not after "Mr.", "Mrs." or inside "S.H.I.E.L.D."."""
_MENTION = re.compile(
    r"(?:<@[!&]?\d+>|(?<![\w@])@(?!everyone\b|here\b)[\w.]+)(?:\s+re\s*:)?", re.IGNORECASE
)
"""'@kev friends is on netflix??', '@jo re: the watcher': whom a message answers is no part of
its question; a mention parts the words around it as a comma does. "@everyone" and "@here"
name no one, and may be a title's words."""
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_NUMBERED = re.compile(r"^(season|seasons|temporada|staffel|saison|stagione|part|ep)(\d{1,2})$")
"""'season2', 'temporada3': the word and its number typed as one."""


def message_words(text: str) -> list[str]:
    """The folded words of a message, with its commas and brackets kept as `COMMA` words and
    the ends of its sentences as `STOP` words, its drawn-out letters drawn in ("soooo" is "so")
    and a season's number typed onto its word split off ("season2")."""
    tokens: list[str] = []
    pending = COMMA
    for position, chunk in enumerate(_SEPARATORS.split(_MENTION.sub(COMMA, text))):
        if position % 2:  # a separator: the end of a sentence outweighs a comma after it
            pending = STOP if chunk[0] in "?!.…" or pending == STOP else COMMA
            continue
        chunk_words = [
            part
            for word in words(chunk)
            for part in _NUMBERED.sub(r"\1 \2", _ELONGATED.sub(r"\1", word)).split()
        ]
        if chunk_words:
            tokens.extend([pending, *chunk_words] if tokens else chunk_words)
            pending = COMMA
    return tokens[:MAX_MESSAGE_WORDS]


def read_language(tokens: list[str]) -> tuple[str, list[str], list[str]]:
    """The message's language, its words with that language's question words in English, and
    its words with only the telling ones in English: "cancelaron el camino" keeps its "el"."""
    hits = {lang: sum(t in cues for t in tokens) for lang, cues in LANGUAGE_CUES.items()}
    language = max(hits, key=lambda lang: hits[lang])
    telling = any(t in STRONG_LANGUAGE_CUES[language] for t in tokens)
    if hits[language] < 2 and not telling:
        return "en", tokens, tokens
    vocabulary = LANGUAGES[language]
    if language in _ELIDING:
        elided = _ELIDING[language]
        tokens = [part for token in tokens for part in _elided(token, vocabulary, elided)]
    english: list[str] = []
    partly: list[str] = []
    for token, phrase in _phrased(tokens, language):
        translated = phrase.split() if phrase is not None else vocabulary.get(token, token).split()
        english.extend(translated)
        partly.extend([token] if token in _TITLE_PARTICLES[language] else translated)
    return language, english, partly


_BARE = frozenset({None, "", "a", "of", "in", "on", "and", "or"})
"""What the rest of a word must not be for its first letters to be an elided particle: a word
the language does not know, or an article ("l'una" is more likely "luna")."""
_ELIDING = {"fr": ("qu", "l", "d", "j", "c", "s", "n", "m", "t"), "it": ("l", "d", "un")}
"""Languages whose articles and pronouns lose their vowel before a word ("l'histoire"), which
the folded words join into one ("lhistoire")."""


def _elided(token: str, vocabulary: dict[str, str], particles: tuple[str, ...]) -> list[str]:
    """'lhistoire' is 'l' 'histoire' when the language knows 'histoire' and not 'lhistoire'."""
    if token in vocabulary:
        return [token]
    for particle in particles:
        rest = token[len(particle) :]
        if token.startswith(particle) and len(rest) > 2 and vocabulary.get(rest) not in _BARE:
            return [particle, rest]  # not "luna": "l" before an article is no elision
    return [token]


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
    plain = [t for t in tokens if t not in BREAKS]
    if not plain:
        return SmallTalk.HELP
    said = set(plain)
    others = [t for t in plain if t not in SMALL_TALK_WORDS and t not in CHATTER]
    if plain[0] in _OPENING_GREETINGS and set(others) <= {plain[0]}:
        return SmallTalk.GREETING  # "welcome back everyone!!", not "is welcome good"
    if others and not _to_the_bot(said, others):
        return None
    if {"what", "can"} <= said or {"how", "use"} <= said or {"how", "work"} <= said:
        return SmallTalk.HELP
    if said <= {"what", "whats", "is", "this", "that", "thing", "here"}:
        return SmallTalk.HELP  # "what is this"
    if said & {"you", "u"} and said & {"what", "who"}:
        # "what do you do" asks for help; "what are you", "who made you" about the bot
        return SmallTalk.HELP if "do" in said else SmallTalk.ABOUT_BOT
    for talk in (SmallTalk.ABOUT_BOT, SmallTalk.HELP, SmallTalk.THANKS, SmallTalk.GREETING):
        if said & SMALL_TALK_CUES[talk]:
            return talk
    if said & {"good", "nice", "great", "cool", "awesome"}:
        return SmallTalk.THANKS  # "good bot"
    return None


def small_talk_in_own_words(tokens: list[str], *, no_show_named: bool) -> SmallTalk | None:
    """Small talk in words the phrasebook lacks ("good morning film club", "mornin fam, thx
    for the help earlier", "kamusta bot! ano ba kaya mong gawin?"): a plain cue of small talk
    among everyday words, or any words said to the bot. Asked only once no show was found in
    them and nothing was asked: everyday words that name no show are no question about one,
    and a title the catalogue lacks has words of its own ("die stille stadt")."""
    plain = [t for t in tokens if t not in BREAKS]
    said = set(plain)
    to_the_bot = bool(said & _THE_BOT)
    if not to_the_bot and any(
        t not in common_english()
        and t not in SMALL_TALK_WORDS
        and t not in CHATTER
        and t not in _ABILITIES
        and not t.isdigit()
        for t in plain
    ):
        return None
    if said & _YOU and said & _ABILITIES:
        return SmallTalk.HELP  # "do u do recommendations or just facts?", "u there?"
    for talk in (SmallTalk.ABOUT_BOT, SmallTalk.HELP, SmallTalk.THANKS, SmallTalk.GREETING):
        if said & _PLAIN_CUES[talk]:
            return talk
    if to_the_bot:
        return SmallTalk.ABOUT_BOT
    return SmallTalk.HELP if no_show_named and people_talking(plain) else None


def everyday_talk(tokens: list[str]) -> bool:
    """'how often do you update your data?', 'what's your favourite colour', 'lmaooo jake you
    did NOT just say that': everyday words said to someone ("you"), with no article a name
    could start with and no word that is only ever asked of a show: talk, once no show is
    found in it."""
    said = {t for t in tokens if t not in BREAKS}
    return (
        len(said) >= _EVERYDAY_WORDS
        and bool(said & _YOU)
        and not said & _NAME_STARTS
        and not said & _SHOW_TOPICS
        and _everyday(said)
    )


def _everyday(said: set[str]) -> bool:
    """Whether every word is an everyday one, and none a number."""
    return not any(t.isdigit() for t in said) and all(
        t in common_english() or t in SMALL_TALK_WORDS or t in CHATTER for t in said
    )


_EVERYDAY_WORDS = 3
_NAME_STARTS = frozenset({"the", "a", "an"})
_SHOW_TOPICS = frozenset(
    "renewed renew renewal cancelled canceled cancel cancellation axed season seasons series "
    "show shows tv episode episodes finale cast actor actress actors plays played starring "
    "premiere premiered release released aired filmed based plot spoiler spoilers cliffhanger "
    "sequel movie movies film films comedy thriller horror documentary status returning news "
    "still yet ending ended character characters director directed creator created about".split()
)
"""Words only ever asked of a show: a question that has one is about a show, found or not."""


def people_talking(tokens: list[str]) -> bool:
    """'brb dinner', 'my mom keeps calling me, one sec', 'home alone tonight and bored, anyone
    up for a watch party?': people talking among themselves in everyday words, asking nothing
    of a show, which the help answers without a word of blame."""
    said = {t for t in tokens if t not in BREAKS}
    return bool(said & _TALKING) and not said & _ASKS_OF_A_SHOW and _everyday(said)


_OPENING_GREETINGS = frozenset({"welcome"})
"""Greetings only when they open a message of small talk: each is a film's title too."""
_ASKS_OF_A_SHOW = (
    QUESTION_WORDS
    | ASKING_WORDS
    | frozenset("still yet show shows series movie movies film films stuff".split())
)
"""Words that ask about a show, whose name is then everyday words the catalogue lacks ("abbott
elementary STILL on?", "house of the dragon still a thing"): no small talk without a cue."""
_TALKING = frozenset(
    "i im me my mine you youre ur we us our anyone everyone brb gtg afk ugh lol lmao haha".split()
)
"""Words of people talking, which a bare title the catalogue lacks ("the watcher kingdom") has
not."""
_COMPLIMENTS = frozenset("genius legend goat best helpful useful lifesaver gg".split())
_PLAIN_CUES = {
    talk: (cues | (_COMPLIMENTS if talk is SmallTalk.THANKS else frozenset()))
    - frozenset(
        "ok okay k kk cool nice lol haha wow up made created built real human person "
        "computer smart clever how works work use usa usar uso".split()
    )
    for talk, cues in SMALL_TALK_CUES.items()
}
"""The cues that say small talk on their own, among any everyday words: not "ok", "lol",
"made" or "how", which chatter about a show is full of too."""
_THE_BOT = frozenset("bot bots showbot robot".split())
_YOU = frozenset("you u ur your youre yourself ya".split())
_ABILITIES = frozenset(
    "know do info information recommend recommends recommendations recomendations recs facts "
    "there smart able understand speak search find answer date updated languages".split()
)
"""What people ask the bot it can do ("do you know about films", "how up to date is ur
info"): with "you", about the bot rather than a show."""


def _to_the_bot(said: set[str], others: list[str]) -> bool:
    """'this bot is trash lol', 'gracias crack', 'thanks that helped a ton': said to the bot,
    with a word or two of its own, and nothing that asks about a show."""
    addressed = said & (SMALL_TALK_CUES[SmallTalk.THANKS] | SMALL_TALK_CUES[SmallTalk.ABOUT_BOT])
    asks = said & (QUESTION_WORDS | ASKING_WORDS)
    return bool(addressed) and not asks and len(others) <= _OWN_WORDS


def without_pleasantries(tokens: list[str]) -> list[str]:
    """'hey, is x cancelled? thanks': the greeting and the thanks are not the question."""
    pleasantries = SMALL_TALK_CUES[SmallTalk.GREETING] | SMALL_TALK_CUES[SmallTalk.THANKS]
    start, end = 0, len(tokens)
    while start < end and (tokens[start] in pleasantries or tokens[start] in BREAKS):
        start += 1
    while end > start and (tokens[end - 1] in pleasantries or tokens[end - 1] in BREAKS):
        end -= 1
    end = _before_sign_off(tokens, start, end)
    return tokens[start:end] if start < end else tokens


def _before_sign_off(tokens: list[str], start: int, end: int) -> int:
    """Where a polite message's sign-off begins ("… thank you kindly", "… regards, ted"),
    or `end` when it has none."""
    cut = end
    if end - start > 2 and tokens[end - 2] in BREAKS and tokens[end - 3] in SIGN_OFF_STARTS:
        cut = end - 3  # "regards, ted": a name after the sign-off
    elif end - start > 1 and tokens[end - 2] in SIGN_OFF_STARTS and tokens[end - 1] not in GLUE:
        cut = end - 2  # "cheers ted"
    while cut > start and (tokens[cut - 1] in SIGN_OFF_WORDS or tokens[cut - 1] in BREAKS):
        cut -= 1
    signed = any(t in SIGN_OFF_STARTS for t in tokens[cut:end])
    return cut if signed and cut > start else end


_SPELLED_WORDS = frozenset(w for w in QUESTION_WORDS | ASKING_WORDS if len(w) >= 5)
_OWN_WORDS = 2
"""Words of its own that a thanks or a remark to the bot may carry and still be small talk."""
_KNOWN_WORDS = QUESTION_WORDS | ASKING_WORDS | FRAME_WORDS | FILLER_WORDS | GLUE | SMALL_TALK_WORDS
"""Words spelled as a question has them: never read as another."""
_MIN_MISSPELLED = 4
"""Question words misspelled by a letter are read as meant from this many letters on."""


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


_SHORT_SPELLED = frozenset(w for w in QUESTION_WORDS | ASKING_WORDS if len(w) == _MIN_MISSPELLED)
_BY_DELETION: dict[str, set[str]] = {}
for _word in _SPELLED_WORDS:
    for _deleted in _deletions(_word):
        _BY_DELETION.setdefault(_deleted, set()).add(_word)


def as_spoken(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    """The words with each spoken form of a question word read as the word ("whyd", "szn",
    "wat"), unless a stored title has it."""
    return [
        token if token not in SPOKEN_FORMS or known(token) else SPOKEN_FORMS[token]
        for token in tokens
    ]


def spelled_right(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    """The words with each misspelled question word read as meant ("creatd", "saeson",
    "renewd"): a word no stored title has, one edit of any letter from a question word."""
    return [_spelled_right(token, known) for token in tokens]


def _spelled_right(token: str, known: Callable[[str], bool]) -> str:
    if len(token) < _MIN_MISSPELLED or token in _KNOWN_WORDS or not token.isalpha():
        return token
    dropped_g = token.endswith("in") and token + "g" in _KNOWN_WORDS
    if dropped_g and token + "g" in STATUS_WORDS:
        return token + "g"  # "comin back": the question's, whatever title says "Comin'"
    if known(token):
        return token
    if dropped_g:
        return token + "g"  # "askin", "talkin": the g dropped
    near = {w for d in _deletions(token) for w in _BY_DELETION.get(d, ())}
    close = sorted(w for w in near if OSA.distance(token, w) == 1)
    if not close:  # "bakc", "whta": two letters swapped in a shorter question word
        swapped = (
            token[:i] + token[i + 1] + token[i] + token[i + 2 :] for i in range(len(token) - 1)
        )
        close = sorted(w for w in swapped if w in _SHORT_SPELLED)
    return close[0] if close else token  # "creatd": "create" or "created", one question
