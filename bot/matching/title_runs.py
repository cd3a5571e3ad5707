"""Where titles sit among a message's words: runs of title-like words, the chatter trimmed
from their ends, and the spans of a rambling message that may be a title typed exactly."""

from __future__ import annotations

from collections.abc import Callable

from bot.matching.index import Candidate
from bot.matching.intents import IntentReading
from bot.matching.message import BREAKS
from bot.matching.phrasebook import (
    ASKING_WORDS,
    CHART_SIZES,
    CHATTER,
    GLUE,
    SLANG_STATUS,
    TITLE_CONTINUERS,
)
from bot.matching.questions import WordRole, word_roles
from bot.matching.text import without_article

RUN_ROLES = frozenset({WordRole.CONTENT, WordRole.NUMBER, WordRole.FILLER})
"""Roles of the words a run of title-like words is made of."""
_RUN_JOINERS = frozenset("the of a an and to in on at for from with de la le el".split())
_STRIPPABLE = (
    CHATTER
    | frozenset(SLANG_STATUS)
    | frozenset(
        "they them it its he she someone anyone u you i with if whether from to at on in of "
        "for by that this these those de del di da du des della".split()
    )
)
"""Words trimmed from the ends of a run: chatter, slang, pronouns, prepositions."""
_STARTS_TITLES = frozenset({"one"})
"""Chatter at a run's end ("which ONE") that begins titles at its start ("ONE piece")."""
_KINDS = frozenset("movie film show series serie serial sitcom documentary docuseries".split())
"""What a show is, said before its name ("the SERIE invisible city", "the MOVIE roma")."""
_ASKING_ROLES = frozenset({WordRole.QUESTION, WordRole.FRAME})
SHORT_RUN = 2
"""Words in a leftover run that may be chatter ("for good", "it true") rather than a title."""
SPAN_WORDS = 6
"""The longest title looked for inside a rambling message, in words."""
ARTICLES = frozenset({"the", "a", "an"})
_VERB_ENDINGS = ("ed", "ing", "s")
_VERB_LETTERS = 4
_SENTENCE_GOES_ON = frozenset(
    "like lol lmao it its i me my you u we they he she this that so just anyone someone "
    "everyone anybody somebody everybody people him her them us one two weeks days months "
    "years ages hours minutes".split()
)
"""Words after "in", "of"… that say the sentence went on, not a longer name ("in LIKE 2 days")."""
_SENTENCE_NOUNS = frozenset("same other whole world top end show series movie film netflix".split())
"""Words after "in the", "from the"… that a sentence goes on with, not a longer name."""
_TIMES = frozenset("night week weekend month year time season".split())


def without_asking(tokens: list[str], slang: bool = True) -> list[str]:
    """The words with slang read as English and the words that ask dropped ("top 10" too)."""
    kept: list[str] = []
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        previous = tokens[position - 1] if position else ""
        if token in ASKING_WORDS or (token == "top" and following in CHART_SIZES):
            continue
        if previous == "top" and token in CHART_SIZES:
            continue
        kept.append(SLANG_STATUS.get(token, token) if slang else token)
    return kept


def glued_spans(
    run: list[str], whole_name: Callable[[list[str], str], bool]
) -> list[tuple[int, int, bool]]:
    """Spans of a run that start with a title-like word, at most `SPAN_WORDS` words, "the"
    taken along in front; each says whether it also ends where a name may end (before glue, or
    the run's end) after glue or a verb. A span that does not ("partner track SURVIVE", "would
    RECOMMEND partner track") is a name only when exactly typed in several words: see
    `names_span`. `whole_name(span, following)` says where a name is whole before a word that
    could carry another on ("the imperfects ON discord": no stored name goes on so)."""
    spans: list[tuple[int, int, bool]] = []
    for start in range(len(run)):
        first = start - 1 if start and run[start - 1] in ARTICLES else start
        if run[start] in GLUE:
            continue
        # After a word that may be the name's own ("the last KINGDOM"), only a whole name of
        # several words typed exactly ("would recommend PARTNER TRACK to anyone")
        after_a_word = bool(first) and not _starts_a_name_after(run[first - 1])
        for end in range(start + 1, min(start + SPAN_WORDS, len(run)) + 1):
            if run[end - 1] in TITLE_CONTINUERS or (run[end - 1] in GLUE and end - start < 2):
                continue  # "dead to ME" may end in glue; not in "the", "of"; a lone word not
            following = run[end] if end < len(run) else None
            ends = _ends_a_name(run, end) or (
                following in TITLE_CONTINUERS and whole_name(run[first:end], following)
            )
            if following in TITLE_CONTINUERS and not ends:
                continue  # "the last summer IN paris"
            if after_a_word and end - start < 2:
                continue
            spans.append((first, end, ends and not after_a_word))
    return spans


def _starts_a_name_after(word: str) -> bool:
    """Whether a name may start after this word: glue, or what looks like a verb ("finished",
    "watching", "swears") that takes a title as its object; not an adjective ("the last
    KINGDOM")."""
    return word in GLUE or (len(word) > _VERB_LETTERS and word.endswith(_VERB_ENDINGS))


def _ends_a_name(run: list[str], end: int) -> bool:
    """Whether a name may end before run[end]: at a glue word, but not at "in", "of"… that go
    on with more name ("the last summer IN PARIS"), unless glue follows ("dahmer in like")."""
    if end >= len(run):
        return True
    following = run[end]
    if (following in ASKING_WORDS and following not in TITLE_CONTINUERS) or following in _KINDS:
        return True  # "is castlevania BASED on the games", "the dahmer SHOW"
    if following in {"last", "this"} and end + 1 < len(run) and run[end + 1] in _TIMES:
        return True  # "… finished partner track LAST NIGHT"
    if following not in GLUE:
        return False
    if following in TITLE_CONTINUERS:
        after = run[end + 1] if end + 1 < len(run) else ""
        then = run[end + 2] if end + 2 < len(run) else ""
        # "dahmer in LIKE 2 days", "atypical at 3AM", "okja and snowpiercer from THE SAME
        # director": the sentence goes on, not the name
        return (
            not after
            or after in _SENTENCE_GOES_ON
            or after[:1].isdigit()
            or after.endswith("ly")  # "partner track in BASICALLY one sitting"
            or (after in ARTICLES and then in _SENTENCE_NOUNS)
        )
    return True


def names_span(match: Candidate, span: list[str], ends: bool) -> bool:
    """Whether a name is the span: every word of it, and typed exactly when it is one word (a
    one-word typo inside chatter is as likely another word: "cousin" is not "Cousins"), or
    when the span does not end where a name may ("dark MATTER" is not "Dark", but "marriage
    story DESTROYED me" is "Marriage Story")."""
    content = [t for t in span if t not in ARTICLES]
    exact = fold_name(match.matched_name) == " ".join(content)
    if len(content) == 1:
        return exact and ends
    if not ends:
        return exact
    return all(position in match.explained for position, t in enumerate(span) if t not in GLUE)


def fold_name(name: str) -> str:
    """A name without its leading article: "the imperfects" and "imperfects" are one."""
    return " ".join(without_article(name.split()))


def title_runs(tokens: list[str], asking_breaks: bool = True) -> list[list[str]]:
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
        elif (role in RUN_ROLES and token not in BREAKS) or (
            token in _RUN_JOINERS and following in RUN_ROLES
        ):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _after_joiners(tokens: list[str], roles: list[WordRole], start: int) -> WordRole | None:
    """The role of the first word from `start` on that is not a joiner ("army OF THE dead")."""
    for position in range(start, len(tokens)):
        if tokens[position] in BREAKS:
            return None
        if tokens[position] not in _RUN_JOINERS:
            return roles[position]
    return None


def trimmed(run: list[str]) -> list[str]:
    """The run without chatter at its ends ("the deal with partner track")."""
    start, end = 0, len(run)
    while start < end and (
        (run[start] in _STRIPPABLE and not (run[start] in _STARTS_TITLES and start + 1 < end))
        or (run[start] in _KINDS and start + 1 < end)
        or (run[start] in ARTICLES and start + 2 < end and run[start + 1] in _KINDS)
        or (run[start] in ARTICLES and start + 1 < end and run[start + 1] in _STRIPPABLE)
        or (run[start] in {"a", "an"} and start + 1 < end)  # "a watcher s2"
    ):
        start += 1
    while end > start and (
        run[end - 1] in _STRIPPABLE or (run[end - 1] in _KINDS and end - start > 1)
    ):
        end -= 1  # "citation MOVIE is it based on…"
    return run[start:end]


def is_chatter(run: list[str]) -> bool:
    content = trimmed(run)
    return not content or (
        len(content) <= SHORT_RUN and all(t in CHATTER or t in ARTICLES for t in content)
    )


def subject_words(asked: IntentReading) -> str:
    """What the message called the show, for a not-found answer: its title-like words."""
    if not asked.title_words:
        return ""
    longest: list[str] = []
    for run in title_runs(asked.title_words):
        cut = trimmed(run)
        if len(cut) > len(longest) and not all(t in CHATTER for t in cut):
            longest = cut
    if longest:
        return " ".join(longest)
    # no run of title-like words ("what is the last of us about"): the words, without those
    # that ask, and without the words questions are built of at either end
    said = [t for t in without_asking(asked.title_words, slang=False) if t not in BREAKS]
    asking = [
        role in _ASKING_ROLES and t not in ARTICLES
        for t, role in zip(said, word_roles(said), strict=True)
    ]
    start, end = 0, len(said)
    while start < end and asking[start]:
        start += 1
    while end > start and asking[end - 1]:
        end -= 1
    return " ".join(said[start:end] or [t for t in asked.title_words if t not in BREAKS])
