"""Factories for the portfolio: grants, talks, evidence and competence measurements."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from methods.models import CompetenceDefinition, CompetenceRating, Method, Worksheet
from plans.models import PopVersion, ProgressTalk
from plans.portfolio.models import Evidence

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _image(kind: str) -> bytes:
    # Uploaded images must decode (popsite.uploads), so these are real ones.
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, kind)
    return out.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")


def evidence(action, data: bytes = PDF, name: str = "attest.pdf", **fields) -> Evidence:
    item = Evidence(action=action, file_name=name, content_type="application/pdf", **fields)
    item.file.save(name, ContentFile(data), save=True)
    return item


def agree(pop: PopVersion) -> PopVersion:
    pop.agreed_at = pop.worker_agreed_at = pop.coach_agreed_at = timezone.now()
    pop.save(update_fields=["agreed_at", "worker_agreed_at", "coach_agreed_at"])
    return pop


def talk(trajectory, days_ahead: int = 10, **fields) -> ProgressTalk:
    return ProgressTalk.objects.create(
        trajectory=trajectory,
        planned_by=trajectory.coaches.first(),
        planned_on=timezone.localdate() + datetime.timedelta(days=days_ahead),
        **fields,
    )


def competence_measurement(trajectory, ratings: dict[str, tuple], days_ago: int = 0):
    """A competence measurement worksheet (the methods app's models); per competence
    (self, coach) or (self, coach, floor supervisor)."""
    method, _created = Method.objects.get_or_create(
        organisation=trajectory.organisation,
        code="test-competentiemeting",
        defaults={"name": "Competentiemeting", "goal": "Meten", "worksheet_kind": "competences"},
    )
    sheet = Worksheet.objects.create(
        trajectory=trajectory, method=method, created_by=trajectory.coaches.first()
    )
    Worksheet.objects.filter(pk=sheet.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    for name, scores in ratings.items():
        own, coach, floor = (*scores, None, None)[:3]
        competence, _created = CompetenceDefinition.objects.get_or_create(
            organisation=trajectory.organisation, name=name, defaults={"kind": "generic"}
        )
        CompetenceRating.objects.create(
            worksheet=sheet, competence=competence, self_now=own, coach=coach, floor=floor
        )
    return sheet
