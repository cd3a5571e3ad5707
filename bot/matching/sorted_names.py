"""Every stored name in order, for reading names by prefix, kept in order edit by edit.

One sorted list of a million names costs a move of up to a million pointers for each name
added or removed; here the names are kept in blocks of a few hundred, so an edit moves at
most one block. Names are ordered by text, then by show, whatever row of the store a name
is in: answers never depend on the order names were added in.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

BLOCK = 512
"""Names in a block: a block twice this long is split, and one under a quarter of it is
merged with its neighbour."""


class SortedNames:
    """(text, key id) pairs ordered by text, then by the show (`shows[key_id]`)."""

    def __init__(self, shows: array[int]) -> None:
        self._shows = shows
        self._texts: list[list[str]] = []
        self._keys: list[list[int]] = []
        self._lasts: list[str] = []
        """Each block's last text: which block a text belongs in."""
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for texts, keys in zip(self._texts, self._keys, strict=True):
            yield from zip(texts, keys, strict=True)

    def blocks(self) -> int:
        return len(self._texts)

    def fill(self, pairs: Iterable[tuple[str, int]]) -> None:
        """Replaces everything with these pairs, already in order: loading, all at once."""
        texts: list[str] = []
        keys: list[int] = []
        self._texts, self._keys, self._lasts = [], [], []
        for text, key_id in pairs:
            texts.append(text)
            keys.append(key_id)
            if len(texts) == BLOCK:
                self._append_block(texts, keys)
                texts, keys = [], []
        if texts:
            self._append_block(texts, keys)
        self._size = sum(len(block) for block in self._keys)

    def add(self, text: str, key_id: int) -> None:
        if not self._texts:
            self._append_block([text], [key_id])
            self._size = 1
            return
        block, position = self._place(text, self._shows[key_id])
        texts, keys = self._texts[block], self._keys[block]
        texts.insert(position, text)
        keys.insert(position, key_id)
        self._lasts[block] = texts[-1]
        self._size += 1
        if len(texts) > 2 * BLOCK:
            self._split(block)

    def remove(self, text: str, key_id: int) -> None:
        if not self._texts:
            raise KeyError(f"{text!r} is not stored under key {key_id}")
        block, position = self._place(text, self._shows[key_id])
        if position == len(self._keys[block]) and block + 1 < len(self._keys):
            block, position = block + 1, 0  # the name is the first of the next block
        keys = self._keys[block]
        if position == len(keys) or keys[position] != key_id:
            raise KeyError(f"{text!r} is not stored under key {key_id}")
        texts = self._texts[block]
        del texts[position]
        del keys[position]
        self._size -= 1
        if not texts:
            del self._texts[block], self._keys[block], self._lasts[block]
            return
        self._lasts[block] = texts[-1]
        if len(texts) < BLOCK // 4 and len(self._texts) > 1:
            self._merge(block if block + 1 < len(self._texts) else block - 1)

    def prefixed(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Up to `limit` names that start with `prefix`, in order, with their key ids."""
        found: list[tuple[str, int]] = []
        beyond = prefix + "\uffff"  # after every name that starts with the prefix
        block = bisect_left(self._lasts, prefix)
        position = bisect_left(self._texts[block], prefix) if block < len(self._texts) else 0
        while block < len(self._texts) and len(found) < limit:
            texts = self._texts[block]
            stop = min(bisect_left(texts, beyond, position), position + limit - len(found))
            found += zip(texts[position:stop], self._keys[block][position:stop], strict=True)
            if stop < len(texts):
                break
            block, position = block + 1, 0
        return found

    def _place(self, text: str, show_id: int) -> tuple[int, int]:
        """Where (text, show) goes: the block, and the position in it (which may be the
        block's end, when the next block starts after it)."""
        block = min(bisect_left(self._lasts, text), len(self._texts) - 1)
        shows = self._shows.__getitem__
        while True:
            texts, keys = self._texts[block], self._keys[block]
            low = bisect_left(texts, text)
            high = bisect_right(texts, text, low)
            position = bisect_left(keys, show_id, low, high, key=shows)
            # A run of one text may go on into the next block (a thousand episodes of
            # "nova"): the show may belong further on.
            following = block + 1 < len(self._texts) and position == len(texts)
            if not following:
                return block, position
            nexts = self._texts[block + 1]
            if nexts[0] != text or shows(self._keys[block + 1][0]) >= show_id:
                return block, position
            block += 1

    def _append_block(self, texts: list[str], keys: list[int]) -> None:
        self._texts.append(texts)
        self._keys.append(keys)
        self._lasts.append(texts[-1])

    def _split(self, block: int) -> None:
        texts, keys = self._texts[block], self._keys[block]
        half = len(texts) // 2
        self._texts[block : block + 1] = [texts[:half], texts[half:]]
        self._keys[block : block + 1] = [keys[:half], keys[half:]]
        self._lasts[block : block + 1] = [texts[half - 1], texts[-1]]

    def _merge(self, block: int) -> None:
        """Joins a block with the next one, split again if that makes one too long."""
        self._texts[block] += self._texts.pop(block + 1)
        self._keys[block] += self._keys.pop(block + 1)
        self._lasts[block] = self._lasts.pop(block + 1)
        if len(self._texts[block]) > 2 * BLOCK:
            self._split(block)
