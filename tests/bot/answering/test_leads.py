"""Each intent's lead, from the records only: the built-in articles' facts, and one line
saying so when a record lacks the fact."""

from __future__ import annotations

from typing import Any

import pytest

from bot.answering.answers import ShowAnswer
from bot.application import Application
from bot.matching.intents import Intent
from tests.bot.answering.conftest import only, reading

pytestmark = pytest.mark.asyncio


async def lead(app: Application, title: str, intent: Intent, **arguments: Any) -> str:
    answer = only(await app.answers.answer(reading(app, title, intent=intent, **arguments)))
    assert isinstance(answer, ShowAnswer), answer
    assert answer.intent is intent
    return answer.lead


# -- status and decisions ------------------------------------------------------------------


async def test_status_leads_with_the_decision_its_date_and_its_source(app: Application) -> None:
    assert await lead(app, "partner track", Intent.STATUS) == (
        "Partner Track was cancelled by Netflix on 8 November 2022, after one season. "
        "Source: “Netflix has cancelled two new series right after their first season "
        "premieres”."
    )
    watcher = await lead(app, "the watcher", Intent.STATUS)
    assert watcher.startswith(
        "The Watcher was renewed by Netflix for a second season on 7 November 2022. Source: “"
    )
    dahmer = await lead(app, "dahmer", Intent.STATUS)
    assert "renewed by Netflix for two more seasons on 7 November 2022" in dahmer


async def test_status_without_a_decision_says_nothing_is_on_record(catalogue: Application) -> None:
    assert await lead(catalogue, "stranger things", Intent.STATUS) == (
        "Nothing on record says whether Stranger Things has been renewed or cancelled."
    )
    assert await lead(catalogue, "hubie halloween", Intent.STATUS) == (
        "Hubie Halloween is a film: films are not renewed or cancelled."
    )


async def test_an_overview_leads_with_the_status(app: Application) -> None:
    assert await lead(app, "the imperfects", Intent.OVERVIEW) == (
        "The Imperfects was cancelled by Netflix on 8 November 2022, after one season."
    )


# -- a given season: yes, no, or nothing on record -----------------------------------------


async def test_a_cancelled_show_gets_no_next_season(app: Application) -> None:
    assert await lead(app, "partner track", Intent.SEASON, season=2) == (
        "No: Partner Track was cancelled by Netflix on 8 November 2022, after one season, "
        "so there will be no season 2."
    )


async def test_a_renewal_covers_the_seasons_it_ordered_and_no_more(app: Application) -> None:
    assert await lead(app, "the watcher", Intent.SEASON, season=2) == (
        "Yes: The Watcher was renewed by Netflix for a second season on 7 November 2022, "
        "so season 2 is on the way."
    )
    assert (await lead(app, "dahmer", Intent.SEASON, season=3)).startswith("Yes: ")
    assert await lead(app, "dahmer", Intent.SEASON, season=4) == (
        "Nothing on record says whether there will be a season 4 of Dahmer – Monster: "
        "The Jeffrey Dahmer Story: its renewal on 7 November 2022 was for two more seasons."
    )


async def test_no_decision_on_record_is_never_read_as_not_ordered(catalogue: Application) -> None:
    answer = await lead(catalogue, "stranger things", Intent.SEASON, season=5)
    assert answer == "Nothing on record says whether there will be a season 5 of Stranger Things."
    assert "ordered" not in answer
    assert await lead(catalogue, "paper boats", Intent.SEASON, season=2) == (
        "Nothing on record says whether there will be a season 2 of Paper Boats: "
        "it is awaiting a decision from Riverside One."
    )


async def test_a_renewal_without_a_count_vouches_for_the_next_season_only(
    catalogue: Application,
) -> None:
    assert (await lead(catalogue, "kettle street", Intent.SEASON, season=4)).startswith(
        "Yes: Kettle Street was renewed by Riverside One on 1 February 2023"
    )
    later = await lead(catalogue, "kettle street", Intent.SEASON, season=5)
    assert later.startswith("Nothing on record says whether there will be a season 5")
    assert "doesn't say how many seasons" in later


async def test_ended_and_limited_shows_get_no_more_seasons(catalogue: Application) -> None:
    assert await lead(catalogue, "harbour lights", Intent.SEASON, season=3) == (
        "No: Harbour Lights has ended on Northgate TV, after two seasons (1 June 2021), "
        "so there will be no season 3."
    )
    assert (await lead(catalogue, "one winter", Intent.SEASON, season=2)).startswith(
        "No: One Winter is a limited series"
    )


async def test_an_aired_season_is_said_to_have_aired(catalogue: Application) -> None:
    assert await lead(catalogue, "partner track", Intent.SEASON, season=1) == (
        "Season 1 of Partner Track premiered on 26 August 2022."
    )
    assert await lead(catalogue, "hubie halloween", Intent.SEASON, season=2) == (
        "Hubie Halloween is a film, so it has no seasons."
    )


# -- people --------------------------------------------------------------------------------


async def test_cast(app: Application) -> None:
    assert await lead(app, "partner track", Intent.CAST) == (
        "Partner Track stars Arden Cho as Ingrid Yun, Alexandra Turshen as Rachel Friedman "
        "and Bradley Gibson as Tyler Robinson. The cast on record lists 12 more actors."
    )
    assert await lead(app, "the watcher", Intent.CAST) == (
        "The record doesn't say who is in The Watcher."
    )


@pytest.mark.parametrize("typed", ["tyler", "Tyler Robinson", "TYLER", "tylr", "robinson"])
async def test_who_plays_a_character_in_a_show(app: Application, typed: str) -> None:
    assert await lead(app, "partner track", Intent.CHARACTER, character=typed) == (
        "Bradley Gibson plays Tyler Robinson in Partner Track."
    )


async def test_a_character_the_record_lacks(app: Application) -> None:
    assert await lead(app, "partner track", Intent.CHARACTER, character="walter") == (
        "The record doesn't say who plays Walter in Partner Track."
    )


async def test_whom_a_person_plays_in_a_show(app: Application) -> None:
    assert await lead(app, "partner track", Intent.FILMOGRAPHY, person="arden cho") == (
        "Arden Cho plays Ingrid Yun in Partner Track."
    )
    assert await lead(app, "partner track", Intent.FILMOGRAPHY, person="lena ahn") == (
        "Lena Ahn is in the cast of Partner Track; the record doesn't name the character."
    )
    assert await lead(app, "partner track", Intent.FILMOGRAPHY, person="italia ricci") == (
        "The record doesn't list Italia Ricci in Partner Track."
    )


async def test_creators_developers_and_directors(catalogue: Application) -> None:
    assert await lead(catalogue, "the imperfects", Intent.CREATORS) == (
        "The Imperfects was created by Shelley Eriksen and Dennis Heaton."
    )
    assert await lead(catalogue, "hubie halloween", Intent.CREATORS) == (
        "Hubie Halloween was directed by Steve Brill."
    )
    assert await lead(catalogue, "kota factory", Intent.CREATORS) == (
        "The record doesn't say who created Kota Factory."
    )


async def test_creators_with_the_production_company(app: Application) -> None:
    """'who produced partner track': the company is part of who made it."""
    assert await lead(app, "partner track", Intent.CREATORS) == (
        "Partner Track was developed by Georgia Lee and produced by Jax Media."
    )


# -- dates and counts ------------------------------------------------------------------------


async def test_premiere(catalogue: Application) -> None:
    assert await lead(catalogue, "partner track", Intent.PREMIERE) == (
        "Partner Track premiered on 26 August 2022."
    )
    assert await lead(catalogue, "harbour lights", Intent.PREMIERE, season=2) == (
        "Season 2 of Harbour Lights premiered on 1 April 2021."
    )
    assert await lead(catalogue, "kota factory", Intent.PREMIERE) == (
        "Kota Factory first came out in 2019; the record doesn't give the exact date."
    )
    assert await lead(catalogue, "the watcher", Intent.PREMIERE) == (
        "The record doesn't say when The Watcher premiered."
    )


async def test_finale_and_when_it_was_cancelled(catalogue: Application) -> None:
    assert await lead(catalogue, "harbour lights", Intent.FINALE) == (
        "The season 2 finale of Harbour Lights aired on 20 May 2021. Harbour Lights has "
        "ended on Northgate TV, after two seasons (1 June 2021)."
    )
    assert await lead(catalogue, "partner track", Intent.FINALE) == (
        "Partner Track was cancelled by Netflix on 8 November 2022, after one season. "
        "The record doesn't give the date of its last episode."
    )
    assert await lead(catalogue, "the watcher", Intent.FINALE) == (
        "The record doesn't give a finale date for The Watcher."
    )


async def test_counts(catalogue: Application) -> None:
    assert await lead(catalogue, "partner track", Intent.COUNTS) == (
        "Partner Track has one season of 10 episodes."
    )
    assert await lead(catalogue, "harbour lights", Intent.COUNTS) == (
        "Harbour Lights has two seasons and 14 episodes in all."
    )
    assert await lead(catalogue, "harbour lights", Intent.COUNTS, season=2) == (
        "Season 2 of Harbour Lights has six episodes."
    )
    assert await lead(catalogue, "the imperfects", Intent.COUNTS) == (
        "The Imperfects has one season; the record doesn't say how many episodes."
    )


# -- what it is ------------------------------------------------------------------------------


async def test_about_and_based_on(app: Application) -> None:
    assert (await lead(app, "partner track", Intent.ABOUT)).startswith(
        "Ingrid Yun, an idealistic young lawyer"
    )
    assert await lead(app, "the watcher", Intent.ABOUT) == (
        "The record doesn't say what The Watcher is about."
    )
    assert await lead(app, "partner track", Intent.BASED_ON) == (
        "Partner Track is based on The Partner Track, Helen Wan's 2013 novel."
    )
    lacking = await lead(app, "the imperfects", Intent.BASED_ON)
    assert lacking.startswith(
        "The record doesn't say whether The Imperfects is based on anything. Its description: "
        "Three young adults in Seattle"
    )


async def test_based_on_from_the_description(catalogue: Application) -> None:
    """A catalogue's description may say what its record has no field for."""
    assert await lead(catalogue, "kota factory", Intent.BASED_ON) == (
        "The record doesn't say whether Kota Factory is based on anything."
    )
    assert await lead(catalogue, "dark lanterns", Intent.BASED_ON) == (
        "The record names no source for Dark Lanterns, but its description says: "
        "“Inspired by Mara Voss's bestselling novels.”"
    )


async def test_charts(app: Application) -> None:
    assert await lead(app, "partner track", Intent.CHARTS) == (
        "Partner Track peaked at #4 and spent three weeks in the chart (Netflix weekly Top 10, "
        "English-language TV). It was watched for 66 million hours (Netflix global Top 10, TV)."
    )
    assert await lead(app, "the watcher", Intent.CHARTS) == (
        "The record doesn't say how The Watcher did on the charts. Received a mixed critical "
        "response but continues to be a big hit with audiences."
    )  # no chart run, but how it was received


async def test_why(catalogue: Application) -> None:
    assert await lead(catalogue, "partner track", Intent.WHY) == (
        "Partner Track was cancelled by Netflix on 8 November 2022, after one season. "
        "Made on a modest budget, it still did not match Netflix's investment with viewers: "
        "three weeks in the Top 10 is less than Netflix wants for a renewal."
    )
    assert await lead(catalogue, "dahmer", Intent.WHY) == (
        "Dahmer – Monster: The Jeffrey Dahmer Story was renewed by Netflix for two more "
        "seasons on 7 November 2022. The renewal followed the series' incredible success."
    )
    assert await lead(catalogue, "the imperfects", Intent.WHY) == (
        "The record doesn't say why The Imperfects was cancelled. "
        "Its note on the decision: Cancelled after one season."
    )
    assert await lead(catalogue, "stranger things", Intent.WHY) == (
        "Nothing on record says whether Stranger Things has been renewed or cancelled."
    )


async def test_the_ending_lead_never_tells_the_ending(catalogue: Application) -> None:
    told = await lead(catalogue, "partner track", Intent.ENDING)
    assert told == "Spoiler ahead: how season 1 of Partner Track ended."
    assert "Jeff" not in told
    assert await lead(catalogue, "the imperfects", Intent.ENDING) == (
        "The record doesn't say how season 1 of The Imperfects ended. "
        "The Imperfects was cancelled by Netflix on 8 November 2022, after one season."
    )
    assert (await lead(catalogue, "harbour lights", Intent.ENDING, season=1)).startswith(
        "The record doesn't say how season 1 of Harbour Lights ended. Harbour Lights has ended"
    )
    assert await lead(catalogue, "stranger things", Intent.ENDING) == (
        "The record doesn't say how Stranger Things ended. "
        "Nothing on record says whether Stranger Things has been renewed or cancelled."
    )
    # A season that never aired has no ending: whether it will come is the answer.
    assert await lead(catalogue, "harbour lights", Intent.ENDING, season=7) == await lead(
        catalogue, "harbour lights", Intent.SEASON, season=7
    )
    assert (await lead(catalogue, "partner track", Intent.ENDING, season=2)).startswith(
        "No: Partner Track was cancelled by Netflix on 8 November 2022"
    )


async def test_every_intent_has_a_lead_for_every_show(catalogue: Application) -> None:
    for entry in catalogue.catalogue.index.complete("", limit=50):
        for intent in Intent:
            answer = await catalogue.answers.answer_for(entry.show_id, intent, 2)
            assert isinstance(answer, ShowAnswer)
            assert answer.lead.strip() and answer.lead.count(". ") <= 2, answer.lead
