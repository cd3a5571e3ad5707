"""People across the catalogue: who plays a character when no show is named, what a person
is in, and one line when no one fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.answers import PersonAnswer
from bot.application import Application
from bot.matching.index import Resolution
from bot.matching.intents import Intent
from bot.matching.reading import Reading
from db.vocabulary import CreditRole
from tests.bot.answering.conftest import only

pytestmark = pytest.mark.asyncio


async def person(app: Application, intent: Intent, **arguments: str) -> PersonAnswer:
    asked = Reading(text=" ".join(arguments.values()), intent=intent, **arguments)  # type: ignore[arg-type]
    answer = only(await app.answers.answer(asked))
    assert isinstance(answer, PersonAnswer), answer
    assert answer.intent is intent
    return answer


async def test_who_plays_a_character_across_the_catalogue(app: Application) -> None:
    answer = await person(app, Intent.CHARACTER, character="tyler")
    assert answer.lead == "Bradley Gibson plays Tyler Robinson in Partner Track (2022)."
    assert answer.name == "Tyler Robinson" and answer.found
    (credit,) = answer.credits
    assert (credit.person, credit.character, credit.title) == (
        "Bradley Gibson",
        "Tyler Robinson",
        "Partner Track",
    )
    assert credit.role is CreditRole.ACTOR and not credit.film


async def test_every_character_of_that_name(catalogue: Application) -> None:
    answer = await person(catalogue, Intent.CHARACTER, character="Tyler")
    assert {(c.person, c.character) for c in answer.credits} == {
        ("Bradley Gibson", "Tyler Robinson"),
        ("Tyler Quinn", "Tyler Hale"),
    }
    assert "Bradley Gibson plays Tyler Robinson in Partner Track (2022)" in answer.lead
    assert "Tyler Quinn plays Tyler Hale in Harbour Lights (2019)" in answer.lead


async def test_a_character_with_a_typo_and_a_title_of_its_own(app: Application) -> None:
    answer = await person(app, Intent.CHARACTER, character="sidney burke")
    assert answer.lead == "Italia Ricci plays Dr. Sydney Burke in The Imperfects (2022)."


async def test_no_such_character(app: Application) -> None:
    answer = await person(app, Intent.CHARACTER, character="walter white")
    assert not answer.found and answer.credits == ()
    assert answer.lead == "No character called Walter White is in the catalogue's cast lists."


async def test_what_a_person_is_in(app: Application) -> None:
    answer = await person(app, Intent.FILMOGRAPHY, person="arden cho")
    assert answer.lead == "Arden Cho is in Partner Track (2022), as Ingrid Yun."
    assert answer.name == "Arden Cho"
    assert [(c.title, c.character) for c in answer.credits] == [("Partner Track", "Ingrid Yun")]


@pytest.mark.parametrize("typed", ["arden", "ARDEN CHO", "arden choo", "Árden Cho"])
async def test_a_person_by_first_name_in_any_case_or_with_a_typo(
    app: Application, typed: str
) -> None:
    answer = await person(app, Intent.FILMOGRAPHY, person=typed)
    assert answer.name == "Arden Cho" and answer.found


async def test_a_person_credited_on_several_titles(app: Application) -> None:
    answer = await person(app, Intent.FILMOGRAPHY, person="ryan murphy")
    assert answer.lead.startswith("Ryan Murphy is credited on two titles in the catalogue: ")
    assert {c.title for c in answer.credits} == {
        "The Watcher",
        "Dahmer – Monster: The Jeffrey Dahmer Story",
    }
    assert {c.role for c in answer.credits} == {CreditRole.CREATOR}


async def test_a_director_of_a_film(catalogue: Application) -> None:
    answer = await person(catalogue, Intent.FILMOGRAPHY, person="steve brill")
    assert answer.lead == "Steve Brill directed Hubie Halloween (2020)."
    assert answer.credits[0].film


async def test_a_first_name_several_people_share(catalogue: Application) -> None:
    answer = await person(catalogue, Intent.FILMOGRAPHY, person="tyler")
    assert not answer.found
    assert answer.lead == (
        "More than one person in the catalogue is called Tyler: Tyler Moss and Tyler Quinn. "
        "Ask again with the full name."
    )


async def test_no_such_person(app: Application) -> None:
    answer = await person(app, Intent.FILMOGRAPHY, person="zebulon pike")
    assert not answer.found
    assert answer.lead == "No one called Zebulon Pike is in the catalogue."


async def test_a_name_the_index_could_not_place_is_the_characters(app: Application) -> None:
    """'who plays tyler': a reader may try "tyler" as a title first; no show fits it."""
    asked = Reading(
        text="who plays tyler",
        intent=Intent.CHARACTER,
        subjects=(Resolution(query="tyler", match=None, candidates=()),),
        character="tyler",
    )
    answer = only(await app.answers.answer(asked))
    assert isinstance(answer, PersonAnswer) and answer.found


async def test_people_imported_later_are_found(app: Application, tmp_path: Path) -> None:
    """The directory is loaded once, and again when the catalogue has changed since."""
    assert not (await person(app, Intent.CHARACTER, character="zed marlow")).found
    document = {
        "format": "showbot.records/1",
        "shows": [
            {
                "title": "Salt Road",
                "kind": "series",
                "credits": [{"name": "Ines Vale", "role": "actor", "character": "Zed Marlow"}],
            }
        ],
    }
    path = tmp_path / "salt.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert (await app.catalogue.import_file(path)).committed
    answer = await person(app, Intent.CHARACTER, character="zed marlow")
    assert answer.lead == "Ines Vale plays Zed Marlow in Salt Road."


async def test_a_bare_name_that_is_no_show_is_a_person(app: Application) -> None:
    answer = only(await app.answers.ask("arden cho"))
    assert isinstance(answer, PersonAnswer) and answer.name == "Arden Cho", answer
    assert [c.title for c in answer.credits] == ["Partner Track"]
    stranger = only(await app.answers.ask("zebulon pikestaff"))
    assert not isinstance(stranger, PersonAnswer), stranger  # no one: the show is not found
