"""Workers without e-mail: a coach makes the account and prints a login letter with a
one-time code; the worker chooses a password or PIN at the first login; a coach resets
it; the e-mail address logs in whatever its capitals."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from popsite.accounts import services
from popsite.accounts.models import Membership, Role, User
from tests.factories import PASSWORD, member


def create(client, cast, **fields):
    data = {
        "first_name": "Jan",
        "last_name": "De Smet-Van Dijck",
        "email": "",
        "organisation": cast.organisation.pk,
        **fields,
    }
    return client.post(reverse("accounts:worker-create"), data)


def code_of(client) -> str:
    return client.session["login_letter"]["code"]


def test_coach_creates_a_worker_without_email_and_prints_the_letter(cast, login):
    client = login(cast.coach)
    response = create(client, cast)
    worker = User.objects.get(first_name="Jan")
    assert response["Location"] == reverse("accounts:login-letter", args=[worker.pk])
    assert worker.email is None and worker.login_name == "jan.desmetvandijck"
    assert Membership.objects.filter(user=worker, role=Role.WORKER, organisation=cast.organisation)
    code = code_of(client)
    assert len(code) == 8 and worker.password != code  # only its hash is stored
    page = client.get(response["Location"]).content.decode()
    assert "jan.desmetvandijck" in page and f"{code[:4]}-{code[4:]}" in page
    pdf = client.get(reverse("accounts:login-letter-pdf", args=[worker.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Dag Jan" in text and "jan.desmetvandijck" in text and code[:4] in text
    assert "http://testserver/login/" in text
    # A second worker with the same name gets a login name of their own.
    create(client, cast, other_person="on")
    assert User.objects.filter(login_name="jan.desmetvandijck2").exists()


def test_a_second_account_with_the_same_name_is_asked_first(cast, login):
    client = login(cast.coach)
    create(client, cast)
    response = create(client, cast, first_name="JAN", last_name="de smet-van  dijck")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jan De Smet-Van Dijck heeft al een account in" in page
    assert User.objects.filter(last_name="De Smet-Van Dijck").count() == 1


def test_a_namesake_typed_without_its_accents_is_asked_too(cast, login):
    client = login(cast.coach)
    create(client, cast, first_name="Mehmet", last_name="Yılmaz")
    response = create(client, cast, first_name="mehmet", last_name="Yilmaz")
    assert "Mehmet Yılmaz heeft al een account in" in response.content.decode()
    assert User.objects.filter(first_name__iexact="mehmet").count() == 1


def test_coach_creates_a_worker_with_an_email_address(cast, login):
    client = login(cast.coach)
    create(client, cast, first_name="Lies", email="Lies.Peeters@Example.org")
    worker = User.objects.get(first_name="Lies")
    assert (worker.email, worker.login_name) == ("lies.peeters@example.org", None)
    response = create(client, cast, first_name="Ander", email="LIES.peeters@example.org")
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    assert not User.objects.filter(first_name="Ander").exists()


def test_first_login_with_the_code_then_a_pin_of_ones_own(cast, login, client):
    worker, code = services.worker_account_create(
        organisation=cast.organisation, by=cast.coach, first_name="Jan", last_name="Smet"
    )
    client.logout()
    typed = f"{code[:4].lower()}-{code[4:]}"  # read from paper: small letters, dash
    response = client.post(reverse("login"), {"username": "Jan.Smet", "password": typed})
    assert response.status_code == 302
    # Before anything else the worker chooses their own secret.
    assert client.get(reverse("plans:worker-home"))["Location"] == reverse("accounts:choose-secret")
    page = client.get(reverse("accounts:choose-secret")).content.decode()
    assert "pincode" in page
    assert 'id="back-home"' not in page  # "Mijn POP" would only lead back here
    for bad, message in (
        ("123456", "te makkelijk"),
        ("777777", "te makkelijk"),
        ("12345", "precies 6 cijfers"),
    ):
        response = client.post(
            reverse("accounts:choose-secret"),
            {"kind": "pin", "secret": bad, "secret_again": bad},
        )
        assert message in response.content.decode()
    response = client.post(
        reverse("accounts:choose-secret"), {"kind": "pin", "secret": "40719", "secret_again": "x"}
    )
    assert "niet hetzelfde" in response.content.decode()
    response = client.post(
        reverse("accounts:choose-secret"),
        {"kind": "pin", "secret": "407193", "secret_again": "407193"},
    )
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("plans:worker-home")).status_code == 200  # still logged in
    worker.refresh_from_db()
    assert worker.one_time_code_until is None
    client.logout()
    assert (
        client.post(reverse("login"), {"username": "jan.smet", "password": code}).status_code == 200
    )
    response = client.post(reverse("login"), {"username": "JAN.SMET", "password": "407193"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:choose-secret")).status_code == 404


def test_a_pin_is_for_workers_only_and_never_the_birth_date(cast):
    worker = member(cast.organisation, Role.WORKER, birth_date=datetime.date(1990, 3, 14))
    with pytest.raises(ValidationError, match="geboortedatum"):
        services.own_secret_set(user=worker, secret="140390", is_pin=True)
    with pytest.raises(ValidationError, match="wachtwoord, geen pincode"):
        services.own_secret_set(user=cast.coach, secret="407193", is_pin=True)
    with pytest.raises(ValidationError):
        services.own_secret_set(user=worker, secret="kort", is_pin=False)  # password rules


def test_an_expired_code_no_longer_logs_in(cast, client):
    worker, code = services.worker_account_create(
        organisation=cast.organisation, by=cast.coach, first_name="Jan", last_name="Smet"
    )
    User.objects.filter(pk=worker.pk).update(
        one_time_code_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.post(reverse("login"), {"username": "jan.smet", "password": code})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()


def test_coach_resets_the_login_with_a_new_code(cast, login, client):
    coach = login(cast.coach)
    response = coach.post(reverse("accounts:login-code-reset", args=[cast.worker.pk]))
    assert response["Location"] == reverse("accounts:login-letter", args=[cast.worker.pk])
    code = code_of(coach)
    coach.logout()
    # The old password stops working; the new code works once, until a new secret is chosen.
    old = client.post(reverse("login"), {"username": cast.worker.email, "password": PASSWORD})
    assert old.status_code == 200
    new = client.post(reverse("login"), {"username": cast.worker.email, "password": code})
    assert new.status_code == 302
    assert client.get(reverse("plans:worker-home"))["Location"] == reverse("accounts:choose-secret")


def test_the_code_is_shown_only_to_the_coach_who_made_it(cast, login):
    coach = login(cast.coach)
    coach.post(reverse("accounts:login-code-reset", args=[cast.worker.pk]))
    code = code_of(coach)
    colleague = member(cast.organisation, Role.COACH)
    other = login(colleague)
    page = other.get(reverse("accounts:login-letter", args=[cast.worker.pk])).content.decode()
    assert code[:4] not in page and "niet meer te zien" in page
    pdf = other.get(reverse("accounts:login-letter-pdf", args=[cast.worker.pk]))
    assert pdf.status_code == 302


def test_no_coach_manages_the_login_of_a_colleague_or_an_outsider(cast, login):
    client = login(cast.coach)
    both = member(cast.organisation, Role.WORKER)
    Membership.objects.create(user=both, organisation=cast.organisation, role=Role.COACH)
    for person in (cast.other_coach, cast.trainer, cast.other_worker, both, cast.admin):
        url = reverse("accounts:login-code-reset", args=[person.pk])
        assert client.post(url).status_code == 404
        assert client.get(reverse("accounts:login-letter", args=[person.pk])).status_code == 404
    assert User.objects.filter(one_time_code_until__isnull=False).count() == 0
    response = login(cast.other_coach).post(
        reverse("accounts:login-code-reset", args=[cast.worker.pk])
    )
    assert response.status_code == 404


def test_only_a_coach_creates_workers_and_only_in_their_organisation(cast, login):
    response = create(login(cast.worker), cast, first_name="X")
    assert response.status_code == 404
    response = create(
        login(cast.coach), cast, first_name="Y", organisation=cast.other_organisation.pk
    )
    assert response.status_code == 200 and "waar je coach bent" in response.content.decode()
    assert not User.objects.filter(first_name__in=["X", "Y"]).exists()


def test_login_accepts_the_email_in_any_capitalisation(cast, client):
    response = client.post(
        reverse("login"), {"username": "  " + cast.coach.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302


def test_failures_in_other_capitals_count_for_the_same_account(cast, client):
    for spelling in ("A", "B", "C", "D"):
        email = cast.coach.email.upper() if spelling in "AC" else cast.coach.email
        client.post(reverse("login"), {"username": email, "password": "fout"})
    client.post(reverse("login"), {"username": cast.coach.email.title(), "password": "fout"})
    response = client.post(reverse("login"), {"username": cast.coach.email, "password": PASSWORD})
    assert response.status_code == 429


def test_wrong_pins_from_many_addresses_make_the_account_wait(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # django-axes counts per address; this is per account
    worker, code = services.worker_account_create(
        organisation=cast.organisation, by=cast.coach, first_name="Jan", last_name="Smet"
    )
    services.own_secret_set(user=worker, secret="407193", is_pin=True)
    url = reverse("login")
    for n in range(services.PIN_FAILURE_LIMIT):
        client.post(
            url, {"username": "jan.smet", "password": f"{n:06d}"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
    # Now even the right PIN waits, from a fresh address too.
    response = client.post(
        url, {"username": "jan.smet", "password": "407193"}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 200
    worker.refresh_from_db()
    assert worker.pin_failures == services.PIN_FAILURE_LIMIT
    # After the window, or a new code from the coach, the account opens again.
    User.objects.filter(pk=worker.pk).update(
        pin_failed_at=timezone.now() - services.PIN_FAILURE_WINDOW - datetime.timedelta(minutes=1)
    )
    response = client.post(
        url, {"username": "jan.smet", "password": "407193"}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.pin_failures == 0


def test_a_password_account_is_not_held_by_the_pin_count(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 1000
    for _ in range(services.PIN_FAILURE_LIMIT + 2):
        client.post(reverse("login"), {"username": cast.coach.email, "password": "fout"})
    response = client.post(reverse("login"), {"username": cast.coach.email, "password": PASSWORD})
    assert response.status_code == 302
