"""How titles and questions are folded into comparable words.

Both sides of every comparison go through the same folding, so "Pokémon: Indigo League",
"pokemon indigo league" and "POKEMON - INDIGO LEAGUE" meet as the same words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LEADING_ARTICLES = frozenset({"the", "a", "an"})

# Whole-word roman numerals become digits ("Rocky IV" meets "rocky 4"). Single letters are
# left alone: "V", "X" and "I" are more often a letter, a word or a title of their own.
_ROMAN = {
    "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
    "xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16",
    "xvii": "17", "xviii": "18", "xix": "19", "xx": "20",
}  # fmt: skip

_APOSTROPHES = re.compile(r"['’‘`´]")
_AMPERSAND = re.compile(r"\s*&\s*|\+")
_NON_WORD = re.compile(r"[^\w]+|_+")
# Where a subtitle starts: "Dahmer – Monster: ...", "Money Heist: From Tokyo to Berlin".
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s|\s\(|[–—])\s*")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    return _ROMAN.get(token, token)


def words(text: str) -> list[str]:
    """The folded words of a title or a question: no accents, case, punctuation or "&"."""
    text = _strip_marks(text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _AMPERSAND.sub(" and ", text)
    return [fold_token(t) for t in _NON_WORD.sub(" ", text).split()]


def fold(text: str) -> str:
    return " ".join(words(text))


def without_article(folded_words: list[str]) -> list[str]:
    if len(folded_words) > 1 and folded_words[0] in LEADING_ARTICLES:
        return folded_words[1:]
    return folded_words


def main_title(title: str) -> str | None:
    """The title before its subtitle, or None when it has no subtitle."""
    parts = _SUBTITLE.split(title, maxsplit=1)
    if len(parts) < 2:
        return None
    head = parts[0].strip()
    return head if head and words(head) and head != title else None


def title_variants(title: str) -> list[tuple[list[str], bool]]:
    """The word lists a title is known by, each flagged True when it is a shortening."""
    full = words(title)
    variants: list[tuple[list[str], bool]] = [(full, False)] if full else []
    bare = without_article(full)
    if bare is not full:
        variants.append((bare, True))
    head = main_title(title)
    if head is not None:
        head_words = words(head)
        variants.append((head_words, True))
        head_bare = without_article(head_words)
        if head_bare is not head_words:
            variants.append((head_bare, True))
    seen: set[tuple[str, ...]] = set()
    unique = []
    for variant, shortened in variants:
        if tuple(variant) not in seen:
            seen.add(tuple(variant))
            unique.append((variant, shortened))
    return unique
