"""The numbers the title index is tuned by: when a show is named, what a word weighs, what a
mismatch costs and how much work one question may do. Tuning happens here and nowhere else;
`benchmarks.title_resolution` and `tests/bot/matching/test_accuracy.py` say whether it helped,
and `python -m benchmarks.evaluation --failures CLASS` lists what went wrong (on the tuning
seed only: `benchmarks.evaluation.UNTOUCHED_SEED` is for reporting, never for tuning).
"""

from __future__ import annotations

from bot.matching.text import Shortening

# -- answering ---------------------------------------------------------------------------

ACCEPT = 0.84
"""A show is named only when its score reaches this."""
SUGGEST = 0.45
"""Below ACCEPT, a show is still worth suggesting from here."""
COMPLETE_SUGGEST = 0.6
"""Autocomplete offers fuzzy matches from here."""
AMBIGUITY_MARGIN = 0.02
"""Two different shows closer than this are a tie for the asker to settle."""

# -- reading the question's words ----------------------------------------------------------

MAX_QUERY_WORDS = 32
MAX_MESSAGE_WORDS = 80
"""Words of a message read (a long story asks its question at the end); the index still
reads at most MAX_QUERY_WORDS of any span it is asked about."""
MIN_FUZZY_LENGTH = 4
MIN_TOKEN_SIMILARITY = 0.78
MIN_PREFIX_EXPANSION = 2
PREFIX_EXPANSIONS = 48
"""Stored words a half-typed last word may be read as."""
REAL_WORD_TYPO_DISCOUNT = 0.92
ENGLISH_WORD_TYPO_DISCOUNT = 0.86
"""A common English word typed is read as another word less readily still ("bear" is not
"beat", "silo" not "solo"): see `english`."""
INFLECTED_WORD_SIMILARITY = 0.93
"""A word typed in its other number ("tracks" for "track", "academies" for "academy"): a
slip people make knowing the title, so closer than a typo that makes another real word."""

# -- heavy typos: edits of any kind, not only typing slips ---------------------------------
# When no name fits well, a name that the question spells within a few edits of any kind
# (a letter inserted, left out, swapped with its neighbour or replaced by any other) is
# named, if it is the only one that close: "whte fang", "canyne intervention".

LONG_NAME = 12
"""A name of this many characters or more may be typed with LONG_NAME_EDITS edits."""
LONG_NAME_EDITS = 2
SHORT_NAME_EDITS = 1
"""A shorter name, with this many, and only in a word of MIN_EDITED_WORD letters or more:
"dark" typed "dakr" is Dark, but "you" typed "yuo" could be too many titles."""
MIN_EDITED_WORD = 4
MIN_TWICE_EDITED_WORD = 6
"""Stored words this long are found when typed with two edits (through a table of their
two-letter deletes); shorter ones only with one, or through the other words of their title."""
MIN_EDITED_TYPED = 3
"""A typed word shorter than this is not looked up as an edited word: "mor" is, "mo" not."""
EDITED_READING_SHARE = 0.8
"""What a word read with edits of any kind weighs in gathering candidates, against a slip."""
MIN_SPELLED_WEIGHT = 0.96
"""Names are named through edits of any kind only from this variant weight: a title without
its subtitle ("Fate" for "Fate: The Winx Saga") typed with edits is two guesses."""
SPELLED_CANDIDATE_CAP = 1500
"""Names looked at again with the loosely read words: a second look, so a smaller one."""
SPAN_EXTENSION = 6
"""How many question words around a title a span that could be the title may take in."""

# -- gathering candidates ------------------------------------------------------------------

MAX_SPAN = 12
CANDIDATE_CAP = 4000
COMPLETION_CANDIDATE_CAP = 1500
"""Autocomplete answers on every keystroke: it looks at fewer candidates."""
COMMON_WORD_POSTINGS = 40_000
"""A word in more names than this ("love" at a million titles) finds candidates only alone."""
EXACT_CAP = 250
"""Shows considered for one exact name: a thousand "NOVA" episodes need not all be."""
NON_CONTENT_WORD_SHARE = 0.5
"""What a question word that is not plainly a title word weighs when gathering candidates."""
FINALISTS = 24
COMPLETION_FINALISTS = 16
PREFIX_SCAN = 400
UPKEEP_SLICE = 0.005
"""Seconds of edits to the index at a time when taking in many changed shows, before the
event loop runs anything else. What fell due meanwhile also waits behind the next slice
(asyncio runs the task's next step first), and a coroutine it wakes behind one more: a
question may wait about three slices, well under the 50 ms it may wait."""
FUZZY_FILL_BELOW = 10
NUMBERED_SIBLING_SCAN = 20
"""Stored names after a name looked through for the same name plus a number."""

# -- scoring a name ------------------------------------------------------------------------

VARIANT_WEIGHTS = {
    Shortening.NONE: 1.0,
    Shortening.ARTICLE: 0.97,
    Shortening.SUBTITLE: 0.95,
    Shortening.TAIL: 0.93,
}
"""A shortened name matches a little less than the name itself: "Last Summer" asked, "Last
Summer" wins over "The Last Summer"."""
EXPLAINED_WORD_BONUS = 0.03
"""For each question word a title explains too: "bright star" is "Bright Star", not "Bright"."""
EXPLAINED_WORDS_BONUS_CAP = 0.06

# What the words of a question that a title does not explain cost, against the ~5-9 that a
# rare title word weighs: question words and the words questions are built of nothing,
# everyday words a share of their weight, a bare small number ("scream 2") a fixed amount.
FILLER_SHARE = 0.35
NUMBER_SHARE = 0.15
"""A bare number left over weighs this share of the name it follows: "the witcher 2"."""
# Numbers tell sequels apart. A title's number the question leaves out, or a number the
# question adds to a title that has numbered siblings ("scary movie 5"), means another film.
MISSING_NUMBER_PENALTY = 0.2
SEQUEL_NUMBER_PENALTY = 0.3
STRAY_WORD_PENALTY = 0.25
"""For each question word next to the name where questions do not put one ("the get down")."""
# "the forgotten" asked, only "Forgotten" there: an article the title does not have.
EXTRA_ARTICLE_PENALTY = 0.25
# When a title matched only question and everyday words ("You", "It", "3%"), the other
# such words around it can no longer be waved away.
LOOSE_WORD_PENALTY = 0.05

YEAR_MATCH_BONUS = 0.03
YEAR_MISMATCH_PENALTY = 0.08
NETWORK_MATCH_BONUS = 0.03
NETWORK_MISMATCH_PENALTY = 0.05
