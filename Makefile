# Casefile: every set-up step lives here, so a fresh machine needs nothing done by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The interface's translations: the .ts sources are committed, the .qm files Casefile loads are
# built from them (and git-ignored). resources/translations/update_translations.py refreshes
# the .ts files from the code.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)
# The dossier's and services' wording (desktop/services/words.py): the .po sources are
# committed, the .mo files are built from them (git-ignored); update_core.py refreshes them.
PO_FILES := $(wildcard resources/translations/casefile-core_*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint bench clean venv screenshots dossier translations

venv: $(STAMP)

# Re-install when the project's metadata changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --only-binary sqlcipher3 -e '.[test]'
	touch $(STAMP)

translations: $(QM_FILES) $(MO_FILES)

resources/translations/%.mo: resources/translations/%.po | $(STAMP)
	$(VENV)/bin/pybabel -q compile -i $< -o $@

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

run: $(STAMP) translations
	PYTHON=$(PY) bash .ci/display-deps
	$(PY) -m desktop $(CASE)

test: $(STAMP) translations
	bash .ci/system-deps
	PYTHON=$(PY) bash .ci/display-deps --xvfb
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m ruff check desktop tests

lint: $(STAMP)
	$(PY) -m ruff check desktop tests

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

# On a virtual X server with Qt's xcb platform, as on a desktop, when xvfb-run is there.
screenshots: $(STAMP) translations
	if command -v xvfb-run >/dev/null; then \
		xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
			$(PY) tests/render_screenshots.py; \
	else QT_QPA_PLATFORM=offscreen $(PY) tests/render_screenshots.py; fi

# The seed case's dossier (full and redacted) and its PDF, into docs/. Needs LibreOffice.
dossier: $(STAMP)
	bash .ci/system-deps
	QT_QPA_PLATFORM=offscreen $(PY) tests/render_dossier.py

# The standalone app, dist/Casefile/Casefile: a one-folder PyInstaller build that needs no
# Python on the machine. `dist-check` starts it with an empty environment (no venv, no
# PYTHONPATH), from an empty folder, and runs its smoke test.
.PHONY: dist dist-check

dist: $(STAMP) translations
	$(PY) -m pip install --quiet 'pyinstaller>=6.10'
	$(PY) -m PyInstaller --noconfirm --clean resources/packaging/casefile.spec \
		--distpath dist --workpath build/pyinstaller
	cp resources/packaging/casefile.desktop dist/Casefile/casefile.desktop
	cp resources/icons/casefile-256.png dist/Casefile/casefile.png
	@du -sh dist/Casefile

dist-check: dist
	@cd "$$(mktemp -d)" && \
	out=$$(env -i HOME="$$HOME" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
		"$(CURDIR)/dist/Casefile/Casefile" --smoke-test 2>&1); status=$$?; \
	echo "$$out"; \
	if [ $$status -ne 0 ] || ! echo "$$out" | grep -q '^Casefile smoke test: OK'; then \
		echo "dist-check: the bundled app failed its smoke test (exit $$status)" >&2; exit 1; \
	fi
