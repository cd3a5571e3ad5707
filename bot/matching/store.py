"""The names the title index holds, and the tables that find them.

Each show is stored as a few names ("keys"): its title, aliases and original title, folded,
and their shortenings. A key is a row of parallel columns; tables lead to rows by exact text,
by text without spaces, by word (posting lists), by a word with one letter left out (a
symmetric-delete dictionary, for typos), by a long word with two letters left out (for heavy
typos: two edits in one word) and by prefix (the names in sorted order).
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from bot.matching.text import title_variants
from bot.matching.tuning import (
    MIN_FUZZY_LENGTH,
    MIN_TWICE_EDITED_WORD,
    NUMBERED_SIBLING_SCAN,
    VARIANT_WEIGHTS,
)

_NUMBERED_PARTS = frozenset({"part", "volume", "vol", "chapter"})


def deletes(token: str) -> list[str]:
    """The word with each of its letters left out in turn: how typos meet in the dictionary."""
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def double_deletes(token: str) -> set[str]:
    """The word with each pair of its letters left out: how two edits in one word meet."""
    return {
        token[:i] + token[i + 1 : j] + token[j + 1 :]
        for i in range(len(token))
        for j in range(i + 1, len(token))
    }


def _name_weight(text: str, idf: Callable[[str], float]) -> float:
    """How much a name's words weigh together: what finding some of them is measured against."""
    return sum(idf(t) for t in text.split())


class NameStore:
    """Every stored name of every show, edited show by show.

    The columns (`text`, `show`, `weight`, `idf_total`) have one row per key; a removed key
    keeps its row, with no text and an infinite `idf_total`, so that key ids stay valid.
    """

    def __init__(self) -> None:
        self.text: list[str | None] = []
        self.show: array[int] = array("q")
        self.weight: array[float] = array("f")
        """How much a match on this name counts: a shortened name counts a little less."""
        self.idf_total: array[float] = array("f")
        """What the name's words weigh together (see `_name_weight`)."""
        self.exact: dict[str, list[int]] = {}
        self.compact: dict[str, list[int]] = {}
        """Names of more than one word, written without spaces: "spiderman"."""
        self.postings: dict[str, array[int]] = {}
        self.delete_table: dict[str, list[str]] = {}
        """A word with one letter left out -> the stored words it comes from."""
        self.double_delete_table: dict[str, str] = {}
        """A long word with two letters left out -> the stored words it comes from, separated
        by spaces: nearly always one, and then the vocabulary's own string, which costs
        nothing more. The vocabulary grows far slower than the catalogue (8.7k words at 100k
        titles), so this table stays near 120k entries however many titles there are."""
        self.vocabulary: list[str] = []
        """Every stored word, sorted, for reading a half-typed word."""
        self.sorted_names: list[str] = []
        self._sorted_name_keys: list[int] = []
        self._show_keys: dict[int, list[int]] = {}
        self._alive = 0
        self._bulk = False

    # -- editing -----------------------------------------------------------------------

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Names added inside are sorted and weighted once, at the end, not one by one."""
        first_key = len(self.text)
        self._bulk = True
        try:
            yield
        finally:
            self._bulk = False
        self.vocabulary.sort()
        weights = {token: self.idf(token) for token in self.postings}
        new_names: list[tuple[str, int]] = []
        for key_id in range(first_key, len(self.text)):
            text = self.text[key_id]
            if text is not None:
                self.idf_total[key_id] = _name_weight(text, weights.__getitem__)
                new_names.append((text, key_id))
        new_names.sort()
        stored = zip(self.sorted_names, self._sorted_name_keys, strict=True)
        merged = list(heapq.merge(stored, new_names))
        self.sorted_names = [text for text, _ in merged]
        self._sorted_name_keys = [key_id for _, key_id in merged]

    def add_show(self, show_id: int, names: Iterable[str]) -> None:
        """Stores a show's names; outside `loading`, weighs and sorts them in straight away."""
        key_ids = [self._add_key(text, weight, show_id) for text, weight in _keys(names).items()]
        self._show_keys[show_id] = key_ids
        if self._bulk:
            return
        for key_id in key_ids:
            text = self.text[key_id]
            assert text is not None
            self.idf_total[key_id] = _name_weight(text, self.idf)
            position = bisect_left(self.sorted_names, text)
            self.sorted_names.insert(position, text)
            self._sorted_name_keys.insert(position, key_id)

    def remove_show(self, show_id: int) -> None:
        for key_id in self._show_keys.pop(show_id):
            text = self.text[key_id]
            assert text is not None
            self.text[key_id] = None
            self.idf_total[key_id] = math.inf  # never a candidate again
            self._alive -= 1
            _drop_from(self.exact, text, key_id)
            _drop_from(self.compact, text.replace(" ", ""), key_id)
            position = bisect_left(self.sorted_names, text)
            while self._sorted_name_keys[position] != key_id:
                position += 1
            del self.sorted_names[position]
            del self._sorted_name_keys[position]

    def _add_key(self, text: str, weight: float, show_id: int) -> int:
        key_id = len(self.text)
        self.text.append(text)
        self.show.append(show_id)
        self.weight.append(weight)
        self.idf_total.append(0.0)
        self._alive += 1
        self.exact.setdefault(text, []).append(key_id)
        compact = text.replace(" ", "")
        if compact != text:
            self.compact.setdefault(compact, []).append(key_id)
        for token in set(text.split()):
            postings = self.postings.get(token)
            if postings is None:
                postings = self.postings[token] = array("i")
                self._add_to_vocabulary(token)
            postings.append(key_id)
        return key_id

    def _add_to_vocabulary(self, token: str) -> None:
        if self._bulk:
            self.vocabulary.append(token)  # sorted once at the end of the bulk load
        else:
            insort(self.vocabulary, token)
        if len(token) >= MIN_FUZZY_LENGTH - 1:
            for deleted in deletes(token):
                self.delete_table.setdefault(deleted, []).append(token)
        if len(token) >= MIN_TWICE_EDITED_WORD:
            table = self.double_delete_table
            for deleted in double_deletes(token):
                held = table.get(deleted)
                table[deleted] = token if held is None else f"{held} {token}"

    # -- reading -------------------------------------------------------------------------

    def knows(self, token: str) -> bool:
        return token in self.postings

    def idf(self, token: str) -> float:
        """How rare a stored word is: rare words say more about which title is meant."""
        postings = self.postings.get(token)
        frequency = len(postings) if postings is not None else 0
        return math.log(1.0 + (self._alive + 1) / (frequency + 1))

    def names_from(self, prefix: str, limit: int) -> Iterator[tuple[str, int]]:
        """Up to `limit` stored names that start with `prefix`, in order, with their key ids."""
        start = bisect_left(self.sorted_names, prefix)
        stop = min(bisect_left(self.sorted_names, prefix + "\uffff"), start + limit)
        return zip(self.sorted_names[start:stop], self._sorted_name_keys[start:stop], strict=True)

    def has_numbered_siblings(self, name: str) -> bool:
        """Whether another stored name is this one plus a number ("part 2"): a series of films."""
        prefix = name + " "
        position = bisect_left(self.sorted_names, prefix)
        for other in self.sorted_names[position : position + NUMBERED_SIBLING_SCAN]:
            if not other.startswith(prefix):
                break
            rest = other[len(prefix) :].split(" ", 2)
            if rest[0].isdigit() or (
                rest[0] in _NUMBERED_PARTS and rest[1:2] and rest[1].isdigit()
            ):
                return True
        return False


def _keys(names: Iterable[str]) -> dict[str, float]:
    """The folded texts a show is stored under, each with its best variant weight."""
    weights: dict[str, float] = {}
    for name in names:
        for variant, shortening in title_variants(name):
            weight = VARIANT_WEIGHTS[shortening]
            text = " ".join(variant)
            weights[text] = max(weight, weights.get(text, 0.0))
    return weights


def _drop_from(table: dict[str, list[int]], text: str, key_id: int) -> None:
    ids = table.get(text)
    if ids is not None and key_id in ids:
        ids.remove(key_id)
        if not ids:
            del table[text]
