"""Reading catalogue files into show records, each tagged with the line it came from.

Every format is translated into the project's own `ShowRecord`; nothing is written here.
One module a format: `csv_files` (CSV with a `title` column, the Netflix titles dataset
among them), `tvmaze` (TVMaze show JSON with embedded cast), `tmdb` (TMDB TV details JSON
with aggregate credits) and `records_files` (the project's own JSON and JSON Lines, the
built-in seed file among them). `reading` picks the reader for a file; `rows` is what every
reader yields. `json_parsing`, `csv_syntax` and `encoding` turn what the parsers throw at bad
input (nesting, long numbers, open quotes, bytes that are not UTF-8) into row errors or
sentences naming the file. What callers need is here.
"""

from bot.catalogue.importers.reading import read_file
from bot.catalogue.importers.rows import (
    Item,
    ParsedRow,
    RecordFile,
    RowError,
    UnreadableFileError,
)

__all__ = ["Item", "ParsedRow", "RecordFile", "RowError", "UnreadableFileError", "read_file"]
