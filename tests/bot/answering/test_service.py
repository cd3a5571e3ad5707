"""The answering service against the built-in records (a real database, no Discord): from a
reading to a reply, one answer per show named."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete
from sqlmodel import col

from bot.announcements.desk import StatusRequest
from bot.answering.answers import (
    Ambiguous,
    HelpAnswer,
    NotFound,
    Reply,
    ShowAnswer,
    count_words,
    ordinal,
)
from bot.answering.service import AnswerService
from bot.answering.show_answers import status_line
from bot.application import Application
from bot.matching.index import Candidate, Resolution, TitleEntry
from bot.matching.intents import Intent, SmallTalk
from bot.matching.reading import Reading
from db.models import Show
from db.vocabulary import ShowKind, ShowStatus
from tests.bot.answering.conftest import only, reading, resolved


async def _show(reply: Reply) -> ShowAnswer:
    answer = only(reply)
    assert isinstance(answer, ShowAnswer), answer
    return answer


@pytest.mark.asyncio
async def test_partner_track(app: Application) -> None:
    answer = await _show(
        await app.answers.answer(reading(app, "partner track", intent=Intent.STATUS))
    )
    assert answer.title == "Partner Track" and answer.intent is Intent.STATUS
    assert answer.status is ShowStatus.CANCELLED and answer.status_date == date(2022, 11, 8)
    assert answer.status_line == "Cancelled by Netflix on 8 November 2022 after one season."
    assert answer.cast[0].line() == "Arden Cho as Ingrid Yun"
    assert answer.decision_source is not None
    assert answer.decision_source.title.startswith("Netflix has cancelled two new series")
    assert [c.label for c in answer.creators] == ["Developed by"]
    assert len(answer.sources) == 5
    assert answer.sources[0] == answer.decision_source  # the decision's source comes first
    assert answer.why and "modest budget" in answer.why[0]


@pytest.mark.asyncio
async def test_the_ending_carries_its_source(app: Application) -> None:
    answer = await _show(
        await app.answers.answer(reading(app, "partner track", intent=Intent.ENDING))
    )
    assert answer.ending is not None and answer.ending.season == 1 and answer.ending.cliffhanger
    assert "Jeff betrayed her to steal her job" in (answer.ending.text or "")
    assert answer.ending.source is not None and "Cliffhanger" in answer.ending.source.title


@pytest.mark.asyncio
async def test_a_season_asked_with_a_status_question_is_a_season_question(
    app: Application,
) -> None:
    answer = await _show(
        await app.answers.answer(reading(app, "the imperfects", intent=Intent.STATUS, season=2))
    )
    assert answer.intent is Intent.SEASON and answer.asked_season == 2
    assert answer.lead.startswith("No: The Imperfects was cancelled")
    assert answer.ending is not None and answer.ending.text is None  # the articles don't say


@pytest.mark.asyncio
async def test_a_slash_commands_intent_and_season_win_over_the_readings(app: Application) -> None:
    asked = reading(app, "partner track", intent=Intent.STATUS, season=3)
    answer = await _show(await app.answers.answer(asked, intent=Intent.ENDING, season=1))
    assert answer.intent is Intent.ENDING and answer.asked_season == 1


@pytest.mark.asyncio
async def test_several_shows_answer_each_up_to_three(app: Application) -> None:
    names = ("partner track", "the watcher", "dahmer", "the imperfects")
    reply = await app.answers.answer(reading(app, *names, intent=Intent.STATUS))
    titles = [a.title for a in reply.answers if isinstance(a, ShowAnswer)]
    assert titles == ["Partner Track", "The Watcher", "Dahmer – Monster: The Jeffrey Dahmer Story"]
    leads = [a.lead for a in reply.answers if isinstance(a, ShowAnswer)]
    assert "cancelled" in leads[0] and "renewed" in leads[1] and "two more seasons" in leads[2]


@pytest.mark.asyncio
async def test_a_show_named_twice_is_answered_once(app: Application) -> None:
    reply = await app.answers.answer(reading(app, "dahmer", "monster", "the watcher"))
    assert [getattr(a, "title", None) for a in reply.answers] == [
        "Dahmer – Monster: The Jeffrey Dahmer Story",
        "The Watcher",
    ]


def _not_found(app: Application, query: str, *titles: str) -> Resolution:
    """What the index says of a title it does not hold, with these shows as the nearest."""
    entries = [resolved(app, title).match for title in titles]
    candidates = tuple(
        Candidate(match.entry, 0.4, match.matched_name) for match in entries if match is not None
    )
    return Resolution(query=query, match=None, candidates=candidates)


@pytest.mark.asyncio
async def test_not_found_never_suggests_the_words_it_could_not_find(app: Application) -> None:
    index = app.catalogue.index
    index.upsert(TitleEntry(9002, "You", 2018, "Netflix"))
    try:
        subject = _not_found(app, "you", "you", "partner track", "the imperfects")
        asked = Reading(
            text="thank you", intent=Intent.STATUS, subjects=(subject,), subject_words="you"
        )
        answer = only(await app.answers.answer(asked))
        assert isinstance(answer, NotFound)
        assert answer.subject == "you" and answer.intent is Intent.STATUS
        assert [s.title for s in answer.suggestions] == ["Partner Track", "The Imperfects"]
        assert all(s.show_id in index for s in answer.suggestions)
    finally:
        index.remove(9002)


@pytest.mark.asyncio
async def test_words_that_are_exactly_a_title_answer_that_show(app: Application) -> None:
    """A reader that could not place "the watcher" must not make the bot deny the show."""
    subject = _not_found(app, "is the watcher renewed", "partner track")
    for words in ("the watcher", "watcher", "WATCHER"):
        asked = Reading(
            text="is the watcher renewed",
            intent=Intent.STATUS,
            subjects=(subject,),
            subject_words=words,
        )
        answer = await _show(await app.answers.answer(asked))
        assert answer.title == "The Watcher" and answer.intent is Intent.STATUS
    no_subject = Reading(text="imperfects?", intent=Intent.STATUS, subject_words="imperfects")
    assert (await _show(await app.answers.answer(no_subject))).title == "The Imperfects"


@pytest.mark.asyncio
async def test_words_that_are_exactly_two_titles_ask_which(app: Application) -> None:
    index = app.catalogue.index
    index.upsert(TitleEntry(9003, "The Watcher", 1995, "ABC"))
    try:
        subject = _not_found(app, "watcher", "partner track")
        asked = Reading(
            text="watcher", intent=Intent.STATUS, subjects=(subject,), subject_words="watcher"
        )
        answer = only(await app.answers.answer(asked))
        assert isinstance(answer, Ambiguous)
        assert {c.year for c in answer.choices} == {1995, None}
    finally:
        index.remove(9003)


@pytest.mark.asyncio
async def test_a_show_that_is_not_there(app: Application) -> None:
    answer = only(await app.answers.ask("is breaking bad renewed"))
    assert isinstance(answer, NotFound)
    assert answer.subject == "breaking bad"


@pytest.mark.asyncio
async def test_an_autocomplete_value_picks_the_show(app: Application) -> None:
    entry = app.catalogue.index.complete("partner")[0]
    answer = await _show(await app.answers.ask(f"id:{entry.show_id}", intent=Intent.CAST))
    assert answer.title == "Partner Track" and answer.intent is Intent.CAST


@pytest.mark.asyncio
async def test_an_unknown_autocomplete_value_is_treated_as_text(app: Application) -> None:
    assert isinstance(only(await app.answers.ask("id:999999")), NotFound)


@pytest.mark.asyncio
async def test_ambiguous_questions_offer_choices(app: Application) -> None:
    index = app.catalogue.index
    index.upsert(TitleEntry(9001, "Partner Track", 1999, "ABC"))
    try:
        subject = index.resolve("partner track")
        asked = Reading(
            text="who plays tyler in partner track",
            intent=Intent.CHARACTER,
            subjects=(subject,),
            character="tyler",
        )
        answer = only(await app.answers.answer(asked))
        assert isinstance(answer, Ambiguous)
        assert {c.year for c in answer.choices} == {1999, 2022}
        assert answer.character == "tyler"  # for the answer once a show is picked
    finally:
        index.remove(9001)


@pytest.mark.asyncio
async def test_a_show_deleted_behind_the_index_is_not_found(app: Application) -> None:
    app.catalogue.index.upsert(TitleEntry(424242, "Ghost Show"))
    service = AnswerService(app.database, app.catalogue.index)
    assert isinstance(only(await service.ask("ghost show")), NotFound)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("talk", "expected"),
    [
        (SmallTalk.GREETING, "Hello!"),
        (SmallTalk.THANKS, "You're welcome!"),
        (SmallTalk.ABOUT_BOT, "I'm a bot"),
        (SmallTalk.HELP, "I answer questions about TV shows"),
    ],
)
async def test_small_talk_gets_help_and_never_a_show(
    app: Application, talk: SmallTalk, expected: str
) -> None:
    answer = only(
        await app.answers.answer(Reading(text="hi", intent=Intent.OVERVIEW, small_talk=talk))
    )
    assert isinstance(answer, HelpAnswer) and answer.talk is talk
    assert expected in answer.lead
    assert answer.examples and all(isinstance(e, str) for e in answer.examples)


@pytest.mark.asyncio
async def test_show_help(app: Application) -> None:
    answer = only(app.answers.help())
    assert isinstance(answer, HelpAnswer) and len(answer.examples) >= 4


@pytest.mark.asyncio
async def test_a_question_naming_nothing(app: Application) -> None:
    named = Reading(text="is blorp renewed", intent=Intent.STATUS, subject_words="blorp")
    answer = only(await app.answers.answer(named))
    assert isinstance(answer, NotFound) and answer.subject == "blorp"
    answer = only(await app.answers.answer(Reading(text="is it renewed", intent=Intent.STATUS)))
    assert isinstance(answer, HelpAnswer) and "Which show" in answer.lead


def test_number_words() -> None:
    assert count_words(1, "season") == "one season"
    assert count_words(2, "more season") == "two more seasons"
    assert count_words(14, "season") == "14 seasons"
    assert [ordinal(n) for n in (2, 3, 13, 21, 22)] == ["second", "third", "13th", "21st", "22nd"]


def test_a_film_is_never_renewed() -> None:
    film = Show(title="The Irishman", kind=ShowKind.FILM, network="Netflix")
    assert status_line(film) == "A film on Netflix: films are not renewed or cancelled."
    series = Show(title="Dark", kind=ShowKind.SERIES)
    assert status_line(series) == "No renewal or cancellation is on record yet."


@pytest.mark.asyncio
async def test_a_show_answered_from_memory_is_still_the_show_another_process_changed(
    app: Application,
) -> None:
    """Answers keep shows in memory, and every change made anywhere shows at the next ask:
    a status recorded and a show removed by another process (another Application)."""
    first = await _show(await app.answers.ask("is the watcher renewed"))
    assert first.status is ShowStatus.RENEWED
    assert (await _show(await app.answers.ask("is the watcher renewed"))) == first
    elsewhere = await Application.open(app.settings)
    try:
        request = StatusRequest(show_id=first.show_id, status=ShowStatus.CANCELLED, silent=True)
        assert (await elsewhere.status.set_status(request)).changed
        changed = await _show(await app.answers.ask("is the watcher renewed"))
        assert changed.status is ShowStatus.CANCELLED
        async with elsewhere.database.transaction() as session:
            await session.exec(delete(Show).where(col(Show.id) == first.show_id))
    finally:
        await elsewhere.close()
    gone = await app.answers.answer_for(first.show_id, Intent.STATUS)
    assert isinstance(gone, NotFound)
