# Customer Success analytics: the two entry points are `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
DBT_FLAGS := --profiles-dir $(CURDIR) --project-dir $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)

# The main job: demo data in data/raw, built and published as the scheduler would
# (scripts/scheduled_run.py): the working database and run records in target/scheduled,
# what BI tools read in target/serving, the docs site in target/.
DEMO_RAW_DIR ?= $(CURDIR)/data/raw
DEMO_STATE_DIR ?= $(CURDIR)/target/scheduled
DEMO_SERVING_DIR ?= $(CURDIR)/target/serving
# The reports read the serving file scripts/scheduled_run.py publishes (read-only) and
# write HTML + PDF here; `make reports REPORTS_DB=... REPORTS_DIR=...` for another database,
# REPORTS_FLAGS=--no-pdf without chromium, REPORTS_FLAGS=--docs-url=<url> for a hosted docs site.
REPORTS_DB ?= $(DEMO_SERVING_DIR)/cs_analytics.duckdb
REPORTS_DIR ?= $(CURDIR)/target/reports
REPORTS_FLAGS ?=
# The test suite's own data, database and dbt artefacts, apart from the demo's.
TEST_DIR := $(CURDIR)/target/test-suite
TEST_RAW_DIR := $(TEST_DIR)/raw
TEST_DB := $(TEST_DIR)/cs_analytics.duckdb
TEST_AS_OF := 2025-06-30
# Written by dbt-test once its build has passed: what semantic-layer and bouncer need first.
TEST_BUILT := $(TEST_DIR)/.built
TEST_VARS := --vars '{raw_data_dir: $(TEST_RAW_DIR), as_of_date: $(TEST_AS_OF)}'

# The optional Dagster extra (README: "With an orchestrator: Dagster"): its own venv.
DAGSTER_VENV := $(CURDIR)/.venv-dagster
# The Spark path (README: "Engines"): dbt-spark's session method in its own venv.
SPARK_VENV := $(CURDIR)/.venv-spark

.PHONY: help install browser demo test ruff lint bouncer dbt-test semantic-layer pytest benchmark reports clean \
	install-dagster test-dagster java install-spark test-spark

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## create .venv with the pinned tool chain

# Debian's chromium prints the reports' PDFs and runs the browser tests; from Debian's
# packages when missing (never a download of its own).
browser: ## install Debian's chromium when it is missing (apt-get; sudo when not root)
	@if [ ! -x /usr/bin/chromium ]; then \
		as_root=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$as_root apt-get update && \
		$$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	fi

demo: install browser ## install, generate demo data, build and publish (scripts/scheduled_run.py), dbt docs, reports
	$(BIN)/python scripts/generate_demo_data.py --out $(DEMO_RAW_DIR)
	$(BIN)/python scripts/scheduled_run.py --raw-data-dir $(DEMO_RAW_DIR) \
		--state-dir $(DEMO_STATE_DIR) --serving-dir $(DEMO_SERVING_DIR)
	CS_DUCKDB_PATH=$(DEMO_STATE_DIR)/cs_analytics.duckdb $(DBT) docs generate $(DBT_FLAGS) --static \
		--vars '{raw_data_dir: $(DEMO_RAW_DIR)}'
	$(BIN)/python scripts/build_reports.py --database $(DEMO_SERVING_DIR)/cs_analytics.duckdb \
		--out $(REPORTS_DIR) $(REPORTS_FLAGS)
	@echo
	@echo "BI tools open, read-only (marts in schema 'marts'; main.publication says what run and day):"
	@echo "  DuckDB file:    $(DEMO_SERVING_DIR)/cs_analytics.duckdb"
	@echo "  Parquet folder: $(DEMO_SERVING_DIR)/parquet/current/  (one <mart>.parquet each)"
	@echo "  DuckDB's client: duckdb -readonly $(DEMO_SERVING_DIR)/cs_analytics.duckdb 'from marts.nrr_breakdown'"
	@echo "  Python:          $(BIN)/python -c \"import duckdb; c = duckdb.connect('$(DEMO_SERVING_DIR)/cs_analytics.duckdb', read_only=True); c.sql('from marts.arr_bridge').show()\""
	@echo "Run records:       $(DEMO_STATE_DIR)/runs.jsonl"
	@echo "Docs site:         $(CURDIR)/target/static_index.html  (or: $(DBT) docs serve $(DBT_FLAGS))"
	@echo "Reports:           $(REPORTS_DIR)/  (leadership, weekly_staff_meeting, cockpit/index, executive_review: .html and .pdf)"

test: install browser ruff lint dbt-test semantic-layer bouncer pytest ## the whole suite: ruff, sqlfluff, dbt build + tests, MetricFlow, dbt-bouncer, pytest
	@echo "All checks passed."

ruff: install ## ruff lint and format check of the Python (scripts, tests, orchestration)
	$(BIN)/ruff check scripts tests orchestration
	$(BIN)/ruff format --check scripts tests orchestration

lint: install ## sqlfluff on models and analyses
	@# Linted against an empty database, so incremental models render as on a full refresh
	@# whatever the state of the developer's database (is_incremental() is always false).
	rm -f $(TEST_DIR)/lint.duckdb && mkdir -p $(TEST_DIR)
	CS_DUCKDB_PATH=$(TEST_DIR)/lint.duckdb $(BIN)/sqlfluff lint models analyses

dbt-test: install ## dbt build (models, data tests, unit tests) on generated test data; compiles analyses/
	rm -rf $(TEST_DIR) && mkdir -p $(TEST_DIR)
	$(BIN)/python scripts/generate_demo_data.py --out $(TEST_RAW_DIR) --accounts 120 --months 30 \
		--end-date $(TEST_AS_OF) --seed 7
	CS_DUCKDB_PATH=$(TEST_DB) $(DBT) build $(DBT_FLAGS) --fail-fast $(TEST_VARS)
	CS_DUCKDB_PATH=$(TEST_DB) $(DBT) compile $(DBT_FLAGS) --quiet --select "resource_type:analysis" $(TEST_VARS)
	touch $(TEST_BUILT)

# semantic-layer and bouncer read the test build: on a fresh clone they run dbt-test first.
# In `make test`, dbt-test has just written the stamp, so it is not run a second time.
$(TEST_BUILT):
	$(MAKE) dbt-test

semantic-layer: install $(TEST_BUILT) ## mf validate-configs on the test build (runs dbt-test first if it never ran)
	CS_DUCKDB_PATH=$(TEST_DB) $(BIN)/mf validate-configs --show-all

bouncer: install $(TEST_BUILT) ## dbt-bouncer: naming, documentation and layering (runs dbt-test first if it never ran)
	CS_DUCKDB_PATH=$(TEST_DB) $(DBT) docs generate $(DBT_FLAGS) --quiet $(TEST_VARS)
	$(BIN)/dbt-bouncer --config-file dbt-bouncer.yml

pytest: install ## end-to-end tests: hand-worked, empty and dirty datasets, scripts
	@# the slowest tests are listed at the end: the main suite must stay under 20 minutes
	$(BIN)/pytest tests -n auto --dist loadfile --durations=25

benchmark: install ## time dbt build at demo and large scale (see README)
	$(BIN)/python scripts/benchmark.py --preset demo

reports: install ## the four reports (HTML + PDF) from REPORTS_DB into REPORTS_DIR (see README)
	$(BIN)/python scripts/build_reports.py --database $(REPORTS_DB) --out $(REPORTS_DIR) $(REPORTS_FLAGS)
	@echo "Open $(REPORTS_DIR)/leadership.html (or any .html/.pdf there) in a browser."

$(DAGSTER_VENV)/.installed: requirements.txt requirements-dagster.txt
	$(PYTHON) -m venv $(DAGSTER_VENV)
	$(DAGSTER_VENV)/bin/pip install --quiet --upgrade pip
	$(DAGSTER_VENV)/bin/pip install --quiet -r requirements.txt -r requirements-dagster.txt
	touch $@

install-dagster: $(DAGSTER_VENV)/.installed ## the optional extra: .venv-dagster with Dagster and dagster-dbt

test-dagster: install-dagster ## the Dagster definitions, run in process on the hand-worked dataset
	@# the deprecation warnings silenced are raised inside dagster-dbt and sqlglotrs, not by our code
	$(DAGSTER_VENV)/bin/pytest orchestration/tests --durations=10 \
		-W "ignore::DeprecationWarning:dagster_dbt.asset_utils" -W "ignore::DeprecationWarning:sqlglotrs"

# Debian's OpenJDK 17 runs Spark (PySpark 4 needs Java 17 or later); from Debian's packages
# when `java` is missing (never a download of its own).
java: ## install Debian's OpenJDK 17 when java is missing (apt-get; sudo when not root)
	@if ! command -v java >/dev/null; then \
		as_root=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$as_root apt-get update && \
		$$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			openjdk-17-jre-headless; \
	fi

$(SPARK_VENV)/.installed: requirements.txt requirements-spark.txt
	$(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --upgrade pip
	$(SPARK_VENV)/bin/pip install --quiet -r requirements.txt -r requirements-spark.txt
	touch $@

install-spark: $(SPARK_VENV)/.installed ## the Spark path: .venv-spark with dbt-spark[session] and PySpark

test-spark: java install-spark ## the whole project on Spark (hand-worked data): build, data and unit tests, marts equal DuckDB's
	@# tests/spark/check_spark_parity.py is not named test_*.py: `make pytest` never collects it
	PYTHONPATH=tests/spark $(SPARK_VENV)/bin/pytest -p spark_builds -p no:cacheprovider \
		tests/spark/check_spark_parity.py --durations=10

clean: ## remove generated data, databases and dbt artefacts
	rm -rf target logs data
