# wiretrace developer commands. Every target creates .venv from the pinned requirements first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck eval eval-gate eval-news bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## demo: the whole job on the bundled corpus (compare, stories, provenance); writes demo-report.html
## and demo.db, and says how to open the story desk on it
demo: $(STAMP)
	$(BIN)/wiretrace demo --out demo-report.html --db demo.db

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests eval benchmarks
	$(BIN)/ruff format --check src tests eval benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## check: ruff, mypy strict and the tests
check: lint typecheck test

## eval-gate: accuracy floors that CI enforces (compare findings; PAN plagdet on a sample;
## story clustering and derivation edges)
eval-gate: $(STAMP)
	$(BIN)/python eval/eval_gate.py
	$(BIN)/python eval/pan_gate.py
	$(BIN)/python eval/stories_gate.py

## eval: passage alignment on the full PAN 2013 training corpus, a table per obfuscation
eval: $(STAMP)
	$(BIN)/python eval/pan_eval.py --jobs 2

## eval-news: stories and copy links on the real-news dev set (texts from the git-ignored
## cache .cache/news-dev, or NEWS_CACHE=DIR; labels ../shared/..., or NEWS_LABELS=FILE; not in CI)
eval-news: $(STAMP)
	$(BIN)/python eval/news_eval.py $(if $(NEWS_CACHE),--cache $(NEWS_CACHE)) $(if $(NEWS_LABELS),--labels $(NEWS_LABELS)) --details

## bench: speed benchmarks (figures go to benchmarks/README.md by hand)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_compare.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
