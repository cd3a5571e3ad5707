"""Files that are broken as files: nested too deep, numbers too long, the wrong shape, CSV
that does not parse, text that is not UTF-8, things that are not files.

Each must end in a row error on its line or a sentence saying why the file cannot be read,
with nothing imported: never a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue.importers import UnreadableFileError, read_file
from bot.catalogue.service import Catalogue
from tests.bot.catalogue.importing import attempt, refused
from tests.bot.cli.test_cli import showbot

FIXTURES = Path(__file__).with_name("fixtures")
DEEP = 10_000
GOOD_SHOW = json.dumps({"title": "A Fine Show", "year": 2020})


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# -- nesting and long numbers ----------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("depth", [DEEP, 900])
async def test_a_json_document_nested_too_deep_is_unreadable(
    catalogue: Catalogue, tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(f'{{"shows": [\n{GOOD_SHOW},\n{{"title": {_nested(depth)}}}\n]}}', "utf-8")
    outcome = await refused(catalogue, path)
    assert outcome.unreadable is not None and "line 3: " in outcome.unreadable
    assert "nested" in outcome.unreadable, outcome.unreadable


@pytest.mark.asyncio
@pytest.mark.parametrize("depth", [DEEP, 900])
async def test_a_json_line_nested_too_deep_is_a_row_error(
    catalogue: Catalogue, tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(f"{GOOD_SHOW}\n{_nested(depth)}\n{GOOD_SHOW}\n", "utf-8")
    [(line, message)] = (await refused(catalogue, path)).errors
    assert line == 2 and "nested" in message, message


@pytest.mark.asyncio
async def test_a_number_of_5000_digits_in_a_json_document_is_unreadable(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "long.json"
    path.write_text(f'[\n{GOOD_SHOW},\n{{"title": "X", "year": {"9" * 5000}}}\n]', "utf-8")
    outcome = await refused(catalogue, path)
    assert outcome.unreadable is not None and "line 3: " in outcome.unreadable
    assert "5,000 digits" in outcome.unreadable and len(outcome.unreadable) < 300


@pytest.mark.asyncio
async def test_a_number_of_5000_digits_in_a_json_line_is_a_row_error(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(f'{GOOD_SHOW}\n{{"title": "X", "year": -{"9" * 5000}}}\n', "utf-8")
    [(line, message)] = (await refused(catalogue, path)).errors
    assert line == 2 and "5,000 digits" in message and len(message) < 300, message


# -- the wrong shape -----------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "document",
    [
        '{"shows": 5}',
        '{"shows": null}',
        '{"shows": {"title": "X"}}',
        '{"sources": 5}',
        '{"sources": 5, "shows": []}',
        '{"shows": [], "sources": [5]}',
        "5",
        '"text"',
        "null",
        "true",
        "{}",
        '{"title": 5}',
    ],
)
async def test_a_json_document_of_the_wrong_shape_is_refused(
    catalogue: Catalogue, tmp_path: Path, document: str
) -> None:
    path = tmp_path / "shape.json"
    path.write_text(document, "utf-8")
    await refused(catalogue, path)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "document", ['[1, "x", null, [2], true]', '{"shows": [1, "x", null, [2], true]}']
)
async def test_shows_that_are_not_objects_are_row_errors_saying_so(
    catalogue: Catalogue, tmp_path: Path, document: str
) -> None:
    path = tmp_path / "values.json"
    path.write_text(document, "utf-8")
    outcome = await refused(catalogue, path)
    assert len(outcome.errors) == 5
    assert all("not an object" in m for _, m in outcome.errors), outcome.errors


@pytest.mark.asyncio
async def test_json_lines_of_the_wrong_shape_are_row_errors_saying_so(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "shapes.jsonl"
    path.write_text(
        '5\n"x"\nnull\n[2]\n{"shows": [{"title": "Inner"}]}\n{"source": 5}\n{"source": null}\n',
        "utf-8",
    )
    outcome = await refused(catalogue, path)
    assert [line for line, _ in outcome.errors] == [1, 2, 3, 4, 5, 6, 7]
    messages = [m for _, m in outcome.errors]
    assert all("not an object" in m for m in messages[:4]), messages
    assert "one show a line" in messages[4], messages
    assert all(m.startswith("source: ") for m in messages[5:]), messages


ODD_VALUES: list[Any] = [None, 5, -1, 2**70, 1.5, True, "x", "\x00", [], [5], [{}], {}, {"a": 1}]


def _places(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in a JSON value, the root included."""
    yield path
    if isinstance(value, dict | list):
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in children:
            yield from _places(child, (*path, key))


def _replaced(value: Any, path: tuple[str | int, ...], new: Any) -> Any:
    if not path:
        return new
    copied = copy.deepcopy(value)
    parent = copied
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return copied


@pytest.mark.parametrize("fixture", ["tvmaze_show.json", "tmdb_tv.json"])
def test_an_api_payload_with_any_value_out_of_place_reads_cleanly(
    tmp_path: Path, fixture: str
) -> None:
    """Every value of a real payload swapped for each of a few of the wrong type: the reader
    yields row errors or refuses the file, never anything else (a null cast entry once raised
    AttributeError)."""
    payload = json.loads((FIXTURES / fixture).read_text("utf-8"))
    path = tmp_path / "payload.json"
    for place in _places(payload):
        for value in ODD_VALUES:
            path.write_text(json.dumps(_replaced(payload, place, value)), "utf-8")
            with contextlib.suppress(UnreadableFileError):
                list(read_file(path).items)


# -- CSV -----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_unterminated_csv_quote_is_a_row_error_where_it_opened(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('title,year\nFine,2020\n"Open quote,2020\nNext,2021\nThird,2022\n', "utf-8")
    [(line, message)] = (await refused(catalogue, path)).errors
    assert line == 3 and "quote" in message and "never closed" in message, message


@pytest.mark.asyncio
async def test_text_after_a_closing_csv_quote_is_a_row_error(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "after.csv"
    path.write_text('title,year\nFine,2020\n"Quoted" and more,2020\nNext,2021\n', "utf-8")
    [(line, message)] = (await refused(catalogue, path)).errors
    assert line == 3 and "closing quote" in message, message


@pytest.mark.asyncio
async def test_a_csv_field_longer_than_the_limit_is_a_row_error(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f"title,logline\nFine,ok\nLong,{'x' * 200_000}\nNext,ok\n", "utf-8")
    [(line, message)] = (await refused(catalogue, path)).errors
    assert line == 3 and "131,072 characters" in message, message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8"),
        ("title,year\nCafé,2020\n".encode("utf-16"), "UTF-16"),
        (b'title,year\n"Open,2020\n', None),
    ],
    ids=["empty", "binary", "utf-16", "quote-in-first-row"],
)
async def test_csv_files_it_cannot_read(
    catalogue: Catalogue, tmp_path: Path, content: bytes, complaint: str | None
) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    outcome = await refused(catalogue, path)
    if complaint is not None:
        assert outcome.unreadable is not None and complaint in outcome.unreadable, outcome
    else:
        assert outcome.errors and outcome.errors[0][0] == 2, outcome


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("content", "shows"),
    [
        (b"title,year\n", 0),
        (b'title,year\r\nFine,2020\r\n"Two\r\nlines",2021\r\n', 2),
        ("\ufefftitle,year\nWith a BOM,2020\n".encode(), 1),
        (f"title,logline\nLong,{'x' * 100_000}\n".encode(), 1),
    ],
    ids=["header-only", "crlf", "bom", "long-field"],
)
async def test_csv_files_that_import_cleanly(
    catalogue: Catalogue, tmp_path: Path, content: bytes, shows: int
) -> None:
    path = tmp_path / "fine.csv"
    path.write_bytes(content)
    outcome = await attempt(catalogue, path)
    assert outcome.report is not None and outcome.report.committed, outcome
    assert outcome.report.created == shows


# -- not JSON, not UTF-8, not a file ---------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("words.json", b"hello", "not JSON"),
        ("blank.json", b"", "empty"),
        ("latin.json", '{"title": "Café"}'.encode("latin-1"), "not UTF-8"),
        ("wide.jsonl", (GOOD_SHOW + "\n").encode("utf-16"), "UTF-16"),
    ],
)
async def test_json_files_it_cannot_read(
    catalogue: Catalogue, tmp_path: Path, name: str, content: bytes, complaint: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    outcome = await refused(catalogue, path)
    assert outcome.unreadable is not None and complaint in outcome.unreadable, outcome


@pytest.mark.asyncio
async def test_a_json_file_with_a_bom_imports(catalogue: Catalogue, tmp_path: Path) -> None:
    for name in ("bom.json", "bom.jsonl"):
        path = tmp_path / name
        path.write_text("\ufeff" + GOOD_SHOW + "\n", "utf-8")
        outcome = await attempt(catalogue, path)
        assert outcome.report is not None and outcome.report.committed, outcome


@pytest.mark.asyncio
async def test_a_directory_is_not_a_file(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "shows.json"
    path.mkdir()
    outcome = await refused(catalogue, path)
    assert outcome.unreadable is not None and "is a directory" in outcome.unreadable


@pytest.mark.asyncio
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
async def test_a_file_it_may_not_read(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "secret.csv"
    path.write_text("title\nHidden\n", "utf-8")
    path.chmod(0)
    outcome = await refused(catalogue, path)
    assert outcome.unreadable is not None and "cannot read it" in outcome.unreadable


# -- what the user of `showbot import` sees --------------------------------------------------------


def test_the_command_reports_bad_rows_and_unreadable_files_without_a_traceback(
    tmp_path: Path,
) -> None:
    (tmp_path / "deep.jsonl").write_text(f"{GOOD_SHOW}\n{_nested(DEEP)}\n", "utf-8")
    (tmp_path / "big.json").write_text(
        '[{"title": "Big", "season_count": 1e2}, '
        '{"title": "Bigger", "season_count": 99999999999999999999}]'
    )
    (tmp_path / "deep.json").write_text(_nested(DEEP), "utf-8")
    rows = showbot("import", "deep.jsonl", "big.json", cwd=tmp_path)
    assert rows.returncode == 1 and "Traceback" not in rows.stderr, rows.stderr
    lines = rows.stderr.splitlines()
    assert lines[0].startswith("deep.jsonl: line 2: ") and "nested" in lines[0], lines
    assert lines[1].startswith("big.json: line 1: season_count: "), lines
    unreadable = showbot("import", "deep.json", cwd=tmp_path)
    assert unreadable.returncode == 2 and "Traceback" not in unreadable.stderr
    assert unreadable.stderr.startswith("showbot import: deep.json: line 1: "), unreadable.stderr
