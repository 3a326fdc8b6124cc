# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/schoolimport-gui

lint: $(DEVSTAMP)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

pytest: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

test: lint typecheck pytest

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
