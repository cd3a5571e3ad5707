"""A network's scorecard in words: a card for Discord (the totals, the decisions behind the
chart, newest first, and the counts per year) and plain text for a terminal.

Record text (network names, show titles) is escaped for Discord with `safe` and made
visible for a terminal with `visible`, as every other answer is.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answering.layout import (
    DESCRIPTION_LIMIT,
    GREY,
    MESSAGE_LIMIT,
    Card,
    CardField,
    clip,
    discord_time,
    fit_lines,
)
from bot.answering.markup import safe, visible, wrapped
from bot.answering.scorecard import Decision, Outcome, Scorecard, UnknownNetwork

NAME_LIMIT = 100
"""A network or a title in a sentence or a line: enough for any real one."""
COLOUR = 0x3498DB
BADGE = {Outcome.RENEWAL: "🟢", Outcome.CANCELLATION: "🔴", Outcome.ENDING: "⚫"}
WORDS = {Outcome.RENEWAL: "renewed", Outcome.CANCELLATION: "cancelled", Outcome.ENDING: "ended"}
FOOTER = (
    "showbot · decisions on record, counted in the year of their date (else the year they were "
    "recorded); endings are ended and limited series"
)
LIST_ROOM = DESCRIPTION_LIMIT - 400
"""The decisions' share of the description, leaving room for the totals above them."""


def _years(scorecard: Scorecard) -> str:
    years = scorecard.by_year()
    first, last = years[0].year, years[-1].year
    return str(first) if first == last else f"{first}–{last}"


def _totals(scorecard: Scorecard, mark: Callable[[Outcome, int], str]) -> str:
    totals = scorecard.totals()
    return ", ".join(mark(o, totals[o]) for o in scorecard.outcomes_shown())


def _title(decision: Decision, shared: set[str]) -> str:
    title = clip(decision.title, NAME_LIMIT)
    if decision.show_year and decision.title.casefold() in shared:
        return f"{title} ({decision.show_year})"
    return title


def no_decisions_sentence(network: str) -> str:
    """Plain words: the caller escapes them as its screen needs."""
    return f"{clip(network, NAME_LIMIT)} has no renewals, cancellations or endings on record yet."


# -- Discord ------------------------------------------------------------------------------


def scorecard_card(scorecard: Scorecard) -> Card:
    """The scorecard as a card; the chart goes beside it as an image."""
    name = safe(clip(scorecard.network, NAME_LIMIT))
    shown = scorecard.outcomes_shown()
    kinds = (
        "renewals, cancellations and endings"
        if Outcome.ENDING in shown
        else ("renewals and cancellations")
    )
    title = f"{name}: {kinds}"
    if not scorecard.decisions:
        sentence = safe(no_decisions_sentence(scorecard.network))
        return Card(title=title, description=sentence, color=GREY)
    count = len(scorecard.decisions)
    totals = _totals(scorecard, lambda o, n: f"{BADGE[o]} **{n}** {WORDS[o]}")
    head = f"{totals}\n{count} decision(s) on record, {_years(scorecard)}. Newest first:"
    shared = scorecard.titles_shared()
    lines = [_decision_line(d, shared) for d in reversed(scorecard.decisions)]
    years = [
        f"**{y.year}**: " + ", ".join(f"{y[o]} {WORDS[o]}" for o in shown)
        for y in reversed(scorecard.by_year())
    ]
    return Card(
        title=title,
        description=f"{head}\n{fit_lines(lines, LIST_ROOM)}",
        color=COLOUR,
        fields=(CardField("By year", fit_lines(years)),),
        footer=FOOTER,
    )


def _decision_line(decision: Decision, shared: set[str]) -> str:
    when = discord_time(decision.day) if decision.day else f"{decision.year} (undated)"
    title = wrapped(safe(_title(decision, shared)), "**")
    return f"{BADGE[decision.outcome]} {when} · {title} {decision.what()}"


def unknown_network_markdown(unknown: UnknownNetwork) -> str:
    """The refusal for Discord, escaped, within a message's 2,000 characters."""
    typed = wrapped(safe(clip(unknown.typed, NAME_LIMIT)), "**")
    names = [wrapped(safe(clip(name, NAME_LIMIT)), "**") for name in unknown.suggestions]
    said = _unknown(typed, names, unknown.near, "Pick one from the list as you type.")
    return clip(said, MESSAGE_LIMIT)


def _unknown(typed: str, names: list[str], near: bool, then: str = "") -> str:
    if not names:
        return f"No network called {typed} is on record: no show in the catalogue names one yet."
    listed = ", ".join(names)
    if near:
        said = f"No network called {typed} is on record. Did you mean {listed}?"
    else:
        said = f"No network called {typed} is on record. Networks on record include {listed}."
    return f"{said} {then}" if then else said


# -- terminal -----------------------------------------------------------------------------


def unknown_network_text(unknown: UnknownNetwork) -> str:
    typed = f'"{visible(clip(unknown.typed, NAME_LIMIT))}"'
    names = [visible(name) for name in unknown.suggestions]
    return _unknown(typed, names, unknown.near)


def scorecard_text(scorecard: Scorecard) -> str:
    """The table of counts per year, then every decision, newest first."""
    name = visible(scorecard.network)
    if not scorecard.decisions:
        return visible(no_decisions_sentence(scorecard.network))
    shown = scorecard.outcomes_shown()
    totals = _totals(scorecard, lambda o, n: f"{n} {WORDS[o]}")
    count = len(scorecard.decisions)
    lines = [f"{name}: {totals} ({count} decision(s) on record, {_years(scorecard)})", ""]
    widths = [max(len(o.label), 5) for o in shown]
    lines.append("Year  " + "  ".join(o.label.rjust(w) for o, w in zip(shown, widths, strict=True)))
    for year in scorecard.by_year():
        cells = (str(year[o]).rjust(w) for o, w in zip(shown, widths, strict=True))
        lines.append(f"{year.year}  " + "  ".join(cells))
    lines += ["", "Decisions, newest first:"]
    shared = scorecard.titles_shared()
    decisions = list(reversed(scorecard.decisions))
    what_width = max(len(d.what()) for d in decisions)
    for decision in decisions:
        when = decision.day.isoformat() if decision.day else f"{decision.year} undated"
        title = visible(_title(decision, shared))
        lines.append(f"{when:<12}  {decision.what():<{what_width}}  {title}")
    return "\n".join(lines)
