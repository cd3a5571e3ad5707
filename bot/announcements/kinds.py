"""The kinds of news a channel can ask for, and which news each status change is."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from db.vocabulary import ShowStatus


class NewsKind(enum.StrEnum):
    RENEWALS = "renewals"
    CANCELLATIONS = "cancellations"
    ENDINGS = "endings"
    PREMIERES = "premieres"


ALL = "all"
ALL_KINDS: tuple[NewsKind, ...] = tuple(NewsKind)

_KIND_OF_STATUS: dict[ShowStatus, NewsKind] = {
    ShowStatus.RENEWED: NewsKind.RENEWALS,
    ShowStatus.RETURNING: NewsKind.RENEWALS,
    ShowStatus.CANCELLED: NewsKind.CANCELLATIONS,
    ShowStatus.ENDED: NewsKind.ENDINGS,
}
_SPELLINGS = {
    **{kind.value: kind for kind in NewsKind},
    **{kind.value.removesuffix("s"): kind for kind in NewsKind},
    "renewed": NewsKind.RENEWALS,
    "cancelled": NewsKind.CANCELLATIONS,
    "canceled": NewsKind.CANCELLATIONS,
    "cancellation": NewsKind.CANCELLATIONS,
    "cancelations": NewsKind.CANCELLATIONS,
    "ended": NewsKind.ENDINGS,
    "finales": NewsKind.ENDINGS,
}


class UnknownKindError(ValueError):
    """A kind of news showbot does not announce: says which ones it does."""


def parse_kinds(text: str | None) -> tuple[NewsKind, ...]:
    """'renewals, cancellations', 'all' or nothing (all) as kinds, in their fixed order."""
    words = [w for w in (text or ALL).replace(",", " ").replace("+", " ").lower().split() if w]
    if not words or ALL in words:
        return ALL_KINDS
    kinds: set[NewsKind] = set()
    for word in words:
        kind = _SPELLINGS.get(word)
        if kind is None:
            raise UnknownKindError(
                f"I don't announce {word!r}. Kinds: {', '.join(k.value for k in NewsKind)} "
                f"or {ALL}, separated by commas."
            )
        kinds.add(kind)
    return tuple(k for k in ALL_KINDS if k in kinds)


def kinds_text(kinds: Iterable[str]) -> str:
    chosen = set(kinds)
    if chosen >= {k.value for k in ALL_KINDS}:
        return ALL
    return ", ".join(k.value for k in ALL_KINDS if k.value in chosen)


def news_kind(status: ShowStatus) -> NewsKind | None:
    """Which kind of news a change to `status` is; None for news only 'all' hears (a show
    moving into development, say)."""
    return _KIND_OF_STATUS.get(status)


def wants(kinds: Iterable[str], status: ShowStatus) -> bool:
    chosen = set(kinds)
    if chosen >= {k.value for k in ALL_KINDS}:
        return True
    kind = news_kind(status)
    return kind is not None and kind.value in chosen
