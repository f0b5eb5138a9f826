# Casefile: every set-up step lives here, so a fresh machine needs nothing done by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean venv screenshots dossier

venv: $(STAMP)

# Re-install when the project's metadata changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --only-binary sqlcipher3 -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m desktop $(CASE)

test: $(STAMP)
	bash .ci/system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m ruff check desktop tests

lint: $(STAMP)
	$(PY) -m ruff check desktop tests

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/render_screenshots.py

# The seed case's dossier (full and redacted) and its PDF, into docs/. Needs LibreOffice.
dossier: $(STAMP)
	bash .ci/system-deps
	QT_QPA_PLATFORM=offscreen $(PY) tests/render_dossier.py
