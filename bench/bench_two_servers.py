"""Two app servers, one database: a scan uploaded through one is downloaded through
the other, with the same login. Shows the app keeps no state in a server process
(sessions in the database, files through Django's storage API)."""

from __future__ import annotations

import argparse
import os
import re
import sys
import uuid

from bench.bench import Session

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + uuid.uuid4().hex.encode()


def coach_and_trajectory() -> tuple[str, int]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "popsite.settings")
    django.setup()
    from plans.models import Trajectory

    trajectory = Trajectory.objects.exclude(phase="afgerond").prefetch_related("coaches").first()
    return trajectory.coaches.all()[0].email, trajectory.pk


def multipart(
    fields: dict[str, str], name: str, filename: str, content: bytes
) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first", default="http://127.0.0.1:8765")
    parser.add_argument("--second", default="http://127.0.0.1:8766")
    args = parser.parse_args()
    email, pk = coach_and_trajectory()

    first = Session(args.first)
    first.login(email)
    _, page, _ = first.request("GET", f"/registratie/toestemming/{pk}/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    content_type, body = multipart({"csrfmiddlewaretoken": token}, "scan", "scan.pdf", PDF)
    first.conn.request(
        "POST",
        f"/registratie/toestemming/{pk}/scan/",
        body=body,
        headers={
            "Content-Type": content_type,
            "Cookie": "; ".join(f"{k}={v}" for k, v in first.cookies.items()),
            "Referer": f"{args.first}/registratie/toestemming/{pk}/",
        },
    )
    uploaded = first.conn.getresponse()
    uploaded.read()

    second = Session(args.second)
    second.cookies = dict(first.cookies)  # the same login, now served by the other process
    status, downloaded, _ = second.request("GET", f"/registratie/toestemming/{pk}/scan/bekijken/")
    same = status == 200 and downloaded == PDF
    print(
        f"upload via {args.first}: {uploaded.status}; download via {args.second}: {status}; "
        f"same bytes: {same}"
    )
    return 0 if same and uploaded.status == 302 else 1


if __name__ == "__main__":
    sys.exit(main())
