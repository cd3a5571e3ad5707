"""A network's scorecard: its renewals, cancellations and endings by year, read from the
decisions on record, and drawn as a bar chart (PNG).

A decision is a recorded status change to renewed, cancelled, ended or limited series of a
show on the network; it counts in the year of its date, or, undated, in the year it was
recorded. The network is found among the names on record: as typed (any case, any spacing
or punctuation), else with a small typo when exactly one name is that close. Anything
further is refused with the nearest names, never answered with another network's record.

How it is worded (a card for Discord, plain text for a terminal) is in `scorecard_text`.
"""

from __future__ import annotations

import asyncio
import enum
import io
import threading
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.answering.layout import clip
from bot.answering.markup import visible
from db.engine import Database
from db.scorecard import DecisionRow, NetworkCount, network_counts, network_decisions
from db.vocabulary import ShowStatus

NETWORK_LIMIT = 200
"""The longest network name the catalogue stores."""
NETWORK_CACHE_SECONDS = 30.0
"""How long autocomplete reuses the list of networks: it is asked at every keystroke, and a
network new since then is still found by the command itself, which always reads afresh."""
SUGGESTIONS = 5
SUGGEST_CUTOFF = 70
"""rapidfuzz WRatio above which a network is offered as "did you mean"."""

CHART_SIZE = (8.0, 4.5)
CHART_DPI = 100
"""800 × 450 pixels: Discord shows it whole in an embed, and it stays small (about 20 kB)."""
CHART_NAME_LIMIT = 60
TICK_EVERY_YEAR = 12
"""Up to this many years, every year has its tick; beyond, matplotlib spaces them."""
MIN_YEARS_WIDE = 5


class Outcome(enum.Enum):
    """What a decision did to a show, as the scorecard counts it."""

    RENEWAL = ("Renewed", "#2ECC71")
    CANCELLATION = ("Cancelled", "#E74C3C")
    ENDING = ("Ended", "#7F8C8D")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def colour(self) -> str:
        return self.value[1]


OUTCOMES: dict[ShowStatus, Outcome] = {
    ShowStatus.RENEWED: Outcome.RENEWAL,
    ShowStatus.CANCELLED: Outcome.CANCELLATION,
    ShowStatus.ENDED: Outcome.ENDING,
    ShowStatus.LIMITED_SERIES: Outcome.ENDING,
}
"""The statuses that are decisions; returning, awaiting a decision and in development are
states a show is in, not something a network decided."""


@dataclass(frozen=True, slots=True)
class Decision:
    show_id: int
    title: str
    show_year: int | None
    status: ShowStatus
    day: date | None
    """The decision's date; None when the record does not give one."""
    year: int
    """The year it counts in: of its date, else of when it was recorded."""
    seasons_ordered: int | None = None

    @property
    def outcome(self) -> Outcome:
        return OUTCOMES[self.status]

    def what(self) -> str:
        """What happened, in a few words: 'renewed for 2 seasons', 'cancelled'."""
        if self.status is ShowStatus.RENEWED and (self.seasons_ordered or 0) > 1:
            return f"renewed for {self.seasons_ordered} seasons"
        if self.status is ShowStatus.LIMITED_SERIES:
            return "ended (limited series)"
        return self.status.label.lower()

    @classmethod
    def from_row(cls, row: DecisionRow) -> Decision:
        day = row.effective_date
        return cls(
            show_id=row.show_id,
            title=row.title,
            show_year=row.show_year,
            status=row.status,
            day=day,
            year=day.year if day is not None else row.recorded_at.year,
            seasons_ordered=row.seasons_ordered,
        )


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    counts: dict[Outcome, int]

    def __getitem__(self, outcome: Outcome) -> int:
        return self.counts.get(outcome, 0)


@dataclass(frozen=True)
class Scorecard:
    network: str
    """As the catalogue spells it."""
    decisions: tuple[Decision, ...]
    """Oldest first; undated ones at the start of the year they count in."""

    def totals(self) -> dict[Outcome, int]:
        counted = Counter(decision.outcome for decision in self.decisions)
        return {outcome: counted[outcome] for outcome in Outcome}

    def by_year(self, *, every_year: bool = False) -> list[YearCount]:
        """Counts per year, oldest first: the years with decisions, or with `every_year`
        each year from the first to the last (a chart's axis must not skip a quiet year)."""
        per_year: dict[int, Counter[Outcome]] = {}
        for decision in self.decisions:
            per_year.setdefault(decision.year, Counter())[decision.outcome] += 1
        if not per_year:
            return []
        years = range(min(per_year), max(per_year) + 1) if every_year else sorted(per_year)
        return [
            YearCount(year, {o: per_year.get(year, Counter())[o] for o in Outcome})
            for year in years
        ]

    def outcomes_shown(self) -> list[Outcome]:
        """Renewals and cancellations always; endings when there are any."""
        totals = self.totals()
        return [o for o in Outcome if o is not Outcome.ENDING or totals[o]]

    def titles_shared(self) -> set[str]:
        """Titles that name more than one show here (remakes): those are shown with a year."""
        shows: dict[str, set[int]] = {}
        for decision in self.decisions:
            shows.setdefault(decision.title.casefold(), set()).add(decision.show_id)
        return {title for title, ids in shows.items() if len(ids) > 1}


@dataclass(frozen=True)
class UnknownNetwork:
    typed: str
    suggestions: tuple[str, ...]
    """Networks on record to offer instead, the nearest first."""
    near: bool
    """Whether the suggestions are near what was typed (else: the networks with most shows)."""


def _cased(name: str) -> str:
    return " ".join(name.split()).casefold()


def _folded(name: str) -> str:
    """Letters and digits only: 'Apple TV+' and 'apple tv' are one name."""
    return "".join(c for c in name.casefold() if c.isalnum())


def _allowed_edits(folded: str) -> int:
    """A typo allowed in a name of this length: none in 'FX' or 'HBO' (another network is
    one letter away), one from four letters, two from eight."""
    return 0 if len(folded) < 4 else 1 if len(folded) < 8 else 2


def match_network(typed: str, known: Sequence[NetworkCount]) -> tuple[str, ...] | UnknownNetwork:
    """The spellings on record that `typed` means (one network can be spelled in two cases),
    or what to offer instead."""
    if len(typed) <= NETWORK_LIMIT:
        for key in (_cased, _folded):
            wanted = key(typed)
            found = tuple(n.name for n in known if wanted and key(n.name) == wanted)
            if found:
                return found
        by_fold: dict[str, list[str]] = {}
        for network in known:
            by_fold.setdefault(_folded(network.name), []).append(network.name)
        wanted = _folded(typed)
        distances = {
            fold: distance
            for fold in by_fold
            if wanted and (distance := OSA.distance(wanted, fold)) <= _allowed_edits(fold)
        }
        if distances:
            nearest = min(distances.values())
            closest = [fold for fold, distance in distances.items() if distance == nearest]
            if len(closest) == 1:
                return tuple(by_fold[closest[0]])
            return UnknownNetwork(typed, tuple(by_fold[f][0] for f in closest), near=True)
    names = [network.name for network in known]
    near = process.extract(
        typed[:NETWORK_LIMIT],
        names,
        scorer=fuzz.WRatio,
        limit=SUGGESTIONS,
        score_cutoff=SUGGEST_CUTOFF,
    )
    if near:
        return UnknownNetwork(typed, tuple(name for name, _, _ in near), near=True)
    return UnknownNetwork(typed, tuple(names[:SUGGESTIONS]), near=False)


def completions(typed: str, known: Sequence[NetworkCount], limit: int) -> list[str]:
    """Networks for an autocomplete box: those starting with what was typed, then those
    containing it, then close ones; on an empty box, the networks with most shows."""
    wanted = _folded(typed)
    if not wanted:
        return [network.name for network in known[:limit]]
    starts = [n.name for n in known if _folded(n.name).startswith(wanted)]
    contains = [n.name for n in known if wanted in _folded(n.name) and n.name not in starts]
    picked = [*starts, *contains]
    if len(picked) < limit:
        others = [n.name for n in known if n.name not in picked]
        close = process.extract(
            typed[:NETWORK_LIMIT], others, scorer=fuzz.WRatio, limit=limit, score_cutoff=60
        )
        picked += [name for name, _, _ in close]
    return picked[:limit]


class Scorecards:
    """Finds a network and reads its scorecard; draws the chart off the event loop."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._networks: tuple[float, list[NetworkCount]] | None = None

    async def networks(self, *, fresh: bool = True) -> list[NetworkCount]:
        if not fresh and self._networks is not None:
            read_at, cached = self._networks
            if time.monotonic() - read_at < NETWORK_CACHE_SECONDS:
                return cached
        async with self.database.session() as session:
            known = await network_counts(session)
        self._networks = (time.monotonic(), known)
        return known

    async def complete(self, typed: str, limit: int) -> list[str]:
        return completions(typed, await self.networks(fresh=False), limit)

    async def find(self, typed: str) -> Scorecard | UnknownNetwork:
        """The scorecard of the network `typed` names, or what to offer instead."""
        typed = " ".join(typed.split())
        known = await self.networks()
        spellings = match_network(typed, known)
        if isinstance(spellings, UnknownNetwork):
            return spellings
        async with self.database.session() as session:
            rows = await network_decisions(session, spellings, OUTCOMES)
        decisions = sorted(
            (Decision.from_row(row) for row in rows),
            # Undated decisions go first in their year: their day is not known.
            key=lambda d: (d.year, d.day or date(d.year, 1, 1), d.day is not None),
        )
        # `known` is by show count: the spelling most shows use names the network.
        return Scorecard(network=spellings[0], decisions=tuple(decisions))


async def chart_png(scorecard: Scorecard) -> bytes:
    """The chart, drawn in a worker thread: a render takes 50 to 100 ms (the first one in a
    process half a second more, importing matplotlib), too long to hold the event loop."""
    return await asyncio.to_thread(render_chart, scorecard)


_RENDERING = threading.Lock()
"""matplotlib shares caches (fonts, text layout) between figures: one render at a time."""


def render_chart(scorecard: Scorecard) -> bytes:
    """The scorecard as a grouped bar chart, decisions per year, as PNG bytes."""
    # Imported here: only the scorecard needs matplotlib, and importing it takes a while.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    years = scorecard.by_year(every_year=True)
    if not years:
        raise ValueError(f"{scorecard.network} has no decisions to draw")
    shown = scorecard.outcomes_shown()
    totals = scorecard.totals()
    width = 0.8 / len(shown)
    with _RENDERING, warnings.catch_warnings():
        # A name in a script the bundled font lacks is drawn as boxes; no need to warn.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI)
        FigureCanvasAgg(figure)  # drawn by Agg, whatever backend matplotlib is set to
        axes = figure.add_subplot()
        for position, outcome in enumerate(shown):
            offset = (position - (len(shown) - 1) / 2) * width
            axes.bar(
                [count.year + offset for count in years],
                [count[outcome] for count in years],
                width,
                label=f"{outcome.label} ({totals[outcome]})",
                color=outcome.colour,
            )
        # Record text is drawn as it is: never read as mathtext ("$") or as a format.
        axes.set_title(
            f"{clip(visible(scorecard.network), CHART_NAME_LIMIT)}: decisions by year",
            parse_math=False,
            loc="left",
        )
        axes.set_ylabel("Decisions")
        first, last = years[0].year, years[-1].year
        if last - first < TICK_EVERY_YEAR:
            axes.set_xticks(range(first, last + 1))
        else:
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))  # 2022, never +2.02e3
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        # A year or two would fill the width with a few slabs: keep bars of a sensible size.
        pad = max(0.6, (MIN_YEARS_WIDE - (last - first)) / 2)
        axes.set_xlim(first - pad, last + pad)
        axes.grid(axis="y", alpha=0.3)
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=len(shown), frameon=False
        )
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
