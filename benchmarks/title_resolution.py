"""Title resolution at catalogue scale, against brute force in the same run.

    python -m benchmarks.title_resolution            # the real catalogue, 10k, 100k and 1M
    python -m benchmarks.title_resolution --sizes 100000
    python -m benchmarks.title_resolution --sizes 0 --seed 1843   # the evaluation of a seed
                                                                  # no tuning looked at

Each catalogue size runs in a fresh process, so that its memory is its own. Catalogues are
the real one (../shared/data/netflix_titles.csv, less the titles the evaluation holds out)
grown with synthetic titles from its vocabulary (see catalogues.py). The questions are the
evaluation set (see evaluation.py); the autocomplete inputs are prefixes of the titles asked
about, cut at random lengths. Brute force is rapidfuzz's `process.extractOne` with `WRatio`
over every title (and `process.extract(..., limit=25)` for autocomplete), on a sample of the
same inputs. Figures are medians and 99th percentiles; the machine is noisy, so compare
ratios from one run rather than numbers across runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from benchmarks.catalogues import NETFLIX_TITLES, grown_entries, read_real_titles
from benchmarks.evaluation import ABSENT_CLASSES, CLASSES, TUNING_SEED, build, judge
from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.reader import QuestionReader

DEFAULT_SIZES = (0, 10_000, 100_000, 1_000_000)
"""0 stands for the real catalogue alone."""
PREFIXES = 1000
EDITS = 300


def stranger_questions() -> list[str]:
    """The texts of the question-answering evaluation (both sets: only timed here)."""
    folder = Path(__file__).parent / "questions"
    texts: list[str] = []
    for name in ("tuning.jsonl", "held_out.jsonl"):
        path = folder / name
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["q"] for line in lines if line.strip()]
    return texts


def _rss_megabytes() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentile(samples: Sequence[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _timed(inputs: Sequence[str], work: Callable[[str], object]) -> dict[str, float]:
    times = []
    for text in inputs:
        started = time.perf_counter()
        work(text)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(times), "p99": _percentile(times, 0.99), "n": len(times)}


def measure(size: int, brute_sample: int, seed: int = TUNING_SEED) -> dict[str, Any]:
    """Everything for one catalogue size, in this process."""
    titles = read_real_titles()
    evaluation = build(titles, seed=seed)
    real = evaluation.entries
    entries = list(grown_entries(real, titles, size)) if size else real
    rss_before = _rss_megabytes()
    started = time.perf_counter()
    index = TitleIndex(entries)
    build_seconds = time.perf_counter() - started
    gc.freeze()  # as the application does once its index is loaded (bot/cli/gateway.py)
    rss_after = _rss_megabytes()

    questions = [q.text for q in evaluation.questions]
    rng = random.Random(seed)
    asked = [q.expected for q in evaluation.questions if q.expected]
    prefixes = [t[: rng.randint(1, len(t))] for t in rng.sample(asked, PREFIXES)]

    def named(text: str) -> str | None:
        match = index.resolve(text).match
        return match.entry.title if match else None

    resolve_times = _timed(questions, index.resolve)
    reader = QuestionReader(index)
    read_times = _timed(questions, reader.read)
    stranger_times = _timed(stranger_questions(), reader.read)
    complete_times = _timed(prefixes, index.complete)
    accuracy = judge(evaluation.questions, named)
    edit_times = _timed_edits(index, entries, rng)

    choices = [e.title for e in entries]
    sample = random.Random(seed).sample(range(len(questions)), min(brute_sample, len(questions)))
    brute_questions = [questions[i] for i in sample]
    brute_prefixes = prefixes[: len(brute_questions)]

    def brute_named(text: str) -> str | None:
        found = process.extractOne(
            text, choices, scorer=fuzz.WRatio, processor=utils.default_process
        )
        return found[0] if found else None

    brute_resolve = _timed(brute_questions, brute_named)
    brute_complete = _timed(
        brute_prefixes,
        lambda text: process.extract(
            text, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=25
        ),
    )
    brute_accuracy = judge([evaluation.questions[i] for i in sample], brute_named)
    return {
        "size": len(entries),
        "build_seconds": build_seconds,
        "rss_mb": rss_after,
        "index_mb": rss_after - rss_before,
        "resolve": resolve_times,
        "read": read_times,
        "read_strangers": stranger_times,
        "complete": complete_times,
        "edit": edit_times,
        "brute_resolve": brute_resolve,
        "brute_complete": brute_complete,
        "accuracy": {k: s.accuracy for k, s in accuracy.items()},
        "brute_accuracy": {k: s.accuracy for k, s in brute_accuracy.items()},
        "answered_absent": {k: accuracy[k].answered_share for k in ABSENT_CLASSES},
        "seed": seed,
    }


def _timed_edits(
    index: TitleIndex, entries: list[TitleEntry], rng: random.Random
) -> dict[str, float]:
    """Renaming a show in place: what an edit or an import costs the index, per show."""
    times = []
    for entry in rng.sample(entries, EDITS):
        renamed = replace(entry, title=entry.title + " Revisited", aliases=(entry.title,))
        started = time.perf_counter()
        index.upsert(renamed)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(times), "p99": _percentile(times, 0.99), "n": len(times)}


def _in_own_process(size: int, brute_sample: int, seed: int) -> dict[str, Any]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.title_resolution",
            *("--one", str(size), "--brute-sample", str(brute_sample), "--seed", str(seed)),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures


def _brute_sample_for(size: int) -> int:
    # Brute force costs ~1.6 s a question at a million titles: sample fewer there.
    return 25 if size >= 1_000_000 else 200


def report(results: list[dict[str, Any]]) -> str:
    lines = [
        "Title resolution: index vs brute force (rapidfuzz extractOne/extract, WRatio), "
        "times in ms",
        "",
        f"{'titles':>9} {'build s':>8} {'RSS MB':>7} {'index MB':>8} | "
        f"{'question p50':>12} {'p99':>6} {'brute p50':>9} {'p99':>7} {'x p50':>6} {'x p99':>6} | "
        f"{'complete p50':>12} {'p99':>6} {'brute p50':>9} {'p99':>7} {'x p50':>6} {'x p99':>6} | "
        f"{'edit p50':>8} {'p99':>6}",
    ]
    for r in results:
        q, bq = r["resolve"], r["brute_resolve"]
        c, bc = r["complete"], r["brute_complete"]
        lines.append(
            f"{r['size']:>9,} {r['build_seconds']:>8.2f} {r['rss_mb']:>7.0f} "
            f"{r['index_mb']:>8.0f} | "
            f"{q['p50']:>12.2f} {q['p99']:>6.2f} {bq['p50']:>9.1f} {bq['p99']:>7.1f} "
            f"{bq['p50'] / q['p50']:>6.0f} {bq['p99'] / q['p99']:>6.0f} | "
            f"{c['p50']:>12.2f} {c['p99']:>6.2f} {bc['p50']:>9.1f} {bc['p99']:>7.1f} "
            f"{bc['p50'] / c['p50']:>6.0f} {bc['p99'] / c['p99']:>6.0f} | "
            f"{r['edit']['p50']:>8.2f} {r['edit']['p99']:>6.2f}"
        )
    lines += [
        "",
        "The question reader (what the bot runs on every question: the index, several times "
        "for some), on the same questions and on the questions of benchmarks/questions/ (as "
        "strangers type them), times in ms",
        f"{'titles':>9} | {'read p50':>8} {'p99':>6} {'x p50':>6} {'x p99':>6} | "
        f"{'strangers p50':>13} {'p99':>6} {'x p50':>6} {'x p99':>6}",
    ]
    for r in results:
        q, s, bq = r["read"], r["read_strangers"], r["brute_resolve"]
        lines.append(
            f"{r['size']:>9,} | {q['p50']:>8.2f} {q['p99']:>6.2f} {bq['p50'] / q['p50']:>6.0f} "
            f"{bq['p99'] / q['p99']:>6.0f} | {s['p50']:>13.2f} {s['p99']:>6.2f} "
            f"{bq['p50'] / s['p50']:>6.0f} {bq['p99'] / s['p99']:>6.0f}"
        )
    lines += [
        "",
        f"Accuracy on the evaluation of seed {results[0]['seed']} (share of questions answered "
        "right; for `absent` and `heavy_absent`, answered with no show)",
        f"{'titles':>9} | " + " ".join(f"{k:>10} {'brute':>6}" for k in CLASSES),
    ]
    for r in results:
        cells = []
        for kind in CLASSES:
            mine = r["accuracy"].get(kind)
            theirs = r["brute_accuracy"].get(kind)
            cells.append(
                f"{mine:>10.1%} " + (f"{theirs:>6.1%}" if theirs is not None else f"{'-':>6}")
            )
        lines.append(f"{r['size']:>9,} | " + " ".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument(
        "--seed",
        type=int,
        default=TUNING_SEED,
        help=f"the evaluation set's seed (default {TUNING_SEED}, the one the index was tuned on)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--brute-sample", type=int, default=200, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if not NETFLIX_TITLES.is_file():
        print(f"skipped: {NETFLIX_TITLES} is absent (the benchmark grows its catalogues from it)")
        return 0
    if arguments.one is not None:
        print(json.dumps(measure(arguments.one, arguments.brute_sample, arguments.seed)))
        return 0
    results = []
    for size in arguments.sizes:
        print(f"measuring {size or 'the real catalogue'}…", file=sys.stderr, flush=True)
        results.append(_in_own_process(size, _brute_sample_for(size), arguments.seed))
    print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
