# rolekit: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every check.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

WORKERS ?= 3
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/rolekit

.PHONY: setup run serve test lint bench eval load clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

setup: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
	$(BIN)/python manage.py load_demo

# The task worker runs beside the development server (bulk exports, webhooks, expiry).
run: setup
	@$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production mode on one machine: gunicorn + the task worker, PostgreSQL, production
# settings. Every variable can be overridden from the environment (see README).
serve: $(INSTALLED)
	@set -e; \
	export DJANGO_SETTINGS_MODULE=hiring.settings.production; \
	export DATABASE_URL="$${DATABASE_URL:-$(PROD_DATABASE_URL)}"; \
	if [ -z "$$SECRET_KEY" ]; then \
		[ -s .secret_key ] || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key; \
		export SECRET_KEY="$$(cat .secret_key)"; \
	fi; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	export SECURE_COOKIES="$${SECURE_COOKIES:-false}"; \
	$(BIN)/python -m hiring.site.createdb; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py collectstatic --noinput -v0; \
	$(BIN)/python manage.py load_catalog; \
	$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn hiring.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

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

# The free-text analyser on labelled real job ads (../shared/reference/real_postings_dev.jsonl),
# then under 5-fold cross-validation; exits 1 when a target is missed.
eval: setup
	$(BIN)/python -m benchmarks.eval $(EVAL_FILE)

# A bounded load test against gunicorn + PostgreSQL (loopback only, 60 s); needs wrk.
load: $(INSTALLED)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m benchmarks.load

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
