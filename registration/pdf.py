"""The printable documents of the registration, laid out for signing (WeasyPrint)."""

from __future__ import annotations

import datetime

from plans.models import ContactMoment, Trajectory
from popsite.printing import render_pdf
from registration.models import Consent, HoursSheet, Training


def render_consent_pdf(
    trajectory: Trajectory,
    contacts: list[ContactMoment],
    consent: Consent | None,
    completed_on: datetime.date | None = None,
) -> bytes:
    return render_pdf(
        "registration/pdf/consent.html",
        {
            "trajectory": trajectory,
            "contacts": contacts,
            "consent": consent,
            "completed_on": completed_on,
        },
    )


def render_hours_pdf(sheet: HoursSheet) -> bytes:
    lines = list(sheet.lines.select_related("person")) if sheet.pk else []
    total = sum((line.hours for line in lines), start=0)
    return render_pdf(
        "registration/pdf/hours.html", {"sheet": sheet, "lines": lines, "total": total}
    )


def render_attendance_pdf(training: Training) -> bytes:
    return render_pdf(
        "registration/pdf/attendance.html",
        {"training": training, "attendances": training.attendances.select_related("person")},
    )
