"""What each stored name's words weigh together, worked out when a question needs it.

A word's weight (its idf) depends on how many names hold it and on how many names there are
in all, so nearly every edit changes every word's weight a little. Stored per name, the sums
would all have to be worked out again after each edit (or drift from what a fresh index
would say); instead each name keeps the ids of its words, and a question sums the weights
of its candidates' words at once. The sums are kept for the next question until the words'
weights change: an edit that leaves the names as they were (a show's status, its year)
changes none, and costs questions nothing.
"""

from __future__ import annotations

from array import array
from itertools import chain

import numpy as np

from bot.matching.free_ids import FreeIds

WORDS_IN_ROW = 8
"""Word ids kept in a name's row; the words of a longer name (one in two hundred) beyond
these are kept aside."""
_NO_WORD = 0
"""The id that fills a row after its name's words: it weighs nothing."""
_NEVER = 0
"""The version of word weights a name's sum was never worked out for."""


class NameWeights:
    """Word ids, how many names hold each word, and the word ids of each name (by key id)."""

    def __init__(self) -> None:
        self.word_ids: dict[str, int] = {}
        self.names_with: array[int] = array("i", [0])
        """By word id: how many names hold the word (id 0 is no word)."""
        self._free_words = FreeIds()
        self.rows: array[int] = array("i")
        """By key id, WORDS_IN_ROW word ids: the name's words in order, then _NO_WORD."""
        self.long: array[int] = array("b")
        """By key id: 1 when the name has more words than its row holds."""
        self.rest: dict[int, tuple[int, ...]] = {}
        """The word ids of long names beyond their row."""
        self._sums: array[float] = array("d")
        """By key id: what the name's words weigh together, as of `_summed_at`."""
        self._summed_at: array[int] = array("i")
        """By key id: the version of the word weights `_sums` holds, or _NEVER."""
        self._weights = np.zeros(1)
        self._weighed_for = -1
        """The number of names `_weights` was worked out for; -1 after a count changed."""
        self._version = _NEVER

    # -- editing -------------------------------------------------------------------------

    def add_name(self, key_id: int, words: list[str]) -> None:
        """Gives a key (a new row, or one freed by `remove_name`) its name's words, each as
        often as the name has it: a name's weight is the sum over its words."""
        known, holding = self.word_ids, self.names_with
        counted: dict[str, int] = {}
        ids = []
        for word in words:
            word_id = counted.get(word)
            if word_id is None:
                word_id = known.get(word)
                if word_id is None:
                    word_id = self._new_word(word)
                holding[word_id] += 1
                counted[word] = word_id
            ids.append(word_id)
        self._weighed_for = -1
        row = ids[:WORDS_IN_ROW] + [_NO_WORD] * (WORDS_IN_ROW - len(ids))
        start = key_id * WORDS_IN_ROW
        if start == len(self.rows):
            self.rows.extend(row)
            self.long.append(0)
            self._sums.append(0.0)
            self._summed_at.append(_NEVER)
        else:
            self.rows[start : start + WORDS_IN_ROW] = array("i", row)
            self._summed_at[key_id] = _NEVER
        if len(ids) > WORDS_IN_ROW:
            self.long[key_id] = 1
            self.rest[key_id] = tuple(ids[WORDS_IN_ROW:])

    def remove_name(self, key_id: int, words: list[str]) -> None:
        """Takes a key's name away: a word no name holds any more is let go."""
        holding = self.names_with
        for word in set(words):
            word_id = self.word_ids[word]
            holding[word_id] -= 1
            if not holding[word_id]:
                del self.word_ids[word]
                del holding[self._free_words.give_back(word_id, len(holding)) :]
        self._weighed_for = -1
        start = key_id * WORDS_IN_ROW
        self.rows[start : start + WORDS_IN_ROW] = array("i", [_NO_WORD] * WORDS_IN_ROW)
        self.long[key_id] = 0
        self._summed_at[key_id] = _NEVER
        self.rest.pop(key_id, None)

    def keep_rows(self, keys: int) -> None:
        """Lets go of the rows from key id `keys` on: the store has freed the last ones."""
        del self.rows[keys * WORDS_IN_ROW :]
        for column in (self.long, self._sums, self._summed_at):
            del column[keys:]

    # -- reading -------------------------------------------------------------------------

    def totals(self, keys: np.ndarray, names: int) -> np.ndarray:
        """What each of these names' words weigh together, with `names` names stored."""
        weights = self._word_weights(names)
        sums = np.frombuffer(self._sums, dtype=np.float64)
        summed_at = np.frombuffer(self._summed_at, dtype=np.int32)
        stale = keys[summed_at.take(keys) != self._version]
        if len(stale):
            sums[stale] = self._summed(stale, weights)
            summed_at[stale] = self._version
        found: np.ndarray = sums.take(keys)
        return found

    def _summed(self, keys: np.ndarray, weights: np.ndarray) -> np.ndarray:
        # take() and a column at a time: several times faster than indexing and sum(axis=1)
        rows = np.frombuffer(self.rows, dtype=np.int32).reshape(-1, WORDS_IN_ROW).take(keys, 0)
        sums: np.ndarray = weights.take(rows[:, 0])
        for column in range(1, WORDS_IN_ROW):
            sums += weights.take(rows[:, column])
        longer = np.flatnonzero(np.frombuffer(self.long, dtype=np.int8).take(keys))
        if len(longer):
            rests = [self.rest[key_id] for key_id in keys[longer].tolist()]
            ids = np.fromiter(chain.from_iterable(rests), dtype=np.int32)
            starts = np.cumsum([0, *(len(rest) for rest in rests[:-1])])
            sums[longer] += np.add.reduceat(weights.take(ids), starts)
        return sums

    def _word_weights(self, names: int) -> np.ndarray:
        """Every word's idf (see `NameStore.idf`), by word id; a new version when any
        changed."""
        if self._weighed_for != names:
            holding = np.frombuffer(self.names_with, dtype=np.int32).astype(np.float64)
            weights = np.log(1.0 + (names + 1) / (holding + 1.0))
            weights[_NO_WORD] = 0.0
            if not np.array_equal(weights, self._weights):
                self._version += 1
            self._weights, self._weighed_for = weights, names
        return self._weights

    def _new_word(self, word: str) -> int:
        word_id = self._free_words.take()
        if word_id is None:
            word_id = len(self.names_with)
            self.names_with.append(0)
        self.word_ids[word] = word_id
        return word_id
