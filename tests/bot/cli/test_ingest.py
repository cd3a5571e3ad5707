"""`showbot ingest FILE...`: proposals printed for reading or as JSON lines (nothing stored),
applied with --apply; a file that cannot be read is a sentence and exit code 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli.exit_codes import EXIT_OK, EXIT_USAGE
from bot.cli.ingest import ingest
from bot.settings import Settings
from db.engine import Database
from db.news import NewsArticle

ARTICLE = (
    "HBO makes its calls\n\n"
    "HBO has cancelled Gilded Lanterns after one season. "
    "Netflix has renewed The Watcher for a third season, Deadline reports."
)


async def run(
    settings: Settings, *args: str, apply: bool = False, as_json: bool = False
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = await ingest(settings, list(args), as_json=as_json, apply=apply, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


async def articles_stored(settings: Settings) -> int:
    from sqlmodel import select

    database = Database(settings.database_url)
    try:
        async with database.session() as session:
            return len((await session.exec(select(NewsArticle))).all())
    finally:
        await database.dispose()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "calls.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.asyncio
async def test_json_lines_are_the_proposals_and_nothing_else(
    settings: Settings, article: Path
) -> None:
    code, out, err = await run(settings, str(article), as_json=True)
    assert (code, err) == (EXIT_OK, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(p["show"], p["field"], p["value"], p["seasons"]) for p in lines] == [
        ("Gilded Lanterns", "status", "cancelled", None),
        ("The Watcher", "status", "renewed", 1),
    ]
    assert all(
        set(p) == {"show", "network", "field", "value", "seasons", "evidence"} for p in lines
    )
    assert lines[0]["network"] == "HBO"
    assert lines[0]["evidence"] == "HBO has cancelled Gilded Lanterns after one season."
    assert await articles_stored(settings) == 0  # reading changes nothing


@pytest.mark.asyncio
async def test_the_readable_list_gives_each_proposal_with_its_sentence(
    settings: Settings, article: Path
) -> None:
    code, out, _ = await run(settings, str(article))
    assert code == EXIT_OK
    assert out.splitlines()[:3] == [
        f"{article}: HBO makes its calls",
        "  - Gilded Lanterns (HBO) [not in the catalogue]: cancelled",
        '      "HBO has cancelled Gilded Lanterns after one season."',
    ]


@pytest.mark.asyncio
async def test_apply_records_each_decision(settings: Settings, article: Path) -> None:
    code, out, err = await run(settings, str(article), apply=True)
    assert (code, err) == (EXIT_OK, ""), out
    assert "Added Gilded Lanterns to the catalogue." in out
    assert await articles_stored(settings) == 1


@pytest.mark.asyncio
async def test_files_that_cannot_be_read_are_named_and_the_rest_read(
    settings: Settings, article: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, err = await run(
        settings,
        str(tmp_path / "missing.txt"),
        str(binary),
        str(empty),
        str(tmp_path),
        str(article),
    )
    assert code == EXIT_USAGE
    assert err.splitlines() == [
        f"showbot ingest: {tmp_path / 'missing.txt'}: no such file.",
        f"showbot ingest: {binary}: not UTF-8 text: save the article as a .txt or .html file "
        "in UTF-8.",
        f"showbot ingest: {empty}: The article is empty: give its text or its web page.",
        f"showbot ingest: {tmp_path}: that is a folder: give the article's file.",
    ]
    assert "Gilded Lanterns" in out  # the good file is still read
