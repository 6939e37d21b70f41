# Developer entry points. Only python3 (3.11+), pip and make are needed:
# every target creates the virtual environment and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.parallax-installed

.PHONY: run test test-all install screenshot clean-index bundle

run: $(STAMP)  ## install everything and open the app on the bundled seeds
	$(PY) -m reader

test: $(STAMP)  ## install everything the tests need and run the whole suite
	$(PY) -m pytest -q

test-all: $(STAMP)  ## also run tests marked slow
	$(PY) -m pytest -q -m "slow or not slow"

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

bundle: $(STAMP)  ## build the double-click app into dist/Parallax/ (PyInstaller)
	$(PY) -m pip install pyinstaller
	$(PY) -m PyInstaller --noconfirm parallax.spec

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m reader --screenshot docs/screenshot.png

clean-index:
	find index -mindepth 1 ! -name README.md -exec rm -rf {} +
