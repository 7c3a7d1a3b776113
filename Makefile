# Fjord: `make run` (install and run the all-in-one server), `make test` (install and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
APT_TEST_PACKAGES := chromium firefox-esr xvfb coturn janus postgresql softhsm2 redis-server iproute2 gcc \
	libsrtp2-dev libssl-dev nodejs ffmpeg age
# Tests run in a network namespace that has only loopback: no traffic can leave the machine.
LOOPBACK_ONLY := unshare -n sh -c
PACKAGES := fjord sfu_control cluster signaling bench sfu turn keys operability recording

.PHONY: install install-test run test lint bench clean system-test-deps

# setup.py and the C sources too: pip install -e compiles the native cores in place
$(STAMP): pyproject.toml setup.py $(wildcard turn/*.c turn/*.h sfu/*.c sfu/*.h)
	$(PYTHON) -m venv $(VENV) || { echo "fjord: cannot create $(VENV); on Debian: apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# axe-core, the accessibility checker the browser tests inject into the page
# (tests/e2e/test_accessibility.py), from the npm registry into the venv.
AXE_VERSION := 4.11.0
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION)

install: $(STAMP)

# Debian packages first: the native cores compile only when gcc, libsrtp2-dev and libssl-dev
# are there
install-test: system-test-deps $(TEST_STAMP) $(AXE)

system-test-deps:
	@missing=""; for p in $(APT_TEST_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

run: install
	$(BIN)/fjord serve

# The suite in two pytest runs. First everything that holds no real media to a deadline of
# seconds, in $(TEST_WORKERS) parallel workers (pytest-xdist); then the browser tests and the
# other `serial` ones alone, and last the suite audit, which reads what every process
# recorded in SUITE_AUDIT_DIR (tests/suite_audit.py). Both runs always run; a run that
# selects nothing (exit 5, e.g. PYTEST_ARGS naming one file) is no failure. Each run lists
# its 15 slowest tests, to keep CI's time (about 27 minutes on 2 cores) in view.
TEST_WORKERS ?= 3
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider --durations=15
test: install-test lint
	$(LOOPBACK_ONLY) 'ip link set lo up && export SUITE_AUDIT_DIR=$$(mktemp -d) && rc=0; \
	  $(PYTEST) -n $(TEST_WORKERS) -m "not browser and not serial and not suite_audit" \
	    $(PYTEST_ARGS) || { s=$$?; [ $$s -eq 5 ] || rc=$$s; }; \
	  $(PYTEST) -m "browser or serial or suite_audit" $(PYTEST_ARGS) || { s=$$?; [ $$s -eq 5 ] || rc=$$s; }; \
	  rm -rf "$$SUITE_AUDIT_DIR"; exit $$rc'

# ruff, then the architecture contracts of pyproject.toml [tool.importlinter]: layers, pure
# codecs, no import cycles (docs/architecture.md).
lint: $(TEST_STAMP)
	$(BIN)/ruff check $(PACKAGES) tests
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) .pytest_cache

# Quick run of every benchmark (about 6 minutes on 2 cores); results in bench/results/.
bench: install
	@$(BIN)/python -c "import matplotlib, jsonschema, tqdm, httpx" 2>/dev/null || \
	  $(BIN)/pip install --quiet -e '.[bench]'
	@command -v turnserver >/dev/null || { echo "coturn missing: apt-get install coturn"; exit 1; }
	@command -v janus >/dev/null || { echo "Janus missing: apt-get install janus"; exit 1; }
	$(LOOPBACK_ONLY) 'ip link set lo up && \
	  $(BIN)/fjord bench turn --vs coturn --runs 3 --duration 8 && \
	  $(BIN)/fjord bench turn --vs coturn --runs 3 --duration 6 --allocations 200 --rate 100 && \
	  $(BIN)/fjord bench hotpath --subscribers 1,10,50 --runs 3 --duration 2 && \
	  $(BIN)/fjord bench sfu --publishers 5 --subscribers 20 --step 20 --ramp --max-subscribers 100 --duration 2 && \
	  $(BIN)/fjord bench sfu --publishers 5 --subscribers 20 --vs janus --runs 3 --duration 3'
