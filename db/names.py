"""Names found by what people type: a whole name, some of its words, or a word with a typo.

People ask "who plays tyler", "what is arden cho in", "is arden cjo in partner track": a first
name only, the name in any case and without its accents, or a name one slip away from the
record's. A `NameDirectory` holds names folded into words, indexed by word, so a lookup costs
a few dictionary reads (and, for a word no name has, one pass over the vocabulary by edit
distance), never a scan of every name.

It lives in `db` so that the people lookups can use it without reaching into `bot`; it holds
no SQL and knows nothing of what its keys stand for (people, credits).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

_APOSTROPHES = str.maketrans({"'": "", "’": "", "‘": "", "`": "", "´": ""})
_WORD = re.compile(r"[^\W_]+")

TYPO_MIN_LENGTH = 4
"""Shorter words are too often another real word one letter away ("amy" and "amf")."""
TYPO_SCORE = 0.7
"""A word matched through a typo, as a share of a word matched exactly."""
COVERAGE_WEIGHT = 0.5
"""How much a name's share of words the question named counts: "tyler" fits "Tyler
Robinson" better than "Tyler Jacob Moore"."""
FIRST_WORD_BONUS = 0.25
"""A question's first word that is the name's first word: "tyler" is a first name more often
than a last one ("Liv Tyler")."""


def name_words(text: str) -> tuple[str, ...]:
    """A name's words with case, accents and apostrophes folded away: "O’Brien" is "obrien"."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORD.findall(text.casefold().translate(_APOSTROPHES)))


@dataclass(frozen=True, slots=True)
class NameMatch:
    key: int
    name: str
    score: float
    exact: bool
    """The whole name, as typed (folded): no other name can fit better."""


class NameDirectory:
    """Names under integer keys (a person's id, a credit's id), found by their words."""

    def __init__(self, entries: Iterable[tuple[int, str]] = ()) -> None:
        self._names: dict[int, str] = {}
        self._words: dict[int, tuple[str, ...]] = {}
        self._by_name: dict[tuple[str, ...], list[int]] = {}
        self._by_word: dict[str, list[int]] = {}
        self._vocabulary: list[str] | None = None
        for key, name in entries:
            self.add(key, name)

    def __len__(self) -> int:
        return len(self._names)

    def name(self, key: int) -> str | None:
        return self._names.get(key)

    def add(self, key: int, name: str) -> None:
        folded = name_words(name)
        if not folded or key in self._names:
            return
        self._names[key] = name
        self._words[key] = folded
        self._by_name.setdefault(folded, []).append(key)
        for word in set(folded):
            self._by_word.setdefault(word, []).append(key)
        self._vocabulary = None

    def find(self, query: str, limit: int = 50) -> list[NameMatch]:
        """The names the query fits best, best first: every name that fits as well as the
        best one does, then the rest down to `limit`.

        Every word of the query must be one of the name's words, exactly or through one typo
        (two for long words); the whole name typed as stored wins outright.
        """
        wanted = name_words(query)
        if not wanted:
            return []
        exact = self._by_name.get(wanted)
        if exact:
            return [NameMatch(key, self._names[key], float("inf"), True) for key in exact]
        scores: dict[int, float] | None = None
        for word in wanted:
            hits = self._word_hits(word)
            if scores is None:
                scores = hits
            else:
                scores = {key: scores[key] + hits[key] for key in scores.keys() & hits.keys()}
            if not scores:
                return []
        assert scores is not None
        ranked = sorted(
            (self._ranked(key, score, wanted) for key, score in scores.items()),
            key=lambda match: (-match.score, match.name),
        )
        return ranked[:limit]

    def best(self, query: str) -> list[NameMatch]:
        """The names that fit the query as well as the best one does (ties kept)."""
        found = self.find(query)
        return [match for match in found if match.score >= found[0].score - 1e-9]

    def _ranked(self, key: int, score: float, wanted: tuple[str, ...]) -> NameMatch:
        words = self._words[key]
        score += COVERAGE_WEIGHT * min(len(wanted) / len(words), 1.0)
        if words[0] == wanted[0]:
            score += FIRST_WORD_BONUS
        return NameMatch(key, self._names[key], score, False)

    def _word_hits(self, word: str) -> dict[int, float]:
        exact = self._by_word.get(word)
        if exact:
            return dict.fromkeys(exact, 1.0)
        hits: dict[int, float] = {}
        for near in self._near(word):
            for key in self._by_word[near]:
                hits[key] = TYPO_SCORE
        return hits

    def _near(self, word: str) -> list[str]:
        """The directory's words one typo from `word` (two for words of eight letters or more)."""
        if len(word) < TYPO_MIN_LENGTH:
            return []
        if self._vocabulary is None:
            self._vocabulary = list(self._by_word)
        cutoff = 2 if len(word) >= 8 else 1
        found = process.extract(
            word, self._vocabulary, scorer=OSA.distance, score_cutoff=cutoff, limit=None
        )
        return [choice for choice, _, _ in found]
