"""Which stored names a question could be about, found without scanning the catalogue.

First each word of the question is read as the stored words it may stand for: itself, a
word one typo away (through the symmetric-delete dictionary) or, for the word being typed,
the words it begins. Then the candidates are the names that are exact spans of the question,
and the few names that cover the most weight of those stored words (through their postings).
When that finds no name that fits well, `edited_readings` reads each word the catalogue does
not know more loosely: any stored word one edit of any kind away, or two for a long word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import numpy as np

from bot.matching.english import common_english
from bot.matching.questions import WordRole
from bot.matching.store import NameStore
from bot.matching.stored_words import deletes, double_deletes
from bot.matching.text import edit_similarity, slip_similarity
from bot.matching.tuning import (
    CANDIDATE_CAP,
    COMMON_WORD_POSTINGS,
    COMPLETION_CANDIDATE_CAP,
    COMPLETION_FINALISTS,
    EDITED_READING_SHARE,
    ENGLISH_WORD_TYPO_DISCOUNT,
    EXACT_CAP,
    FINALISTS,
    INFLECTED_WORD_SIMILARITY,
    MAX_SPAN,
    MIN_EDITED_TYPED,
    MIN_FUZZY_LENGTH,
    MIN_PREFIX_EXPANSION,
    MIN_TOKEN_SIMILARITY,
    MIN_TWICE_EDITED_WORD,
    NON_CONTENT_WORD_SHARE,
    PREFIX_EXPANSIONS,
    REAL_WORD_TYPO_DISCOUNT,
)

_UNHELPFUL_ROLES = (WordRole.FRAME, WordRole.SEASON, WordRole.YEAR, WordRole.NETWORK)
"""Words that find no title worth finding on their own: every title has "the"."""

# -- reading the question's words ----------------------------------------------------------


def word_matches(
    store: NameStore, tokens: list[str], roles: list[WordRole], completing: bool
) -> list[dict[str, float]]:
    """For each word of the question, the stored words it may stand for, and how well."""
    matches: list[dict[str, float]] = []
    # One word in its other number is another word ("alones"); in a longer name, a slip.
    several_words = sum(role is WordRole.CONTENT for role in roles) > 1
    for position, (token, role) in enumerate(zip(tokens, roles, strict=True)):
        found: dict[str, float] = {}
        if role is WordRole.SEASON:
            matches.append(found)  # a season number is never part of the title
            continue
        if completing and position == len(tokens) - 1 and len(token) >= MIN_PREFIX_EXPANSION:
            found.update(_prefixed_tokens(store, token))
        known = token in store.postings
        if not known or role is WordRole.CONTENT:
            # A slip can turn one real word into another ("weeds" typed "weds"), but a real
            # word is more often meant as typed ("bear" is not "The Beat").
            discount = (
                ENGLISH_WORD_TYPO_DISCOUNT
                if token in common_english()
                else REAL_WORD_TYPO_DISCOUNT
                if known
                else 1.0
            )
            for stored, similarity in _similar_tokens(store, token).items():
                found[stored] = max(similarity * discount, found.get(stored, 0.0))
        for stored in _other_number(token) if several_words else ():
            if stored in store.postings:
                found[stored] = max(INFLECTED_WORD_SIMILARITY, found.get(stored, 0.0))
        if known:
            found[token] = 1.0
        matches.append(found)
    return matches


def _other_number(token: str) -> list[str]:
    """The word's singular or plural, as English makes them ("tracks", "academies")."""
    if len(token) < MIN_FUZZY_LENGTH or not token.isalpha():
        return []
    if token.endswith("ies"):
        return [token[:-3] + "y"]
    if token.endswith("es"):
        return [token[:-2], token[:-1]]
    if token.endswith("s") and not token.endswith("ss"):
        return [token[:-1]]
    if token.endswith("y"):
        return [token + "s", token[:-1] + "ies"]
    return [token + "s", token + "es"]


def _similar_tokens(store: NameStore, token: str) -> dict[str, float]:
    """Stored words within one edit of `token` (a swap of neighbours counts as one)."""
    found: dict[str, float] = {}
    if len(token) < MIN_FUZZY_LENGTH:
        return found
    probes = [token, *deletes(token)]
    for probe in probes:
        for stored in store.words.delete_table.get(probe, ()):
            if stored in found or stored == token:
                continue
            similarity = slip_similarity(token, stored)
            if similarity >= MIN_TOKEN_SIMILARITY:
                found[stored] = similarity
        if probe in store.postings and probe != token and probe not in found:
            similarity = slip_similarity(token, probe)
            if similarity >= MIN_TOKEN_SIMILARITY:
                found[probe] = similarity
    return found


def edited_readings(
    store: NameStore, tokens: list[str], roles: list[WordRole], matches: list[dict[str, float]]
) -> list[dict[str, float]]:
    """`matches`, with each word the catalogue does not know also read as the stored words
    it may be with edits of any kind: "whte" as "white", "canyne" as "canine"."""
    widened: list[dict[str, float]] = []
    for token, role, found in zip(tokens, roles, matches, strict=True):
        if role is WordRole.SEASON or store.knows(token) or len(token) < MIN_EDITED_TYPED:
            widened.append(found)
            continue
        loose = dict(found)
        for stored, similarity in _edited_tokens(store, token).items():
            loose[stored] = max(similarity * EDITED_READING_SHARE, loose.get(stored, 0.0))
        widened.append(loose)
    return widened


def _edited_tokens(store: NameStore, token: str) -> dict[str, float]:
    """Stored words one edit of any kind from `token`; failing any, long stored words two
    edits from it (a word with one edit away has no need of those, and they cost most)."""
    once = [token, *deletes(token)]
    found = _verified(token, _stored_from(store, once, store.words.delete_table), 1)
    if found or len(token) < MIN_TWICE_EDITED_WORD - 2:
        return found
    twice = double_deletes(token)
    near = _stored_from(store, twice, store.words.delete_table)
    doubles = store.words.double_delete_table
    for probe in (*once, *twice):
        near.update(doubles.get(probe, "").split())
    return _verified(token, {s for s in near if len(s) >= MIN_TWICE_EDITED_WORD}, 2)


def _stored_from(store: NameStore, probes: Iterable[str], table: dict[str, list[str]]) -> set[str]:
    """The stored words that are a probe, or that the table leads to from one."""
    seen: set[str] = set()
    for probe in probes:
        if probe in store.postings:
            seen.add(probe)
        seen.update(table.get(probe, ()))
    return seen


def _verified(token: str, stored_words: set[str], most: int) -> dict[str, float]:
    found: dict[str, float] = {}
    for stored in stored_words:
        similarity = edit_similarity(token, stored, most)
        if similarity > 0.0 and len(stored) >= MIN_EDITED_TYPED:
            found[stored] = similarity
    return found


def _prefixed_tokens(
    store: NameStore, prefix: str, limit: int = PREFIX_EXPANSIONS
) -> dict[str, float]:
    found: dict[str, float] = {}
    vocabulary = store.words.vocabulary
    position = bisect_left(vocabulary, prefix)
    while position < len(vocabulary) and len(found) < limit:
        token = vocabulary[position]
        if not token.startswith(prefix):
            break
        found[token] = 0.8 + 0.2 * len(prefix) / len(token)
        position += 1
    return found


# -- gathering names -----------------------------------------------------------------------


def candidate_keys(
    store: NameStore,
    tokens: list[str],
    matches: list[dict[str, float]],
    roles: list[WordRole],
    completing: bool,
) -> set[int]:
    """The few stored names worth scoring: exact spans of the question, then the names
    that share the most of its rarer words."""
    chosen = _exact_spans(store, tokens)
    chosen.update(covered_keys(store, matches, roles, completing))
    text = store.text
    return {k for k in chosen if text[k] is not None}


def covered_keys(
    store: NameStore,
    matches: list[dict[str, float]],
    roles: list[WordRole],
    completing: bool,
    cap: int = CANDIDATE_CAP,
) -> list[int]:
    """The names that share the most of the question's rarer words (or what they stand for),
    from at most about `cap` names."""
    weights, best_readings = _reading_weights(store, matches, roles)
    cap = min(cap, COMPLETION_CANDIDATE_CAP) if completing else cap
    postings, values = _postings_within(store, weights, best_readings, cap)
    if not postings:
        return []
    finalists = COMPLETION_FINALISTS if completing else FINALISTS
    return _best_covered(store, postings, values, finalists)


def _exact_spans(store: NameStore, tokens: list[str]) -> set[int]:
    """The names that are a run of the question's words, with or without the spaces."""
    chosen: set[int] = set()
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + MAX_SPAN) + 1):
            span = tokens[start:end]
            chosen.update(store.exact.get(" ".join(span), ())[:EXACT_CAP])
            if end - start > 1:
                chosen.update(store.compact.get("".join(span), ())[:EXACT_CAP])
    return chosen


def _reading_weights(
    store: NameStore, matches: list[dict[str, float]], roles: list[WordRole]
) -> tuple[dict[str, float], set[str]]:
    """What each stored word the question may mean weighs in finding names, and which of
    them are some word's best reading."""
    weights: dict[str, float] = {}
    best_readings: set[str] = set()
    for found, role in zip(matches, roles, strict=True):
        if role in _UNHELPFUL_ROLES or not found:
            continue
        best = max(found.values())
        for stored, similarity in found.items():
            value = similarity * store.idf(stored)
            if role is not WordRole.CONTENT:
                value *= NON_CONTENT_WORD_SHARE
            weights[stored] = max(value, weights.get(stored, 0.0))
            if similarity == best:
                best_readings.add(stored)
    return weights, best_readings


def _postings_within(
    store: NameStore, weights: dict[str, float], best_readings: set[str], cap: int
) -> tuple[list[np.ndarray], list[float]]:
    """The posting lists worth reading, and the weight of the word each belongs to."""
    # Each word's best reading first, rarest first; other readings ("adam" read as "aram")
    # only while the budget lasts. A very common word is left out once others have found
    # something: it would add thousands of names and little to tell them apart.
    by_rarity = sorted(weights, key=lambda t: len(store.postings[t]))
    ordered = [t for t in by_rarity if t in best_readings]
    ordered += [t for t in by_rarity if t not in best_readings]
    postings: list[np.ndarray] = []
    values: list[float] = []
    gathered = 0
    for stored in ordered:
        listed = store.postings[stored]
        over = gathered + len(listed) > cap
        common = len(listed) > COMMON_WORD_POSTINGS
        if postings and over and (stored not in best_readings or common):
            continue
        postings.append(np.frombuffer(listed, dtype=np.int32))
        values.append(weights[stored])
        gathered += len(listed)
    return postings, values


def _best_covered(
    store: NameStore, postings: list[np.ndarray], values: list[float], finalists: int
) -> list[int]:
    """The names whose words, weighed, cover the most of the name: at most `finalists`."""
    ids = np.concatenate(postings)
    each = np.repeat(np.asarray(values, dtype=np.float64), [len(p) for p in postings])
    keys, where = np.unique(ids, return_inverse=True)
    sums = np.bincount(where, weights=each)
    coverage = sums / np.maximum(store.name_totals(keys), 1e-6)
    if len(keys) > finalists:
        keys = _most_covered(store, keys, coverage, finalists)
    found: list[int] = keys.tolist()
    return found


def _most_covered(
    store: NameStore, keys: np.ndarray, coverage: np.ndarray, finalists: int
) -> np.ndarray:
    """The `finalists` names that cover the most; of names that cover as much as the last
    one taken, those first in the store's order (not those in the lowest rows, which edits
    hand out in any order)."""
    best = np.argpartition(-coverage, finalists)[:finalists]
    last = coverage[best].min()
    if np.count_nonzero(coverage >= last) == finalists:
        chosen: np.ndarray = keys[best]
        return chosen  # no tie at the cut
    ahead = keys[coverage > last]
    level = keys[coverage == last]
    order = np.frombuffer(store.order, dtype=np.int64)[level]
    level = level[np.argsort(order, kind="stable")[: finalists - len(ahead)]]
    return np.concatenate([ahead, level])
