"""The news settings: feeds as comma-separated web addresses, how often they are read, and
the review channel."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_news_is_off_by_default() -> None:
    settings = Settings(_env_file=None)
    assert (settings.news_feeds, settings.news_poll_minutes, settings.review_channel_id) == (
        [],
        30,
        None,
    )


def test_feeds_are_read_like_the_editor_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "NEWS_FEEDS", " https://a.example/feed, http://b.example/rss https://a.example/feed,"
    )
    monkeypatch.setenv("NEWS_POLL_MINUTES", "5")
    monkeypatch.setenv("REVIEW_CHANNEL_ID", "1046496310093733908")
    settings = Settings(_env_file=None)
    assert settings.news_feeds == ["https://a.example/feed", "http://b.example/rss"]
    assert settings.news_poll_minutes == 5
    assert settings.review_channel_id == 1046496310093733908
    monkeypatch.setenv("REVIEW_CHANNEL_ID", " ")
    assert Settings(_env_file=None).review_channel_id is None


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("NEWS_FEEDS", "https://a.example/feed,ftp://b.example/rss", "'ftp://b.example/rss'"),
        ("NEWS_FEEDS", "news.example/rss", "starting with http:// or https://"),
        ("NEWS_FEEDS", "https://a.example/" + "x" * 1000, "at most 1,000 characters"),
        ("NEWS_POLL_MINUTES", "0", "greater than or equal to 1"),
    ],
)
def test_bad_news_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=said):
        Settings(_env_file=None)
