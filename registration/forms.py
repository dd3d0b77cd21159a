"""Forms validate and convert; the writes live in services."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from popsite.accounts.models import Membership, Organisation, Role, User
from popsite.bounds import EARLIEST_DATE, LATEST_DATE, IdsField, date_widget, sane_month
from registration.models import Attendance, HoursLine, MijnLoopbaan, Training
from registration.scans import checked_scan

DATE_WIDGET = date_widget()
# Typed as text so "1,5" works in Dutch; the phone still shows a number pad.
HOURS_WIDGET = forms.TextInput(attrs={"inputmode": "decimal"})


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Ondertekende scan"),
        help_text=_("PDF, JPEG of PNG, hoogstens 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_scan(self):
        return checked_scan(self.cleaned_data["scan"])


class MijnLoopbaanForm(forms.ModelForm):
    class Meta:
        model = MijnLoopbaan
        fields = ["has_account", "pop_uploaded_on"]
        widgets = {"pop_uploaded_on": DATE_WIDGET}

    def clean_pop_uploaded_on(self) -> datetime.date | None:
        day = self.cleaned_data["pop_uploaded_on"]
        trajectory = self.instance.trajectory
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Die datum ligt in de toekomst."))
        if day and day < trajectory.started_on:
            raise forms.ValidationError(_("Die datum ligt voor de start van het traject."))
        return day


class HoursLineForm(forms.ModelForm):
    class Meta:
        model = HoursLine
        fields = ["date", "kind", "hours", "description"]
        localized_fields = ["hours"]
        widgets = {"date": DATE_WIDGET, "hours": HOURS_WIDGET}
        help_texts = {"hours": _("In uren, bv. 1,5 voor anderhalf uur.")}

    def __init__(self, *args: object, month: datetime.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.month = month

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if (date.year, date.month) != (self.month.year, self.month.month):
            raise forms.ValidationError(
                _("Kies een datum in %(month)s.") % {"month": f"{self.month:%m/%Y}"}
            )
        return date


class ParticipantField(IdsField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class TrainingForm(forms.ModelForm):
    participants = ParticipantField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Deelnemers"),
        required=False,
    )

    class Meta:
        model = Training
        fields = ["organisation", "date", "topic", "hours"]
        localized_fields = ["hours"]
        widgets = {"date": DATE_WIDGET, "hours": HOURS_WIDGET}

    def __init__(self, *args: object, trainer: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        organisation_ids = trainer.organisation_ids(Role.TRAINER)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=organisation_ids)
        self.fields["participants"].queryset = (
            User.objects.filter(memberships__organisation__in=organisation_ids)
            .exclude(pk=trainer.pk)
            .distinct()
            .order_by("last_name", "first_name")
        )
        if self.instance.pk:
            self.fields["participants"].initial = [
                a.person_id for a in self.instance.attendances.all()
            ]

    def clean(self) -> dict:
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        participants = cleaned.get("participants") or []
        if organisation is not None and participants:
            members = set(
                Membership.objects.filter(
                    organisation=organisation, user__in=participants
                ).values_list("user_id", flat=True)
            )
            strangers = [str(p) for p in participants if p.pk not in members]
            if strangers:
                self.add_error(
                    "participants",
                    _("Deze deelnemers horen niet bij %(organisation)s: %(names)s.")
                    % {"organisation": organisation, "names": ", ".join(strangers)},
                )
        return cleaned


class AttendanceField(IdsField):
    def label_from_instance(self, obj: Attendance) -> str:
        return str(obj.person)


class AttendanceForm(forms.Form):
    present = AttendanceField(
        queryset=Attendance.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Aanwezig"),
    )

    def __init__(self, *args: object, training: Training, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        attendances: QuerySet[Attendance] = training.attendances.select_related("person")
        self.fields["present"].queryset = attendances
        self.fields["present"].initial = [a.pk for a in attendances if a.present]


class ListedOrganisationField(forms.ModelChoiceField):
    """Finds the chosen organisation (by slug) among ``listed``, the ones the form read
    for its select, instead of reading it again."""

    listed: Sequence[Organisation] = ()

    def to_python(self, value: object) -> Organisation | None:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        for organisation in self.listed:
            if organisation.slug == value:
                return organisation
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ExportForm(forms.Form):
    month = forms.DateField(
        label=_("Maand"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(
            attrs={"type": "month", "min": f"{EARLIEST_DATE:%Y-%m}", "max": f"{LATEST_DATE:%Y-%m}"},
            format="%Y-%m",
        ),
        error_messages={"invalid": _("Kies een maand, bv. 2026-11.")},
        validators=[sane_month],
    )
    organisation = ListedOrganisationField(
        queryset=Organisation.objects.none(),
        label=_("Organisatie"),
        to_field_name="slug",
        required=False,
    )

    def __init__(
        self,
        *args: object,
        organisations: QuerySet[Organisation],
        all_allowed: bool,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.required = not all_allowed
        field.empty_label = _("Alle organisaties") if all_allowed else None
        # The organisations to choose from, read once: the view's 'any at all?', the
        # written-out select (page.html) and the chosen one's lookup all use it.
        self.organisation_list = field.listed = list(organisations)

    def clean_month(self) -> datetime.date:
        return self.cleaned_data["month"].replace(day=1)

    def organisation_options(self) -> list[tuple[str, str, bool]]:
        """The select's (value, label, selected), as the widget would draw them, from
        organisation_list (the widget read the organisations twice, a template loop over
        the field's choices counts them first)."""
        field = self.fields["organisation"]
        current = self["organisation"].value()
        current = "" if current is None else str(current)
        options = [("", str(field.empty_label))] if field.empty_label is not None else []
        options += [
            (str(field.prepare_value(o)), field.label_from_instance(o))
            for o in self.organisation_list
        ]
        return [(value, label, value == current) for value, label in options]
