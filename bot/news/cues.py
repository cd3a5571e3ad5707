"""The words in a sentence of news that carry a decision (cancelled, renewed, ordered to
series, final season)."""

from __future__ import annotations

import re

from bot.news.counts import COUNT as _COUNT
from bot.news.counts import NUMBERS as _NUMBERS
from bot.news.counts import ORDINAL as _ORDINAL
from bot.news.idioms import IDIOMS
from bot.news.kinds import Cue, News, Reach

__all__ = ["Cue", "News", "Reach", "cues_in"]

_NOT = r"(?:\s+not|n['’]t)"
_SHOW_NOUNS = (
    r"(?:series|drama|comedy|show|sitcom|dramedy|thriller|adaptation|reboot|revival|"
    r"spinoff|spin-off|prequel|sequel|anthology|docuseries|miniseries|procedural)"
)


# Earlier patterns win where two overlap: "will not be renewed" is a cancellation, not a
# renewal.
_PATTERNS: tuple[tuple[News, Reach, str], ...] = (
    (
        News.RENEWED,
        Reach.OBJECT,
        rf"\b(?:ordered|orders|greenlit|green-lit) {_COUNT} more (.{{1,60}}?) seasons\b",
    ),
    (
        News.ENDING,
        Reach.EITHER,
        r"\b(?:renew(?:ed|s|ing)?|ordered|orders|picked up|greenlit) (?:it |them )?for (?:a |its "
        rf"|one )?(?:{_ORDINAL} and )?(?:final|last) season\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        r"\b(?:ordered|orders|greenlit|green-lit|picked up|picks up|renew(?:ed|s)?|"
        r"commission(?:ed|s)?) (?:a |an )?"
        rf"(?:(?:season|series) (?:\d+|{'|'.join(_NUMBERS)})|"
        rf"(?:{_ORDINAL}|another) (?:season|series)|"
        r"(?:new|more|additional) (?:seasons|series)) of\b",
    ),
    *IDIOMS,
    (News.CANCELLED, Reach.OBJECT, r"\bnot (?:be )?(?:moving|going) forward with\b"),
    (News.CANCELLED, Reach.OBJECT, r"\bdeclined to (?:renew|pick up)\b"),
    (
        News.CANCELLED,
        Reach.OBJECT,
        r"\b(?:decided|decides|opted|opts|chose|elected) not to (?:renew|pick up|continue with|"
        r"move forward with)\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        rf"\bpass(?:ed|es|ing)? on (?:a |an )?(?:{_ORDINAL}|new|another) season of\b",
    ),
    (News.CANCELLED, Reach.OBJECT, r"\bpull(?:ed|s|ing)? the plug on\b"),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "CBS is dropping some big-name stars and their shows: the Edie Falco drama “Tommy” …"
        r"\b(?:is|are|has|have) (?:also )?dropp(?:ing|ed)\b(?=[^.:]{0,60}\bshows?\s*:)",
    ),
    (
        News.CANCELLED,
        Reach.EITHER,
        rf"\b(?:will|would|does|did|do|is|are|has|have|was|were){_NOT} (?:be )?(?:been "
        r")?renew(?:ing|ed)?\b",
    ),
    (News.CANCELLED, Reach.EITHER, r"\bwon['’]t (?:be )?renew(?:ing|ed)?\b"),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        rf"\b(?:will|would|is|are){_NOT} (?:be )?(?:return(?:ing)?|coming back|back)\b(?! to)",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\bwon['’]t (?:be )?(?:return(?:ing)?|coming back|back)\b(?! to)",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        rf"\b(?:will{_NOT}|won['’]t) (?:be )?(?:get(?:ting)?|receiv(?:e|ing)|see(?:ing)?) "
        rf"(?:a |any )?(?:{_ORDINAL}|more|another|"
        r"new) seasons?\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:gotten|got|gets|get|given|receives?|received|getting) the (?:axe|ax|chop|boot)\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        rf"\b(?:season (?:\d+|{'|'.join(_NUMBERS)}) )?(?:is|isn['’]t|will not be|won['’]t be) "
        r"(?:not )?happening\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:(?:was|were|been|is being|are being|got|get|gets) cut|fall(?:s|ing)? victim|"
        r"fell victim|(?:will|would)(?: \w+)? not (?:continue|go on)|"
        r"won['’]t (?:continue|go on)|(?:won['’]t|will not) be (?:continuing|going on))\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:cuts|casualties|cancell?ations|casualty|house-?cleaning|purge|bloodbath|culling|"
        r"cull|axings|carnage)\b(?=\s+(?:include|includes|included|are|were|was|is)\b|:)",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        # "… are some of this season’s early victims"
        r"\b(?:is|are|was|were) (?:among |one of |some of )?(?:the |this [\w’']+ |[\w-]+['’]s )?"
        r"(?:(?:early|latest|first|biggest|newest) )?(?:victims|casualties)\b",
    ),
    (News.CANCELLED, Reach.OBJECT, r"\bkill(?:s|ed|ing)\b(?! off)"),
    (News.CANCELLED, Reach.OBJECT, r"\b(?:has|have|had) ended\b"),
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:is|are) (?:officially |now )?over\b(?! (?:the|a)\b)"),
    (News.CANCELLED, Reach.EITHER, r"\bcancel(?:l?ed|s|l?ing)?\b"),
    (News.CANCELLED, Reach.EITHER, r"\bax(?:e|ed|es)\b"),
    (News.CANCELLED, Reach.EITHER, r"\bscrap(?:ped|s|ping)\b"),
    (News.CANCELLED, Reach.OBJECT, r"\b(?:cancell?ations?|axing) of\b"),
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:cancell?ations?|axing)\b"),
    (
        News.ENDING,
        Reach.SUBJECT,
        rf"\brenewals? for (?:a |an |its )?(?:{_ORDINAL} and )?(?:final|last) season\b",
    ),
    (News.ENDING, Reach.EITHER, rf"\b{_ORDINAL} and (?:final|last) season\b"),
    (News.ENDING, Reach.OBJECT, r"\b(?:final|last) seasons? of\b"),
    (News.ENDING, Reach.EITHER, r"\bfinal seasons?\b"),
    (
        News.ENDING,
        Reach.SUBJECT,
        r"\b(?:(?:will|to|would|set to|is going to) (?:end|conclude|wrap(?: up)?)|(?:is|are) "
        r"(?:wrapping(?: up)?|concluding)|run (?:will )?ends?)(?= (?:with|after|"
        r"its|at|in|this|next)\b)",
    ),
    (News.ENDING, Reach.SUBJECT, r"\b(?:come|coming) to an end\b"),
    (
        News.ENDING,
        Reach.SUBJECT,
        r"\b(?:will|would|is going to) (?:also )?be (?:the|its|their) (?:show['’]s |series['’] )?"
        r"(?:final|last)\b",
    ),
    (News.ENDING, Reach.SUBJECT, r"\b(?:also )?ending (?:after|with)\b"),
    (
        News.ENDING,
        Reach.SUBJECT,
        r"\b(?:airing|airs|will air|aired) (?:its|their) (?:final|last) episodes?\b",
    ),
    (
        News.ENDING,
        Reach.SUBJECT,
        r"\b(?:will be|is|are) (?:also )?ending (?:this|next|its|their|in)\b",
    ),
    (
        News.RENEWED,
        Reach.EITHER,
        rf"\b(?:picked|picks|pick) up (?:for )?(?:(?:a |an )?(?:{_ORDINAL}|another|new) season\b|"
        r"seasons? \d+\b)",
    ),
    (
        News.RENEWED,
        Reach.EITHER,
        rf"\b(?:ordered|orders|greenlit|green-lit|greenlights?) (?:a |an )?(?:{_ORDINAL}|another|"
        rf"new|{_COUNT}) (?:more )?seasons?\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "will in fact return for a 10-episode second season"
        # "is set to return for a fourth season", "will return for a second series"
        r"\b(?:will(?: \w+){0,2}? return|returns|is (?:set |slated |going )?to return|is returning|"
        r"is coming back|will be back|(?:is|are) (?:officially )?back|comes back|coming back) "
        r"for (?:(?:a |an |its )?"
        rf"(?:[\w-]+-episode )?(?:{_ORDINAL}|{_COUNT}|another) (?:season|series)|"
        rf"(?:season|series) (?:\d+|{'|'.join(_NUMBERS)}))\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "Netflix has given Gilded Lanterns a third season"
        r"\b(?:given|gave|gives|giving|handed|hands|handing) (?!(?:a|an|its|the) )(.{1,60}?) "
        r"(?:a |an )?"
        rf"(?:{_ORDINAL}|new|another) (?:season|series)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "HBO is bringing Gilded Lanterns back for a second season"
        r"\bbring(?:s|ing)? (.{1,60}?) back for (?:(?:a |an |its )?"
        rf"(?:{_ORDINAL}|another|new|final|last) season|season \d+)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # a revival: "will be returning for a six-episode event series"
        r"\b(?:will return|returns|is returning|will be returning|is coming back|will be back|"
        r"comes back|coming back) for (?:a |an )?(?:(?:new|limited|\w+-episode|event|revival|final|"
        r"last)\s+)"
        r"{1,3}(?:seasons?|series|run|installment|event series)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        r"\b(?:revival|return) (?:is |was )?(?:officially |now )?(?:a go|happening|confirmed)\b",
    ),
    (News.ORDERED, Reach.OBJECT, r"\bcommissions (?:is|are|include|includes)\b"),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "BBC One is getting a new six-part drama from the same team. Bodyguard is …"
        r"\b(?:is (?:also )?getting|will (?:also )?be getting|(?:also )?gets|will (?:also )?get)\b"
        r"(?= an? new (?:[\w-]+ ){0,2}"
        r"(?:drama|series|comedy|thriller|sitcom)\b)",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "will have a spin-off series entitled American Horror Stories"
        r"\b(?:will have|will get|gets|is getting|has) an? (?:new )?(?:spin-?off|prequel|sequel)"
        r"(?: series| show)? (?:entitled|titled|called)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "raring to bring back Homeland and The Affair for a sixth and third season"
        r"\bbring(?:s|ing)? back (.{1,60}?) for (?:a|an|its|another|season)\b",
    ),
    # "a raft of new commissions for BBC One, including a fourth season of Line of Duty"
    (News.ORDERED, Reach.OBJECT, r"\bcommissions\b(?=[^.;]{0,80}\bincluding\b)"),
    (
        News.ORDERED,
        Reach.SUBJECT,
        r"\b(?:selected|chosen|picked) for (?:a )?(?:full )?(?:series|season) "
        r"(?:production|order)\b",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        r"\bnew (?:shows|series|dramas|comedies)(?: [\w-]+){0,3} (?:include|includes)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "scoring a historic two-season pick up"
        r"\b(?:scor|earn|land|gett|receiv|secur|nabb|snagg)\w* an? (?:[\w-]+ )?(?:"
        rf"{_COUNT}-season|multi-season|multiyear|multi-year) (?:pick[- ]?up|renewal|order)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        r"\brenewals? (?:of|for|to)\b"
        rf"(?! (?:a|an|the|another|season|seasons|their|its|his|her|{_ORDINAL})\b)",
    ),
    (News.RENEWED, Reach.SUBJECT, r"\brenewals?\b"),
    (News.RENEWED, Reach.EITHER, r"\brecommission(?:ed|s|ing)?\b"),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # UK: "Toast of London gets a third series"
        rf"\b(?:gets?|got|is getting|will get|given|lands?|landed|earns?|earned|receives?|received|"
        r"scored?) (?:a |an )?"
        rf"(?:{_ORDINAL}|new|another) (?:series|season)(?: (?:order|pick-?up|renewal))?\b",
    ),
    (News.RENEWED, Reach.EITHER, r"\brenew(?:ed|s|ing)?\b"),
    (
        News.ORDERED,
        Reach.OBJECT,
        r"\b(?:series orders?|straight-to-series orders?) (?:for|to)\b",
    ),
    (
        News.ORDERED,
        Reach.SUBJECT,
        r"\b(?:ordered|picked up|greenlit|green-lit) (?:straight )?to series\b",
    ),
    # a headline's noun: "Gilded Lanterns Series Order At Peacock"
    (News.ORDERED, Reach.SUBJECT, r"\bseries (?:order|pick-?up)\b(?! (?:for|to|of)\b)"),
    (
        News.ORDERED,
        Reach.SUBJECT,
        r"\b(?:gets?|got|given|lands?|landed|receives?|received) (?:a )?(?:straight-to-)?series "
        r"order\b",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        r"\b(?:ordered|orders|greenlit|green-lit|greenlights?|commission(?:ed|s)?|picked up|"
        rf"picks up) (?:the |a |an )?(?:[\w-]+ ){{0,3}}?{_SHOW_NOUNS}\b",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        r"\b(?:ordered|orders|greenlit|green-lit|greenlights?|commissioned)\b",
    ),
    (
        News.RENEWED,
        Reach.EITHER,
        rf"\b(?:picked|picks) up\b(?=[^.]{{0,60}}\bfor (?:a |an |its )?(?:{_ORDINAL}|another) "
        r"season)",
    ),
)
# "Picked up were dramas A, B and C": the list after the verb.
_INVERTED = (
    (News.ORDERED, r"^\W*(?:also )?(?:picked up|ordered|greenlit) (?:were|are|was|is)\b"),
    # "New to the schedule are Gilded Lanterns, a drama from Jane Roe, and …"
    (
        News.ORDERED,
        r"^\W*(?:also )?new (?:to the (?:schedule|lineup)|on the schedule|this fall|this season) "
        r"(?:are|is)\b",
    ),
    (
        News.RENEWED,
        # "Returning to BBC One for a two-part special is crime drama Luther"
        r"^\W*(?:also )?(?:renewed|returning|coming back|back)(?: for more)?"
        r"(?: next season| this fall| next year)?(?: to [\w+ ]{1,20}?)?"
        r"(?: for (?:a |an )?[\w -]{1,30}?)? (?:were|are|was|is)\b",
    ),
    (News.CANCELLED, r"^\W*(?:also )?(?:cancell?ed|axed|scrapped) (?:were|are|was|is)\b"),
    (
        News.CANCELLED,
        r"^\W*(?:also )?getting the (?:axe?|boot|chop)(?: (?:for|at|on) [\w&+-]+)? (?:were|are)\b",
    ),
)
_PATTERNS = tuple((news, Reach.OBJECT, pattern) for news, pattern in _INVERTED) + _PATTERNS
_COMPILED = tuple((news, reach, re.compile(pattern)) for news, reach, pattern in _PATTERNS)


def cues_in(lowered: str) -> list[Cue]:
    """The decisions a lower-cased sentence speaks of, in order, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[Cue] = []
    for news, reach, pattern in _COMPILED:
        for match in pattern.finditer(lowered):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            if lowered[start - 1 : start] == "/" or lowered[end : end + 1] == "/":
                continue  # "Summer Renew/Cancels are reserved for Thursdays": a column's name
            taken.append((start, end))
            inner = match.span(1) if pattern.groups else None
            found.append(Cue(news, start, end, reach, inner))
    return sorted(found, key=lambda cue: cue.start)
