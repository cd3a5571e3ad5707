"""Which show a person means: an in-memory index over titles, aliases and original titles.

A question is folded into words (see `text`), and its words are given roles (see
`questions`). Candidates come from three cheap sources, so a query never scans the catalogue:
exact spans of the question looked up as whole names, posting lists of the question's words
(typos found through a symmetric-delete dictionary), and, for autocomplete, name prefixes in
a sorted list (see `candidates`, over the names kept in `store`). Each candidate is scored by
how well the question covers it and how much of the question it leaves unexplained (see
`scoring`), which is how a question about a show that is not in the catalogue ends with no
show rather than a wrong one. The thresholds and weights are all in `tuning`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.matching.candidates import candidate_keys, word_matches
from bot.matching.questions import word_roles
from bot.matching.scoring import QuestionScorer
from bot.matching.store import NameStore
from bot.matching.text import fold, words
from bot.matching.tuning import (
    ACCEPT,
    AMBIGUITY_MARGIN,
    COMPLETE_SUGGEST,
    FUZZY_FILL_BELOW,
    MAX_QUERY_WORDS,
    PREFIX_SCAN,
    SUGGEST,
)


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """What the index knows of a show: its names and the hints that tell shows apart."""

    show_id: int
    title: str
    year: int | None = None
    network: str | None = None
    aliases: tuple[str, ...] = ()
    original_title: str | None = None
    status_date: date | None = None
    film: bool = False
    """Films have sequels ("My Girl 2"); a series' number is more often a season."""

    def names(self) -> list[str]:
        """The title, then the aliases and the original title."""
        extra = [self.original_title] if self.original_title else []
        return [self.title, *self.aliases, *extra]


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: TitleEntry
    score: float
    matched_name: str
    """The folded name that matched: the title, a shortening of it, or an alias."""
    explained: frozenset[int] = frozenset()
    """The positions of the question's words that the name accounts for."""


@dataclass(frozen=True, slots=True)
class Resolution:
    query: str
    match: Candidate | None
    """The show meant, when there is one confident answer."""
    candidates: tuple[Candidate, ...]
    """Best first; when `ambiguous`, the shows to choose between."""
    ambiguous: bool = False


class TitleIndex:
    """Resolves free text to shows and completes partial titles; edited entry by entry."""

    def __init__(self, entries: Iterable[TitleEntry] = ()) -> None:
        self._entries: dict[int, TitleEntry] = {}
        self._names = NameStore()
        self._recent: list[tuple[int, int]] = []
        self.bulk_load(entries)

    # -- size and content --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, show_id: object) -> bool:
        return show_id in self._entries

    def get(self, show_id: int) -> TitleEntry | None:
        return self._entries.get(show_id)

    # -- editing -------------------------------------------------------------------------

    def bulk_load(self, entries: Iterable[TitleEntry]) -> None:
        """Adds many entries at once: sorting and weighting happen once, at the end."""
        with self._names.loading():
            for entry in entries:
                if entry.show_id in self._entries:
                    self.remove(entry.show_id)
                self._add(entry)

    def upsert(self, entry: TitleEntry) -> None:
        """Adds or replaces one show's entry; costs only that entry's names."""
        if entry.show_id in self._entries:
            self.remove(entry.show_id)
        self._add(entry)

    def remove(self, show_id: int) -> None:
        entry = self._entries.pop(show_id, None)
        if entry is None:
            return
        self._names.remove_show(show_id)
        if entry.status_date is not None:
            recent = (entry.status_date.toordinal(), show_id)
            position = bisect_left(self._recent, recent)
            if position < len(self._recent) and self._recent[position] == recent:
                del self._recent[position]

    def _add(self, entry: TitleEntry) -> None:
        self._entries[entry.show_id] = entry
        self._names.add_show(entry.show_id, entry.names())
        if entry.status_date is not None:
            insort(self._recent, (entry.status_date.toordinal(), entry.show_id))

    # -- answers -------------------------------------------------------------------------

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """The show a question is about, or none, with the runners-up."""
        ranked = [c for c in self._rank(text, completing=False) if c.score >= SUGGEST]
        if not ranked or ranked[0].score < ACCEPT:
            return Resolution(query=text, match=None, candidates=tuple(ranked[:limit]))
        top = ranked[0]
        tied = [c for c in ranked if top.score - c.score < AMBIGUITY_MARGIN]
        # Of names that fit as well, the one that accounts for more of the question wins:
        # "end of the tour" is "The End of the Tour", not "The Tour".
        tied = [c for c in tied if not any(c.explained < other.explained for other in tied)]
        top = tied[0]
        if len(tied) == 1:
            return Resolution(query=text, match=top, candidates=tuple(ranked[:limit]))
        same_title = {fold(c.entry.title) for c in tied} == {fold(top.entry.title)}
        return Resolution(
            query=text,
            # Remakes share a title: name it, and let the asker pick the year.
            match=top if same_title else None,
            candidates=tuple(tied[: max(limit, 2)]),
            ambiguous=True,
        )

    def complete(self, text: str, limit: int = 25) -> list[TitleEntry]:
        """Titles for an autocomplete box: prefix matches, then fuzzy ones."""
        folded = fold(text)
        if not folded:
            return self.recent(limit)
        prefixed: dict[int, tuple[int, int, str]] = {}
        shows = self._names.show
        for name, key_id in self._names.names_from(folded, PREFIX_SCAN):
            show_id = shows[key_id]
            rank = (0 if name == folded else 1, len(name), name)
            held = prefixed.get(show_id)
            if held is None or rank < held:
                prefixed[show_id] = rank
        ordered = sorted(prefixed, key=lambda show_id: prefixed[show_id])[:limit]
        results = [self._entries[show_id] for show_id in ordered]
        # A prefix that already names a handful of titles needs no guesses after them.
        if len(results) < min(limit, FUZZY_FILL_BELOW):
            seen = set(ordered)
            for candidate in self._rank(text, completing=True):
                if candidate.score < COMPLETE_SUGGEST or len(results) >= limit:
                    break
                if candidate.entry.show_id not in seen:
                    seen.add(candidate.entry.show_id)
                    results.append(candidate.entry)
        return results

    def recent(self, limit: int = 25) -> list[TitleEntry]:
        """Shows with the latest status news, newest first, then the latest added."""
        chosen = [show_id for _, show_id in reversed(self._recent[-limit:])]
        if len(chosen) < limit:
            seen = set(chosen)
            for show_id in reversed(self._entries):
                if len(chosen) >= limit:
                    break
                if show_id not in seen:
                    chosen.append(show_id)
        return [self._entries[show_id] for show_id in chosen]

    def _rank(self, text: str, completing: bool) -> list[Candidate]:
        """Every candidate show with a positive score, best first."""
        tokens = words(text)[:MAX_QUERY_WORDS]
        if not tokens or not self._entries:
            return []
        names = self._names
        roles = word_roles(tokens)
        matches = word_matches(names, tokens, roles, completing)
        question = QuestionScorer(names, tokens, roles, matches, completing)
        best: dict[int, Candidate] = {}
        for key_id in candidate_keys(names, tokens, matches, roles, completing):
            key_text = names.text[key_id]
            assert key_text is not None
            show_id = names.show[key_id]
            entry = self._entries[show_id]
            score, explained = question.score(key_text, names.weight[key_id], entry.film)
            if score <= 0.0:
                continue
            score += question.hint_adjustment(entry.year, entry.network)
            held = best.get(show_id)
            if held is None or score > held.score:
                best[show_id] = Candidate(
                    entry=entry, score=round(score, 4), matched_name=key_text, explained=explained
                )
        return sorted(best.values(), key=lambda c: (-c.score, len(c.entry.title), c.entry.show_id))
