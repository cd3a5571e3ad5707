# The two commands for a fresh machine: `make run` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: run test lint benchmark clean

$(BIN)/showbot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# The bot when DISCORD_TOKEN is set (environment or .env), else the offline console.
run: $(BIN)/showbot
	$(BIN)/showbot

lint: $(BIN)/showbot
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The suite on SQLite (with the tests about PostgreSQL when SHOWBOT_TEST_POSTGRES_URL names a
# server), then, when it does, the whole suite again on PostgreSQL.
test: lint
	$(BIN)/pytest
	@if [ -n "$$SHOWBOT_TEST_POSTGRES_URL" ]; then \
		echo "The suite again, on PostgreSQL (SHOWBOT_TEST_BACKEND=postgresql):"; \
		SHOWBOT_TEST_BACKEND=postgresql $(BIN)/pytest; \
	else \
		echo "The PostgreSQL run is skipped: SHOWBOT_TEST_POSTGRES_URL is not set."; \
	fi

benchmark: $(BIN)/showbot
	$(BIN)/python -m benchmarks.question_answering
	$(BIN)/python -m benchmarks.title_resolution
	$(BIN)/python -m benchmarks.imports --rows 100000
	$(BIN)/python -m benchmarks.announcements
	$(BIN)/python -m benchmarks.index_upkeep

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
