# Setup and entry points. The README's Quick start is `make demo` and `make test`;
# .ci/run runs `make test` on a fresh clone, so every install step lives here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

demo: setup
	$(BIN)/cleanup clean seeds/openai-broadcom.txt -o out

lint: setup
	$(BIN)/ruff check cleanup tests bench

test: setup lint
	$(BIN)/cleanup rules test
	$(BIN)/pytest
