"""`showbot import` of a large CSV: rows a second and peak memory, against reading alone.

    python -m benchmarks.imports --rows 200000
    python -m benchmarks.imports --rows 1000000 --code /tmp/imports_before   # another checkout

It writes a synthetic CSV of short, realistic rows (title, year, type, genres, network,
country, status, season count, three to five cast members from a shared pool of people, a
director, a TMDB id on most rows), then runs two child processes on it, each measured on its
own (wall time, and peak RSS from the kernel's `ru_maxrss` of that child):

- reading: the file read and parsed into show records, nothing written: the floor any
  import of the file stands on;
- import: `python -m bot.cli import FILE` into a fresh SQLite database, exactly what a user
  runs (schema creation and the built-in records included).

The ratio of the two says what writing to the database costs. `--code DIR` runs both children
on the code of another checkout (say a `git worktree` of an older commit), so that two
versions can be compared on one file.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SEED = 2022
ADJECTIVES = (
    "Quiet Silent Broken Golden Hidden Last Lost Dark Bright Wild Little Northern Southern "
    "Crimson Hollow Burning Frozen Distant Secret Open Endless Empty Midnight Final Iron Paper "
    "Glass Stone Velvet Savage Gentle Restless Lonely Perfect Imperfect Strange Sudden Red Blue"
).split()
NOUNS = (
    "Orbit Harbour Lantern Kettle Street River Garden Kingdom Signal Witness Watcher Partner "
    "Track House Island Road Winter Summer Empire Border Circle Mirror Shadow Engine Crown "
    "Letter Station Valley Tower Bridge Forest Coast Village Archive Market Frontier Hour Line"
).split()
PLACES = (
    "Alder Creek|Brighton|Cairo|Dublin|Elm Hill|Fairhaven|Glasgow|Harlow|Istanbul|Jaipur|"
    "Kingston|Lisbon|Marseille|Nairobi|Oslo|Porto|Quebec|Riga|Seoul|Tulsa|Utrecht|Valencia"
).split("|")
FIRST_NAMES = (
    "Ada Tomas Ines Lena Jon Maren Dora Cora Kai Mira Noor Omar Priya Quinn Ravi Sofia Theo "
    "Uma Viktor Wren Xavier Yara Zane Amara Bruno Chloe Dev Elif Farah Gus Hana Ivo Jade Karl "
    "Luz Milo Nia Otto Pia Rosa Sami Tess Ugo Vera Will Yusuf Zoe Anya Bea Cy Dina Eli Fay"
).split()
LAST_NAMES = (
    "Quill Brenn Vale Marsh Holt Keel Arden Bishop Castell Dunmore Ekwueme Farrow Garza Haddad "
    "Ivers Jansen Kowalski Laine Moreau Nakamura Okafor Petrov Quintero Rossi Sandoval Tanaka "
    "Ulrich Varga Whitlock Xu Yilmaz Zeller Abara Bellamy Cruz Dlamini Esposito Fontaine Grey"
).split()
GENRES = (
    "Drama|Comedy|Crime|Mystery|Thriller|Documentary|Reality|Romance|Sci-Fi|Fantasy|Horror|"
    "Animation|Family|History|War|Western|Music|Sport"
).split("|")
NETWORKS = ("Netflix", "HBO", "Hulu", "BBC", "ITV", "CBS", "NBC", "ABC", "FX", "AMC")
COUNTRIES = ("United States", "United Kingdom", "India", "South Korea", "Spain", "France")
STATUSES = ("renewed", "cancelled", "ended", "returning", "awaiting decision", "")
COLUMNS = (
    "title year type genres network country status season_count cast director tmdb_id"
).split()
PARSE_ONLY = (
    "import sys\n"
    "from pathlib import Path\n"
    "from bot.catalogue.importers import read_file\n"
    "rows = sum(1 for item in read_file(Path(sys.argv[1])).items)\n"
    "print(f'{rows} items read')\n"
)
"""The reading child: every row read and translated into a show record, nothing written."""


def _title(rng: random.Random) -> str:
    title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    if rng.random() < 0.5:
        title = f"The {title}"
    shape = rng.random()
    if shape < 0.4:
        title = f"{title} of {rng.choice(PLACES)}"
    elif shape < 0.7:
        title = f"{title}: {rng.choice(NOUNS)} {rng.randint(1, 999)}"
    elif shape < 0.9:
        title = f"{rng.choice(PLACES)} {title} {rng.randint(1, 99_999)}"
    return title


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"


def _row(number: int, rng: random.Random) -> list[str]:
    film = rng.random() < 0.3
    return [
        _title(rng),
        str(rng.randint(1950, 2024)),
        "Movie" if film else "TV Show",
        ", ".join(rng.sample(GENRES, rng.randint(1, 3))),
        rng.choice(NETWORKS),
        rng.choice(COUNTRIES),
        "" if film else rng.choice(STATUSES),
        "" if film else str(rng.randint(1, 8)),
        ", ".join(_person(rng) for _ in range(rng.randint(3, 5))),
        _person(rng),
        str(10_000_000 + number) if rng.random() < 0.85 else "",
    ]


def synthetic_rows(count: int, seed: int = SEED) -> Iterator[list[str]]:
    """`count` rows for the columns of `COLUMNS`; the same rows for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield _row(number, rng)


def write_csv(path: Path, rows: int, seed: int = SEED) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(synthetic_rows(rows, seed))


@dataclass(frozen=True)
class Run:
    """One child process: how long it took (wall and CPU), its peak RSS, what it printed."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    output: str
    exit_code: int


def _child(command: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Runs a command and measures that process alone (RUSAGE_CHILDREN would mix runs)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, output.strip(), process.returncode)


def _environment(code: Path | None, database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    env.pop("DISCORD_TOKEN", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def measure(path: Path, work: Path, code: Path | None) -> tuple[Run, Run]:
    """The reading child and the import child on one file.

    The children run in `work`, not in the checkout: `python -m` puts its working folder
    first on the path, which would hide `--code`.
    """
    env = _environment(code, f"sqlite:///{work / 'import-benchmark.db'}")
    reading = _child([sys.executable, "-c", PARSE_ONLY, str(path)], env, work)
    importing = _child([sys.executable, "-m", "bot.cli", "import", str(path)], env, work)
    return reading, importing


def _line(name: str, run: Run, rows: int) -> str:
    return (
        f"{name:<22} {run.seconds:>9.1f} {run.cpu_seconds:>8.1f} {rows / run.seconds:>10,.0f} "
        f"{run.peak_mb:>12.0f}"
    )


def report(rows: int, size_mb: float, reading: Run, importing: Run, code: Path | None) -> str:
    lines = [
        f"Import of a synthetic CSV: {rows:,} rows, {size_mb:.1f} MB"
        + (f" (code from {code})" if code else ""),
        "",
        f"{'':<22} {'wall s':>9} {'CPU s':>8} {'rows/s':>10} {'peak RSS MB':>12}",
        _line("reading only", reading, rows),
        _line("import into SQLite", importing, rows),
        f"{'import / reading':<22} {importing.seconds / reading.seconds:>8.1f}x "
        f"{importing.cpu_seconds / reading.cpu_seconds:>7.1f}x {'':>10} "
        f"{importing.peak_mb / reading.peak_mb:>11.1f}x",
        "",
        f"reading: {reading.output}",
        f"import (exit {importing.exit_code}): {importing.output}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--code", type=Path, help="run the children on this checkout's code")
    parser.add_argument("--csv", type=Path, help="import this file instead of generating one")
    arguments = parser.parse_args(argv)
    code = arguments.code.resolve() if arguments.code else None
    with tempfile.TemporaryDirectory(prefix="showbot-import-benchmark-") as folder:
        work = Path(folder)
        path = arguments.csv.resolve() if arguments.csv else work / "catalogue.csv"
        if arguments.csv is None:
            print(f"writing {arguments.rows:,} rows…", file=sys.stderr, flush=True)
            write_csv(path, arguments.rows, arguments.seed)
        rows = _data_rows(path) if arguments.csv else arguments.rows
        reading, importing = measure(path, work, code)
        print(report(rows, path.stat().st_size / 2**20, reading, importing, code))
        return importing.exit_code


def _data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


if __name__ == "__main__":
    raise SystemExit(main())
