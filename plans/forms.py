"""Forms validate and convert; the rules that span rows live in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import (
    INTENSITY_HELP,
    LANGUAGE_HELP,
    REFLECTION_HELP,
    Action,
    ActionEvaluation,
    ContactMoment,
    Goal,
    LanguageSkill,
    PopVersion,
    SummaryItem,
    SummarySection,
    Trajectory,
)
from plans.variants import Level, Variant
from popsite.accounts.models import Membership, Role, User
from popsite.bounds import date_widget, in_sane_range

DATE_WIDGET = date_widget()


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user} – {obj.organisation}"


class TrajectoryCreateForm(forms.Form):
    worker = WorkerChoiceField(queryset=Membership.objects.none(), label=_("Doelgroepwerknemer"))
    reflection_level = forms.ChoiceField(
        choices=Level.choices,
        initial=Level.MEDIUM,
        label=_("Reflectievermogen"),
        help_text=REFLECTION_HELP,
    )
    intensity = forms.ChoiceField(
        choices=Level.choices,
        initial=Level.MEDIUM,
        label=_("Intensiteit"),
        help_text=INTENSITY_HELP,
    )
    # Not asked before: a form posted without it keeps the usual deck.
    language_skills = forms.TypedChoiceField(
        choices=LanguageSkill.choices,
        initial=LanguageSkill.FLUENT,
        required=False,
        empty_value=LanguageSkill.FLUENT,
        label=_("Taalvaardigheid"),
        help_text=LANGUAGE_HELP,
    )
    variant = forms.ChoiceField(
        choices=[("", _("Voorstel volgens reflectievermogen en intensiteit"))] + Variant.choices,
        required=False,
        label=_("Variant"),
    )

    def __init__(self, *args: object, coach: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (
            Membership.objects.filter(
                role=Role.WORKER, organisation__in=coach.organisation_ids(Role.COACH)
            )
            .select_related("user", "organisation")
            .order_by("user__last_name", "user__first_name")
        )


class TrajectoryForm(forms.ModelForm):
    class Meta:
        model = Trajectory
        fields = [
            "reflection_level",
            "intensity",
            "language_skills",
            "variant",
            "floor_supervisor",
        ]
        help_texts = {
            "reflection_level": REFLECTION_HELP,
            "intensity": INTENSITY_HELP,
            "floor_supervisor": _(
                "Alleen deze werkvloerbegeleider geeft een inschatting van de competenties "
                "van de werknemer. Andere werkvloerbegeleiders zien de werknemer niet."
            ),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["floor_supervisor"]
        field.queryset = User.objects.filter(
            memberships__organisation=self.instance.organisation_id,
            memberships__role=Role.FLOOR_SUPERVISOR,
        ).order_by("last_name", "first_name")
        field.empty_label = _("nog niemand")
        field.error_messages["invalid_choice"] = _(
            "Kies een werkvloerbegeleider van deze organisatie."
        )


class FollowUpStartForm(forms.Form):
    from_previous = forms.BooleanField(
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        label=_("Begin met de samenvatting en het algemeen doel van de vorige POP"),
        help_text=_("Je past ze daarna aan; je hoeft ze niet opnieuw te typen."),
    )


class ContactMomentForm(forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["date", "phase", "kind", "duration_minutes", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_date(self):
        # A contact moment records a talk that took place; a talk ahead belongs in the
        # agenda (methods' planned talks), else it would count as held before it happened.
        date = self.cleaned_data["date"]
        # Beyond the sane range the model's own range message says it better.
        if in_sane_range(date) and date > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Een contactmoment noteer je na het gesprek: kies vandaag of een dag "
                    "ervoor. Een gesprek dat nog komt, plan je in de agenda."
                ),
                code="future",
            )
        return date


class SummaryItemForm(forms.ModelForm):
    class Meta:
        model = SummaryItem
        fields = ["section", "text", "competence"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("section") in (
            SummarySection.CAN,
            SummarySection.DEVELOP,
        ) and not cleaned.get("competence"):
            self.add_error(
                "competence",
                _("Kies of dit een generieke, een technische competentie of iets anders is."),
            )
        return cleaned


class OverallGoalForm(forms.ModelForm):
    class Meta:
        model = PopVersion
        fields = ["overall_goal"]
        widgets = {"overall_goal": forms.Textarea(attrs={"rows": 2})}

    def save(self, commit: bool = True) -> PopVersion:
        # Only this column: a full save would write back the confirmations and the
        # agreement as they were when the request started.
        if commit:
            self.instance.save(update_fields=["overall_goal"])
        return self.instance


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["goal", "reason", "result", "timing", "evaluation"]
        labels = {
            "goal": _("Doel"),
            "reason": _("Aanleiding"),
            "result": _("Resultaat: concreet en meetbaar"),
            "timing": _("Tijd: wanneer, hoeveel tijd, tussentijdse deadlines"),
            "evaluation": _("Evaluatie: hoe wordt dit geëvalueerd?"),
        }
        widgets = {
            f: forms.Textarea(attrs={"rows": 2})
            for f in ["reason", "result", "timing", "evaluation"]
        }


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "goal", "helper", "deadline", "expected_result", "competence"]
        widgets = {"deadline": DATE_WIDGET, "expected_result": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"helper": _("Iemand binnen of buiten de organisatie.")}

    def __init__(self, *args: object, pop: PopVersion, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = pop.goals.all()
        self.fields["deadline"].required = True
        self.fields["expected_result"].required = True
        self.fields["deadline"].error_messages["required"] = _(
            "Vul in tegen wanneer de actie klaar is."
        )
        self.fields["expected_result"].error_messages["required"] = _(
            "Beschrijf het verwachte resultaat zo dat je het kunt meten."
        )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        unchanged = self.instance.pk and self.instance.deadline == deadline
        if deadline < timezone.localdate() and not unchanged:
            raise forms.ValidationError(
                _("De deadline ligt in het verleden. Kies een latere datum.")
            )
        return deadline

    def clean_expected_result(self):
        result = self.cleaned_data["expected_result"].strip()
        if not result:
            raise forms.ValidationError(
                _("Beschrijf het verwachte resultaat zo dat je het kunt meten.")
            )
        return result


class ActionProgressForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["progress"]


class ActionEvaluationForm(forms.ModelForm):
    class Meta:
        model = ActionEvaluation
        fields = ["score", "carry_over", "remark"]
        widgets = {"remark": forms.Textarea(attrs={"rows": 1})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["score"].required = True
        self.fields["score"].error_messages["required"] = _("Geef een score van 0 tot 5.")


class PreviousGoalForm(forms.ModelForm):
    class Meta:
        model = PopVersion
        fields = ["previous_goal_review"]
        widgets = {"previous_goal_review": forms.Textarea(attrs={"rows": 3})}


EvaluationFormSet = forms.modelformset_factory(
    ActionEvaluation, form=ActionEvaluationForm, extra=0, can_delete=False, edit_only=True
)
