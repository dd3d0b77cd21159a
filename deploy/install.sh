#!/bin/sh
# The install steps of a server, shared by a Debian host (docs/DEPLOYMENT.md) and
# deploy/Dockerfile: a venv with the locked dependencies, then the translations and the
# static files. Run from the code's folder: deploy/install.sh /srv/pop/venv
set -eu
VENV=${1:-/srv/pop/venv}
test -x "$VENV/bin/python" || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# The same command as the Makefile's: exact versions, each file checked by its hash.
"$VENV/bin/python" -m pip install --quiet --require-hashes -r requirements.lock
"$VENV/bin/python" manage.py compilemessages --ignore=.venv --verbosity 0
"$VENV/bin/python" manage.py collectstatic --noinput --verbosity 0
