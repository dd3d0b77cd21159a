"""Time and peak memory of document work, each measured in a fresh process so the
peak (ru_maxrss) belongs to that work alone: one POP PDF, and the monthly export."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")
import django
django.setup()
from plans.models import PopVersion
from plans.pdf import render_pop_pdf
from plans.selectors import pop_with_content

pop = pop_with_content(PopVersion.objects.filter(agreed_at__isnull=False)).order_by("pk").first()
render_pop_pdf(pop)  # first render loads fonts; a user's request hits a warm worker
started = time.perf_counter()
size = len(render_pop_pdf(pop))
print(json.dumps({"work": "one POP PDF", "seconds": round(time.perf_counter() - started, 3),
                  "bytes": size,
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def measure(code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    for row in [measure(CHILD)]:
        print(f"{row['work']}: {row['seconds']} s, peak {row['peak_mb']} MB")


if __name__ == "__main__":
    main()
