"""How Discord's markdown reads a string, as far as the tests need to know.

Discord parses with simple-markdown: at each position it tries its rules in order, and an
escape (a backslash before any character that is not a letter, digit or space) always wins,
so an escaped character never starts anything. A bare http(s) URL is one token (nothing
inside it is markdown). A masked link is found by a regular expression on the raw text from
an unescaped `[`, which is why a raw `]` inside link text can end it early. The patterns
below are simple-markdown's own (`link`, `url`), translated to Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SPECIAL = frozenset("*_~|`<>[]")
"""Characters that start or end markup somewhere in a line (and a trailing backslash, which
would escape whatever markup follows the string)."""

_INSIDE = r"(?:\[[^\]]*\]|[^\[\]]|\](?=[^\[]*\]))*"
_HREF = r"\s*<?((?:\([^)]*\)|[^\s\\]|\\.)*?)>?(?:\s+['\"]([\s\S]*?)['\"])?\s*"
LINK = re.compile(r"\[(" + _INSIDE + r")\]\(" + _HREF + r"\)")
URL = re.compile(r"https?://[^\s<]+[^<.,:;\"')\]\s]")
LINE_MARKUP = re.compile(r"^\s*(?:[-*+]\s|#{1,3}\s|-#\s|>|\d+\.\s)")
"""What makes a line a list item, heading, subtext or quote."""
TIMESTAMP = re.compile(r"<t:-?\d+:[tTdDfFR]>")


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """(position, kind) of each unescaped special character or URL, left to right."""
    position = 0
    while position < len(text):
        char = text[position]
        following = text[position + 1 : position + 2]
        if char == "\\" and following and not following.isalnum() and not following.isspace():
            position += 2
            continue
        url = URL.match(text, position)
        if url and (position == 0 or not text[position - 1].isalnum()):
            yield position, "url"
            position = url.end()
            continue
        if char in SPECIAL or (char == "\\" and position == len(text) - 1):
            yield position, char
        position += 1


def unescaped(text: str) -> list[str]:
    """The special characters that Discord would read as markup (URLs and timestamps aside)."""
    text = TIMESTAMP.sub("", text)
    return [kind for _, kind in _tokens(text) if kind != "url"]


def link_targets(text: str) -> list[str]:
    """The targets of every masked link Discord would make of `text`."""
    targets = []
    for position, kind in _tokens(text):
        if kind == "[":
            link = LINK.match(text, position)
            if link:
                targets.append(link.group(2))
    return targets


def markup_lines(text: str) -> list[str]:
    """Lines that Discord would show as a list item, heading or quote."""
    return [line for line in text.split("\n") if LINE_MARKUP.match(line)]


def live_mentions(text: str) -> list[str]:
    """@everyone and @here as Discord reads them (`<@…>` forms need an unescaped `<`)."""
    return re.findall(r"@(?:everyone|here)", text)
