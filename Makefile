# The two set-up commands of the README. Only python3 (with venv) and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := agendas/go-cluster-2022.yaml

.PHONY: demo test lint types pytest bench clean schema

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/clustermeet validate $(DEMO)
	$(BIN)/clustermeet schedule $(DEMO)

test: $(VENV)/.installed-test lint types pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check clustermeet tests bench
	$(BIN)/ruff format --check clustermeet tests bench

types: $(VENV)/.installed-test
	$(BIN)/mypy --strict clustermeet

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

schema: $(VENV)/.installed
	$(BIN)/clustermeet schema --output docs/agenda.schema.json --force

bench: $(VENV)/.installed-test
	$(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
