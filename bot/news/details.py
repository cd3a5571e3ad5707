"""The facts besides decisions that an article gives about a show it reports on: who created
or developed it, who stars as whom, when it premieres."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot.news.proposals import Proposal

if TYPE_CHECKING:
    from bot.news.article import Article
    from bot.news.slots import Mention

_NAME = r"(?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’-]+"
_CREDITS = re.compile(
    rf"\b(co-created|created|developed) by ({_NAME}(?:(?:,| and|, and) {_NAME})*)"
)
_STARS = re.compile(
    rf"\b({_NAME}) (?:stars|starred|will star|is starring|plays|played|will play|portrays|"
    rf"portrayed) as ((?:Dr\. )?{_NAME}|[A-Z][\w'’-]+)"
)
_MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_PREMIERE = re.compile(
    r"\b(?:premieres?|premiered|debuts?|debuted|launche[sd]|returns|bows|arrives)"
    r"(?: on)? (?:[A-Z][a-z]+day,? )?([A-Z][a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?"
)


def detail_proposals(
    article: Article,
    sentences: Sequence[tuple[int, str]],
    mentions: Sequence[Mention],
    shows: set[str],
    main_network: str | None,
) -> list[Proposal]:
    """Creators, cast and premiere dates of the shows in `shows` (the keys of the shows the
    article reports on), each from a sentence that names the show or follows one that does."""
    found: list[Proposal] = []
    seen: set[tuple[str, str, str]] = set()
    for number, text in sentences:
        for field, value, at in _facts(text, article.published):
            mention = _about(mentions, number, at, shows)
            if mention is None:
                continue
            if (mention.key, field, value) in seen:
                continue
            seen.add((mention.key, field, value))
            entry = mention.entry
            found.append(
                Proposal(
                    show=mention.title,
                    show_id=entry.show_id if entry else None,
                    network=(entry.network if entry else None) or main_network,
                    field=field,
                    value=value,
                    seasons=None,
                    evidence=text,
                )
            )
    return found


def _facts(text: str, published: date | None) -> list[tuple[str, str, int]]:
    facts = []
    for match in _CREDITS.finditer(text):
        field = "developer" if match.group(1) == "developed" else "creator"
        for name in re.split(r", and |, | and ", match.group(2)):
            facts.append((field, name.strip(), match.start()))
    for match in _STARS.finditer(text):
        facts.append(("cast", f"{match.group(1)} as {match.group(2)}", match.start()))
    for match in _PREMIERE.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        year = int(match.group(3)) if match.group(3) else (published.year if published else None)
        if month is None or year is None:
            continue
        try:
            day = date(year, month, int(match.group(2)))
        except ValueError:
            continue
        facts.append(("premiere_date", day.isoformat(), match.start()))
    return facts


def _about(mentions: Sequence[Mention], number: int, at: int, shows: set[str]) -> Mention | None:
    """The show a fact at `at` in sentence `number` is about: the last show reported on
    that was named before it, in this sentence or the two before."""
    for mention in reversed(mentions):
        if mention.sentence > number or (mention.sentence == number and mention.span.start > at):
            continue
        if number - mention.sentence > 2:
            return None
        if mention.key in shows:
            return mention
    return None
