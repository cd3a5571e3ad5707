"""How long a film is: the lead of a length question ("how long", "runtime", "duration"),
one line when the record lacks it, and the runtime on the film's card and in its text."""

from __future__ import annotations

import pytest

from bot.answering.answers import ShowAnswer, runtime_text
from bot.answering.cards import answer_text, show_card
from bot.application import Application
from bot.discord.embeds import to_embed
from bot.matching.intents import Intent
from tests.bot.answering.conftest import only, reading


async def _answer(
    app: Application, title: str, intent: Intent, season: int | None = None
) -> ShowAnswer:
    answer = only(await app.answers.answer(reading(app, title, intent=intent, season=season)))
    assert isinstance(answer, ShowAnswer), answer
    return answer


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(209, "209 min (3 h 29 min)"), (120, "120 min (2 h)"), (60, "60 min (1 h)"), (45, "45 min")],
)
def test_a_runtime_is_told_in_minutes_then_hours(minutes: int, said: str) -> None:
    assert runtime_text(minutes) == said


@pytest.mark.asyncio
async def test_a_film_runs_its_minutes(catalogue: Application) -> None:
    answer = await _answer(catalogue, "hubie halloween", Intent.COUNTS)
    assert answer.lead == "Hubie Halloween runs 103 min (1 h 43 min)."
    text = answer_text(answer)
    assert text.splitlines()[1] == answer.lead and "Runtime: 103 min" in text


@pytest.mark.asyncio
async def test_a_film_without_its_runtime_says_so_in_one_line(catalogue: Application) -> None:
    answer = await _answer(catalogue, "glass meridian", Intent.COUNTS)
    assert answer.lead == "The record doesn't give the running time of Glass Meridian."
    assert "Runtime" not in answer_text(answer)


@pytest.mark.asyncio
async def test_a_season_of_a_film_is_corrected_then_its_length_told(
    catalogue: Application,
) -> None:
    answer = await _answer(catalogue, "hubie halloween", Intent.COUNTS, season=2)
    assert answer.lead == (
        "Hubie Halloween is a film, so it has no seasons; it runs 103 min (1 h 43 min)."
    )


@pytest.mark.asyncio
async def test_a_series_keeps_its_counts(catalogue: Application) -> None:
    answer = await _answer(catalogue, "harbour lights", Intent.COUNTS)
    assert answer.lead == "Harbour Lights has two seasons and 14 episodes in all."
    assert answer.runtime_minutes is None


@pytest.mark.asyncio
async def test_the_films_card_and_overview_show_its_runtime(catalogue: Application) -> None:
    for intent in (Intent.OVERVIEW, Intent.COUNTS):
        answer = await _answer(catalogue, "hubie halloween", intent)
        embed = to_embed(show_card(answer))
        fields = {field.name: field.value for field in embed.fields}
        assert fields["Runtime"] == "103 min" and "Seasons" not in fields
        assert "Runtime: 103 min" in answer_text(answer)
    series = await _answer(catalogue, "harbour lights", Intent.OVERVIEW)
    assert "Runtime" not in {field.name for field in to_embed(show_card(series)).fields}


@pytest.mark.asyncio
async def test_asked_in_words(catalogue: Application) -> None:
    for question in ("how long is hubie halloween", "hubie halloween runtime?"):
        reply = await catalogue.answers.ask(question)
        answer = only(reply)
        assert isinstance(answer, ShowAnswer) and answer.intent is Intent.COUNTS, answer
        assert "103 min" in answer_text(answer)
