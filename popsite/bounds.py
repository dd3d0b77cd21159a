"""The bounds every typed value keeps, so no input reaches a 500 or a runaway PDF:
dates in a sane range, free text capped, ids a database integer can hold.

A date like 0001-01-01 or 9999-12-31 is a valid Python date, but month arithmetic,
retention periods and sort keys around it overflow; an id of 20 digits is a valid
number, but SQLite raises OverflowError and PostgreSQL a DataError on it."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
# The largest id a 64-bit signed database integer holds.
LARGEST_ID = 2**63 - 1

DATE_RANGE_MESSAGE = _("Kies een datum tussen 1-1-2000 en 31-12-2100.")


def sane_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_range")


def sane_month(value: datetime.date | None) -> None:
    if value is not None and not in_sane_range(value):
        raise ValidationError(_("Kies een maand tussen 2000-01 en 2100-12."), code="date_range")


def sane_moment(value: datetime.datetime | None) -> None:
    """For date-times a person types (the admin): the same range as sane_date."""
    if value is not None:
        sane_date(value.date())


def sane_birth_date(value: datetime.date | None) -> None:
    if value is not None and not EARLIEST_BIRTH_DATE <= value <= timezone.localdate():
        raise ValidationError(
            _("Kies een geboortedatum tussen 1-1-1900 en vandaag."), code="date_range"
        )


def in_sane_range(value: datetime.date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def date_widget() -> forms.DateInput:
    """A date picker that offers only the dates sane_date accepts."""
    return forms.DateInput(
        attrs={
            "type": "date",
            "min": f"{EARLIEST_DATE:%Y-%m-%d}",
            "max": f"{LATEST_DATE:%Y-%m-%d}",
        },
        format="%Y-%m-%d",
    )


class SaneDateField(forms.DateField):
    """The form field for a date a person types outside a model form."""

    default_validators = [sane_date]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", date_widget())
        super().__init__(*args, **kwargs)


class CappedTextField(models.TextField):
    """A TextField whose max_length holds in model validation too (Django's own
    TextField passes it only to the form's textarea), so the admin, services that
    call full_clean() and every form refuse a text that would make a PDF take minutes."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))


def _fits_an_id(value: object) -> bool:
    text = str(value).strip()
    if len(text) > 20:  # longer than any 64-bit number; int() would refuse 4,300 digits
        return False
    try:
        number = int(text)
    except ValueError:
        return True  # not a number: Django's own check answers "not a valid choice"
    return -LARGEST_ID <= number <= LARGEST_ID


def parse_id(value: str | None) -> int | None:
    """An id from a query string or a checkbox list, or None when it is none a
    database can hold."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not _fits_an_id(text):
        return None
    return int(text)


class IdsField(forms.ModelMultipleChoiceField):
    """A multi-select that refuses an id beyond 64 bits with its usual Dutch message
    instead of passing it to the database (Django checks single ids, not lists)."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)) and (self.to_field_name or "pk") == "pk":
            for pk in value:
                if not _fits_an_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)
