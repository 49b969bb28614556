# Two commands on a fresh machine: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test check bench clean

$(STAMP): pyproject.toml tests/browser/package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[model,web,test]"
	# axe-core for the accessibility check in tests/browser (skipped there if npm is missing)
	-command -v npm >/dev/null && npm install --prefix tests/browser --no-audit --no-fund --silent
	touch $(STAMP)

## Serve the student web app on the default assignment (SQLite, no set-up) at http://127.0.0.1:5000
run: $(STAMP)
	$(BIN)/essaycheck-web

## Run the whole test suite (the same command CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Check the sample essay against the default assignment at the terminal
check: $(STAMP)
	$(BIN)/essaycheck check --pack rubric/cuban-missile-crisis --format text rubric/cuban-missile-crisis/examples/sample-essay.txt

## Speed figures (not tests): words per second, latency, memory; then how cost grows with input size
bench: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_core.py
	$(BIN)/python tests/benchmarks/bench_scaling.py
	# the date reader on TempEval-3 (the team's shared copy, beside the checkout; skipped if absent)
	-$(BIN)/python tests/benchmarks/bench_tempeval.py

clean:
	rm -rf $(VENV) .pytest_cache
