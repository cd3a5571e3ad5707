"""The names in a sentence of news: runs of capitalised words and quoted phrases that may be
titles, with the networks and the words around them that tell a title from everything else.

Articles write titles in title case or in quotes; a title-case headline capitalises every
word, so there only quoted names and names the catalogue knows count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.news.title_words import TITLE_INTERNAL, adjective, adverb, pronoun_title, starts_a_sentence

# Capitalised words that start sentences or name things other than shows.
NOT_TITLES = frozenset(
    """a about according after again also although an and another any are as at because
    before both but by despite during each either even every fans for from further he her
    here his however i if in instead it its just last later like meanwhile more most my
    neither next no not now of on once only or other our over per plus previously recently
    season seasons she since so some still that the their then there these they this those
    though through thus to today together tomorrow unfortunately sadly until we what when
    where whether which while who why with yesterday yet you your january february march
    april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    deadline variety tvline collider screen rant hollywood reporter emmy emmys golden globe
    globes oscar oscars top us u.s. uk tv series show shows episode episodes part chapter
    volume finale premiere pilot update news report exclusive breaking watch streaming
    renewed cancelled canceled ended returning renewal cancellation original originals well
    freshman sophomore veteran elsewhere already read related advertisement subscribe click
    brief separately additionally ultimately overall final
    currently officially earlier fall spring summer winter autumn television
    okay yes i’m i'm it’s it's that’s that's we’re we're there’s there's here’s here's let’s
    let's status verdict certain likely leans sure""".split()
)
TRAILING_NOISE = frozenset(
    """season seasons finale premiere episode episodes part renewed cancelled canceled renewal
    renewals cancellations cancelations
    cancellation news update exclusive trailer""".split()
)
_COMPANIES = frozenset(
    """company productions production studios studio films pictures television entertainment
    media""".split()
)
NOT_TITLES_AT_END = frozenset("what which who where when why how".split())
# Words that never begin a title, wherever they stand.
_NEVER_FIRST = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday deadline variety tvline""".split()
)
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten first second third fourth fifth".split()
)
# Words after which a capitalised word starts something else: "for Season 3", "on Tuesday".
_NO_JOIN_BEFORE = frozenset({"season", "seasons", "part", "episode", "volume"})

_TIMES = frozenset({"today", "tomorrow", "yesterday"})
CONNECTORS = frozenset(
    "of the and a an in on at to for with from de la le du del y vs & or".split()
)
DASHES = frozenset(":–—-")
SERIES_NOUNS = frozenset(
    """series show drama comedy sitcom dramedy thriller adaptation reboot revival spinoff
    spin-off prequel sequel anthology docuseries miniseries procedural saga""".split()
)

_NUMBER_TITLE = re.compile(rf"\b(?:{'|'.join(sorted(SERIES_NOUNS))})(?: of)?\s+$")
"""A number named as a show: "a reboot of 4400", "the series 1899"."""
_TOKEN = re.compile(r"[^\W_](?:[\w.'’&+-]*[\w+])?|[“”\"‘’'():;,–—?!]|(?<=\s)-(?=\s)", re.UNICODE)
_NUMBER = re.compile(r"[\d.,/–-]+(?:st|nd|rd|th|s)?")
_OPENING_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        # "iZombie", "iCarly": a brand's lower-case first letter
        camel = len(self.text) > 2 and first == "i" and self.text[1].isupper()
        return first.isupper() or first.isdigit() or camel

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()


@dataclass(frozen=True, slots=True)
class Span:
    """A name in a sentence: tokens [first, last] and the text between them."""

    first: int
    last: int
    start: int
    end: int
    text: str
    quoted: bool = False


def tokens(sentence: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def is_title_case(sentence: str) -> bool:
    """Whether a line capitalises nearly every word, as headlines do."""
    long_words = [t for t in tokens(sentence) if t.word and len(t.text) > 3]
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for t in long_words if t.capitalised)
    return capitalised / len(long_words) >= 0.8


def network_at(sentence: str, start: int, networks: tuple[str, ...]) -> str | None:
    """The network whose name begins at `start`, longest first."""
    for network in networks:
        end = start + len(network)
        if sentence.startswith(network, start) and (
            end == len(sentence) or not sentence[end].isalnum()
        ):
            return network
    return None


def names_in(sentence: str, toks: list[Token], networks: tuple[str, ...]) -> list[Span]:
    """The quoted phrases and capitalised runs of a sentence, trimmed of what is not a title."""
    spans = _quoted(sentence, toks)
    inside = {i for span in spans for i in range(span.first, span.last + 1)}
    index = 0
    while index < len(toks):
        if index in inside or not _starts_run(toks[index]):
            index += 1
            continue
        last = _run_end(toks, index, inside)
        for first, end in _split_run(toks, index, last, sentence, networks):
            if not adjective(toks, first, end):
                spans.append(_span(sentence, toks, first, end))
        index = last + 1
    return sorted(spans, key=lambda span: span.start)


def _starts_run(token: Token) -> bool:
    return token.word and token.capitalised


def _run_end(toks: list[Token], first: int, inside: set[int]) -> int:
    """The last token of the capitalised run from `first`: connectors and dashes may join
    capitalised words ("Avatar: The Last Airbender", "House of the Dragon")."""
    last = first
    index = first + 1
    while index < len(toks) and index not in inside:
        token = toks[index]
        if starts_a_sentence(toks, index):
            break  # "Teenage Bounty Hunters This teen comedy saw …": a heading run into its text
        if token.word and token.capitalised:
            last = index
        elif token.text.lower() in CONNECTORS or token.text in DASHES:
            if not _joined(toks, index, inside):
                break
        else:
            break
        index += 1
    return last


def _joined(toks: list[Token], index: int, inside: set[int]) -> bool:
    if toks[index].text in DASHES and index + 1 < len(toks) and index + 1 not in inside:
        subtitle = toks[index + 1]  # "Avatar: The Last Airbender", "Dahmer – Monster"
        if subtitle.text in ("The", "A", "An"):
            return True
    after = index + 1
    while after < len(toks) and (toks[after].text.lower() in CONNECTORS):
        after += 1
    if after >= len(toks) or after in inside or not _starts_run(toks[after]):
        return False
    following = toks[after].text.lower()
    if toks[after].text in TITLE_INTERNAL and after > index:
        # "The Last of Us", "A League of Their Own": a capitalised pronoun after a connector
        # in mid-name is the title's own word (the country is "US")
        return True
    if toks[index].text == "of" and after == index + 1 and following in _TIMES:
        return True  # "Legends of Tomorrow", "Edge of Tomorrow"
    # "The Righteous Gemstones for Season 3", "Netflix on Tuesday", "Law and Order for a
    # 23rd season": not one name
    return following not in NOT_TITLES and not following[0].isdigit()


def _split_run(
    toks: list[Token], first: int, last: int, sentence: str, networks: tuple[str, ...]
) -> list[tuple[int, int]]:
    """A run cut where a title cannot go on: around a network, after a possessive name
    ("Ryan Murphy's The Watcher") or a hyphenated credit ("Murphy-created"); then trimmed of
    the words at its edges that are not titles."""
    pieces: list[tuple[int, int]] = []
    start = index = first
    while index <= last:
        token = toks[index]
        if index > start and "|" in sentence[toks[index - 1].end : token.start]:
            pieces.append((start, index - 1))  # "Gilded Lanterns | Netflix | Renewed": cells
            start = index
        network = network_at(sentence, token.start, networks)
        inside = index > start and toks[index - 1].word and toks[index - 1].capitalised
        if network is not None and not inside:  # "The Michael J. Fox Show" keeps its Fox
            pieces.append((start, index - 1))
            end = token.start + len(network)
            index += 1  # the network's first word, "Netflix's" included
            while index <= last and toks[index].start < end:  # "Adult Swim’s" too
                index += 1
            start = index
            continue
        if token.text in ("and", "or", "&") and toks[index + 1].text in ("The", "A", "An"):
            pieces.append((start, index - 1))  # "Partner Track and The Imperfects"
            start = index + 1
        if token.text in ("from", "by") and toks[last].text.lower() in _COMPANIES:
            pieces.append((start, index - 1))  # "Trust Me from RED Production Company"
            start = last + 1
            break
        credit = "-" in token.text and token.text.rsplit("-", 1)[1].islower()
        possessive = (
            token.text.endswith(("'s", "’s")) and index < last and _possessor(toks, start, index)
        )
        if credit or possessive:  # the person goes with it: "Ryan Murphy's", "Murphy-created"
            person = index
            while person > start and toks[person - 1].word and toks[person - 1].capitalised:
                person -= 1
            pieces.append((start, person - 1))  # "Lore and the Miles Teller-fronted": "Lore"
            start = index + 1
        index += 1
    pieces.append((start, last))
    return [
        trimmed
        for piece in pieces
        if piece[0] <= piece[1] and (trimmed := _trim(toks, *piece, sentence, networks))
    ]


def _possessor(toks: list[Token], start: int, index: int) -> bool:
    """Whether "X's" at `index` names who made or shows the next title, not part of a title:
    a person ("Ryan Murphy's") or a network, but not "Grey's Anatomy" or "The Handmaid's
    Tale"."""
    if toks[start].text.lower() in ("the", "a", "an"):
        return False
    following = toks[index + 1].text.lower()
    return following in ("the", "a", "an") or index - start >= 1


def _trim(
    toks: list[Token], first: int, last: int, sentence: str, networks: tuple[str, ...]
) -> tuple[int, int] | None:
    """The run without what cannot begin or end a title. Any capitalised word may begin
    one mid-sentence ("Only Murders in the Building"); a sentence's first word is
    capitalised anyway, so there the words that are not titles ("Although", "In") go."""
    opening = next((i for i, t in enumerate(toks) if t.word), -1)  # the sentence's first word
    while first <= last and (
        not toks[first].word
        or _edge_word(toks[first], sentence, networks, everywhere=first == opening)
    ):
        if pronoun_title(toks, first, last, opening):
            break
        if (
            toks[first].text in ("The", "A", "An", "I")
            and first < last
            and not _edge_word(toks[first + 1], sentence, networks, everywhere=False)
        ):
            break
        first += 1
    if (
        first == opening
        and first < last
        and toks[first].text.lower() in SERIES_NOUNS
        and toks[first + 1].text in ("The", "A", "An")
    ):
        first += 1  # "Comedy The Odd Couple was also ordered": a word about the title
    while last >= first and (
        not toks[last].word
        or toks[last].text in CONNECTORS  # a capitalised one ends titles: "Let the Right One In"
        or (last > first and _bare(toks[last]) in TRAILING_NOISE | NOT_TITLES_AT_END)
        or (last > first and toks[last - 1].text.lower() in _NO_JOIN_BEFORE)
    ):
        last -= 1
    if (
        first == opening == last
        and sentence[toks[first].end : toks[first].end + 1] == ","
        and adverb(toks[first].text)
    ):
        return None  # "Finally, “Wicked City” …", "Amazingly, CBS axed …"
    if (
        first == opening
        and first < last
        and toks[first].text.isdigit()
        and sentence[toks[first].end : toks[first].end + 1] in (".", ")")
    ):
        first += 1  # "1. Gilded Lanterns (NBC)": the list's number, then the title
    if (
        first + 2 < last
        and toks[first].text.lower() in _NO_JOIN_BEFORE
        and (
            _NUMBER.fullmatch(toks[first + 1].text) or toks[first + 1].text.lower() in NUMBER_WORDS
        )
        and toks[first + 2].text.lower() == "of"
    ):
        first += 3  # "Season 5 of 9-1-1: Lone Star will be its last": the season, then the title
    while first < last and _NUMBER.fullmatch(toks[first].text) and first > 0:
        if toks[first - 1].text.lower() not in _NO_JOIN_BEFORE:
            break
        first += 1  # "no season 3 of Gilded Lanterns": the season's number, then the title
        while first < last and toks[first].text in CONNECTORS:
            first += 1
    if first > last:
        return None
    # a run of three capitalised everyday words mid-sentence is a title: "The Last of Us",
    # "And Just Like That"
    phrase = first != opening and sum(t.word for t in toks[first : last + 1]) >= 3
    phrase = phrase or pronoun_title(toks, first, last, opening)
    # "The 100 (Final Season)": a list item's title, however short
    noted = first == opening and re.match(r"\s*\(", sentence[toks[last].end :])
    if (
        _only_numbers(toks[first : last + 1])
        and not phrase
        and not (noted and toks[first].text in ("The", "A"))
        and not _NUMBER_TITLE.search(sentence[: toks[first].start].lower())
    ):
        return None
    return first, last


def _bare(token: Token) -> str:
    """A word without its "'s": "What's" is "what"."""
    lower = token.text.lower()
    return lower[:-2] if lower.endswith(("'s", "’s")) else lower


def _only_numbers(span: list[Token]) -> bool:
    """ "2", "ONE", "3 Original": counts, not titles."""
    lowered = [t.text.lower() for t in span if t.word]
    return all(_NUMBER.fullmatch(w) or w in NUMBER_WORDS or w in NOT_TITLES for w in lowered)


def _edge_word(
    token: Token, sentence: str, networks: tuple[str, ...], *, everywhere: bool = True
) -> bool:
    lower = token.text.lower()
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    return (
        (lower in CONNECTORS and (everywhere or token.text.islower()))
        or (everywhere and lower in NOT_TITLES)
        or lower in _NEVER_FIRST
        or network_at(sentence, token.start, networks) is not None
    )


def _span(sentence: str, toks: list[Token], first: int, last: int, quoted: bool = False) -> Span:
    start, end = toks[first].start, toks[last].end
    text = sentence[start:end]
    if not quoted and text.endswith(("'s", "’s")):
        text = text[:-2]
    return Span(first, last, start, end, text, quoted)


def _quoted(sentence: str, toks: list[Token]) -> list[Span]:
    """Phrases in quotes that read as names: capitalised, short, not a whole quotation."""
    spans: list[Span] = []
    index = 0
    while index < len(toks):
        closing = _OPENING_QUOTES.get(toks[index].text)
        if closing is None or not _opens(toks, index):
            index += 1
            continue
        end = index + 1
        while end < len(toks) and toks[end].text != closing and end - index <= 12:
            end += 1
        inner = toks[index + 1 : end]
        if (
            end < len(toks)
            and inner
            and inner[0].capitalised
            and sum(1 for t in inner if t.word and not t.capitalised) <= len(inner) // 2
            and not any(t.text in '.?!"“”‘’' for t in inner)  # not two quotes run together
        ):
            last = end - 1
            while last > index + 1 and not toks[last].word:
                last -= 1
            spans.append(_span(sentence, toks, index + 1, last, quoted=True))
            index = end + 1
            continue
        index += 1
    return spans


def _opens(toks: list[Token], index: int) -> bool:
    """A straight or curly quote that opens: at the start, or after a space or bracket."""
    token = toks[index]
    if token.text in '“‘"':
        return True
    # an apostrophe opens a quote only where no word touches it on the left
    return index == 0 or toks[index - 1].end < token.start or not toks[index - 1].word
