"""JSON text as values, refusing what would break whatever reads the values afterwards.

`json.loads` itself fails on two things that are valid JSON: values nested deeper than the
interpreter's recursion limit (a RecursionError) and integers longer than its int-to-text
limit (a ValueError). Both are turned into a `JsonLimitError` that says on which line. Values
nested deeper than `MAX_DEPTH` are refused too, even where `json.loads` manages them: no
catalogue format nests that far, and the readers after it (pydantic, the line finder) would
otherwise fail at a depth that depends on how deep the call stack happens to be.
"""

from __future__ import annotations

import json
import re
import sys
from itertools import accumulate
from typing import Any

MAX_DEPTH = 64
"""TMDB details, the deepest format read, nest six deep."""

# Possessive quantifiers: no backtracking, so a scan stays linear even on text that is not
# JSON after all (the RecursionError path scans text json.loads never finished).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}\n]++")
_STEPS = {"[": 1, "{": 1, "]": -1, "}": -1, "\n": 0}


class JsonLimitError(ValueError):
    """Valid JSON, or what may be, that goes past a limit; `line` counts from 1."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def parse_json(text: str) -> Any:
    """`json.loads(text)`; raises `json.JSONDecodeError` for text that is not JSON and
    `JsonLimitError` for JSON nested too deep or with a number too long."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise _too_deep(text) from None
    except ValueError as error:
        raise _number_too_long(text) or error from None
    if _deepest(_skeleton(text)) > MAX_DEPTH:
        raise _too_deep(text)
    return value


def _skeleton(text: str) -> str:
    """The brackets and line breaks of JSON text, in order. A string of JSON holds no raw
    line break, so the skeleton has the lines of the text."""
    return _NOT_BRACKET.sub("", _STRING.sub("", text))


def _deepest(skeleton: str) -> int:
    # accumulate and max run in C: this is on every import, so it must cost little.
    return max(accumulate(map(_STEPS.__getitem__, skeleton)), default=0)


def _too_deep(text: str) -> JsonLimitError:
    depth, line = 0, 1
    for character in _skeleton(text):
        depth += _STEPS[character]
        line += character == "\n"
        if depth > MAX_DEPTH:
            break
    return JsonLimitError(
        line, f"values nested more than {MAX_DEPTH} deep; no catalogue format nests that far"
    )


def _number_too_long(text: str) -> JsonLimitError | None:
    """Where the integer too long for Python's int-to-text limit is, if that was the trouble."""
    limit = sys.get_int_max_str_digits()
    if limit == 0:
        return None
    too_long = re.compile(rf'"|-?\d{{{limit + 1},}}(?![.eE\d])')
    position = 0
    while (found := too_long.search(text, position)) is not None:
        if found.group() != '"':
            digits = len(found.group().lstrip("-"))
            return JsonLimitError(
                text.count("\n", 0, found.start()) + 1,
                f"a number of {digits:,} digits, more than the {limit:,} a number may have; "
                "if it is an id, write it as text, in quotes",
            )
        string = _STRING.match(text, found.start())
        position = string.end() if string else found.end()
    return None
