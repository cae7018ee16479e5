# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES := sample_filings
TAXONOMY_CACHE := $(SAMPLES)/taxonomy-cache
export XDG_CONFIG_HOME ?= $(CURDIR)/.arelle-config

.PHONY: install demo test lint typecheck clean docs rules-table layout-table data-dictionary bench bench-quick model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The build system (pyproject's [build-system] requires: setuptools, wheel) goes into the venv first,
# so that pip builds the editable package there instead of in a throwaway environment of its own.
# --no-compile, then compileall on every core: pip compiles every module of every dependency, one
# at a time, the dependencies' own tests (pandas', numpy's, scipy's) included. Here what the plugin
# and the tests import is compiled before the tests' processes would each compile it at once;
# the rest (the tools that install, and the model extra that one test trains with) compiles when
# first imported.
UNCOMPILED := '/tests?/|/site-packages/(pip|setuptools|_distutils_hack|pkg_resources|wheel|pygments|mypyc|scipy|sklearn|narwhals|joblib|PIL)/'
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet 'setuptools>=68' wheel
	$(BIN)/python -m pip install --quiet --no-compile --no-build-isolation -e '.[test]'
	$(BIN)/python -m compileall -q -j 0 -x $(UNCOMPILED) \
		$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))') cyber_plugin
	touch $(STAMP)

install: $(STAMP)

# The main job: the plugin, offline, with validation, on the bundled 20-F sample.
demo: $(STAMP)
	mkdir -p out
	$(BIN)/arelleCmdLine --plugins cyber_plugin --workOffline \
		--cacheDirectory $(TAXONOMY_CACHE) \
		--file $(SAMPLES)/20f-item16k/filing.htm --validate \
		--cyber-export out/20f-item16k.json --cyber-export out/20f-item16k.html \
		--cyber-export out/20f-item16k.csv --cyber-export out/20f-item16k.xlsx --cyber-summary
	@echo "Exports written to out/: 20f-item16k.json, .html (open it in a browser), .csv, .xlsx"

# Benchmarks (after make test's set-up): writes benchmarks/RESULTS.md and nothing else (no other
# page quotes its figures). bench-quick is a smoke test of the same code on a few small cases
# (about a minute), written to out/bench-quick.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick

# The generated documentation, each part rewritten from the code (tests fail when one drifts).
docs: rules-table layout-table data-dictionary

# Rewrites docs/rules.md's rule table from the rules' docstrings.
rules-table: $(STAMP)
	$(BIN)/python -m tools.rules_table docs/rules.md

# Rewrites ARCHITECTURE.md's layout table from the modules' docstrings.
layout-table: $(STAMP)
	$(BIN)/python -m tools.layout_table ARCHITECTURE.md

# Rewrites docs/data-dictionary.md from the tables' definitions (outputs/filings_table.py, tables.py) and the catalogue.
data-dictionary: $(STAMP)
	$(BIN)/python -m tools.data_dictionary docs/data-dictionary.md

# Retrains the suggestion model (cyber_plugin/core/suggestion_model.npz) on ../shared/population/
# and rewrites its card, docs/suggestion-model.md. Needs the development extra `model`
# (scikit-learn); one BLAS thread and fixed seeds: the same data gives the same model file.
MODEL_STAMP := $(VENV)/.model-installed
$(MODEL_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,model]'
	touch $(MODEL_STAMP)

model: $(MODEL_STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python -m tools.train_suggestions

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy, as configured in pyproject.toml ([tool.mypy]: what is checked, and how strictly). Its
# cache (.mypy_cache) makes a second run take about a second.
typecheck: $(STAMP)
	$(BIN)/mypy

# The type check runs as a test (tests/test_typing.py), beside the others.
test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf out .pytest_cache .ruff_cache .mypy_cache .arelle-config
