"""How titles and questions are folded into comparable words.

Both sides of every comparison go through the same folding, so "Pokémon: Indigo League",
"pokemon indigo league" and "POKEMON - INDIGO LEAGUE" meet as the same words.
"""

from __future__ import annotations

import enum
import re
import unicodedata

from rapidfuzz.distance import OSA, DamerauLevenshtein

from bot.matching.english import common_english

LEADING_ARTICLES = frozenset({"the", "a", "an"})

# Whole-word roman numerals become digits ("Rocky IV" meets "rocky 4"). Single letters are
# left alone: "V", "X" and "I" are more often a letter, a word or a title of their own.
_ROMAN = {
    "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
    "xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16",
    "xvii": "17", "xviii": "18", "xix": "19", "xx": "20",
}  # fmt: skip

# Apostrophes vanish ("grey's" meets "greys"); "&" and "+" read as "and".
_SPELLING = str.maketrans({"'": "", "’": "", "‘": "", "`": "", "´": "", "&": " and ", "+": " and "})
_WORD = re.compile(r"[^\W_]+")
# Where a subtitle starts: "Dahmer – Monster: ...", "Money Heist: From Tokyo to Berlin".
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s|\s\(|[–—])\s*")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a title or a question: no accents, case, punctuation or "&"."""
    text = _strip_marks(text).casefold().translate(_SPELLING)
    roman = _ROMAN
    return [roman.get(t, t) for t in _WORD.findall(text)]


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


def _heads(title: str) -> list[str]:
    """The title before its subtitle, and before its last one when it has two ("Dahmer" and
    "Dahmer – Monster" of "Dahmer – Monster: The Jeffrey Dahmer Story")."""
    first = main_title(title)
    if first is None:
        return []
    cuts = list(_SUBTITLE.finditer(title))
    last = title[: cuts[-1].start()].strip() if len(cuts) > 1 else ""
    return [first, last] if last and last != first and words(last) else [first]


_TAIL_WORDS = 3
"""A subtitle stands for its show alone when it has this many words besides an article, one of
them rare ("the Jeffrey Dahmer story"): "New in Town" or "The Return of the King" alone are
everyday phrases or another show's name."""
_RARE_LETTERS = 4


def _rare_word(word: str) -> bool:
    return len(word) >= _RARE_LETTERS and word not in common_english()


def _tail(title: str) -> list[str]:
    """The title's last subtitle, when people would name the show by it alone."""
    cuts = list(_SUBTITLE.finditer(title))
    if not cuts:
        return []
    tail = words(title[cuts[-1].end() :])
    named = without_article(tail)
    if len(named) < _TAIL_WORDS or not any(_rare_word(word) for word in named):
        return []
    return tail


class Shortening(enum.Enum):
    """How a name was shortened from the title it stands for."""

    NONE = enum.auto()
    ARTICLE = enum.auto()  # "The Imperfects" -> "imperfects"
    SUBTITLE = enum.auto()  # "Dahmer – Monster: The Jeffrey Dahmer Story" -> "dahmer"
    TAIL = enum.auto()  # "Dahmer – Monster: The Jeffrey Dahmer Story" -> "the jeffrey dahmer story"


def title_variants(title: str) -> list[tuple[list[str], Shortening]]:
    """The word lists a title is known by, and how each was shortened."""
    full = words(title)
    variants: list[tuple[list[str], Shortening]] = [(full, Shortening.NONE)] if full else []
    bare = without_article(full)
    if bare is not full:
        variants.append((bare, Shortening.ARTICLE))
    for head in _heads(title):
        head_words = words(head)
        variants.append((head_words, Shortening.SUBTITLE))
        head_bare = without_article(head_words)
        if head_bare is not head_words:
            variants.append((head_bare, Shortening.SUBTITLE))
    tail = _tail(title)
    if tail:
        variants += [(tail, Shortening.TAIL), (without_article(tail), Shortening.TAIL)]
    seen: set[tuple[str, ...]] = set()
    unique = []
    for variant, shortening in variants:
        if tuple(variant) not in seen:
            seen.add(tuple(variant))
            unique.append((variant, shortening))
    return unique


# Rows of a QWERTY keyboard and how far each is shifted right of the one above.
_KEYBOARD_ROWS = (("qwertyuiop", 0.0), ("asdfghjkl", 0.25), ("zxcvbnm", 0.75))
_KEY_POSITION = {
    key: (row, column + shift)
    for row, (keys, shift) in enumerate(_KEYBOARD_ROWS)
    for column, key in enumerate(keys)
}
SLIP_COST = 0.6
"""A typing slip (a neighbouring key, a swapped pair, a doubled letter) as a share of an edit."""
DROP_COST = 0.8
"""A dropped letter: common, but also how one real word turns into another."""
ENDING_COST = 1.5
"""Another ending is another word, not a slip: "players" is not "Player", "revenger" not
"Revenge"."""
_ENDINGS = ("s", "es", "d", "ed", "r", "er")


def neighbouring_keys(first: str, second: str) -> bool:
    a, b = _KEY_POSITION.get(first), _KEY_POSITION.get(second)
    if a is None or b is None:
        return False
    return abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1


def another_ending(typed: str, stored: str) -> bool:
    """Whether one word is the other with another ending ("players", "Player")."""
    longer, shorter = (typed, stored) if len(typed) > len(stored) else (stored, typed)
    if len(longer) == len(shorter) + 1 and shorter and longer[-1] == shorter[-1]:
        return False  # "badd", "dexterr": a last letter doubled is a slip, not an ending
    return longer != shorter and longer.startswith(shorter) and longer[len(shorter) :] in _ENDINGS


def _one_edit_cost(typed: str, stored: str) -> float:
    """The cost of the single edit between two words, by how likely a typist makes it."""
    if another_ending(typed, stored):
        return ENDING_COST
    at = next((i for i, (a, b) in enumerate(zip(typed, stored, strict=False)) if a != b), None)
    if at is None:
        at = min(len(typed), len(stored))
    if len(typed) == len(stored):
        if typed[at + 1 :] == stored[at + 1 :]:
            return SLIP_COST if neighbouring_keys(typed[at], stored[at]) else 1.0
        return SLIP_COST  # two neighbours swapped
    if len(typed) == len(stored) + 1:  # a letter too many
        extra = typed[at]
        around = {typed[at - 1] if at else "", typed[at + 1] if at + 1 < len(typed) else ""}
        if extra in around or any(neighbouring_keys(extra, c) for c in around if c):
            return SLIP_COST
        return 1.0
    # Short words lose too much with a letter: "mara" is as likely "Mara" as "Maria".
    return DROP_COST if len(typed) > 4 else 1.0


def slip_similarity(typed: str, stored: str) -> float:
    """1 for the same word, less for each typing slip, 0 beyond two edits.

    Typing slips are cheaper than other edits: "stranegr" is far more likely to mean
    "stranger" than "axone" is to mean "alone", though both are one edit away.
    """
    if typed == stored:
        return 1.0
    distance = OSA.distance(typed, stored, score_cutoff=2)
    if distance > 2:
        return 0.0
    cost = _one_edit_cost(typed, stored) if distance == 1 else 2.0
    return max(0.0, 1.0 - cost / max(len(typed), len(stored)))


def edits_between(typed: str, stored: str, most: int) -> int:
    """How many edits of any kind (insert, delete, substitute, swap neighbours) turn one
    text into the other; anything over `most` is `most + 1`."""
    distance: int = DamerauLevenshtein.distance(typed, stored, score_cutoff=most)
    return min(distance, most + 1)


def edit_similarity(typed: str, stored: str, most: int) -> float:
    """1 for the same word, less for each edit of any kind, 0 beyond `most` edits.

    Unlike `slip_similarity`, every edit costs the same: a random letter is as likely as a
    neighbouring key when people do not know how a title is spelled.
    """
    distance = edits_between(typed, stored, most)
    if distance > most:
        return 0.0
    return 1.0 - distance / max(len(typed), len(stored), 1)
