"""What an announcement says: the headline for each kind of decision, and record text that
cannot format itself or ping anyone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.announcements.kinds import NewsKind, parse_kinds, wants
from bot.announcements.messages import announcement, digest, headline, summary
from db.models import Show, StatusChange
from db.vocabulary import ShowStatus


def show(title: str = "Partner Track", network: str | None = "Netflix", seasons: int = 1) -> Show:
    return Show(id=1, title=title, network=network, season_count=seasons, genres=[])


def change(status: ShowStatus, ordered: int | None = None) -> StatusChange:
    return StatusChange(
        show_id=1,
        new_status=status,
        seasons_ordered=ordered,
        effective_date=date(2022, 11, 8),
        recorded_at=datetime(2022, 11, 8, 12, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("decision", "about", "said"),
    [
        (change(ShowStatus.CANCELLED), show(), "Netflix cancels Partner Track after one season"),
        (
            change(ShowStatus.CANCELLED),
            show(network=None, seasons=3),
            "Partner Track is cancelled after three seasons",
        ),
        (change(ShowStatus.RENEWED, 1), show(), "Netflix renews Partner Track for a second season"),
        (
            change(ShowStatus.RENEWED, 2),
            show(title="Dahmer"),
            "Netflix renews Dahmer for two more seasons",
        ),
        (change(ShowStatus.ENDED), show(), "Partner Track has ended"),
    ],
)
def test_headlines(decision: StatusChange, about: Show, said: str) -> None:
    assert headline(decision, about) == said


def test_record_text_in_a_digest_or_summary_cannot_ping_or_format() -> None:
    sly = show(title="@everyone **bold** <@&123>")
    card = digest(
        [(change(ShowStatus.CANCELLED), sly)], date(2022, 11, 1), date(2022, 11, 8)
    ).cards[0]
    assert "@everyone" not in card.description.replace("@\u200beveryone", "")
    assert "**bold**" not in card.description
    told = summary([headline(change(ShowStatus.CANCELLED), sly)], date(2022, 11, 1)).cards[0]
    assert "**bold**" not in told.description and "@everyone" not in told.description.replace(
        "@\u200beveryone", ""
    )


def test_kinds() -> None:
    assert parse_kinds(None) == tuple(NewsKind)
    assert parse_kinds("cancelled, Renewals") == (NewsKind.RENEWALS, NewsKind.CANCELLATIONS)
    with pytest.raises(ValueError, match="renewals, cancellations"):
        parse_kinds("gossip")
    assert wants(["cancellations"], ShowStatus.CANCELLED)
    assert not wants(["renewals"], ShowStatus.CANCELLED)
    assert not wants(["renewals", "cancellations"], ShowStatus.IN_DEVELOPMENT)
    assert wants([k.value for k in NewsKind], ShowStatus.IN_DEVELOPMENT)


def test_a_decision_overtaken_by_another_shows_only_what_it_said() -> None:
    later = show()
    later.status = ShowStatus.LIMITED_SERIES
    card = announcement(change(ShowStatus.IN_DEVELOPMENT), later, None).cards[0]
    assert card.title == "Partner Track is in development"
    assert "Limited" not in card.description and "has changed since" in card.description


def test_a_headline_cannot_format_itself_in_an_embed_title() -> None:
    sly = show(title="**Bold** ||spoiler|| [x](https://evil.example)")
    sly.status = ShowStatus.CANCELLED
    card = announcement(change(ShowStatus.CANCELLED), sly, None, ping_role_id=5).cards[0]
    assert "**Bold**" not in card.title and "||spoiler||" not in card.title
    assert "\\*\\*Bold\\*\\*" in card.title
