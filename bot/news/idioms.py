"""Idioms of decisions that name their shows in their own words, or in ways the plain
verbs do not ("Neither X nor Y will return", "has given X the boot", "picked up X to series",
"are done at Fox", "will bid farewell after its sixth season"); they win over the plain
verbs where both match."""

from __future__ import annotations

from bot.news.counts import NUMBERS as _NUMBERS
from bot.news.counts import ORDINAL as _ORDINAL
from bot.news.kinds import News, Reach

_NOT = r"(?:\s+not|n['’]t)"

IDIOMS: tuple[tuple[News, Reach, str], ...] = (
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "NBC decided not to order any more of the comedies …", "Fox decided against more of"
        r"\b(?:(?:decided|decides|opted|chose) (?:not to order|against ordering|against)|"
        r"(?:did not|didn['’]t|will not|won['’]t) order) (?:any )?more (?:episodes )?of\b",
    ),
    (
        News.ENDING,
        Reach.OBJECT,
        # "CBS is bringing Criminal Minds back for a final season"
        r"\bbring(?:s|ing)? (.{1,60}?) back for (?:a |an |its |one )?(?:[\w-]+ and )?"
        r"(?:final|last) season\b",
    ),
    (
        News.ENDING,
        Reach.SUBJECT,
        # "Arrow will return for a final season"
        r"\b(?:will return|returns|is returning|will be returning|is coming back|will be back|"
        r"comes back) for (?:a |an |its |one )?(?:[\w-]+ and )?(?:final|last) season\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "The only shows that debuted this year that were picked up by their networks were …"
        r"\b(?:shows|series|ones|dramas|comedies)\s+(?:[\w-]+\s+){0,5}?(?:that|which)\s+"
        r"(?:were|have been|got|will be)\s+(?:renewed|picked up)\b",
    ),
    (
        News.ENDING,
        Reach.OBJECT,
        # "The network will also say goodbye to Supernatural with the 15th and final season"
        r"\b(?:say|says|said|saying|bid|bids|bidding) (?:goodbye|farewell|adieu) to\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "ABC is sticking with The Conners"
        r"\b(?:is|are|was|were) (?:also )?stick(?:ing)? with\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "Supergirl, The Flash and Black Lightning are all coming back"
        r"\b(?:is|are) (?:all |also |both )?(?:coming back|returning)\b(?=\s*(?:[.;,]|$|next\b|"
        r"for (?:another|more|a new)\b))",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "added freshman sitcom 'Growing Up Fisher' to its ever-growing list of cancellations"
        r"\badd(?:ed|s|ing)? (.{1,60}?) to (?:its|the|their) (?:[\w-]+ ){0,2}?list of "
        r"cancell?ations\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "Neither Gilded Lanterns nor Paper Moons will return", "… was renewed"
        r"\bneither ((?:.{1,80}?) nor (?:.{1,80}?)) (?:will|would|was|were|is|are|has|have|had)"
        r"(?: been| be)? (?:returning|return|renewed|back|coming back|picked up)\b(?! to\b)",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "NBC has picked up Gilded Lanterns to series"
        r"\b(?:picked up|picks up|greenlit|green-lit|ordered|orders) (.{1,60}?) to series\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "has revived Gilded Lanterns for a fourth season", "saved X with a fourth season order"
        r"\b(?:revived|revives|reviving|saved|saves|rescued|rescues) (.{1,60}?) (?:for|with) "
        rf"(?:a |an |its |another )?(?:{_ORDINAL} |new )?(?:season|series)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "Season 2 of Gilded Lanterns is officially happening"
        rf"\bseason (?:\d+|{'|'.join(_NUMBERS)}) of (.{{1,60}}?) is (?:officially |now )?"
        r"(?:happening|a go|confirmed)\b",
    ),
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:been|was|were|is being|are being|got|gets) dropped\b"),
    (
        News.ENDING,
        Reach.SUBJECT,
        # "will bid farewell after its sixth season", "bids farewell with its final season"
        r"\b(?:will )?(?:bids?|bidding) (?:its |their )?farewell"
        r"(?= (?:with|after|at|in|this|next)\b|\s*[.,;]|$)",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        # "are done at Fox", "is done after two seasons"; not "is done filming"
        r"\b(?:is|are|was|were) (?:officially |now |also )?done"
        r"(?= (?:at|after|on|for)\b|\s*[.,;]|$)",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:has |have |had )?(?:reached|hit|come to) the end of the (?:road|line)\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        r"\b(?:given|gave|gives|giving) (.{1,60}?) the (?:boot|axe|ax|chop)\b",
    ),
    (News.CANCELLED, Reach.EITHER, r"\bcanned\b"),
    (
        News.ENDING,
        Reach.OBJECT,
        # "Fox is ending Gilded Lanterns after seven seasons"
        r"\b(?:is|are|will be) (?:also )?ending\b"
        r"(?! (?:this|next|its|their|in|with|after|on|up)\b)",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "Of the four canceled shows, Castle had the longest run"
        r"^\W*of the (?:[\w-]+ ){0,2}?(?:cancell?ed|axed) (?:shows|series|dramas|comedies|"
        r"sitcoms),\s+(.{1,60}?)\s+(?:had|has|was|is|were|ran|lasted)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        r"^\W*of the (?:[\w-]+ ){0,2}?renewed (?:shows|series|dramas|comedies|sitcoms),\s+"
        r"(.{1,60}?)\s+(?:had|has|was|is|were|ran|lasted)\b",
    ),
    # the metaphors of news for a cancellation: "is on the chopping block", "has sung its last
    # song", "are out of the picture", "are one-and-done", "drops out after six seasons"
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:is|are|was|were|now|be) on the chopping block\b"),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:has |have )?(?:sung|sang|sings) (?:its|their) (?:last|final) song\b",
    ),
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:is|are) (?:now |officially )?out of the picture\b"),
    (News.CANCELLED, Reach.SUBJECT, r"\b(?:is|are|was|were) one-and-done\b"),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        r"\b(?:retires|retired|drops out|dropped out|bows out|bowed out|takes a bow|took a bow)"
        r" after (?:a |an |its |their )?(?:[\w-]+ ){0,2}?seasons?\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "both shows have been confirmed for another season"
        rf"\bconfirmed for (?:a |an )?(?:{_ORDINAL}|another|new) (?:season|series)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "Sarah Parish will return for a second series of crime drama Bancroft": the season
        # is the show's, not the subject's
        r"\b(?:will(?: \w+){0,2}? return|returns|is (?:set |slated |going )?to return|"
        r"is returning|will be back|is coming back) for (?:a |an )?"
        rf"(?:{_ORDINAL}|another|new) (?:season|series) of (.{{1,60}}?)(?=[,.;]|$)",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "has handed out its first pilot-to-series order of the season to medical drama X"
        r"\b(?:pilot-to-|straight-to-)?series (?:order|pickup|pick-up)"
        r"(?: of the (?:season|year))? to\b",
    ),
    (
        News.ENDING,
        Reach.SUBJECT,
        # a roundup's run-down: "signed off after seven seasons", "dropped out after six",
        # "disappeared after three" (a cancellation where the paragraph speaks of cancelling)
        r"\b(?:signed off|signs off|dropped out|drops out|bowed out|bows out|disappeared|"
        r"disappears|vanished|vanishes|crashed|crashes|wrapped|wraps|exited|exits) after "
        rf"(?:just |only )?(?:{'|'.join(_NUMBERS)}|\d+|a couple(?: of)?)(?: short)?"
        r"(?: seasons?| years?| runs?)?(?=\s*(?:[,.;]|$|\band\b|\bwhile\b))",
    ),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "ITV have also announced six-part series The Bay": a format announced is an order
        r"\b(?:announced|announces|unveiled|unveils) (?:a |an )?(?:new )?"
        r"(?:[\w-]+-part|[\w-]+-episode|\d+\s*[×x]\s*\d+[\w’'-]*) (?:[\w-]+ )?"
        r"(?:drama|series|comedy|thriller|miniseries|serial|sitcom)\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        rf"\b(?:will{_NOT}|won['’]t) (?:be )?(?:get(?:ting)?|receiv(?:e|ing)|see(?:ing)?) "
        rf"(?:a |any )?season (?:\d+|{'|'.join(_NUMBERS)})\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "Gilded Lanterns gets a season 3 pickup", "is getting a Season 2"
        r"\b(?:gets?|got|is getting|will get|lands?|landed|earns?|earned|receives?|received|"
        r"scored?|scores) (?:a |an )?(?:(?:early|surprise|quick|official|swift) )?season (?:\d+|"
        rf"{'|'.join(_NUMBERS)})(?: (?:order|pick-?up|renewal))?\b",
    ),
    (
        News.ORDERED,
        Reach.SUBJECT,
        # "gets the green light" (a renewal where a season follows: "… for a second season")
        r"\b(?:gets?|got|given|is getting|receives?|received|lands?|landed|earns?|earned) "
        r"(?:the |a )?(?:green ?light|greenlight|go-ahead)\b(?! to\b)",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        rf"\bno (?:season (?:\d+|{'|'.join(_NUMBERS)})|{_ORDINAL} season|more seasons) "
        r"(?:for|of)\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        r"\b(?:decided|decides|opted|opts|chose|chosen|elected) to (?:end|close the book on)\b",
    ),
    (News.RENEWED, Reach.SUBJECT, r"\b(?:was|has been|is|were|have been) (?:saved|rescued) by\b"),
    (
        News.ORDERED,
        Reach.OBJECT,
        # "Netflix has given the green light to X" (a renewal where a season follows)
        r"\b(?:given|gave|gives|giving) (?:the |a )?(?:green ?light|greenlight|go-ahead) to\b",
    ),
    (
        News.ENDING,
        Reach.OBJECT,
        # "Netflix is bringing Gilded Lanterns to an end after five seasons"
        r"\bbring(?:s|ing)? (.{1,60}?) to an (?:end|close)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "Gilded Lanterns moves to Netflix for season 4": saved by another network
        r"\b(?:moves?|moving|moved|heads?|heading|headed|jumps?|jumped) to [\w+&.’' ]{1,25}? "
        rf"for (?:a |an |its )?(?:{_ORDINAL} season|season (?:\d+|{'|'.join(_NUMBERS)}))\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        # "could not win sophomore seasons", "failed to earn a third season"
        r"\b(?:could not|couldn['’]t|did not|didn['’]t|failed to) (?:win|earn|land|secure|score|"
        rf"nab|get) (?:a |an )?(?:sophomore|{_ORDINAL}|another|new) seasons?\b",
    ),
    # a list's notes in brackets: "Gilded Lanterns (renewed), Paper Moons (cancelled)"
    (News.RENEWED, Reach.SUBJECT, r"\((?:renewed|picked up for)\b[^()]{0,60}\)"),
    (News.CANCELLED, Reach.SUBJECT, r"\((?:cancell?ed|axed|scrapped)\b[^()]{0,60}\)"),
    (News.ENDING, Reach.SUBJECT, r"\((?:ending|final season)\b[^()]{0,60}\)"),
    (News.ORDERED, Reach.SUBJECT, r"\((?:ordered|new series|series order)\b[^()]{0,60}\)"),
    (News.CANCELLED, Reach.OBJECT, r"\bon the chopping block\s*:"),
    (
        News.ENDING,
        Reach.OBJECT,
        # "Fox said goodbye to Gilded Lanterns" (a cancellation among cancellations)
        r"\b(?:said|says|saying|bid|bids|bidding|bade) (?:goodbye|farewell|adieu) to\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        r"\b(?:lives?|lived) to see (?:another|a new|a [\w-]+) season\b|"
        r"\b(?:survived|survives|escaped|escapes|dodged|dodges) the "
        r"(?:axe|ax|chopping block|cut)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        r"\b(?:will be|is|are) (?:also )?(?:coming )?back (?:next (?:season|year|fall)|for more)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "ITV has confirmed a new series of Gilded Lanterns", "BBC confirms Gilded Lanterns
        # series 2"
        r"\bconfirm(?:s|ed|ing)? (.{1,60}?) (?:series|season) "
        rf"(?:\d+|{'|'.join(_NUMBERS)})\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        rf"\bconfirm(?:s|ed|ing)? (?:a |an )?(?:new|another|{_ORDINAL}) (?:series|season) of\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "Gilded Lanterns series 2 confirmed", "… season 2 is officially happening"
        rf"\b(?:series|season) (?:\d+|{'|'.join(_NUMBERS)}) (?:(?:is|has been|was) )?"
        r"(?:officially |now )?(?:confirmed|happening|a go|on the way|in the works)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "A second series of Gilded Lanterns is on the way"
        rf"\b(?:a |an )?(?:{_ORDINAL}|new|another) (?:series|season) of (.{{1,60}}?) "
        r"(?:is|has been|was) (?:officially |now )?(?:on the way|confirmed|happening|a go|"
        r"in the works|coming)\b",
    ),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # "is returning to BBC One for a third series", "will return to our screens for …"
        r"\b(?:will(?: \w+){0,2}? return|returns|is (?:set |slated |going )?to return|"
        r"is returning|is coming back|will be back|comes back) to [\w+&.’' ]{1,25}? for "
        rf"(?:a |an |its )?(?:{_ORDINAL}|another|new) (?:season|series)\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "The BBC has decided against a third series of X", "won't be moving forward with"
        rf"\bdecided against (?:a |an )?(?:{_ORDINAL}|new|another) (?:series|season) of\b|"
        r"(?:\bnot|n['’]t) (?:be )?(?:moving|going) forward with\b",
    ),
    (
        News.CANCELLED,
        Reach.OBJECT,
        # "Netflix has dropped X after one season" (not "dropped the trailer")
        r"\b(?:has|have|had) dropped\b(?=[^.;]{1,60}\bafter (?:just |only )?(?:one|a single|"
        r"two|three|four|five|six|seven|\d+) seasons?\b)",
    ),
    (News.ENDING, Reach.SUBJECT, r"\b(?:has|have) (?:officially )?ended (?:its|their) run\b"),
    (
        News.RENEWED,
        Reach.SUBJECT,
        # a rescue: "has been given a second life at Peacock", "found a new home at Netflix"
        r"\b(?:given|gets?|got|receives?|received|finds?|found|landed|lands?) (?:a )?"
        r"(?:second|new) (?:life|lease on life|home)\b",
    ),
    (
        News.RENEWED,
        Reach.OBJECT,
        # "Peacock has rescued Gilded Lanterns", "saved X from cancellation"
        r"\b(?:has|have|had) (?:officially )?(?:rescued|revived|resurrected)\b|"
        r"\bsav(?:ed|es|ing)\b(?=[^.;]{1,60}\bfrom (?:cancell?ation|the axe|the chopping block))",
    ),
    (
        News.ENDING,
        Reach.OBJECT,
        r"\b(?:the )?curtain (?:is |has )?(?:closing|falling|falls|closes|fallen|coming down|"
        r"comes down) on\b",
    ),
    (
        News.ENDING,
        Reach.SUBJECT,
        r"\b(?:will )?(?:say|says|saying) (?:goodbye|farewell) (?:with|after)\b",
    ),
    (
        News.CANCELLED,
        Reach.SUBJECT,
        # "had the (dubious) distinction of being the first cancelled show of the season",
        # "is the season's first cancellation"
        r"\b(?:(?:had|has|have|earned|earns) the (?:dubious |unfortunate )?distinction of being|"
        r"is|was|became|becomes) the (?:[\w-]+['’]s )?(?:first|latest|second|third|newest|"
        r"only) (?:(?:cancell?ed|axed) (?:show|series|drama|comedy|sitcom)|cancell?ation)\b",
    ),
)
