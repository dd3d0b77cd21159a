from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from plans.models import Competence, PopVersion, Trajectory
from popsite.accounts.models import Organisation, Role, User
from registration.models import Attendance, Consent, HoursLine, HoursSheet, Training
from tests.factories import (
    ActionFactory,
    ContactMomentFactory,
    PopVersionFactory,
    TrajectoryFactory,
    UserFactory,
    member,
)
from tests.plans.factories import JPEG, PNG

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Uploaded images must decode (popsite.uploads), so these are real ones.
PNG_BYTES = PNG
JPEG_BYTES = JPEG


def scan(data: bytes = PDF_BYTES, name: str = "scan.pdf") -> ContentFile:
    return ContentFile(data, name=name)


def agreed_on(moment: datetime.datetime, trajectory: Trajectory, number: int = 1) -> PopVersion:
    """An agreed POP version with one action of each kind, agreed at ``moment``."""
    pop = PopVersionFactory(trajectory=trajectory, number=number, agreed_at=moment)
    ActionFactory(pop=pop, competence=Competence.GENERIC)
    ActionFactory(pop=pop, competence=Competence.TECHNICAL)
    ActionFactory(pop=pop, competence=Competence.TECHNICAL)
    ActionFactory(pop=pop, competence=Competence.OTHER)
    return pop


def completed_trajectory(
    organisation: Organisation,
    moment: datetime.datetime,
    *,
    coach: User | None = None,
    worker: User | None = None,
    consent: str = "scan",
) -> Trajectory:
    """A trajectory whose first POP was agreed at ``moment``, with two contact moments
    and a consent that is a scan, confirmed in the app, or missing ('')."""
    coach = coach or member(organisation, Role.COACH)
    worker = worker or member(organisation, Role.WORKER)
    trajectory = TrajectoryFactory(organisation=organisation, worker=worker, coaches=[coach])
    day = moment.date()
    ContactMomentFactory(trajectory=trajectory, date=day - datetime.timedelta(days=14))
    ContactMomentFactory(trajectory=trajectory, date=day, phase="planning")
    agreed_on(moment, trajectory)
    if consent == "scan":
        ConsentFactory(trajectory=trajectory, scan=scan())
    elif consent == "app":
        ConsentFactory(
            trajectory=trajectory,
            worker_confirmed_at=moment,
            coach_confirmed_at=moment,
            coach_confirmed_by=coach,
        )
    return trajectory


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    trajectory = factory.SubFactory(TrajectoryFactory)


class HoursSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursSheet

    organisation = factory.SubFactory("tests.factories.OrganisationFactory")
    month = datetime.date(2026, 11, 1)


class HoursLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursLine

    sheet = factory.SubFactory(HoursSheetFactory)
    date = factory.LazyAttribute(lambda o: o.sheet.month)
    kind = "intake"
    hours = Decimal("1.50")
    person = factory.SubFactory(UserFactory)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    organisation = factory.SubFactory("tests.factories.OrganisationFactory")
    trainer = factory.LazyAttribute(lambda o: member(o.organisation, Role.TRAINER))
    date = datetime.date(2026, 11, 12)
    topic = factory.Sequence(lambda n: f"Vier op een rij {n}")
    hours = Decimal("3.00")


def attend(training: Training, person: User, present: bool = True) -> Attendance:
    return Attendance.objects.create(training=training, person=person, present=present)
