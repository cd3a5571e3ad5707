"""How well one stored name fits one question.

A name is lined up against the question's words, rarest word first, and scores by how much of
its weight the question covers against how much of the question it leaves unexplained.
Question words ("is", "cancelled", "season 2") and hints (a year, a network) explain
themselves; any other word left over counts against the name. Then come the corrections
that tell near misses apart: sequel numbers, stray words next to the name, a year or network
that does or does not match.

`TitleSpans` judges names another way, for questions no name fits well: how many edits of
any kind turn the run of the question that holds its title words into the name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bot.matching.english import common_english
from bot.matching.questions import AFTER_TITLES, BEFORE_TITLES, NETWORKS, WordRole
from bot.matching.store import NameStore
from bot.matching.text import LEADING_ARTICLES, another_ending, edits_between
from bot.matching.tuning import (
    EXPLAINED_WORD_BONUS,
    EXPLAINED_WORDS_BONUS_CAP,
    EXTRA_ARTICLE_PENALTY,
    FILLER_SHARE,
    LONG_NAME,
    LONG_NAME_EDITS,
    LOOSE_WORD_PENALTY,
    MIN_EDITED_WORD,
    MISSING_NUMBER_PENALTY,
    NETWORK_MATCH_BONUS,
    NETWORK_MISMATCH_PENALTY,
    NUMBER_SHARE,
    SEQUEL_NUMBER_PENALTY,
    SHORT_NAME_EDITS,
    SPAN_EXTENSION,
    STRAY_WORD_PENALTY,
    YEAR_MATCH_BONUS,
    YEAR_MISMATCH_PENALTY,
)

_FREE_ROLES = (
    WordRole.QUESTION,
    WordRole.SEASON,
    WordRole.FRAME,
    WordRole.NETWORK,
    WordRole.YEAR,
)
_LOOSE_ROLES = (WordRole.QUESTION, WordRole.FRAME, WordRole.FILLER)
_EVERYDAY_ROLES = (WordRole.QUESTION, WordRole.SEASON, WordRole.FRAME, WordRole.FILLER)


class QuestionScorer:
    """Scores stored names against one question: its words, with what the index worked out
    about them, shared by every name scored against it."""

    def __init__(
        self,
        store: NameStore,
        tokens: list[str],
        roles: list[WordRole],
        matches: list[dict[str, float]],
        completing: bool,
    ) -> None:
        self.store = store
        self.tokens = tokens
        self.roles = roles
        self.completing = completing
        self._idf: dict[str, float] = {}
        self._scores: dict[tuple[str, float, bool], tuple[float, frozenset[int]]] = {}
        self.where: dict[str, list[tuple[int, float]]] = {}
        """Stored word -> the question's positions it may stand for, with the similarity."""
        for position, found in enumerate(matches):
            for stored, similarity in found.items():
                self.where.setdefault(stored, []).append((position, similarity))
        self.weights = [
            max((self.idf(t) * s for t, s in found.items()), default=self.idf(token))
            if found and not store.knows(token)
            else self.idf(token)
            for token, found in zip(tokens, matches, strict=True)
        ]
        """How much each word of the question weighs, by how rare it (or what it stands for) is."""
        self.numbers = [
            p
            for p, (t, r) in enumerate(zip(tokens, roles, strict=True))
            if r is WordRole.NUMBER or (r is WordRole.QUESTION and t.isdigit())
        ]
        self.years = [int(t) for t, r in zip(tokens, roles, strict=True) if r is WordRole.YEAR]
        self.networks = [
            NETWORKS[t] for t, r in zip(tokens, roles, strict=True) if r is WordRole.NETWORK
        ]

    def idf(self, token: str) -> float:
        weight = self._idf.get(token)
        if weight is None:
            weight = self._idf[token] = self.store.idf(token)
        return weight

    def score(self, text: str, weight: float, film: bool) -> tuple[float, frozenset[int]]:
        """How well a stored name fits, and the positions of the words it explains. Names that
        share their text, weight and kind (a thousand "NOVA: …" episodes) are worked out once."""
        known = self._scores.get((text, weight, film))
        if known is None:
            known = self._scores[(text, weight, film)] = _score_name(text, weight, film, self)
        return known

    def hint_adjustment(self, year: int | None, network: str | None) -> float:
        """What a show's year and network make of the ones the question mentions."""
        adjustment = 0.0
        if self.years and year is not None:
            adjustment += YEAR_MATCH_BONUS if year in self.years else -YEAR_MISMATCH_PENALTY
        if self.networks and network:
            network = network.casefold()
            matched = any(n.casefold() in network or network in n.casefold() for n in self.networks)
            adjustment += NETWORK_MATCH_BONUS if matched else -NETWORK_MISMATCH_PENALTY
        return adjustment


@dataclass(slots=True)
class Alignment:
    """How one name lines up with the words of one question."""

    key_tokens: list[str]
    used: list[float]
    """For each word of the question, how well the name accounts for it (0: not at all)."""
    total: float
    covered: float
    first: int
    last: int
    missing_number: bool


def align(text: str, question: QuestionScorer) -> Alignment:
    """Which words of the question each word of a name stands for, and how well."""
    key_tokens = text.split()
    used = [0.0] * len(question.tokens)
    total = covered = 0.0
    missing_number = False
    chosen: list[int] = []
    # The rarest words first: they anchor the name in the question, and each common word
    # ("a", "of") then takes the place nearest to them, not the first it finds.
    weighted = sorted(((question.idf(t), t) for t in key_tokens), reverse=True)
    for weight, key_token in weighted:
        total += weight
        best, best_at, best_distance = 0.0, -1, 0
        for position, similarity in question.where.get(key_token, ()):
            if used[position]:
                continue
            distance = min((abs(position - c) for c in chosen), default=0)
            if similarity > best or (similarity == best and distance < best_distance):
                best, best_at, best_distance = similarity, position, distance
        if best_at >= 0:
            used[best_at] = best
            covered += weight * best
            chosen.append(best_at)
        elif key_token.isdigit():
            missing_number = True
    return Alignment(
        key_tokens=key_tokens,
        used=used,
        total=total,
        covered=covered,
        first=min(chosen, default=-1),
        last=max(chosen, default=-1),
        missing_number=missing_number,
    )


def _score_name(
    text: str, weight: float, film: bool, question: QuestionScorer
) -> tuple[float, frozenset[int]]:
    fit = align(text, question)
    used, roles = fit.used, question.roles
    explained = frozenset(p for p, u in enumerate(used) if u)
    if fit.total == 0.0 or fit.covered == 0.0:
        return 0.0, explained
    if question.completing:
        return _completion_score(fit, question) * weight, explained
    score = fit.covered / (fit.total + _leftover(fit, question)) * weight
    if (
        fit.first > 0
        and question.tokens[fit.first - 1] in LEADING_ARTICLES
        and fit.key_tokens[0] not in LEADING_ARTICLES
        and not used[fit.first - 1]
    ):
        score -= EXTRA_ARTICLE_PENALTY
    if fit.missing_number:
        score -= MISSING_NUMBER_PENALTY
    score -= STRAY_WORD_PENALTY * _stray_neighbours(fit, question)
    added_number = any(p > fit.last and not used[p] for p in question.numbers)
    if added_number and (film or question.store.has_numbered_siblings(text)):
        score -= SEQUEL_NUMBER_PENALTY
    explained_roles = [roles[p] for p in explained]
    if all(role in _EVERYDAY_ROLES for role in explained_roles):
        loose = sum(1 for p, u in enumerate(used) if not u and roles[p] is not WordRole.YEAR)
        score -= LOOSE_WORD_PENALTY * loose
    everyday = sum(1 for role in explained_roles if role in _EVERYDAY_ROLES)
    score += min(EXPLAINED_WORDS_BONUS_CAP, EXPLAINED_WORD_BONUS * everyday)
    return score, explained


def _stray_neighbours(fit: Alignment, question: QuestionScorer) -> int:
    """Question words right next to the name that questions do not put there."""
    tokens, roles, used = question.tokens, question.roles, fit.used
    stray = 0
    before, after = fit.first - 1, fit.last + 1
    if before >= 0 and not used[before] and roles[before] in _LOOSE_ROLES:
        stray += tokens[before] not in BEFORE_TITLES
    if after < len(tokens) and not used[after] and roles[after] in _LOOSE_ROLES:
        stray += tokens[after] not in AFTER_TITLES
    return stray


def _leftover(fit: Alignment, question: QuestionScorer) -> float:
    """The weight of the question's words that the name leaves unexplained."""
    leftover = 0.0
    for position, role in enumerate(question.roles):
        if fit.used[position] or role in _FREE_ROLES:
            continue
        if role is WordRole.CONTENT:
            leftover += question.weights[position]
        elif role is WordRole.FILLER:
            leftover += FILLER_SHARE * question.weights[position]
        elif role is WordRole.NUMBER:
            leftover += NUMBER_SHARE * fit.total
    return leftover


def _completion_score(fit: Alignment, question: QuestionScorer) -> float:
    """For a half-typed title: how much of what was typed the name explains.

    The rest of the name is still to come, so it costs only a little.
    """
    typed = explained = 0.0
    for position, role in enumerate(question.roles):
        if fit.used[position] or role in (WordRole.CONTENT, WordRole.NUMBER):
            typed += question.weights[position]
            explained += question.weights[position] * fit.used[position]
    if typed == 0.0:
        return 0.0
    return explained / typed * (0.85 + 0.15 * fit.covered / fit.total)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of the question's words that could be a whole title."""

    text: str
    start: int
    end: int
    head: str = ""
    """The question words the run takes in before the title's own words ("the "), which
    the name must start with as they are: a question word is not a title word mistyped."""
    tail: str = ""
    """The same after the title's own words (" of")."""


class TitleSpans:
    """The runs of one question that could be the title it asks about, and how many edits
    of any kind each name is from the nearest of them.

    A run holds every word of the question that could only be a title's (whatever a question
    wraps around a title is left out), and may take in question words next to them, which
    titles have too ("the", "of", "is"). A run must not start right after an article or sit
    next to a word questions do not put beside a title: those belong to the name.
    """

    def __init__(self, store: NameStore, tokens: list[str], roles: list[WordRole]) -> None:
        self.store = store
        titled = [p for p, role in enumerate(roles) if role not in _FREE_ROLES]
        spans: list[Span] = []
        if any(roles[p] is WordRole.CONTENT for p in titled):
            first, last = titled[0], titled[-1] + 1
            for start in range(max(0, first - SPAN_EXTENSION), first + 1):
                for end in range(last, min(len(tokens), last + SPAN_EXTENSION) + 1):
                    if _stands_alone(tokens, roles, start, end):
                        head = "".join(t + " " for t in tokens[start:first])
                        tail = "".join(" " + t for t in tokens[last:end])
                        text = " ".join(tokens[start:end])
                        spans.append(Span(text, start, end, head, tail))
        spans.sort(key=lambda span: len(span.text))
        self.spans = spans
        self._lengths = [len(span.text) for span in spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def edits_to(self, name: str, title: str = "") -> tuple[int, Span] | None:
        """The fewest edits that turn a run of the question into `name`, with that run, when
        they are within what a name that long may be typed with: as long as its `title`, when
        it is the title without its article ("imprefcts" for The Imperfects)."""
        most = max(edit_budget(name), edit_budget(title))
        low = bisect_left(self._lengths, len(name) - most)
        high = bisect_right(self._lengths, len(name) + most)
        best: tuple[int, Span] | None = None
        for span in self.spans[low:high]:
            if not (name.startswith(span.head) and name.endswith(span.tail)):
                continue
            edits = edits_between(span.text, name, most)
            if edits > most or (best is not None and edits >= best[0]):
                continue
            if edits and not self._could_be_typed_for(span.text, name, most):
                continue
            best = (edits, span)
            if edits == 0:
                break
        return best

    def _could_be_typed_for(self, typed: str, name: str, most: int) -> bool:
        """Whether the words that differ could be the name's words mistyped: not another
        number ("stuart little" is not "Stuart Little 2"), and each word as `_mistyped` says;
        in a short name, only words as many as the name's."""
        typed_words, name_words = typed.split(), name.split()
        if [w for w in typed_words if w.isdigit()] != [w for w in name_words if w.isdigit()]:
            return False
        short = most == SHORT_NAME_EDITS
        if len(typed_words) != len(name_words):
            return not short
        return all(
            typed_word == name_word or self._mistyped(typed_word, name_word, short)
            for typed_word, name_word in zip(typed_words, name_words, strict=True)
        )

    def _mistyped(self, typed: str, meant: str, short: bool) -> bool:
        """Whether `typed` could be `meant` mistyped. Not with an ending added ("brothers"
        is another word than "Brother"; a last letter left out is a typo). Not as a word the
        catalogue knows or a common English word, when the name is short ("the woods" is
        not "The Goods", "silo" not "Solo") or the word
        took two edits ("into the wild" is not "Into the Wind"): then it is meant as typed.
        And in a short name, only in a word of MIN_EDITED_WORD letters or more."""
        if len(typed) > len(meant) and another_ending(typed, meant):
            return False
        if short and len(meant) < MIN_EDITED_WORD:
            return False
        if self.store.knows(typed) or typed in common_english():
            return not short and edits_between(typed, meant, 1) < 2
        return True


def edit_budget(name: str) -> int:
    """How many edits of any kind a name may be typed with and still be named."""
    return LONG_NAME_EDITS if len(name) >= LONG_NAME else SHORT_NAME_EDITS


def _stands_alone(tokens: list[str], roles: list[WordRole], start: int, end: int) -> bool:
    """Whether the words right before and after a run leave it a title on its own."""
    if start > 0:
        before = tokens[start - 1]
        if before in LEADING_ARTICLES:
            return False
        if roles[start - 1] in _LOOSE_ROLES and before not in BEFORE_TITLES:
            return False
    after = tokens[end] if end < len(tokens) else ""
    return not (after and roles[end] in _LOOSE_ROLES and after not in AFTER_TITLES)
