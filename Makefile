# Two commands: `make run` starts the app, `make test` runs every test. Both set up a virtual
# environment first: .venv for the default python3, and one folder per version for another
# interpreter (`make test PYTHON=python3.13` uses .venv-3.13), so no two Pythons share one.
PYTHON ?= python3
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(origin PYTHON),file)
VENV   := .venv
else
VENV   := .venv-$(PY_VERSION)
endif
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready-$(PY_VERSION)

.PHONY: run test bench clean

$(READY): pyproject.toml
	@test -n "$(PY_VERSION)" || { echo "'$(PYTHON)' does not run here: give a Python 3.11, 3.12 or 3.13, e.g. make test PYTHON=python3.12"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	@# A folder made by another Python (python3 was upgraded) is made again, never silently reused.
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(PY_VERSION)" ]; then \
		echo "$(VENV) was made with another Python: making it again with Python $(PY_VERSION)"; rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(READY)

run: $(READY)
	$(BIN)/shadowreport app

test: $(READY)
	@$(BIN)/python -c 'import sys; print("Testing with Python", sys.version.split()[0], "in $(VENV)")'
	@# One worker per core (pytest-xdist): the browser tests spend much of their time waiting on a browser and a server,
	@# and the suite takes about two thirds of the time it takes in one process on two cores. Tests are handed out as workers
	@# free up (worksteal), as their lengths differ from milliseconds to a minute.
	$(BIN)/python -m pytest -n auto --dist worksteal

bench: $(READY)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python -m bench

clean:
	rm -rf .venv .venv-* .pytest_cache build dist *.egg-info
