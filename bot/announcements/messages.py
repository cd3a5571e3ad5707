"""What each delivery says, as Discord-free cards: the announcement of a decision ("Netflix
cancels Partner Track after one season", with when, the source and the same facts as
`/show status`), a follower's message, premiere reminders, the weekly digest, the "while I
was away" summary and the notice of a paused subscription. Record text is escaped here like
everywhere else: only a subscription's ping role can ever be mentioned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.answering.answers import count_words, ordinal
from bot.answering.layout import BADGES, BLUE, GREY, Card, discord_time, fit, fit_lines
from bot.answering.markup import safe, source_link
from bot.answering.service import build_answer
from bot.answering.show_cards import show_card
from bot.matching.intents import Intent
from db.models import Show, Source, StatusChange
from db.vocabulary import ShowStatus

FOOTER = "showbot · /follow a show for a DM when it changes"
DIGEST_LINES = 30


@dataclass(frozen=True)
class Dispatch:
    """One message: its cards, an optional line of text, the role it may ping (the only
    mention any announcement may make) and the show its Follow button follows."""

    cards: tuple[Card, ...]
    content: str | None = None
    ping_role_id: int | None = None
    follow_show_id: int | None = None


def headline(change: StatusChange, show: Show) -> str:
    """'Netflix cancels Partner Track after one season': plain text, as embed titles are."""
    who = show.network
    title = show.title
    seasons = show.season_count
    status = change.new_status
    if status is ShowStatus.CANCELLED:
        after = f" after {count_words(seasons, 'season')}" if seasons else ""
        return f"{who} cancels {title}{after}" if who else f"{title} is cancelled{after}"
    if status is ShowStatus.RENEWED:
        ordered = change.seasons_ordered
        if ordered and ordered > 1:
            what = f" for {count_words(ordered, 'more season')}"
        elif seasons:
            what = f" for a {ordinal(seasons + 1)} season"
        else:
            what = ""
        return f"{who} renews {title}{what}" if who else f"{title} is renewed{what}"
    phrases = {
        ShowStatus.ENDED: "has ended",
        ShowStatus.RETURNING: "is returning",
        ShowStatus.AWAITING_DECISION: "awaits a decision",
        ShowStatus.IN_DEVELOPMENT: "is in development",
        ShowStatus.LIMITED_SERIES: "is a limited series",
    }
    return f"{title} {phrases[status]}"


def when_line(change: StatusChange) -> str:
    day = change.effective_date or change.recorded_at.date()
    return f"**When:** {discord_time(day)} ({discord_time(day, 'R')})"


def announcement(
    change: StatusChange, show: Show, source: Source | None, ping_role_id: int | None = None
) -> Dispatch:
    """A decision, for a subscribed channel: headline, when, source, then the status card."""
    card = _decision_card(change, show, source)
    content = f"<@&{ping_role_id}>" if ping_role_id else None
    return Dispatch(
        cards=(card,), content=content, ping_role_id=ping_role_id, follow_show_id=show.id
    )


def follower_message(change: StatusChange, show: Show, source: Source | None) -> Dispatch:
    card = _decision_card(change, show, source)
    text = f"News about **{safe(show.title)}**, which you follow (`/unfollow` to stop):"
    return Dispatch(cards=(card,), content=text)


def _decision_card(change: StatusChange, show: Show, source: Source | None) -> Card:
    """The headline and when, then the same facts as `/show status` while this decision is
    still the show's status; a decision since overtaken by another (an embargoed or held-back
    post) shows only what it said, so that no card contradicts its own headline."""
    title = safe(headline(change, show))
    color = BADGES[change.new_status][1]
    if show.status == change.new_status:
        status_card = show_card(build_answer(show, Intent.STATUS, None))
        description = when_line(change) + "\n\n" + status_card.description
        card = replace(status_card, title=title, description=description, color=color)
        return fit(replace(card, footer=FOOTER))
    lines = [when_line(change)]
    if source is not None:
        lines.append(f"**Source:** {source_link(source.title, source.url)}")
    if change.note:
        lines.append(safe(change.note))
    lines.append("Its status has changed since: `/show status` has the latest.")
    return fit(Card(title=title, description="\n".join(lines), color=color, footer=FOOTER))


def reminder(show: Show, season: int | None, day: date, tomorrow: bool) -> Dispatch:
    what = f"{show.title} season {season}" if season else show.title
    when = "tomorrow" if tomorrow else "today"
    lines = [f"**Premieres:** {discord_time(day)}"]
    if show.network:
        lines.append(f"**On:** {safe(show.network)}")
    card = Card(
        title=safe(f"{what} premieres {when}"),
        description="\n".join(lines),
        color=BLUE,
        footer=FOOTER,
    )
    return Dispatch(cards=(fit(card),), follow_show_id=show.id)


def digest(changes: Sequence[tuple[StatusChange, Show]], first: date, last: date) -> Dispatch:
    lines = [
        f"{BADGES[change.new_status][0]} {safe(headline(change, show))}"
        f" · {discord_time(change.effective_date or change.recorded_at.date())}"
        for change, show in changes
    ]
    card = Card(
        title=f"The week in TV: {count_words(len(changes), 'decision')}",
        description=f"{discord_time(first)} to {discord_time(last)}\n\n"
        + fit_lines(lines[:DIGEST_LINES], 3800),
        color=BLUE,
        footer=FOOTER,
    )
    return Dispatch(cards=(fit(card),))


def summary(headlines: Sequence[str], since: date) -> Dispatch:
    """'While I was away': news that fell due too long ago to post one by one."""
    lines = [f"• {safe(line)}" for line in headlines]
    card = Card(
        title="While I was away",
        description=f"News since {discord_time(since)} that I couldn't post on time:\n\n"
        + fit_lines(lines, 3800),
        color=GREY,
        footer=FOOTER,
    )
    return Dispatch(cards=(fit(card),))


def pause_notice(channel_id: int, reason: str) -> Dispatch:
    text = (
        f"I stopped posting announcements in <#{channel_id}>: {reason}. "
        "When that is fixed, run `/subscribe` for that channel again and I'll carry on "
        "(news held back meanwhile included)."
    )
    return Dispatch(cards=(), content=text)


def correction(details: dict[str, Any]) -> Dispatch:
    """A posted announcement, edited in place once its news was withdrawn or corrected: the
    old headline struck through, then what is true instead, when, and the source for it."""
    day = date.fromisoformat(details["on"])
    lines = [f"**{details['label']}** {discord_time(day)}: {safe(details['text'])}"]
    if details.get("source_url"):
        lines.append(f"**Source:** {source_link(details['source_url'], details['source_url'])}")
    lines.append("`/show status` has the latest.")
    card = Card(
        title=f"~~{safe(details['headline'])}~~",
        description="\n".join(lines),
        color=GREY,
        footer=FOOTER,
    )
    return Dispatch(cards=(fit(card),), content="")
