"""A local news site for the feed tests: an aiohttp server on 127.0.0.1 (a free port) serving
RSS and Atom documents that a test changes between polls, with ETags, server errors, slow
answers and web pages where a feed should be. It records every request it gets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from aiohttp import web


@dataclass
class Item:
    title: str
    link: str | None
    guid: str | None
    html: str
    published: str = "Tue, 08 Nov 2022 18:00:00 GMT"


@dataclass
class Page:
    body: str
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    hang: bool = False
    """Answer only when the test lets it (a feed that times out)."""


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    base: str
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    not_modified: int = 0
    """How many times it answered 304 Not Modified."""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for seen in self.requests if seen.path == path)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path, dict(request.headers)))
        page = self.pages.get(request.path)
        if page is None:
            return web.Response(status=404, text="no such page")
        if page.hang:
            await self.release.wait()
        if page.status != 200:
            return web.Response(status=page.status, text="the server fell over")
        headers = {}
        if page.etag:
            headers["ETag"] = page.etag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        if _unchanged(request, page):
            self.not_modified += 1
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = page.content_type
        return web.Response(body=page.body.encode("utf-8"), headers=headers)


def _unchanged(request: web.Request, page: Page) -> bool:
    """As HTTP says: If-None-Match decides when sent, else If-Modified-Since."""
    if "If-None-Match" in request.headers:
        return page.etag is not None and request.headers["If-None-Match"] == page.etag
    since = request.headers.get("If-Modified-Since")
    return page.last_modified is not None and since == page.last_modified


@asynccontextmanager
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer(base="")
    app = web.Application()
    app.router.add_get("/{path:.*}", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # port 0: a free one, chosen by the system
    await site.start()
    host, port = runner.addresses[0][:2]
    server.base = f"http://{host}:{port}"
    try:
        yield server
    finally:
        server.release.set()
        await runner.cleanup()


def rss(items: list[Item], title: str = "TV News") -> str:
    entries = "".join(
        "<item>"
        f"<title>{escape(item.title)}</title>"
        + (f"<link>{escape(item.link)}</link>" if item.link else "")
        + (f'<guid isPermaLink="false">{escape(item.guid)}</guid>' if item.guid else "")
        + f"<description>{escape(item.html)}</description>"
        f"<pubDate>{item.published}</pubDate>"
        "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>"
        f"<description>News</description>{entries}</channel></rss>"
    )


def atom(items: list[Item], title: str = "TV Atom") -> str:
    entries = "".join(
        "<entry>"
        f"<title>{escape(item.title)}</title>"
        + (f'<link rel="alternate" href="{escape(item.link)}"/>' if item.link else "")
        + f"<id>{escape(item.guid or '')}</id>"
        "<updated>2022-11-08T18:00:00Z</updated>"
        f'<content type="html">{escape(item.html)}</content>'
        "</entry>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:tv-atom</id>"
        f"<updated>2022-11-08T18:00:00Z</updated>{entries}</feed>"
    )
