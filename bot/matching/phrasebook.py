"""The words the question reader knows besides titles: other languages, slang, small talk,
and the cue words of each intent. All words are folded (see `text.words`): no accents or case.
"""

from __future__ import annotations

from bot.matching.intents import Intent, SmallTalk
from bot.matching.languages import LANGUAGES, ORDINALS

_ENGLISH_WORDS = frozenset(
    "a i in no do start final cast episodes netflix series ha t l d se sa was die den "
    "director actor film continue sort finale".split()
)
_WEAK_CUES = frozenset(
    "sara chi il lo los las el la le les des du del di da e o y et und oder ou en em na su "
    "sur dans que qu hay es est ist der das ein eine un una mit wie wer fin ende serie "
    "vorbei torna volta elle ci ed os as im von bei geht los me te al tem ter foi fue va "
    "of sobre ma mi ho dai con cara tipo mano q tb ne ca ou halt alter mal ja du meine "
    "ya pues vale jai tout mas".split()
)
LANGUAGE_CUES: dict[str, frozenset[str]] = {
    language: frozenset(words) - _ENGLISH_WORDS for language, words in LANGUAGES.items()
}
"""The words that tell a language apart ("a", "in" and "no" are English too)."""
_ORDINAL_WORDS = frozenset(w for pairs in ORDINALS.values() for w in pairs.split()[::2])
STRONG_LANGUAGE_CUES: dict[str, frozenset[str]] = {
    language: cues - _WEAK_CUES - _ORDINAL_WORDS for language, cues in LANGUAGE_CUES.items()
}
"""Cues that alone make a question that language's ("temporada"); weak ones need a second
("who killed sara" is not Italian, "o que é dark" is Portuguese)."""
LANGUAGE_PHRASES: dict[str, dict[tuple[str, ...], str]] = {
    "pt": {
        ("o", "que", "e"): "what is",
        ("de", "que", "se", "trata"): "what about",
        ("quem", "e"): "who is",
        ("por", "que"): "why",
    },
    "es": {
        ("de", "que", "trata"): "what about",
        ("que", "es"): "what is",
        ("por", "que"): "why",
        ("que", "mas"): "what else",
        ("va", "de", "que"): "what about",
        ("de", "que", "va"): "what about",
    },
    "fr": {
        ("c", "est", "quoi"): "what is",
        ("qu", "est", "ce", "que"): "what",
        ("de", "quoi", "parle"): "what about",
    },
    "it": {("di", "cosa", "parla"): "what about", ("che", "cos", "e"): "what is"},
    "de": {("worum", "geht", "es", "in"): "what about", ("was", "ist", "mit"): "what about"},
}
"""Phrases read as a whole, before word by word: "o que é" is "what is", not "what and"."""


# -- English beyond the title index's own vocabulary -------------------------------------

SLANG_STATUS = {
    "drop": "cancelled", "dropped": "cancelled", "dropping": "cancelled",
    "killed": "cancelled", "kill": "cancelled", "kills": "cancelled",
    "scrapped": "cancelled", "scrap": "cancelled", "canned": "cancelled",
    "nixed": "cancelled", "pulled": "cancelled", "binned": "cancelled",
    "dumped": "cancelled", "cut": "cancelled", "axing": "cancelled",
    "canceld": "cancelled", "cancled": "cancelled", "cancelld": "cancelled",
    "canclled": "cancelled", "cancellled": "cancelled", "cancle": "cancelled",
    "cancell": "cancelled", "renewd": "renewed", "renued": "renewed", "renwed": "renewed",
    "reneweed": "renewed", "continue": "renewed", "continued": "renewed",
    "continuing": "renewed", "continues": "renewed", "alive": "status", "dead": "status",
    "happening": "status", "sequel": "renewed",
    "sequels": "renewed", "axe": "cancelled", "gone": "cancelled", "r": "are",
    "ongoing": "status", "future": "status",
}  # fmt: skip
"""Status words people type that the index does not count as question words."""

SPOKEN_FORMS = {
    "wen": "when", "whn": "when", "whend": "when", "whyd": "why", "howd": "how",
    "whod": "who", "whatd": "what", "wut": "what", "wat": "what", "wats": "whats",
    "wht": "what", "hw": "how", "nxt": "next", "ssn": "season", "szn": "season",
    "seasn": "season", "sesaon": "season", "seaon": "season", "seson": "season",
    "sason": "season", "eps": "episodes", "ep": "episode", "epis": "episodes",
    "teh": "the", "ovr": "over", "tel": "tell",
}  # fmt: skip
"""Question words as people type them ("whyd", "szn"): read as the word before anything else,
unless a stored title has the word."""

CHATTER = frozenset(
    "tho though lol lmao lmfao rofl fr ngl bruh bro omg omfg wtf smh idk idc rn tbh imo "
    "yall guys ppl hmm hm huh uh um srsly seriously honestly literally actually pls plz "
    "please wait ok okay k so like just yet also anyway btw hey yo man dude sis fam oof "
    "ugh sad rip damn dang goddamn hell heard hear saw seen read true rumor rumors "
    "rumour rumours real fake good for sure today tonight already finally again "
    "anymore any more wat wats whats sup up w wit abt bout gonna wanna gotta lemme u ur r "
    "y ya yea yeah yep nah nope think thought guess wonder wondering hope hoping wish "
    "believe feel felt know knew loved love liked hated i even both which one any1 some1 "
    "sum1 someone somebody isnt wasnt didnt doesnt wont dont arent hasnt havent lowkey "
    "highkey need needs want wants asap deal underrated overrated amazing awesome "
    "boring goated imma binge binged watch "
    "watching watched rewatch me my we us mate right correct back but since obsessed not "
    "addicted hooked mom dad sister brother friend friends gf bf wife husband keeps keep "
    "asking asked told says said umm uhh hmm ahh ohh aight ight uff tryna coping cope "
    "grandpa grandma granny grandson granddaughter daughter son mum aunt uncle cousin "
    "roommate roomate kid kids raid check talk im ive youre theyre hes shes now showbot "
    "tonight bhai yaar yar aiyoo aiyo naku po ba ng kab kya hai hua gaya aayega kaun sino "
    "yung salamat kuya ate smth sth smthn nd innit abeg sef jare oga ayo ey eh oi lmk fyi "
    "istg wapas aa raha rahi ya nahi hain anong ni sa".split()
)
"""Words that carry no title and no question: "tho", "ngl", "for good"."""

GLUE = CHATTER | frozenset(
    "i me my mine you your u ur we us our they them their he him his she her it its this that "
    "these those there here who what which when where why how is was are were be been being "
    "am do does did done has have had having will would can could should shall may might must "
    "get gets got getting make makes making made go goes going went gone come comes came "
    "coming tell tells telling told say says saying said reckon reckons reckoned think "
    "thinks thought hear hears heard see sees saw seen watch watches watching watched binge "
    "binged bingeing finish finished finishing start started starting loved love liked hated "
    "flop flopped flops slaps slapped hit kinda sorta gotta worth after before still really "
    "actually literally basically everything anything nothing something everyone everybody "
    "nobody someone all some any more most much many very too also just only even ever "
    "never always already yet again then than but bc because cuz cause so and or nor if "
    "whether though although while until since about abt on in at by for from with without "
    "into onto of off out over under to a an the not no yes yeah please pls plz need needs "
    "want wants wanted hope hoping wish wonder wondering trying try tried let lets know "
    "knows knew believe believed guess feel feels felt keep keeps kept ask asks asking asked "
    "everyone said word any1 regrets regret days day week weeks month months year years "
    "time times like lol omg wow absolutely totally completely honestly seriously ily ilysm "
    "tysm smth sth content".split()
)
TITLE_CONTINUERS = frozenset("of in on and to for from at the a an with by n".split())
"""Glue words that may also carry a title on ("The Last Summer IN Paris", "Game OF Thrones"):
not enough, after a name, to say the name ended there."""
"""Words that glue a sentence around a title: a title found inside a rambling message must
sit between these ("my sister keeps telling me THE IMPERFECTS got axed"), never beside a word
that could be the rest of another title ("the last KINGDOM")."""

# -- small talk ----------------------------------------------------------------------------

SMALL_TALK_CUES: dict[SmallTalk, frozenset[str]] = {
    SmallTalk.GREETING: frozenset(
        "hi hello hey heya hiya howdy yo sup wassup whatsup hola ola oi bonjour salut "
        "hallo moin ciao morning evening afternoon gm buenos buenas dias tardes noches bom "
        "boa dia tarde noite bonsoir guten tag morgen abend buongiorno buonasera up "
        "wassup gn night".split()
    ),
    SmallTalk.THANKS: frozenset(
        "thanks thank thx ty tysm tyvm cheers ta gracias obrigado obrigada merci danke salamat "
        "grazie appreciated appreciate goodbye bye cya ok okay k kk cool nice lol haha wow "
        "beaucoup valeu vlw brigado thank".split()
    ),
    SmallTalk.HELP: frozenset(
        "help commands command usage how works work use ayuda ajuda aide hilfe aiuto joke jokes "
        "chiste blague witz barzelletta piada uso usar usa utiliser benutzen "
        "capabilities features nvm test testing ping pong sorry oops oopsie".split()
    ),
    SmallTalk.ABOUT_BOT: frozenset(
        "bot robot ai human real alive sentient made created built chatgpt gpt siri alexa "
        "suck sucks stupid dumb useless smart clever person computer".split()
    ),
}
SMALL_TALK_WORDS = frozenset().union(*SMALL_TALK_CUES.values()) | frozenset(
    "you u ur your are r a an the is it me i we can could do does what whats who how "
    "this there here good nice great cool awesome bad much lot so very man dude bro "
    "guys all everyone again my to for with morning night day doing going up thing things "
    "anything are made created make built mate m8 pal buddy youre ur shows show about know "
    "ask something question questions chatgpt gpt siri alexa best goat legend great amazing "
    "love helpful le la el il der die das dir du tu te toi como funciona come funziona wie "
    "geht es ca marche va estas tal work works tell cuentame conta raconte erzahl "
    "raccontami un una um uma une ein eine tudo bem mano crack que qu eu esse este ce "
    "dieser questo bueno buen bon gut buono helped ton lot smart trash kinda funny cool "
    "quick q got have showbot use sers sert quoi exactement funktioniert dieser diese bzw "
    "kann ich fragen frage muito ajudou demais new server discord unfamiliar rather these "
    "on wrong channel mb brb gtg afk bbl ttyl innit everyone anyone "
    "bots might explain sort kind able answer answers ever kindly am and of sir maam madam "
    "po salamat person computer tell tel pessoa verdade uma um or of trop fort toe allo what "
    "for are questions works can robot nvm test testing ping pong genius lovely rest day stuff "
    "sorts wondering whether could ask advance in i im gg ez g sup there anyone anybody "
    "home".split()
)
"""Words a message of pure small talk is made of: nothing else may be in it."""

SIGN_OFF_WORDS = frozenset(
    "thanks thank thx ty tysm cheers regards best sincerely kind kindly warm warmest many "
    "you very much so ever in advance a lot for your help time again all bye x xx "
    "gracias obrigado obrigada merci danke grazie beaucoup vielen mille muchas".split()
)
"""A polite message's last words ("many thanks in advance", "thank you kindly"): not the
question, and never a title ("Thank You")."""
SIGN_OFF_STARTS = frozenset("thanks thank thx ty cheers regards best sincerely".split())
"""Words that begin a sign-off, which may end in a name ("regards, ted")."""

# -- intents ---------------------------------------------------------------------------------
# The cue words of each intent, in English after other languages are read as English.

INTENT_CUES: tuple[tuple[Intent, frozenset[str]], ...] = (
    (Intent.WHY, frozenset("why reason reasons".split())),
    (Intent.BASED_ON, frozenset("based adapted adaptation book books novel novels comic "
                                "manga source inspired sequel prequel spinoff remake "
                                "reboot".split())),
    (Intent.CREATORS, frozenset("created creator creators create made maker makers "
                                "developed developer showrunner showrunners directed "
                                "director directors wrote writer writers creates produced "
                                "producer producers behind production studio "
                                "company".split())),
    (Intent.ABOUT, frozenset("plot synopsis premise summary storyline story about set "
                             "located country genre".split())),
    (Intent.CHARTS, frozenset("chart charts ratings rating viewers viewership views "
                              "viewed hours popular numbers ranking ranked rank peaked "
                              "critics critic reviews reviewed reception".split())),
    (Intent.COUNTS, frozenset("runtime runtimes length duration minutes mins".split())),
    (Intent.PREMIERE, frozenset("premiere premiered premieres premiering release released "
                                "releases releasing debut debuted aired "
                                "drops".split())),
    (Intent.ENDING, frozenset("ending cliffhanger spoiler spoilers finale conclusion explained "
                              "recap".split())),
    (Intent.CAST, frozenset("cast casting actor actors actress actresses starring stars "
                            "star characters host hosts hosted presenter narrator acted acting "
                            "narrated lead leads".split())),
)  # fmt: skip
"""Checked in this order: the first intent with a cue in the question wins."""

CHARACTER_VERBS = frozenset("plays played playing play portrays portrayed voices voiced".split())
COUNT_NOUNS = frozenset("seasons season episodes episode eps".split())
CHART_SIZES = frozenset("10 ten 5 five 3 three 20 100".split())
"""The N of "top N": with "top", a chart, not a title's word."""
CONJUNCTIONS = frozenset("and or vs versus also plus n".split())
NATIONALITIES = frozenset(
    "german french korean spanish british english american japanese indian italian mexican "
    "turkish danish australian nigerian brazilian swedish norwegian polish canadian chinese "
    "argentinian colombian israeli filipino thai egyptian dutch belgian irish scottish".split()
)
"""What a question about a show's country calls it ("is dark GERMAN?"): its country is in the
answer to what it is."""
ASKING_WORDS = (
    frozenset().union(*(cues for _, cues in INTENT_CUES))
    | CHARACTER_VERBS
    | frozenset(
        "premiere premiered premieres premiering debut debuted release released releases air "
        "aired airs start started come came coming out date when how many long number top 10 "
        "ten do did does doing made make who whos what whats why happened happen whole full "
        "list ending end ended based year sequel sequels main lead leads set place located "
        "filmed take takes country peak name names comedy comedies thriller horror romcom "
        "telenovela".split()
    )
)
"""Words that ask something of a show, dropped when the whole question names no show:
"who MADE partner track", "partner track TOP 10"."""
