# Setup and entry points. The README's Quick start is `make demo` and `make test`;
# .ci/run runs `make test` on a fresh clone, so every install step lives here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint browser screenshot languagetool

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

# Debian's chromium for the review page's browser tests (Playwright drives it; it never
# downloads a browser). Installed only when missing; needs root.
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

# The README's screenshot of the review page, taken by the browser test, made small.
screenshot: setup browser
	MT_CLEANUP_SCREENSHOT=1 $(BIN)/pytest -q tests/browser -k sample_article
	command -v pngquant >/dev/null || apt-get install -y pngquant
	pngquant --force --quality 65-90 --speed 1 --ext .png docs/review.png

# LanguageTool's German jars from Maven Central into the user cache (outside git); a no-op
# when they are there already.
languagetool: setup
	$(BIN)/cleanup languagetool install

demo: setup languagetool
	$(BIN)/cleanup clean seeds/openai-broadcom.txt -o out

lint: setup
	$(BIN)/ruff check cleanup tests bench
	$(BIN)/ruff format --check cleanup tests bench

test: setup lint browser languagetool
	$(BIN)/cleanup rules test
	$(BIN)/pytest
