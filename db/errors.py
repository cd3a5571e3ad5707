"""Database failures a person can act on, each told in a sentence: what, where, what to do.

The engine turns the driver's exceptions into these where it meets them (opening, upgrading,
waiting for the write lock), so that the CLI and the bot have one kind of error to explain and
never show a traceback for a database that is missing, busy, damaged or too new.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

SQLITE_BUSY_MESSAGES = ("database is locked", "database is busy", "database table is locked")


class DatabaseUnavailableError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class DatabaseBusyError(DatabaseUnavailableError):
    """Another process held the write lock for longer than this write could wait."""


def is_busy(error: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the lock it needs."""
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).lower()
    return type(original).__name__ == "OperationalError" and any(
        message in text for message in SQLITE_BUSY_MESSAGES
    )


def cannot_open_sqlite(where: str) -> DatabaseUnavailableError:
    return DatabaseUnavailableError(
        f"Cannot open the SQLite database {where}: check that its folder exists and that "
        "showbot may write there, or set DATABASE_URL to another place."
    )


def explain(error: BaseException, where: str) -> DatabaseUnavailableError | None:
    """The sentence for a failure to open or use the database at `where` (a redacted URL or
    a path); None when it is not one a person can fix from outside (a bug)."""
    original: BaseException = error
    if isinstance(error, DBAPIError) and error.orig is not None:
        original = error.orig
    text = str(original).lower()
    name = type(original.__cause__ or original).__name__
    if "unable to open database file" in text:
        return cannot_open_sqlite(where)
    if "file is not a database" in text or "malformed" in text:
        return DatabaseUnavailableError(
            f"{where} is not a SQLite database, or it is damaged: move it aside (showbot will "
            "start a new one) or restore a backup."
        )
    if "readonly database" in text or "read-only" in text:
        return DatabaseUnavailableError(
            f"The SQLite database {where} is read-only: showbot needs to write to it and to "
            "its folder."
        )
    if name == "InvalidCatalogNameError":
        return DatabaseUnavailableError(
            f"PostgreSQL has no such database ({where}): create it (createdb NAME) or fix "
            "DATABASE_URL."
        )
    if name in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError"):
        return DatabaseUnavailableError(
            f"PostgreSQL refused the user or password of {where}: fix DATABASE_URL."
        )
    if isinstance(original, ConnectionRefusedError | TimeoutError) or (
        isinstance(original, OSError) and original.errno is not None
    ):
        return DatabaseUnavailableError(
            f"Cannot reach the database server of {where} ({original}): is it running, and "
            "is DATABASE_URL's host and port right?"
        )
    return None
