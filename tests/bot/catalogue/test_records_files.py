"""showbot's own records format, read one way whether it is imported or the built-in seed.

The seed file used to be checked by a whole-document model and imports by the reader; now
both go through the reader, so each gets the checks the other had.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue.importers import ParsedRow, RecordFile, RowError, UnreadableFileError, read_file
from bot.catalogue.service import BUILTIN_RECORDS
from db.records import SourceRecord


def _records(record_file: RecordFile) -> list[ParsedRow]:
    items = list(record_file.items)
    errors = [i for i in items if isinstance(i, RowError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, ParsedRow)]


def _seed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(BUILTIN_RECORDS.read_text(encoding="utf-8"))
    return document


def test_showbot_records_one_object_or_lines_with_sources(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text('\n{"title": "Paper Boats", "year": 2024}', encoding="utf-8")
    record_file = read_file(single)
    assert (record_file.format, record_file.total_rows) == ("showbot.records/1", 1)
    [row] = _records(record_file)
    assert (row.line, row.record.title) == (2, "Paper Boats")
    lines = tmp_path / "shows.jsonl"
    lines.write_text(
        '{"source": {"ref": "test:list", "title": "A test list"}}\n'
        '{"title": "Paper Boats", "sources": ["test:list"]}\n'
        '{"title": "Kettle Street", "year": "soon"}\n',
        encoding="utf-8",
    )
    record_file = read_file(lines)
    assert (record_file.format, record_file.total_rows) == ("showbot.records/1 lines", 2)
    items = list(record_file.items)
    assert isinstance(items[0], SourceRecord) and isinstance(items[1], ParsedRow)
    assert isinstance(items[2], RowError) and items[2].line == 3


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"sourcse": []}, "sourcse: Extra inputs are not permitted"),
        ({"about": 2022}, "about: Input should be a valid string"),
        ({"sources": None}, "sources: Input should be a valid list"),
        ({"sources": [{"ref": "seed:x"}]}, "sources.0.title: Field required"),
        ({"shows": None}, "shows: not a list"),
        ({"shows": {"title": "Partner Track"}}, "shows: not a list"),
        ({"format": "showbot.records/2"}, "unknown records format 'showbot.records/2'"),
    ],
)
def test_an_imported_document_gets_the_checks_the_seed_had(
    tmp_path: Path, change: dict[str, Any], complaint: str
) -> None:
    """The seed's model refused these; the importer let the misspelt key and the `about` that
    is not text through, and fell over on `sources` or `shows` that are not lists."""
    path = tmp_path / "records.json"
    path.write_text(json.dumps({**_seed(), **change}, indent=2), encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=complaint):
        read_file(path)


def test_a_bad_show_in_the_seed_is_reported_on_its_line(tmp_path: Path) -> None:
    """The seed's model refused a bad show with the whole file and no line; read as an import
    is, the seed's bad show is a row error on its own line and the other shows still read."""
    seed = _seed()
    seed["shows"][2] = {**seed["shows"][2], "year": "soon"}
    path = tmp_path / "seed_records.json"
    path.write_text(json.dumps(seed, indent=2), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    shows_from = lines.index('  "shows": [')
    starts = [n for n, line in enumerate(lines, start=1) if n > shows_from and line == "    {"]
    items = list(read_file(path).items)
    errors = [(i.line, i.message) for i in items if isinstance(i, RowError)]
    assert errors == [
        (starts[2], "year: Input should be a valid integer, unable to parse string as an integer")
    ]
    assert [i.line for i in items if isinstance(i, ParsedRow)] == [starts[0], starts[1], starts[3]]
    assert sum(isinstance(i, SourceRecord) for i in items) == len(seed["sources"])
