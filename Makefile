# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLES := sample_filings
TAXONOMY_CACHE := $(SAMPLES)/taxonomy-cache
export XDG_CONFIG_HOME ?= $(CURDIR)/.arelle-config

.PHONY: install demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/arelleCmdLine --plugins cyber_plugin --workOffline \
		--cacheDirectory $(TAXONOMY_CACHE) \
		--file $(SAMPLES)/20f-item16k/filing.htm --validate \
		--cyber-export out/20f-item16k.json --cyber-summary \
		--logFile out/20f-item16k-log.json --logFileMode w
	@echo "Exports written to out/"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf out .pytest_cache .ruff_cache .arelle-config
