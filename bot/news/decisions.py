"""A show's decision from the facts an article gives of it: the first leads, what follows
makes it more precise (a renewal for a final season is the show's ending, a count of seasons
outranks none), and the words around the cue say what kind of order it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.news.counts import seasons_ordered
from bot.news.cues import Cue, News
from bot.news.proposals import Proposal
from bot.news.slots import Mention, Sentence


@dataclass
class Fact:
    mention: Mention
    cue: Cue
    sentence: Sentence
    cancelling: bool = False
    """Whether the sentence's paragraph speaks of cancelling."""
    listed: bool = False
    """Read from a list or a scorecard line, which says what it says of the show."""


_COMPANY = re.compile(
    r"\b(?:Productions?|Studios?|Films|Pictures|Entertainment|Media|Company|Networks?|Channel|"
    r"TV|Television|Inc|LLC|Group)\.?$"
)
_ORDERS = re.compile(r"\b(?:renew|order|pick(?:ed|s)? up|greenl|green-l)")
_FINAL = re.compile(
    # "renewed for a fifth season at Netflix, which will also be its last"
    r"\b(?:final|last) season\b|\bwhich will (?:also )?be (?:its|the (?:show|series)['’]s) "
    r"(?:final|last)\b"
)
_NEXT = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|another|new)"
)
_SEASON_OF = re.compile(rf"\b{_NEXT} (?:season|series) of\W*$")
_EXISTING = re.compile(
    r"\b(?:favou?rites?|long-running|returning|veteran|beloved|hit)\s+(?:[\w-]+\s+)?"
    r"(?:shows?|series|dramas?|comed(?:y|ies)|sitcoms?|cartoons?)\b"
)
"""A show the article calls one of the viewers' own: an order for it is a renewal."""
_OWN_SEASON = re.compile(rf"\W*for (?:a |an |its )?(?:season \d+|{_NEXT} season)\b")
_A_SEASON = re.compile(rf"\bfor (?:a |an |its )?{_NEXT} season\b|\bfor seasons? \d+\b")


def _decision(fact: Fact) -> tuple[News, int | None]:
    """What a fact decides, and how many seasons it orders: a renewal "for a fourth and
    final season" is the show's ending, one season ordered; a final season without a
    renewal or an order orders none."""
    lowered, cue = fact.sentence.lowered, fact.cue
    news = cue.news
    if news is News.ORDERED and _A_SEASON.search(lowered, cue.end, cue.end + 60):
        news = News.RENEWED  # "picked up Gilded Lanterns for a second season"
    if news is News.ORDERED and _SEASON_OF.search(lowered[: fact.mention.span.start]):
        news = News.RENEWED  # "commissions, including a fourth season of Line of Duty"
    if news is News.ORDERED and _EXISTING.search(lowered[: cue.start]):
        news = News.RENEWED  # "your favourite cartoon series also got the green light"
    final = _FINAL.search(lowered, cue.start, cue.end + 80)
    if news is News.RENEWED and final and not _another_between(fact, final.start()):
        news = News.ENDING
    explicit = _FINAL.search(lowered, cue.start, cue.end) or "last" in lowered[cue.start : cue.end]
    if news is News.ENDING and not explicit and not _ORDERS.search(lowered) and fact.cancelling:
        news = News.CANCELLED  # "will end after its fourth season", among cancellations
    if news is News.RENEWED or (news is News.ENDING and _ORDERS.search(lowered)):
        # a list gives each show its own season: "'All American' for season 3, 'Charmed' …"
        own = _OWN_SEASON.match(lowered, fact.mention.span.end)
        return news, seasons_ordered(lowered, cue.start, cue.end) or (1 if own else None)
    return news, None


def _another_between(fact: Fact, end: int) -> bool:
    """Whether another show is named between the decision and `end`: "sticking with The
    Conners and renewed Modern Family for a final season" ends Modern Family only."""
    return any(
        fact.cue.end <= m.span.start < end and m.key != fact.mention.key
        for m in fact.sentence.mentions
    )


def merged(facts: list[Fact], main_network: str | None) -> list[Proposal]:
    """One status proposal a show: the decision the article gives first (its news leads),
    made more precise by what follows: a renewal found to be for a final season is the
    show's ending, and one that says how many seasons outranks one that does not."""
    # Per show: the fact chosen, its decision and the seasons it orders.
    chosen: dict[str, tuple[Fact, News, int | None]] = {}
    listed = {fact.mention.key for fact in facts if fact.listed}
    for fact in sorted(facts, key=lambda f: (f.sentence.number, f.cue.start)):
        if fact.mention.key in listed and not fact.listed:
            continue  # "Longmire: Officially cancelled. Renewed by Netflix": the line decides
        mention = fact.mention
        if not (mention.entry or mention.span.quoted) and _COMPANY.search(mention.title):
            continue  # "Universal TV", "Hartswood Films": who makes shows, not a show
        news, seasons = _decision(fact)
        key = fact.mention.key
        if key not in chosen:
            chosen[key] = (fact, news, seasons)
            continue
        _, held_news, held_seasons = chosen[key]
        final = held_news is News.RENEWED and news is News.ENDING
        # a count of seasons outranks none, and more seasons one ("returns for season 5 …
        # renewed for two more seasons")
        counted = news is held_news and seasons is not None and seasons > (held_seasons or 0)
        if final or counted:  # "Renewed for Seasons 5 & 6; Will Conclude in 2018": two, ending
            chosen[key] = (fact, news, seasons if seasons is not None else held_seasons)
    proposals = []
    for fact, news, seasons in chosen.values():  # in the order the article gives them
        mention = fact.mention
        entry = mention.entry
        network = fact.sentence.network or (entry.network if entry else None) or main_network
        proposals.append(
            Proposal(
                show=mention.title,
                show_id=entry.show_id if entry else None,
                network=network,
                field="status",
                value=news.value,
                seasons=seasons,
                evidence=fact.sentence.text,
            )
        )
    return proposals
