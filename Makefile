# Two commands matter: `make serve` to read and write, `make test` to check everything CI checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
MKDOCS := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
export PYTHONPATH := hooks

.PHONY: serve site test lint types unit check bench note term path pin lock clean

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP) ## Serve the site at http://127.0.0.1:8000 with live reload
	SITE_URL=http://127.0.0.1:8000/ $(MKDOCS) serve --livereload --dev-addr 127.0.0.1:8000

site: $(STAMP) ## Strict build of the real site into site/, with its offline copy, then a link check
	$(MKDOCS) build --strict --clean --site-dir site
	$(BIN)/python -m edition offline site
	$(BIN)/python tests/linkcheck.py site

check: $(STAMP) ## Validate all content without building the site
	$(BIN)/python -m edition check

lint: $(STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/actionlint .github/workflows/*.yml

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -n auto

test: lint types unit site ## Everything CI checks

bench: $(STAMP) ## Build benchmark (not part of make test)
	$(BIN)/python -m edition bench

note: $(STAMP) ## New note: make note PARA=<paragraph-id> [ID=<note-id>] [AUTHOR=<your-id>]
	$(BIN)/python -m edition new note "$(PARA)" $(if $(ID),--id "$(ID)") $(if $(AUTHOR),--author "$(AUTHOR)")

term: $(STAMP) ## New glossary term: make term ID=<term-id>
	$(BIN)/python -m edition new term "$(ID)"

path: $(STAMP) ## New reading path: make path ID=<path-id>
	$(BIN)/python -m edition new path "$(ID)"

pin: $(STAMP) ## Record a deliberate correction of the essay's words in docs/essay/pinned.txt
	$(BIN)/python -m edition pin

lock: ## Re-pin requirements.lock from the current virtual environment
	{ sed -n '1,2p' requirements.lock; $(BIN)/python -m pip freeze --exclude-editable \
	  | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.lock.new && mv requirements.lock.new requirements.lock

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
