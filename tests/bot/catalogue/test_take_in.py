"""Many changed shows reach the title index a slice at a time, the bot answering between
slices, and leave it as a fresh build over the same shows would be."""

from __future__ import annotations

import asyncio

import pytest

from bot.catalogue.service import Catalogue
from bot.matching import index as index_module
from bot.matching.index import TitleEntry, TitleIndex


def _changed(catalogue: Catalogue) -> list[TitleEntry]:
    """Renames of every show the catalogue holds, and 300 new ones."""
    index = catalogue.index
    renamed = [
        TitleEntry(entry.show_id, f"{entry.title} Revisited", entry.year, aliases=(entry.title,))
        for entry in (index.get(show_id) for show_id in list(index._entries))
        if entry is not None
    ]
    new = [TitleEntry(90_000 + n, f"Harbour Lights {n}", 2000 + n % 25) for n in range(300)]
    return renamed + new


def _answers(index: TitleIndex, questions: list[str]) -> list[tuple[int | None, list[int]]]:
    found = []
    for question in questions:
        resolution = index.resolve(question)
        match = resolution.match.entry.show_id if resolution.match else None
        found.append((match, [c.entry.show_id for c in resolution.candidates]))
    return found


@pytest.mark.asyncio
async def test_many_changed_shows_are_taken_in_a_slice_at_a_time(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(catalogue.index) > 0  # the built-in records
    monkeypatch.setattr(index_module, "UPKEEP_SLICE", 0.0)  # one show a slice
    changed = _changed(catalogue)
    turns = 0
    taking_in = True

    async def answering() -> None:
        nonlocal turns
        while taking_in:
            turns += 1
            await asyncio.sleep(0)

    other = asyncio.create_task(answering())
    await catalogue._take_in(changed)
    taking_in = False
    await other
    assert turns >= len(changed)  # the loop ran something else between every two shows

    index = catalogue.index
    fresh = TitleIndex([e for e in (index.get(s) for s in list(index._entries)) if e])
    assert len(index) == len(fresh) == len(changed)
    questions = ["harbour lights 7", "harbor lights", *(e.title for e in changed[:40])]
    assert _answers(index, questions) == _answers(fresh, questions)
    assert index.table_sizes() == fresh.table_sizes()


@pytest.mark.asyncio
async def test_a_few_changed_shows_are_taken_in_without_waiting(catalogue: Catalogue) -> None:
    changed = [TitleEntry(90_001, "Harbour Lights"), TitleEntry(90_002, "Harbour Lights 2")]
    turns = 0

    async def answering() -> None:
        nonlocal turns
        turns += 1

    other = asyncio.create_task(answering())
    await catalogue._take_in(changed)
    assert turns == 0  # taken in within one slice: nothing else ran meanwhile
    await other
    assert catalogue.index.resolve("harbour lights 2").match is not None
