"""Forms for the portfolio, grants, progress talks and reminders: validate and convert only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plans.forms import DATE_WIDGET
from plans.models import PopReflection, ProgressTalk
from plans.portfolio.models import (
    PLAIN_TEAM_KIND,
    NeedScope,
    PopTemplate,
    PopTemplateItem,
    SupervisionPeriod,
    TeamMatrixItem,
)
from popsite.accounts.models import Organisation
from popsite.bounds import SaneDateField


class GrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de begeleider"), max_length=254)
    # Always asked, so the form answers the same whether the address has an account.
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        help_text=_("Zo staat deze persoon in jouw lijst."),
    )
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    starts_on = SaneDateField(label=_("Vanaf (mag leeg)"), required=False)
    ends_on = SaneDateField(label=_("Tot en met (mag leeg)"), required=False)
    on_request_of_worker = forms.BooleanField(
        label=_("De werknemer heeft mij gevraagd deze inzage te geven"), required=False
    )

    def __init__(self, *args: object, for_coach: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not for_coach:
            del self.fields["on_request_of_worker"]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Foto of bestand"),
        help_text=_("Een foto (JPEG of PNG) of een PDF, niet groter dan 10 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    note = forms.CharField(
        label=_("Wat wil je erbij zeggen? (mag kort)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )


class ReflectionForm(forms.ModelForm):
    class Meta:
        model = PopReflection
        fields = ["goals_reached", "guidance_helped", "roles", "final"]
        widgets = {
            name: forms.Textarea({"rows": 4})
            for name in ["goals_reached", "guidance_helped", "roles"]
        }


class PeriodForm(forms.ModelForm):
    class Meta:
        model = SupervisionPeriod
        fields = ["starts_on", "ends_on", "sessions"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}


class TalkPlanForm(forms.ModelForm):
    class Meta:
        model = ProgressTalk
        fields = ["planned_on"]
        widgets = {"planned_on": DATE_WIDGET}


class TalkPreparationForm(forms.ModelForm):
    class Meta:
        model = ProgressTalk
        fields = ["self_reflection", "strengths_weaknesses", "agenda_points", "draft_goals"]
        widgets = {name: forms.Textarea({"rows": 4}) for name in fields}


class TalkNotesForm(forms.ModelForm):
    class Meta:
        model = ProgressTalk
        fields = ["coach_notes"]
        widgets = {"coach_notes": forms.Textarea({"rows": 6})}


class TalkRecordForm(forms.ModelForm):
    class Meta:
        model = ProgressTalk
        fields = [
            "agenda",
            "look_back",
            "record_strengths",
            "competence_levels",
            "learning_climate",
            "next_goals",
        ]
        widgets = {name: forms.Textarea({"rows": 4}) for name in fields}


class ReminderSettingsForm(forms.Form):
    email_reminders = forms.BooleanField(
        label=_("Stuur mij herinneringen per e-mail"), required=False
    )


class TeamNeedForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisatie"), empty_label=None
    )
    label = forms.CharField(label=_("Competentie of taak"), max_length=120)
    scope = forms.ChoiceField(choices=NeedScope.choices, label=_("Nodig voor"))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class TeamItemForm(forms.ModelForm):
    class Meta:
        model = TeamMatrixItem
        fields = ["label", "kind", "shared_with_team"]
        widgets = {"label": forms.TextInput(attrs={"list": "team-labels"})}
        labels = {"label": _("Wat? Bijvoorbeeld: samenwerken, de heftruck besturen")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(PLAIN_TEAM_KIND.items())


class PopTemplateForm(forms.ModelForm):
    class Meta:
        model = PopTemplate
        fields = ["organisation", "function_name", "title"]

    def __init__(self, *args: object, organisations=None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None


class PopTemplateItemForm(forms.ModelForm):
    class Meta:
        model = PopTemplateItem
        fields = ["kind", "text", "competence"]
