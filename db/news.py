"""News in: the feeds showbot polls, the articles it took in, and the updates proposed from
them, waiting for an editor's click.

An article is taken in once: each is claimed under keys (its feed entry's id, its
normalised URL) that the database keeps unique, so the same story seen again (on the next
poll, after a restart, through another feed, by another process) is not read twice. A
proposal names its show by id and title without a foreign key: the show may be removed
while the proposal waits.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import BigInteger, func, literal, update
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import _timestamp, utc_now
from db.news_urls import normalise_url as normalise_url  # also offered from here
from db.queries import dialect_insert
from db.types import UTCDateTime

KEY_BYTES = 1000
"""A longer seen key is stored as its hash: PostgreSQL refuses index entries over ~2,700
bytes, and a URL of 1,000 characters can take four times as many bytes."""


class ProposalState(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    STALE = "stale"
    """The catalogue moved on before anyone decided (it already says this, or says more)."""


class NewsFeed(SQLModel, table=True):
    """An RSS or Atom feed from NEWS_FEEDS, and how its polling goes."""

    __tablename__ = "news_feed"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=1000, unique=True)
    active: bool = Field(default=True, description="still in NEWS_FEEDS; others are not polled")
    added_at: datetime = _timestamp()
    last_polled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_poll_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """None: due now (a feed never polled)."""
    failures: int = Field(default=0, description="consecutive failed polls")
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    etag: str | None = Field(default=None, max_length=500)
    modified: str | None = Field(default=None, max_length=200)


class NewsArticle(SQLModel, table=True):
    """An article taken in: from a feed, or pasted by an editor (no feed)."""

    __tablename__ = "news_article"

    id: int | None = Field(default=None, primary_key=True)
    feed_id: int | None = Field(
        default=None, foreign_key="news_feed.id", index=True, ondelete="SET NULL"
    )
    entry_id: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=1000)
    title: str = Field(max_length=500)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    read_at: datetime = _timestamp()
    """When showbot took the article in."""
    submitted_by: str | None = Field(default=None, max_length=200, description="the editor")


class NewsSeen(SQLModel, table=True):
    """A key an article was claimed under: "id:…" for a feed entry, "url:…" for its link."""

    __tablename__ = "news_seen"

    key: str = Field(primary_key=True, max_length=1100)
    article_id: int = Field(foreign_key="news_article.id", index=True, ondelete="CASCADE")


class NewsProposal(SQLModel, table=True):
    """One update an article suggests (a status, a date, a cast member), with its evidence."""

    __tablename__ = "news_proposal"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(
        default=None, foreign_key="news_article.id", index=True, ondelete="CASCADE"
    )
    show_id: int | None = Field(default=None, description="None: a show not in the catalogue")
    show_title: str = Field(max_length=500)
    network: str | None = Field(default=None, max_length=200)
    field: str = Field(max_length=40, description="status, premiere_date, cast, creator, …")
    value: str = Field(max_length=500)
    seasons: int | None = Field(default=None, description="seasons a renewal orders")
    evidence: str = Field(description="the article's sentence the proposal comes from")
    state: str = Field(default=ProposalState.PENDING, max_length=20, index=True)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _timestamp()
    review_channel_id: int | None = Field(default=None, sa_type=BigInteger)
    review_message_id: int | None = Field(default=None, sa_type=BigInteger)


# -- feeds ---------------------------------------------------------------------------------------


async def ensure_feeds(session: AsyncSession, urls: Sequence[str]) -> list[NewsFeed]:
    """Makes the stored feeds match NEWS_FEEDS: missing ones are added (another process may
    add the same at once: nothing is added twice), listed ones are active, the rest stay
    with their history but are no longer polled. Returns the active feeds."""
    wanted = list(dict.fromkeys(urls))
    if wanted:
        rows = [
            {"url": url, "active": True, "added_at": utc_now(), "failures": 0} for url in wanted
        ]
        await session.exec(
            dialect_insert(session)(NewsFeed)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["url"])
        )
    await session.exec(
        update(NewsFeed)
        .where(col(NewsFeed.url).in_(wanted), col(NewsFeed.active).is_(False))
        .values(active=True)
    )
    await session.exec(
        update(NewsFeed)
        .where(col(NewsFeed.url).not_in(wanted), col(NewsFeed.active).is_(True))
        .values(active=False)
    )
    return await feed_states(session)


async def feeds_due(session: AsyncSession, now: datetime) -> list[NewsFeed]:
    """Active feeds whose next poll has come, the longest waiting first."""
    query = (
        select(NewsFeed)
        .where(
            col(NewsFeed.active).is_(True),
            (col(NewsFeed.next_poll_at).is_(None)) | (col(NewsFeed.next_poll_at) <= now),
        )
        .order_by(col(NewsFeed.next_poll_at).nulls_first(), col(NewsFeed.id))
    )
    return list((await session.exec(query)).all())


async def claim_poll(
    session: AsyncSession, feed_id: int, due_at: datetime | None, until: datetime
) -> bool:
    """Takes the feed's turn: its next poll moves to `until` if it still is `due_at` (as
    read by `feeds_due`). False: another process polls it now. A process that dies
    mid-poll leaves the feed to be polled again at `until`."""
    due = col(NewsFeed.next_poll_at)
    result = await session.exec(
        update(NewsFeed)
        .where(col(NewsFeed.id) == feed_id, due.is_(None) if due_at is None else due == due_at)
        .values(next_poll_at=until)
    )
    return bool(result.rowcount)


async def record_success(
    session: AsyncSession,
    feed_id: int,
    now: datetime,
    next_poll_at: datetime,
    etag: str | None,
    modified: str | None,
) -> None:
    """A poll that worked (304 Not Modified included): the failures are forgotten."""
    await session.exec(
        update(NewsFeed)
        .where(col(NewsFeed.id) == feed_id)
        .values(
            last_polled_at=now,
            last_success_at=now,
            next_poll_at=next_poll_at,
            failures=0,
            failing_since=None,
            last_error=None,
            etag=_cut(etag, 500),
            modified=_cut(modified, 200),
        )
    )


async def record_failure(
    session: AsyncSession, feed_id: int, now: datetime, error: str, next_poll_at: datetime
) -> None:
    """A poll that failed, with the sentence saying why; the feed keeps its ETag."""
    failing_since = col(NewsFeed.failing_since)
    await session.exec(
        update(NewsFeed)
        .where(col(NewsFeed.id) == feed_id)
        .values(
            last_polled_at=now,
            next_poll_at=next_poll_at,
            failures=col(NewsFeed.failures) + 1,
            failing_since=func.coalesce(failing_since, literal(now, UTCDateTime())),
            last_error=_cut(error, 500),
        )
    )


async def feed_states(session: AsyncSession, include_inactive: bool = False) -> list[NewsFeed]:
    """The feeds as `/admin feeds` lists them, in URL order."""
    query = select(NewsFeed).order_by(col(NewsFeed.url))
    if not include_inactive:
        query = query.where(col(NewsFeed.active).is_(True))
    return list((await session.exec(query)).all())


def _cut(text: str | None, length: int) -> str | None:
    return None if text is None else text[:length]


# -- articles ------------------------------------------------------------------------------------


def article_keys(
    *, feed_id: int | None = None, entry_id: str | None = None, url: str | None = None
) -> list[str]:
    """The keys an article is claimed under: its feed entry's id ("id:<feed id>:<entry
    id>": an id is only promised unique within its feed, and some feeds number their
    entries 1, 2, 3) and its normalised link ("url:<url>", whichever feed or editor brought
    it). Pasted text with neither has no key."""
    keys = []
    if entry_id and entry_id.strip():
        scope = f"{feed_id}:" if feed_id is not None else ""
        keys.append(_short_key("id:", scope + entry_id.strip()))
    if url and url.strip():
        keys.append(_short_key("url:", normalise_url(url)))
    return keys


def _short_key(prefix: str, value: str) -> str:
    key = prefix + value
    if len(key.encode("utf-8")) <= KEY_BYTES:
        return key
    return f"{prefix}sha256:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"


async def seen_keys(session: AsyncSession, keys: Iterable[str]) -> set[str]:
    """Which of these keys an article was already claimed under."""
    wanted = list(dict.fromkeys(keys))
    seen: set[str] = set()
    for start in range(0, len(wanted), 500):
        query = select(NewsSeen.key).where(col(NewsSeen.key).in_(wanted[start : start + 500]))
        seen.update((await session.exec(query)).all())
    return seen


async def article_claimed_under(session: AsyncSession, keys: Sequence[str]) -> int | None:
    """The id of the article claimed under any of these keys, if one was."""
    if not keys:
        return None
    query = select(NewsSeen.article_id).where(col(NewsSeen.key).in_(list(keys))).limit(1)
    return (await session.exec(query)).first()


class _AlreadySeen(Exception):
    """Rolls the claim's savepoint back."""


async def claim_article(
    session: AsyncSession, article: NewsArticle, keys: Sequence[str]
) -> NewsArticle | None:
    """Adds the article under its keys, or nothing at all (None) when any key is taken.

    The keys are inserted with ON CONFLICT DO NOTHING inside a savepoint: when fewer go in
    than were given, another claim (earlier, or a moment ago in another process: PostgreSQL
    makes this insert wait for that one's commit) has the story, and the savepoint takes the
    article back out. Without keys the article is always added (pasted text, no link).
    """
    unique = list(dict.fromkeys(keys))
    try:
        async with session.begin_nested():
            session.add(article)
            await session.flush()
            if unique:
                rows = [{"key": key, "article_id": article.id} for key in unique]
                statement = (
                    dialect_insert(session)(NewsSeen)
                    .values(rows)
                    .on_conflict_do_nothing(index_elements=["key"])
                )
                result = await session.exec(statement)
                if result.rowcount != len(unique):
                    raise _AlreadySeen
    except _AlreadySeen:
        return None
    return article


async def article_by_id(session: AsyncSession, article_id: int) -> NewsArticle | None:
    return await session.get(NewsArticle, article_id)


# -- proposals -----------------------------------------------------------------------------------


async def add_proposals(
    session: AsyncSession, article_id: int, proposals: Sequence[NewsProposal]
) -> list[NewsProposal]:
    """Stores the article's proposals, pending, in the order given."""
    for proposal in proposals:
        proposal.article_id = article_id
        proposal.state = ProposalState.PENDING
        session.add(proposal)
    await session.flush()
    return list(proposals)


async def proposals_of_article(session: AsyncSession, article_id: int) -> list[NewsProposal]:
    query = (
        select(NewsProposal)
        .where(col(NewsProposal.article_id) == article_id)
        .order_by(col(NewsProposal.id))
    )
    return list((await session.exec(query)).all())


async def proposal_by_id(session: AsyncSession, proposal_id: int) -> NewsProposal | None:
    return await session.get(NewsProposal, proposal_id)


async def decide_proposal(
    session: AsyncSession, proposal_id: int, state: str, by: str, now: datetime
) -> bool:
    """Confirms, rejects or marks stale a pending proposal. Only one call decides it (two
    editors clicking at once, a double click): the others get False and change nothing."""
    decided = ProposalState(state)
    if decided is ProposalState.PENDING:
        raise ValueError("a proposal is decided as confirmed, rejected or stale")
    result = await session.exec(
        update(NewsProposal)
        .where(
            col(NewsProposal.id) == proposal_id,
            col(NewsProposal.state) == ProposalState.PENDING.value,
        )
        .values(state=decided.value, decided_by=by[:200], decided_at=now)
    )
    return bool(result.rowcount)


async def pending_unposted(session: AsyncSession, limit: int = 100) -> list[NewsProposal]:
    """Pending proposals whose review message is not posted yet, oldest article first."""
    query = (
        select(NewsProposal)
        .where(
            col(NewsProposal.state) == ProposalState.PENDING.value,
            col(NewsProposal.review_message_id).is_(None),
        )
        .order_by(col(NewsProposal.article_id), col(NewsProposal.id))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def mark_posted(
    session: AsyncSession, proposal_ids: Sequence[int], channel_id: int, message_id: int
) -> int:
    """Records the review message that shows these proposals; returns how many it names."""
    if not proposal_ids:
        return 0
    result = await session.exec(
        update(NewsProposal)
        .where(col(NewsProposal.id).in_(list(proposal_ids)))
        .values(review_channel_id=channel_id, review_message_id=message_id)
    )
    return int(result.rowcount or 0)
