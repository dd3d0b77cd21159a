from __future__ import annotations

import importlib

import factory
from django.apps import apps as django_apps

from methods.models import (
    CardDeck,
    Method,
    PlannedMoment,
    ScanAction,
    Worksheet,
    WorksheetPicture,
)
from methods.services import worksheet_create


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method

    code = factory.Sequence(lambda n: f"eigen-methodiek-{n}")
    name = factory.Sequence(lambda n: f"Eigen methodiek {n}")
    goal = "Samen iets uitzoeken."
    questions = "wie"
    levels = "low"


class DeckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardDeck

    name = factory.Sequence(lambda n: f"Spel {n}")


class PlannedMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedMoment

    position = factory.Sequence(lambda n: (n + 1) * 10)
    number = 1
    phase = "analyse"
    questions = "wie wil"


class ScanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScanAction

    domain = 1
    description = factory.Sequence(lambda n: f"Scanactie {n}")


def ensure_catalogue() -> None:
    """Transactional tests flush the tables, and with them the data the migration shipped."""
    if not Method.objects.filter(organisation=None).exists():
        migration = importlib.import_module("methods.migrations.0002_catalogue_data")
        migration.load(django_apps, None)
        importlib.import_module("methods.migrations.0003_interview_smart_four_in_row").set_kinds(
            django_apps, None
        )
        importlib.import_module("methods.migrations.0004_draaiboek_fidelity").update_catalogue(
            django_apps, None
        )


def shipped(code: str) -> Method:
    return Method.objects.get(organisation=None, code=code)


def worksheet(trajectory, code: str = "hand", by=None, **kwargs) -> Worksheet:
    coach = by or trajectory.coaches.first()
    return worksheet_create(trajectory=trajectory, method=shipped(code), by=coach, **kwargs)


def kind_worksheet(trajectory, kind: str, **kwargs) -> Worksheet:
    """A worksheet of ``kind``: from the shipped method of that kind, or from an
    organisation's own method when no shipped method uses it (e.g. 'pictures')."""
    method = Method.objects.filter(organisation=None, worksheet_kind=kind).first()
    method = method or MethodFactory(organisation=trajectory.organisation, worksheet_kind=kind)
    return worksheet_create(
        trajectory=trajectory, method=method, by=trajectory.coaches.first(), **kwargs
    )


def picture(sheet: Worksheet, name: str = "prent.png") -> WorksheetPicture:
    from django.core.files.base import ContentFile

    from tests.methods.images import png_bytes

    pic = WorksheetPicture(worksheet=sheet, caption="Een prent")
    pic.image.save(name, ContentFile(png_bytes()), save=True)
    return pic
