"""Record text made inert: for Discord's markdown (`safe`, `source_link`) and for a terminal
(`visible`).

Records come from imports and other people's websites, so any of their text may try to
format itself: a cast name written as a masked link, a note that opens a spoiler, a title
that starts a heading, a URL that closes our link early, an escape sequence that repaints a
terminal. Everything a record puts on screen goes through one of these functions; they are
kept free of discord.py so that cards can be built and tested without it.

How Discord reads markdown (simple-markdown): an escape, a backslash before any character
that is not a letter, digit or space, always wins, so an escaped character never starts or
ends anything. A masked link, though, is found by a pattern on the raw text from an
unescaped `[`, and a raw `]` inside it can end the link text early whether escaped or not:
link text therefore holds no brackets at all.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlsplit, urlunsplit

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides
    "\u2028\u2029]"  # line and paragraph separators
)
"""What a terminal (or Discord) would act on rather than show."""


def visible(text: str) -> str:
    """Control characters as visible escapes (`\\x1b`, `\\u202e`); everything else as is.

    Tab and newline stay: they are layout, not commands.
    """
    return _CONTROL.sub(_escape_control, text)


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_INLINE = re.compile(r"[\\*_~|`<>\[\]]")
"""Characters that open or close markup anywhere: emphasis, strike, spoiler bars, code,
masked links, and `<…>` (mentions, channels, commands, custom emoji, timestamps, links)."""
_LINE_START = re.compile(r"^([^\S\n]*)(#|-|\+|\d+(?=\.))", re.MULTILINE)
"""What makes a line a heading, subtext, list item or numbered item (`>` and `*` are inline)."""
_URL = re.compile(r"https?://[^\s<]+[^<.,:;\"')\]\s]")
"""Discord's own pattern for a bare link: one token, nothing inside it is markdown."""
_MASS_MENTION = re.compile(r"@(everyone|here)")
_NO_BREAK = "\u200b"


def safe(text: str) -> str:
    """Record text as Discord should show it, character for character: no markup, no mentions.

    Bare web addresses stay whole (escaping inside one would change where it leads; Discord
    reads no markup inside it); `@everyone` and `@here` get a zero-width space, the only
    way to keep them from being read as mentions in every client.
    """
    text = visible(text)
    parts: list[str] = []
    start = 0
    for url in _URL.finditer(text):
        parts.append(_escape(text[start : url.start()]))
        parts.append(url.group())
        start = url.end()
    parts.append(_escape(text[start:]))
    return _MASS_MENTION.sub(rf"@{_NO_BREAK}\1", "".join(parts))


def _escape(text: str) -> str:
    text = _INLINE.sub(r"\\\g<0>", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker.isdigit():  # "1." makes a numbered item: escape the dot, not the number
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def wrapped(text: str, mark: str) -> str:
    """Escaped `text` between a pair of marks (`**`, `||`…), which it cannot unbalance.

    A bare link at the very end would take the closing mark into the address (Discord's
    link pattern ends on any of them): a space between keeps them apart.
    """
    gap = " " if re.search(r"https?://\S*$", text) else ""
    return f"{mark}{text}{gap}{mark}"


# -- links ---------------------------------------------------------------------------------

LINK_TARGET_LIMIT = 512
"""Longer addresses (once encoded) are shown as their title only: a link must fit its field
whole, or its markup would be cut in half."""
LINK_TEXT_LIMIT = 200
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}")
_KEPT_IN_TARGET = frozenset(string.ascii_letters + string.digits + "-._~!$&+,;=:@/?")
"""RFC 3986 characters that cannot end `(…)` or start markup; all else is percent-encoded."""


def link_target(url: str) -> str | None:
    """A well-formed http(s) address that cannot break out of `[…](…)`; None for any other.

    Userinfo (`https://trusted.example@elsewhere.example`) and hosts that are not plain ASCII
    names are refused: they exist mostly to make an address look like another.
    """
    url = url.strip()
    if not url or len(url) > LINK_TARGET_LIMIT or _CONTROL.search(url) or _BREAK.search(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not _HOST.fullmatch(host):
        return None
    if parts.username is not None or parts.password is not None:
        return None
    netloc = host if port is None else f"{host}:{port}"
    encoded = (_encode(parts.path), _encode(parts.query), _encode(parts.fragment))
    target = urlunsplit((parts.scheme.lower(), netloc, *encoded))
    return target if len(target) <= LINK_TARGET_LIMIT else None


def _encode(part: str) -> str:
    out: list[str] = []
    for position, char in enumerate(part):
        if char in _KEPT_IN_TARGET or _is_escape(part, position):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def _is_escape(part: str, position: int) -> bool:
    """A `%` that already starts a percent-escape (encoding it again would change the URL)."""
    return part[position] == "%" and bool(_HEX_PAIR.fullmatch(part, position + 1, position + 3))


_BREAK = re.compile(r"[\t\n]")
"""Whitespace that urlsplit would silently drop rather than refuse."""
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")


def source_link(title: str, url: str | None) -> str:
    """A source as a masked link when its address is safe to link, else its title in quotes."""
    target = link_target(url) if url else None
    if target is None:
        return f"“{safe(title)}”"
    # Brackets in link text can end it early, escaped or not: show them as parentheses.
    text = safe(_clip(title, LINK_TEXT_LIMIT).translate(_NO_BRACKETS)).strip() or "source"
    return f"[{text}]({target})"


_NO_BRACKETS = str.maketrans("[]", "()")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
