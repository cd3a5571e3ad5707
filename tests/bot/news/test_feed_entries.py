"""A feed's entries into plain text: content before summary, HTML read as text, titles first,
and what is not a feed refused in a sentence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.news.feed_entries import NotAFeedError, parse_feed, plain_text

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>TV</title><link>https://tv.example/</link><description>TV</description>
<item><title>Netflix renews &lt;i&gt;The Watcher&lt;/i&gt;</title>
<link>/2022/11/the-watcher</link><guid>https://tv.example/?p=17</guid>
<pubDate>Mon, 07 Nov 2022 09:30:00 -0500</pubDate>
<description>A short teaser.</description>
<content:encoded><![CDATA[<p>Netflix has renewed <em>The Watcher</em>.</p>
<script>track()</script><p>Season two follows&nbsp;the Brannocks.</p>]]></content:encoded>
</item>
<item><description>&lt;p&gt;No title here, only &amp;amp; text.&lt;/p&gt;</description></item>
<item><title>Plain</title><description>Line one.
Line   two.</description></item>
</channel></rss>"""


def test_entries_read_as_plain_text() -> None:
    watcher, untitled, plain = parse_feed(
        RSS.encode(), "application/rss+xml", "https://tv.example/feed"
    )
    assert watcher.title == "Netflix renews The Watcher"
    assert watcher.url == "https://tv.example/2022/11/the-watcher"  # resolved against the feed
    assert watcher.entry_id == "https://tv.example/?p=17"
    assert watcher.published_at == datetime(2022, 11, 7, 14, 30, tzinfo=UTC)
    assert plain_text(watcher) == (
        "Netflix renews The Watcher\n"
        "Netflix has renewed The Watcher.\n"
        "Season two follows the Brannocks."
    )
    assert untitled.title == "" and untitled.url is None
    assert untitled.entry_id is not None and untitled.entry_id.startswith("sha256:")
    assert plain_text(untitled) == "No title here, only & text."
    assert plain_text(plain) == "Plain\nLine one.\nLine two."


def test_an_empty_feed_is_a_feed() -> None:
    empty = RSS.split("<item>")[0] + "</channel></rss>"
    assert parse_feed(empty.encode(), "application/rss+xml", "https://tv.example/feed") == []


@pytest.mark.parametrize(
    "body",
    [b"", b"<html><body><p>Welcome</p></body></html>", b'{"items": []}', b"<rss><channel><item>"],
)
def test_what_is_not_a_feed_is_refused_in_a_sentence(body: bytes) -> None:
    with pytest.raises(NotAFeedError, match=r"^The address answered .*NEWS_FEEDS\.$"):
        parse_feed(body, "text/html; charset=utf-8", "https://tv.example/")


def _entry_html(markup: str) -> str:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>TV</title><item>'
        f"<title>Roundup</title><description><![CDATA[{markup}]]></description>"
        "</item></channel></rss>"
    )
    [entry] = parse_feed(feed.encode(), "application/rss+xml", "https://tv.example/feed")
    return plain_text(entry)


def test_a_roundup_keeps_its_headings_and_loses_its_share_buttons() -> None:
    markup = (
        "<h2>Renewed</h2><p>Netflix has renewed <em>The Watcher</em>, its <b>biggest</b> hit "
        'this year, said <a href="https://x.example">Bela Bajaria</a>.</p>'
        "<h2>Cancelled</h2><ul><li><strong>Partner Track</strong>, after one season.</li>"
        "<li><em>The Imperfects</em>.</li></ul>"
        '<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="t">Twitter</a></li>'
        '<li><a href="f">Facebook</a></li></ul></div>'
    )
    assert _entry_html(markup) == (
        "Roundup\nRenewed\n"
        "Netflix has renewed The Watcher, its biggest hit this year, said Bela Bajaria.\n"
        "Cancelled\n- Partner Track, after one season.\n- The Imperfects."
    )


def test_a_whole_page_in_an_entry_is_read_as_its_body() -> None:
    markup = (
        "<html><head><title>Ignored</title></head><body><p>Netflix has renewed "
        "<em>The Watcher</em>.</p><p>Season <b>two</b> is coming.</p></body></html>"
    )
    assert _entry_html(markup) == (
        "Roundup\nNetflix has renewed The Watcher.\nSeason two is coming."
    )
