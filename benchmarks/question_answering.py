"""Question answering, end to end: questions as people type them, scored on the whole reply.

The questions are `benchmarks/questions/*.jsonl` (the README there gives the format): the
tuning set, which the matching and answering code may be tuned on, and the held-out set,
which it must not be, reported apart. Each question is asked of a real `Application` on a
SQLite catalogue holding the built-in records and `../shared/data/netflix_titles.csv`
imported, built once and kept under the system's temporary folder (keyed by the CSV's size
and mtime and the built-in records' digest), and its `Reply` is judged:

- the shows it answers (`ShowAnswer`s, in order, titles folded) are exactly `shows`. An
  `Ambiguous` is wrong, unless every show it offers carries the same title as the expected
  one (a remake with one name): asking which of them is then as good as answering;
- it holds a `HelpAnswer` exactly when `help` is true;
- every fact (or one of its alternatives) is in the folded plain text of the whole reply.

`python -m benchmarks.question_answering [--failures]` prints the table; only the tuning
set's failures are ever printed, never the held-out set's questions.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.catalogues import NETFLIX_TITLES
from benchmarks.questions.records import SourceRecords, fold
from bot.answering.answers import Ambiguous, Answer, HelpAnswer, ShowAnswer
from bot.answering.cards import answer_text
from bot.application import Application, open_importer
from bot.catalogue.service import BUILTIN_RECORDS
from bot.settings import Settings

QUESTIONS = Path(__file__).resolve().parent / "questions"
TUNING = QUESTIONS / "tuning.jsonl"
HELD_OUT = QUESTIONS / "held_out.jsonl"
CACHE = Path(tempfile.gettempdir()) / "showbot-question-answering"

CLASSES = (
    "status", "season", "facts", "people", "several", "languages", "chatter", "small_talk",
    "typos", "absent",
)  # fmt: skip
CATALOGUES = ("seeds", "real")
FIELDS = frozenset({"q", "class", "shows", "help", "facts", "catalogue"})
OVERALL_FLOOR = 0.95
CLASS_FLOOR = 0.90
ABSENT_CEILING = 0.03
REAL_TYPOS_FLOOR = 0.95
_AMBIGUOUS = "\x00ambiguous"


class QuestionSetError(ValueError):
    """A question file that cannot be what it claims: bad JSON, fields or titles."""


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    """The class: status, season, facts, people, several, languages, chatter, small_talk…"""
    shows: tuple[str, ...]
    help: bool
    facts: tuple[tuple[str, ...], ...]
    """Each fact as its alternatives: the reply must hold one of each."""
    catalogue: str
    line: int


def _fact(value: object) -> tuple[str, ...]:
    alternatives = value if isinstance(value, list) else [value]
    if not alternatives or not all(isinstance(a, str) and a.strip() for a in alternatives):
        raise ValueError("a fact is a non-empty string or a non-empty list of them")
    return tuple(alternatives)


def _question(raw: object, line: int) -> Question:
    if not isinstance(raw, dict) or set(raw) != FIELDS:
        raise ValueError(f"needs exactly the fields {sorted(FIELDS)}")
    shows, facts = raw["shows"], raw["facts"]
    if not isinstance(raw["q"], str) or not raw["q"].strip():
        raise ValueError("q is empty")
    if raw["class"] not in CLASSES or raw["catalogue"] not in CATALOGUES:
        raise ValueError(f"class must be one of {CLASSES}, catalogue one of {CATALOGUES}")
    if not isinstance(shows, list) or not all(isinstance(s, str) for s in shows):
        raise ValueError("shows is a list of titles")
    if not isinstance(raw["help"], bool) or not isinstance(facts, list):
        raise ValueError("help is true or false, facts a list")
    if raw["help"] and shows:
        raise ValueError("a help answer names no show")
    return Question(
        text=raw["q"],
        kind=raw["class"],
        shows=tuple(shows),
        help=raw["help"],
        facts=tuple(_fact(f) for f in facts),
        catalogue=raw["catalogue"],
        line=line,
    )


def load_questions(path: Path, titles: Iterable[str], *, reveal: bool = True) -> list[Question]:
    """Reads a question file and checks every title in it against the catalogue, loudly.
    Without `reveal`, errors give line numbers only, so that held-out questions stay unread."""
    known = set(titles)
    questions, problems = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            question = _question(json.loads(text), number)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            why = str(error) if reveal else "not JSON, or not the fields README.md describes"
            problems.append(f"{path.name}:{number}: {why}")
            continue
        unknown = [t for t in question.shows if t not in known]
        if unknown:
            which = str(unknown) if reveal else "a title in `shows`"
            problems.append(f"{path.name}:{number}: not in the catalogue: {which}")
        questions.append(question)
    if problems:
        raise QuestionSetError("\n".join(problems))
    return questions


# -- the catalogue database ----------------------------------------------------------------


def catalogue_database(csv: Path = NETFLIX_TITLES, *, rebuild: bool = False) -> Path:
    """A SQLite file holding the built-in records and the CSV imported; built once per
    version of either and of the code that writes it (the migrations, the writer, the
    importers: checkouts of other branches share the cache folder), then reused (an import of
    the whole CSV takes a while)."""
    stat = csv.stat()
    stamp = hashlib.sha256(BUILTIN_RECORDS.read_bytes())
    project = Path(__file__).resolve().parent.parent
    for folder in ("db", "bot/catalogue/importers"):
        for source in sorted((project / folder).rglob("*.py")):
            stamp.update(source.read_bytes())
    path = CACHE / f"catalogue-{stat.st_size}-{stat.st_mtime_ns}-{stamp.hexdigest()[:12]}.db"
    if path.is_file() and not rebuild:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    # Built aside and renamed into place: an interrupted build never passes for a finished one.
    scratch = path.with_name(f"{path.stem}.building-{os.getpid()}.db")
    scratch.unlink(missing_ok=True)
    asyncio.run(_import(scratch, csv))
    os.replace(scratch, path)
    return path


async def _import(path: Path, csv: Path) -> None:
    async with open_importer(_settings(path)) as importer:
        report = await importer.import_file(csv)
    if not report.committed:
        raise RuntimeError(f"the catalogue import failed: {report.summary()}")


def _settings(path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{path}", _env_file=None)


# -- asking and judging --------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    question: Question
    right: bool
    named: tuple[str, ...]
    """The shows the reply answered, as titles; an ambiguous reply as 'which: a | b'."""
    offered_show: bool
    """The reply answered with a show or offered a choice of shows."""
    missing: tuple[tuple[str, ...], ...]
    helped: bool
    text: str
    seconds: float


def judge(question: Question, answers: Sequence[Answer], text: str, seconds: float) -> Outcome:
    named, shown, offered = [], [], False
    for answer in answers:
        if isinstance(answer, ShowAnswer):
            named.append(fold(answer.title))
            shown.append(answer.title)
            offered = True
        elif isinstance(answer, Ambiguous):
            titles = {fold(choice.title) for choice in answer.choices}
            # Remakes with one title: offering the choice between them names that title.
            named.append(titles.pop() if len(titles) == 1 else _AMBIGUOUS)
            shown.append("which: " + " | ".join(c.label() for c in answer.choices))
            offered = True
    helped = any(isinstance(answer, HelpAnswer) for answer in answers)
    folded = fold(text)
    missing = tuple(f for f in question.facts if not any(fold(alt) in folded for alt in f))
    right = named == [fold(t) for t in question.shows] and helped == question.help
    return Outcome(
        question=question,
        right=right and not missing,
        named=tuple(shown),
        offered_show=offered,
        missing=missing,
        helped=helped,
        text=text,
        seconds=seconds,
    )


async def ask_all(app: Application, questions: Sequence[Question]) -> list[Outcome]:
    outcomes = []
    for question in questions:
        started = time.perf_counter()
        try:
            answers = (await app.answers.ask(question.text)).answers
            seconds = time.perf_counter() - started
            text = "\n".join(answer_text(answer) for answer in answers)
        except Exception as error:  # noqa: BLE001 - a crash on one question is a wrong answer
            seconds = time.perf_counter() - started
            answers, text = (), f"error: {type(error).__name__}: {error}"
        outcomes.append(judge(question, answers, text, seconds))
    return outcomes


# -- reports -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    asked: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.asked if self.asked else 0.0

    def __str__(self) -> str:
        return f"{self.share:6.1%} of {self.asked:3}"


def _score(outcomes: Iterable[Outcome], right: Callable[[Outcome], bool]) -> Score:
    chosen = list(outcomes)
    return Score(asked=len(chosen), right=sum(1 for o in chosen if right(o)))


@dataclass
class SetReport:
    name: str
    outcomes: list[Outcome] = field(repr=False)
    """Left out of the repr: a failed assertion must never print held-out questions."""

    def score(self, kind: str | None = None, catalogue: str | None = None) -> Score:
        return _score(
            (
                o
                for o in self.outcomes
                if kind in (None, o.question.kind) and catalogue in (None, o.question.catalogue)
            ),
            lambda o: o.right,
        )

    @property
    def kinds(self) -> list[str]:
        present = {o.question.kind for o in self.outcomes}
        return [kind for kind in CLASSES if kind in present]

    @property
    def absent_answered(self) -> Score:
        """Questions about shows the catalogue lacks that got a show (or a choice of them)."""
        absent = (o for o in self.outcomes if o.question.kind == "absent")
        return _score(absent, lambda o: o.offered_show)

    def floors_missed(self) -> list[str]:
        """The issue's targets this set misses, in words; empty when it meets them all."""
        missed = []
        if self.score().share < OVERALL_FLOOR:
            missed.append(f"overall {self.score()} < {OVERALL_FLOOR:.0%}")
        for kind in self.kinds:
            if self.score(kind).share < CLASS_FLOOR:
                missed.append(f"{kind} {self.score(kind)} < {CLASS_FLOOR:.0%}")
        if self.absent_answered.share > ABSENT_CEILING:
            missed.append(f"absent answered with a show {self.absent_answered} > 3%")
        typos = self.score("typos", "real")
        if typos.asked and typos.share < REAL_TYPOS_FLOOR:
            missed.append(f"typos on the real catalogue {typos} < {REAL_TYPOS_FLOOR:.0%}")
        return missed

    def table(self) -> str:
        lines = [f"{self.name}: {len(self.outcomes)} questions", f"  {'class':<12} right"]
        lines += [f"  {kind:<12} {self.score(kind)}" for kind in self.kinds]
        lines += [f"  {c:<12} {self.score(catalogue=c)}  (catalogue)" for c in CATALOGUES]
        lines.append(f"  {'overall':<12} {self.score()}")
        lines.append(f"  {'typos, real':<12} {self.score('typos', 'real')}")
        lines.append(f"  absent questions answered with a show: {self.absent_answered}")
        times = sorted(o.seconds * 1000 for o in self.outcomes)
        if times:
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            lines.append(
                f"  ask latency: median {statistics.median(times):.1f} ms, p99 {p99:.1f} ms"
            )
        missed = self.floors_missed()
        lines.append("  targets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
        return "\n".join(lines)


@dataclass
class Report:
    sets: dict[str, SetReport] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Sets not run, with why."""


def failure_lines(outcome: Outcome) -> list[str]:
    question = outcome.question
    got = ", ".join(outcome.named) or ("help" if outcome.helped else "no show")
    want = ", ".join(question.shows) or ("help" if question.help else "no show")
    lines = [f"[{question.kind}/{question.catalogue}] line {question.line}: {question.text!r}"]
    lines.append(f"    wanted {want}; got {got}")
    if outcome.missing:
        lines.append(f"    missing facts: {[list(f) for f in outcome.missing]}")
    reply = outcome.text if len(outcome.text) <= 300 else outcome.text[:300] + "…"
    lines += ["    | " + line for line in reply.splitlines()]
    return lines


async def evaluate_with(app: Application, sets: dict[str, list[Question]]) -> Report:
    report = Report()
    for name, questions in sets.items():
        report.sets[name] = SetReport(name, await ask_all(app, questions))
    return report


def evaluate(paths: Sequence[Path] = (TUNING, HELD_OUT), csv: Path = NETFLIX_TITLES) -> Report:
    """Asks every question of each file that exists; a file that does not is skipped, said so.
    Only `TUNING`'s questions may ever be shown: other files are loaded without revealing."""
    records = SourceRecords.read(csv)
    sets: dict[str, list[Question]] = {}
    skipped = {}
    for path in paths:
        if not path.is_file():
            skipped[path.stem] = f"{path} does not exist yet"
            continue
        sets[path.stem] = load_questions(path, records.titles, reveal=path == TUNING)
    database = catalogue_database(csv)

    async def run() -> Report:
        app = await Application.open(_settings(database))
        try:
            return await evaluate_with(app, sets)
        finally:
            await app.close()

    report = asyncio.run(run())
    report.skipped = skipped
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--failures", action="store_true", help="print the tuning set's failures")
    parser.add_argument("--validate", action="store_true", help="check the tuning set's facts")
    parser.add_argument("--class", dest="kind", choices=CLASSES, help="failures of this class only")
    parser.add_argument("--rebuild", action="store_true", help="import the catalogue again")
    arguments = parser.parse_args(argv)
    if not NETFLIX_TITLES.is_file():
        print(f"skipped: {NETFLIX_TITLES} is absent (the questions are about its titles)")
        return 0
    if arguments.validate:
        records = SourceRecords.read(NETFLIX_TITLES)
        problems = records.fact_problems(load_questions(TUNING, records.titles))
        print("\n".join(problems) or "every title and fact of the tuning set is on record")
        return 1 if problems else 0
    if arguments.rebuild:
        catalogue_database(NETFLIX_TITLES, rebuild=True)
    report = evaluate()
    for name, reason in report.skipped.items():
        print(f"{name}: skipped, {reason}")
    for result in report.sets.values():
        print(result.table())
    tuning = report.sets.get(TUNING.stem)
    if arguments.failures and tuning:
        failed = [
            o for o in tuning.outcomes if not o.right and arguments.kind in (None, o.question.kind)
        ]
        print(f"\n{TUNING.stem} failures ({len(failed)}):")
        for outcome in failed:
            print("\n".join(failure_lines(outcome)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
