"""gunicorn settings for deploy/systemd/pop-web.service and the Dockerfile.

Everything tunable comes from the environment, so one file serves every host."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core is gunicorn's usual advice; the benchmark ran 2 workers on 2 cores
# (docs/PERFORMANCE.md).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A request that takes longer than this is a bug (PDFs and packages are built by the
# task worker), so the worker is killed and restarted rather than left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Only the proxy on this host (or the one named) may set X-Forwarded-Proto/For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# A worker is replaced after this many requests, against slow growth of memory.
max_requests = 2000
max_requests_jitter = 200
# One JSON object per request on stdout (journald or Docker): no query strings, which
# can hold a search for a person's name.
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "remote": "%({x-forwarded-for}i)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "ms": %(M)s}'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
