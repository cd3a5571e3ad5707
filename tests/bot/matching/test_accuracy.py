"""Title resolution on the real catalogue: accuracy floors for each class of question.

The evaluation set is built from ../shared/data/netflix_titles.csv by
`benchmarks.evaluation` (its docstring says how); `make benchmark` prints the same table
beside brute force.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.catalogues import read_real_titles
from benchmarks.evaluation import build, judge
from bot.matching.index import TitleIndex

PRESENT_FLOOR = 0.95
"""At least this share of questions about shows that are there name the right one."""
ABSENT_CEILING = 0.03
"""At most this share of questions about shows that are not there name any show."""


@pytest.mark.parametrize("seed", [2022, 7])
def test_accuracy_floors(netflix_csv: Path, seed: int) -> None:
    evaluation = build(read_real_titles(netflix_csv), seed=seed)
    index = TitleIndex(evaluation.entries)

    def named(text: str) -> str | None:
        match = index.resolve(text).match
        return match.entry.title if match else None

    scores = judge(evaluation.questions, named)
    assert set(scores) == {"wrapped", "typos", "shortened", "absent"}
    report = {kind: f"{score.accuracy:.1%} of {score.asked}" for kind, score in scores.items()}
    for kind in ("wrapped", "typos", "shortened"):
        assert scores[kind].asked >= 400
        assert scores[kind].accuracy >= PRESENT_FLOOR, report
    assert scores["absent"].asked >= 400
    assert scores["absent"].answered_share <= ABSENT_CEILING, report


def test_the_evaluation_set_is_what_it_says(netflix_csv: Path) -> None:
    evaluation = build(read_real_titles(netflix_csv))
    kept = {e.title for e in evaluation.entries}
    for question in evaluation.questions:
        if question.kind == "absent":
            assert question.expected is None
        else:
            assert question.expected in kept
    typos = [q for q in evaluation.questions if q.kind == "typos"]
    assert all(q.expected is not None and q.expected.lower() not in q.text for q in typos[:50])
