"""Writing to a catalogue of 10,000 shows and of 100,000: what one import batch and what one
edit cost, to show that neither grows with the catalogue.

    python -m benchmarks.catalogue_writes
    python -m benchmarks.catalogue_writes --sizes 10000 100000 --code /tmp/writes_before
    python -m benchmarks.catalogue_writes --postgres postgresql://127.0.0.1:5432/test

For each size it writes a synthetic catalogue (the rows of `benchmarks.imports`) and imports it
with `showbot import` into a new database, then times, in child processes:

- a batch: the 500 rows an import writes together (`IMPORT_BATCH`), half of them new shows,
  half of them stored shows with a changed field (found again by TMDB id, or by title and year
  for the rows without one), looked up, staged and written by a `CatalogueWriter` in one
  transaction, as `showbot import` writes each batch;
- an edit: one record (a stored show's, changed) written in a transaction of its own, as a
  single write does; each run another record, since what one costs depends on what it holds.

Each is rolled back, so that the catalogue keeps its size. The databases are all made first,
then timed in `--rounds` rounds that take every database in turn (`--repeats` runs of each a
round, and `--edits` edits), so that a machine busy for a while weighs on every column alike.
It prints the median wall time and the median CPU time of the timing process (on SQLite all the
work; PostgreSQL's own is not in it), and the ratio between the sizes: 1.0 when the cost does
not grow with the catalogue. `--code DIR` times the code of another checkout (say an export of
an older commit) on the same files, beside this one's. SQLite by default; `--postgres URL`
makes scratch databases on that server instead (created and dropped; the URL names one to
connect to).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.imports import COLUMNS, SEED, synthetic_rows

BATCH_ROWS = 500
"""As `bot.catalogue.service.IMPORT_BATCH`: this benchmark must run on older code too."""
GENRES_COLUMN = COLUMNS.index("genres")

TIMING = """
import asyncio, json, sys, time
from pathlib import Path
from db.notifications import driver_dsn
from bot.catalogue.importers import ParsedRow, read_file
from db.catalogue import CatalogueWriter
from db.engine import Database
from db.records import SourceRecord

async def timed(database, sources, records):
    async with database.transaction(exclusive=True) as session:
        wall, cpu = time.perf_counter(), time.process_time()
        writer = CatalogueWriter(session)
        writer.declare_sources(sources)
        await writer.prefetch(records)
        for record in records:
            await writer.stage(record)
        await writer.write_staged()
        await writer.close()
        spent = (time.perf_counter() - wall, time.process_time() - cpu)
        await session.rollback()
    return spent

async def main(url, path, repeats, edits, first_edit):
    database = Database(url)
    items = list(read_file(Path(path)).items)
    sources = [i for i in items if isinstance(i, SourceRecord)]
    records = [i.record for i in items if isinstance(i, ParsedRow)]
    try:
        batch = [await timed(database, sources, records) for _ in range(repeats)]
        stored = records[len(records) // 2:]  # the changed rows of stored shows
        edited = stored[first_edit:first_edit + edits]
        edit = [await timed(database, sources, [record]) for record in edited]
    finally:
        await database.dispose()
    print(json.dumps({"batch": batch, "edit": edit}))

asyncio.run(main(sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])))
"""
"""The timing child: only APIs that older versions of the code have too."""

Runs = dict[str, list[tuple[float, float]]]
"""(wall, CPU) seconds of each run, for "batch" and for "edit"."""


def files(folder: Path, size: int, seed: int) -> tuple[Path, Path]:
    """A catalogue of `size` rows and a batch of `BATCH_ROWS` for it: half new rows (with
    TMDB ids of their own), half rows of the catalogue with their genres changed."""
    rows = list(synthetic_rows(size + BATCH_ROWS // 2, seed))
    stored, new = rows[:size], rows[size:]
    changed = [list(row) for row in random.Random(seed).sample(stored, BATCH_ROWS // 2)]
    for row in changed:
        row[GENRES_COLUMN] = "Western" if row[GENRES_COLUMN] != "Western" else "Drama"
    catalogue, batch = folder / f"catalogue-{size}.csv", folder / f"batch-{size}.csv"
    for path, content in ((catalogue, stored), (batch, [*new, *changed])):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(content)
    return catalogue, batch


def _child(code: Path | None, url: str, command: Sequence[str], cwd: Path) -> str:
    """Runs a child on `code` (this checkout when None) and the database at `url`; what it
    printed. It runs in the files' folder: `python -m` puts its working folder first on the
    path, which would hide `code`."""
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    env.pop("DISCORD_TOKEN", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    done = subprocess.run(
        [sys.executable, *command], env=env, cwd=cwd, capture_output=True, text=True
    )
    if done.returncode:  # its progress and warnings are left out unless it failed
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr}")
    return done.stdout


def build(code: Path | None, url: str, catalogue: Path) -> None:
    _child(code, url, ["-m", "bot.cli", "import", str(catalogue)], catalogue.parent)


def time_writes(
    code: Path | None, url: str, batch: Path, repeats: int, edits: int, first_edit: int
) -> Runs:
    """Times `repeats` batches, then `edits` edits, of the batch's stored rows from the
    `first_edit`th on."""
    counts = [str(repeats), str(edits), str(first_edit)]
    output = _child(code, url, ["-c", TIMING, url, str(batch), *counts], batch.parent)
    runs: Runs = json.loads(output.strip().splitlines()[-1])
    return runs


@contextmanager
def scratch_database(folder: Path, postgres: str | None) -> Iterator[str]:
    """A new database: a SQLite file in `folder`, or a scratch database on `postgres`."""
    if postgres is None:
        yield f"sqlite:///{folder / f'writes-{uuid.uuid4().hex[:8]}.db'}"
        return
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    from db.notifications import driver_dsn

    base = make_url(postgres)
    name = f"showbot_bench_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(driver_dsn(postgres))
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _median_ms(runs: Sequence[tuple[float, float]], which: int) -> float:
    return statistics.median(run[which] for run in runs) * 1000


def report(sizes: Sequence[int], results: dict[tuple[str, int], Runs], versions: list[str]) -> str:
    lines = []
    titles = (("batch", f"a {BATCH_ROWS}-row import batch"), ("edit", "one record, as an edit"))
    for what, title in titles:
        lines += ["", f"Writing {title}: median ms, wall / CPU", ""]
        lines.append(f"{'shows':>10}" + "".join(f" {version:>22}" for version in versions))
        medians = {
            key: (_median_ms(runs[what], 0), _median_ms(runs[what], 1))
            for key, runs in results.items()
        }
        for size in sizes:
            cells = [f"{medians[(v, size)][0]:.0f} / {medians[(v, size)][1]:.0f}" for v in versions]
            lines.append(f"{size:>10,}" + "".join(f" {cell:>22}" for cell in cells))
        first, last = sizes[0], sizes[-1]
        if first != last:
            cells = [
                f"{medians[(v, last)][0] / medians[(v, first)][0]:.2f}x / "
                f"{medians[(v, last)][1] / medians[(v, first)][1]:.2f}x"
                for v in versions
            ]
            label = f"{last / first:g}x shows"
            lines.append(f"{label:>10}" + "".join(f" {cell:>22}" for cell in cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--code", type=Path, help="also time this checkout's code")
    parser.add_argument("--postgres", help="a PostgreSQL URL to make scratch databases on")
    arguments = parser.parse_args(argv)
    versions: dict[str, Path | None] = {"this checkout": None}
    if arguments.code is not None:
        versions = {arguments.code.name: arguments.code.resolve(), **versions}
    results: dict[tuple[str, int], Runs] = {}
    with (
        tempfile.TemporaryDirectory(prefix="showbot-writes-benchmark-") as folder,
        ExitStack() as stack,
    ):
        work = Path(folder)
        databases: dict[tuple[str, int], tuple[Path | None, str, Path]] = {}
        for size in arguments.sizes:
            catalogue, batch = files(work, size, arguments.seed)
            for version, code in versions.items():
                print(f"importing {size:,} shows with {version}…", file=sys.stderr, flush=True)
                url = stack.enter_context(scratch_database(work, arguments.postgres))
                build(code, url, catalogue)
                databases[(version, size)] = (code, url, batch)
        for round_number in range(arguments.rounds):
            print(f"round {round_number + 1} of {arguments.rounds}…", file=sys.stderr, flush=True)
            for key, (code, url, batch) in databases.items():
                first_edit = round_number * arguments.edits
                runs = time_writes(code, url, batch, arguments.repeats, arguments.edits, first_edit)
                for what, spent in runs.items():
                    results.setdefault(key, {}).setdefault(what, []).extend(spent)
    backend = "PostgreSQL" if arguments.postgres else "SQLite"
    batches, edits = arguments.rounds * arguments.repeats, arguments.rounds * arguments.edits
    print(f"Catalogue writes on {backend}, rolled back: {batches} batches, {edits} edits")
    print(report(arguments.sizes, results, list(versions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
