"""Forms validate and convert; the rules that span rows live in services."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image

from methods.models import (
    EXPECTED_LEVELS,
    SCAN_SCORES,
    ActionKind,
    CardDeck,
    CardKind,
    CompetenceDefinition,
    CompetencePicture,
    CompetenceRating,
    FunctionProfile,
    Method,
    PlannedMoment,
    ProfileLevel,
    Question,
    Rater,
    ScanAction,
    SkillPlacement,
    SmartAction,
    Worksheet,
)
from methods.sheets import TEXT_SHEETS, smart_too_many
from plans.forms import DATE_WIDGET
from plans.models import Competence, ContactMoment, SummarySection
from plans.variants import Level
from popsite.bounds import IdsField, SaneDateField
from popsite.uploads import decoded_image

MAX_PICTURE_BYTES = 5 * 1024 * 1024
MAX_PICTURE_PIXELS = 40_000_000
MAX_PICTURE_SIDE = 1600
PICTURE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "png", "WEBP": "jpg"}


class CodesField(forms.MultipleChoiceField):
    """Space-separated codes in the model, checkboxes in the form."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value: Any) -> Any:
        return value.split() if isinstance(value, str) else value

    def clean(self, value: Any) -> str:
        return " ".join(super().clean(value))


class CatalogueFilterForm(forms.Form):
    vraag = forms.ChoiceField(
        choices=[("", _("alle vragen"))] + Question.choices,
        required=False,
        label=_("Vraag"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    niveau = forms.ChoiceField(
        choices=[("", _("elk reflectievermogen"))] + Level.choices,
        required=False,
        label=_("Reflectievermogen"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class MethodForm(forms.ModelForm):
    questions = CodesField(choices=Question.choices, label=_("Voor welke vragen"))
    levels = CodesField(choices=Level.choices, label=_("Voor welk reflectievermogen"))

    class Meta:
        model = Method
        fields = [
            "name",
            "worksheet_kind",
            "questions",
            "levels",
            "goal",
            "target_group",
            "time_needed",
            "materials",
            "steps",
            "attention_points",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["goal", "target_group", "materials", "steps", "attention_points"]
        }
        help_texts = {
            "steps": _("Eén stap per regel."),
            "attention_points": _("Eén aandachtspunt per regel."),
        }

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        code = slugify(name)
        others = Method.objects.filter(
            organisation=self.instance.organisation_id, code=code
        ).exclude(pk=self.instance.pk)
        if not code or others.exists():
            raise forms.ValidationError(_("Je organisatie heeft al een methodiek met die naam."))
        self.instance.code = code
        return name


def _lines(value: str) -> list[str]:
    seen: list[str] = []
    for line in value.splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


class DeckForm(forms.ModelForm):
    # A card holds 200 characters; 60 cards of each kind is a generous deck.
    qualities = forms.CharField(
        label=_("Kwaliteiten (één per regel)"),
        max_length=12_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    pitfalls = forms.CharField(
        label=_("Valkuilen (één per regel)"),
        max_length=12_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    class Meta:
        model = CardDeck
        fields = ["name", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            cards = list(self.instance.cards.all())
            for kind, field in ((CardKind.QUALITY, "qualities"), (CardKind.PITFALL, "pitfalls")):
                self.initial[field] = "\n".join(c.text for c in cards if c.kind == kind)

    def _clean_lines(self, field: str) -> list[str]:
        lines = _lines(self.cleaned_data.get(field, ""))
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Een kaart heeft hoogstens 200 tekens."))
        return lines

    def clean_qualities(self) -> list[str]:
        lines = self._clean_lines("qualities")
        if len(lines) < 8:
            raise forms.ValidationError(_("Een spel heeft minstens acht kwaliteiten nodig."))
        return lines

    def clean_pitfalls(self) -> list[str]:
        return self._clean_lines("pitfalls")


class CompetenceForm(forms.ModelForm):
    class Meta:
        model = CompetenceDefinition
        fields = ["name", "kind", "definition", "indicators", "position"]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 2}),
            "indicators": forms.Textarea(attrs={"rows": 4}),
        }


class FunctionProfileForm(forms.ModelForm):
    class Meta:
        model = FunctionProfile
        fields = ["name", "competences"]
        widgets = {"competences": forms.CheckboxSelectMultiple}
        field_classes = {"competences": IdsField}

    def __init__(self, *args: Any, competences: QuerySet[CompetenceDefinition], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = competences
        self.choices = list(competences)
        levels = self.instance.expected_levels() if self.instance.pk else {}
        for competence in self.choices:
            self.fields[f"level_{competence.pk}"] = forms.TypedChoiceField(
                choices=[("", "–")] + EXPECTED_LEVELS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=levels.get(competence.pk),
                label=_("Verwacht niveau (1-5): %(name)s") % {"name": competence.name},
            )

    def save(self, commit: bool = True) -> FunctionProfile:
        profile = super().save(commit)
        if commit:
            chosen = {c.pk for c in self.cleaned_data["competences"]}
            levels = {
                c.pk: self.cleaned_data.get(f"level_{c.pk}")
                for c in self.choices
                if c.pk in chosen and self.cleaned_data.get(f"level_{c.pk}")
            }
            profile.levels.exclude(competence__in=levels).delete()
            for competence_id, expected in levels.items():
                ProfileLevel.objects.update_or_create(
                    profile=profile, competence_id=competence_id, defaults={"expected": expected}
                )
        return profile


class PlannedMomentForm(forms.ModelForm):
    questions = CodesField(choices=Question.choices, label=_("Vragen"), required=False)

    class Meta:
        model = PlannedMoment
        fields = [
            "position",
            "number",
            "kind",
            "phase",
            "questions",
            "goals",
            "methods",
            "planned_on",
            "contact_moment",
        ]
        widgets = {
            "planned_on": DATE_WIDGET,
            "goals": forms.Textarea(attrs={"rows": 3}),
            "methods": forms.CheckboxSelectMultiple,
        }
        field_classes = {"methods": IdsField}

    def __init__(self, *args: Any, methods: QuerySet[Method], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["methods"].queryset = methods
        self.fields["contact_moment"].queryset = ContactMoment.objects.filter(
            trajectory=self.instance.trajectory_id
        )


class WorksheetCreateForm(forms.Form):
    method = forms.ModelChoiceField(queryset=Method.objects.none(), label=_("Methodiek"))
    contact_moment = forms.ModelChoiceField(
        queryset=ContactMoment.objects.none(), required=False, label=_("Bij contactmoment")
    )
    deck = forms.ModelChoiceField(
        queryset=CardDeck.objects.none(),
        required=False,
        label=_("Kaartspel (alleen voor het Kwaliteitenspel)"),
        help_text=_("Leeg: het plus-spel bij lage taalvaardigheid, anders het standaardspel."),
    )
    profile = forms.ModelChoiceField(
        queryset=FunctionProfile.objects.none(),
        required=False,
        label=_("Functieprofiel (alleen voor een competentiemeting)"),
        help_text=_("Zonder profiel gebruik je het hele competentiewoordenboek."),
    )

    def __init__(
        self,
        *args: Any,
        methods: QuerySet[Method],
        contacts: QuerySet[ContactMoment],
        decks: QuerySet[CardDeck],
        profiles: QuerySet[FunctionProfile],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles
        self.fields["method"].queryset = methods
        self.fields["contact_moment"].queryset = contacts
        self.fields["deck"].queryset = decks


class AnswersForm(forms.Form):
    """The fixed questions of a sheet (HAND, AI-droomfase, Klokwijs, Praatplaat)."""

    def __init__(
        self,
        *args: Any,
        worksheet: Worksheet,
        only: tuple[str, ...] | None = None,
        plain: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {**worksheet.answers, "conclusion": worksheet.conclusion})
        super().__init__(*args, **kwargs)
        for field in TEXT_SHEETS.get(worksheet.kind, ()):
            if only is not None and field.key not in only:
                continue
            if field.single:
                self.fields[field.key] = forms.ChoiceField(
                    choices=[(k, f"{k} – {v}") for k, v in field.choices],
                    widget=forms.RadioSelect,
                    required=False,
                    label=field.label,
                )
            elif field.choices:
                self.fields[field.key] = forms.MultipleChoiceField(
                    choices=field.choices,
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    label=field.label,
                )
            else:
                self.fields[field.key] = forms.CharField(
                    label=field.label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            if plain:
                self.fields[field.key].label = field.plain
            if field.hint and not plain:
                self.fields[field.key].help_text = field.hint
        if only is None:
            self.fields["conclusion"] = conclusion_field()


def conclusion_field() -> forms.CharField:
    return forms.CharField(
        label=_("Conclusie"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConclusionForm(forms.Form):
    def __init__(self, *args: Any, worksheet: Worksheet, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"conclusion": worksheet.conclusion})
        super().__init__(*args, **kwargs)
        self.fields["conclusion"] = conclusion_field()


class QualitiesForm(forms.Form):
    """Eight ranked places for qualities and eight for pitfalls, from the sheet's deck."""

    places = 8

    def __init__(self, *args: Any, worksheet: Worksheet, **kwargs: Any) -> None:
        picks = list(worksheet.quality_picks.all())
        initial = {"conclusion": worksheet.conclusion}
        for pick in picks:
            initial[f"{pick.kind}_{pick.rank}"] = pick.card_id
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        cards = list(worksheet.deck.cards.all()) if worksheet.deck else []
        self.cards = {c.pk: c for c in cards}
        for kind, label in ((CardKind.QUALITY, _("Kwaliteit")), (CardKind.PITFALL, _("Valkuil"))):
            choices = [("", "–")] + [(c.pk, c.text) for c in cards if c.kind == kind]
            for rank in range(1, self.places + 1):
                self.fields[f"{kind}_{rank}"] = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    label=f"{label} {rank}",
                )
        self.fields["conclusion"] = conclusion_field()

    def clean(self) -> dict:
        data = super().clean()
        extra = [
            key
            for key in self.data
            if key.split("_")[0] in CardKind.values and key not in self.fields and self.data[key]
        ]
        if extra:
            raise forms.ValidationError(_("Kies hoogstens acht kwaliteiten en acht valkuilen."))
        return data

    def chosen(self, kind: str) -> list:
        ranked = [self.cleaned_data.get(f"{kind}_{rank}") for rank in range(1, self.places + 1)]
        return [self.cards[pk] for pk in ranked if pk is not None]


class RowForm(forms.ModelForm):
    """A row of a table on a phone: small Bootstrap controls, errors under each cell."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
                widget.attrs["style"] = "min-width: 7rem"
            else:
                widget.attrs["class"] = "form-control form-control-sm"
                widget.attrs["style"] = "min-width: 12rem"


def _score_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=[("", "–")] + SCAN_SCORES,
        coerce=int,
        required=False,
        empty_value=None,
        label=label,
        error_messages={"invalid_choice": _("Een score is 10, 5 of 1 punt.")},
    )


class ScanActionForm(RowForm):
    """Step 1 of the scan: the actions per domain. The points are given on two
    separate pages, one for the worker and one for the coach (§5.7)."""

    class Meta:
        model = ScanAction
        fields = ["domain", "description"]


class WorkerScanScoreForm(RowForm):
    worker_meaning = _score_field(_("zinvol"))
    worker_feasibility = _score_field(_("haalbaar"))

    class Meta:
        model = ScanAction
        fields = ["worker_meaning", "worker_feasibility", "worker_agrees"]
        labels = {"worker_agrees": _("akkoord")}


class CoachScanScoreForm(RowForm):
    coach_meaning = _score_field(_("zinvol"))
    coach_feasibility = _score_field(_("haalbaar"))

    class Meta:
        model = ScanAction
        fields = ["coach_meaning", "coach_feasibility", "coach_agrees"]
        labels = {"coach_agrees": _("akkoord")}


# edit_only: the rows are the actions of step 1; a posted extra row is ignored.
WorkerScanScoreFormSet = forms.inlineformset_factory(
    Worksheet, ScanAction, form=WorkerScanScoreForm, extra=0, can_delete=False, edit_only=True
)
CoachScanScoreFormSet = forms.inlineformset_factory(
    Worksheet, ScanAction, form=CoachScanScoreForm, extra=0, can_delete=False, edit_only=True
)


ScanFormSet = forms.inlineformset_factory(
    Worksheet,
    ScanAction,
    form=ScanActionForm,
    extra=3,
    can_delete=True,
    max_num=70,
    validate_max=True,
)

SkillFormSet = forms.inlineformset_factory(
    Worksheet,
    SkillPlacement,
    form=RowForm,
    fields=["skill", "cell", "frequency"],
    extra=5,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


class SmartActionForm(RowForm):
    meaning = _score_field(_("zinvol (ZV)"))
    feasibility = _score_field(_("haalbaar (HB)"))

    class Meta:
        model = SmartAction
        fields = ["challenge", "description", "meaning", "feasibility", "group"]


class BaseSmartFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        challenges = [
            form.cleaned_data["challenge"]
            for form in self.forms
            if form.cleaned_data.get("challenge") and not form.cleaned_data.get("DELETE")
        ]
        too_many = smart_too_many(challenges)
        if too_many:
            raise forms.ValidationError(
                _("Hoogstens tien acties per uitdaging: %(names)s heeft er meer.")
                % {"names": ", ".join(too_many)}
            )


SmartFormSet = forms.inlineformset_factory(
    Worksheet,
    SmartAction,
    form=SmartActionForm,
    formset=BaseSmartFormSet,
    extra=5,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


class CompetencePictureForm(RowForm):
    class Meta:
        model = CompetencePicture
        fields = ["meaning", "example_1", "example_2", "example_3", "example_4", "talk", "light"]
        widgets = {
            "meaning": forms.Textarea(attrs={"rows": 2}),
            "talk": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "light": _("Uitbreiding: het kaartje dat de werknemer zichzelf geeft."),
        }


# edit_only: the rows are the worksheet's competences; a posted extra row is ignored.
CompetencePictureFormSet = forms.inlineformset_factory(
    Worksheet,
    CompetencePicture,
    form=CompetencePictureForm,
    extra=0,
    can_delete=False,
    edit_only=True,
)


class RatingForm(RowForm):
    """The coach's sheet in the talk: the worker's own scores and the coach's. The floor
    supervisor's column is theirs alone (``FloorScoreFormSet``)."""

    class Meta:
        model = CompetenceRating
        fields = ["self_now", "self_wanted", "coach", "remark"]


class CoachScoreForm(RowForm):
    class Meta:
        model = CompetenceRating
        fields = ["coach"]


class FloorScoreForm(RowForm):
    """The floor supervisor's rating: the score only. The remark is the worker's and
    the coach's, from the POP talk, which a floor supervisor may not read (§2.4.4)."""

    class Meta:
        model = CompetenceRating
        fields = ["floor"]


def _rating_formset(form: type[RowForm]) -> type[forms.BaseInlineFormSet]:
    return forms.inlineformset_factory(
        Worksheet, CompetenceRating, form=form, extra=0, can_delete=False, edit_only=True
    )


RatingFormSet = _rating_formset(RatingForm)
# One score column per rater, so one rater never overwrites another.
SCORE_FORMSETS = {
    Rater.COACH: _rating_formset(CoachScoreForm),
    Rater.FLOOR: _rating_formset(FloorScoreForm),
}


class PromoteSummaryForm(forms.Form):
    section = forms.ChoiceField(choices=SummarySection.choices, label=_("Naar"))
    text = forms.CharField(
        label=_("Tekst"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    competence = forms.ChoiceField(
        choices=[("", "–")] + Competence.choices, required=False, label=_("Soort competentie")
    )


class PromoteActionForm(forms.Form):
    description = forms.CharField(label=_("Concrete actie"), max_length=500)
    helper = forms.CharField(label=_("Wie helpt"), max_length=300, required=False)
    deadline = SaneDateField(label=_("Tegen wanneer"), required=False)
    expected_result = forms.CharField(
        label=_("Verwacht resultaat (meetbaar)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    competence = forms.ChoiceField(choices=Competence.choices, label=_("Soort competentie"))
    kind = forms.ChoiceField(
        choices=[("", "–")] + ActionKind.choices, required=False, label=_("Deze actie gaat over")
    )
    how_checked = forms.CharField(
        label=_("Zo kan de begeleiding het nagaan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    resources = forms.CharField(
        label=_("Hulpbronnen die ik al heb"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    means = forms.CharField(
        label=_("Wat ik nog nodig heb"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    why = forms.CharField(
        label=_("Ik wil dit doen omdat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    why_feasible = forms.CharField(
        label=_("Dit gaat me lukken omdat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    develops = forms.ModelChoiceField(
        queryset=CompetenceDefinition.objects.none(),
        required=False,
        label=_("Werkt aan de competentie"),
    )

    DETAIL = ["develops", "how_checked", "resources", "means", "why", "why_feasible", "kind"]

    def __init__(
        self,
        *args: Any,
        require_kind: bool = False,
        competences: QuerySet[CompetenceDefinition] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if competences is not None:
            self.fields["develops"].queryset = competences
        if require_kind:
            self.fields["kind"].required = True
            self.fields["kind"].error_messages["required"] = _(
                "Kies waarover de actie gaat: informeren, opleiding, werk, trainen of andere."
            )

    def detail(self) -> dict | None:
        values = {name: self.cleaned_data[name] for name in self.DETAIL}
        return values if any(values.values()) else None


class DevelopsForm(forms.Form):
    develops = forms.ModelChoiceField(
        queryset=CompetenceDefinition.objects.none(),
        required=False,
        label=_("Werkt aan de competentie"),
        help_text=_("Uit het competentiewoordenboek van je organisatie."),
    )

    def __init__(self, *args: Any, competences: QuerySet[CompetenceDefinition], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["develops"].queryset = competences


class PictureForm(forms.Form):
    image = forms.FileField(label=_("Prent of foto"))
    caption = forms.CharField(
        label=_("Wat zie je en waarom koos je dit?"), max_length=500, required=False
    )

    def clean_image(self) -> UploadedFile:
        upload = self.cleaned_data["image"]
        if upload.size > MAX_PICTURE_BYTES:
            raise forms.ValidationError(
                _("Deze afbeelding is te groot (%(mb)s MB). Het maximum is 5 MB.")
                % {"mb": round(upload.size / 1024 / 1024, 1)}
            )
        image = decoded_image(upload, max_pixels=MAX_PICTURE_PIXELS)
        if image is None:
            raise forms.ValidationError(
                _("Dit bestand is geen afbeelding. Kies een foto of prent (JPG, PNG, GIF of WEBP).")
            )
        if image.format not in PICTURE_FORMATS:
            raise forms.ValidationError(
                _("Dit soort afbeelding kennen we niet. Kies een JPG, PNG, GIF of WEBP.")
            )
        return _scaled(image, upload.name)


def _scaled(image: Image.Image, name: str) -> InMemoryUploadedFile:
    """Scale down and re-encode: only clean pixels are stored, never the upload itself."""
    extension = PICTURE_FORMATS[image.format or "PNG"]
    image.thumbnail((MAX_PICTURE_SIDE, MAX_PICTURE_SIDE))
    if extension == "jpg":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG" if extension == "jpg" else "PNG", quality=85)
    stem = slugify(name.rsplit(".", 1)[0])[:40] or "prent"
    content_type = "image/jpeg" if extension == "jpg" else "image/png"
    return InMemoryUploadedFile(
        buffer, "image", f"{stem}.{extension}", content_type, buffer.tell(), None
    )
