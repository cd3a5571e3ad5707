"""Reads a news article into proposed updates: which shows it names (known to the catalogue
or new), and what it says of each: cancelled, renewed (for how many seasons), ordered to
series, ending; who created it, who stars as whom, when it premieres. Each proposal carries
the sentence it comes from.

Rule-based and offline. A decision counts only where the sentence ties it to the show: as the
subject ("X has been cancelled"), the object ("Netflix renewed X", "the cancellation of X") or
"the series" just after the show was named. A show named in passing (an actor's earlier role,
a comparison) carries no decision word, and a hedged one ("could be renewed", "close to a
renewal", a question) is skipped."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.matching.index import TitleIndex
from bot.news.article import Article
from bot.news.cues import Cue, News, Reach, cues_in
from bot.news.decisions import Fact, merged
from bot.news.details import detail_proposals
from bot.news.framed import framed_items
from bot.news.groups import grouped
from bot.news.hedges import hedged
from bot.news.joins import joined_facts
from bot.news.lists import item_title, listed_facts
from bot.news.names import keep_headline_names, restore_openers, unify
from bot.news.networks import NETWORKS
from bot.news.orders import introduced_all
from bot.news.people import a_person, people_named
from bot.news.proposals import Proposal
from bot.news.sections import section_facts
from bot.news.slates import slate_facts
from bot.news.slots import Mention, Sentence, name_key, shows_spoken_of
from bot.news.spans import Span, names_in, tokens

_ANAPHOR_OBJECT = re.compile(
    r"^\s*(?:it\b|(?:the|this|that|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:series|show|drama|comedy|sitcom|thriller|dramedy)\b)"
)
_ANAPHOR_OWNER = re.compile(
    # "fans have known of this show’s final season since March"
    r"\b(?:this|the|that)\s+(?:[\w-]+\s+)?(?:show|series|drama|comedy|sitcom)['’]s?\s+$"
)
_ACTIVE_IT = re.compile(r"\bit\W*(?:\s+\w+){0,3}\s*$")
_ANAPHOR_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:that|but|and|announced|said|says|confirmed|revealed|reported)\s+)\W*"
    r"(?:(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:series|show|drama|comedy|sitcom|thriller|dramedy|spinoff|spin-off|prequel|sequel|"
    r"reboot|revival)(?:\s+(?:about|from|of|starring|with)\s+[^,;]{1,50}?)?|it|"
    # a season of the show: "the upcoming fifth season will be the show's last"
    r"(?:the\s+)?(?:upcoming\s+|next\s+|new\s+|coming\s+)?(?:[\w-]+\s+)?season(?:\s+\w+)?|"
    # "this show’s final season", "the second half of the final season"
    r"(?:this|the|that)\s+(?:show|series)['’]s?|(?:the\s+)?(?:first|second|last)\s+half\s+of\s+the)"
    # "The superhero series, renewed for a third season, launched …"
    r"\b(?:,[^,;]{1,80},|,(?=\s*$))?\s*"
    r"(?:(?:has|have|had|been|being|be|is|was|were|will|also|officially|now|just|"
    r"reportedly|already|finally)\s+)*"
    # "season six will be the show’s final season"
    r"(?:be (?:the|its|their)\s+(?:(?:show|series)['’]s?\s+)?)?$"
)


@dataclass
class Reading:
    """What one article says: its proposals, and the shows it names without news."""

    headline: str | None
    proposals: list[Proposal]
    named: list[str] = field(default_factory=list)
    """Shows named with no news (in passing)."""


class NewsReader:
    """Reads articles against the shows the catalogue knows (by exact name)."""

    def __init__(self, index: TitleIndex, networks: tuple[str, ...] = ()) -> None:
        self.index = index
        known = {*NETWORKS, *networks}
        self.networks = tuple(sorted(known, key=lambda name: (-len(name), name)))
        # one pattern for them all (longest first), not a search a network a sentence
        self._network_names = re.compile(
            r"(?<![\w+])(?:" + "|".join(re.escape(n) for n in self.networks) + r")(?![\w+])"
        )
        self._network_rank = {name: rank for rank, name in enumerate(self.networks)}

    def read(self, article: Article) -> Reading:
        lines = _standalone_lines(article)
        sentences = [
            self._sentence(number, paragraph, text)
            for number, (paragraph, text) in enumerate(article.sentences())
        ]
        keep_headline_names(sentences, lines)
        restore_openers(sentences)
        unify(sentences)
        main_network = _main_network(sentences)
        cancelling_paragraphs = _cancelling_paragraphs(sentences)
        facts: list[Fact] = []
        unclaimed: list[tuple[Sentence, Cue]] = []
        for sentence in sentences:
            for cue in sentence.cues:
                if hedged(sentence.lowered, cue) or _earlier_year(sentence, cue, article):
                    continue
                targets = shows_spoken_of(sentence, cue) or grouped(sentences, sentence, cue)
                if not targets:
                    unclaimed.append((sentence, cue))
                cancelling = sentence.paragraph in cancelling_paragraphs
                facts.extend(Fact(m, cue, sentence, cancelling) for m in targets)
        for mention, cue, sentence in listed_facts(sentences, lines, self._named):
            cancelling = sentence.paragraph in cancelling_paragraphs
            facts.append(Fact(mention, cue, sentence, cancelling, listed=True))
        for mention, cue, sentence in framed_items(sentences, lines, self._named):
            facts.append(Fact(mention, cue, sentence, listed=True))
        for mention, cue, sentence in joined_facts(sentences):
            facts.append(Fact(mention, cue, sentence, sentence.paragraph in cancelling_paragraphs))
        told = {fact.mention.key for fact in facts}
        for mention, cue, sentence in section_facts(sentences, lines, self.networks, self._named):
            if mention.key not in told:  # what the article says of the show itself comes first
                cancelling = sentence.paragraph in cancelling_paragraphs
                facts.append(Fact(mention, cue, sentence, cancelling))
        told = {fact.mention.key for fact in facts} | _described(sentences)
        for sentence, cue in unclaimed:
            referred = _anaphor(sentences, sentence, cue, told, lines)
            cancelling = sentence.paragraph in cancelling_paragraphs
            for mention in [referred] if referred else introduced_all(sentences, sentence, cue):
                facts.append(Fact(mention, cue, sentence, cancelling))
        told = {fact.mention.key for fact in facts}
        facts.extend(Fact(m, cue, s) for m, cue, s in slate_facts(sentences, unclaimed, told))
        facts.extend(Fact(m, cue, s) for m, cue, s in _named_later(sentences, unclaimed, told))
        people = people_named(sentences)
        facts = [f for f in _outside_items(facts) if not a_person(f.mention, people)]
        proposals = merged(facts, main_network)
        mentions = [m for s in sentences for m in s.mentions]
        texts = [(s.number, s.text) for s in sentences]
        proposals.extend(detail_proposals(article, texts, mentions, told, main_network))
        decided = {p.show for p in proposals if p.field == "status"}
        named = sorted({m.title for m in mentions if m.title not in decided and _showlike(m, told)})
        return Reading(article.headline, proposals, named)

    def _sentence(self, number: int, paragraph: int, text: str) -> Sentence:
        toks = tokens(text)
        spans = names_in(text, toks, self.networks)
        mentions = [
            self._mention(span, number)
            for i, span in enumerate(spans)
            if not _possessor(text, span, spans[i + 1 : i + 2])
        ]
        lowered = text.lower()
        return Sentence(
            number, paragraph, text, lowered, mentions, cues_in(lowered), self._network(text)
        )

    def _named(self, text: str, number: int, start: int) -> Mention:
        return self._mention(Span(0, 0, start, start + len(text), text), number)

    def _mention(self, span: Span, number: int) -> Mention:
        found = [(e, w) for e, w in self.index.named(span.text) if w >= 0.94]
        if found:
            entry = max(found, key=lambda pair: (pair[1], not pair[0].film))[0]
            return Mention(span, number, f"id:{entry.show_id}", entry.title, entry)
        return Mention(span, number, name_key(span.text), span.text, None)

    def _network(self, text: str) -> str | None:
        """The network the sentence names, the longest first where it names several."""
        found = {match.group() for match in self._network_names.finditer(text)}
        return min(found, key=self._network_rank.__getitem__) if found else None


def _outside_items(facts: list[Fact]) -> list[Fact]:
    """Without the names read inside a list item's whole title: "Roswell, New Mexico
    (Renewed)" renews the show, not "New Mexico"."""
    items = {
        (f.mention.sentence, f.mention.span.start, f.mention.span.end) for f in facts if f.listed
    }
    return [
        f
        for f in facts
        if f.listed
        or not any(
            number == f.mention.sentence
            and start <= f.mention.span.start
            and f.mention.span.end <= end
            and (start, end) != (f.mention.span.start, f.mention.span.end)
            for number, start, end in items
        )
    ]


def _possessor(text: str, span: Span, following: list[Span]) -> bool:
    """Whether a name owns the next one: "DC’S 'Legends of Tomorrow'"."""
    owns = text[span.end - 2 : span.end].lower() in ("'s", "’s")
    return owns and bool(following) and following[0].start - span.end <= 3


_YEAR = re.compile(r"\bin ((?:19|20)\d\d)\b")


def _earlier_year(sentence: Sentence, cue: Cue, article: Article) -> bool:
    """Whether the decision is dated to a year before the article's ("was cancelled in
    2019", in an article of 2023): history, not news."""
    if article.published is None:
        return False
    clause = re.split(r"[.;]|,\s*(?:but|and|while)\b", sentence.lowered[cue.end :])[0]
    year = _YEAR.search(clause[:40])
    return year is not None and int(year.group(1)) < article.published.year


def _cancelling_paragraphs(sentences: list[Sentence]) -> set[int]:
    """The paragraphs that speak of cancelling, not of a rumour of it ("Cancellation
    Watch")."""
    return {
        s.paragraph
        for s in sentences
        for cue in s.cues
        if cue.news is News.CANCELLED and not hedged(s.lowered, cue)
    }


def _standalone_lines(article: Article) -> set[int]:
    """The sentences that stand alone as headlines do (the headline, a subheading, a
    caption): a paragraph of one sentence with no full stop."""
    lines = set()
    for number, (paragraph, text) in enumerate(article.sentences()):
        alone = paragraph == 0 or len(article.paragraphs[paragraph - 1]) == 1
        if alone and not text.rstrip().endswith((".", "!", "?", '"', "”")):
            lines.add(number)
    return lines


def _main_network(sentences: list[Sentence]) -> str | None:
    counted = Counter(s.network for s in sentences if s.network is not None)
    return counted.most_common(1)[0][0] if counted else None


def _anaphor(
    sentences: list[Sentence], sentence: Sentence, cue: Cue, told: set[str], lines: set[int]
) -> Mention | None:
    """The show "the series" (or "it") stands for: the last show named before it, when the
    sentence names none of its own in that place."""
    after = sentence.lowered[cue.end :]
    before = sentence.lowered[: cue.start]
    active = sentence.lowered[cue.start : cue.end].endswith("ing")
    if cue.reach is Reach.EITHER and active and _ACTIVE_IT.search(before):
        return None  # "it was canceling seven of its shows": "it" is the network
    # the names inside "the show, from the producers of Gilded Lanterns," are not what it is
    upto = cue.start
    run_in = _run_in_heading(sentences, sentence)
    if run_in is not None and cue.reach is not Reach.OBJECT and _ELIDED.search(before):
        return run_in  # "Teenage Bounty Hunters This teen comedy saw …, but was cancelled"
    if cue.reach is Reach.SUBJECT or cue.reach is Reach.EITHER:
        elided = re.search(r";\s*$", before)  # "Renewed for Seasons 5 & 6; Will Conclude"
        subject = _ANAPHOR_SUBJECT.search(before) or _ANAPHOR_OWNER.search(before)
        if not (subject or elided) and not (
            cue.reach is Reach.EITHER and _ANAPHOR_OBJECT.match(after)
        ):
            return None
        if subject is not None:
            upto = subject.start()
    elif not _ANAPHOR_OBJECT.match(after):
        return None
    earlier = [
        m
        for s in sentences
        if s.number <= sentence.number and sentence.paragraph - s.paragraph <= 2
        for m in s.mentions
        if s.number < sentence.number or m.span.end <= upto
    ]
    heading = _heading_show(sentences, sentence, lines, told)
    if heading is not None:
        return heading  # "“The Crown”" over its paragraph: "This beloved show … is back"
    shows = [m for m in earlier if _showlike(m, told)]
    if not shows:
        return None
    counted = Counter(m.key for s in sentences for m in s.mentions)
    # the show the article keeps naming, not one it compares it with in passing
    return max(reversed(shows), key=lambda m: counted[m.key])


_ELIDED = re.compile(
    r"(?:^|,)\s*(?:but|and)\s+(?:(?:was|were|has|have|had|been|is|got|will|be|then|later|"
    r"quickly|ultimately)\s+)+$"
)
"""A clause that shares the sentence's subject: "…, but was cancelled after one season"."""


def _run_in_heading(sentences: list[Sentence], sentence: Sentence) -> Mention | None:
    """The show a paragraph opens on, as a heading run into its text ("Teenage Bounty
    Hunters This teen comedy …"), when the paragraph's first sentence is this one."""
    if not sentence.mentions or sentence.mentions[0].span.start != 0:
        return None
    first = sentence.mentions[0]
    previous = next((s for s in sentences if s.number == sentence.number - 1), None)
    starts_paragraph = previous is None or previous.paragraph != sentence.paragraph
    follows = re.match(r"\s+(?:This|These|The)\s+[a-z]", sentence.text[first.span.end :])
    return first if starts_paragraph and follows else None


def _heading_show(
    sentences: list[Sentence], sentence: Sentence, lines: set[int], told: set[str]
) -> Mention | None:
    """The show a heading names, when the sentence's paragraph is the first under it."""
    above = [s for s in sentences if s.paragraph == sentence.paragraph - 1]
    if len(above) != 1 or above[0].number not in lines:
        return None
    shows = [m for m in above[0].mentions if _showlike(m, told)]
    if len(shows) == 1:
        return shows[0]
    # a slide's heading is its show even unquoted: "1. Gilded Lanterns (NBC)"
    title = item_title(above[0].text)
    return next((m for m in above[0].mentions if m.span.text == title), None)


_SHOW_NOUN_BEFORE = re.compile(
    r"\b(?:series|show|drama|comedy|sitcom|dramedy|thriller|spinoff|spin-off|procedural|"
    r"miniseries|docuseries|anthology|breakout|vehicle|fans of)\s+[\"“‘']?$"
)


_SHOW_VERB_AFTER = re.compile(
    r"^[\s\"”’']*(?:,\s*(?:which|that)\s+|(?:,[^,;]{1,60},\s*))?(?:first\s+|originally\s+)?"
    r"(?:premiered|premieres|debuted|debuts|follows|followed|stars|starred|centers|centres|"
    r"centered|revolves|revolved|aired|airs|launched|streams|is set in|was set in|"
    r"is based on|was based on|tells the story|told the story)\b"
)


def _described(sentences: list[Sentence]) -> set[str]:
    """The names the article calls shows ("primetime variety show Best Time Ever") or
    speaks of as shows ("Gilded Lanterns premiered in 2019", "…, which stars Jane Roe,")."""
    return {
        m.key
        for s in sentences
        for m in s.mentions
        if _SHOW_NOUN_BEFORE.search(s.lowered[: m.span.start])
        or _SHOW_VERB_AFTER.match(s.lowered[m.span.end :])
    }


_DEFINITE_END = re.compile(r"\bthe (?:[\w-]+ )?$")


def _named_later(
    sentences: list[Sentence], unclaimed: list[tuple[Sentence, Cue]], told: set[str]
) -> list[tuple[Mention, Cue, Sentence]]:
    """An article that opens on its news before naming its show ("It's the end of the line
    for another Netflix series … the final season is currently in production … The Last
    Kingdom initially started as a BBC original"): "the final season" is of the show the
    article goes on to name most."""
    for sentence, cue in unclaimed:
        definite = _DEFINITE_END.search(sentence.lowered[: cue.start])
        if cue.news is not News.ENDING or not definite or hedged(sentence.lowered, cue):
            continue
        earlier = [m for s in sentences if s.number <= sentence.number for m in s.mentions]
        if any(_showlike(m, told) for m in earlier):
            return []
        counted = Counter(
            key
            for s in sentences
            if s.number > sentence.number
            for key in {m.key for m in s.mentions}
        )
        ranked = counted.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return []
        key = ranked[0][0]
        later = next(
            m for s in sentences if s.number > sentence.number for m in s.mentions if m.key == key
        )
        return [(later, cue, sentence)]
    return []


def _showlike(mention: Mention, told: set[str]) -> bool:
    """Whether a name is a show's, not a person's or a place's: the catalogue knows it, the
    article quotes it, or gives it news elsewhere."""
    return (
        mention.entry is not None
        or mention.span.quoted
        or mention.key in told
        or mention.sentence == 0
    )
