# The two set-up commands of the README. Only python3 (with venv) and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := agendas/go-cluster-2022.yaml

.PHONY: demo test lint types pytest bench clean schema

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# An editable install leaves our modules without bytecode, and where PYTHONDONTWRITEBYTECODE is set (as in many CI
# images) every command would compile them again on each start (~15 ms for `validate`): compile them once, as pip
# does for a regular install. The demo installs the extra `fast` (OR-Tools' min-cost flow for breakout rooms) as the
# tests do, so that both README commands place people with the same solver (docs/assign.md, "Ties").
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[fast]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q clustermeet
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q clustermeet
	touch $@ $(VENV)/.installed

OUT := out

demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	$(BIN)/clustermeet validate $(DEMO)
	$(BIN)/clustermeet schedule $(DEMO)
	$(BIN)/clustermeet assign $(DEMO) --output $(OUT)/assignments.csv --zoom-csv $(OUT)/zoom --rosters $(OUT)/rosters --force
	$(BIN)/clustermeet ics $(DEMO) --output $(OUT)/go-cluster-2022.ics --per-person $(OUT)/invites \
		--assignments $(OUT)/assignments.csv --state $(OUT)/go-cluster-2022.invites.json --force
	$(BIN)/clustermeet schedule $(DEMO) --format html --output $(OUT)/index.html --force
	@echo
	@echo "Written to $(OUT)/: assignments.csv, zoom/, rosters/, go-cluster-2022.ics, invites/, index.html, vote/"
	@echo "Next: $(BIN)/clustermeet runsheet $(DEMO)   and   $(BIN)/clustermeet run $(DEMO) --speed 60"
	@echo "The vote, from the Zoom poll report (vote/result.html to show on screen, vote/audit.csv for the record):"
	@echo
	$(BIN)/clustermeet vote $(DEMO) agendas/go-cluster-2022-abstimmung.csv --output $(OUT)/vote \
		--record $(OUT)/go-cluster-2022.vote.json --force

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
