"""The names of an article's sentences, and the shows they stand for."""

from __future__ import annotations

from dataclasses import dataclass

from bot.matching.index import TitleEntry
from bot.matching.text import fold
from bot.news.cues import Cue
from bot.news.spans import Span


@dataclass
class Mention:
    """A name in the article, and the show it stands for (`key` is the same for every
    mention of one show)."""

    span: Span
    sentence: int
    key: str
    title: str
    entry: TitleEntry | None


@dataclass
class Sentence:
    """A sentence of the article with its names and its decision words."""

    number: int
    paragraph: int
    text: str
    lowered: str
    mentions: list[Mention]
    cues: list[Cue]
    network: str | None

    @property
    def names(self) -> list[tuple[int, int]]:
        """Where the sentence surely names something: a quoted title, or a name of two words
        or more ("Hope Davis"), not a capitalised word alone ("Could")."""
        return [
            (m.span.start, m.span.end)
            for m in self.mentions
            if m.span.quoted or m.span.last > m.span.first
        ]


def name_key(title: str) -> str:
    folded = fold(title).split()
    if len(folded) > 1 and folded[0] in ("the", "a", "an"):
        folded = folded[1:]
    return " ".join(folded)
