from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans import services
from plans.models import (
    Action,
    Competence,
    ContactMoment,
    Goal,
    PopVersion,
    SummaryItem,
    Trajectory,
)
from popsite.accounts.models import Membership, Organisation, Role, User

PASSWORD = "geheim-wachtwoord-123"


def totp_device(user: User) -> TOTPDevice:
    """The person's authenticator app, set up once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the app shows now, computed from its key as the phone does. A code
    works once: when this half minute's was used, the next one (one step of clock
    drift is accepted)."""
    device.refresh_from_db()
    now = TOTP(device.bin_key).t()
    step = max(now, device.last_t + 1)
    return f"{TOTP(device.bin_key, drift=step - now).token():06d}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Maatwerkbedrijf {n}")
    slug = factory.Sequence(lambda n: f"bedrijf-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = factory.Sequence(lambda n: f"Achternaam{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save(update_fields=["password"])


def member(organisation: Organisation, role: str, **user_fields) -> User:
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.LazyAttribute(lambda o: member(o.organisation, Role.WORKER))

    @factory.post_generation
    def coaches(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.coaches.add(*extracted)


class PopVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopVersion

    trajectory = factory.SubFactory(TrajectoryFactory)
    number = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    pop = factory.SubFactory(PopVersionFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    helper = "Collega"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    expected_result = "Het is gelukt als de ploegbaas het bevestigt."
    competence = Competence.GENERIC


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    pop = factory.SubFactory(PopVersionFactory)
    goal = factory.Sequence(lambda n: f"Doel {n}")


class SummaryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryItem

    pop = factory.SubFactory(PopVersionFactory)
    section = "want"
    text = "Ik wil in de keuken werken."


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    trajectory = factory.SubFactory(TrajectoryFactory)
    date = factory.LazyFunction(timezone.localdate)
    phase = "opstart"


def agreeable_pop(pop: PopVersion) -> PopVersion:
    """Give a POP the generic and technical action it needs to be agreed."""
    ActionFactory(pop=pop, competence=Competence.GENERIC)
    ActionFactory(pop=pop, competence=Competence.TECHNICAL)
    return pop


def confirm(pop: PopVersion, by: User) -> PopVersion:
    """Confirm a POP as its page would: naming the content version it shows now."""
    current = PopVersion.objects.get(pk=pop.pk).content_version
    return services.pop_agree(pop=pop, by=by, seen_version=current)


def evaluate_as_done(pop: PopVersion) -> PopVersion:
    """Score every carried action of a follow-up as done (5): an action not done
    would need a reason before the follow-up can be agreed."""
    evaluations = list(pop.evaluations.all())
    for evaluation in evaluations:
        evaluation.score = 5
    services.pop_save_evaluations(pop=pop, evaluations=evaluations)
    return pop
