"""The keys an article is known by: its link, normalised, and its feed entry's id."""

from __future__ import annotations

from db.news import KEY_BYTES, article_keys
from db.news_urls import normalise_url


def test_urls_are_normalised_for_comparison() -> None:
    assert normalise_url(" HTTP://WWW.Example.COM:80/Path/?b=2&utm_campaign=x&a=1#top ") == (
        "http://www.example.com/Path?a=1&b=2"
    )
    assert normalise_url("https://example.com/?fbclid=abc&gclid=d&mc_cid=e") == (
        "https://example.com"
    )
    assert normalise_url("https://example.com:8443/a/") == "https://example.com:8443/a"
    assert normalise_url("https://example.com/a?id=7") != normalise_url("https://example.com/a")
    assert normalise_url("not a link") == "not a link"


def test_keys_are_scoped_and_kept_short() -> None:
    assert article_keys(feed_id=3, entry_id="42", url="https://a.example/x/") == [
        "id:3:42",
        "url:https://a.example/x",
    ]
    assert article_keys(feed_id=4, entry_id="42") != article_keys(feed_id=3, entry_id="42")
    assert article_keys() == []
    [long_key] = article_keys(url="https://a.example/" + "é" * 900)
    assert long_key.startswith("url:sha256:") and len(long_key.encode()) <= KEY_BYTES
    assert article_keys(url="https://a.example/" + "é" * 900) == [long_key]
