# Two commands matter: `make run` and `make test`. Everything else is a helper.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export DEBUG ?= 1
# Python keeps compiled modules for the next run (some machines switch that off).
unexport PYTHONDONTWRITEBYTECODE
# The suite runs on this many pytest-xdist workers (each with its own test database);
# `make test PYTEST_WORKERS=0` runs it in one process; PYTEST_ARGS adds pytest options
# (`make test PYTEST_ARGS="--durations=10 -k board"`).
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: run test lint format bench clean

# Runs each candidate, because pyenv has shims for versions that are not active.
$(STAMP): pyproject.toml
	@py=""; for cand in python3 python3.13 python3.12; do \
	  if $$cand -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then py=$$cand; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "LMC Studio needs Python 3.12 or newer, and none of python3, python3.13, python3.12 runs as 3.12+." >&2; \
	  echo "Install Python 3.12 (for example: pyenv install 3.12) and run make again." >&2; exit 1; \
	fi; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	  echo "Creating $(VENV) with $$py"; rm -rf $(VENV); $$py -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench_board
	$(PY) manage.py bench_note_save
	$(PY) manage.py bench_pdf
	$(PY) manage.py bench_printouts
	$(PY) manage.py bench_customers_load
	$(PY) manage.py bench_pulse

clean:
	rm -rf $(VENV) var/*.sqlite3
