# Policy Archive — the two commands a newcomer needs are `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test check goldens bench browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: build the archive from seeds/ and serve it with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## site: build the complete site into site/, failing on any warning
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## test: install everything the tests need (Python packages, Chromium, axe-core) and run the whole suite
test: $(STAMP) browser .ci/node_modules/.installed
	$(BIN)/python -m pytest

## check: validate every seed and curated file
check: $(STAMP)
	$(BIN)/python -m build_tools check

## goldens: regenerate the expected Markdown in tests/golden/ (review the diff like code)
goldens: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-goldens

## bench: print the speed and memory figures (see benchmarks/README.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## browser: make sure Debian's Chromium is installed for the browser tests
browser:
	@sh .ci/install-chromium

# axe-core, at the version .ci/package-lock.json pins, for the accessibility checks
.ci/node_modules/.installed: .ci/package.json .ci/package-lock.json
	cd .ci && npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .venv .pytest_cache .hypothesis
