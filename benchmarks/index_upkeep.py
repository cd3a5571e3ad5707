"""The title index's upkeep at catalogue scale: what edits leave behind, and how long taking
in many changed shows holds up the event loop.

    python -m benchmarks.index_upkeep                      # 300,000 titles, 10,000 edits
    python -m benchmarks.index_upkeep --titles 100000 --changed 5000

(a) One show of an index of 30,000 titles edited 10,000 times: each edit renames it with a
word no other title has (the old index kept every such word), and the last gives it the
first edit's names back. The index's size, the sum of its tables' and columns' lengths,
after the first edit and after the last, and the memory Python holds for the index
(tracemalloc, tracing from before the build) along the way.
(b) 10,000 changed shows taken in by `Catalogue._take_in` (a slice of UPKEEP_SLICE seconds
at a time), beside the old way (`bulk_load` of 2,000 shows at a time, the event loop let
go between chunks) on another 10,000 shows of the same index, in the same run. A watchdog
coroutine asks to wake every 1 ms and records the gaps between its wake-ups: the longest gap
is the longest the bot could not answer.
(c) The latency of questions (about shows of the catalogue, with typos, cut short, and about
absent ones) before the edits and after them, and after them to an index built afresh over
the same shows, asked in turn with the edited one (so that the machine's moods fall on both
alike), with how many answers the edited index and the fresh one share.

Titles are the real catalogue (../shared/data/netflix_titles.csv) grown with synthetic titles
from its vocabulary (see catalogues.py), or, without it, grown from the words of the
built-in records. Figures are medians and ratios from one run, no verdicts: the machine is
noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.catalogues import (
    NETFLIX_TITLES,
    RealTitle,
    TitleGrower,
    grown_entries,
    read_real_titles,
    real_entries,
)
from benchmarks.evaluation import heavy_typos
from bot.catalogue.service import BUILTIN_RECORDS, Catalogue
from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.tuning import UPKEEP_SLICE
from db.engine import Database


@dataclass(frozen=True)
class Watched:
    gaps: list[float]
    busy: list[float]
    took: float


OLD_CHUNK = 2000
"""What the old `_take_in` gave `bulk_load` at a time."""
QUESTIONS = 2000


def source_titles() -> tuple[list[RealTitle], str]:
    """The titles to grow the catalogue from, and where they come from."""
    if NETFLIX_TITLES.is_file():
        return read_real_titles(), f"{NETFLIX_TITLES.name} and titles grown from its words"
    shows = json.loads(BUILTIN_RECORDS.read_text(encoding="utf-8"))["shows"]
    # Four titles are too few words to grow from: the records' sentences lend theirs.
    texts = [show["title"] for show in shows]
    texts += [s for show in shows for s in str(show.get("logline", "")).split(". ") if s]
    titles = [RealTitle(text.rstrip(".")[:80], None, "TV Show") for text in texts]
    return titles, "titles grown from the words of the built-in records (no netflix_titles.csv)"


def _percentile(samples: Sequence[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _questions(entries: list[TitleEntry], grower: TitleGrower, rng: random.Random) -> list[str]:
    """Questions about shows of the catalogue (a fifth about titles it lacks)."""
    questions = []
    for number, entry in enumerate(rng.sample(entries, QUESTIONS)):
        title = entry.title
        form = number % 5
        if form == 0:
            questions.append(f"is {title} renewed?")
        elif form == 1:
            questions.append(f"{title.lower()} season 2")
        elif form == 2:
            questions.append(heavy_typos(title, rng) or title)
        elif form == 3:
            questions.append(title[: max(3, 2 * len(title) // 3)])
        else:
            questions.append(f"was {grower.title()} cancelled")
    return questions


def _answers(
    indexes: list[TitleIndex], questions: list[str]
) -> list[tuple[list[float], list[int | None]]]:
    """For each index, the time of each question (ms) and the show it named; each question
    asked of every index in turn, each index first in turn."""
    found: list[tuple[list[float], list[int | None]]] = [([], []) for _ in indexes]
    for number, question in enumerate(questions):
        turn = number % len(indexes)
        pairs = list(zip(indexes, found, strict=True))
        for index, (times, named) in pairs[turn:] + pairs[:turn]:
            started = time.perf_counter()
            match = index.resolve(question).match
            times.append((time.perf_counter() - started) * 1000)
            named.append(match.entry.show_id if match else None)
    return found


def _size(index: TitleIndex) -> int:
    return sum(index.table_sizes().values())


def edit_one_show(entries: list[TitleEntry], edits: int) -> dict[int, tuple[int, float]]:
    """After some of the edits of one show: the index's size and its traced memory (MB)."""
    tracemalloc.start()
    index = TitleIndex(entries)
    show = entries[len(entries) // 2]
    first = replace(show, title=f"{show.title} Take1", aliases=(show.title,))
    figures: dict[int, tuple[int, float]] = {}
    for edit in range(1, edits + 1):
        take = first if edit in (1, edits) else replace(first, title=f"{show.title} Take{edit}")
        index.upsert(take)
        if edit in (1, 100, 1000, edits // 2, edits):
            figures[edit] = (_size(index), tracemalloc.get_traced_memory()[0] / 1e6)
    tracemalloc.stop()
    return figures


async def _watched(work: Callable[[], Awaitable[None]]) -> Watched:
    """The gaps (ms) between the wake-ups of a coroutine that sleeps 1 ms at a time while
    `work` runs, the CPU time the loop's thread used in each (ms: the gap less the time
    other processes on the machine took), and how long the work took (s)."""
    gaps: list[float] = []
    busy: list[float] = []
    done = False

    async def watchdog() -> None:
        last, last_cpu = time.perf_counter(), time.thread_time()
        while not done:
            await asyncio.sleep(0.001)
            now, now_cpu = time.perf_counter(), time.thread_time()
            gaps.append((now - last) * 1000)
            busy.append((now_cpu - last_cpu) * 1000)
            last, last_cpu = now, now_cpu

    watching = asyncio.create_task(watchdog())
    await asyncio.sleep(0.005)
    started = time.perf_counter()
    await work()
    took = time.perf_counter() - started
    done = True
    await watching
    return Watched(gaps, busy, took)


def _changed(entries: list[TitleEntry], rng: random.Random) -> list[TitleEntry]:
    """What an import changes: most shows keep their names, a fifth are renamed."""
    return [
        replace(e, title=f"{e.title} Revisited", aliases=(e.title,))
        if rng.random() < 0.2
        else replace(e, year=(e.year or 2000) + 1)
        for e in entries
    ]


async def take_in(
    index: TitleIndex, new: list[TitleEntry], old: list[TitleEntry]
) -> tuple[Watched, Watched]:
    """The event loop's gaps while the catalogue takes in `new`, and while the old way loads
    `old` (as many other shows) in bulk."""
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'unused.db'}")  # never opened
        catalogue = Catalogue(database, index)
        try:
            sliced = await _watched(lambda: catalogue._take_in(new))
        finally:
            await database.dispose()

    async def bulk() -> None:
        for start in range(0, len(old), OLD_CHUNK):
            index.bulk_load(old[start : start + OLD_CHUNK])
            await asyncio.sleep(0)

    return sliced, await _watched(bulk)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--titles", type=int, default=300_000)
    parser.add_argument("--changed", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--edit-titles", type=int, default=30_000)
    arguments = parser.parse_args(argv)
    rng = random.Random(7)
    titles, source = source_titles()
    real = real_entries(titles)
    print(f"titles from {source}")

    edited = edit_one_show(
        list(grown_entries(real, titles, arguments.edit_titles)), arguments.edits
    )
    print(f"\n(a) one show of {arguments.edit_titles:,} titles edited {arguments.edits:,} times")
    print(f"  {'after edit':>10} {'index size':>11} {'memory MB':>10}")
    for edit, (size, memory) in edited.items():
        print(f"  {edit:>10,} {size:>11,} {memory:>10.2f}")
    size_first, memory_first = edited[1]
    size_last, memory_last = edited[arguments.edits]
    print(
        f"  last/first: size x{size_last / size_first:.4f}, "
        f"memory x{memory_last / memory_first:.3f}"
        " (the dicts' tables grow once under churn, to what CPython gives a dict of their"
        " entries, then stay)"
    )

    entries = list(grown_entries(real, titles, arguments.titles))
    started = time.perf_counter()
    index = TitleIndex(entries)
    gc.freeze()  # as the application does once its index is loaded (bot/cli/gateway.py)
    print(f"\n{arguments.titles:,} titles indexed in {time.perf_counter() - started:.1f} s")
    questions = _questions(entries, TitleGrower(titles, seed=99), rng)
    _answers([index], questions[:200])  # warm-up
    [(before_times, before_named)] = _answers([index], questions)

    sample = rng.sample(entries, 2 * arguments.changed)
    new, old = (
        _changed(sample[: arguments.changed], rng),
        _changed(sample[arguments.changed :], rng),
    )
    sliced, bulk = asyncio.run(take_in(index, new, old))
    print(
        f"\n(b) {arguments.changed:,} changed shows taken in: the gaps between the wake-ups of "
        "a coroutine asking to wake every 1 ms (ms), and of them the CPU time of the loop's "
        "thread (ms)"
    )
    print(
        f"  {'':<40} {'gap median':>10} {'p99':>7} {'worst':>7} | "
        f"{'CPU median':>10} {'worst':>7} | {'> 50 ms':>7} | {'total s':>7}"
    )
    for label, watched in (
        (f"Catalogue._take_in ({UPKEEP_SLICE * 1000:.0f} ms slices)", sliced),
        (f"old way: bulk_load {OLD_CHUNK:,} at a time", bulk),
    ):
        print(
            f"  {label:<40} {statistics.median(watched.gaps):>10.2f} "
            f"{_percentile(watched.gaps, 0.99):>7.2f} {max(watched.gaps):>7.1f} | "
            f"{statistics.median(watched.busy):>10.2f} {max(watched.busy):>7.1f} | "
            f"{sum(gap > 50 for gap in watched.gaps):>7} | {watched.took:>7.2f}"
        )
    print(
        f"  worst gap: the old way's is x{max(bulk.gaps) / max(sliced.gaps):.1f} the new one's "
        f"(CPU: x{max(bulk.busy) / max(sliced.busy):.1f})"
    )

    final = {entry.show_id: entry for entry in [*entries, *new, *old]}
    fresh = TitleIndex(final.values())
    gc.freeze()
    _answers([fresh], questions[:200])  # warm-up
    (after_times, after_named), (fresh_times, fresh_named) = _answers([index, fresh], questions)
    print(f"\n(c) {len(questions):,} questions, ms{'p50':>24} {'p99':>7}")
    for label, times in (
        ("before the edits", before_times),
        ("after them", after_times),
        ("a fresh build of the same shows", fresh_times),
    ):
        print(f"  {label:<35} {statistics.median(times):>7.3f} {_percentile(times, 0.99):>7.3f}")
    for label, times, than in (
        ("edited/fresh", after_times, fresh_times),
        ("after/before", after_times, before_times),
    ):
        print(
            f"  {label}: p50 x{statistics.median(times) / statistics.median(than):.2f}, "
            f"p99 x{_percentile(times, 0.99) / _percentile(than, 0.99):.2f}"
        )
    same_fresh = sum(a == b for a, b in zip(after_named, fresh_named, strict=True))
    same_before = sum(a == b for a, b in zip(after_named, before_named, strict=True))
    print(
        f"  the same show named by the edited index and the fresh build: "
        f"{same_fresh / len(questions):.1%}; before and after the edits: "
        f"{same_before / len(questions):.1%} (the edits renamed some shows asked about)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
