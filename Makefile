# gongkai — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres lint typecheck fmt requirements bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Hash-pinned install; the project itself goes in editable, without touching the network again.
$(STAMP): requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The whole product on this machine: the report demo into out/, then the web platform on
# SQLite (var/gongkai.sqlite3, or DATABASE_URL) with demo agencies and one account per role.
demo: $(STAMP)
	$(BIN)/python -m gongkai.report.demo
	$(BIN)/gongkai migrate --no-input
	$(BIN)/gongkai demo_data --address http://127.0.0.1:8000
	@echo "demo: serving on http://127.0.0.1:8000/ (Ctrl-C stops; production uses gunicorn, docs/deploy.md)"
	$(BIN)/gongkai runserver 127.0.0.1:8000

# Everything on SQLite, then the database tests again on PostgreSQL when one answers
# (GONGKAI_TEST_POSTGRES_URL, set by .ci/run; else the local server, see .ci/find_postgres.py).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy gongkai
	$(BIN)/pytest -q -n auto
	@$(MAKE) --no-print-directory test-postgres

test-postgres: $(STAMP)
	@url="$$($(BIN)/python .ci/find_postgres.py)" || exit 1; \
	if [ -n "$$url" ]; then \
	  echo "test: database tests again on PostgreSQL ($${url##*@})"; \
	  DATABASE_URL="$$url" $(BIN)/pytest -q -n auto -m django_db; \
	else \
	  echo "test: PostgreSQL pass SKIPPED: no PostgreSQL answers (set GONGKAI_TEST_POSTGRES_URL, or run .ci/run)"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check gongkai
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy gongkai

fmt: $(STAMP)
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/parse_accuracy.py
	$(BIN)/python bench/parse_speed.py

# Recompile the hash-pinned requirements after editing requirements/*.in.
requirements: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes --no-header -q requirements/base.in -o requirements/base.txt
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes --no-header -q requirements/dev.in -o requirements/dev.txt

clean:
	rm -rf $(VENV) out build *.egg-info
