"""The words that make a decision word in a sentence a rumour, a hope, a question, an aim
or a piece of history instead of news."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.news.cues import Cue

HEDGES = re.compile(
    r"\b(?:could|might|may|should|likely|unlikely|possibl[ey]|potential(?:ly)?|hopes?|hoped|"
    r"hoping|hopeful|wants?|wanted|wish(?:es)?|expected|expects?|expecting|close to|"
    r"closing in|in talks|negotiat\w*|rumou?r\w*|speculat\w*|if|whether|unless|yet|"
    r"no word|undecided|fate|bubble|campaign\w*|petition\w*|save|saved|deserves?|odds|"
    r"chances?|predict\w*|consider\w*|pitch\w*|plans? to|planning|fear\w*|risk|"
    r"in danger|in development|pilot|would|bet|either way|pending|awaiting)\b"
)
_EARLIER = re.compile(
    r"\b(?:reversing|reversed|reverses|reverse|decision to|after|following|despite|instead of|"
    r"rather than|since|narrowly (?:avoided|escaped)|avoided|escaped|saved from|"
    # "the previously cancelled X", "originally cancelled by Fox": history
    r"previously|originally|formerly|famously|infamously|once)"
    r"(?:\s+(?:its|their|the|a|being|having|been|an|it))*\s*$"
)
_PAST = re.compile(r"[^.;,]{0,50}?\b(?:last year|years ago|decades? ago|back in)\b")
"""Said of an earlier time: "The cancellation of Paper Moons last year paved the way"."""
_FORMER = re.compile(
    r"\b(?:previous|former|prior|earlier)\s+(?:[\w-]+\s+)?(?:series|show|drama|comedy|sitcom|shows)\b"
)
_AFTER_CLAUSE = re.compile(
    r"(?:^|[,;]\s*)(?:after|since|following|before|until)\b[^,;]*$|"
    r"\b(?:after|since|before|until)\s+(?:[\w'’.&+-]+\s+){1,3}$"
)
"""A clause of what came before the news: "After Paper Moons was cancelled, its star …",
"The move comes after HBO cancelled Paper Moons"."""
_DESCRIBING = re.compile(
    r"\b(?:the|a|an|its|his|her|their|this|that)\s+(?:(?:recently|newly|now|just|since|"
    r"already|freshly|previously|much|long|abruptly)[- ])?$"
)
"""A decision word used as an adjective: "the cancelled drama", "the recently renewed"."""
_LISTING = re.compile(
    r"\s+(?:(?:[\w-]+\s+){0,3}?(?:shows?|series|dramas?|comedies|sitcoms?|titles?|ones?)?\s*"
    r"(?:include|includes|included|are|were|:)|(?:[\w-]+\s+){0,2}?(?:shows|dramas|comedies|"
    r"sitcoms|titles|ones)\b)"
)
"""Unless it tells of shows in general: "The cancelled shows include …", "a list of all the
axed shows"."""
_PENDING_LATER = re.compile(
    r"[^.;]{0,60}?\b(?:is|are)\s+(?:said to be\s+|reportedly\s+|still\s+)?(?:expected|likely|"
    r"imminent|rumou?red|in the works|on the way|pending)\b"
)
_PILOT = re.compile(r"\s+(?:a |an |the )?(?:[\w-]+ ){0,2}?pilots?\b")
_AIMED = re.compile(r"\bto\s*$")
"""A decision word after "to" is one aimed at or talked of, unless the sentence says it
was chosen ("Fox opted to cancel the show")."""
_CHOSEN = re.compile(
    r"\b(?:(?:decided|decides|decide|deciding|opted|opts|chose|chosen|chooses|elected|voted|"
    r"moved|agreed|made the (?:call|decision))\b(?:\s+\w+){0,3}|"
    # "the latest shows to receive the axe": the shows that did
    r"(?:last|latest|first|second|third|next|only|newest|most recent)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:shows?|series|dramas?|comed(?:y|ies)|titles?|ones?))\s+to\s*$"
)
_PENDING = re.compile(
    r"\s+(?:are|is|were|was)\s+(?:said to be\s+|reportedly\s+|still\s+)?(?:imminent|expected|"
    r"likely|rumou?red|in the works|coming|on the way|pending)\b"
)
"""Said after a decision named as a noun: "orders are said to be imminent"."""
_REPORTED = re.compile(
    r"\b(?:announced|said|says|confirmed|confirms|revealed|revealing|reports?|reported|told|"
    r"according|shared|stated|decided)\b"
)


Spans = Sequence[tuple[int, int]]
"""Where a sentence names things: a hedging word inside a name ("Pitch", "Hope Davis") is
no hedge."""


def hedging(lowered: str, names: Spans = (), start: int = 0) -> bool:
    """Whether a lower-cased text (from `start`) has a hedging word outside the names."""
    return any(
        not any(a <= m.start() < b for a, b in names) for m in HEDGES.finditer(lowered, start)
    )


def hedged(lowered: str, cue: Cue, names: Spans = ()) -> bool:
    """Whether the cue is spoken of as a hope, a rumour, a condition or a question: a
    hedging word in the eight words before it (but "would" in reported speech: "announced
    that they would not be going forward"), or a question mark."""
    if lowered.rstrip().endswith("?") or "?" in lowered[cue.end :]:
        return True
    if re.match(
        r"\W*(?:rumou?rs?|speculation|fears?|talk|watch|predictions?|odds|prospects|"
        r"scorecard|tracker|guide|chart|cheat sheet|news|updates?|status|hopes|plans)",
        lowered[cue.end :],
    ):
        return True  # "Cancellation Rumors", "Cancellation Watch", "Renewal Scorecard"
    if _PENDING.match(lowered, cue.end):
        return True  # "more drama orders are said to be imminent"
    noun = re.fullmatch(
        r"(?:renewals?|orders?|pick-?ups?|cancell?ations?)(?: of| for)?",
        lowered[cue.start : cue.end],
    )
    if noun and _PENDING_LATER.match(lowered, cue.end):
        return True  # "a renewal for X is expected soon"
    if _PILOT.match(lowered, cue.end):
        return True  # "ordered a pilot for X": not a series
    before = lowered[: cue.start]
    if re.search(r"(?:\bnot|n['’]t|\bnever)(?:\s+\w+){0,2}\s*$", before):
        return True  # "haven't been officially cancelled": not a decision
    if _EARLIER.search(before) or _AFTER_CLAUSE.search(before) or _PAST.match(lowered, cue.end):
        return True  # "reversing its decision to cancel", "after X was cancelled": history
    participle = re.fullmatch(r"[a-z-]+(?:ed|lit)", lowered[cue.start : cue.end])
    if participle and _DESCRIBING.search(before) and not _LISTING.match(lowered, cue.end):
        return True  # "the cancelled drama Paper Moons": a word about a show, not news of it
    if _AIMED.search(before) and not _CHOSEN.search(before[-60:]):
        return True  # "enough to convince the company to renew": an aim, not a decision
    words = [m.start() for m in re.finditer(r"\S+", before)][-8:]
    if _FORMER.search(before, words[0] if words else 0):
        return True  # "whose previous series Paper Moons was axed": history
    for match in HEDGES.finditer(before, words[0] if words else 0):
        if match.group() == "would" and _REPORTED.search(before):
            continue
        if any(a <= match.start() < b for a, b in names):
            continue
        return True
    return re.search(r"\b(?:if|whether|unless)\b", before) is not None
