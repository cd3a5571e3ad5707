"""An article as the reader sees it: a headline and paragraphs of sentences, from plain text
or from a web page with its navigation, adverts and comments taken off by trafilatura."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date

MAX_ARTICLE_CHARS = 400_000
"""Longer than any news article: a file over it is something else."""

_ABBREVIATIONS = (
    "mr mrs ms dr st jr sr vs no jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co "
    "u.s u.k e.g i.e etc approx"
).split()
# The closing quote or bracket after a full stop ends the sentence with it: "…and “Castle.”"
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")
_HTML = re.compile(r"<\s*(?:html|body|p|div|article|head|!doctype)\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"(?<=\w)‘(?=s\b)")
_INITIALS = re.compile(r"[a-z](?:\.[a-z])*")  # "J.J. Abrams", "L.A. was", "Dr. Burke"
_SPACES = re.compile(r"[ \t\u00a0]+")
_DATE_LINE = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})\b\s*")


class ArticleUnreadableError(ValueError):
    """The text is not an article the reader can use (empty, binary, a page with no text)."""


@dataclass
class Article:
    headline: str | None
    paragraphs: list[list[str]] = field(default_factory=list)
    published: date | None = None

    def sentences(self) -> list[tuple[int, str]]:
        """Every sentence with its paragraph's number; the headline is paragraph 0."""
        found = [(0, self.headline)] if self.headline else []
        for number, paragraph in enumerate(self.paragraphs, start=1):
            found.extend((number, sentence) for sentence in paragraph)
        return found

    def word_count(self) -> int:
        return sum(len(sentence.split()) for _, sentence in self.sentences())


def looks_like_html(raw: str) -> bool:
    return _HTML.search(raw[:5000]) is not None


def read_article(raw: str, *, published: date | None = None) -> Article:
    """The article in `raw`: a web page (its main text kept) or plain text whose first line is
    the headline when it stands alone."""
    if "\x00" in raw:
        raise ArticleUnreadableError("That is not text: give the article as a .txt or .html file.")
    raw = raw[:MAX_ARTICLE_CHARS]
    if looks_like_html(raw):
        return _from_html(raw, published)
    return from_text(raw, published=published)


def from_text(text: str, *, headline: str | None = None, published: date | None = None) -> Article:
    text = _APOSTROPHE.sub("’", text.replace("\r\n", "\n").replace("\r", "\n"))
    dated = _DATE_LINE.match(text)
    if dated:  # "date 2022-11-08 …": how saved articles (the seeds among them) give their day
        text = text[dated.end() :]
        with contextlib.suppress(ValueError):  # not a calendar day: the article stays undated
            published = published or date.fromisoformat(dated.group(1))
    blocks = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    blocks = [block for block in blocks if block]
    if not blocks:
        raise ArticleUnreadableError("The article is empty: give its text or its web page.")
    if headline is None and _headline_like(blocks[0]) and len(blocks) > 1:
        headline, blocks = blocks[0], blocks[1:]
    return Article(headline, [split_sentences(block) for block in blocks], published)


def _headline_like(line: str) -> bool:
    return len(line.split()) <= 25 and not line.rstrip().endswith((".", ",", ";"))


_NOTE_ONLY = re.compile(r"\([^()]{1,40}\)\s*$")


def split_sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[last : match.start()]
        word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.split() else ""
        if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
            continue  # "Aug. 26", "Dr. Burke", "J. J. Abrams"
        if word.isdigit() and len(before.split()) == 1:
            continue  # a list's number: "1. Gilded Lanterns"
        if _NOTE_ONLY.match(paragraph, match.end()):
            continue  # "Whose Line Is It Anyway? (Renewed)": the title's note goes with it
        pieces.append(paragraph[last : match.end(1)].strip())
        last = match.end()
    pieces.append(paragraph[last:].strip())
    return [piece for piece in pieces if piece]


def _from_html(page: str, published: date | None) -> Article:
    import trafilatura  # imported here: a plain-text article never pays for it

    text = trafilatura.extract(
        page, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text:
        raise ArticleUnreadableError(
            "No article text was found in that page: paste the article's text instead."
        )
    metadata = trafilatura.extract_metadata(page)
    headline = metadata.title if metadata is not None and metadata.title else None
    if published is None and metadata is not None and metadata.date:
        try:
            published = date.fromisoformat(metadata.date[:10])
        except ValueError:
            published = None
    return from_text(text, headline=headline, published=published)
