"""Catalogues to measure title resolution on: the real one, and bigger ones grown from it.

The real catalogue is `../shared/data/netflix_titles.csv` (8,807 titles). Larger catalogues
add synthetic titles made from its own vocabulary: a word-bigram model of the real titles
writes new ones with the same words, lengths and word pairs, so they collide and overlap the
way real titles do (many share "love", "the", "christmas", ...), which is what makes
matching hard. No synthetic title is known by any name a real title is known by (its
folded title, or that without its article or subtitle), so that the evaluation's right
answers stay right at every size.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.matching.index import TitleEntry
from bot.matching.text import fold, title_variants

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
NETFLIX_TITLES = SHARED / "data" / "netflix_titles.csv"
NETWORKS = ("Netflix", "HBO", "Hulu", "BBC", "ITV", "CBS", "NBC", "ABC", "FX", "AMC")


@dataclass(frozen=True)
class RealTitle:
    title: str
    year: int | None
    kind: str


def read_real_titles(path: Path = NETFLIX_TITLES) -> list[RealTitle]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            RealTitle(
                title=row["title"].strip(),
                year=int(row["release_year"]) if row["release_year"].isdigit() else None,
                kind=row["type"],
            )
            for row in csv.DictReader(handle)
            if row["title"].strip()
        ]


def real_entries(titles: list[RealTitle], first_id: int = 1) -> list[TitleEntry]:
    return [
        TitleEntry(
            show_id=first_id + i,
            title=t.title,
            year=t.year,
            network="Netflix",
            film=t.kind == "Movie",
        )
        for i, t in enumerate(titles)
    ]


class TitleGrower:
    """Writes new titles from the bigrams of real ones."""

    START = "<s>"
    END = "</s>"

    def __init__(self, titles: list[RealTitle], seed: int) -> None:
        self.random = random.Random(seed)
        self.following: dict[str, list[str]] = defaultdict(list)
        for title in titles:
            words = title.title.split()
            for before, after in zip([self.START, *words], [*words, self.END], strict=True):
                self.following[before].append(after)
        self.taken = {" ".join(v) for t in titles for v, _ in title_variants(t.title)}

    def title(self) -> str:
        while True:
            words: list[str] = []
            word = self.random.choice(self.following[self.START])
            while word != self.END and len(words) < 8:
                words.append(word)
                word = self.random.choice(self.following[word])
            candidate = " ".join(words)
            names = {" ".join(v) for v, _ in title_variants(candidate)}
            if names and not names & self.taken:
                self.taken.add(fold(candidate))
                return candidate


def grown_entries(
    real: list[TitleEntry], vocabulary: list[RealTitle], size: int, seed: int = 7
) -> Iterator[TitleEntry]:
    """The real entries, then titles grown from the vocabulary until there are `size`."""
    yield from real[:size]
    grower = TitleGrower(vocabulary, seed)
    for show_id in range(len(real) + 1, size + 1):
        yield TitleEntry(
            show_id=show_id,
            title=grower.title(),
            year=grower.random.randint(1960, 2025),
            network=grower.random.choice(NETWORKS),
            film=grower.random.random() < 0.7,
        )
