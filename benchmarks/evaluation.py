"""An evaluation set for title resolution, built from the real catalogue.

How it is built (deterministic for a seed):

1. Hold out. One title in ten of the real catalogue is removed from the index: questions
   about those are questions about shows that are not there. Only titles that no kept show
   is also known by are asked about: not one whose folded form is another show's title, nor
   one that is another show's title without its article or subtitle ("The Dark Crystal"
   held out while "The Dark Crystal: Age of Resistance" stays: that show *is* there under
   that name, and naming it is the right answer).
2. Ask. For a sample of the kept titles, and for the held-out ones, write questions the way
   people do: a title wrapped in one of many question templates, in lower case, with or
   without its punctuation. Four classes:
   - `wrapped`: the whole title inside a question ("is blood and water cancelled?").
   - `typos`: the same with one or two typing slips (a swapped pair, a missed, doubled or
     neighbouring key) in words of five letters or more.
   - `shortened`: the title without its leading article, or without its subtitle ("narcos
     mexico" stays, "money heist: from tokyo to berlin" becomes "money heist"), used only
     where the shortening names one kept show alone (otherwise there is no right answer).
   - `absent`: a held-out title inside a question.
3. Judge. A question about a kept show is right when the index names a show with that title
   (folded; same-titled remakes count); a question about an absent show is right when the
   index names no show at all.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from benchmarks.catalogues import RealTitle, real_entries
from bot.matching.index import TitleEntry
from bot.matching.text import fold, main_title, title_variants, without_article, words

TEMPLATES = (
    "{t}",
    "is {t} cancelled?",
    "is {t} renewed",
    "{t} season 2?",
    "will there be a season 3 of {t}",
    "{t} renewed or cancelled",
    "did {t} get cancelled",
    "who plays in {t}?",
    "{t} cast",
    "how did {t} end",
    "is {t} coming back pls",
    "any news on {t}?",
    "{t} status",
    "has {t} been renewed for another season",
)
KEYBOARD_NEIGHBOURS = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc",
    "g": "ftyhbv", "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop",
    "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz",
    "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}  # fmt: skip
CLASSES = ("wrapped", "typos", "shortened", "absent")


@dataclass(frozen=True)
class Question:
    kind: str
    text: str
    expected: str | None
    """The title meant, or None for a show that is not in the catalogue."""


@dataclass(frozen=True)
class EvaluationSet:
    entries: list[TitleEntry]
    """The catalogue to index: the real titles minus the held-out ones."""
    questions: list[Question]


def _typo(word: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "neighbour"))
    if kind == "swap":
        return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "double":
        return word[:position] + word[position] + word[position:]
    near = KEYBOARD_NEIGHBOURS.get(word[position].lower())
    if not near:
        return word[:position] + word[position + 1 :]
    return word[:position] + rng.choice(near) + word[position + 1 :]


def _with_typos(title: str, rng: random.Random) -> str | None:
    parts = title.split()
    eligible = [i for i, w in enumerate(parts) if len(w) >= 5 and w.isalpha()]
    if not eligible:
        return None
    count = 2 if len(eligible) >= 3 and rng.random() < 0.3 else 1
    for i in rng.sample(eligible, count):
        parts[i] = _typo(parts[i], rng)
    return " ".join(parts)


def _casual(text: str, rng: random.Random) -> str:
    """How people type a title: lower case, often without its punctuation."""
    text = text.lower()
    if rng.random() < 0.5:
        text = " ".join(words(text))
    return text


def _ask(title: str, rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(t=_casual(title, rng))


def _shortenings(kept: list[RealTitle]) -> dict[str, str]:
    """Shortened form -> title, for shortenings that name exactly one kept title."""
    full = {fold(t.title) for t in kept}
    owners: dict[str, set[str]] = defaultdict(set)
    for t in kept:
        forms = {" ".join(without_article(words(t.title)))}
        head = main_title(t.title)
        if head:
            forms.add(" ".join(without_article(words(head))))
        for form in forms:
            if form and form != fold(t.title) and len(form) >= 4:
                owners[form].add(fold(t.title))
    return {
        form: next(iter(titles))
        for form, titles in owners.items()
        if len(titles) == 1 and form not in full
    }


def build(titles: list[RealTitle], per_class: int = 500, seed: int = 2022) -> EvaluationSet:
    rng = random.Random(seed)
    folded_counts = Counter(fold(t.title) for t in titles)
    unique = [t for t in titles if folded_counts[fold(t.title)] == 1 and fold(t.title)]
    held_out = {fold(t.title) for t in rng.sample(unique, len(unique) // 10)}
    kept = [t for t in titles if fold(t.title) not in held_out]
    known_names = {" ".join(v) for t in kept for v, _ in title_variants(t.title)}
    absent = [
        t
        for t in titles
        if fold(t.title) in held_out
        and not {" ".join(v) for v, _ in title_variants(t.title)} & known_names
    ]
    by_fold = {fold(t.title): t.title for t in kept}

    questions: list[Question] = []
    for title in rng.sample(kept, per_class):
        questions.append(Question("wrapped", _ask(title.title, rng), title.title))
    typo_pool = [t for t in kept if _with_typos(t.title, random.Random(0))]
    for title in rng.sample(typo_pool, per_class):
        slipped = _with_typos(title.title, rng)
        assert slipped is not None
        questions.append(Question("typos", _ask(slipped, rng), title.title))
    shortenings = sorted(_shortenings(kept).items())
    for form, folded_title in rng.sample(shortenings, min(per_class, len(shortenings))):
        questions.append(Question("shortened", _ask(form, rng), by_fold[folded_title]))
    for title in rng.sample(absent, min(per_class, len(absent))):
        questions.append(Question("absent", _ask(title.title, rng), None))
    return EvaluationSet(entries=real_entries(kept), questions=questions)


@dataclass(frozen=True)
class Score:
    kind: str
    asked: int
    right: int
    answered: int
    """How many questions got a show named at all."""

    @property
    def accuracy(self) -> float:
        return self.right / self.asked if self.asked else 0.0

    @property
    def answered_share(self) -> float:
        return self.answered / self.asked if self.asked else 0.0


def judge(questions: Iterable[Question], answer: Callable[[str], str | None]) -> dict[str, Score]:
    """Scores `answer` (question -> title named, or None) class by class."""
    asked: Counter[str] = Counter()
    right: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for question in questions:
        named = answer(question.text)
        asked[question.kind] += 1
        answered[question.kind] += named is not None
        if question.expected is None:
            right[question.kind] += named is None
        elif named is not None and fold(named) == fold(question.expected):
            right[question.kind] += 1
    return {k: Score(k, asked[k], right[k], answered[k]) for k in CLASSES if asked[k]}


def failures(
    questions: Iterable[Question], answer: Callable[[str], str | None], kind: str
) -> list[tuple[str, str | None, str | None]]:
    """(question, expected, named) for each wrong answer of one class: for tuning."""
    wrong = []
    for question in questions:
        if question.kind != kind:
            continue
        named = answer(question.text)
        ok = (
            named is None
            if question.expected is None
            else named is not None and fold(named) == fold(question.expected)
        )
        if not ok:
            wrong.append((question.text, question.expected, named))
    return wrong
