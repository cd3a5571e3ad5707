"""The names an article shows to be people's, not shows': the star, creator or writer a role
word introduces ("actress Jane Roe", "creator Jane Roe"), a speaker ("Jane Roe said"), an actor
given a part ("Jane Roe as Detective Ann Doe", "Jane Roe will reprise her role"). A person who
"will return for a second series" is the show's news told through its star, not a show."""

from __future__ import annotations

import re

from bot.news.slots import Mention, Sentence

_ROLE_BEFORE = re.compile(
    r"\b(?:actor|actress|star|co-star|creator|co-creator|showrunner|writer|director|"
    r"producer|host|comedian|playwright|author|novelist|presenter)\s+$"
)
_SPEAKS_AFTER = re.compile(
    r"^\s*(?:said|says|told|added|explained|tweeted|wrote|revealed|confirmed that)\b"
)
_PLAYS_AFTER = re.compile(
    r"^\s*(?:as\s+(?:[A-Z][\w.’'-]+\s+){0,3}[A-Z][\w’'-]+|stars as\b|plays\b|played\b|"
    r"(?:will|to)\s+reprise\s+(?:his|her|their)\s+role\b)"
)


def people_named(sentences: list[Sentence]) -> set[str]:
    """The keys of the unquoted names the article shows to be people's."""
    people = set()
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.span.quoted or mention.entry is not None:
                continue
            before = sentence.lowered[: mention.span.start]
            after = sentence.text[mention.span.end :]
            if (
                _ROLE_BEFORE.search(before)
                or _SPEAKS_AFTER.match(after)
                or _PLAYS_AFTER.match(after)
            ):
                people.add(mention.key)
    return people


def a_person(mention: Mention, people: set[str]) -> bool:
    return not mention.span.quoted and mention.entry is None and mention.key in people
