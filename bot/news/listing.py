"""How a sentence lists shows: "A, B and C", notes on each ("A, its freshman drama; B, a
comedy from Jane Roe; and C"), and a name of two shows joined by "and"."""

from __future__ import annotations

import re

from bot.news.mentions import Mention, Sentence, name_key
from bot.news.spans import Span

COORDINATION = re.compile(
    # "'All American' for season 3, 'Charmed' for season 3, …"
    # "… (Netflix) and Paper Moons (HBO)", "Gilded Lanterns (season 12), Paper Moons"
    # "“Carol’s Second Act” with Patricia Heaton, “Man with a Plan” starring Matt LeBlanc and …"
    r"^[\s\"“”‘’')]*(?:\([^()]{1,30}\)\s*)?(?:for (?:a |its )?(?:season|series) \w+\s*)?"
    r"(?:(?:with|starring|featuring) [^,;()\"“”]{1,40}?)?"
    r"(?:,\s*(?:and|or|&|as well as|along with|plus)?|and|or|&|as well as|along with|plus)"
    r"[\s\"“”‘’']*(?:(?!(?:from|by|with|starring|of|about|for|in|on|at|to|which|who|that|whose|"
    r"showrunner|creator|star|stars|executive|producer|writer|director|as|because|since|"
    r"while|when|after|before|although|though|if|so|but)\b)"
    r"(?:the|its|their|a|an|[a-z][\w’'/-]*|#\d+),?\s+){0,6}?"  # "#1 news program 60 MINUTES"
    # "Naomi and a reboot of 4400"
    r"(?:(?:a|an|the) (?:new )?(?:reboot|revival|remake|adaptation|spin-?off|prequel|sequel) "
    # "and an adaptation of the young adult novel Noughts and Crosses"
    r"of\s+(?:the (?:[\w-]+ ){0,3}?(?:novel|book|comic|memoir|play|podcast|game)s? )?)?"
    r"[\s\"“”‘’'(]*$"
)

_TWO = re.compile(r"[\"”’']?,? (?:a pair of|both|two)\b")

APPOSED = re.compile(r"^[\s\"“”‘’']*(?:,[^,;]{1,80})?,\s*(?:and|or|&|as well as)\s+[\s\"“”‘’'(]*$")
"""A list's "and" after a note on the name before it: "Alpha House, starring John Goodman,
and Betas"."""

APPOSITION_OPEN = re.compile(r"^[\s\"“”‘’')]*,\s*(?:its|the|a|an|which|who)\s")

CREDITED = re.compile(r"\b(?:from|by|starring|stars|with|featuring)\W*$")

APPOSITION_LIST = re.compile(
    # "A, its freshman drama; B, a comedy from Jane Roe; and C", "A, the drama starring Jane
    # Roe, and B"
    r"^[\s\"“”‘’')]*,\s*(?:its|the|a|an|which|who)\s[^;]{1,80}?(?:;|,)\s*"
    r"(?:and\s+|as well as\s+)?[\s\"“”‘’'(]*$"
)

SEMICOLON = re.compile(r"^[\s\"“”‘’')]*;\s*(?:and\s+)?[\s\"“‘'(]*$")

ITEM_ENDS = re.compile(r"[\s\"”’')]*(?:\([^()]{1,30}\)\s*)?(?:[;.,]|$)")
"""A name that ends its list item: no verb follows it ("…; Paper Moons; and Quiet Harbour."),
as one would in "ABC renewed A; B was cancelled"."""

_LIST_GOES_ON = re.compile(r"[\"”’']?\s*,\s*(?:and|&|or|as well as|plus)\b")


def parts(sentence: Sentence, group: list[Mention]) -> list[Mention]:
    """The shows of a list of names: "A, B and C" is read as "A", "B and C", the last name
    holding the list's "and", unless the list gives its own ("A, B, and C") or goes on after
    it ("Heroes, Southland, Parks and Recreation, and six episodes of …")."""
    last_gap = sentence.lowered[group[-2].span.end : group[-1].span.start] if len(group) > 1 else ""
    goes_on = _LIST_GOES_ON.match(sentence.lowered, group[-1].span.end)
    if "," in last_gap and not re.search(r"\b(?:and|or)\b|&", last_gap) and not goes_on:
        listed = [part for mention in group[:-1] for part in pair(sentence, mention, force=False)]
        return [*listed, *pair(sentence, group[-1])]
    return [part for mention in group for part in pair(sentence, mention, force=False)]


def pair(sentence: Sentence, mention: Mention, *, force: bool = True) -> list[Mention]:
    """A name of two shows joined by "and", split in two where the catalogue knows neither
    as one show."""
    text = mention.span.text
    at = text.rfind(" and ")
    if mention.entry is not None or mention.span.quoted or at < 0:
        return [mention]
    # "Trauma and Mercy, a pair of medical series": two titles
    force = force or bool(_TWO.match(sentence.lowered, mention.span.end))
    if not force and (len(text[:at].split()) < 2 or len(text[at + 5 :].split()) < 2):
        return [mention]  # "Law and Order", "Rick and Morty": one title
    start = mention.span.start
    parts = [(start, start + at), (start + at + 5, mention.span.end)]
    return [
        Mention(
            Span(mention.span.first, mention.span.last, a, b, sentence.text[a:b]),
            mention.sentence,
            name_key(sentence.text[a:b]),
            sentence.text[a:b],
            None,
        )
        for a, b in parts
    ]
