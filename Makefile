# Two commands on a fresh machine: `make run` (the main job) and `make test` (the suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint typecheck bench clean docs screenshots reference

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[viz,server]'
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/kgraph run

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: $(STAMP_TEST) lint
	$(BIN)/pytest

docs: $(STAMP_RUN)
	$(BIN)/python scripts/ontology_docs.py

# README's command reference, written from each command's --help
reference: $(STAMP_RUN)
	$(BIN)/python scripts/command_reference.py

# pictures of the served views (charts, release text, timeline, map, tables) in out/views/
# and of the network page in out/network/; needs Debian's chromium. docs/views/ and
# docs/network/ hold the ones the README shows.
screenshots: $(STAMP_TEST)
	$(BIN)/python scripts/screenshots.py --out out/views
	$(BIN)/python scripts/network_pictures.py --out out/network

bench: $(STAMP_TEST)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .kgraph out
