"""Access granted by the worker: grant, expire and revoke through the views."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from plans.portfolio.models import PortfolioGrant
from popsite.accounts.models import AuditEvent, Role, User
from tests.factories import UserFactory

NAMES = {"first_name": "Rita", "last_name": "L."}


def portfolio_urls(cast) -> list[str]:
    pk = cast.trajectory.pk
    return [
        reverse("plans:portfolio", args=[pk]),
        reverse("plans:growth", args=[pk]),
        reverse("plans:compare", args=[pk]),
    ]


def test_worker_grants_an_existing_user_who_then_sees_the_portfolio(
    cast, login, django_capture_on_commit_callbacks
):
    reader = UserFactory(first_name="Rita", last_name="Lezer")
    client = login(cast.worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:grants", args=[cast.trajectory.pk]),
            {"email": reader.email.upper(), **NAMES},
        )
    assert response.status_code == 302
    grant = PortfolioGrant.objects.get(grantee=reader)
    assert grant.granted_by == cast.worker and not grant.on_request_of_worker
    assert reader.has_role(Role.SUPERVISOR, cast.organisation.pk)
    assert mail.outbox and reader.email in mail.outbox[0].to

    client = login(reader)
    for url in portfolio_urls(cast):
        assert client.get(url).status_code == 200
    shared = client.get(reverse("plans:shared-portfolios")).content.decode()
    assert "Sofie Van der Berghe" in shared


def test_an_unknown_address_gets_an_invitation_and_a_supervisor_account(
    cast, login, django_capture_on_commit_callbacks
):
    client = login(cast.worker)
    url = reverse("plans:grants", args=[cast.trajectory.pk])
    response = client.post(url, {"email": "nieuw@example.org"})
    assert "Dit veld is verplicht." in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "nieuw@example.org", "first_name": "Nina", "last_name": "Nieuw"})
    invited = User.objects.get(email="nieuw@example.org")
    assert not invited.has_usable_password()
    assert invited.has_role(Role.SUPERVISOR)
    assert "/wachtwoord/nieuw/" in mail.outbox[-1].body


def test_a_coach_grants_only_on_the_workers_request_and_it_is_recorded(cast, login):
    reader = UserFactory()
    client = login(cast.coach)
    url = reverse("plans:grants", args=[cast.trajectory.pk])
    response = client.post(url, {"email": reader.email, **NAMES})
    assert "als de werknemer erom vraagt" in response.content.decode()
    assert not PortfolioGrant.objects.filter(grantee=reader).exists()

    client.post(url, {"email": reader.email, "on_request_of_worker": "on", **NAMES})
    grant = PortfolioGrant.objects.get(grantee=reader)
    assert grant.on_request_of_worker and grant.granted_by == cast.coach


def test_revoking_closes_the_portfolio_at_once(cast, login):
    grant = cast.trajectory.grants.get(grantee=cast.supervisor)
    client = login(cast.supervisor)
    assert client.get(portfolio_urls(cast)[0]).status_code == 200

    worker = login(cast.worker)
    response = worker.post(reverse("plans:grant-revoke", args=[cast.trajectory.pk, grant.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == cast.worker

    client = login(cast.supervisor)
    for url in portfolio_urls(cast):
        assert client.get(url).status_code == 404
    assert "Sofie" not in client.get(reverse("plans:shared-portfolios")).content.decode()


def test_a_grant_that_ended_yesterday_answers_404(cast, login):
    grant = cast.trajectory.grants.get(grantee=cast.supervisor)
    client = login(cast.supervisor)
    assert client.get(portfolio_urls(cast)[1]).status_code == 200
    grant.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    grant.save(update_fields=["ends_on"])
    for url in portfolio_urls(cast):
        assert client.get(url).status_code == 404


def test_a_grant_that_has_not_started_opens_nothing_yet(cast, login):
    reader = UserFactory()
    login(cast.worker).post(
        reverse("plans:grants", args=[cast.trajectory.pk]),
        {
            "email": reader.email,
            **NAMES,
            "starts_on": timezone.localdate() + datetime.timedelta(days=3),
        },
    )
    assert PortfolioGrant.objects.filter(grantee=reader).exists()
    assert login(reader).get(portfolio_urls(cast)[0]).status_code == 404


def test_supervisor_sees_nothing_beyond_the_portfolio(cast, login):
    client = login(cast.supervisor)
    for url in [
        reverse("plans:trajectory", args=[cast.trajectory.pk]),
        reverse("plans:pop", args=[cast.pop.pk]),
        reverse("plans:pop-pdf", args=[cast.pop.pk]),
        reverse("plans:portfolio", args=[cast.other_trajectory.pk]),
        reverse("plans:grants", args=[cast.trajectory.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_each_supervisor_look_is_logged_and_shown_to_the_worker(cast, login):
    client = login(cast.supervisor)
    for url in portfolio_urls(cast):
        client.get(url)
    looks = AuditEvent.objects.filter(user=cast.supervisor, subject=cast.worker, verb="view")
    assert looks.count() == 3  # portfolio, growth and the comparison page
    assert set(looks.values_list("object_type", flat=True)) == {"plans.trajectory"}

    page = login(cast.worker).get(reverse("plans:who-looked")).content.decode()
    assert "Sam Supervisor" in page and "je portfolio" in page


def test_who_looked_lists_active_expiring_and_ended_grants(cast, login):
    expiring = UserFactory(first_name="Eva", last_name="Bijnaweg")
    PortfolioGrant.objects.create(
        trajectory=cast.trajectory,
        grantee=expiring,
        granted_by=cast.worker,
        ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    page = login(cast.worker).get(reverse("plans:who-looked")).content.decode()
    active = page.index('id="grants-active"')
    soon = page.index('id="grants-expiring"')
    ended = page.index('id="grants-ended"')
    assert active < page.index("Sam Supervisor") < soon < page.index("Eva Bijnaweg") < ended
    assert page.index(str(cast.revoked_supervisor)) > ended
    assert page.index(str(cast.expired_supervisor)) > ended


def test_outsiders_cannot_grant_or_revoke(cast, login):
    grant = cast.trajectory.grants.get(grantee=cast.supervisor)
    for outsider in (
        cast.other_worker,
        cast.other_coach,
        cast.trainer,
        cast.supervisor,
        cast.admin,
    ):
        client = login(outsider)
        assert (
            client.post(
                reverse("plans:grants", args=[cast.trajectory.pk]), {"email": "x@example.org"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("plans:grant-revoke", args=[cast.trajectory.pk, grant.pk])
            ).status_code
            == 404
        )
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_bad_dates_are_refused_in_dutch_and_nothing_is_saved(cast, login):
    reader = UserFactory()
    today = timezone.localdate()
    response = login(cast.worker).post(
        reverse("plans:grants", args=[cast.trajectory.pk]),
        {
            "email": reader.email,
            **NAMES,
            "starts_on": today + datetime.timedelta(days=10),
            "ends_on": today + datetime.timedelta(days=5),
        },
    )
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert not PortfolioGrant.objects.filter(grantee=reader).exists()
    assert not reader.memberships.exists()


def test_the_invitation_link_lets_the_supervisor_choose_a_password(
    cast, client, django_capture_on_commit_callbacks
):
    import re

    worker = client
    worker.force_login(cast.worker)
    with django_capture_on_commit_callbacks(execute=True):
        worker.post(
            reverse("plans:grants", args=[cast.trajectory.pk]),
            {"email": "lies@example.org", "first_name": "Lies", "last_name": "Lezer"},
        )
    worker.logout()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Een-sterk-wachtwoord-42", "new_password2": "Een-sterk-wachtwoord-42"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="lies@example.org").check_password("Een-sterk-wachtwoord-42")


def test_a_supervisor_does_not_see_worksheet_conclusions_on_the_portfolio(cast, login):
    from tests.methods.factories import worksheet

    sheet = worksheet(cast.trajectory)
    sheet.conclusion = "Uit het POP-gesprek: durft weinig te vragen"
    sheet.save()
    url = reverse("plans:portfolio", args=[cast.trajectory.pk])
    assert "durft weinig te vragen" not in login(cast.supervisor).get(url).content.decode()
    assert "durft weinig te vragen" in login(cast.worker).get(url).content.decode()


def test_the_grant_form_answers_the_same_with_or_without_an_account_and_shows_what_was_typed(
    cast, login
):
    """The worker must not learn whether an address has an account, nor its holder's
    name: the same answer either way, and the list shows the name as typed."""
    UserFactory(email="bestaat@example.org", first_name="Geheime", last_name="Accountnaam")
    client = login(cast.worker)
    url = reverse("plans:grants", args=[cast.trajectory.pk])
    for email in ("bestaat@example.org", "nieuw@example.org"):
        without_name = client.post(url, {"email": email}).content.decode()
        assert "Dit veld is verplicht." in without_name
        assert "kennen we" not in without_name
        typed = {"email": email, "first_name": "Rita", "last_name": "L."}
        page = client.post(url, typed, follow=True).content.decode()
        assert f"{email} kan nu je portfolio bekijken." in page
        again = client.post(url, typed, follow=True).content.decode()
        assert f"{email} heeft al inzage." in again
    page = client.get(url).content.decode()
    assert "Geheime" not in page and "Accountnaam" not in page
    assert page.count("Rita L.") >= 2
    who = client.get(reverse("plans:who-looked")).content.decode()
    assert "Geheime" not in who
