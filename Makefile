# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test schema lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/newsfacts extract corpus/ --out output/

test: install
	$(BIN)/python -m pytest -q

schema: install
	$(BIN)/newsfacts schema --out schemas/

# Re-resolve the lock file (needs uv: `pip install uv`); commit the result.
lock:
	uv pip compile requirements.in --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) output/*.jsonl
