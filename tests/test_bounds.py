"""Every typed value has a bound: each model and form text field a cap, each date
field the range 2000-2100, each multi-select a check on its ids. The tests walk the
models and forms themselves, so a field added without a bound fails here."""

from __future__ import annotations

import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from methods.models import CompetenceDefinition, FunctionProfile
from plans.models import ContactMoment
from popsite.bounds import IdsField, parse_id
from registration.models import HoursSheet, Training
from tests.registration.factories import TrainingFactory

OUR_APPS = ("accounts", "plans", "methods", "registration")
# Written by the export job (a traceback summary), never typed by a person.
NOT_TYPED = {"registration.ExportJob.error"}
LONGEST_TEXT = 5000
FAR_DATES = [datetime.date(1, 1, 1), datetime.date(1999, 12, 31), datetime.date(9999, 12, 31)]
HUGE_ID = "99999999999999999999"  # beyond 64 bits


def _model_fields(kind: type[models.Field]):
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if isinstance(field, kind) and field.editable and label not in NOT_TYPED:
                yield label, field


def _form_classes() -> list[type[forms.BaseForm]]:
    for package in ("plans", "methods", "registration", "popsite"):
        for module in pkgutil.walk_packages(
            importlib.import_module(package).__path__, f"{package}."
        ):
            if module.name.endswith("forms"):
                importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in ("plans", "methods", "registration", "popsite"):
            found.append(cls)
    return found


def _form_fields(kind: type[forms.Field]):
    for form in _form_classes():
        for name, field in form.base_fields.items():
            if isinstance(field, kind):
                yield f"{form.__module__}.{form.__name__}.{name}", field


def test_the_walks_find_the_fields_they_check():
    assert len(list(_model_fields(models.TextField))) > 30
    assert len(list(_form_fields(forms.DateField))) > 5
    assert len(_form_classes()) > 40


def test_every_model_text_field_refuses_a_text_over_its_cap():
    uncapped = []
    for label, field in [*_model_fields(models.CharField), *_model_fields(models.TextField)]:
        if field.max_length is None or field.max_length > LONGEST_TEXT:
            uncapped.append(label)
            continue
        with pytest.raises(ValidationError):
            field.run_validators("x" * (field.max_length + 1))
    assert uncapped == []


def test_every_form_text_field_has_a_cap():
    uncapped = [
        label
        for label, field in _form_fields(forms.CharField)
        if field.max_length is None or field.max_length > 20_000
    ]
    assert uncapped == []


def _refuses(check, value) -> str | None:
    """The message a validation gives, or None when it accepts the value."""
    try:
        check(value)
    except ValidationError as error:
        return error.messages[0]
    return None


def test_every_model_date_field_refuses_far_dates_with_a_dutch_message():
    accepted = []
    for label, field in _model_fields(models.DateField):
        if isinstance(field, models.DateTimeField):
            continue
        for far in FAR_DATES:
            if "birth" in label and far.year == 1999:
                continue  # a person born in 1999 is no typing error
            message = _refuses(field.run_validators, far)
            if message is None or not message.startswith("Kies een"):
                accepted.append((label, far))
        usual = datetime.date(1980, 5, 1) if "birth" in label else datetime.date(2026, 5, 1)
        assert _refuses(field.run_validators, usual) is None, label
    assert accepted == []


def _model_field_behind(label: str) -> models.Field | None:
    """The model field a ModelForm field stands for: model validation checks it."""
    module, form_name, name = label.rsplit(".", 2)
    form = getattr(importlib.import_module(module), form_name)
    if not issubclass(form, forms.BaseModelForm):
        return None
    try:
        return form._meta.model._meta.get_field(name)
    except Exception:
        return None


def test_every_form_date_field_refuses_far_dates():
    accepted = []
    for label, field in _form_fields(forms.DateField):
        behind = _model_field_behind(label)
        check = behind.run_validators if behind is not None else field.clean
        accepted += [(label, far) for far in FAR_DATES if _refuses(check, far) is None]
    assert accepted == []


def test_every_multi_select_checks_its_ids(cast):
    unchecked = [
        label
        for label, field in _form_fields(forms.ModelMultipleChoiceField)
        if not isinstance(field, IdsField)
    ]
    assert unchecked == []
    field = IdsField(queryset=CompetenceDefinition.objects.all())
    for bad in (HUGE_ID, "-" + HUGE_ID, "1" * 5000):
        with pytest.raises(ValidationError) as refused:
            field.clean([bad])
        assert "geen geldige waarde" in refused.value.messages[0]


def test_a_parsed_id_is_a_database_integer_or_none():
    assert parse_id("12") == 12
    assert parse_id(HUGE_ID) is None
    assert parse_id("٣") is None  # an Arabic digit is a digit to Python, not an id
    assert parse_id("1" * 5000) is None
    assert parse_id(None) is None


# Through the real stack ------------------------------------------------------------


def test_a_text_of_1_2_mb_is_refused_with_a_dutch_message_and_nothing_saved(cast, login):
    response = login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {
            "date": "2026-05-04",
            "phase": "opstart",
            "kind": "individual",
            "duration_minutes": "30",
            "notes": "a" * 1_200_000,
        },
    )
    assert response.status_code == 200
    assert "niet meer dan 4000 tekens" in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_a_text_over_its_cap_is_refused_by_model_validation_too():
    moment = ContactMoment(notes="a" * 4001)
    with pytest.raises(ValidationError) as refused:
        moment.clean_fields(exclude=["trajectory", "date", "phase", "kind", "duration_minutes"])
    assert "niet meer dan 4000 tekens" in refused.value.messages[0]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_a_contact_moment_far_in_the_past_or_future_is_refused_in_dutch(cast, login, date):
    response = login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {"date": date, "phase": "opstart", "kind": "individual", "duration_minutes": "30"},
    )
    assert response.status_code == 200
    assert "Kies een datum tussen 1-1-2000 en 31-12-2100." in response.content.decode()
    assert not ContactMoment.objects.exists()


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1999-12", "2026-13"])
def test_an_hours_sheet_for_a_month_out_of_range_does_not_exist(cast, login, month):
    client = login(cast.coach)
    url = f"/registratie/uren/{cast.organisation.slug}/{month}/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"date": "0001-01-05", "kind": "intake", "hours": "1"})
    assert response.status_code == 404
    assert not HoursSheet.objects.exists()


def test_the_month_urls_are_the_ones_the_app_builds():
    url = reverse("registration:hours", args=["groene-keuken", datetime.date(2026, 11, 1)])
    assert url.endswith("/2026-11/")


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12"])
def test_the_export_page_refuses_a_month_out_of_range_in_dutch(cast, login, month):
    response = login(cast.admin).get(reverse("registration:export"), {"month": month})
    assert response.status_code == 200
    assert "Kies een maand tussen 2000-01 en 2100-12." in response.content.decode()
    response = login(cast.admin).post(reverse("registration:export-start"), {"month": month})
    assert response.status_code == 302


def test_a_training_with_an_id_beyond_64_bits_is_a_form_error(cast, login):
    response = login(cast.trainer).post(
        reverse("registration:training-create"),
        {
            "organisation": cast.organisation.pk,
            "date": "2026-05-04",
            "topic": "Veilig werken",
            "hours": "3",
            "participants": [str(cast.worker.pk), HUGE_ID],
        },
    )
    assert response.status_code == 200
    assert "is geen geldige waarde" in response.content.decode()
    assert not Training.objects.exists()


def test_attendance_with_an_id_beyond_64_bits_is_refused(cast, login):
    training = TrainingFactory(organisation=cast.organisation, trainer=cast.trainer)
    response = login(cast.trainer).post(
        reverse("registration:training-attendance", args=[training.pk]), {"present": [HUGE_ID]}
    )
    assert response.status_code in (200, 302)


def test_a_function_profile_with_an_id_beyond_64_bits_is_a_form_error(cast, login):
    CompetenceDefinition.objects.create(
        organisation=cast.organisation, name="Stiptheid", kind="generic"
    )
    response = login(cast.trainer).post(
        reverse("methods:profile-create"), {"name": "Keukenhulp", "competences": [HUGE_ID]}
    )
    assert response.status_code == 200
    assert not FunctionProfile.objects.exists()


def test_template_items_beyond_64_bits_are_ignored(cast, login):
    response = login(cast.coach).post(
        reverse("plans:pop-from-template", args=[cast.pop.pk]), {"items": [HUGE_ID, "٣"]}
    )
    assert response.status_code in (200, 302)


def test_a_worksheet_link_with_an_id_beyond_64_bits_still_opens_the_form(cast, login):
    response = login(cast.coach).get(
        reverse("methods:worksheet-create", args=[cast.trajectory.pk]),
        {"methode": HUGE_ID, "contact": "1" * 5000},
    )
    assert response.status_code == 200
