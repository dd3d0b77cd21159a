# Two commands do everything: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# axe-core from the npm registry, for the accessibility checks in the browser tests.
AXE_VERSION := 4.10.3
AXE := $(VENV)/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: run test setup messages migrate bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP) messages $(AXE)
	$(PY) manage.py collectstatic --noinput --verbosity 0

$(AXE): $(STAMP)
	mkdir -p $(dir $(AXE))
	cd $(dir $(AXE)) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
		&& tar xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js \
		&& rm axe-core-$(AXE_VERSION).tgz \
		|| echo "axe-core not fetched (no npm?): the accessibility test will be skipped"

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

migrate: setup
	$(PY) manage.py migrate --noinput --verbosity 0

run: migrate
	$(PY) manage.py load_demo
	@echo "\nDe app draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)\n"
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 0.0.0.0:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmark on PostgreSQL with production settings: load data at SCALE, gunicorn with
# two workers, 20 concurrent users from a second process (docs/PERFORMANCE.md).
SCALE ?= 1
BENCH_PG := postgres://postgres@127.0.0.1:5432
bench: setup
	psql $(BENCH_PG)/postgres -qc "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
	DATABASE_URL=$(BENCH_PG)/bench $(PY) manage.py migrate --noinput --verbosity 0
	DATABASE_URL=$(BENCH_PG)/bench $(PY) manage.py seed_load --scale $(SCALE)
	DATABASE_URL=$(BENCH_PG)/bench DEBUG=0 SECRET_KEY=bench-only-not-secret $(VENV)/bin/gunicorn popsite.wsgi --workers 2 \
		--bind 127.0.0.1:8765 --daemon --pid $(VENV)/bench.pid --access-logfile /dev/null
	sleep 3
	DATABASE_URL=$(BENCH_PG)/bench $(PY) -m popsite.bench --users 20 --seconds 60; \
		status=$$?; kill `cat $(VENV)/bench.pid`; exit $$status
	DATABASE_URL=$(BENCH_PG)/bench $(PY) -m popsite.bench_documents
	# Two app servers on one database: upload through one, download through the other.
	for port in 8765 8766; do DATABASE_URL=$(BENCH_PG)/bench DEBUG=0 SECRET_KEY=bench-only-not-secret $(VENV)/bin/gunicorn popsite.wsgi \
		--workers 1 --bind 127.0.0.1:$$port --daemon --pid $(VENV)/bench-$$port.pid \
		--access-logfile /dev/null; done
	sleep 3
	DATABASE_URL=$(BENCH_PG)/bench $(PY) -m popsite.bench_two_servers; \
		status=$$?; kill `cat $(VENV)/bench-8765.pid` `cat $(VENV)/bench-8766.pid`; exit $$status
