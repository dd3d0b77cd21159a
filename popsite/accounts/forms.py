"""Forms of the worker accounts without e-mail: create, and the first login's own secret."""

from __future__ import annotations

from anyascii import anyascii
from django import forms
from django.utils.translation import gettext_lazy as _

from popsite.accounts.models import Organisation, Role, User
from popsite.accounts.services import may_use_pin


class WorkerAccountForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_(
            "Leeg laten als de werknemer geen e-mailadres heeft: hij of zij krijgt dan een inlognaam."
        ),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisatie"), empty_label=None
    )
    other_person = forms.BooleanField(
        label=_("Dit is een andere persoon met dezelfde naam"),
        required=False,
        help_text=_("Alleen aanvinken als de organisatie al iemand met deze naam heeft."),
    )

    def __init__(self, *args: object, coach: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=coach.organisation_ids(Role.COACH))
        field.error_messages["invalid_choice"] = _("Kies een organisatie waar je coach bent.")

    def clean(self) -> dict:
        # A second account for the same person (a double click, or a coach who did not
        # find the first) splits their POP over two logins: ask before making it.
        cleaned = super().clean()
        first, last = cleaned.get("first_name"), cleaned.get("last_name")
        organisation = cleaned.get("organisation")
        if first and last and organisation and not cleaned.get("other_person"):
            existing = _namesake(organisation, first, last)
            if existing:
                self.add_error(
                    "other_person",
                    _(
                        "%(name)s heeft al een account in %(organisation)s. Zoek die werknemer "
                        "op je startpagina. Is het toch een andere persoon? Vink dit dan aan."
                    )
                    % {"name": existing.get_full_name(), "organisation": organisation},
                )
        return cleaned


def _plain(name: str) -> str:
    """A name as a coach may type it: any capitals, spacing and accents (Yilmaz for
    Yılmaz, Chloe for Chloé)."""
    return " ".join(anyascii(name).casefold().split())


def _namesake(organisation: Organisation, first: str, last: str) -> User | None:
    # Compared in Python: the database cannot fold accents; one organisation's workers.
    wanted = (_plain(first), _plain(last))
    workers = User.objects.filter(
        memberships__organisation=organisation, memberships__role=Role.WORKER
    ).order_by("pk")
    return next((w for w in workers if (_plain(w.first_name), _plain(w.last_name)) == wanted), None)


class ChooseSecretForm(forms.Form):
    KINDS = [
        ("password", _("Een wachtwoord (minstens 8 tekens)")),
        ("pin", _("Een pincode van 6 cijfers")),  # services.PIN_LENGTH
    ]
    kind = forms.ChoiceField(
        label=_("Wat wil je gebruiken?"), choices=KINDS, widget=forms.RadioSelect, initial="pin"
    )
    secret = forms.CharField(
        label=_("Je nieuwe wachtwoord of pincode"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    secret_again = forms.CharField(
        label=_("Nog een keer"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not may_use_pin(user):
            self.fields["kind"].choices = self.KINDS[:1]
            self.fields["kind"].initial = "password"
            self.fields["kind"].widget = forms.HiddenInput()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("secret") and cleaned.get("secret") != cleaned.get("secret_again"):
            self.add_error("secret_again", _("De twee keer zijn niet hetzelfde. Probeer opnieuw."))
        return cleaned


class SecondFactorCodeForm(forms.Form):
    """One field for either kind of code; popsite.accounts.second_factor tells them apart."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit je app, of een van je herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
