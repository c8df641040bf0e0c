# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA ?= data

.PHONY: run test system-deps install lock bench score clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip==26.3"
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) system-deps

system-deps:
	./scripts/system-deps.sh

test: install
	$(BIN)/python -m pytest -q -p no:cacheprovider tests

run: install
	$(BIN)/nianbao demo --data $(DATA)

# Rewrite constraints.txt from the current environment (after changing pyproject.toml).
lock:
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable | sed 's/+cpu$$//' | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/api.py

# Score the extractor on the shared dev corpus (needs ../shared, which a user's clone lacks).
score: install
	../shared/tools/score-corpus ../shared/corpus/dev

clean:
	rm -rf $(VENV) build *.egg-info
