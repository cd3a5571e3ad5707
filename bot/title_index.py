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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import DamerauLevenshtein

from bot.questions import FILLER_WORDS, NETWORKS, QUESTION_WORDS, WordRole, word_roles
from bot.title_text import fold, title_variants, words

ACCEPT = 0.78
"""A show is named only when its score reaches this."""
SUGGEST = 0.45
"""Below ACCEPT, a show is still worth suggesting from here."""
AMBIGUITY_MARGIN = 0.025
"""Two different shows closer than this are a tie for the asker to settle."""

MAX_QUERY_WORDS = 32
MAX_SPAN = 12
MIN_FUZZY_LENGTH = 4
MIN_TOKEN_SIMILARITY = 0.75
CANDIDATE_CAP = 4000
FINALISTS = 24
PREFIX_SCAN = 400

WEIGHT_NAME = 1.0
WEIGHT_NO_ARTICLE = 0.99
WEIGHT_MAIN_TITLE = 0.95

YEAR_MATCH_BONUS = 0.03
YEAR_MISMATCH_PENALTY = 0.08
NETWORK_MATCH_BONUS = 0.03
NETWORK_MISMATCH_PENALTY = 0.05
NUMBER_LEFTOVER = 1.0
"""What a bare small number left over costs, against a rare word's ~7: "the witcher 2"."""
COMPLETE_SUGGEST = 0.6
MIN_PREFIX_EXPANSION = 2
# When a title is made only of everyday words ("You", "It", "Us"), the words around it in a
# question can no longer be waved away as small talk.
LOOSE_WORD_PENALTY = 0.07

_QUESTION_VOCABULARY = QUESTION_WORDS | FILLER_WORDS


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


@dataclass(frozen=True, slots=True)
class Resolution:
    query: str
    match: Candidate | None
    """The show meant, when there is one confident answer."""
    candidates: tuple[Candidate, ...]
    """Best first; when `ambiguous`, the shows to choose between."""
    ambiguous: bool = False


@dataclass(slots=True)
class _Scored:
    score: float
    key_id: int


@dataclass
class _Keys:
    """Parallel columns, one row per stored name; a removed name leaves a None behind."""

    text: list[str | None] = field(default_factory=list)
    show: array[int] = field(default_factory=lambda: array("q"))
    weight: array[float] = field(default_factory=lambda: array("f"))
    idf_total: array[float] = field(default_factory=lambda: array("f"))


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
        new_names = [
            (text, key_id)
            for key_id in range(first_key, len(self._keys.text))
            if (text := self._keys.text[key_id]) is not None
        ]
        for key_id in range(first_key, len(self._keys.text)):
            self._keys.idf_total[key_id] = self._idf_total(key_id)
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
            self._keys.idf_total[key_id] = self._idf_total(key_id)
            text = self._keys.text[key_id]
            assert text is not None
            self._insert_sorted_name(text, key_id)

    def remove(self, show_id: int) -> None:
        entry = self._entries.pop(show_id, None)
        if entry is None:
            return
        for key_id in self._entry_keys.pop(show_id):
            text = self._keys.text[key_id]
            assert text is not None
            self._keys.text[key_id] = None
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
            for variant, shortened in title_variants(name):
                if shortened:
                    article_only = len(variant) + 1 == len(words(name))
                    weight = WEIGHT_NO_ARTICLE if article_only else WEIGHT_MAIN_TITLE
                else:
                    weight = WEIGHT_NAME
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

    def _idf(self, token: str) -> float:
        postings = self._postings.get(token)
        frequency = len(postings) if postings is not None else 0
        return math.log(1.0 + (self._alive + 1) / (frequency + 1))

    def _idf_total(self, key_id: int) -> float:
        text = self._keys.text[key_id]
        return sum(self._idf(t) for t in text.split()) if text else 0.0

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
                similarity = DamerauLevenshtein.normalized_similarity(token, stored)
                if similarity >= MIN_TOKEN_SIMILARITY:
                    found[stored] = similarity
            if probe in self._postings and probe != token and probe not in found:
                similarity = DamerauLevenshtein.normalized_similarity(token, probe)
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

    def _word_matches(self, tokens: list[str], completing: bool) -> list[dict[str, float]]:
        matches: list[dict[str, float]] = []
        for position, token in enumerate(tokens):
            found: dict[str, float] = {}
            if completing and position == len(tokens) - 1 and len(token) >= MIN_PREFIX_EXPANSION:
                found.update(self._prefixed_tokens(token))
            if token in self._postings:
                found[token] = 1.0
            else:
                for stored, similarity in self._similar_tokens(token).items():
                    found[stored] = max(similarity, found.get(stored, 0.0))
            matches.append(found)
        return matches

    # -- scoring -------------------------------------------------------------------------

    def _candidate_keys(
        self, tokens: list[str], matches: list[dict[str, float]], roles: list[WordRole]
    ) -> set[int]:
        chosen: set[int] = set()
        for start in range(len(tokens)):
            for end in range(start + 1, min(len(tokens), start + MAX_SPAN) + 1):
                span = tokens[start:end]
                chosen.update(self._exact.get(" ".join(span), ()))
                if end - start > 1:
                    chosen.update(self._compact.get("".join(span), ()))
        weights: dict[str, float] = {}
        for found, role in zip(matches, roles, strict=True):
            for stored, similarity in found.items():
                value = similarity * self._idf(stored)
                if role is not WordRole.CONTENT:
                    value *= 0.5
                weights[stored] = max(value, weights.get(stored, 0.0))
        gathered: dict[int, float] = {}
        for stored in sorted(weights, key=lambda t: len(self._postings[t])):
            postings = self._postings[stored]
            weight = weights[stored]
            if len(gathered) >= CANDIDATE_CAP:
                break
            if gathered and len(postings) > CANDIDATE_CAP:
                continue  # a very common word adds nothing a rarer one has not found
            get = gathered.get
            for key_id in postings:
                gathered[key_id] = get(key_id, 0.0) + weight
        idf_total = self._keys.idf_total
        best = heapq.nlargest(
            FINALISTS,
            gathered.items(),
            key=lambda item: item[1] / (idf_total[item[0]] or 1.0),
        )
        chosen.update(key_id for key_id, _ in best)
        return {k for k in chosen if self._keys.text[k] is not None}

    def _score_key(
        self,
        key_id: int,
        tokens: list[str],
        matches: list[dict[str, float]],
        roles: list[WordRole],
        idf_of_query: list[float],
        completing: bool,
    ) -> float:
        text = self._keys.text[key_id]
        assert text is not None
        key_tokens = text.split()
        used = [0.0] * len(tokens)
        total = covered = 0.0
        last = -1
        for key_token in key_tokens:
            weight = self._idf(key_token)
            total += weight
            best, best_at = 0.0, -1
            for position, found in enumerate(matches):
                if used[position]:
                    continue
                similarity = 1.0 if tokens[position] == key_token else found.get(key_token, 0.0)
                # Equal words: keep the title's word order.
                if similarity > best or (
                    similarity == best and similarity > 0 and best_at < last < position
                ):
                    best, best_at = similarity, position
            if best_at >= 0:
                used[best_at] = best
                covered += weight * best
                last = best_at
        if total == 0.0:
            return 0.0
        if completing:
            return self._completion_score(covered / total, used, roles, idf_of_query, key_id)
        leftover = 0.0
        loose_words = 0
        everyday_title = all(t in _QUESTION_VOCABULARY for t in key_tokens)
        for position, role in enumerate(roles):
            if used[position]:
                continue
            if role is WordRole.CONTENT:
                leftover += idf_of_query[position]
            elif role is WordRole.NUMBER:
                leftover += NUMBER_LEFTOVER
            elif everyday_title and role in (WordRole.FILLER, WordRole.QUESTION):
                loose_words += 1
        score = covered / (total + leftover) * self._keys.weight[key_id]
        return score - LOOSE_WORD_PENALTY * loose_words

    def _completion_score(
        self,
        key_coverage: float,
        used: list[float],
        roles: list[WordRole],
        idf_of_query: list[float],
        key_id: int,
    ) -> float:
        """For a half-typed title: how much of what was typed the name explains.

        The rest of the name is still to come, so it costs only a little.
        """
        typed = explained = 0.0
        for position, role in enumerate(roles):
            if used[position] or role in (WordRole.CONTENT, WordRole.NUMBER):
                typed += idf_of_query[position]
                explained += idf_of_query[position] * used[position]
        if typed == 0.0:
            return 0.0
        return explained / typed * (0.85 + 0.15 * key_coverage) * self._keys.weight[key_id]

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
        matches = self._word_matches(tokens, completing)
        idf_of_query = [
            max((self._idf(t) * s for t, s in found.items()), default=self._idf(token))
            if found
            else self._idf(token)
            for token, found in zip(tokens, matches, strict=True)
        ]
        years = [int(t) for t, r in zip(tokens, roles, strict=True) if r is WordRole.YEAR]
        networks = [
            NETWORKS[t] for t, r in zip(tokens, roles, strict=True) if r is WordRole.NETWORK
        ]
        best: dict[int, Candidate] = {}
        for key_id in self._candidate_keys(tokens, matches, roles):
            score = self._score_key(key_id, tokens, matches, roles, idf_of_query, completing)
            if score <= 0.0:
                continue
            show_id = self._keys.show[key_id]
            entry = self._entries[show_id]
            score += self._hint_adjustment(entry, years, networks)
            held = best.get(show_id)
            if held is None or score > held.score:
                key_text = self._keys.text[key_id]
                assert key_text is not None
                best[show_id] = Candidate(entry=entry, score=round(score, 4), matched_name=key_text)
        return sorted(best.values(), key=lambda c: (-c.score, len(c.entry.title), c.entry.show_id))

    # -- answers -------------------------------------------------------------------------

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """The show a question is about, or none, with the runners-up."""
        ranked = [c for c in self._rank(text, completing=False) if c.score >= SUGGEST]
        if not ranked or ranked[0].score < ACCEPT:
            return Resolution(query=text, match=None, candidates=tuple(ranked[:limit]))
        top = ranked[0]
        tied = [c for c in ranked if top.score - c.score < AMBIGUITY_MARGIN]
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
        position = bisect_left(self._sorted_names, folded)
        end = min(len(self._sorted_names), position + PREFIX_SCAN)
        while position < end:
            name = self._sorted_names[position]
            if not name.startswith(folded):
                break
            show_id = self._keys.show[self._sorted_name_keys[position]]
            rank = (0 if name == folded else 1, len(name), name)
            held = prefixed.get(show_id)
            if held is None or rank < held:
                prefixed[show_id] = rank
            position += 1
        ordered = sorted(prefixed, key=lambda show_id: prefixed[show_id])[:limit]
        results = [self._entries[show_id] for show_id in ordered]
        if len(results) < limit:
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
