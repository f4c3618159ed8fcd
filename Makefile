# The two set-up commands: `make run` (the coach's page) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install index eval bench browser lint

run: index
	$(BIN)/coach serve

test: install browser
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (or run make PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first, so nothing pulls a CUDA build in.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

index: install
	$(BIN)/coach ingest

# make eval SUITE=retrieval,safety runs only those; the report goes to evals/reports/<timestamp>/.
SUITE ?= all
eval: index
	$(BIN)/coach eval --suite $(SUITE)

bench: index
	$(BIN)/python evals/bench_retrieval.py
	$(BIN)/python evals/bench_llm.py
	$(BIN)/python evals/bench_safety.py
	$(BIN)/python evals/bench_engine.py

# Browser tests drive Debian's chromium; it is installed here, never downloaded by a test tool.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: sudo apt-get install chromium (browser tests will be skipped)"; fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
