"""The question reader on the questions people type: tried on the built-in records."""

from __future__ import annotations

import pytest

from bot.matching.index import TitleEntry, TitleIndex
from bot.matching.intents import Intent, SmallTalk
from bot.matching.message import message_words, read_language
from bot.matching.reader import QuestionReader

SHOWS = [
    TitleEntry(1, "Partner Track", 2022, "Netflix"),
    TitleEntry(2, "The Imperfects", 2022, "Netflix"),
    TitleEntry(3, "The Watcher", 2022, "Netflix"),
    TitleEntry(4, "Dahmer – Monster: The Jeffrey Dahmer Story", 2022, "Netflix", ("Dahmer",)),
    TitleEntry(5, "Blood & Water", 2020, "Netflix"),
    TitleEntry(6, "The Help", 2011, film=True),
    TitleEntry(7, "You", 2018, "Netflix"),
    TitleEntry(8, "Thank You", 2013, film=True),
    TitleEntry(9, "Doctor Who", 2005, "BBC"),
    TitleEntry(10, "Top Boy", 2011, "Netflix"),
    TitleEntry(11, "Who Killed Sara?", 2021, "Netflix"),
    TitleEntry(12, "Good", 2008, film=True),
    TitleEntry(13, "Made in Chelsea", 2011),
    TitleEntry(14, "Welcome", 2007, film=True),
    TitleEntry(15, "She", 2017),
    TitleEntry(16, "One", 2005, film=True),
    TitleEntry(17, "Case", 2015),
]
DAHMER = "Dahmer – Monster: The Jeffrey Dahmer Story"


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return QuestionReader(TitleIndex(SHOWS))


def titles(reader: QuestionReader, question: str) -> list[str | None]:
    reading = reader.read(question)
    return [s.match.entry.title if s.match else None for s in reading.subjects]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("is partner track over for good", "Partner Track"),
        ("did they drop the watcher", "The Watcher"),
        ("imperfects news?", "The Imperfects"),
        ("partner track s2 tho", "Partner Track"),
        ("is it true netflix killed partner track", "Partner Track"),
        ("yo wats up w dahmer 😭", "Dahmer – Monster: The Jeffrey Dahmer Story"),
        ("who made partner track", "Partner Track"),
        ("is partner track based on a book", "Partner Track"),
        ("how did partner track do in the top 10", "Partner Track"),
        ("top boy season 3", "Top Boy"),
        ("who killed sara season 3", "Who Killed Sara?"),
        ("made in chelsea renewed?", "Made in Chelsea"),
        ("blood and water season 3?", "Blood & Water"),
        (  # no name goes on "the imperfects on…": "on discord" is the sentence's
            "my clan made us watch the imperfects on discord stream last night, was it top 10",
            "The Imperfects",
        ),
        (
            "is the jeffrey dahmer story show continuing",
            "Dahmer – Monster: The Jeffrey Dahmer Story",
        ),
        (  # every word of one show's name, the rest left out
            "did the jeffrey dahmer show get cancelled after all the backlash",
            "Dahmer – Monster: The Jeffrey Dahmer Story",
        ),
    ],
)
def test_words_around_a_title_do_not_sink_it(
    reader: QuestionReader, question: str, title: str
) -> None:
    assert titles(reader, question) == [title]


@pytest.mark.parametrize(
    "question",
    [
        "is ted lasso cancelled",
        "is the good doctor cancelled",  # "Good" and "Doctor Who" are there; this is not
        "severance s2 tho",
        "did they drop the bear",
        "is it true netflix killed squid game",
        "is the dahmer track show renewed",  # no one name has both words
    ],
)
def test_a_show_that_is_not_there_is_still_not_found(reader: QuestionReader, question: str) -> None:
    assert titles(reader, question) == [None]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("are partner track and the watcher still going", ["Partner Track", "The Watcher"]),
        (
            "partner track, the watcher and dahmer renewed?",
            ["Partner Track", "The Watcher", "Dahmer – Monster: The Jeffrey Dahmer Story"],
        ),
        ("is partner track or the imperfects coming back", ["Partner Track", "The Imperfects"]),
        ("blood and water and the watcher", ["Blood & Water", "The Watcher"]),
        ("partner track and ted lasso cancelled?", ["Partner Track", None]),
        ("is the imperfects cancelled like partner track was", ["The Imperfects", "Partner Track"]),
        (
            "ok partner track got cancelled but what about the watcher?",
            ["Partner Track", "The Watcher"],
        ),
        (
            "partner track, imperfects, watcher — which survived",
            ["Partner Track", "The Imperfects", "The Watcher"],
        ),
        ("is dahmer coming back? my friend says yes but she also said more than one", [DAHMER]),
        ("blood and water — based on a real case?", ["Blood & Water"]),
        ("is partnr trak doom cancelled, and what about the imperfects?", [None, "The Imperfects"]),
    ],
)
def test_several_shows_in_one_message(
    reader: QuestionReader, question: str, expected: list[str | None]
) -> None:
    assert titles(reader, question) == expected


@pytest.mark.parametrize(
    ("question", "talk"),
    [
        ("hi", SmallTalk.GREETING),
        ("hello there!", SmallTalk.GREETING),
        ("help", SmallTalk.HELP),
        ("what can you do", SmallTalk.HELP),
        ("thanks", SmallTalk.THANKS),
        ("thank you!!", SmallTalk.THANKS),
        ("are you a bot?", SmallTalk.ABOUT_BOT),
        ("good bot", SmallTalk.ABOUT_BOT),
        ("", SmallTalk.HELP),
        ("hello good morning sir", SmallTalk.GREETING),
        ("are you a real person or computer??", SmallTalk.ABOUT_BOT),
        ("salamat po!!", SmallTalk.THANKS),
        ("wat can u do pls tel", SmallTalk.HELP),
        ("nvm", SmallTalk.HELP),
        ("ping", SmallTalk.HELP),
        ("welcome back everyone!!", SmallTalk.GREETING),
        ("hello hello is this thing on", SmallTalk.GREETING),
        ("sorry wrong channel", SmallTalk.HELP),
        ("good morning from Warsaw, I am new here. for what is this bot?", SmallTalk.ABOUT_BOT),
        ("brb dinner", SmallTalk.HELP),  # people talking among themselves
        ("this server is dead 💀", SmallTalk.HELP),
        ("i'm so done with cliffhangers lol anyway night all", SmallTalk.HELP),
        ("home alone tonight and bored, anyone up for a watch party?", SmallTalk.HELP),
    ],
)
def test_small_talk_is_never_a_show(reader: QuestionReader, question: str, talk: SmallTalk) -> None:
    reading = reader.read(question)
    assert (reading.small_talk, reading.subjects) == (talk, ())


def test_a_film_named_like_a_greeting_is_still_asked_about(reader: QuestionReader) -> None:
    assert titles(reader, "is welcome a good film") == ["Welcome"]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("@jo re: the watcher got canned, true??", "The Watcher"),
        ("<@1234> is dahmer renewed", "Dahmer – Monster: The Jeffrey Dahmer Story"),
        ("@kev partner track is on netflix??", "Partner Track"),
        ("@everyone is partner track cancelled", "Partner Track"),
    ],
)
def test_whom_a_message_answers_is_no_part_of_its_question(
    reader: QuestionReader, question: str, title: str
) -> None:
    assert titles(reader, question) == [title]


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "who's in partner track besides arden cho? the actress who plays his wife is great",
            "Partner Track",
        ),
        ("is arden cho in partner track or am i thinking of something else", "Partner Track"),
    ],
)
def test_a_person_beside_a_show_leaves_the_show_asked_about(
    reader: QuestionReader, question: str, title: str
) -> None:
    assert titles(reader, question) == [title]


def test_a_films_sequel_the_catalogue_lacks_is_not_the_film() -> None:
    reader = QuestionReader(TitleIndex([TitleEntry(1, "The Old Guard", 2020, film=True)]))
    assert titles(reader, "the old guard 2 release date") == [None]
    assert titles(reader, "the old guard release date") == ["The Old Guard"]


def test_a_crew_word_is_no_person(reader: QuestionReader) -> None:
    reading = reader.read("The Imperfects, who is creator?")
    assert (reading.intent, reading.person) == (Intent.CREATORS, None)


def test_pleasantries_around_a_question_are_not_small_talk(reader: QuestionReader) -> None:
    reading = reader.read("hey! is dahmer renewed? thanks")
    assert reading.small_talk is None
    assert titles(reader, "hey! is dahmer renewed? thanks") == [
        "Dahmer – Monster: The Jeffrey Dahmer Story"
    ]


@pytest.mark.parametrize(
    ("question", "intent", "season"),
    [
        ("is partner track cancelled?", Intent.STATUS, None),
        ("when was partner track cancelled", Intent.STATUS, None),
        ("imperfects season 2?", Intent.SEASON, 2),
        ("will there be a 3rd season of the watcher", Intent.SEASON, 3),
        ("who plays in the imperfects", Intent.CAST, None),
        ("partner track cast", Intent.CAST, None),
        ("who made partner track", Intent.CREATORS, None),
        ("who developed the watcher", Intent.CREATORS, None),
        ("when did partner track premiere", Intent.PREMIERE, None),
        ("when does the watcher season 2 come out", Intent.PREMIERE, 2),
        ("when did partner track end", Intent.FINALE, None),
        ("how many episodes does the watcher have", Intent.COUNTS, None),
        ("how many seasons of partner track are there", Intent.COUNTS, None),
        ("what is partner track about", Intent.ABOUT, None),
        ("partner track plot", Intent.ABOUT, None),
        ("where is partner track from", Intent.ABOUT, None),  # its country is in what it is
        ("is partner track american?", Intent.ABOUT, None),
        ("is partner track based on a book", Intent.BASED_ON, None),
        ("how did partner track do in the top 10", Intent.CHARTS, None),
        ("why was partner track cancelled", Intent.WHY, None),
        ("how did partner track end", Intent.ENDING, None),
        ("partner track season 1 finale", Intent.ENDING, 1),
        ("partner track", Intent.OVERVIEW, None),
        ("top boy", Intent.OVERVIEW, None),
        ("whyd they cancel partner track", Intent.WHY, None),
        ("wen did the watcher come out", Intent.PREMIERE, None),
        ("imperfects szn 2??", Intent.SEASON, 2),
        ("how many eps is the watcher", Intent.COUNTS, None),
        ("how long was partner track in the top 10 for", Intent.CHARTS, None),
        ("where did the imperfects peak on the chart", Intent.CHARTS, None),
        ("when did the imperfects finale air", Intent.FINALE, None),
        ("is the watcher a true story", Intent.BASED_ON, None),
        ("the imprefects lead actress", Intent.CAST, None),  # a title with a typo, not a role
        ("watcher ongoing or nah", Intent.STATUS, None),
    ],
)
def test_intent_and_season(
    reader: QuestionReader, question: str, intent: Intent, season: int | None
) -> None:
    reading = reader.read(question)
    assert (reading.intent, reading.season) == (intent, season)
    assert reading.subjects and reading.subjects[0].match is not None


@pytest.mark.parametrize(
    ("question", "character", "title"),
    [
        ("who plays tyler in partner track", "tyler", "Partner Track"),
        ("who is jeff in partner track?", "jeff", "Partner Track"),
        ("who played the role of ingrid yun on partner track", "ingrid yun", "Partner Track"),
        ("who plays tyler robinson", "tyler robinson", None),
        ("who plays rachel, the best friend in partner track", "rachel", "Partner Track"),
        (
            "watching partner track, she asks who plays rachel, the best friend",
            "rachel",
            "Partner Track",
        ),
    ],
)
def test_who_plays_a_character(
    reader: QuestionReader, question: str, character: str, title: str | None
) -> None:
    reading = reader.read(question)
    assert (reading.intent, reading.character) == (Intent.CHARACTER, character)
    named = [s.match.entry.title for s in reading.subjects if s.match]
    assert named == ([title] if title else [])


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("what else is arden cho in", "arden cho"),
        ("what has bradley gibson been in", "bradley gibson"),
        ("shows with dominic sherwood", "dominic sherwood"),
        ("arden cho movies", "arden cho"),
        ("who is arden cho", "arden cho"),
    ],
)
def test_what_a_person_is_in(reader: QuestionReader, question: str, person: str) -> None:
    reading = reader.read(question)
    assert (reading.intent, reading.person, reading.subjects) == (Intent.FILMOGRAPHY, person, ())


@pytest.mark.parametrize(
    ("question", "language", "title", "intent"),
    [
        ("¿cancelaron partner track?", "es", "Partner Track", Intent.STATUS),
        ("la serie the imperfects fue cancelada", "es", "The Imperfects", Intent.STATUS),
        ("partner track foi cancelada?", "pt", "Partner Track", Intent.STATUS),
        ("vai ter segunda temporada de the watcher?", "pt", "The Watcher", Intent.SEASON),
        ("the imperfects a été annulée ?", "fr", "The Imperfects", Intent.STATUS),
        ("wurde the watcher verlängert?", "de", "The Watcher", Intent.STATUS),
        ("wer spielt in the watcher", "de", "The Watcher", Intent.CAST),
        ("the watcher è stata rinnovata?", "it", "The Watcher", Intent.STATUS),
        ("quantas temporadas tem the watcher", "pt", "The Watcher", Intent.COUNTS),
    ],
)
def test_other_languages(
    reader: QuestionReader, question: str, language: str, title: str, intent: Intent
) -> None:
    reading = reader.read(question)
    assert (reading.language, reading.intent) == (language, intent)
    assert titles(reader, question) == [title]


def test_one_foreign_looking_word_is_not_a_language() -> None:
    assert read_language(message_words("who killed sara season 3"))[0] == "en"


def test_a_foreign_title_keeps_its_own_words() -> None:
    language, english, partly = read_language(message_words("¿cancelaron el camino?"))
    assert (language, english, partly) == (
        "es",
        ["cancelled", "camino"],
        ["cancelled", "el", "camino"],
    )


def test_not_found_names_what_looked_like_the_title(reader: QuestionReader) -> None:
    reading = reader.read("is brekaing bad renewd")
    assert titles(reader, "is brekaing bad renewd") == [None]
    assert reading.subject_words == "brekaing bad"


MORE_SHOWS = [
    *SHOWS,
    TitleEntry(20, "Army of the Dead", 2021, film=True),
    TitleEntry(21, "Army", 2012, film=True),
    TitleEntry(22, "Worth", 2021, film=True),
    TitleEntry(23, "Rain Man", 1988, film=True),
    TitleEntry(24, "BoJack Horseman", 2014),
    TitleEntry(25, "BoJack Horseman Christmas Special", 2014),
    TitleEntry(26, "Kingdom", 2019),
    TitleEntry(27, "The Last Summer", 2019, film=True),
]


@pytest.fixture(scope="module")
def wider_reader() -> QuestionReader:
    return QuestionReader(TitleIndex(MORE_SHOWS))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ugh my bf made me watch army of the dead, who even directed this", ["Army of the Dead"]),
        (
            "my sister keeps telling me the imperfects got axed but i dont believe her",
            ["The Imperfects"],
        ),
        ("whats the watcher about? is it worth it", ["The Watcher"]),
        (
            "is the watcher renewed? what about dahmer?",
            ["The Watcher", "Dahmer – Monster: The Jeffrey Dahmer Story"],
        ),
        ("is there any more bojack 🐴", ["BoJack Horseman"]),
        ("the last kingdom season 6?", [None]),
        ("the last summer in paris season 2", [None]),
    ],
)
def test_a_title_inside_a_rambling_message(
    wider_reader: QuestionReader, question: str, expected: list[str | None]
) -> None:
    assert titles(wider_reader, question) == expected


def test_a_title_ending_in_man_is_not_an_actor_question(wider_reader: QuestionReader) -> None:
    reading = wider_reader.read("who directed rain man")
    assert (reading.intent, reading.character) == (Intent.CREATORS, None)
    assert titles(wider_reader, "who directed rain man") == ["Rain Man"]


def test_a_long_question_is_no_persons_name(wider_reader: QuestionReader) -> None:
    reading = wider_reader.read("what year is the last summer from? the og movie not the series")
    assert reading.person is None


RAMBLING_SHOWS = [
    *MORE_SHOWS,
    TitleEntry(30, "Squid Game", 2021),
    TitleEntry(31, "Dead to Me", 2019),
    TitleEntry(32, "Marriage Story", 2019, film=True),
    TitleEntry(33, "Trash", 2014, film=True),
    TitleEntry(34, "Heist", 2021),
    TitleEntry(35, "Never Have I Ever", 2020),
]


@pytest.fixture(scope="module")
def rambling_reader() -> QuestionReader:
    return QuestionReader(TitleIndex(RAMBLING_SHOWS))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("lmao my roommate swears the watcher got renewed, can someone confirm", ["The Watcher"]),
        ("me at 4am: finished dead to me 💀 how many seasons was that", ["Dead to Me"]),
        ("ok marriage story destroyed me emotionally 😭 who directed that", ["Marriage Story"]),
        ("never have i ever cast?? the mom actress is so good", ["Never Have I Ever"]),
        ("squid game the challenge renewed?", [None]),
        ("the christmas heist of love sequel", [None]),
        ("is dark matter renewed", [None]),
    ],
)
def test_titles_among_chatter_and_absent_ones_beside_known_words(
    rambling_reader: QuestionReader, question: str, expected: list[str | None]
) -> None:
    assert titles(rambling_reader, question) == expected


@pytest.mark.parametrize("question", ["this bot is trash lol", "thanks!! that helped a ton"])
def test_a_remark_to_the_bot_is_small_talk_even_with_a_title_in_it(
    rambling_reader: QuestionReader, question: str
) -> None:
    reading = rambling_reader.read(question)
    assert reading.small_talk is not None and reading.subjects == ()


def test_an_actor_asked_for_after_the_title(rambling_reader: QuestionReader) -> None:
    reading = rambling_reader.read("partner track jeff murphy actor?")
    assert (reading.intent, reading.character) == (Intent.CHARACTER, "jeff murphy")
    assert titles(rambling_reader, "partner track jeff murphy actor?") == ["Partner Track"]


@pytest.mark.parametrize(
    "question",
    [
        "arden cho is playing which character in partner track?",
        "which role arden cho did in partner track",
    ],
)
def test_the_role_of_a_person_asked_after_the_name(reader: QuestionReader, question: str) -> None:
    reading = reader.read(question)
    assert (reading.intent, reading.person) == (Intent.CHARACTER, "arden cho")
    assert titles(reader, question) == ["Partner Track"]


def test_is_a_person_in_a_show(reader: QuestionReader) -> None:
    reading = reader.read("is arden cho in partner track?")
    assert (reading.intent, reading.person) == (Intent.CHARACTER, "arden cho")
    assert titles(reader, "is arden cho in partner track?") == ["Partner Track"]
    assert reader.read("made in chelsea renewed?").person is None  # a title, not a person


def test_is_a_person_in_a_mistyped_show(reader: QuestionReader) -> None:
    reading = reader.read("is arden cho in partnr trak?? my gran says she is")
    assert (reading.intent, reading.person) == (Intent.CHARACTER, "arden cho")
    assert titles(reader, "is arden cho in partnr trak??") == ["Partner Track"]
    # everyday words after "in" must name a show exactly: "so im at home" asks nothing
    assert reader.read("so im at home, is the watcher good?").person is None


def test_a_title_of_everyday_words_before_with_in_a_story(reader: QuestionReader) -> None:
    question = "once he's asleep i'm putting on the watcher with a bowl of popcorn. who's in it?"
    assert titles(reader, question) == ["The Watcher"]


def test_where_s_asks_like_where(reader: QuestionReader) -> None:
    assert titles(reader, "partner track where's it set") == ["Partner Track"]
    assert titles(reader, "partnr track where's it set") == ["Partner Track"]


def test_a_bare_number_after_a_series_is_its_season(reader: QuestionReader) -> None:
    assert reader.read("the watcher 2").season == 2
    assert reader.read("the watcher 2 renewed?").season == 2
    assert reader.read("the help 2").season is None  # a film's number is a sequel's
    assert reader.read("partner track top 10").season is None


STRANGERS_SHOWS = [
    *RAMBLING_SHOWS,
    TitleEntry(40, "La casa de papel", 2017),
    TitleEntry(41, "ONE PIECE", 1999),
    TitleEntry(42, "Summertime", 2020),
    TitleEntry(43, "I Am", 2010, film=True),
    TitleEntry(44, "Skin", 2018, film=True),
    TitleEntry(45, "The Son", 2019, film=True),
    TitleEntry(46, "The Curious Creations of Christine McConnell", 2018),
    TitleEntry(47, "City of God", 2002, film=True),
    TitleEntry(48, "Castlevania", 2017),
    TitleEntry(49, "Atypical", 2017),
    TitleEntry(50, "How to Sell Drugs Online (Fast)", 2019),
    TitleEntry(51, "Sex Education", 2019),
    TitleEntry(52, "Lupin", 2021),
    TitleEntry(53, "Call My Agent!", 2015),
    TitleEntry(54, "Okja", 2017, film=True),
    TitleEntry(55, "Snowpiercer", 2013, film=True),
    TitleEntry(56, "Last Night", 2010, film=True),
    TitleEntry(57, "The One", 2021),
    TitleEntry(58, "Luna Nera", 2020),
    TitleEntry(59, "Biohackers", 2020),
    TitleEntry(60, "A Family", 2021, film=True),
    TitleEntry(61, "Time: The Kalief Browder Story", 2017),
    TitleEntry(62, "Her", 2013, film=True),
]


@pytest.fixture(scope="module")
def strangers_reader() -> QuestionReader:
    return QuestionReader(TitleIndex(STRANGERS_SHOWS))


@pytest.mark.parametrize(
    ("question", "expected", "intent", "season"),
    [
        # a language's own chatter around a title, and its ordinals
        ("mano the watcher vai ter segunda temporada? kkkkk", ["The Watcher"], Intent.SEASON, 2),
        ("raga ma summertime è stata cancellata?", ["Summertime"], Intent.STATUS, None),
        (
            "wey la casa de papel cuantas temporadas tiene ya",
            ["La casa de papel"],
            Intent.COUNTS,
            None,
        ),
        ("¿habrá sexta temporada de la casa de papel?", ["La casa de papel"], Intent.SEASON, 6),
        ("the imperfects estreou quando mesmo", ["The Imperfects"], Intent.PREMIERE, None),
        # a title's first word that is chatter elsewhere; a word in its other number
        ("bro one piece how many seasons", ["ONE PIECE"], Intent.COUNTS, None),
        (
            "did partner tracks got cancel after only one season?",
            ["Partner Track"],
            Intent.STATUS,
            None,
        ),
        ("what is the serie blood and water about", ["Blood & Water"], Intent.ABOUT, None),
        # sign-offs and everyday words are not shows
        ("is the watcher renewed? many thanks in advance", ["The Watcher"], Intent.STATUS, None),
        (
            "Was it Partner Track and The Imperfects? Thank you.",
            ["Partner Track", "The Imperfects"],
            Intent.OVERVIEW,
            None,
        ),
        (
            "is there gonna be a partner track s2 or am i coping",
            ["Partner Track"],
            Intent.SEASON,
            2,
        ),
        (
            "my son and I want to know if dahmer got renewed",
            ["Dahmer – Monster: The Jeffrey Dahmer Story"],
            Intent.STATUS,
            None,
        ),
        ("i am curious, who made the watcher", ["The Watcher"], Intent.CREATORS, None),
        # a title in brackets beside its other name; a one-word title before what is asked
        (
            "qual é o diretor de cidade de deus (city of god)?",
            ["City of God"],
            Intent.CREATORS,
            None,
        ),
        (
            "wer spielt in how to sell drugs online (fast) mit?",
            ["How to Sell Drugs Online (Fast)"],
            Intent.CAST,
            None,
        ),
        ("is castlevania based on the games", ["Castlevania"], Intent.BASED_ON, None),
        (
            "not me crying over atypical at 3am 😭 is it over over?",
            ["Atypical"],
            Intent.STATUS,
            None,
        ),
        # a season typed onto its word; a nickname before a season; the one that is no film
        ("watcher season2 is coming??", ["The Watcher"], Intent.SEASON, 2),
        ("bojack season 6", ["BoJack Horseman"], Intent.SEASON, 6),
        (
            "lol the imperfects was such a vibe, who was in it tho",
            ["The Imperfects"],
            Intent.CAST,
            None,
        ),
        (
            "finished partner track last night and is it getting a s2 or what",
            ["Partner Track"],
            Intent.SEASON,
            2,
        ),
        # a title made of everyday words, named inside a message
        ("c'est quoi l'histoire de never have i ever ?", ["Never Have I Ever"], Intent.ABOUT, None),
        # a name typed exactly among another language's words
        ("Luna Nera è stata rinnovata o cancellata?", ["Luna Nera"], Intent.STATUS, None),
        (
            "alter ich sitz hier seit 3 std vor Biohackers 😂 kurze frage wer spielt da die "
            "hauptrolle?",
            ["Biohackers"],
            Intent.CAST,
            None,
        ),
        ("spy x family temporada 2 cuando sale", [None], Intent.PREMIERE, 2),
        # a story told before the question
        (
            "ok so story time. my sister made me watch partner track over thanksgiving and now im "
            "OBSESSED 😭 is there gonna be more or what",
            ["Partner Track"],
            Intent.STATUS,
            None,
        ),
        (
            "binged all of partner track in basically one sitting lmaooo. when did it even come "
            "out??",
            ["Partner Track"],
            Intent.PREMIERE,
            None,
        ),
        (
            "finished the partner track finale in the parking lot on my phone. is it cancelled",
            ["Partner Track"],
            Intent.STATUS,
            None,
        ),
        (
            "ok so my coworker won't shut up about the dahmer series at lunch. did they renew it",
            ["Dahmer – Monster: The Jeffrey Dahmer Story"],
            Intent.STATUS,
            None,
        ),
        (
            "10/10 would recommend partner track to anyone who likes lawyer drama. anyway how "
            "many episodes is it",
            ["Partner Track"],
            Intent.COUNTS,
            None,
        ),
        (
            "who directed marriage story, the one with scarlett johansson and adam driver?",
            ["Marriage Story"],
            Intent.CREATORS,
            None,
        ),
        (
            "is partner track based on a book? my mom says it is and i don't believe her",
            ["Partner Track"],
            Intent.BASED_ON,
            None,
        ),
        # several shows compared
        (
            "are dahmer and the watcher from the same creator",
            ["Dahmer – Monster: The Jeffrey Dahmer Story", "The Watcher"],
            Intent.CREATORS,
            None,
        ),
        (
            "are okja and snowpiercer from the same director?",
            ["Okja", "Snowpiercer"],
            Intent.CREATORS,
            None,
        ),
        (
            "sex education or never have i ever — which has more seasons?",
            ["Sex Education", "Never Have I Ever"],
            Intent.COUNTS,
            None,
        ),
        (
            "Lupin and Call My Agent! are both french right? how many seasons each",
            ["Lupin", "Call My Agent!"],
            Intent.COUNTS,
            None,
        ),
        # the sentence that asks, not the one that says ("ever made. who's in it")
        (
            "partner track is the best show ever made lol. who's in it",
            ["Partner Track"],
            Intent.CAST,
            None,
        ),
        ("the watcher... who is teh main guy in it", ["The Watcher"], Intent.CAST, None),
        ("who's in the watcher, the guy playing dean is 🔥", ["The Watcher"], Intent.CAST, None),
        (
            "lmao my gf made me watch dahmer and now im crying whos the main actress",
            ["Dahmer – Monster: The Jeffrey Dahmer Story"],
            Intent.CAST,
            None,
        ),
    ],
)
def test_questions_as_strangers_type_them(
    strangers_reader: QuestionReader,
    question: str,
    expected: list[str],
    intent: Intent,
    season: int | None,
) -> None:
    reading = strangers_reader.read(question)
    assert titles(strangers_reader, question) == expected
    assert (reading.intent, reading.season) == (intent, season)


def test_a_long_polite_question_about_the_bot_is_help(strangers_reader: QuestionReader) -> None:
    reading = strangers_reader.read(
        "Good afternoon. I am new to this Discord server and rather unfamiliar with these bots. "
        "Might you explain what sort of questions you are able to answer? Thank you ever so much"
    )
    assert reading.small_talk is not None and reading.subjects == ()


def test_small_talk_in_words_of_its_own_once_no_show_is_named(reader: QuestionReader) -> None:
    assert reader.read("good morning film club ☕").small_talk is SmallTalk.GREETING
    assert reader.read("cheers mate, much obliged").small_talk is SmallTalk.THANKS
    # asking something, or naming words no everyday sentence has, is no small talk
    assert reader.read("hi, is breaking bad renewed?").small_talk is None
    assert reader.read("hallo, die stille stadt?").small_talk is None
    assert titles(reader, "hey partner track?") == ["Partner Track"]


@pytest.mark.parametrize(
    "message",
    ["my mom keeps calling me, one sec", "ugh my sisters keep calling me lol"],
)
def test_people_talking_around_an_everyday_title_is_small_talk(message: str) -> None:
    reader = QuestionReader(
        TitleIndex(
            [
                *SHOWS,
                TitleEntry(44, "The Calling", 2014, film=True),
                TitleEntry(45, "Sisters", 2015, film=True),
            ]
        )
    )
    assert reader.read(message).small_talk is not None
    # asking of the show, or a person, is no small talk
    assert titles(reader, "my sisters say the calling is good, who's in it?") == ["The Calling"]
    assert reader.read("where have i seen kate siegel before").small_talk is None


@pytest.mark.parametrize(
    "message",
    [
        "how often do you update your data?",
        "what's your favourite colour",
        "lmaooo jake you did NOT just say that",
    ],
)
def test_everyday_words_said_to_someone_are_small_talk(
    reader: QuestionReader, message: str
) -> None:
    assert reader.read(message).small_talk is not None
    # a word asked only of shows, or an article a name could start with, is a question
    assert reader.read("do you know if the morning show got renewed").small_talk is None
    assert reader.read("do you know if velvet lanterns got renewed").small_talk is None


def test_a_question_only_a_series_answers_means_the_series() -> None:
    dahmer = "Dahmer – Monster: The Jeffrey Dahmer Story"
    reader = QuestionReader(
        TitleIndex(
            [
                TitleEntry(4, dahmer, 2022, "Netflix", ("Dahmer", "Monster")),
                TitleEntry(30, "Monster", 2021, film=True),
            ]
        )
    )
    assert reader.read("monster?").subjects[0].ambiguous
    assert titles(reader, "monster season 4??") == [dahmer]
    assert titles(reader, "that monster series, still going?") == [dahmer]


def test_a_name_beside_words_no_title_has(wider_reader: QuestionReader) -> None:
    assert titles(wider_reader, "the watcher runtime") == ["The Watcher"]
    assert titles(wider_reader, "army of the dead with bautista, who directed") == [
        "Army of the Dead"
    ]
    # a word some title has may be the rest of one the catalogue lacks
    assert titles(wider_reader, "the watcher kingdom") == [None]
    assert titles(wider_reader, "the watcher kingdom still on?") == [None]
    assert titles(wider_reader, "the morning show cast") == [None]


@pytest.mark.parametrize(
    "message",
    [
        "kamusta bot! ano ba kaya mong gawin?",
        "do u do recomendations or just facts?",
        "thanks that was actually useful",
        "you're a genius fr",
        "hello?? anyone home",
    ],
)
def test_small_talk_said_to_the_bot_in_any_words(message: str) -> None:
    reader = QuestionReader(TitleIndex([*SHOWS, TitleEntry(40, "Home", 2015, film=True)]))
    assert reader.read(message).small_talk is not None
    assert titles(reader, "home?") == ["Home"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("dahmer got renewed for like 3 more seasons right?", ["Dahmer"]),
        ("is the imperfects over? the other half of my group chat say no", ["The Imp"]),
        ("is the watcher back? we call the help desk every day", ["The Wat"]),
        ("finished partner track last night, is there more?", ["Partner Track"]),
    ],
)
def test_everyday_titles_inside_a_sentence_are_its_words(
    question: str, expected: list[str]
) -> None:
    reader = QuestionReader(
        TitleIndex(
            [
                *SHOWS,
                TitleEntry(41, "3%", 2016, "Netflix"),
                TitleEntry(42, "The Other", 1999, film=True),
                TitleEntry(43, "Last Night", 2010, film=True),
            ]
        )
    )
    found = [title or "" for title in titles(reader, question)]
    assert len(found) == len(expected)
    assert all(title.startswith(start) for title, start in zip(found, expected, strict=True))
