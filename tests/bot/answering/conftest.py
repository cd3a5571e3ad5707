"""Answering tests: the built-in records, plus a few imported shows whose records lack what
the built-in ones have (no status, no creators, films, one without its runtime) or hold what
they lack (an ended show with finale dates, an awaited decision, a second Tyler)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.answering.answers import Answer, Reply
from bot.application import Application
from bot.matching.index import Resolution
from bot.matching.intents import Intent
from bot.matching.reading import Reading

SOURCE = {"ref": "test:harbour", "title": "Harbour Lights ends", "url": "https://example.org/h"}

EXTRA_SHOWS = [
    {
        "title": "Harbour Lights",
        "kind": "series",
        "year": 2019,
        "network": "Northgate TV",
        "status": "ended",
        "status_date": "2021-06-01",
        "season_count": 2,
        "seasons": [
            {"number": 1, "premiere_date": "2019-03-01", "finale_date": "2019-04-19",
             "episode_count": 8},
            {"number": 2, "premiere_date": "2021-04-01", "finale_date": "2021-05-20",
             "episode_count": 6, "ending": "The lighthouse goes dark.", "source": "test:harbour"},
        ],
        "credits": [
            {"name": "Tyler Quinn", "role": "actor", "character": "Tyler Hale", "billing": 1},
            {"name": "Mara Voss", "role": "creator"},
        ],
        "status_history": [
            {"to": "ended", "date": "2021-06-01", "note": "Ended as planned.",
             "source": "test:harbour"},
        ],
    },
    {
        "title": "Kettle Street",
        "kind": "series",
        "network": "Riverside One",
        "status": "renewed",
        "status_date": "2023-02-01",
        "season_count": 3,
        "status_history": [{"to": "renewed", "date": "2023-02-01"}],
        "credits": [{"name": "Tyler Moss", "role": "actor", "character": "Ben Okafor"}],
    },
    {
        "title": "Paper Boats",
        "kind": "series",
        "network": "Riverside One",
        "status": "awaiting_decision",
        "season_count": 1,
    },
    {
        "title": "Stranger Things",
        "kind": "series",
        "year": 2016,
        "season_count": 4,
        "logline": "When a young boy vanishes, a small town uncovers a mystery.",
        "credits": [{"name": "Winona Ryder", "role": "actor", "billing": 1}],
    },
    {"title": "Kota Factory", "kind": "series", "year": 2019, "season_count": 2},
    {
        "title": "Dark Lanterns",
        "kind": "series",
        "logline": "Lamplighters guard a city. Inspired by Mara Voss's bestselling novels.",
    },
    {
        "title": "Hubie Halloween",
        "kind": "film",
        "year": 2020,
        "runtime_minutes": 103,
        "credits": [
            {"name": "Adam Sandler", "role": "actor", "billing": 1},
            {"name": "Steve Brill", "role": "director"},
        ],
    },
    {"title": "Glass Meridian", "kind": "film", "year": 2021},
    {
        "title": "One Winter",
        "kind": "series",
        "network": "Northgate TV",
        "status": "limited_series",
        "season_count": 1,
    },
]  # fmt: skip


@pytest_asyncio.fixture
async def catalogue(app: Application, tmp_path: Path) -> AsyncIterator[Application]:
    """The application with the built-in records and the extra shows above."""
    path = tmp_path / "extra.json"
    document = {"format": "showbot.records/1", "sources": [SOURCE], "shows": EXTRA_SHOWS}
    path.write_text(json.dumps(document), encoding="utf-8")
    report = await app.catalogue.import_file(path)
    assert report.committed, [e.message for e in report.errors]
    yield app


def resolved(app: Application, title: str) -> Resolution:
    """The index's resolution of a clean title: the subject a reader would hand over."""
    resolution = app.catalogue.index.resolve(title)
    assert resolution.match is not None, f"{title!r} names no show"
    return resolution


def reading(
    app: Application,
    *titles: str,
    intent: Intent = Intent.OVERVIEW,
    text: str = "",
    **arguments: object,
) -> Reading:
    """A hand-made reading of a message naming these shows."""
    subjects = tuple(resolved(app, title) for title in titles)
    return Reading(
        text=text or " ".join(titles),
        intent=intent,
        subjects=subjects,
        **arguments,  # type: ignore[arg-type]
    )


def only(reply: Reply) -> Answer:
    assert len(reply.answers) == 1, reply.answers
    return reply.answers[0]
