"""Roundups that give a decision once and then list shows under it: "Here are all the shows
that will not be returning", then one paragraph a show ("“Scream Queens”: Ryan Murphy’s
horror comedy struggled …", "Speechless | A move to Fridays …") or one line a show with its
network ("Timeless (NBC)") and the reasons after it. The items say nothing of the decision
themselves; the section they stand in does."""

from __future__ import annotations

import re

from bot.news.cues import Cue, News, Reach
from bot.news.hedges import hedged, hedging
from bot.news.lists import (
    COLON_LINE,
    HEADING_WORDS,
    QUOTES,
    MentionFor,
    dateline,
    first_in_paragraph,
    item_title,
)
from bot.news.slots import Mention, Sentence
from bot.news.spans import network_at

_TITLE_LINE_WORDS = 8
_NETWORK_TAG = re.compile(
    r"^(?P<title>.+?)\s*(?:\((?P<note>[^)]{1,40})\)|\|\s*(?P<bar>[^|]{1,30}))$"
)
"""A line naming a show and its network: "Timeless (NBC)", "Emerald City | NBC"."""
_FIELD = re.compile(r"[:|]\s*[\d$£€]")
"""A line giving a figure, not a show: "Seasons: 1", "Ratings: 8 million viewers"."""
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
_ITS_OWN = re.compile(r"\bseasons? \d|\b\d+(?:st|nd|rd|th) season")
"""A line that gives a season ("Renewed for Season 2") tells the fate of the show above it,
not of a section."""
_PAGE_LINE = re.compile(
    r"\b(?:advertisement|sponsored|story continues|read more|related|subscribe|click|"
    r"photos?|image|credit|getty|video)\b"
)
"""A line of the page, not of the article: it starts no new list."""
_INTRODUCES = re.compile(
    r"^\W*(?:these|the following|here are|below are)\b[^.:;]{0,40}\b(?:shows|series)\b"
)
"""A sentence that introduces the shows after it, with a decision ("Here are the shows that
got the axe.")."""
_FURNITURE = frozenset(
    """q a update updated related source sources note photo photos credit image watch read
    more editor editors video videos subscribe trending recommended advertisement""".split()
)


def section_facts(
    sentences: list[Sentence],
    lines: set[int],
    networks: tuple[str, ...],
    mention_for: MentionFor,
) -> list[tuple[Mention, Cue, Sentence]]:
    """The shows a roundup lists under a decision it gives once: the decision of the heading
    or the headline before them, where that names one kind only."""
    by_number = {s.number: s for s in sentences}
    whole = "\n".join(s.lowered for s in sentences)
    items = {
        s.number: title
        for s in sentences
        if s.paragraph and (title := _item(s, by_number, lines, networks, whole)) is not None
    }
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    if len(items) < 2:
        return []  # one line is no list
    found: list[tuple[Mention, Cue, Sentence]] = []
    context: News | None = None
    for sentence in sentences:
        if sentence.number in items:
            # an item that speaks of its own fate ("Season 3 is a safe bet") is left to that
            title = items[sentence.number]
            start = max(sentence.text.find(title), 0)
            names = [*sentence.names, (start, start + len(title))]
            if context is not None and not sentence.cues and not hedging(sentence.lowered, names):
                cue = Cue(context, 0, 0, Reach.SUBJECT)
                found.append((mention_for(title, sentence.number, start), cue, sentence))
            continue
        text = sentence.text.rstrip()
        if sentence.paragraph == 0:
            context = _decided(sentence)
        elif (
            (sentence.number in lines and len(text.split()) <= HEADING_WORDS) or text.endswith(":")
        ) and not (_ITS_OWN.search(sentence.lowered) or _FIELD.search(text)):
            if network_at(text, 0, networks) == text or _PAGE_LINE.search(sentence.lowered):
                continue  # "Fox": a network's part of the same list; "Advertisement"
            # a heading that gives no decision starts a list of something else ("Replacing
            # them:"); one that ends in a colon may take it from its paragraph ("… a list of
            # all the axed shows. Check it out:")
            said = paragraphs[sentence.paragraph]
            context = _decided(sentence) or (_decided(*said) if text.endswith(":") else None)
        elif _INTRODUCES.search(sentence.lowered) and not sentence.names:
            # "These shows will air their final seasons this year.": the lines after it
            context = _decided(sentence) if sentence is paragraphs[sentence.paragraph][-1] else None
    return found


def _item(
    sentence: Sentence,
    by_number: dict[int, Sentence],
    lines: set[int],
    networks: tuple[str, ...],
    whole: str,
) -> str | None:
    """The show a roundup's item names: a paragraph led by a title and a colon or a bar, or a
    line of a title and its network. `whole` is the article, lower-cased."""
    if not first_in_paragraph(sentence, by_number) or _FIELD.search(sentence.text):
        return None
    text = _NUMBERED.sub("", sentence.text.strip())  # "3. Pitch", "21) Gotham"
    tagged = _tagged(text, networks) if sentence.number in lines else None
    if tagged is not None:
        raw = tagged["title"]
    elif sentence.number in lines and len(text.split()) <= _TITLE_LINE_WORDS:
        # a line that is a title ("Doctors", "The Middle – Nine Seasons") heading the
        # paragraphs about it: the article names it elsewhere too
        raw = text
        title = item_title(raw.strip(QUOTES + " "))
        numbered = _NUMBERED.match(sentence.text.strip()) is not None  # a list says so itself
        named = title is not None and (numbered or whole.count(title.lower()) > 1)
        if not named:
            return None
    else:
        line = COLON_LINE.match(text)
        if line is None or _FIELD.match(text, line.end("title")):
            return None
        raw = line["title"]
    title = item_title(raw.strip(QUOTES + " "))
    if title is None or title.split()[0].lower().strip(QUOTES) in _FURNITURE:
        return None
    if dateline(sentence, title):
        return None
    return title


def _tagged(text: str, networks: tuple[str, ...]) -> re.Match[str] | None:
    """A line of a title and its network: "Timeless (NBC)", "Emerald City | NBC"."""
    tagged = _NETWORK_TAG.match(text.strip())
    if tagged is None:
        return None
    tag = tagged["note"] or tagged["bar"] or ""
    if not any(network_at(tag, m.start(), networks) for m in re.finditer(r"\b\w", tag)):
        return None
    return tagged


def _decided(*sentences: Sentence) -> News | None:
    """The one kind of decision some sentences give, not hedged; None for none or several."""
    kinds = {c.news for s in sentences for c in s.cues if not hedged(s.lowered, c, s.names)}
    return kinds.pop() if len(kinds) == 1 else None
