"""Logging that cannot leak the bot token."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "[redacted]"


class SecretRedactor(logging.Filter):
    """Replaces secrets in every record, whichever library wrote it and however."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        cleaned = self.clean(message)
        exc_text = self.clean(record.exc_text) if record.exc_text else record.exc_text
        if cleaned != message or exc_text != record.exc_text:
            record.msg, record.args, record.exc_text = cleaned, None, exc_text
        return True

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """One handler on the root logger, on stderr, with the redactor on the handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
    )
    handler.addFilter(SecretRedactor(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic and discord.py are chatty at INFO about things users need not see.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
