"""The answering service against the built-in records (a real database, no Discord)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answering.answers import Ambiguous, NotFound, ShowAnswer, count_words, ordinal
from bot.answering.service import AnswerService
from bot.application import Application
from bot.matching.index import TitleEntry
from bot.matching.intents import Intent
from db.vocabulary import ShowStatus


async def _show(app: Application, question: str, **kwargs: object) -> ShowAnswer:
    answer = await app.answers.ask(question, **kwargs)  # type: ignore[arg-type]
    assert isinstance(answer, ShowAnswer), answer
    return answer


@pytest.mark.asyncio
async def test_partner_track(app: Application) -> None:
    answer = await _show(app, "is partner track cancelled?")
    assert answer.title == "Partner Track" and answer.intent is Intent.STATUS
    assert answer.status is ShowStatus.CANCELLED and answer.status_date == date(2022, 11, 8)
    assert answer.status_line == "Cancelled by Netflix on 8 November 2022 after one season."
    assert answer.cast[0].line() == "Arden Cho as Ingrid Yun"
    assert answer.ending is not None and answer.ending.season == 1 and answer.ending.cliffhanger
    assert "Jeff betrayed her to steal her job" in (answer.ending.text or "")
    assert [c.label for c in answer.creators] == ["Developed by"]
    assert len(answer.sources) == 5


@pytest.mark.asyncio
async def test_imperfects_season_two(app: Application) -> None:
    answer = await _show(app, "imperfects season 2?")
    assert answer.title == "The Imperfects" and answer.asked_season == 2
    assert answer.status is ShowStatus.CANCELLED
    assert answer.season_line == (
        "There will be no season 2: The Imperfects was cancelled after one season."
    )
    assert answer.ending is not None and answer.ending.text is None  # the articles don't say


@pytest.mark.asyncio
async def test_the_watcher(app: Application) -> None:
    answer = await _show(app, "is the watcher renewed")
    assert answer.status_line == "Renewed by Netflix for a second season on 7 November 2022."


@pytest.mark.asyncio
async def test_dahmer(app: Application) -> None:
    answer = await _show(app, "dahmer renewed?")
    assert answer.status_line == "Renewed by Netflix for two more seasons on 7 November 2022."
    assert answer.status_note is not None and "anthology" in answer.status_note


@pytest.mark.asyncio
async def test_a_show_that_is_not_there(app: Application) -> None:
    answer = await app.answers.ask("is breaking bad renewed")
    assert isinstance(answer, NotFound)
    assert answer.subject == "breaking bad"


@pytest.mark.asyncio
async def test_an_autocomplete_value_picks_the_show(app: Application) -> None:
    entry = app.catalogue.index.complete("partner")[0]
    answer = await _show(app, f"id:{entry.show_id}", intent=Intent.CAST)
    assert answer.title == "Partner Track" and answer.intent is Intent.CAST


@pytest.mark.asyncio
async def test_an_unknown_autocomplete_value_is_treated_as_text(app: Application) -> None:
    answer = await app.answers.ask("id:999999")
    assert isinstance(answer, NotFound)


@pytest.mark.asyncio
async def test_ambiguous_questions_offer_choices(app: Application) -> None:
    index = app.catalogue.index
    index.upsert(TitleEntry(9001, "Partner Track", 1999, "ABC"))
    try:
        answer = await app.answers.ask("partner track")
        assert isinstance(answer, Ambiguous)
        assert {c.year for c in answer.choices} == {1999, 2022}
    finally:
        index.remove(9001)


@pytest.mark.asyncio
async def test_a_show_deleted_behind_the_index_is_not_found(app: Application) -> None:
    app.catalogue.index.upsert(TitleEntry(424242, "Ghost Show"))
    service = AnswerService(app.database, app.catalogue.index)
    assert isinstance(await service.ask("ghost show"), NotFound)


def test_number_words() -> None:
    assert count_words(1, "season") == "one season"
    assert count_words(2, "more season") == "two more seasons"
    assert count_words(14, "season") == "14 seasons"
    assert [ordinal(n) for n in (2, 3, 13, 21, 22)] == ["second", "third", "13th", "21st", "22nd"]


def test_a_film_is_never_renewed() -> None:
    from bot.answering.service import status_line
    from db.models import Show
    from db.vocabulary import ShowKind

    film = Show(title="The Irishman", kind=ShowKind.FILM, network="Netflix")
    assert status_line(film) == "A film on Netflix: films are not renewed or cancelled."
    series = Show(title="Dark", kind=ShowKind.SERIES)
    assert status_line(series) == "No renewal or cancellation is on record yet."
