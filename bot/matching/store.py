"""The names the title index holds, and the tables that find them.

Each show is stored as a few names ("keys"): its title, aliases and original title, folded,
and their shortenings. A key is a row of parallel columns; tables lead to rows by exact text,
by text without spaces, by word (posting lists), by a word with one or two letters left out
(for typos, see `stored_words`) and by prefix (the names in order, see `sorted_names`).

Every edit costs only the show's own names: removing a show takes its keys out of every
table, drops the words no other name holds, and frees its rows for the next names stored.
What a fresh build over the same shows would hold, the store holds, however many edits
came before: the same tables in the same order (rows aside), the same word weights.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np

from bot.matching.free_ids import FreeIds
from bot.matching.name_weights import NameWeights
from bot.matching.sorted_names import SortedNames
from bot.matching.stored_words import StoredWords
from bot.matching.text import title_variants
from bot.matching.tuning import NUMBERED_SIBLING_SCAN, VARIANT_WEIGHTS

_NUMBERED_PARTS = frozenset({"part", "volume", "vol", "chapter"})
_NAMES_PER_SHOW = 1 << 16
"""How `order` tells a show's names apart: far more than any show has."""


class NameStore:
    """Every stored name of every show, edited show by show.

    The columns (`text`, `show`, `weight`, `order`) have one row per key. A removed key's
    row has no text and is given to the next key stored (or dropped, when it is the last),
    so the columns are never longer than the most names stored at once. A stored key keeps
    its row (its key id) while it lives.
    """

    def __init__(self) -> None:
        self.text: list[str | None] = []
        self.show: array[int] = array("q")
        self.weight: array[float] = array("f")
        """How much a match on this name counts: a shortened name counts a little less."""
        self.order: array[int] = array("q")
        """Where the name stands among all names, whatever its row: by show, then by the
        show's own order of names. Ties between names are settled by it, so that an answer
        never depends on which rows edits happened to give the names."""
        self.exact: dict[str, list[int]] = {}
        """Name -> its keys, by show."""
        self.compact: dict[str, list[int]] = {}
        """Names of more than one word, written without spaces ("spiderman"), by show."""
        self.postings: dict[str, array[int]] = {}
        """Word -> the keys whose names hold it, ascending."""
        self.words = StoredWords()
        self.names = SortedNames(self.show)
        self.name_words = NameWeights()
        self._show_keys: dict[int, list[int]] = {}
        self._free_rows = FreeIds()
        self._alive = 0
        self._unsorted: dict[int, str] | None = None
        """While loading: the keys stored and not yet put in `names`, with their text."""

    # -- editing -----------------------------------------------------------------------

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Names added inside are put in order once, at the end, not one by one: what
        loading the whole catalogue at start-up needs (a sort rather than an insertion
        per name). Inside, everything but prefixes and the vocabulary can be read."""
        self._unsorted = {}
        self.words.start_loading()
        try:
            yield
        finally:
            added, self._unsorted = self._unsorted, None
            self.words.finish_loading()
            shows = self.show
            new_names = sorted(added.items(), key=lambda item: (item[1], shows[item[0]]))
            if not self.names:
                self.names.fill((text, key_id) for key_id, text in new_names)
            else:
                for key_id, text in new_names:
                    self.names.add(text, key_id)

    def add_show(self, show_id: int, names: Iterable[str]) -> None:
        """Stores a show's names (a show not stored yet)."""
        self._show_keys[show_id] = [
            self._add_key(text, weight, show_id, place)
            for place, (text, weight) in enumerate(_keys(names).items())
        ]

    def remove_show(self, show_id: int) -> None:
        for key_id in self._show_keys.pop(show_id):
            self._remove_key(key_id)

    def _add_key(self, text: str, weight: float, show_id: int, place: int) -> int:
        key_id = self._free_row()
        self.text[key_id] = text
        self.show[key_id] = show_id
        self.weight[key_id] = weight
        self.order[key_id] = show_id * _NAMES_PER_SHOW + min(place, _NAMES_PER_SHOW - 1)
        self._alive += 1
        _insert_by_show(self.exact.setdefault(text, []), key_id, self.show)
        compact = text.replace(" ", "")
        if compact != text:
            _insert_by_show(self.compact.setdefault(compact, []), key_id, self.show)
        words = text.split()
        for token in set(words):
            postings = self.postings.get(token)
            if postings is None:
                postings = self.postings[token] = array("i")
                self.words.add(token)
            if postings and postings[-1] > key_id:
                insort(postings, key_id)  # a freed row, handed out again
            else:
                postings.append(key_id)
        self.name_words.add_name(key_id, words)
        if self._unsorted is not None:
            self._unsorted[key_id] = text
        else:
            self.names.add(text, key_id)
        return key_id

    def _remove_key(self, key_id: int) -> None:
        text = self.text[key_id]
        assert text is not None
        self._alive -= 1
        _drop_from(self.exact, text, key_id, self.show)
        _drop_from(self.compact, text.replace(" ", ""), key_id, self.show)
        words = text.split()
        for token in set(words):
            postings = self.postings[token]
            del postings[bisect_left(postings, key_id)]
            if not postings:
                del self.postings[token]
                self.words.remove(token)
        self.name_words.remove_name(key_id, words)
        if self._unsorted is not None and key_id in self._unsorted:
            del self._unsorted[key_id]
        else:
            self.names.remove(text, key_id)
        # Last: a reader in another thread that finds the row without its text skips it.
        self.text[key_id] = None
        rows = self._free_rows.give_back(key_id, len(self.text))
        if rows < len(self.text):
            for column in (self.text, self.show, self.weight, self.order):
                del column[rows:]
            self.name_words.keep_rows(rows)

    def _free_row(self) -> int:
        free = self._free_rows.take()
        if free is not None:
            return free
        self.text.append(None)
        self.show.append(0)
        self.weight.append(0.0)
        self.order.append(0)
        return len(self.text) - 1

    # -- reading -------------------------------------------------------------------------

    def knows(self, token: str) -> bool:
        return token in self.postings

    def idf(self, token: str) -> float:
        """How rare a stored word is: rare words say more about which title is meant."""
        postings = self.postings.get(token)
        frequency = len(postings) if postings is not None else 0
        return math.log(1.0 + (self._alive + 1) / (frequency + 1))

    def name_totals(self, keys: np.ndarray) -> np.ndarray:
        """What the words of each of these names weigh together (their idfs summed):
        what finding some of them is measured against."""
        return self.name_words.totals(keys, self._alive)

    def names_from(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to `limit` stored names that start with `prefix`, in order, with their key ids."""
        return self.names.prefixed(prefix, limit)

    def has_numbered_siblings(self, name: str) -> bool:
        """Whether another stored name is this one plus a number ("part 2"): a series of films."""
        prefix = name + " "
        for other, _ in self.names_from(prefix, NUMBERED_SIBLING_SCAN):
            rest = other[len(prefix) :].split(" ", 2)
            if rest[0].isdigit() or (
                rest[0] in _NUMBERED_PARTS and rest[1:2] and rest[1].isdigit()
            ):
                return True
        return False

    def table_sizes(self) -> dict[str, int]:
        """How much each table and column holds: what edits must not make grow."""
        return {
            "rows": len(self.text),
            "free rows": len(self._free_rows),
            "exact": len(self.exact),
            "exact keys": sum(map(len, self.exact.values())),
            "compact": len(self.compact),
            "compact keys": sum(map(len, self.compact.values())),
            "postings": len(self.postings),
            "posted keys": sum(map(len, self.postings.values())),
            "vocabulary": len(self.words.vocabulary),
            "deletes": len(self.words.delete_table),
            "deleted words": sum(map(len, self.words.delete_table.values())),
            "double deletes": len(self.words.double_delete_table),
            "double deleted words": sum(
                text.count(" ") + 1 for text in self.words.double_delete_table.values()
            ),
            "sorted names": len(self.names),
            "word ids": len(self.name_words.names_with),
            "word rows": len(self.name_words.rows),
            "long names": len(self.name_words.rest),
            "shows": len(self._show_keys),
        }


def _keys(names: Iterable[str]) -> dict[str, float]:
    """The folded texts a show is stored under, each with its best variant weight."""
    weights: dict[str, float] = {}
    for name in names:
        for variant, shortening in title_variants(name):
            weight = VARIANT_WEIGHTS[shortening]
            text = " ".join(variant)
            weights[text] = max(weight, weights.get(text, 0.0))
    return weights


def _insert_by_show(ids: list[int], key_id: int, shows: array[int]) -> None:
    if ids and shows[ids[-1]] > shows[key_id]:
        insort(ids, key_id, key=shows.__getitem__)
    else:
        ids.append(key_id)


def _drop_from(table: dict[str, list[int]], text: str, key_id: int, shows: array[int]) -> None:
    ids = table.get(text)
    if ids is None:
        return
    position = bisect_left(ids, shows[key_id], key=shows.__getitem__)
    if position < len(ids) and ids[position] == key_id:
        del ids[position]
        if not ids:
            del table[text]
