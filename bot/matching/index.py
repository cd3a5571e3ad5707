"""Which show a person means: an in-memory index over titles, aliases and original titles.

A question is folded into words (see `text`), and its words are given roles (see
`questions`). Candidates come from three cheap sources, so a query never scans the catalogue:
exact spans of the question looked up as whole names, posting lists of the question's words
(typos found through a symmetric-delete dictionary), and, for autocomplete, name prefixes in
a sorted list (see `candidates`, over the names kept in `store`). Each candidate is scored by
how well the question covers it and how much of the question it leaves unexplained (see
`scoring`), which is how a question about a show that is not in the catalogue ends with no
show rather than a wrong one. When no name fits well, a name the question spells within a few
edits of any kind is named if no other name is as close (heavy typos: "whte fang",
"sckool of rock"; see `TitleSpans`). The thresholds and weights are all in `tuning`.
"""

from __future__ import annotations

import time
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from bot.matching.candidates import candidate_keys, covered_keys, edited_readings, word_matches
from bot.matching.questions import WordRole, word_roles
from bot.matching.scoring import QuestionScorer, TitleSpans
from bot.matching.store import NameStore
from bot.matching.text import LEADING_ARTICLES, fold, words
from bot.matching.tuning import (
    ACCEPT,
    AMBIGUITY_MARGIN,
    COMPLETE_SUGGEST,
    FUZZY_FILL_BELOW,
    MAX_QUERY_WORDS,
    MIN_SPELLED_WEIGHT,
    PREFIX_SCAN,
    SPELLED_CANDIDATE_CAP,
    SUGGEST,
    UPKEEP_SLICE,
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

    def show_ids(self) -> list[int]:
        return list(self._entries)

    def get(self, show_id: int) -> TitleEntry | None:
        return self._entries.get(show_id)

    def table_sizes(self) -> dict[str, int]:
        """How much each of the index's tables holds (see `NameStore.table_sizes`)."""
        return {
            "entries": len(self._entries),
            "recent": len(self._recent),
            **self._names.table_sizes(),
        }

    def knows_word(self, word: str) -> bool:
        """Whether a folded word is in any stored name."""
        return self._names.knows(word)

    def has_name(self, folded: str) -> bool:
        """Whether some show is known by exactly these folded words (or their shortening)."""
        return bool(self._names.exact.get(folded))

    def name_goes_on(self, folded: str, word: str) -> bool:
        """Whether some stored name starts with these folded words and then `word`."""
        return bool(self._names.names_from(f"{folded} {word}", 1))

    def named(self, name: str) -> list[tuple[TitleEntry, float]]:
        """The shows stored under exactly this name, each with how much the name counts for
        it: 1.0 for its title or an alias, less for a shortening ("Watcher", "Dahmer")."""
        found: dict[int, float] = {}
        folded = fold(name)
        names = self._names
        # A copy: the news desk asks from a worker thread while the loop may edit the index,
        # and may meanwhile give a removed name's row to another name, or let it go: a row
        # no longer holding this name is skipped.
        for key_id in tuple(names.exact.get(folded, ())):
            try:
                show_id, weight, text = names.show[key_id], names.weight[key_id], names.text[key_id]
            except IndexError:
                continue
            if text == folded:
                found[show_id] = max(found.get(show_id, 0.0), weight)
        entries = ((self._entries.get(show_id), weight) for show_id, weight in found.items())
        return [(entry, weight) for entry, weight in entries if entry is not None]

    # -- editing -------------------------------------------------------------------------

    def bulk_load(self, entries: Iterable[TitleEntry]) -> None:
        """Adds many entries at once, the names put in order once, at the end: for loading
        the catalogue at start-up. Changes go through `upsert`, which costs only the show."""
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

    def upsert_for(self, entries: Iterator[TitleEntry], seconds: float | None = None) -> bool:
        """Upserts entries from the iterator for about `seconds` (UPKEEP_SLICE): whether it
        stopped for the time (entries may be left) rather than because it ran out."""
        until = time.perf_counter() + (UPKEEP_SLICE if seconds is None else seconds)
        for entry in entries:
            self.upsert(entry)
            if time.perf_counter() >= until:
                return True
        return False

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
        question = self._question(text, completing=False)
        scored = self._rank(question)
        ranked = [c for c in scored if c.score >= SUGGEST]
        if not ranked or ranked[0].score < ACCEPT:
            spelled = self._spelled(question, scored) if question is not None else []
            if spelled:
                others = [c for c in ranked if c.entry.show_id != spelled[0].entry.show_id]
                return self._decided(text, spelled, [spelled[0], *others], limit)
            return Resolution(query=text, match=None, candidates=tuple(ranked[:limit]))
        top = ranked[0]
        tied = [c for c in ranked if top.score - c.score < AMBIGUITY_MARGIN]
        # Of names that fit as well, the one that accounts for more of the question wins:
        # "end of the tour" is "The End of the Tour", not "The Tour".
        tied = [c for c in tied if not any(c.explained < other.explained for other in tied)]
        return self._decided(text, tied, ranked, limit)

    def _decided(
        self, text: str, tied: list[Candidate], ranked: list[Candidate], limit: int
    ) -> Resolution:
        """One show when one fits best, with the runners-up; else the ones that fit as
        well, to choose from."""
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
            for candidate in self._rank(self._question(text, completing=True)):
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

    def _question(self, text: str, completing: bool) -> _Question | None:
        tokens = words(text)[:MAX_QUERY_WORDS]
        if not tokens or not self._entries:
            return None
        roles = word_roles(tokens)
        matches = word_matches(self._names, tokens, roles, completing)
        scorer = QuestionScorer(self._names, tokens, roles, matches, completing)
        return _Question(tokens, roles, matches, scorer)

    def _rank(self, question: _Question | None) -> list[Candidate]:
        """Every candidate show with a positive score, best first."""
        if question is None:
            return []
        names = self._names
        keys = candidate_keys(
            names, question.tokens, question.matches, question.roles, question.scorer.completing
        )
        question.keys.update(keys)
        best: dict[int, tuple[Candidate, int]] = {}
        order = names.order
        for key_id in keys:
            candidate = self._scored(question.scorer, key_id)
            if candidate.score <= 0.0:
                continue
            held = best.get(candidate.entry.show_id)
            # Of a show's names that score the same, the first in the store's order wins,
            # whatever rows edits gave them.
            if held is None or (candidate.score, -order[key_id]) > (held[0].score, -held[1]):
                best[candidate.entry.show_id] = (candidate, order[key_id])
        return sorted((candidate for candidate, _ in best.values()), key=_best_first)

    def _scored(self, scorer: QuestionScorer, key_id: int) -> Candidate:
        names = self._names
        key_text = names.text[key_id]
        assert key_text is not None
        entry = self._entries[names.show[key_id]]
        score, explained = scorer.score(key_text, names.weight[key_id], entry.film)
        if score > 0.0:
            score += scorer.hint_adjustment(entry.year, entry.network)
        return Candidate(
            entry=entry, score=round(score, 4), matched_name=key_text, explained=explained
        )

    def _spelled(self, question: _Question, scored: list[Candidate]) -> list[Candidate]:
        """The shows whose name the question spells with the fewest edits of any kind, when
        that is within the name's budget and more than none (an exact name that did not fit
        well was judged on purpose), best first."""
        spans = TitleSpans(self._names, question.tokens, question.roles)
        if not spans:
            return []
        names = self._names
        # Remakes share a name: all of them, not only those the candidates were cut to.
        keys = question.keys | {k for c in scored for k in names.exact.get(c.matched_name, ())}
        loose = edited_readings(names, question.tokens, question.roles, question.matches)
        if loose != question.matches:  # words the catalogue does not know, read more loosely
            keys.update(covered_keys(names, loose, question.roles, False, SPELLED_CANDIDATE_CAP))
        nearest: dict[int, tuple[int, Candidate, int]] = {}
        fewest = None
        for key_id in keys:
            text = names.text[key_id]
            if text is None or names.weight[key_id] < MIN_SPELLED_WEIGHT:
                continue  # a shortening, which typed with edits is two guesses
            entry = self._entries[names.show[key_id]]
            found = spans.edits_to(text, _with_its_article(text, entry.title))
            if found is None or (fewest is not None and found[0] > fewest):
                continue
            edits, span = found
            fewest = edits
            candidate = self._scored(question.scorer, key_id)
            candidate = replace(candidate, explained=frozenset(range(span.start, span.end)))
            held = nearest.get(candidate.entry.show_id)
            ranked = (edits, -candidate.score, names.order[key_id])
            if held is None or ranked < (held[0], -held[1].score, held[2]):
                nearest[candidate.entry.show_id] = (edits, candidate, names.order[key_id])
        if not fewest:
            return []
        closest = sorted(
            (c for edits, c, _ in nearest.values() if edits == fewest), key=_best_first
        )
        # As close in spelling: the name that fits better otherwise (the whole title over
        # a shortening of another, the year asked) wins, if it is clearly ahead.
        top = closest[0]
        margin = AMBIGUITY_MARGIN * top.score
        return [c for c in closest if top.score - c.score < margin or c is top]


@dataclass(slots=True)
class _Question:
    """One question's words, what each may stand for, and the scorer of names against it."""

    tokens: list[str]
    roles: list[WordRole]
    matches: list[dict[str, float]]
    scorer: QuestionScorer
    keys: set[int] = field(default_factory=set)
    """The stored names gathered for it so far."""


def _with_its_article(name: str, title: str) -> str:
    """The title, folded, when `name` is it without its leading article; else `name`."""
    folded = fold(title)
    return folded if folded.endswith(" " + name) and folded.split()[0] in LEADING_ARTICLES else name


def _best_first(candidate: Candidate) -> tuple[float, int, int]:
    return (-candidate.score, len(candidate.entry.title), candidate.entry.show_id)
