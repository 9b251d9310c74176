# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test schema lock clean browser

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	$(BIN)/newsfacts extract corpus/ --out output/
	$(BIN)/newsfacts report output/ --out output/report.html

test: install browser
	$(BIN)/python -m pytest -q

# Debian's chromium drives the report's browser test through playwright (no browser download).
# Installed when missing if we are root (CI); otherwise the test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing and we are not root: the browser test will skip (run: sudo make browser)"; fi; }

schema: install
	$(BIN)/newsfacts schema --out schemas/

# Re-resolve the lock file (needs uv: `pip install uv`); commit the result.
lock:
	uv pip compile requirements.in --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) output/*.jsonl output/report.html output/*.png
