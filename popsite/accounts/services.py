"""Accounts for workers without an e-mail address: a login name, a one-time code on a
printed letter, and their own password or PIN at the first login."""

from __future__ import annotations

import datetime
import re
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from popsite.accounts.models import AuditEvent, Membership, Organisation, Role, User

# Letters and digits nobody mixes up when reading a letter aloud (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALID = datetime.timedelta(days=14)
PIN_LENGTH = 6
# Wrong PINs per account, from any address, before the account waits: 10 per hour caps a
# guesser spread over many addresses at about 240 of the million PINs a day.
PIN_FAILURE_LIMIT = 10
PIN_FAILURE_WINDOW = datetime.timedelta(hours=1)


def normalise_code(typed: str) -> str:
    """A code is read from paper: dashes, spaces and small letters do not matter."""
    return re.sub(r"[\s-]", "", typed).upper()


def _audit(by: User, user: User) -> None:
    AuditEvent.objects.create(
        user=by,
        verb=AuditEvent.Verb.CHANGE,
        object_type="accounts.user",
        object_id=str(user.pk),
        subject=user,
    )


def login_name_for(first_name: str, last_name: str) -> str:
    """'voornaam.achternaam' without accents or spaces, numbered when it is taken."""
    base = ".".join(p for p in (slugify(first_name), slugify(last_name)) if p).replace("-", "")
    base = (base or "werknemer")[:50]
    name, n = base, 1
    while User.objects.filter(login_name__iexact=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


@transaction.atomic
def worker_account_create(
    *,
    organisation: Organisation,
    by: User,
    first_name: str,
    last_name: str,
    email: str | None = None,
) -> tuple[User, str]:
    """A worker account of this organisation, with or without e-mail; returns it with the
    one-time code for its login letter."""
    if not by.has_role(Role.COACH, organisation.pk):
        raise ValidationError(_("Je bent geen coach in die organisatie."))
    email = (email or "").strip().lower() or None
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Er is al een account met dit e-mailadres."))
    user = User.objects.create_user(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        login_name=None if email else login_name_for(first_name, last_name),
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.WORKER)
    return user, login_code_issue(user=user, by=by)


@transaction.atomic
def login_code_issue(*, user: User, by: User) -> str:
    """A new one-time code replaces the person's password (a reset by the coach): the old
    password or PIN stops working at once."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    user.set_password(code)
    user.one_time_code_until = timezone.now() + CODE_VALID
    user.uses_pin, user.pin_failures, user.pin_failed_at = False, 0, None
    user.save(
        update_fields=[
            "password",
            "one_time_code_until",
            "uses_pin",
            "pin_failures",
            "pin_failed_at",
        ]
    )
    _audit(by, user)
    return code


def may_use_pin(user: User) -> bool:
    """A PIN is short: only for workers, whose account opens their own POP and nothing more."""
    return not user.is_staff and user.roles == {Role.WORKER}


def validate_pin(pin: str, user: User) -> None:
    """Six digits, and not one that is guessed first: all the same, a run up or down, or
    the person's birth date."""
    if not re.fullmatch(rf"\d{{{PIN_LENGTH}}}", pin):
        raise ValidationError(_("Een pincode is precies %(n)s cijfers.") % {"n": PIN_LENGTH})
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if len(set(pin)) == 1 or steps in ({1}, {-1}):
        raise ValidationError(_("Deze pincode is te makkelijk te raden. Kies andere cijfers."))
    born = user.birth_date
    if born and pin in {born.strftime(f) for f in ("%d%m%y", "%y%m%d", "%m%d%y")}:
        raise ValidationError(_("Kies geen pincode met je geboortedatum."))


@transaction.atomic
def own_secret_set(*, user: User, secret: str, is_pin: bool) -> None:
    """The person's own password or PIN replaces the one-time code."""
    if is_pin:
        if not may_use_pin(user):
            raise ValidationError(_("Met jouw rol kies je een wachtwoord, geen pincode."))
        validate_pin(secret, user)
    else:
        validate_password(secret, user)
    user.set_password(secret)
    user.one_time_code_until = None
    user.uses_pin = is_pin
    user.save(update_fields=["password", "one_time_code_until", "uses_pin"])


def pin_waiting(user: User) -> bool:
    """Too many wrong PINs lately: the account waits, whatever address the next try is from."""
    return (
        user.uses_pin
        and user.pin_failures >= PIN_FAILURE_LIMIT
        and user.pin_failed_at is not None
        and user.pin_failed_at > timezone.now() - PIN_FAILURE_WINDOW
    )


def pin_failure(user: User) -> None:
    """Count a wrong PIN in one UPDATE (two tries at once both count); a try after a
    quiet window starts the count again."""
    now = timezone.now()
    recent = user.pin_failed_at is not None and user.pin_failed_at > now - PIN_FAILURE_WINDOW
    failures = F("pin_failures") + 1 if recent else Value(1)
    User.objects.filter(pk=user.pk).update(pin_failures=failures, pin_failed_at=now)


def pin_success(user: User) -> None:
    if user.pin_failures:
        User.objects.filter(pk=user.pk).update(pin_failures=0, pin_failed_at=None)
