"""The news tables, on SQLite and on PostgreSQL: an article is claimed once by its entry id or
its link (whatever session, process or restart claims it again), a proposal is decided once,
and the feeds keep their polling history."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import func, text
from sqlmodel import select

from db.engine import Database
from db.news import (
    NewsArticle,
    NewsFeed,
    NewsProposal,
    NewsSeen,
    ProposalState,
    add_proposals,
    article_keys,
    claim_article,
    claim_poll,
    decide_proposal,
    ensure_feeds,
    feed_states,
    feeds_due,
    mark_posted,
    pending_unposted,
    proposal_by_id,
    proposals_of_article,
    record_failure,
    record_success,
)
from tests.conftest import database_on

pytestmark = pytest.mark.asyncio

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
LINK = "https://Deadline.com/2022/11/partner-track-cancelled-netflix-1235166400/"


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL on each backend, its schema made."""
    async with database_on(request.param, tmp_path) as url:
        database = Database(url)
        await database.upgrade()
        await database.dispose()
        yield url


@pytest_asyncio.fixture
async def database(url: str) -> AsyncIterator[Database]:
    database = Database(url)
    yield database
    await database.dispose()


def _article(title: str = "Partner Track cancelled", url: str | None = LINK) -> NewsArticle:
    return NewsArticle(title=title, url=url, entry_id="guid-1", read_at=NOW)


async def _counts(database: Database) -> tuple[int, int]:
    async with database.session() as session:
        articles = (await session.exec(select(func.count()).select_from(NewsArticle))).one()
        keys = (await session.exec(select(func.count()).select_from(NewsSeen))).one()
    return articles, keys


async def test_an_article_is_claimed_once_by_id_and_by_link(url: str, database: Database) -> None:
    async with database.transaction() as session:
        first = await claim_article(
            session, _article(), article_keys(feed_id=None, entry_id="guid-1", url=LINK)
        )
        assert first is not None and first.id is not None
    # Another process (a database opened afresh) meets the same story again.
    again = Database(url)
    try:
        same_id = article_keys(entry_id="guid-1", url="https://example.org/elsewhere")
        tracked_link = (
            "HTTPS://deadline.com:443/2022/11/partner-track-cancelled-netflix-1235166400"
            "?utm_source=rss&utm_medium=feed#comments"
        )
        same_link = article_keys(entry_id="another-guid", url=tracked_link)
        for keys in (same_id, same_link):
            async with again.transaction() as session:
                assert await claim_article(session, _article("again"), keys) is None
        assert await _counts(again) == (1, 2)  # a refused claim leaves nothing behind
        async with again.transaction() as session:
            other = await claim_article(
                session,
                _article("The Watcher renewed", "https://deadline.com/the-watcher"),
                article_keys(entry_id="guid-2", url="https://deadline.com/the-watcher"),
            )
            assert other is not None and other.id != first.id
        assert await _counts(again) == (2, 4)
    finally:
        await again.dispose()


async def test_a_refused_claim_leaves_the_transaction_usable(database: Database) -> None:
    """The savepoint takes the refused article back out; the rest of the work commits."""
    async with database.transaction() as session:
        assert await claim_article(session, _article(), ["url:a"]) is not None
    async with database.transaction() as session:
        assert await claim_article(session, _article("two keys"), ["url:b", "url:a"]) is None
        kept = await claim_article(session, _article("new"), ["url:b"])
        assert kept is not None
    async with database.session() as session:
        titles = (await session.exec(select(NewsArticle.title))).all()
        keys = (await session.exec(select(NewsSeen.key, NewsSeen.article_id))).all()
    assert sorted(titles) == ["Partner Track cancelled", "new"]
    assert ("url:b", kept.id) in keys


async def test_pasted_text_without_keys_is_always_taken_in(database: Database) -> None:
    for _ in range(2):
        async with database.transaction() as session:
            pasted = NewsArticle(title="pasted", submitted_by="ann", read_at=NOW)
            assert await claim_article(session, pasted, []) is not None
    assert await _counts(database) == (2, 0)


async def test_two_processes_claiming_at_once_store_one(url: str, database: Database) -> None:
    """The second claim waits for the first's commit, then finds the key taken."""
    other = Database(url)
    holding = asyncio.Event()
    release = asyncio.Event()

    async def first() -> NewsArticle | None:
        async with database.transaction() as session:
            claimed = await claim_article(session, _article("first"), ["url:race"])
            holding.set()
            await release.wait()
            return claimed

    async def second() -> NewsArticle | None:
        await holding.wait()
        async with other.transaction() as session:
            return await claim_article(session, _article("second"), ["url:race"])

    try:
        first_task = asyncio.create_task(first())
        second_task = asyncio.create_task(second())
        await holding.wait()
        if not database.is_sqlite:  # make sure the second really is waiting on the first
            await _until_a_session_waits_for_a_lock(database)
        release.set()
        won, lost = await asyncio.gather(first_task, second_task)
        assert won is not None and lost is None
        assert await _counts(database) == (1, 1)
    finally:
        release.set()
        await other.dispose()


async def _until_a_session_waits_for_a_lock(database: Database) -> None:
    deadline = time.monotonic() + 20
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    while time.monotonic() < deadline:
        async with database.engine.connect() as connection:
            if (await connection.execute(query)).scalar():
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the second claim never waited for the first")


async def _article_with_proposals(database: Database, count: int = 2) -> tuple[int, list[int]]:
    async with database.transaction() as session:
        article = await claim_article(session, _article(), ["url:p"])
        assert article is not None and article.id is not None
        proposals = await add_proposals(
            session,
            article.id,
            [
                NewsProposal(
                    show_title=f"Show {n}",
                    network="Netflix",
                    field="status",
                    value="cancelled",
                    evidence=f"Netflix has cancelled Show {n}.",
                )
                for n in range(count)
            ],
        )
        return article.id, [p.id for p in proposals if p.id is not None]


async def test_a_proposal_is_decided_once(database: Database) -> None:
    article_id, (one, two) = await _article_with_proposals(database)
    async with database.transaction() as session:
        assert await decide_proposal(session, one, "confirmed", "ann", NOW)
    async with database.transaction() as session:
        assert not await decide_proposal(session, one, "rejected", "bob", NOW)

    async def click(by: str) -> bool:
        """An editor's click, handled by a process of its own."""
        process = Database(database.url)
        try:
            async with process.transaction() as session:
                return await decide_proposal(session, two, ProposalState.REJECTED, by, NOW)
        finally:
            await process.dispose()

    assert sorted(await asyncio.gather(click("cy"), click("di"))) == [False, True]
    async with database.session() as session:
        first = await proposal_by_id(session, one)
        assert first is not None
        assert (first.state, first.decided_by, first.decided_at) == ("confirmed", "ann", NOW)
        states = [p.state for p in await proposals_of_article(session, article_id)]
    assert states == ["confirmed", "rejected"]
    with pytest.raises(ValueError):
        async with database.transaction() as session:
            await decide_proposal(session, one, "pending", "ann", NOW)


async def test_pending_proposals_wait_for_their_review_message(database: Database) -> None:
    _, (one, two) = await _article_with_proposals(database)
    async with database.session() as session:
        assert [p.id for p in await pending_unposted(session)] == [one, two]
    async with database.transaction() as session:
        assert await mark_posted(session, [one], 2**62, 2**62 + 1) == 1
    async with database.session() as session:
        assert [p.id for p in await pending_unposted(session)] == [two]
        posted = await proposal_by_id(session, one)
        assert posted is not None and posted.review_message_id == 2**62 + 1
    async with database.transaction() as session:
        await decide_proposal(session, two, "stale", "showbot", NOW)
    async with database.session() as session:
        assert await pending_unposted(session) == []


async def test_removing_an_article_takes_its_proposals_and_keys(database: Database) -> None:
    article_id, _ = await _article_with_proposals(database)
    async with database.transaction() as session:
        article = await session.get(NewsArticle, article_id)
        await session.delete(article)
    async with database.session() as session:
        assert await proposals_of_article(session, article_id) == []
    assert await _counts(database) == (0, 0)


async def test_feeds_follow_the_setting_and_keep_their_history(database: Database) -> None:
    a, b = "https://a.example/feed", "https://b.example/rss"
    later, latest = NOW + timedelta(minutes=30), NOW + timedelta(hours=2)
    async with database.transaction() as session:
        assert [f.url for f in await ensure_feeds(session, [a, b, a])] == [a, b]
    async with database.transaction() as session:
        assert {f.url for f in await feeds_due(session, NOW)} == {a, b}
        feed_id = next(f.id for f in await feed_states(session) if f.url == a)
        assert feed_id is not None
        assert await claim_poll(session, feed_id, None, later)
        assert not await claim_poll(session, feed_id, None, later)  # another process's try
        assert [f.url for f in await feeds_due(session, NOW)] == [b]
        await record_failure(session, feed_id, NOW, "The feed answered HTTP 500.", later)
        await record_failure(session, feed_id, later, "It timed out. " * 50, latest)
    async with database.session() as session:
        failing = next(f for f in await feed_states(session) if f.url == a)
    assert (failing.failures, failing.failing_since, failing.next_poll_at) == (2, NOW, latest)
    assert failing.last_error is not None and len(failing.last_error) == 500
    async with database.transaction() as session:
        await record_success(session, feed_id, latest, latest + timedelta(minutes=30), '"v1"', None)
        assert [f.url for f in await ensure_feeds(session, [b])] == [b]
        assert [f.url for f in await feeds_due(session, latest)] == [b]  # a is no longer polled
    async with database.transaction() as session:
        assert [f.url for f in await ensure_feeds(session, [a, b])] == [a, b]
    async with database.session() as session:
        back = next(f for f in await feed_states(session) if f.url == a)
        assert [f.url for f in await feed_states(session, include_inactive=True)] == [a, b]
    assert (back.id, back.failures, back.failing_since, back.last_error) == (feed_id, 0, None, None)
    assert (back.etag, back.last_success_at) == ('"v1"', latest)
    async with database.transaction() as session:  # NEWS_FEEDS emptied: nothing is polled
        assert await ensure_feeds(session, []) == []
        assert await feeds_due(session, latest + timedelta(days=1)) == []
        assert len(await feed_states(session, include_inactive=True)) == 2


async def test_removing_a_feed_keeps_its_articles(database: Database) -> None:
    async with database.transaction() as session:
        [feed] = await ensure_feeds(session, ["https://a.example/feed"])
        article = NewsArticle(feed_id=feed.id, title="From the feed", read_at=NOW)
        stored = await claim_article(session, article, ["id:1:x"])
        assert stored is not None
    async with database.transaction() as session:
        await session.delete(await session.get(NewsFeed, feed.id))
    async with database.session() as session:
        kept = await session.get(NewsArticle, stored.id)
    assert kept is not None and kept.feed_id is None
