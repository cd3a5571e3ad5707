"""The words of the stored names, and the tables that find a word from a typo of it.

Each table is kept as a fresh build would make it, whatever order words came and went in:
the vocabulary sorted, and each table's words sorted, so that a question is read the same
way by an index edited a thousand times and by one built from its entries.
"""

from __future__ import annotations

from bisect import bisect_left, insort

from bot.matching.tuning import MIN_FUZZY_LENGTH, MIN_TWICE_EDITED_WORD


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


class StoredWords:
    """Every word some stored name holds, and its typo tables."""

    def __init__(self) -> None:
        self.vocabulary: list[str] = []
        """Every stored word, sorted, for reading a half-typed word."""
        self.delete_table: dict[str, list[str]] = {}
        """A word with one letter left out -> the stored words it comes from, sorted."""
        self.double_delete_table: dict[str, str] = {}
        """A long word with two letters left out -> the stored words it comes from, sorted,
        separated by spaces: nearly always one, and then the vocabulary's own string, which
        costs nothing more. The vocabulary grows far slower than the catalogue (8.7k words
        at 100k titles), so this table stays near 120k entries however many titles there
        are."""
        self._unsorted = False

    def start_loading(self) -> None:
        """Words added from here are sorted into the vocabulary at once, by `finish_loading`."""
        self._unsorted = True

    def finish_loading(self) -> None:
        self.vocabulary.sort()
        self._unsorted = False

    def add(self, token: str) -> None:
        """A word that no stored name held before."""
        if self._unsorted:
            self.vocabulary.append(token)
        else:
            insort(self.vocabulary, token)
        if len(token) >= MIN_FUZZY_LENGTH - 1:
            for deleted in set(deletes(token)):
                insort(self.delete_table.setdefault(deleted, []), token)
        if len(token) >= MIN_TWICE_EDITED_WORD:
            table = self.double_delete_table
            for deleted in double_deletes(token):
                held = table.get(deleted)
                if held is None:
                    table[deleted] = token
                else:
                    together = held.split()
                    insort(together, token)
                    table[deleted] = " ".join(together)

    def remove(self, token: str) -> None:
        """A word that no stored name holds any more."""
        if self._unsorted:
            self.vocabulary.remove(token)  # rare: a word gone within one load
        else:
            del self.vocabulary[bisect_left(self.vocabulary, token)]
        if len(token) >= MIN_FUZZY_LENGTH - 1:
            for deleted in set(deletes(token)):
                held = self.delete_table[deleted]
                del held[bisect_left(held, token)]
                if not held:
                    del self.delete_table[deleted]
        if len(token) >= MIN_TWICE_EDITED_WORD:
            table = self.double_delete_table
            for deleted in double_deletes(token):
                together = table[deleted].split()
                together.remove(token)
                if together:
                    table[deleted] = " ".join(together)
                else:
                    del table[deleted]
