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


EXPORT = r"""
import datetime, json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from plans.models import AgreedPopDocument, PopVersion
from plans.pdf import freeze_pop_document
from registration.models import Consent

# Put exactly 1,000 first agreements in a month of their own, far from the load data's.
month = datetime.datetime(2025, 1, 15, 12, tzinfo=datetime.UTC)
first = PopVersion.objects.filter(number=1, agreed_at__isnull=False).order_by("pk")
ids = list(first.values_list("pk", flat=True)[:1000])
PopVersion.objects.filter(pk__in=ids).update(agreed_at=month)
# What the worker did at each agreement: one stored document per version (one real
# rendering, its bytes stored for every version; rendering is not what is measured),
# and a signed consent scan per trajectory (a trajectory without consent is left out).
# An earlier run's documents go first: their files may be in another checkout's media.
AgreedPopDocument.objects.filter(pop_id__in=ids).delete()
sample = freeze_pop_document(ids[0])
data = sample.file.read()
scan = default_storage.save("bench/consent.pdf", ContentFile(data))
AgreedPopDocument.objects.bulk_create(
    [AgreedPopDocument(pop_id=i, file=sample.file.name, sha256=sample.sha256, size=len(data))
     for i in ids[1:]], ignore_conflicts=True)
trajectories = PopVersion.objects.filter(pk__in=ids).values_list("trajectory_id", flat=True)
Consent.objects.bulk_create([Consent(trajectory_id=t, scan=scan) for t in trajectories],
                            ignore_conflicts=True)
Consent.objects.filter(trajectory_id__in=trajectories).update(scan=scan)
started = time.perf_counter()
call_command("export_month", "2025-01", output="/tmp/bench-export.zip", verbosity=0)
print(json.dumps({"work": "monthly export, 1,000 completed trajectories",
                  "seconds": round(time.perf_counter() - started, 1),
                  "bytes": os.path.getsize("/tmp/bench-export.zip"),
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
    for row in [measure(CHILD), measure(EXPORT)]:
        print(f"{row['work']}: {row['seconds']} s, peak {row['peak_mb']} MB")


if __name__ == "__main__":
    main()
