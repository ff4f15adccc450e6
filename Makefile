# Marsad — the two set-up commands are `make demo` and `make test` (see README.md).
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared

.PHONY: install demo test lint docs resources bench clean

$(BIN)/marsad: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@

install: $(BIN)/marsad

## Run the main job on the bundled sample articles (written for this project, in samples/).
demo: install
	@mkdir -p out
	$(BIN)/marsad extract samples --out out/samples.jsonl --published 2016-06-12
	$(BIN)/python tools/demo_summary.py out/samples.jsonl
	rm -f out/demo.db
	$(BIN)/marsad ingest out/samples.jsonl --db out/demo.db -q
	$(BIN)/marsad export --db out/demo.db --format geojson --out out/events.geojson
	$(BIN)/marsad export --db out/demo.db --format acled-csv --out out/events-acled.csv
	@echo "Wrote out/samples.jsonl, out/demo.db, out/events.geojson, out/events-acled.csv."
	@$(MAKE) -s web >/dev/null 2>&1 && echo "Browse them: $(BIN)/marsad serve --db out/demo.db  (then open http://127.0.0.1:8765/)" \
	  || echo "(the web page needs npm: run 'make web', then '$(BIN)/marsad serve --db out/demo.db')"

## Install everything (system packages for PostgreSQL and Chromium when run as root) and run all tests.
test:
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check src tests benchmarks tools

docs: install
	$(BIN)/python tools/gen_reference.py

## Rebuild the data files Marsad ships (needs ../shared; see docs/resources.md).
resources: install
	$(BIN)/pip install -q -e ".[build]"
	$(BIN)/python -m marsad.build.gazetteer --wof $(SHARED)/data/gazetteer/wof_ar_places.tsv.gz
	$(BIN)/python -m marsad.build.place_words
	$(BIN)/python -m marsad.build.ner_lexicon
	$(BIN)/python -m marsad.ner.train --data $(SHARED)/eval/ner --out src/marsad/resources/data/ner.crfsuite

bench: install
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf out artifacts .pytest_cache

## Build the web page (web/ → src/marsad/api/static/): npm ci, then copy our sources and the npm
## packages' files (Leaflet, topojson-client, world-atlas). Needs node and npm; `marsad serve` serves it.
.PHONY: web
web:
	cd web && npm ci --no-audit --no-fund && npm run build
