"""An import and an editor's change that name the same new person both commit, on
PostgreSQL, where editors do not wait for imports (skips without SHOWBOT_TEST_POSTGRES_URL).

The editor credits the person while the import holds it uncommitted: the edit waits, the
import commits, and the edit then takes the import's row, where a plain INSERT on the unique
name failed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.application import Application
from bot.catalogue.service import ImportReport
from bot.editing.desk import EditOutcome
from bot.editing.editors import Actor
from bot.settings import Settings
from db.models import Credit, Person
from tests.conftest import database_on, stored_show
from tests.db.test_concurrent_writers import until_waiting_for_a_lock

pytestmark = pytest.mark.asyncio

NEW_PERSON = "Imogen Vasquez-Thorne"
EDITOR = Actor(id=7, name="editor (7)")


async def test_an_import_and_an_edit_naming_the_same_new_person_both_commit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new-shows.csv"
    path.write_text(f'title,year,cast\nHarbour Lights,2025,"{NEW_PERSON}, Ola Brandt"\n')
    async with database_on("postgresql", tmp_path) as url:
        app = await Application.open(Settings(database_url=url, _env_file=None))
        try:
            show_id = (await stored_show(app, "partner track")).id
            assert show_id is not None
            edits: list[asyncio.Task[EditOutcome]] = []

            async def while_importing(session: AsyncSession, report: ImportReport) -> None:
                # The file is written, its new person with it; nothing is committed yet.
                credit: dict[str, Any] = {"name": NEW_PERSON, "role": "actor"}
                edits.append(asyncio.create_task(app.edits.add_credit(EDITOR, show_id, credit)))
                await until_waiting_for_a_lock(app.database, edits[0])

            report = await app.catalogue.import_file(path, audit=while_importing)
            outcome = await edits[0]  # the old code failed here, with a unique violation
            assert report.committed and report.created == 1
            assert outcome.edit_id is not None
            async with app.database.session() as session:
                people = await session.exec(select(Person.id).where(Person.name == NEW_PERSON))
                [person_id] = list(people)
                credited = await session.exec(
                    select(func.count()).where(col(Credit.person_id) == person_id)
                )
                assert credited.one() == 2  # in the imported show and in the edited one
        finally:
            await app.close()
