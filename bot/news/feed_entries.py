"""A feed's bytes into its entries, and an entry into the plain text the reader reads.

Both are CPU work (feedparser, trafilatura): the poller runs them in a worker thread, never on
the event loop. Only the feed's own content is read: the entry's link is not fetched.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser
import trafilatura

TITLE_LENGTH = 500
URL_LENGTH = 1000
BLOCK_TAGS = frozenset(
    {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}
)
SKIPPED_TAGS = frozenset({"script", "style", "template"})
SPACES = re.compile(r"[^\S\n]+")
LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
BODY = re.compile(r"<body[^>]*>(.*)</body\s*>", re.IGNORECASE | re.DOTALL)


class NotAFeedError(Exception):
    """The bytes are not an RSS or Atom feed; the message says so as a sentence."""


@dataclass(frozen=True)
class FeedEntry:
    entry_id: str | None
    """The entry's id (RSS guid, Atom id); when it has neither id nor link, a hash of its
    title and text, so that it is still read once."""
    url: str | None
    title: str
    published_at: datetime | None
    body: str
    """The entry's content, else its summary, as the feed gives it."""
    body_is_html: bool


def parse_feed(body: bytes, content_type: str, location: str) -> list[FeedEntry]:
    """The feed's entries, in the feed's order (a valid feed may have none). Raises
    NotAFeedError for anything that is not a feed: a web page, broken XML without a
    readable entry, an empty answer."""
    # Bytes, never a str: feedparser fetches a string that looks like an address.
    parsed: Any = feedparser.parse(
        body, response_headers={"content-type": content_type, "content-location": location}
    )
    entries = [_entry(entry) for entry in parsed.get("entries") or []]
    # An entry with neither title nor text (a feed cut short, say) has nothing to read.
    entries = [entry for entry in entries if entry.title or entry.body.strip()]
    if entries or (parsed.get("version") and not parsed.get("bozo")):
        return entries
    kind = content_type.split(";")[0].strip() or "no content type"
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "unreadable")[:150]
        raise NotAFeedError(
            f"The address answered with something that is not an RSS or Atom feed ({kind}: "
            f"{problem}): give the feed's own address in NEWS_FEEDS."
        )
    raise NotAFeedError(
        f"The address answered with something that is not an RSS or Atom feed ({kind}): "
        "give the feed's own address in NEWS_FEEDS."
    )


def _entry(entry: Mapping[str, Any]) -> FeedEntry:
    title = " ".join(_strip_tags(str(entry.get("title") or "")).split())
    body, is_html = _body(entry)
    link = str(entry.get("link") or "").strip()
    url = link if link.startswith(("http://", "https://")) and len(link) <= URL_LENGTH else None
    entry_id = str(entry.get("id") or "").strip() or None
    if entry_id is None and not link:
        digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
        entry_id = f"sha256:{digest[:32]}"
    return FeedEntry(
        entry_id=entry_id[:URL_LENGTH] if entry_id else None,
        url=url,
        title=title[:TITLE_LENGTH],
        published_at=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        body=body,
        body_is_html=is_html,
    )


def _body(entry: Mapping[str, Any]) -> tuple[str, bool]:
    """The longest content block, else the summary."""
    blocks = [
        (str(block.get("value") or ""), str(block.get("type") or ""))
        for block in entry.get("content") or []
    ]
    summary = entry.get("summary_detail") or {}
    blocks.append((str(entry.get("summary") or ""), str(summary.get("type") or "")))
    value, kind = max(blocks, key=lambda block: len(block[0]))
    return value, "html" in kind or bool(LOOKS_LIKE_HTML.search(value))


def _when(parsed: time.struct_time | None) -> datetime | None:
    """feedparser gives dates as UTC struct_time."""
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def plain_text(entry: FeedEntry) -> str:
    """The entry as the reader takes it: its title on the first line (when it has one),
    then its text."""
    text = _html_text(entry.body) if entry.body_is_html else entry.body
    lines = [" ".join(SPACES.sub(" ", line).split()) for line in text.splitlines()]
    body = "\n".join(line for line in lines if line)
    return "\n".join(part for part in (entry.title, body) if part)


def _html_text(markup: str) -> str:
    """The text of an entry's HTML, read by trafilatura (which leaves out what is not the
    article's text: images, share buttons, scripts); a fragment too short for it to find
    anything in loses its tags alone."""
    # Given as a fragment: wrapped in a page of its own, trafilatura falls back to a reader
    # that breaks a line at every link and emphasis ("renewed\nThe Watcher\n.").
    inner = BODY.search(markup)
    extracted = trafilatura.extract(
        inner.group(1) if inner else markup,
        include_comments=False,
        include_tables=True,
        favor_recall=True,  # roundups head their lists with "Renewed", "Cancelled"
    )
    return extracted if extracted and extracted.strip() else _strip_tags(markup)


def _strip_tags(markup: str) -> str:
    if "<" not in markup:
        return html.unescape(markup)
    stripper = _TagStripper()
    stripper.feed(markup)
    stripper.close()
    return stripper.text()


class _TagStripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)
