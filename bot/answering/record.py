"""Facts read off a show's record that several answers need: the decision that set its
status, the season asked about, the notes that say why."""

from __future__ import annotations

from datetime import date

from bot.answering.answers import count_words, ordinal
from bot.matching.text import fold
from db.models import Season, Show, StatusChange

WHY_TOPICS = frozenset({"why", "reason", "reasons"})
"""Note topics that say why a show was renewed or cancelled."""
RECEPTION_TOPICS = frozenset({"reception", "success", "ratings", "viewership"})
"""Note topics that say how a show was received: the reason a record gives, when it gives
no other."""


def latest_decision(show: Show) -> StatusChange | None:
    """The latest change that set the show's current status (history is in date order)."""
    matching = [c for c in show.status_changes if c.new_status == show.status]
    return matching[-1] if matching else None


def decided_on(show: Show, decision: StatusChange | None) -> date | None:
    if show.status_date is not None:
        return show.status_date
    return decision.effective_date if decision else None


def renewal_scope(show: Show, decision: StatusChange | None) -> str:
    """' for a second season', ' for two more seasons', or '' when the record doesn't say."""
    ordered = decision.seasons_ordered if decision else None
    if ordered and ordered > 1:
        return f" for {count_words(ordered, 'more season')}"
    if ordered == 1 and show.season_count:
        return f" for a {ordinal(show.season_count + 1)} season"
    if ordered == 1:
        return " for another season"
    return ""


def season_of(show: Show, number: int) -> Season | None:
    return next((s for s in show.seasons if s.number == number), None)


def total_episodes(show: Show) -> int | None:
    """The show's episode count, or its seasons' added up when every season has one."""
    if show.episode_count:
        return show.episode_count
    counts = [s.episode_count for s in show.seasons]
    complete = show.season_count is not None and len(counts) == show.season_count
    if counts and complete and all(counts):
        return sum(c for c in counts if c)
    return None


def why_notes(show: Show) -> list[str]:
    return [note.text for note in show.notes if fold(note.topic) in WHY_TOPICS]


def reception_notes(show: Show) -> list[str]:
    return [note.text for note in show.notes if fold(note.topic) in RECEPTION_TOPICS]


def ending_season(show: Show, asked: int | None) -> tuple[int, Season | None] | None:
    """The season whose ending to tell (the one asked, else the last one the record tells the
    ending of, else the last), with its record; None when the show has no season on record."""
    if asked is not None:
        return asked, season_of(show, asked)
    told = [s for s in show.seasons if s.ending]
    season = told[-1] if told else (show.seasons[-1] if show.seasons else None)
    return (season.number, season) if season is not None else None
