"""Counts of seasons as news writes them ("a fifth season", "seasons 3 and 4", "two more
seasons"), and how many seasons a renewal orders."""

from __future__ import annotations

import re

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
ORDINAL = r"(?:" + "|".join(ORDINALS) + r"|\d+(?:st|nd|rd|th))"
COUNT = r"(?:" + "|".join(NUMBERS) + r"|\d+)"


def seasons_ordered(lowered: str, start: int, end: int) -> int | None:
    """How many seasons a renewal orders, from the words after its cue: "for a second season"
    is one, "for seasons 3 and 4" two, "two more seasons" two."""
    around = lowered[start : end + 60]
    more = re.search(rf"\b({COUNT}) (?:more|additional|new)\b", around)
    if more:
        return _number(more.group(1))
    both = re.search(rf"\bseasons? \d+ (?:and|&) \d+\b|\b{ORDINAL} and {ORDINAL} seasons\b", around)
    if both:
        return 2
    counted = re.search(rf"\b({COUNT})-season\b", around)
    if counted:
        return _number(counted.group(1))
    single = re.search(
        # "Renewed For Second Seasons" (a season each), "renewed for final season"
        rf"\b(?:{ORDINAL}|another|final|last) (?:and (?:final|last) )?(?:seasons?|series)\b|"
        rf"\b(?:series|season) (?:\d+|{'|'.join(NUMBERS)})\b|"
        # "returning for a six-episode event series": one run
        r"\b[\w-]+-episode (?:season|series|run|event|order|installment)\b",
        around,
    )
    return 1 if single else None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)
