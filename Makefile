# Two commands do everything: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
# axe-core from the npm registry, for the accessibility checks in the browser tests.
AXE_VERSION := 4.10.3
AXE := $(VENV)/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: run test setup messages migrate bench lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
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

# The app and, beside it, the task worker that builds PDFs and packages and sends mail.
run: migrate
	$(PY) manage.py load_demo
	@echo "\nDe app draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)\n"
	$(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 0.0.0.0:$(PORT)

# The suite spread over every core (pytest-xdist, a test database per worker);
# PYTEST_ARGS="-k agree" runs a selection in one process instead.
PYTEST_ARGS ?= -n auto
test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmark on PostgreSQL with production settings (docs/PERFORMANCE.md): two load data
# sizes in databases $(BENCH_DB)_small and $(BENCH_DB)_large, built once and kept
# (BENCH_REBUILD=1 rebuilds them), each served by gunicorn with two workers; the driver
# measures every page unloaded against the floor view at both sizes, the writes, and
# the saturated throughput of the mixed workload beside the floor's, from a second process.
SMALL ?= 0.2
LARGE ?= 1
BENCH_DB ?= bench
BENCH_PG := postgres://postgres@127.0.0.1:5432
BENCH_ARGS ?=
PORT1 ?= 8765
PORT2 ?= 8766
define bench_db
	if [ -n "$(BENCH_REBUILD)" ]; then psql $(BENCH_PG)/postgres -qc "DROP DATABASE IF EXISTS $(1)"; fi
	psql $(BENCH_PG)/postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$(1)'" | grep -q 1 \
		|| psql $(BENCH_PG)/postgres -qc "CREATE DATABASE $(1)"
	DATABASE_URL=$(BENCH_PG)/$(1) $(PY) manage.py migrate --noinput --verbosity 0
	DATABASE_URL=$(BENCH_PG)/$(1) $(PY) manage.py shell -c \
		"from popsite.accounts.models import Organisation as O; exit(0 if O.objects.exists() else 1)" \
		|| (DATABASE_URL=$(BENCH_PG)/$(1) $(PY) manage.py seed_load --scale $(2) \
		&& psql $(BENCH_PG)/$(1) -qc "VACUUM ANALYZE")
endef
bench: setup
	$(call bench_db,$(BENCH_DB)_small,$(SMALL))
	$(call bench_db,$(BENCH_DB)_large,$(LARGE))
	for db in small:$(PORT1) large:$(PORT2); do DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)_$${db%%:*} DEBUG=0 SECRET_KEY=bench-only-not-secret \
		$(VENV)/bin/gunicorn popsite.wsgi --workers 2 --bind 127.0.0.1:$${db##*:} --daemon \
		--pid $(VENV)/bench-$${db##*:}.pid --access-logfile /dev/null; done
	sleep 3
	$(PY) -m bench.bench $(BENCH_ARGS) \
		--target $(SMALL)=http://127.0.0.1:$(PORT1),$(BENCH_PG)/$(BENCH_DB)_small \
		--target $(LARGE)=http://127.0.0.1:$(PORT2),$(BENCH_PG)/$(BENCH_DB)_large; \
		status=$$?; kill `cat $(VENV)/bench-$(PORT1).pid` `cat $(VENV)/bench-$(PORT2).pid`; exit $$status
	DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)_large $(PY) -m bench.bench_documents
	# Two app servers on one database: upload through one, download through the other.
	for port in $(PORT1) $(PORT2); do DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)_large DEBUG=0 SECRET_KEY=bench-only-not-secret $(VENV)/bin/gunicorn popsite.wsgi \
		--workers 1 --bind 127.0.0.1:$$port --daemon --pid $(VENV)/bench-$$port.pid \
		--access-logfile /dev/null; done
	sleep 3
	DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)_large $(PY) -m bench.bench_two_servers \
		--first http://127.0.0.1:$(PORT1) --second http://127.0.0.1:$(PORT2); \
		status=$$?; kill `cat $(VENV)/bench-$(PORT1).pid` `cat $(VENV)/bench-$(PORT2).pid`; exit $$status

# requirements.lock: every dependency (with the sentry extra) at one version with its
# hashes, for deploy/install.sh and the first install step above. Run after changing
# the dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --extra sentry --strip-extras \
		--no-emit-index-url --no-emit-find-links --allow-unsafe -o requirements.lock pyproject.toml
