"""Words whose case tells whether they belong to a title: a nationality that describes the
next word ("British rom-com"), a pronoun capitalised inside a name ("The Last of Us", "A League
of Their Own") or standing as one ("Netflix renewed You"), an adverb that opens a sentence
("Finally, …"), a demonstrative that starts a sentence run on after a heading ("Teenage Bounty
Hunters This teen comedy …")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class _Token(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def word(self) -> bool: ...

    @property
    def capitalised(self) -> bool: ...


_DEMONYMS = frozenset(
    """american british english scottish welsh irish canadian australian french german
    spanish italian korean japanese chinese indian mexican brazilian danish swedish
    norwegian icelandic finnish dutch belgian israeli turkish polish russian nordic
    scandinavian european latin""".split()
)


def adjective(toks: Sequence[_Token], first: int, last: int) -> bool:
    """Whether a name is only a nationality that describes the next word, "British rom-com
    Still Up", "The American comedy series X": an adjective, not a title."""
    words = [t.text.lower() for t in toks[first : last + 1] if t.word]
    if words[:1] == ["the"]:
        words = words[1:]
    following = toks[last + 1] if last + 1 < len(toks) else None
    return (
        len(words) == 1
        and words[0] in _DEMONYMS
        and following is not None
        and following.word
        and following.text.islower()
    )


TITLE_INTERNAL = frozenset(
    """Us Their His Her Our My Your Its This That These Those Them Me We It All No What Who
    Where When Why How One Every Some Any More Most Other Another Each Both""".split()
)


_PRONOUN_TITLES = frozenset({"You", "Us", "Them"})
_SINGULAR_VERBS = frozenset("has is was isn't hasn't wasn't isn’t hasn’t wasn’t".split())


def pronoun_title(toks: Sequence[_Token], first: int, last: int, opening: int) -> bool:
    """Whether a pronoun is a title: capitalised mid-sentence ("Netflix renewed You"), or
    the subject of a verb in the singular ("You has been renewed")."""
    if first != last or toks[first].text not in _PRONOUN_TITLES:
        return False
    following = toks[last + 1].text.lower() if last + 1 < len(toks) else ""
    return first != opening or following in _SINGULAR_VERBS


_ADVERB_ENDS = tuple(
    "ally ingly edly ously tely fully ively ently antly arly ctly ably ibly ckily ppily".split()
)


def adverb(word: str) -> bool:
    """Whether a sentence's opening word before its comma is an adverb ("Finally,",
    "Amazingly,"), not a title ("Lilly, a new drama, …")."""
    return len(word) >= 6 and word.lower().endswith(_ADVERB_ENDS)


_DEMONSTRATIVES = frozenset({"This", "These", "That", "Those"})


def starts_a_sentence(toks: Sequence[_Token], index: int) -> bool:
    """A demonstrative with lower-case words after it begins a sentence, not a title's word."""
    following = toks[index + 1] if index + 1 < len(toks) else None
    return (
        toks[index].text in _DEMONSTRATIVES
        and following is not None
        and following.word
        and not following.capitalised
    )
