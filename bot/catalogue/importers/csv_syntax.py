"""CSV the csv module cannot follow, said in words a spreadsheet user can act on.

The readers use `strict=True`: without it, a quote left open swallows the rest of the file
into one field and the import "succeeds" with one absurd title. With it, the csv module
raises `csv.Error` at the row, and each of its terse messages is explained here.
"""

from __future__ import annotations

import csv

_QUOTING = 'write a quote inside a field as two quotes ("")'


class CsvSyntaxError(ValueError):
    """A row the csv module cannot parse; `line` is where that row starts."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def complaint(error: csv.Error) -> str:
    """What is wrong with a row, for the csv module's `error` about it."""
    text = str(error)
    if text.startswith("unexpected end of data"):
        return (
            "a quoted field opened on this row is never closed, so the rest of the file "
            f"would be one field; close the quote, and {_QUOTING}"
        )
    if text.startswith("field larger than field limit"):
        return (
            f"a field longer than {csv.field_size_limit():,} characters; no field of a "
            "catalogue is that long: is a quote on this row left open?"
        )
    if "expected after '\"'" in text:
        return (
            "text after a closing quote; a field that starts with a quote must end with "
            f"one, and {_QUOTING}"
        )
    return f"CSV the reader cannot follow ({text}); check the quotes on this row"
