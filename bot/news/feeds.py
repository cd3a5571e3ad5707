"""Polling the news feeds (NEWS_FEEDS): each due feed is fetched, its new entries are taken
in once (by entry id and by link, across restarts and processes), and handed on as plain text
for the reader.

Each article is claimed in a transaction of its own, in which the optional `read` hook reads
it into proposals: an article is never taken in and then lost unread.

A feed that fails (unreachable, an HTTP error, a timeout, a web page instead of a feed) is
recorded with a sentence saying what went wrong and tried again later, waiting twice as long
after each failure in a row (at most a day); the first success forgets the failures. One bad
feed never stops the others. Only the feed itself is fetched, never the articles it links to.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiohttp
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.news.feed_entries import (
    TITLE_LENGTH,
    FeedEntry,
    NotAFeedError,
    parse_feed,
    plain_text,
)
from db.engine import Database
from db.errors import DatabaseUnavailableError
from db.news import (
    NewsArticle,
    NewsFeed,
    article_keys,
    claim_article,
    claim_poll,
    ensure_feeds,
    feed_states,
    feeds_due,
    record_failure,
    record_success,
    seen_keys,
)

log = logging.getLogger(__name__)

USER_AGENT = "showbot"
FETCH_TIMEOUT_SECONDS = 20.0
MAX_FEED_BYTES = 5 * 1024 * 1024
"""Feeds are a few hundred kilobytes; a bigger answer is not a feed worth reading."""
MAX_BACKOFF = timedelta(hours=24)
FETCHES_AT_ONCE = 4


ReadArticle = Callable[[AsyncSession, NewsArticle, str], Awaitable[object]]
"""Reads a new article (its stored row and its text) into proposals, in the given session."""


@dataclass(frozen=True)
class FeedArticle:
    """A new article from a feed, taken in (stored as `article_id`), to be read."""

    article_id: int
    title: str
    url: str | None
    text: str
    """The title on the first line, then the entry's text."""
    published_at: datetime | None = None
    feed_url: str | None = None


@dataclass(frozen=True)
class FeedState:
    """How a feed is doing, for `/admin feeds`."""

    url: str
    ok: bool
    failing_since: datetime | None
    failures: int
    last_error: str | None
    """A sentence saying what failed last (feed and server text: escape before showing)."""
    last_success_at: datetime | None
    next_poll_at: datetime | None
    """None: at the next look (never polled yet)."""

    @classmethod
    def of(cls, feed: NewsFeed) -> FeedState:
        return cls(
            url=feed.url,
            ok=feed.failures == 0,
            failing_since=feed.failing_since,
            failures=feed.failures,
            last_error=feed.last_error,
            last_success_at=feed.last_success_at,
            next_poll_at=feed.next_poll_at,
        )


@dataclass(frozen=True)
class _Fetched:
    """What one fetch brought: a body to parse, "not modified", or a failure sentence."""

    body: bytes | None = None
    content_type: str = ""
    location: str = ""
    etag: str | None = None
    modified: str | None = None
    error: str | None = None


class FeedPoller:
    """Polls the feeds of NEWS_FEEDS that are due (`poll_due`, from the scheduler) and says
    how each is doing (`states`, for `/admin feeds`)."""

    def __init__(
        self,
        database: Database,
        urls: Sequence[str],
        poll_minutes: float,
        *,
        fetch_timeout: float = FETCH_TIMEOUT_SECONDS,
        max_bytes: int = MAX_FEED_BYTES,
        read: ReadArticle | None = None,
    ) -> None:
        """`read`, when given, is called on each new article in the transaction that claims
        it, so that an article is never taken in and then lost unread by a crash."""
        self.database = database
        self.read = read
        self.urls = list(dict.fromkeys(urls))
        self.interval = timedelta(minutes=poll_minutes)
        self.fetch_timeout = fetch_timeout
        self.max_bytes = max_bytes
        self._feeds_stored = False

    def backoff(self, failures: int) -> timedelta:
        """The wait after this many failures in a row: the interval doubled for each."""
        wait: timedelta = self.interval * (2 ** min(failures, 20))
        return min(wait, MAX_BACKOFF)

    async def states(self) -> list[FeedState]:
        """Every configured feed, in URL order."""
        async with self.database.session() as session:
            return [FeedState.of(feed) for feed in await feed_states(session)]

    async def poll_due(self, now: datetime) -> list[FeedArticle]:
        """Polls the feeds that are due; returns the articles no poll took in before, oldest
        first within a feed. A feed's failures are recorded, never raised; a database that
        cannot be used before any feed is fetched is raised."""
        async with self.database.transaction() as session:
            if not self._feeds_stored:
                await ensure_feeds(session, self.urls)
            due = await feeds_due(session, now)
            # Another process polling the same feeds skips the ones this one claims.
            claimed = [
                feed
                for feed in due
                if feed.id is not None
                and await claim_poll(session, feed.id, feed.next_poll_at, now + self.interval)
            ]
        self._feeds_stored = True
        if not claimed:
            return []
        slots = asyncio.Semaphore(FETCHES_AT_ONCE)
        async with aiohttp.ClientSession(headers={"User-Agent": USER_AGENT}) as http:
            fetched = await asyncio.gather(*(self._fetch(http, slots, feed) for feed in claimed))
        articles: list[FeedArticle] = []
        for feed, result in zip(claimed, fetched, strict=True):
            try:
                await self._take_in(feed, result, now, articles)
            except (SQLAlchemyError, DatabaseUnavailableError) as error:
                # What was taken in already must still be handed on; the entries not
                # claimed come again at the feed's next poll.
                log.warning("could not take in the news feed %s now: %s", feed.url, error)
        return articles

    async def _fetch(
        self, http: aiohttp.ClientSession, slots: asyncio.Semaphore, feed: NewsFeed
    ) -> _Fetched:
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.modified:
            headers["If-Modified-Since"] = feed.modified
        timeout = aiohttp.ClientTimeout(total=self.fetch_timeout)
        try:
            async with slots, http.get(feed.url, headers=headers, timeout=timeout) as response:
                if response.status == 304:
                    return _Fetched(etag=feed.etag, modified=feed.modified)
                if response.status >= 400:
                    return _Fetched(error=_http_error(response.status, response.reason))
                body = await self._read(response)
                if body is None:
                    return _Fetched(error=self._too_large())
                return _Fetched(
                    body=body,
                    content_type=response.headers.get("Content-Type", ""),
                    location=str(response.url),
                    etag=response.headers.get("ETag"),
                    modified=response.headers.get("Last-Modified"),
                )
        except TimeoutError:
            return _Fetched(
                error=f"The feed did not answer within {self.fetch_timeout:g} seconds: showbot "
                "tries again later; if it goes on, check the address in NEWS_FEEDS."
            )
        except (aiohttp.ClientError, OSError) as error:
            reason = str(error).strip() or type(error).__name__
            return _Fetched(
                error=f"The feed could not be fetched ({reason}): check its address in "
                "NEWS_FEEDS; showbot tries again later."
            )

    async def _read(self, response: aiohttp.ClientResponse) -> bytes | None:
        """The body, or None when it is larger than `max_bytes` (read no further)."""
        if response.content_length is not None and response.content_length > self.max_bytes:
            return None
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self) -> str:
        limit = self.max_bytes / 1024
        size = f"{limit / 1024:.0f} MB" if limit >= 1024 else f"{limit:.0f} KB"
        return (
            f"The feed is larger than {size}, more than showbot reads: give a feed with fewer "
            "entries in NEWS_FEEDS."
        )

    async def _take_in(
        self, feed: NewsFeed, fetched: _Fetched, now: datetime, articles: list[FeedArticle]
    ) -> None:
        """Claims the feed's new entries, one transaction each (the write lock is held for
        one article's reading at most), adding them to `articles`; then records the poll."""
        assert feed.id is not None
        if fetched.error is not None:
            await self._failed(feed, fetched.error, now)
            return
        if fetched.body is not None:
            try:
                entries = await asyncio.to_thread(
                    parse_feed, fetched.body, fetched.content_type, fetched.location
                )
            except NotAFeedError as error:
                await self._failed(feed, str(error), now)
                return
            except Exception:
                log.exception("could not read the feed %s", feed.url)
                await self._failed(
                    feed, "showbot could not read this feed (a fault of its own: see its log).", now
                )
                return
            fresh = await self._unseen(feed.id, entries[::-1])
            texts = await asyncio.to_thread(lambda: [plain_text(entry) for entry in fresh])
            taken = len(articles)
            for entry, text in zip(fresh, texts, strict=True):
                article = await self._claim(feed, entry, text, now)
                if article is not None:
                    articles.append(article)
            if len(articles) > taken:
                log.info("took in %d new articles from %s", len(articles) - taken, feed.url)
        # Recorded last: a poll cut short leaves the old ETag, so the next poll fetches the
        # whole feed again and takes in what this one did not.
        async with self.database.transaction() as session:
            await record_success(
                session, feed.id, now, now + self.interval, fetched.etag, fetched.modified
            )

    async def _claim(
        self, feed: NewsFeed, entry: FeedEntry, text: str, now: datetime
    ) -> FeedArticle | None:
        assert feed.id is not None
        title = entry.title or text.partition("\n")[0][:TITLE_LENGTH]
        row = NewsArticle(
            feed_id=feed.id,
            entry_id=entry.entry_id,
            url=entry.url,
            title=title,
            published_at=entry.published_at,
            read_at=now,
        )
        async with self.database.transaction() as session:
            stored = await claim_article(session, row, _keys(feed.id, entry))
            if stored is None or stored.id is None:
                return None
            if self.read is not None:
                await self._read_in(session, stored, text)
        return FeedArticle(stored.id, title, entry.url, text, entry.published_at, feed.url)

    async def _read_in(self, session: AsyncSession, article: NewsArticle, text: str) -> None:
        """Runs `read` on the article in the transaction that claims it; a fault in the
        reader leaves the article taken in unread rather than stopping the feed."""
        assert self.read is not None
        try:
            async with session.begin_nested():
                await self.read(session, article, text)
        except (SQLAlchemyError, DatabaseUnavailableError):
            raise
        except Exception:
            log.exception("could not read the article %s from %s", article.id, article.url)

    async def _unseen(self, feed_id: int, entries: list[FeedEntry]) -> list[FeedEntry]:
        """The entries none of whose keys was claimed before (their text is not extracted)."""
        keys = {id(entry): _keys(feed_id, entry) for entry in entries}
        async with self.database.session() as session:
            seen = await seen_keys(session, (key for group in keys.values() for key in group))
        return [entry for entry in entries if not seen.intersection(keys[id(entry)])]

    async def _failed(self, feed: NewsFeed, error: str, now: datetime) -> None:
        assert feed.id is not None
        failures = feed.failures + 1
        retry_at = now + self.backoff(failures)
        log.warning(
            "news feed %s failed (%d in a row; next try %s): %s",
            feed.url,
            failures,
            retry_at.isoformat(timespec="minutes"),
            error,
        )
        async with self.database.transaction() as session:
            await record_failure(session, feed.id, now, error, retry_at)


def _keys(feed_id: int, entry: FeedEntry) -> list[str]:
    return article_keys(feed_id=feed_id, entry_id=entry.entry_id, url=entry.url)


def _http_error(status: int, reason: str | None) -> str:
    answer = f"HTTP {status}" + (f" ({reason})" if reason else "")
    if status in (401, 403, 404, 410):
        return f"The feed answered {answer}: check its address in NEWS_FEEDS."
    return f"The feed answered {answer}: showbot tries again later."
