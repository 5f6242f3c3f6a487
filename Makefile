# The two commands of the quickstart: `make demo` and `make test`.
VENV   := .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: install demo test test-all bench docs

# torch first, pinned to the CPU wheel: any other order lets a dependency pull a CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/newslake run data/samples
	$(BIN)/newslake report

test: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q

test-all: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q -m ''

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/runners.py
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/nightly.py

docs: install
	$(BIN)/python -m newslake.schemas > docs/tables.md
	$(BIN)/python -m newslake.errors > docs/errors.md
	$(BIN)/python -m newslake.config > configs/pipeline.yaml
