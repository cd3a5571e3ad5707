"""Polling news feeds from a local site on 127.0.0.1: each new entry is handed on once (by its
id or its link, across polls, feeds, restarts and processes), and a feed that fails is told
with a sentence and tried again later, ever less often, until it recovers."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.news.feeds import FeedArticle, FeedPoller, FeedState
from db.engine import Database
from db.news import NewsArticle, NewsProposal, add_proposals, proposals_of_article
from tests.bot.news.feed_server import FeedServer, Item, Page, atom, feed_server, rss
from tests.conftest import database_on

pytestmark = pytest.mark.asyncio

MINUTES = 30
T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)

PARTNER = Item(
    "Netflix cancels ‘Partner Track’ after one season",
    "https://news.example/2022/partner-track-cancelled?utm_source=rss&utm_medium=feed",
    "tv-1",
    "<p>Netflix has <b>cancelled</b> <em>Partner Track</em> after one season.</p>"
    "<p>The legal drama starred Arden Cho.</p>",
)
WATCHER = Item(  # no guid: known by its link
    "‘The Watcher’ renewed for season 2",
    "https://news.example/2022/the-watcher-renewed/",
    None,
    "Netflix has renewed The Watcher for a second season.",
)
BRIEF = Item("Briefly: a roundup", None, None, "<p>Nothing else today.</p>")  # no id, no link
IMPERFECTS = Item(
    "‘The Imperfects’ cancelled",
    "https://news.example/2022/the-imperfects-cancelled",
    "urn:uuid:0f1e",
    "<div><p>The Imperfects will not return for a second season.</p></div>",
)
PARTNER_ELSEWHERE = Item(  # the same story through another feed, its link tracked
    "Partner Track axed",
    "https://NEWS.example/2022/partner-track-cancelled#comments",
    "urn:uuid:9a9a",
    "<p>Partner Track is done.</p>",
)


@pytest_asyncio.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with feed_server() as server:
        yield server


@pytest_asyncio.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with database_on(request.param, tmp_path) as url:
        yield url


async def _opened(url: str) -> Database:
    database = Database(url)
    await database.upgrade()
    return database


def _titles(articles: list[FeedArticle]) -> list[str]:
    return [article.title for article in articles]


async def _state(poller: FeedPoller, feed_url: str) -> FeedState:
    return next(state for state in await poller.states() if state.url == feed_url)


async def test_each_entry_is_handed_on_once(server: FeedServer, url: str) -> None:
    server.pages["/rss"] = Page(rss([PARTNER, WATCHER, BRIEF]))
    server.pages["/atom"] = Page(
        atom([IMPERFECTS, PARTNER_ELSEWHERE]), content_type="application/atom+xml"
    )
    feeds = [server.url("/rss"), server.url("/atom")]
    database = await _opened(url)
    try:
        poller = FeedPoller(database, feeds, MINUTES)
        articles = await poller.poll_due(T0)
        # Oldest first within a feed (feeds list the newest first); the tracked link of
        # a story already taken in through the first feed is known in the second.
        assert _titles(articles) == [BRIEF.title, WATCHER.title, PARTNER.title, IMPERFECTS.title]
        partner = articles[2]
        assert partner.text == (
            "Netflix cancels ‘Partner Track’ after one season\n"
            "Netflix has cancelled Partner Track after one season.\n"
            "The legal drama starred Arden Cho."
        )
        assert partner.url == PARTNER.link
        assert partner.published_at == datetime(2022, 11, 8, 18, 0, tzinfo=UTC)
        assert partner.feed_url == feeds[0]
        assert articles[3].text.splitlines()[1:] == [
            "The Imperfects will not return for a second season."
        ]
        async with database.session() as session:
            stored = await session.get(NewsArticle, partner.article_id)
        assert stored is not None and (stored.entry_id, stored.title) == ("tv-1", PARTNER.title)

        assert await poller.poll_due(T0 + timedelta(minutes=1)) == []  # not due: not fetched
        assert (server.hits("/rss"), server.hits("/atom")) == (1, 1)
        assert await poller.poll_due(T0 + timedelta(minutes=MINUTES)) == []
        assert (server.hits("/rss"), server.hits("/atom")) == (2, 2)
    finally:
        await database.dispose()

    reopened = await _opened(url)  # a restart
    try:
        poller = FeedPoller(reopened, feeds, MINUTES)
        assert await poller.poll_due(T0 + timedelta(minutes=2 * MINUTES)) == []
        assert (server.hits("/rss"), server.hits("/atom")) == (3, 3)
        news = Item("‘Dahmer’ renewed for two more seasons", "https://news.example/d", "tv-9", "")
        server.pages["/rss"] = Page(rss([news, PARTNER, WATCHER, BRIEF]))
        later = await poller.poll_due(T0 + timedelta(minutes=3 * MINUTES))
        assert [(a.title, a.text) for a in later] == [(news.title, news.title)]
        async with reopened.session() as session:
            assert len((await session.exec(select(NewsArticle))).all()) == 5
    finally:
        await reopened.dispose()
    assert {seen.headers.get("User-Agent") for seen in server.requests} == {"showbot"}


async def test_two_processes_polling_at_once_hand_each_entry_on_once(
    server: FeedServer, url: str
) -> None:
    server.pages["/rss"] = Page(rss([PARTNER, WATCHER]))
    server.pages["/atom"] = Page(atom([IMPERFECTS]), content_type="application/atom+xml")
    feeds = [server.url("/rss"), server.url("/atom")]
    database, other = await _opened(url), Database(url)
    try:
        first, second = FeedPoller(database, feeds, MINUTES), FeedPoller(other, feeds, MINUTES)
        yesterday = T0 - timedelta(days=1)
        assert len(await first.poll_due(yesterday)) == 3
        # Both started and connected, so that neither lags the other.
        assert await second.poll_due(yesterday + timedelta(minutes=1)) == []
        server.pages["/rss"] = Page(rss([BRIEF, PARTNER, WATCHER]))
        results = await asyncio.gather(first.poll_due(T0), second.poll_due(T0))
    finally:
        await database.dispose()
        await other.dispose()
    assert sorted(_titles(results[0] + results[1])) == [BRIEF.title]
    assert (server.hits("/rss"), server.hits("/atom")) == (2, 2)  # each feed fetched once


async def test_a_server_error_backs_off_then_recovers(
    server: FeedServer, database: Database
) -> None:
    feed = server.url("/rss")
    server.pages["/rss"] = Page("", status=500)
    poller = FeedPoller(database, [feed], MINUTES)
    assert await poller.poll_due(T0) == []
    state = await _state(poller, feed)
    assert (state.ok, state.failures, state.failing_since) == (False, 1, T0)
    assert state.last_error is not None and "HTTP 500" in state.last_error
    assert state.next_poll_at == T0 + timedelta(minutes=2 * MINUTES)

    assert await poller.poll_due(T0 + timedelta(minutes=2 * MINUTES - 1)) == []
    assert server.hits("/rss") == 1  # waiting out the backoff
    second_try = T0 + timedelta(minutes=2 * MINUTES)
    assert await poller.poll_due(second_try) == []
    state = await _state(poller, feed)
    assert (state.failures, state.failing_since) == (2, T0)
    assert state.next_poll_at == second_try + timedelta(minutes=4 * MINUTES)

    server.pages["/rss"] = Page(rss([PARTNER]))
    recovered_at = second_try + timedelta(minutes=4 * MINUTES)
    assert _titles(await poller.poll_due(recovered_at)) == [PARTNER.title]
    state = await _state(poller, feed)
    assert (state.ok, state.failures, state.failing_since, state.last_error) == (
        True,
        0,
        None,
        None,
    )
    assert state.last_success_at == recovered_at
    assert state.next_poll_at == recovered_at + timedelta(minutes=MINUTES)


async def test_the_backoff_doubles_up_to_a_day(database: Database) -> None:
    poller = FeedPoller(database, [], MINUTES)
    assert [poller.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=60),
        timedelta(minutes=120),
        timedelta(minutes=240),
    ]
    assert poller.backoff(6) == poller.backoff(60) == timedelta(hours=24)


async def test_a_feed_that_does_not_answer_times_out_then_recovers(
    server: FeedServer, database: Database
) -> None:
    feed = server.url("/slow")
    server.pages["/slow"] = Page(rss([PARTNER]), hang=True)
    poller = FeedPoller(database, [feed], MINUTES, fetch_timeout=0.3)
    assert await poller.poll_due(T0) == []
    state = await _state(poller, feed)
    assert state.failures == 1 and state.last_error is not None
    assert "did not answer within 0.3 seconds" in state.last_error
    assert state.next_poll_at == T0 + timedelta(minutes=2 * MINUTES)
    server.pages["/slow"] = Page(rss([PARTNER]))
    assert _titles(await poller.poll_due(T0 + timedelta(days=1))) == [PARTNER.title]
    assert (await _state(poller, feed)).ok


@pytest.mark.parametrize(
    ("page", "said"),
    [
        (
            Page("<html><body><h1>Welcome to TV News</h1></body></html>", "text/html"),
            "not an RSS or Atom feed (text/html",
        ),
        (Page("<rss><channel><item>", "application/rss+xml"), "not an RSS or Atom feed"),
        (Page("", status=404), "HTTP 404 (Not Found): check its address in NEWS_FEEDS"),
        (Page(rss([PARTNER]) + " " * 5000), "larger than 4 KB"),
    ],
    ids=["web page", "broken xml", "not found", "too large"],
)
async def test_what_is_not_a_feed_is_a_failure_that_recovers(
    server: FeedServer, database: Database, page: Page, said: str
) -> None:
    feed = server.url("/feed")
    server.pages["/feed"] = page
    poller = FeedPoller(database, [feed], MINUTES, max_bytes=4096)
    assert await poller.poll_due(T0) == []
    state = await _state(poller, feed)
    assert not state.ok and state.last_error is not None and said in state.last_error
    assert state.next_poll_at == T0 + timedelta(minutes=2 * MINUTES)
    server.pages["/feed"] = Page(rss([WATCHER]))
    assert _titles(await poller.poll_due(T0 + timedelta(days=1))) == [WATCHER.title]
    assert (await _state(poller, feed)).ok


async def test_an_unreachable_feed_does_not_stop_the_others(
    server: FeedServer, database: Database
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed"
    server.pages["/rss"] = Page(rss([PARTNER]))
    poller = FeedPoller(database, [closed, server.url("/rss")], MINUTES)
    assert _titles(await poller.poll_due(T0)) == [PARTNER.title]
    failing = await _state(poller, closed)
    assert failing.last_error is not None
    assert failing.last_error.startswith("The feed could not be fetched (")
    assert (await _state(poller, server.url("/rss"))).ok


async def test_an_unchanged_feed_answers_not_modified(
    server: FeedServer, database: Database
) -> None:
    stamp = "Tue, 08 Nov 2022 18:00:00 GMT"
    server.pages["/rss"] = Page(rss([PARTNER]), etag='"v1"', last_modified=stamp)
    server.pages["/dated"] = Page(rss([WATCHER]), last_modified=stamp)
    poller = FeedPoller(database, [server.url("/rss"), server.url("/dated")], MINUTES)
    assert _titles(await poller.poll_due(T0)) == [PARTNER.title, WATCHER.title]
    again = T0 + timedelta(minutes=MINUTES)
    assert await poller.poll_due(again) == []
    assert server.not_modified == 2
    asked = [seen.headers for seen in server.requests[2:]]
    assert {h.get("If-None-Match") for h in asked} == {'"v1"', None}
    assert {h.get("If-Modified-Since") for h in asked} == {stamp}
    assert (await _state(poller, server.url("/rss"))).last_success_at == again

    news = Item("‘Dahmer’ renewed", "https://news.example/dahmer", "tv-7", "<p>Two more.</p>")
    server.pages["/rss"] = Page(rss([news, PARTNER]), etag='"v2"', last_modified=stamp)
    assert _titles(await poller.poll_due(again + timedelta(minutes=MINUTES))) == [news.title]
    assert server.not_modified == 3  # /dated still unchanged


async def test_each_new_article_is_read_where_it_is_taken_in(
    server: FeedServer, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """The hook's proposals are stored with the article; a fault in the reader leaves that
    article taken in unread (and logged), and the feed goes on."""
    read: list[tuple[int | None, str]] = []

    async def reader(session: AsyncSession, article: NewsArticle, text: str) -> int:
        read.append((article.id, text.partition("\n")[0]))
        assert article.id is not None
        proposal = NewsProposal(
            show_title=article.title, field="status", value="cancelled", evidence=text
        )
        await add_proposals(session, article.id, [proposal])
        if "Watcher" in text:
            raise RuntimeError("the reader tripped")
        return 1

    server.pages["/rss"] = Page(rss([PARTNER, WATCHER]))
    poller = FeedPoller(database, [server.url("/rss")], MINUTES, read=reader)
    articles = await poller.poll_due(T0)
    assert [(a.article_id, a.title) for a in articles] == read
    assert [title for _, title in read] == [WATCHER.title, PARTNER.title]
    async with database.session() as session:
        partner = await proposals_of_article(session, articles[1].article_id)
        watcher = await proposals_of_article(session, articles[0].article_id)
    assert [p.show_title for p in partner] == [PARTNER.title] and watcher == []
    assert "could not read the article" in caplog.text and "the reader tripped" in caplog.text
    assert await poller.poll_due(T0 + timedelta(minutes=MINUTES)) == []
    assert len(read) == 2 and (await _state(poller, server.url("/rss"))).ok
