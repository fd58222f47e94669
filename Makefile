# The two front-door commands (see README): `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
CR := $(VENV)/bin/crossroads
DEMO_DB ?= demo.db

.PHONY: setup demo test frontend bench score clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	bash scripts/build_frontend.sh
	touch $@

frontend:
	bash scripts/build_frontend.sh

# ingest the bundled sample corpus into an embedded SQLite store, then show what it found
demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(CR) ingest examples/briefs --db $(DEMO_DB)
	$(CR) documents --db $(DEMO_DB)
	$(CR) entities --db $(DEMO_DB) -n 20
	$(CR) search "Gwadar" --db $(DEMO_DB)
	$(CR) analyze basing --power "United States" --hosts "Central Asia,Pakistan" --db $(DEMO_DB) || true
	@echo; echo "Browse it: $(CR) serve --db $(DEMO_DB)   (then open http://127.0.0.1:8001)"

# all tests, with a throwaway PostgreSQL cluster on loopback when PostgreSQL is installed
test: setup
	bash scripts/with_postgres.sh $(VENV)/bin/pytest -q -rs

bench: setup
	$(PY) benchmarks/bench_entities.py
	$(PY) benchmarks/bench_long.py

score: setup
	rm -f /tmp/crossroads-corpus.db*
	$(CR) ingest ../shared/corpus --db /tmp/crossroads-corpus.db --quiet || true
	$(CR) export --format jsonl --db /tmp/crossroads-corpus.db --out /tmp/crossroads-facts.jsonl
	python3 ../shared/eval/score.py --facts /tmp/crossroads-facts.jsonl --gold ../shared/eval/gold

clean:
	rm -rf $(VENV) $(DEMO_DB)* src/crossroads/web/static/vendor
