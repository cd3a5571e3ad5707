"""Which show a person means: an in-memory index over titles, aliases and original titles.

A question is folded into words (see `title_text`), and every stored name ("key") is scored
by how well the question covers it and how much of the question it leaves unexplained.
Question words ("is", "cancelled", "season 2") and hints (a year, a network) explain
themselves; any other word left over counts against the key, which is how a question about
a show that is not in the catalogue ends with no show rather than a wrong one.

Candidates come from three cheap sources, so a query never scans the catalogue:
exact spans of the question looked up as whole keys, posting lists of the question's words
(typos found through a symmetric-delete dictionary), and, for autocomplete, key prefixes
in a sorted list.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from bot.matching.questions import AFTER_TITLES, BEFORE_TITLES, NETWORKS, WordRole, word_roles
from bot.matching.text import (
    LEADING_ARTICLES,
    Shortening,
    fold,
    slip_similarity,
    title_variants,
    words,
)

ACCEPT = 0.84
"""A show is named only when its score reaches this."""
SUGGEST = 0.45
"""Below ACCEPT, a show is still worth suggesting from here."""
COMPLETE_SUGGEST = 0.6
"""Autocomplete offers fuzzy matches from here."""
AMBIGUITY_MARGIN = 0.02
"""Two different shows closer than this are a tie for the asker to settle."""

MAX_QUERY_WORDS = 32
MAX_SPAN = 12
MIN_FUZZY_LENGTH = 4
MIN_TOKEN_SIMILARITY = 0.78
MIN_PREFIX_EXPANSION = 2
REAL_WORD_TYPO_DISCOUNT = 0.92
CANDIDATE_CAP = 4000
COMPLETION_CANDIDATE_CAP = 1500
COMMON_WORD_POSTINGS = 40_000
"""A word in more names than this ("love" at a million titles) finds candidates only alone."""
"""Autocomplete answers on every keystroke: it looks at fewer candidates."""
EXACT_CAP = 250
"""Shows considered for one exact name: a thousand "NOVA" episodes need not all be."""
FINALISTS = 24
COMPLETION_FINALISTS = 16
PREFIX_SCAN = 400
FUZZY_FILL_BELOW = 10

VARIANT_WEIGHTS = {Shortening.NONE: 1.0, Shortening.ARTICLE: 0.97, Shortening.SUBTITLE: 0.95}
"""A shortened name matches a little less than the name itself: "Last Summer" asked, "Last
Summer" wins over "The Last Summer"."""
EXPLAINED_WORD_BONUS = 0.03
"""For each question word a title explains too: "bright star" is "Bright Star", not "Bright"."""
EXPLAINED_WORDS_BONUS_CAP = 0.06

# What the words of a question that a title does not explain cost, against the ~5-9 that a
# rare title word weighs: question words and the words questions are built of nothing,
# everyday words a share of their weight, a bare small number ("scream 2") a fixed amount.
FILLER_SHARE = 0.35
NUMBER_SHARE = 0.15
"""A bare number left over weighs this share of the name it follows: "the witcher 2"."""
# Numbers tell sequels apart. A title's number the question leaves out, or a number the
# question adds to a title that has numbered siblings ("scary movie 5"), means another film.
MISSING_NUMBER_PENALTY = 0.2
SEQUEL_NUMBER_PENALTY = 0.3
STRAY_WORD_PENALTY = 0.25
"""For each question word next to the name where questions do not put one ("the get down")."""
# "the forgotten" asked, only "Forgotten" there: an article the title does not have.
EXTRA_ARTICLE_PENALTY = 0.25
# When a title matched only question and everyday words ("You", "It", "3%"), the other
# such words around it can no longer be waved away.
LOOSE_WORD_PENALTY = 0.05

YEAR_MATCH_BONUS = 0.03
YEAR_MISMATCH_PENALTY = 0.08
NETWORK_MATCH_BONUS = 0.03
NETWORK_MISMATCH_PENALTY = 0.05

_FREE_ROLES = (
    WordRole.QUESTION,
    WordRole.SEASON,
    WordRole.FRAME,
    WordRole.NETWORK,
    WordRole.YEAR,
)
_NUMBERED_PARTS = frozenset({"part", "volume", "vol", "chapter"})
_UNHELPFUL_ROLES = (WordRole.FRAME, WordRole.SEASON, WordRole.YEAR, WordRole.NETWORK)
"""Words that find no title worth finding on their own: every title has "the"."""
_LOOSE_ROLES = (WordRole.QUESTION, WordRole.FRAME, WordRole.FILLER)
_EVERYDAY_ROLES = (WordRole.QUESTION, WordRole.SEASON, WordRole.FRAME, WordRole.FILLER)


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """What the index knows of a show: its names and the hints that tell shows apart."""

    show_id: int
    title: str
    year: int | None = None
    network: str | None = None
    aliases: tuple[str, ...] = ()
    original_title: str | None = None
    status_date: date | None = None
    film: bool = False
    """Films have sequels ("My Girl 2"); a series' number is more often a season."""

    def names(self) -> list[str]:
        """The title, then the aliases and the original title."""
        extra = [self.original_title] if self.original_title else []
        return [self.title, *self.aliases, *extra]


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: TitleEntry
    score: float
    matched_name: str
    """The folded name that matched: the title, a shortening of it, or an alias."""
    explained: frozenset[int] = frozenset()
    """The positions of the question's words that the name accounts for."""


@dataclass(frozen=True, slots=True)
class Resolution:
    query: str
    match: Candidate | None
    """The show meant, when there is one confident answer."""
    candidates: tuple[Candidate, ...]
    """Best first; when `ambiguous`, the shows to choose between."""
    ambiguous: bool = False


@dataclass
class _Keys:
    """Parallel columns, one row per stored name; a removed name leaves a None behind."""

    text: list[str | None] = field(default_factory=list)
    show: array[int] = field(default_factory=lambda: array("q"))
    weight: array[float] = field(default_factory=lambda: array("f"))
    idf_total: array[float] = field(default_factory=lambda: array("f"))


@dataclass(slots=True)
class _Alignment:
    """How one name lines up with the words of one question."""

    key_tokens: list[str]
    used: list[float]
    """For each word of the question, how well the name accounts for it (0: not at all)."""
    total: float
    covered: float
    first: int
    last: int
    missing_number: bool


class _Question:
    """One question's words, with what the index worked out about them, shared by the names
    scored against it."""

    def __init__(
        self,
        index: TitleIndex,
        tokens: list[str],
        roles: list[WordRole],
        matches: list[dict[str, float]],
        completing: bool,
    ) -> None:
        self.tokens = tokens
        self.roles = roles
        self.completing = completing
        self._index = index
        self._idf: dict[str, float] = {}
        self.scores: dict[tuple[str, float, bool], tuple[float, frozenset[int]]] = {}
        self.where: dict[str, list[tuple[int, float]]] = {}
        """Stored word -> the question's positions it may stand for, with the similarity."""
        for position, found in enumerate(matches):
            for stored, similarity in found.items():
                self.where.setdefault(stored, []).append((position, similarity))
        self.weights = [
            max((self.idf(t) * s for t, s in found.items()), default=self.idf(token))
            if found and not index.knows(token)
            else self.idf(token)
            for token, found in zip(tokens, matches, strict=True)
        ]
        """How much each word of the question weighs, by how rare it (or what it stands for) is."""
        self.numbers = [
            p
            for p, (t, r) in enumerate(zip(tokens, roles, strict=True))
            if r is WordRole.NUMBER or (r is WordRole.QUESTION and t.isdigit())
        ]

    def idf(self, token: str) -> float:
        weight = self._idf.get(token)
        if weight is None:
            weight = self._idf[token] = self._index.idf(token)
        return weight


def _name_weight(text: str, idf: Callable[[str], float]) -> float:
    """How much a name's words weigh together: what finding some of them is measured against."""
    return sum(idf(t) for t in text.split())


def _deletes(token: str) -> list[str]:
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


class TitleIndex:
    """Resolves free text to shows and completes partial titles; edited entry by entry."""

    def __init__(self, entries: Iterable[TitleEntry] = ()) -> None:
        self._entries: dict[int, TitleEntry] = {}
        self._entry_keys: dict[int, list[int]] = {}
        self._keys = _Keys()
        self._alive = 0
        self._exact: dict[str, list[int]] = {}
        self._compact: dict[str, list[int]] = {}
        self._postings: dict[str, array[int]] = {}
        self._delete_table: dict[str, list[str]] = {}
        self._vocabulary: list[str] = []
        self._sorted_names: list[str] = []
        self._sorted_name_keys: list[int] = []
        self._recent: list[tuple[int, int]] = []
        self._bulk = False
        self.bulk_load(entries)

    # -- size and content --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, show_id: object) -> bool:
        return show_id in self._entries

    def get(self, show_id: int) -> TitleEntry | None:
        return self._entries.get(show_id)

    # -- editing -------------------------------------------------------------------------

    def bulk_load(self, entries: Iterable[TitleEntry]) -> None:
        """Adds many entries at once: sorting and weighting happen once, at the end."""
        first_key = len(self._keys.text)
        self._bulk = True
        try:
            for entry in entries:
                if entry.show_id in self._entries:
                    self.remove(entry.show_id)
                self._add_keys(entry)
        finally:
            self._bulk = False
        self._vocabulary.sort()
        weights = {token: self.idf(token) for token in self._postings}
        new_names: list[tuple[str, int]] = []
        for key_id in range(first_key, len(self._keys.text)):
            text = self._keys.text[key_id]
            if text is not None:
                self._keys.idf_total[key_id] = _name_weight(text, weights.__getitem__)
                new_names.append((text, key_id))
        new_names.sort()
        stored = zip(self._sorted_names, self._sorted_name_keys, strict=True)
        merged = list(heapq.merge(stored, new_names))
        self._sorted_names = [text for text, _ in merged]
        self._sorted_name_keys = [key_id for _, key_id in merged]

    def upsert(self, entry: TitleEntry) -> None:
        """Adds or replaces one show's entry; costs only that entry's names."""
        if entry.show_id in self._entries:
            self.remove(entry.show_id)
        for key_id in self._add_keys(entry):
            text = self._keys.text[key_id]
            assert text is not None
            self._keys.idf_total[key_id] = _name_weight(text, self.idf)
            self._insert_sorted_name(text, key_id)

    def remove(self, show_id: int) -> None:
        entry = self._entries.pop(show_id, None)
        if entry is None:
            return
        for key_id in self._entry_keys.pop(show_id):
            text = self._keys.text[key_id]
            assert text is not None
            self._keys.text[key_id] = None
            self._keys.idf_total[key_id] = math.inf  # never a candidate again
            self._alive -= 1
            self._drop_from(self._exact, text, key_id)
            self._drop_from(self._compact, text.replace(" ", ""), key_id)
            position = bisect_left(self._sorted_names, text)
            while self._sorted_name_keys[position] != key_id:
                position += 1
            del self._sorted_names[position]
            del self._sorted_name_keys[position]
        if entry.status_date is not None:
            recent = (entry.status_date.toordinal(), show_id)
            position = bisect_left(self._recent, recent)
            if position < len(self._recent) and self._recent[position] == recent:
                del self._recent[position]

    @staticmethod
    def _drop_from(table: dict[str, list[int]], text: str, key_id: int) -> None:
        ids = table.get(text)
        if ids is not None and key_id in ids:
            ids.remove(key_id)
            if not ids:
                del table[text]

    def _add_keys(self, entry: TitleEntry) -> list[int]:
        self._entries[entry.show_id] = entry
        weights: dict[str, float] = {}
        for name in entry.names():
            for variant, shortening in title_variants(name):
                weight = VARIANT_WEIGHTS[shortening]
                text = " ".join(variant)
                weights[text] = max(weight, weights.get(text, 0.0))
        key_ids = []
        for text, weight in weights.items():
            key_id = len(self._keys.text)
            self._keys.text.append(text)
            self._keys.show.append(entry.show_id)
            self._keys.weight.append(weight)
            self._keys.idf_total.append(0.0)
            self._alive += 1
            self._exact.setdefault(text, []).append(key_id)
            compact = text.replace(" ", "")
            if compact != text:
                self._compact.setdefault(compact, []).append(key_id)
            for token in set(text.split()):
                postings = self._postings.get(token)
                if postings is None:
                    postings = self._postings[token] = array("i")
                    self._add_to_vocabulary(token)
                postings.append(key_id)
            key_ids.append(key_id)
        self._entry_keys[entry.show_id] = key_ids
        if entry.status_date is not None:
            insort(self._recent, (entry.status_date.toordinal(), entry.show_id))
        return key_ids

    def _add_to_vocabulary(self, token: str) -> None:
        if self._bulk:
            self._vocabulary.append(token)  # sorted once at the end of the bulk load
        else:
            insort(self._vocabulary, token)
        if len(token) >= MIN_FUZZY_LENGTH - 1:
            for deleted in _deletes(token):
                self._delete_table.setdefault(deleted, []).append(token)

    def _insert_sorted_name(self, text: str, key_id: int) -> None:
        position = bisect_left(self._sorted_names, text)
        self._sorted_names.insert(position, text)
        self._sorted_name_keys.insert(position, key_id)

    # -- weights -------------------------------------------------------------------------

    def knows(self, token: str) -> bool:
        return token in self._postings

    def idf(self, token: str) -> float:
        """How rare a stored word is: rare words say more about which title is meant."""
        postings = self._postings.get(token)
        frequency = len(postings) if postings is not None else 0
        return math.log(1.0 + (self._alive + 1) / (frequency + 1))

    # -- matching words --------------------------------------------------------------------

    def _similar_tokens(self, token: str) -> dict[str, float]:
        """Stored words within one edit of `token` (a swap of neighbours counts as one)."""
        found: dict[str, float] = {}
        if len(token) < MIN_FUZZY_LENGTH:
            return found
        probes = [token, *_deletes(token)]
        for probe in probes:
            for stored in self._delete_table.get(probe, ()):
                if stored in found or stored == token:
                    continue
                similarity = slip_similarity(token, stored)
                if similarity >= MIN_TOKEN_SIMILARITY:
                    found[stored] = similarity
            if probe in self._postings and probe != token and probe not in found:
                similarity = slip_similarity(token, probe)
                if similarity >= MIN_TOKEN_SIMILARITY:
                    found[probe] = similarity
        return found

    def _prefixed_tokens(self, prefix: str, limit: int = 48) -> dict[str, float]:
        found: dict[str, float] = {}
        position = bisect_left(self._vocabulary, prefix)
        while position < len(self._vocabulary) and len(found) < limit:
            token = self._vocabulary[position]
            if not token.startswith(prefix):
                break
            found[token] = 0.8 + 0.2 * len(prefix) / len(token)
            position += 1
        return found

    def _word_matches(
        self, tokens: list[str], roles: list[WordRole], completing: bool
    ) -> list[dict[str, float]]:
        """For each word of the question, the stored words it may stand for, and how well."""
        matches: list[dict[str, float]] = []
        for position, (token, role) in enumerate(zip(tokens, roles, strict=True)):
            found: dict[str, float] = {}
            if role is WordRole.SEASON:
                matches.append(found)  # a season number is never part of the title
                continue
            if completing and position == len(tokens) - 1 and len(token) >= MIN_PREFIX_EXPANSION:
                found.update(self._prefixed_tokens(token))
            known = token in self._postings
            if not known or role is WordRole.CONTENT:
                # A slip can turn one real word into another ("weeds" typed "weds").
                discount = REAL_WORD_TYPO_DISCOUNT if known else 1.0
                for stored, similarity in self._similar_tokens(token).items():
                    found[stored] = max(similarity * discount, found.get(stored, 0.0))
            if known:
                found[token] = 1.0
            matches.append(found)
        return matches

    # -- scoring -------------------------------------------------------------------------

    def _candidate_keys(
        self,
        tokens: list[str],
        matches: list[dict[str, float]],
        roles: list[WordRole],
        completing: bool,
    ) -> set[int]:
        """The few stored names worth scoring: exact spans of the question, then the names
        that share the most of its rarer words."""
        cap = COMPLETION_CANDIDATE_CAP if completing else CANDIDATE_CAP
        finalists = COMPLETION_FINALISTS if completing else FINALISTS
        chosen: set[int] = set()
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + MAX_SPAN) + 1):
                span = tokens[start:end]
                chosen.update(self._exact.get(" ".join(span), ())[:EXACT_CAP])
                if end - start > 1:
                    chosen.update(self._compact.get("".join(span), ())[:EXACT_CAP])
        weights: dict[str, float] = {}
        best_readings: set[str] = set()
        for found, role in zip(matches, roles, strict=True):
            if role in _UNHELPFUL_ROLES or not found:
                continue
            best = max(found.values())
            for stored, similarity in found.items():
                value = similarity * self.idf(stored)
                if role is not WordRole.CONTENT:
                    value *= 0.5
                weights[stored] = max(value, weights.get(stored, 0.0))
                if similarity == best:
                    best_readings.add(stored)
        # Each word's best reading first, rarest first; other readings ("adam" read as "aram")
        # only while the budget lasts. A very common word is left out once others have found
        # something: it would add thousands of names and little to tell them apart.
        by_rarity = sorted(weights, key=lambda t: len(self._postings[t]))
        ordered = [t for t in by_rarity if t in best_readings]
        ordered += [t for t in by_rarity if t not in best_readings]
        postings: list[np.ndarray] = []
        values: list[float] = []
        gathered = 0
        for stored in ordered:
            listed = self._postings[stored]
            over = gathered + len(listed) > cap
            common = len(listed) > COMMON_WORD_POSTINGS
            if postings and over and (stored not in best_readings or common):
                continue
            postings.append(np.frombuffer(listed, dtype=np.int32))
            values.append(weights[stored])
            gathered += len(listed)
        if postings:
            ids = np.concatenate(postings)
            each = np.repeat(np.asarray(values, dtype=np.float64), [len(p) for p in postings])
            keys, where = np.unique(ids, return_inverse=True)
            sums = np.bincount(where, weights=each)
            totals = np.frombuffer(self._keys.idf_total, dtype=np.float32)[keys]
            coverage = sums / np.maximum(totals, 1e-6)
            if len(keys) > finalists:
                keys = keys[np.argpartition(-coverage, finalists)[:finalists]]
            chosen.update(keys.tolist())
        return {k for k in chosen if self._keys.text[k] is not None}

    def _align(self, text: str, question: _Question) -> _Alignment:
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
        return _Alignment(
            key_tokens=key_tokens,
            used=used,
            total=total,
            covered=covered,
            first=min(chosen, default=-1),
            last=max(chosen, default=-1),
            missing_number=missing_number,
        )

    def _score_key(self, key_id: int, question: _Question) -> tuple[float, frozenset[int]]:
        """How well one stored name fits the question; names that share their text, weight
        and kind (a thousand "NOVA: …" episodes) are worked out once."""
        text = self._keys.text[key_id]
        assert text is not None
        film = self._entries[self._keys.show[key_id]].film
        weight = self._keys.weight[key_id]
        known = question.scores.get((text, weight, film))
        if known is None:
            known = question.scores[(text, weight, film)] = self._score_name(
                text, weight, film, question
            )
        return known

    def _score_name(
        self, text: str, weight: float, film: bool, question: _Question
    ) -> tuple[float, frozenset[int]]:
        fit = self._align(text, question)
        used, roles = fit.used, question.roles
        explained = frozenset(p for p, u in enumerate(used) if u)
        if fit.total == 0.0 or fit.covered == 0.0:
            return 0.0, explained
        if question.completing:
            return self._completion_score(fit, question) * weight, explained
        score = fit.covered / (fit.total + self._leftover(fit, question)) * weight
        if (
            fit.first > 0
            and question.tokens[fit.first - 1] in LEADING_ARTICLES
            and fit.key_tokens[0] not in LEADING_ARTICLES
            and not used[fit.first - 1]
        ):
            score -= EXTRA_ARTICLE_PENALTY
        if fit.missing_number:
            score -= MISSING_NUMBER_PENALTY
        score -= STRAY_WORD_PENALTY * self._stray_neighbours(fit, question)
        added_number = any(p > fit.last and not used[p] for p in question.numbers)
        if added_number and (film or self._has_numbered_siblings(text)):
            score -= SEQUEL_NUMBER_PENALTY
        explained_roles = [roles[p] for p in explained]
        if all(role in _EVERYDAY_ROLES for role in explained_roles):
            loose = sum(1 for p, u in enumerate(used) if not u and roles[p] is not WordRole.YEAR)
            score -= LOOSE_WORD_PENALTY * loose
        everyday = sum(1 for role in explained_roles if role in _EVERYDAY_ROLES)
        score += min(EXPLAINED_WORDS_BONUS_CAP, EXPLAINED_WORD_BONUS * everyday)
        return score, explained

    def _has_numbered_siblings(self, name: str) -> bool:
        """Whether another stored name is this one plus a number ("part 2"): a series of films."""
        prefix = name + " "
        position = bisect_left(self._sorted_names, prefix)
        for other in self._sorted_names[position : position + 20]:
            if not other.startswith(prefix):
                break
            rest = other[len(prefix) :].split(" ", 2)
            if rest[0].isdigit() or (
                rest[0] in _NUMBERED_PARTS and rest[1:2] and rest[1].isdigit()
            ):
                return True
        return False

    @staticmethod
    def _stray_neighbours(fit: _Alignment, question: _Question) -> int:
        """Question words right next to the name that questions do not put there."""
        tokens, roles, used = question.tokens, question.roles, fit.used
        stray = 0
        before, after = fit.first - 1, fit.last + 1
        if before >= 0 and not used[before] and roles[before] in _LOOSE_ROLES:
            stray += tokens[before] not in BEFORE_TITLES
        if after < len(tokens) and not used[after] and roles[after] in _LOOSE_ROLES:
            stray += tokens[after] not in AFTER_TITLES
        return stray

    @staticmethod
    def _leftover(fit: _Alignment, question: _Question) -> float:
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

    @staticmethod
    def _completion_score(fit: _Alignment, question: _Question) -> float:
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

    @staticmethod
    def _hint_adjustment(entry: TitleEntry, years: list[int], networks: list[str]) -> float:
        adjustment = 0.0
        if years and entry.year is not None:
            adjustment += YEAR_MATCH_BONUS if entry.year in years else -YEAR_MISMATCH_PENALTY
        if networks and entry.network:
            network = entry.network.casefold()
            matched = any(n.casefold() in network or network in n.casefold() for n in networks)
            adjustment += NETWORK_MATCH_BONUS if matched else -NETWORK_MISMATCH_PENALTY
        return adjustment

    def _rank(self, text: str, completing: bool) -> list[Candidate]:
        tokens = words(text)[:MAX_QUERY_WORDS]
        if not tokens or not self._entries:
            return []
        roles = word_roles(tokens)
        matches = self._word_matches(tokens, roles, completing)
        question = _Question(self, tokens, roles, matches, completing)
        years = [int(t) for t, r in zip(tokens, roles, strict=True) if r is WordRole.YEAR]
        networks = [
            NETWORKS[t] for t, r in zip(tokens, roles, strict=True) if r is WordRole.NETWORK
        ]
        best: dict[int, Candidate] = {}
        for key_id in self._candidate_keys(tokens, matches, roles, completing):
            score, explained = self._score_key(key_id, question)
            if score <= 0.0:
                continue
            show_id = self._keys.show[key_id]
            entry = self._entries[show_id]
            score += self._hint_adjustment(entry, years, networks)
            held = best.get(show_id)
            if held is None or score > held.score:
                key_text = self._keys.text[key_id]
                assert key_text is not None
                best[show_id] = Candidate(
                    entry=entry, score=round(score, 4), matched_name=key_text, explained=explained
                )
        return sorted(best.values(), key=lambda c: (-c.score, len(c.entry.title), c.entry.show_id))

    # -- answers -------------------------------------------------------------------------

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """The show a question is about, or none, with the runners-up."""
        ranked = [c for c in self._rank(text, completing=False) if c.score >= SUGGEST]
        if not ranked or ranked[0].score < ACCEPT:
            return Resolution(query=text, match=None, candidates=tuple(ranked[:limit]))
        top = ranked[0]
        tied = [c for c in ranked if top.score - c.score < AMBIGUITY_MARGIN]
        # Of names that fit as well, the one that accounts for more of the question wins:
        # "end of the tour" is "The End of the Tour", not "The Tour".
        tied = [c for c in tied if not any(c.explained < other.explained for other in tied)]
        top = tied[0]
        if len(tied) == 1:
            return Resolution(query=text, match=top, candidates=tuple(ranked[:limit]))
        same_title = {fold(c.entry.title) for c in tied} == {fold(top.entry.title)}
        return Resolution(
            query=text,
            # Remakes share a title: name it, and let the asker pick the year.
            match=top if same_title else None,
            candidates=tuple(tied[: max(limit, 2)]),
            ambiguous=True,
        )

    def complete(self, text: str, limit: int = 25) -> list[TitleEntry]:
        """Titles for an autocomplete box: prefix matches, then fuzzy ones."""
        folded = fold(text)
        if not folded:
            return self.recent(limit)
        prefixed: dict[int, tuple[int, int, str]] = {}
        start = bisect_left(self._sorted_names, folded)
        stop = min(bisect_left(self._sorted_names, folded + "\uffff"), start + PREFIX_SCAN)
        shows = self._keys.show
        for name, key_id in zip(
            self._sorted_names[start:stop], self._sorted_name_keys[start:stop], strict=True
        ):
            show_id = shows[key_id]
            rank = (0 if name == folded else 1, len(name), name)
            held = prefixed.get(show_id)
            if held is None or rank < held:
                prefixed[show_id] = rank
        ordered = sorted(prefixed, key=lambda show_id: prefixed[show_id])[:limit]
        results = [self._entries[show_id] for show_id in ordered]
        # A prefix that already names a handful of titles needs no guesses after them.
        if len(results) < min(limit, FUZZY_FILL_BELOW):
            seen = set(ordered)
            for candidate in self._rank(text, completing=True):
                if candidate.score < COMPLETE_SUGGEST or len(results) >= limit:
                    break
                if candidate.entry.show_id not in seen:
                    seen.add(candidate.entry.show_id)
                    results.append(candidate.entry)
        return results

    def recent(self, limit: int = 25) -> list[TitleEntry]:
        """Shows with the latest status news, newest first, then the latest added."""
        chosen = [show_id for _, show_id in reversed(self._recent[-limit:])]
        if len(chosen) < limit:
            seen = set(chosen)
            for show_id in reversed(self._entries):
                if len(chosen) >= limit:
                    break
                if show_id not in seen:
                    chosen.append(show_id)
        return [self._entries[show_id] for show_id in chosen]
