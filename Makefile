# gongkai — every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck fmt requirements bench clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Hash-pinned install; the project itself goes in editable, without touching the network again.
$(STAMP): requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m gongkai.report.demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy gongkai
	$(BIN)/pytest -q -n auto

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
