# The two front-door commands (see README): `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
CR := $(VENV)/bin/crossroads
DEMO_DB ?= demo.db

.PHONY: setup demo test lint frontend bench score train clean

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

# lint rules, formatting and static types (config in pyproject.toml): ruff and ruff format on the
# whole project, mypy strict on src/ and relaxed on tests/ (CI runs it before the tests)
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/bench_entities.py
	$(PY) benchmarks/bench_long.py
	$(PY) benchmarks/bench_ingest.py
	$(PY) benchmarks/bench_store.py --docs 1000

# the shared evaluation set (README: CROSSROADS_EVAL_DIR), scored in a fresh temporary folder
EVAL_DIR ?= $(or $(CROSSROADS_EVAL_DIR),../shared)
# rebuild the shipped relation model from all annotated text, with its cross-validated scores
TRAIN_DATA = $(EVAL_DIR) tests/eval/gold:examples/briefs tests/eval/heldout-gold:tests/eval/heldout \
	tests/eval/heldout2-gold:tests/eval/heldout2
# made-up articles of the team's own: trained on, never scored by the cross-validation
TRAIN_EXTRA = data/made-up/gold
# made-up articles only the entity review learns from (they cost the relation model)
TRAIN_REVIEW_EXTRA = data/made-up/review/gold
train: setup
	$(CR) train $(foreach d,$(TRAIN_DATA),--data $(d)) $(foreach d,$(TRAIN_EXTRA),--extra $(d)) \
		$(foreach d,$(TRAIN_REVIEW_EXTRA),--extra-review $(d)) --cv 5 --curve

score: setup
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ $(CR) ingest $(EVAL_DIR)/corpus --db "$$tmp/corpus.db" --quiet || true; } && \
	$(CR) export --format jsonl --db "$$tmp/corpus.db" --out "$$tmp/facts.jsonl" && \
	python3 $(EVAL_DIR)/eval/score.py --facts "$$tmp/facts.jsonl" --gold $(EVAL_DIR)/eval/gold

clean:
	rm -rf $(VENV) $(DEMO_DB)* src/crossroads/web/static/vendor
