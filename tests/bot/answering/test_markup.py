"""Record text made inert for Discord's markdown and for a terminal."""

from __future__ import annotations

import pytest

from bot.answering.markup import link_target, safe, source_link, visible, wrapped
from tests.bot.answering.markdown_reader import (
    link_targets,
    live_mentions,
    markup_lines,
    unescaped,
)

HOSTILE = [
    "[click](https://phish.example)",
    "x](https://phish.example) [y",
    "**bold** __under__ *it* _it_ ~~gone~~ `code` ```block``` ||spoiler||",
    "<@123456789012345678> <@!1> <@&1> <#2> </show status:3> <:e:4> <a:e:5> <t:0:R>",
    "<https://a.example/x_y> @everyone @here",
    "# h1\n## h2\n### h3\n-# small\n> quote\n>>> block\n- a\n* b\n+ c\n1. d\n  - nested",
    "ends with a backslash \\",
    "a\\*b \\\\*c* \\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_leaves_nothing_for_discord_to_read_as_markup(text: str) -> None:
    escaped = safe(text)
    assert unescaped(escaped) == []
    assert link_targets(escaped) == []
    assert markup_lines(escaped) == []
    assert live_mentions(escaped) == []


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize(("opening", "closing"), [("**", "**"), ("||", "||"), ("*", "*")])
def test_safe_text_leaves_markup_around_it_whole(text: str, opening: str, closing: str) -> None:
    """Whatever it ends with (a bare link would swallow the closing mark: a space between)."""
    text = wrapped(safe(text), opening)
    assert unescaped(text) == [*opening, *closing]


def test_safe_keeps_ordinary_text_and_bare_links_as_they_are() -> None:
    for text in ("Dahmer – Monster: The Jeffrey Dahmer Story", "Partner Track (2022)", "9-1-1"):
        assert safe(text) == text
    assert safe("see https://b.example/a_b*c now") == "see https://b.example/a_b*c now"
    assert safe("snake_case") == "snake\\_case"
    assert safe("@everyone") == "@\u200beveryone"


def test_control_characters_become_visible() -> None:
    assert visible("a\x1b[31mb\x00\x07\r\x9b\u202e\u2066c\td\n") == (
        "a\\x1b[31mb\\x00\\x07\\x0d\\x9b\\u202e\\u2066c\td\n"
    )
    assert visible("Ω 🙂 e\u0301 \u200d") == "Ω 🙂 e\u0301 \u200d"
    assert safe("\x1b[2J") == "\\\\x1b\\[2J"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  HTTPS://Example.org:8443/a%20b?q=1#f  ", "https://example.org:8443/a%20b?q=1#f"),
        (
            "https://x.example/p a(t)h<>\"'\\|*_~`[]",
            "https://x.example/p%20a%28t%29h%3C%3E%22%27%5C%7C%2A_~%60%5B%5D",
        ),
        ("https://x.example/é?q=%zz", "https://x.example/%C3%A9?q=%25zz"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT://x.example/%0aalert(1)", None),
        ("data:text/html,hi", None),
        ("https://trusted.example@phish.example/", None),
        ("https://xn--80ak6aa92e.example/ok", "https://xn--80ak6aa92e.example/ok"),
        ("https://пример.example/", None),
        ("https://[::1]/", None),
        ("https://x.example:99999/", None),
        ("https:phish.example", None),
        ("https://", None),
        ("https://x.example/\nnext", None),
        ("https://x.example/" + "a" * 600, None),
    ],
)
def test_link_targets(url: str, target: str | None) -> None:
    assert link_target(url) == target


def test_a_link_target_never_breaks_out_of_its_parentheses() -> None:
    got = link_target("https://x.example/a) [evil](https://phish.example")
    assert got == "https://x.example/a%29%20%5Bevil%5D%28https://phish.example"


def test_a_source_is_a_link_only_when_its_address_is_safe() -> None:
    assert source_link("An article", "https://example.org/a") == (
        "[An article](https://example.org/a)"
    )
    assert source_link("An article", "javascript:alert(1)") == "“An article”"
    assert source_link("An article", None) == "“An article”"
    linked = source_link("x](https://phish.example) [y", "https://example.org/a")
    assert link_targets(linked) == ["https://example.org/a"]
    assert source_link("", "https://example.org/a") == "[source](https://example.org/a)"


def test_a_link_is_whole_or_not_at_all() -> None:
    """An address that grows past the limit once encoded is not linked: a clipped link
    would leave half its markup behind."""
    assert link_target("https://x.example/" + "é" * 100) is None
    linked = source_link("t" * 5000, "https://example.org/a")
    assert link_targets(linked) == ["https://example.org/a"] and len(linked) < 300
