"""The second factor (django-otp): a code from an authenticator app (TOTP, RFC 6238) and
ten one-time recovery codes for when the phone is gone. Required for staff, and for the
coaches of an organisation that asks it; anyone else may set one up."""

from __future__ import annotations

import re
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from popsite.accounts.audit import audit_record
from popsite.accounts.models import AuditEvent, Membership, Role, User

ISSUER = "POP-werking"
RECOVERY_CODE_COUNT = 10
APP_DIGITS = 6
# Codes from the step before and after are accepted too: a phone's clock drifts.
TOLERANCE = 1


def second_factor_required(user: User) -> bool:
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user, role=Role.COACH, organisation__requires_second_factor=True
    ).exists()


def app_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_secret() -> str:
    """20 random bytes, hex-encoded as django-otp stores them."""
    return random_hex(20)


def secret_text(secret: str) -> str:
    """The secret as an app asks it when typed in: base32, in groups of four."""
    letters = b32encode(unhexlify(secret)).decode()
    return " ".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def app_link(user: User, secret: str) -> str:
    """The otpauth:// address an app reads from the QR code. Written here rather than
    taken from TOTPDevice.config_url, which labels the account with the e-mail field
    and so says 'None' for someone who logs in with a login name."""
    params = urlencode(
        {
            "secret": b32encode(unhexlify(secret)).decode(),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": APP_DIGITS,
            "period": 30,
        }
    )
    return f"otpauth://totp/{quote(f'{ISSUER}:{user.login}')}?{params}"


def app_qr(user: User, secret: str) -> str:
    """The app link as a QR code, an SVG data URI drawn here (no image service)."""
    return segno.make(app_link(user, secret), error="m").svg_data_uri(scale=5, border=2)


def normalise(typed: str) -> str:
    """Spaces and dashes do not matter, nor capitals in a recovery code."""
    return re.sub(r"[\s-]", "", typed).lower()


def is_app_code(code: str) -> bool:
    # Recovery codes are 8 base32 characters, so the two kinds never look alike.
    return len(code) == APP_DIGITS and code.isdigit()


def app_code_matches(secret: str, code: str) -> TOTP | None:
    """The code checked against a secret not yet stored (at enrolment)."""
    if not is_app_code(code):
        return None
    totp = TOTP(unhexlify(secret), digits=APP_DIGITS)
    return totp if totp.verify(int(code), tolerance=TOLERANCE) else None


@transaction.atomic
def app_enrol(*, user: User, secret: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Store the app once its first code matched, with new recovery codes; any earlier
    devices of the person go."""
    totp = app_code_matches(secret, code)
    if totp is None:
        raise ValidationError(
            _("Deze code klopt niet. Kijk of de tijd op je telefoon juist staat."),
            code="wrong",
        )
    # Two enrolment pages sent at once: the last one wins, not two apps.
    TOTPDevice.objects.filter(user=user).delete()
    # last_t: the code just used for confirming does not log in a second time.
    device = TOTPDevice.objects.create(
        user=user,
        name=_("app"),
        key=secret,
        digits=APP_DIGITS,
        tolerance=TOLERANCE,
        drift=totp.drift,
        last_t=totp.t(),
        confirmed=True,
    )
    audit_record(user=user, verb=AuditEvent.Verb.CHANGE, obj=device, subject=user)
    return device, recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": _("herstelcodes"), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def code_verify(*, user: User, typed: str) -> Device:
    """The device that accepts the code, a used recovery code deleted. Refused with
    code "wrong" (counted against the login, popsite.accounts.throttle) or "wait":
    after each wrong code django-otp makes the device wait twice as long, from any
    address, so the million app codes cannot be tried from many places."""
    code = normalise(typed)
    model = TOTPDevice if is_app_code(code) else StaticDevice
    # The wrong code's count is kept: the refusal is raised after the transaction.
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        allowed, why = device.verify_is_allowed() if device else (True, None)
        verified = allowed and device is not None and device.verify_token(code)
    if not allowed:
        seconds = max(1, int((why["locked_until"] - timezone.now()).total_seconds()) + 1)
        raise ValidationError(
            _(
                "Na een verkeerde code wacht je even, langer na elke volgende. Probeer "
                "opnieuw over %(seconds)s seconden."
            )
            % {"seconds": seconds},
            code="wait",
        )
    if not verified:
        raise ValidationError(
            _(
                "Deze code klopt niet. Een code uit de app werkt maar één keer, "
                "en maar een halve minuut lang."
            ),
            code="wrong",
        )
    return device


def _devices(user: User) -> list[Device]:
    return [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]


@transaction.atomic
def second_factor_remove(*, user: User, by: User) -> bool:
    """The app and the recovery codes go (a lost phone, or switched off); whoever must
    have a second factor sets up a new one at the next page. Audited per device; says
    whether there was anything to remove."""
    devices = _devices(user)
    for device in devices:
        audit_record(user=by, verb=AuditEvent.Verb.DELETE, obj=device, subject=user)
        device.delete()
    return bool(devices)
