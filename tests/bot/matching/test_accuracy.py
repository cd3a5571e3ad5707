"""Title resolution on the real catalogue: accuracy floors for each class of question.

The evaluation set is built from ../shared/data/netflix_titles.csv by
`benchmarks.evaluation` (its docstring says how); `make benchmark` prints the same table
beside brute force. The index was tuned on `TUNING_SEED` and 7 (among others);
`UNTOUCHED_SEED` is one no tuning looked at, so its figures say what tuning is worth on
questions it never saw.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rapidfuzz.distance import DamerauLevenshtein

from benchmarks.catalogues import read_real_titles
from benchmarks.evaluation import (
    ABSENT_CLASSES,
    CLASSES,
    HEAVY_LONG_TITLE,
    TUNING_SEED,
    UNTOUCHED_SEED,
    build,
    heavy_typos,
    judge,
    title_named_by,
)
from bot.matching.index import TitleIndex

PRESENT_FLOOR = 0.95
"""At least this share of questions about shows that are there name the right one."""
ABSENT_CEILING = 0.03
"""At most this share of questions about shows that are not there name any show."""


@pytest.mark.parametrize("seed", [TUNING_SEED, 7, UNTOUCHED_SEED])
def test_accuracy_floors(netflix_csv: Path, seed: int) -> None:
    evaluation = build(read_real_titles(netflix_csv), seed=seed)
    scores = judge(evaluation.questions, title_named_by(TitleIndex(evaluation.entries)))
    assert set(scores) == set(CLASSES)
    report = {kind: f"{score.accuracy:.1%} of {score.asked}" for kind, score in scores.items()}
    for kind in ("wrapped", "typos", "shortened", "heavy_typos"):
        assert scores[kind].asked >= 400
        assert scores[kind].accuracy >= PRESENT_FLOOR, report
    for kind in ABSENT_CLASSES:
        assert scores[kind].asked >= 400
        assert scores[kind].answered_share <= ABSENT_CEILING, report


def test_the_evaluation_set_is_what_it_says(netflix_csv: Path) -> None:
    evaluation = build(read_real_titles(netflix_csv))
    kept = {e.title for e in evaluation.entries}
    for question in evaluation.questions:
        if question.kind in ABSENT_CLASSES:
            assert question.expected is None
        else:
            assert question.expected in kept
    for kind in ("typos", "heavy_typos"):
        mistyped = [q for q in evaluation.questions if q.kind == kind]
        assert all(q.expected and q.expected.lower() not in q.text for q in mistyped[:50])


def test_heavy_typos_are_two_edits_in_long_titles_one_in_a_long_word_otherwise(
    netflix_csv: Path,
) -> None:
    rng = random.Random(1)
    titles = [t.title for t in read_real_titles(netflix_csv)]
    edits: dict[bool, list[int]] = {True: [], False: []}
    first_letters_edited = 0
    for title in rng.sample(titles, 2000):
        typed = heavy_typos(title, rng)
        if typed is None:  # no word of four letters, in a short title: "You"
            assert len(title) < HEAVY_LONG_TITLE
            assert all(len(letters) < 4 for letters in re.findall(r"[^\W\d_]+", title))
            continue
        distance = DamerauLevenshtein.distance(typed, title.lower())
        edits[len(title) >= HEAVY_LONG_TITLE].append(distance)
        first_letters_edited += typed[0] != title[0].lower()
    assert set(edits[False]) == {1}
    # Two edits can undo each other in part ("ab" -> "b" -> "cb"), rarely.
    assert set(edits[True]) <= {1, 2} and edits[True].count(2) > 0.9 * len(edits[True])
    assert first_letters_edited > 50  # anywhere, the first letter included
