"""Saying where and why a file is not UTF-8, so that its owner can find the spot and fix it.

The readers decode as they go, a chunk at a time, so the offset a `UnicodeDecodeError` gives
is within a chunk: the file is read again here, as bytes, to find the line.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_MARKS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def not_utf8(path: Path) -> str:
    """Why `path`, which failed to decode as UTF-8, is unreadable: a sentence naming the file."""
    advice = "save it as UTF-8 and import again"
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
            handle.seek(0)
            if start.startswith(_UTF32_MARKS):
                return f"{path}: UTF-32 text, not UTF-8; {advice}"
            if start.startswith(_UTF16_MARKS):
                return f"{path}: UTF-16 text, not UTF-8; {advice}"
            found = _first_bad_byte(handle)
    except OSError as error:
        return f"{path}: cannot read it ({error.strerror})"
    if found is None:  # the file changed since: say what is known
        return f"{path}: not UTF-8 text; {advice}"
    line, byte = found
    return f"{path}: line {line}: not UTF-8 text (byte 0x{byte:02x}); {advice}"


def _first_bad_byte(handle: BinaryIO) -> tuple[int, int] | None:
    """(line, byte) of the first byte that is not UTF-8, reading a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    while chunk := handle.read(_CHUNK):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            # The decoder's object is the chunk after up to 3 bytes it held back from the one
            # before: the start of a character, never a line break.
            return line + error.object.count(b"\n", 0, error.start), error.object[error.start]
        line += chunk.count(b"\n")
    return None
