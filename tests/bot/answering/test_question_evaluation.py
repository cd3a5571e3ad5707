"""Floors for answering questions as people type them, on the real catalogue.

The questions are `benchmarks/questions/` (its README gives the format and how a reply is
judged): the tuning set and the held-out set, each held to floors of its own. The tuning set
is held to issue 9's targets. The held-out set does not reach them yet (on 2026-12-01: 92.9% of
989 right, against the 95% asked; chatter 87.1%, small talk 88.2%; 4.3% of its absent shows
answered with a show): its floors are what it measured, less a margin, so that it can only
get better; the README says where it stands. They are asked of the real
application on the built-in records plus `../shared/data/netflix_titles.csv` imported once
(cached under the system's temporary folder). `python -m benchmarks.question_answering
--failures` shows what the tuning set gets wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from benchmarks.catalogues import NETFLIX_TITLES
from benchmarks.question_answering import (
    ABSENT_CEILING,
    CLASS_FLOOR,
    CLASSES,
    HELD_OUT,
    OVERALL_FLOOR,
    REAL_TYPOS_FLOOR,
    TUNING,
    Report,
    SetReport,
    evaluate,
    load_questions,
)
from benchmarks.questions.records import SourceRecords

SETS = [TUNING.stem, HELD_OUT.stem]
CLASS_MINIMUM = 25
ABSENT_MINIMUM = 50


@dataclass(frozen=True)
class Floors:
    overall: float
    each_class: float
    absent_ceiling: float
    real_typos: float


FLOORS = {
    TUNING.stem: Floors(OVERALL_FLOOR, CLASS_FLOOR, ABSENT_CEILING, REAL_TYPOS_FLOOR),
    HELD_OUT.stem: Floors(overall=0.90, each_class=0.80, absent_ceiling=0.05, real_typos=0.90),
}


@pytest.fixture(scope="session")
def source_records() -> SourceRecords:
    if not NETFLIX_TITLES.is_file():
        pytest.skip(f"{NETFLIX_TITLES} is absent: the questions are about its titles")
    return SourceRecords.read(NETFLIX_TITLES)


@pytest.fixture(scope="session")
def question_report(source_records: SourceRecords) -> Report:
    """Every question of both sets asked once, for all the tests of this module."""
    return evaluate((TUNING, HELD_OUT))


def _set(report: Report, name: str) -> SetReport:
    """One set's results. Assertions compare plain numbers and explain themselves with the
    set's table, so that a failure never prints a held-out question."""
    if name not in report.sets:
        pytest.skip(f"{name}: {report.skipped.get(name, 'not evaluated')}")
    return report.sets[name]


def test_the_tuning_set_is_what_the_issue_asks(source_records: SourceRecords) -> None:
    questions = load_questions(TUNING, source_records.titles)
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 340
    assert set(kinds) == set(CLASSES)
    assert all(n >= CLASS_MINIMUM for n in kinds.values()), kinds
    assert kinds["absent"] >= ABSENT_MINIMUM
    about_shows = [q for q in questions if q.shows]
    assert sum(q.catalogue == "real" for q in about_shows) * 2 >= len(about_shows)
    assert all(not q.shows and not q.facts for q in questions if q.kind == "absent")
    assert all(q.help and not q.shows for q in questions if q.kind == "small_talk")
    assert source_records.fact_problems(questions) == []


def test_the_held_out_set_is_a_fifth_and_on_record(source_records: SourceRecords) -> None:
    if not HELD_OUT.is_file():
        pytest.skip(f"{HELD_OUT} does not exist yet")
    # Loaded without revealing: a bad line is reported by its number only.
    held_out = load_questions(HELD_OUT, source_records.titles, reveal=False)
    tuning = load_questions(TUNING, source_records.titles)
    assert len(held_out) * 5 >= len(held_out) + len(tuning) - 5
    problems = source_records.fact_problems(held_out)
    assert not problems, f"{len(problems)} facts of {HELD_OUT.name} are in no record of its shows"


@pytest.mark.parametrize("name", SETS)
def test_most_questions_are_answered_right(question_report: Report, name: str) -> None:
    result = _set(question_report, name)
    share = result.score().share
    assert share >= FLOORS[name].overall, result.table()


@pytest.mark.parametrize("name", SETS)
def test_every_class_is_answered_right(question_report: Report, name: str) -> None:
    result = _set(question_report, name)
    low = [kind for kind in result.kinds if result.score(kind).share < FLOORS[name].each_class]
    assert low == [], result.table()


@pytest.mark.parametrize("name", SETS)
def test_absent_shows_get_no_show(question_report: Report, name: str) -> None:
    result = _set(question_report, name)
    absent = result.absent_answered
    assert absent.asked > 0, result.table()
    assert absent.share <= FLOORS[name].absent_ceiling, result.table()


@pytest.mark.parametrize("name", SETS)
def test_heavy_typos_find_real_titles(question_report: Report, name: str) -> None:
    result = _set(question_report, name)
    typos = result.score("typos", "real")
    assert typos.asked > 0, result.table()
    assert typos.share >= FLOORS[name].real_typos, result.table()
