# wiretrace developer commands. Every target creates .venv from the pinned requirements first:
# `make demo` installs the runtime requirements only, the other targets add the dev tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.runtime

.PHONY: demo test check lint typecheck eval eval-gate eval-news bench clean

$(RUNTIME): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt \
		$$(grep -E '^(setuptools|wheel)==' requirements-dev.txt)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## demo: the whole job on the bundled corpus (compare, stories, provenance); writes demo-report.html
## and demo.db, and says how to open the story desk on it
demo: $(RUNTIME)
	$(BIN)/wiretrace demo --out demo-report.html --db demo.db

## test: the whole test suite, but the Spark engine's (see test-spark)
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not spark"

## spark: install the spark extra (pinned pyspark) into .venv; needs Java 17+
spark: $(STAMP)
	@$(BIN)/python -c "import sys; from wiretrace.batch.spark import java_version as v; \
	j = v(); sys.exit(0 if j and j >= 17 else 'make spark: the Spark engine needs Java 17 or newer, ' \
	+ ('found Java %s' % j if j else 'and no java is on the PATH') \
	+ '; on Debian or Ubuntu: apt-get install openjdk-17-jre-headless')"
	$(BIN)/python -m pip install --quiet -r requirements-spark.txt

## test-spark: parity of the Spark engine (local[2]) with the local engine
test-spark: spark
	$(BIN)/python -m pytest -q -m spark

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
