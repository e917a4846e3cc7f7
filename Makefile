# Two commands do all the set-up on a fresh Debian machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The engine on ProperDocs, MkDocs' maintained fork, in place of MkDocs: `make test` builds and serves the sample with both.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Debian packages: to build the site, and to test it in a real browser and print it (fonts, PDF tools).
BUILD_PACKAGES := python3-venv npm
TEST_PACKAGES := chromium fonts-noto-cjk fonts-droid-fallback fonts-wqy-zenhei poppler-utils faketime

.PHONY: install system-build system-test lock check build pdf site-offline serve test a11y lint format clean

install: system-build $(STAMP) node_modules/.package-lock.json

system-build:
	@scripts/system-packages $(BUILD_PACKAGES)

system-test:
	@scripts/system-packages $(TEST_PACKAGES)

# Exactly the locked versions, checked against their hashes; then the package itself, without deps.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The same pins, ProperDocs in place of MkDocs. --no-deps: Material names MkDocs as a dependency, and
# ProperDocs answers its `mkdocs.*` imports (properdocs.replacement), so MkDocs is never installed here.
$(PROPERDOCS_STAMP): pyproject.toml requirements-properdocs.lock
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/pip install --quiet --no-deps --require-hashes -r requirements-properdocs.lock
	$(PROPERDOCS_VENV)/bin/pip install --quiet --no-deps -e .
	touch $@

# After changing the dependencies in pyproject.toml: pin them again, with hashes. The ProperDocs lock
# starts from the main one, so both pin the same versions: only the runtime dependencies, properdocs
# (requirements-properdocs.in) and no mkdocs (--unsafe-package leaves it out).
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	cp requirements.lock requirements-properdocs.lock
	$(BIN)/pip-compile --quiet --generate-hashes --unsafe-package mkdocs --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements-properdocs.lock pyproject.toml requirements-properdocs.in

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

check: install
	$(BIN)/handbook check

pdf: install system-test
	$(BIN)/handbook pdf --output build/handbook.pdf

build: install
	$(BIN)/handbook build --strict
	$(BIN)/handbook check --site site

# A copy that opens from a folder or USB stick (file://): no directory URLs, inlined search index.
site-offline: install
	HANDBOOK_OFFLINE=true $(BIN)/handbook build --strict --site-dir site-offline

serve: install
	$(BIN)/handbook serve --addr 127.0.0.1:8000

test: install system-test $(PROPERDOCS_STAMP)
	$(BIN)/ruff check handbook hooks tests scripts
	$(BIN)/ruff format --check handbook hooks tests scripts
	$(BIN)/mypy
	$(BIN)/handbook check
	$(BIN)/handbook schema --check
	$(BIN)/pytest -q -n 2 --dist worksteal; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$status

# axe-core's WCAG 2.2 A/AA rules on every page of the built site (make test audits a sample of about 35
# pages, to stay within five minutes; CI runs this after it).
a11y: install system-test
	HANDBOOK_A11Y=all $(BIN)/pytest -q -n 2 tests/test_a11y.py -k wcag

lint: install
	$(BIN)/ruff check handbook hooks tests scripts

format: install
	$(BIN)/ruff format handbook hooks tests scripts
	$(BIN)/ruff check --fix handbook hooks tests scripts

clean:
	rm -rf site .cache build
