# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

# Every install takes the tested versions of requirements.lock (pip constraints).
LOCK := requirements.lock
PIP := $(BIN)/python -m pip install --quiet -c $(LOCK)

.PHONY: run test lint typecheck pytest soak bench fuzz clean lock qt-system-libs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) --upgrade pip

$(STAMP): pyproject.toml $(LOCK) | qt-system-libs $(BIN)/python
	$(PIP) -e .
	touch $@

$(DEVSTAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) -e '.[dev]'
	touch $@ $(STAMP)

# Qt's window needs system libraries (libxcb-cursor0, libxcb-icccm4, …): installed with
# apt when run as root, else make stops before installing Python packages and prints
# the exact command.
qt-system-libs:
	@PYTHON=$(PYTHON) sh installer/qt-system-libs.sh

run: qt-system-libs $(STAMP)
	$(BIN)/schoolimport-gui

lint: $(DEVSTAMP)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

pytest: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

test: lint typecheck pytest

# One main window through 20 imports: RSS and the reference count of None stay flat.
soak: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider -m soak -s tests/wizard/test_soak.py

# Upgrade the tested set on purpose: resolve pyproject.toml's ranges afresh in a new
# environment, run every test there (the Qt binding guard and the soak run included),
# and only then write its versions into requirements.lock. Review the diff, commit it.
LOCKVENV := .venv-lock
lock:
	rm -rf $(LOCKVENV)
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCKVENV)/bin/python -m pip install --quiet -e '.[dev]'
	QT_QPA_PLATFORM=offscreen $(LOCKVENV)/bin/pytest -q -p no:cacheprovider -m 'soak or not soak'
	$(LOCKVENV)/bin/python installer/freeze_lock.py $(LOCK)
	rm -rf $(LOCKVENV)

# The fuzz properties (readers, mapper, validator, logins; the preview's promise on
# memberships) with many more examples (a quarter of an hour).
FUZZ_EXAMPLES ?= 5000
fuzz: $(DEVSTAMP)
	SCHOOLIMPORT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider \
		tests/engine/test_fuzz.py tests/engine/test_preview_promise.py \
		--hypothesis-show-statistics

bench: $(STAMP)
	$(BIN)/python bench/run.py --rows 10000

clean:
	rm -rf $(VENV) build dist *.egg-info

# The installable bundle (installer/schoolimport.spec): dist/schoolimport/ on this system.
.PHONY: dist dist-check
dist: $(DEVSTAMP)
	$(BIN)/pyinstaller installer/schoolimport.spec --noconfirm --distpath dist --workpath build

# Build it, then run the bundled program: its version and its headless self-test.
dist-check: dist
	dist/schoolimport/schoolimport --version
	QT_QPA_PLATFORM=offscreen dist/schoolimport/schoolimport --self-test
