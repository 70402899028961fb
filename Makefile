# rolekit: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every check.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

setup: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
	$(BIN)/python manage.py load_demo

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict hiring/rules
	DJANGO_SETTINGS_MODULE=hiring.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# pytest exits 5 when it collects no test; that is not a failure of the build.
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$status

bench: $(INSTALLED)
	DJANGO_SETTINGS_MODULE=hiring.settings.test $(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
