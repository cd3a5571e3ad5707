"""Where each value of a JSON document starts, so that a bad one is reported on its line.

`json.loads` gives the values but not where they were; these walk the text once more with
the decoder's `raw_decode` to pair each array item (or top-level member) with its offset.
They expect text that `json.loads` has already accepted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def skip_space(text: str, position: int) -> int:
    """The offset of the first character at or after `position` that is not whitespace."""
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def array_items(text: str, position: int) -> Iterator[tuple[int, Any]]:
    """The items of the JSON array that starts at `position`, with each one's offset."""
    decoder = json.JSONDecoder()
    position = skip_space(text, position + 1)
    while position < len(text) and text[position] != "]":
        value, end = decoder.raw_decode(text, position)
        yield position, value
        position = skip_space(text, end)
        if position < len(text) and text[position] == ",":
            position = skip_space(text, position + 1)


def top_level_members(text: str) -> Iterator[tuple[str, int]]:
    """The keys of the JSON object that makes up the document, with each value's offset."""
    decoder = json.JSONDecoder()
    position = skip_space(text, 0) + 1
    while True:
        position = skip_space(text, position)
        if position >= len(text) or text[position] == "}":
            return
        key, position = decoder.raw_decode(text, position)
        position = skip_space(text, position) + 1  # the colon
        position = skip_space(text, position)
        yield str(key), position
        _, position = decoder.raw_decode(text, position)
        position = skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def line_of(text: str, offset: int) -> int:
    """The line (from 1) that the character at `offset` is on."""
    return text.count("\n", 0, offset) + 1


def with_lines(items: Iterator[tuple[int, Any]], text: str) -> Iterator[tuple[int, Any]]:
    """(offset, value) as (line, value), counting newlines once through the text, not from
    the start for every item (which is quadratic on big arrays)."""
    line, counted_to = 1, 0
    for offset, value in items:
        line += text.count("\n", counted_to, offset)
        counted_to = offset
        yield line, value
