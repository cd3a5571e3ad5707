"""The editing tests run on SQLite, and on PostgreSQL when its URL is set."""

from __future__ import annotations

import pytest

from bot.application import Application


@pytest.fixture
def app(app_on_each_backend: Application) -> Application:
    return app_on_each_backend
