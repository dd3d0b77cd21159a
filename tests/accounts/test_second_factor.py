"""The second factor through the real pages, with real codes computed from the key as
an authenticator app does: set up, log in with a code, wrong codes, recovery codes,
who must have one and who is never asked, switching off and the admin's reset."""

from __future__ import annotations

import datetime
import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from popsite.accounts.models import AuditEvent
from popsite.accounts.second_factor import recovery_codes_renew
from tests.factories import PASSWORD, totp_code, totp_device

VERIFY = reverse("accounts:second-factor-verify")
ENROL = reverse("accounts:second-factor-enrol")


def password_login(client, user, address: str = "203.0.113.5"):
    client.logout()
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}, REMOTE_ADDR=address
    )
    assert response.status_code == 302, "the password is right"
    return response


def give_code(client, code: str, next_url: str = "", address: str = "203.0.113.5"):
    return client.post(VERIFY, {"code": code, "next": next_url}, REMOTE_ADDR=address)


def wrong_code(device: TOTPDevice) -> str:
    right = totp_code(device)
    return "000000" if right != "000000" else "111111"


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def admin_app(cast) -> TOTPDevice:
    return totp_device(cast.admin)


# Setting it up ---------------------------------------------------------------


def test_staff_without_an_app_set_it_up_before_anything_else(cast, client):
    password_login(client, cast.admin)
    for url in (
        reverse("accounts:admin-home"),
        reverse("admin:index"),
        reverse("plans:pop", args=[cast.pop.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ENROL), url

    shown = page(client.get(ENROL))
    assert "Voor jouw account is een tweede factor verplicht" in shown
    assert 'src="data:image/svg+xml' in shown
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', shown).group(1)
    app = TOTP(b32decode(secret.replace(" ", "")))

    refused = client.post(ENROL, {"code": f"{(app.token() + 1) % 1_000_000:06d}"})
    assert "Deze code klopt niet" in page(refused)
    assert not TOTPDevice.objects.filter(user=cast.admin).exists()

    response = client.post(ENROL, {"code": f"{app.token():06d}"})
    assert response["Location"] == reverse("accounts:recovery-codes")
    codes_page = page(client.get(response["Location"]))
    codes = re.findall(r"<li>([a-z2-7]{4} [a-z2-7]{4})</li>", codes_page)
    assert len(codes) == 10
    download = client.get(reverse("accounts:recovery-codes-download"))
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.content.decode() for code in codes)
    # Now the rest of the site opens, the admin included.
    assert client.get(reverse("accounts:admin-home")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    # Shown once: after "kept them", they are not to be seen again.
    client.post(reverse("accounts:recovery-codes"))
    assert client.get(reverse("accounts:recovery-codes")).status_code == 302
    device = TOTPDevice.objects.get(user=cast.admin)
    assert device.confirmed
    assert AuditEvent.objects.filter(
        object_type="otp_totp.totpdevice", object_id=str(device.pk), subject=cast.admin
    ).exists()
    # The code that confirmed the app does not log in a second time.
    password_login(client, cast.admin)
    assert "klopt niet" in page(give_code(client, f"{app.token():06d}"))


def test_someone_with_an_app_cannot_set_up_another_with_only_the_password(cast, client, admin_app):
    password_login(client, cast.admin)
    response = client.get(ENROL)
    assert response.status_code == 302
    attacker_secret = "ab" * 20
    session = client.session
    session["second_factor_secret"] = attacker_secret
    session.save()
    code = f"{TOTP(bytes.fromhex(attacker_secret)).token():06d}"
    client.post(ENROL, {"code": code})
    assert list(TOTPDevice.objects.filter(user=cast.admin)) == [admin_app]
    assert client.get(reverse("accounts:admin-home"))["Location"].startswith(VERIFY)


# Logging in ------------------------------------------------------------------


def test_after_the_password_the_code_from_the_app(cast, client, admin_app):
    response = password_login(client, cast.admin)
    response = client.get(response["Location"])
    assert response["Location"].startswith(VERIFY)
    home = reverse("accounts:admin-home")
    assert client.get(home)["Location"] == f"{VERIFY}?next=%2Fbeheer%2F"
    assert "Code uit je app" in page(client.get(VERIFY))

    response = give_code(client, totp_code(admin_app), next_url=home)
    assert response["Location"] == home
    assert client.get(home).status_code == 200


def test_the_menu_waits_for_the_code(cast, client, admin_app):
    """Every menu link would only lead back to the code page: it shows once the code is in."""
    password_login(client, cast.admin)
    waiting = page(client.get(VERIFY))
    assert 'id="menu"' not in waiting and reverse("accounts:admin-home") not in waiting
    assert "Afmelden" in waiting
    give_code(client, totp_code(admin_app))
    assert 'id="menu"' in page(client.get(reverse("accounts:admin-home")))


def test_the_menu_waits_for_a_required_set_up_only(cast, login, client):
    password_login(client, cast.admin)
    required = page(client.get(ENROL))
    assert 'id="menu"' not in required and "Afmelden" in required
    optional = page(login(cast.coach).get(ENROL))
    assert 'id="menu"' in optional


def test_a_next_address_elsewhere_is_not_followed(cast, client, admin_app):
    password_login(client, cast.admin)
    response = give_code(client, totp_code(admin_app), next_url="https://elders.example/")
    assert response["Location"] == reverse("accounts:home")


def test_a_wrong_code_is_refused_and_the_app_then_waits(cast, client, admin_app):
    password_login(client, cast.admin)
    refused = give_code(client, wrong_code(admin_app))
    assert refused.status_code == 200
    assert "Deze code klopt niet" in page(refused)
    admin_app.refresh_from_db()
    assert admin_app.throttling_failure_count == 1
    # After ten wrong codes the app waits 2^9 seconds, from any address, even for the
    # right code.
    TOTPDevice.objects.filter(pk=admin_app.pk).update(throttling_failure_count=10)
    waiting = give_code(client, totp_code(admin_app), address="198.51.100.7")
    assert re.search(r"Probeer opnieuw over 51\d seconden", page(waiting))
    assert client.get(reverse("accounts:admin-home"))["Location"].startswith(VERIFY)
    TOTPDevice.objects.filter(pk=admin_app.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=600)
    )
    assert give_code(client, totp_code(admin_app)).status_code == 302
    assert client.get(reverse("accounts:admin-home")).status_code == 200


def test_five_wrong_codes_lock_the_login_like_five_wrong_passwords(
    cast, client, admin_app, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the app's own wait is tested above
    password_login(client, cast.admin)
    answers = [give_code(client, wrong_code(admin_app)).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    # The session ended, and the password is refused from that address for now.
    assert client.get(reverse("accounts:admin-home"))["Location"].startswith(reverse("login"))
    locked = client.post(
        reverse("login"),
        {"username": cast.admin.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert locked.status_code == 429
    assert "verkeerde code" in page(locked)


def test_a_recovery_code_works_once(cast, client, admin_app):
    codes = recovery_codes_renew(user=cast.admin)
    password_login(client, cast.admin)
    typed = f"{codes[0][:4].upper()} {codes[0][4:]}"  # as read from paper
    response = give_code(client, typed)
    assert response.status_code == 302
    shown = page(client.get(reverse("accounts:admin-home")))
    assert "Je gebruikte een herstelcode" in shown and "nog 9" in shown

    password_login(client, cast.admin)
    assert "Deze code klopt niet" in page(give_code(client, codes[0]))
    StaticDevice.objects.filter(user=cast.admin).update(throttling_failure_count=0)
    assert give_code(client, codes[1]).status_code == 302


def test_the_page_warns_when_no_recovery_code_is_left(cast, login, admin_app):
    client = login(cast.admin)
    assert "geen herstelcodes meer" in page(client.get(reverse("accounts:second-factor")))
    recovery_codes_renew(user=cast.admin)
    shown = page(client.get(reverse("accounts:second-factor")))
    assert "nog 10 herstelcodes" in shown and "geen herstelcodes meer" not in shown


def test_who_may_choose_can_leave_the_set_up_page(cast, login, client):
    optional = page(login(cast.coach).get(ENROL))
    assert "Niet nu: terug" in optional
    password_login(client, cast.admin)
    required = page(client.get(ENROL))
    assert "Niet nu: terug" not in required and "Afmelden" in required


def test_new_recovery_codes_replace_the_old(cast, login, admin_app):
    old = recovery_codes_renew(user=cast.admin)
    client = login(cast.admin)
    response = client.post(reverse("accounts:recovery-codes-new"))
    assert response["Location"] == reverse("accounts:recovery-codes")
    new = re.findall(
        r"<li>([a-z2-7]{4}) ([a-z2-7]{4})</li>", page(client.get(response["Location"]))
    )
    assert len(new) == 10
    tokens = set(
        StaticDevice.objects.get(user=cast.admin).token_set.values_list("token", flat=True)
    )
    assert tokens == {a + b for a, b in new}
    assert not tokens & set(old)


# Who is asked ------------------------------------------------------------------


def test_coaches_are_asked_only_where_their_organisation_asks_it(cast, client):
    cast.organisation.requires_second_factor = True
    cast.organisation.save()
    password_login(client, cast.coach)
    assert client.get(reverse("plans:coach-home"))["Location"].startswith(ENROL)
    # The coach of another organisation, and a worker of this one, are not asked.
    for person, home in (
        (cast.other_coach, "plans:coach-home"),
        (cast.worker, "plans:worker-home"),
    ):
        password_login(client, person)
        assert client.get(reverse(home)).status_code == 200, person


def test_workers_and_others_without_an_app_are_never_asked(cast, client):
    for person in (cast.worker, cast.trainer, cast.registrar, cast.floor_supervisor):
        response = password_login(client, person)
        target = client.get(response["Location"])["Location"]
        assert VERIFY not in target and ENROL not in target
        assert client.get(target).status_code == 200


def test_outsiders_reach_none_of_it(client):
    for url in (VERIFY, ENROL, reverse("accounts:second-factor")):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_someone_not_required_who_set_one_up_is_asked_too(cast, client):
    app = totp_device(cast.coach)
    password_login(client, cast.coach)
    assert client.get(reverse("plans:coach-home"))["Location"].startswith(VERIFY)
    give_code(client, totp_code(app))
    assert client.get(reverse("plans:coach-home")).status_code == 200


# Switching off and resetting -----------------------------------------------------


def test_switching_off_asks_a_code(cast, client):
    app = totp_device(cast.coach)
    password_login(client, cast.coach)
    give_code(client, totp_code(app))
    disable = reverse("accounts:second-factor-disable")
    refused = client.post(disable, {"code": wrong_code(app)})
    assert "Deze code klopt niet" in page(refused)
    assert TOTPDevice.objects.filter(user=cast.coach).exists()
    TOTPDevice.objects.filter(pk=app.pk).update(throttling_failure_count=0)
    response = client.post(disable, {"code": totp_code(app)})
    assert response["Location"] == reverse("accounts:second-factor")
    assert "Uit: je meldt je aan met alleen je wachtwoord" in page(client.get(response["Location"]))
    assert not TOTPDevice.objects.filter(user=cast.coach).exists()
    password_login(client, cast.coach)
    assert client.get(reverse("plans:coach-home")).status_code == 200


def test_staff_switching_off_set_up_a_new_phone_at_once(cast, client, admin_app):
    password_login(client, cast.admin)
    give_code(client, totp_code(admin_app))
    response = client.post(
        reverse("accounts:second-factor-disable"), {"code": totp_code(admin_app)}
    )
    assert response["Location"] == ENROL
    assert client.get(reverse("accounts:admin-home"))["Location"].startswith(ENROL)


def test_staff_reset_a_second_factor_in_the_admin_audited(cast, login):
    app = totp_device(cast.coach)
    recovery_codes_renew(user=cast.coach)
    codes = StaticDevice.objects.get(user=cast.coach)
    client = login(cast.admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [cast.coach.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.coach).exists()
    assert not StaticDevice.objects.filter(user=cast.coach).exists()
    events = AuditEvent.objects.filter(
        user=cast.admin, verb=AuditEvent.Verb.DELETE, subject=cast.coach
    )
    assert set(events.values_list("object_type", "object_id")) == {
        ("otp_totp.totpdevice", str(app.pk)),
        ("otp_static.staticdevice", str(codes.pk)),
    }


def test_staff_set_the_organisations_requirement_in_the_admin(cast, login):
    client = login(cast.admin)
    url = reverse("admin:accounts_organisation_change", args=[cast.organisation.pk])
    response = client.post(
        url,
        {
            "name": cast.organisation.name,
            "slug": cast.organisation.slug,
            "requires_second_factor": "on",
        },
    )
    assert response.status_code == 302
    cast.organisation.refresh_from_db()
    assert cast.organisation.requires_second_factor
    assert AuditEvent.objects.filter(
        user=cast.admin, object_type="accounts.organisation", object_id=str(cast.organisation.pk)
    ).exists()


def test_a_worker_sees_on_their_page_that_staff_reset_their_second_factor(cast, login):
    totp_device(cast.worker)
    login(cast.admin).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [cast.worker.pk]},
    )
    shown = page(login(cast.worker).get(reverse("plans:who-looked")))
    assert "je tweede factor (de app)" in shown
