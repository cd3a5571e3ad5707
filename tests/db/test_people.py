"""People and characters across the stored catalogue: found by name, their credits read by
key, and the directory loaded again once the catalogue changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import col, delete

from bot.application import Application
from db.models import Show
from db.people import PeopleDirectory, credits_by_id, credits_of_people
from db.vocabulary import CreditRole

pytestmark = pytest.mark.asyncio


async def test_people_and_their_credits(app: Application) -> None:
    directory = PeopleDirectory()
    async with app.database.session() as session:
        (murphy,) = await directory.people(session, "ryan murphy")
        rows = await credits_of_people(session, [murphy.key])
    assert murphy.name == "Ryan Murphy"
    assert {(r.title, r.role) for r in rows} == {
        ("The Watcher", CreditRole.CREATOR),
        ("Dahmer – Monster: The Jeffrey Dahmer Story", CreditRole.CREATOR),
    }
    assert all(r.person == "Ryan Murphy" and not r.film for r in rows)


async def test_characters_and_who_plays_them(app: Application) -> None:
    directory = PeopleDirectory()
    async with app.database.session() as session:
        (tyler,) = await directory.characters(session, "tyler")
        (row,) = await credits_by_id(session, [tyler.key])
        assert await directory.characters(session, "nobody at all") == []
    assert tyler.name == "Tyler Robinson"
    assert (row.person, row.title, row.year, row.billing_order) == (
        "Bradley Gibson",
        "Partner Track",
        2022,
        3,
    )


async def test_credits_come_newest_first(app: Application, tmp_path: Path) -> None:
    document = {
        "format": "showbot.records/1",
        "shows": [
            {"title": f"Show {year}", "kind": "film", "year": year,
             "credits": [{"name": "Arden Cho", "role": "actor"}]}
            for year in (2010, 2024)
        ] + [{"title": "Undated", "kind": "series",
              "credits": [{"name": "Arden Cho", "role": "director"}]}],
    }  # fmt: skip
    path = tmp_path / "more.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert (await app.catalogue.import_file(path)).committed
    directory = PeopleDirectory()
    async with app.database.session() as session:
        (arden,) = await directory.people(session, "arden")
        rows = await credits_of_people(session, [arden.key])
    assert [(r.title, r.film) for r in rows] == [
        ("Show 2024", True),
        ("Partner Track", False),
        ("Show 2010", True),
        ("Undated", False),
    ]


async def test_the_directory_follows_the_catalogue(app: Application, tmp_path: Path) -> None:
    directory = PeopleDirectory()
    async with app.database.session() as session:
        assert await directory.people(session, "ines vale") == []
    document = {
        "format": "showbot.records/1",
        "shows": [{"title": "Salt Road", "credits": [{"name": "Ines Vale", "character": "Zed"}]}],
    }
    path = tmp_path / "salt.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert (await app.catalogue.import_file(path)).committed
    async with app.database.session() as session:
        (ines,) = await directory.people(session, "ines vale")
        (zed,) = await directory.characters(session, "zed")
    async with app.database.transaction() as session:
        await session.exec(delete(Show).where(col(Show.title) == "Salt Road"))
    async with app.database.session() as session:
        # A deleted show takes its credits along, whatever the directory still holds.
        assert await credits_by_id(session, [zed.key]) == []
        assert await credits_of_people(session, [ines.key]) == []
