"""How well the news reader finds decisions in real articles, and how fast it reads one.

    python -m benchmarks.news_reading            # the table, and the reading time
    python -m benchmarks.news_reading --details  # every miss and wrong proposal, but
                                                 # never a held-out set's

The sets (benchmarks/news_eval/, whose README says what each is) have their truth written
by hand before the reader was run on them: the five seed articles (../shared/seeds, skipped
when absent), the sets tuned on (most of them held out until their first score), and the sets
held out of all tuning, each collected by someone who never saw the reader; the last rows pool
each kind. A status proposal is right when its show and its decision (cancelled, renewed,
ordered, ending) are in the article's truth; a proposal about a decision the article gives
only as background ("X, which was cancelled in 2019") counts neither way; one about a show
the article names only in passing is wrong, and counted apart. The reading time is the
median of 21 reads of a 2,000-word article made of the seed and tuning articles, beside the
time to split the same text into sentences (the least any reader must do).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.matching.index import TitleIndex
from bot.matching.text import fold, title_variants
from bot.news.article import read_article, split_sentences
from bot.news.reader import NewsReader

EVAL = Path(__file__).parent / "news_eval"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    found: int = 0
    expected: int = 0
    passing_given_status: int = 0
    passing_named: int = 0
    seasons_right: int = 0
    seasons_given: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        for name in ("right", "wrong", "found", "expected", "passing_given_status"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.passing_named += other.passing_named
        self.seasons_right += other.seasons_right
        self.seasons_given += other.seasons_given
        self.notes.extend(other.notes)


def same_show(one: str, other: str) -> bool:
    """Whether two names are one show: equal when folded, or one is the other's title
    without its subtitle ("Dahmer – Monster" and "Dahmer — Monster: The Jeffrey Dahmer
    Story")."""
    if fold(one) == fold(other):
        return True
    first = {" ".join(v) for v, _ in title_variants(one)}
    second = {" ".join(v) for v, _ in title_variants(other)}
    return fold(one) in second or fold(other) in first


def score_article(name: str, text: str, truth: dict[str, Any], reader: NewsReader) -> Score:
    reading = reader.read(read_article(text))
    proposals = [p for p in reading.proposals if p.field == "status"]
    score = Score(expected=len(truth["status"]), passing_named=len(truth["passing"]))
    matched: set[int] = set()
    for proposal in proposals:
        # the fact named exactly first: "America’s Got Talent: The Champion" is not the
        # "America’s Got Talent" the same article also gives
        hit = min(
            (
                (fold(proposal.show) != fold(fact["show"]), i)
                for i, fact in enumerate(truth["status"])
                if same_show(proposal.show, fact["show"]) and proposal.value == fact["value"]
            ),
            default=(False, None),
        )[1]
        if hit is not None:
            score.right += 1
            if hit not in matched:
                matched.add(hit)
                expected_seasons = truth["status"][hit]["seasons"]
                if expected_seasons is not None:
                    score.seasons_given += 1
                    score.seasons_right += proposal.seasons == expected_seasons
            continue
        if any(same_show(proposal.show, fact["show"]) for fact in truth["background"]):
            continue
        score.wrong += 1
        if any(same_show(proposal.show, shown) for shown in truth["passing"]):
            score.passing_given_status += 1
        score.notes.append(f"{name}: wrong: {proposal.describe()} <- {proposal.evidence}")
    score.found = len(matched)
    for i, fact in enumerate(truth["status"]):
        if i not in matched:
            score.notes.append(f"{name}: missed: {fact['show']} {fact['value']}")
    return score


def score_set(folder: Path, truth_file: Path, reader: NewsReader) -> Score | None:
    if not folder.is_dir() or not truth_file.exists():
        return None
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    total = Score()
    for name, facts in sorted(truth.items()):
        text = (folder / name).read_text(encoding="utf-8")
        total.add(score_article(name, text, facts, reader))
    return total


SETS = {
    "seeds (5)": (SEEDS, EVAL / "seeds_truth.json"),
    "tuning (16)": (EVAL / "tuning", EVAL / "tuning" / "truth.json"),
    "tuning b (9)": (EVAL / "tuning_b", EVAL / "tuning_b" / "truth.json"),
    "tuning c (16)": (EVAL / "tuning_c", EVAL / "tuning_c" / "truth.json"),
    "tuning d (12)": (EVAL / "tuning_d", EVAL / "tuning_d" / "truth.json"),
    "tuning e (16)": (EVAL / "tuning_e", EVAL / "tuning_e" / "truth.json"),
    "tuning f (15)": (EVAL / "tuning_f", EVAL / "tuning_f" / "truth.json"),
    "tuning g (15)": (EVAL / "tuning_g", EVAL / "tuning_g" / "truth.json"),
    "tuning h (15)": (EVAL / "tuning_h", EVAL / "tuning_h" / "truth.json"),
    "tuning i (15)": (EVAL / "tuning_i", EVAL / "tuning_i" / "truth.json"),
    "tuning j (16)": (EVAL / "tuning_j", EVAL / "tuning_j" / "truth.json"),
    "held out (16)": (EVAL / "held_out_d", EVAL / "held_out_d" / "truth.json"),
    "held out e (16)": (EVAL / "held_out_e", EVAL / "held_out_e" / "truth.json"),
    "held out f (16)": (EVAL / "held_out_f", EVAL / "held_out_f" / "truth.json"),
    "held out g (16)": (EVAL / "held_out_g", EVAL / "held_out_g" / "truth.json"),
    "held out h (16)": (EVAL / "held_out_h", EVAL / "held_out_h" / "truth.json"),
}


def held_out(label: str) -> bool:
    """Whether a set is held out of tuning: its misses and errors are never printed, so
    that no one tunes on them."""
    return SETS[label][0].name.startswith("held_out")


def sets(reader: NewsReader) -> dict[str, Score | None]:
    return {label: score_set(folder, truth, reader) for label, (folder, truth) in SETS.items()}


def long_article() -> str:
    """About 2,000 words of real news: the tuning articles one after another."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((EVAL / "tuning").glob("*.txt"))]
    words: list[str] = []
    paragraphs = []
    for text in texts:
        for paragraph in text.split("\n"):
            if len(words) >= 2000:
                break
            paragraphs.append(paragraph)
            words.extend(paragraph.split())
    return "\n".join(paragraphs)


def reading_times(reader: NewsReader, text: str, runs: int = 21) -> tuple[float, float]:
    """Median milliseconds to read `text`, and to only split it into sentences."""
    read, split = [], []
    for _ in range(runs):
        start = time.perf_counter()
        reader.read(read_article(text))
        read.append(time.perf_counter() - start)
        start = time.perf_counter()
        for paragraph in text.split("\n"):
            split_sentences(paragraph)
        split.append(time.perf_counter() - start)
    return statistics.median(read) * 1000, statistics.median(split) * 1000


def _row(label: str, score: Score) -> str:
    return (
        f"{label:<14} {score.precision:>9.2f} {score.recall:>7.2f} {score.right:>6} "
        f"{score.wrong:>6} {score.expected:>6} "
        f"{score.passing_given_status:>7} of {score.passing_named:<4} "
        f"{score.seasons_right:>3}/{score.seasons_given:<3}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--details", action="store_true", help="print every miss and error of the tuning sets"
    )
    arguments = parser.parse_args()
    reader = NewsReader(TitleIndex())
    print(
        f"{'set':<14} {'precision':>9} {'recall':>7} {'right':>6} {'wrong':>6} "
        f"{'facts':>6} {'passing→status':>15} {'seasons':>8}"
    )
    pooled = {"tuning, all": Score(), "held out, all": Score()}
    for label, score in sets(reader).items():
        if score is None:
            print(f"{label:<14} (absent)")
            continue
        print(_row(label, score))
        if label != "seeds (5)":
            pooled["held out, all" if held_out(label) else "tuning, all"].add(score)
        if arguments.details and not held_out(label):
            for note in score.notes:
                print("   ", note[:300])
    for label, score in pooled.items():
        print(_row(label, score))
    text = long_article()
    read, split = reading_times(reader, text)
    print(
        f"\nA {len(text.split()):,}-word article: read in {read:.1f} ms (median of 21); "
        f"splitting it into sentences alone takes {split:.2f} ms ({read / split:.0f}x)."
    )


if __name__ == "__main__":
    main()
