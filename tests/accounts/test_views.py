import pytest
from django.urls import reverse

from popsite.accounts.models import Membership, Role
from popsite.accounts.second_factor import second_factor_required
from tests.factories import PASSWORD, totp_code, totp_device


@pytest.mark.parametrize(
    ("person", "home"),
    [
        ("coach", "plans:coach-home"),
        ("worker", "plans:worker-home"),
        ("trainer", "plans:trainer-home"),
        ("ambassador", "plans:ambassador-home"),
        ("admin", "accounts:admin-home"),
        ("registrar", "registration:export"),
        ("supervisor", "plans:shared-portfolios"),
        ("floor_supervisor", "methods:to-rate"),
    ],
)
def test_each_role_lands_on_its_own_home_page(cast, client, person, home):
    user = cast.by_name(person)
    app = totp_device(user) if second_factor_required(user) else None
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}, follow=True
    )
    if app is not None:  # staff give the code from their app first
        verify = reverse("accounts:second-factor-verify")
        assert response.redirect_chain[-1][0] == f"{verify}?next=%2F"
        response = client.post(verify, {"code": totp_code(app), "next": "/"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200


def test_a_person_with_several_roles_lands_as_coach_and_sees_both_menus(cast, login):
    Membership.objects.create(user=cast.coach, organisation=cast.organisation, role=Role.WORKER)
    client = login(cast.coach)
    assert client.get(reverse("accounts:home")).url == reverse("plans:coach-home")
    content = client.get(reverse("plans:coach-home")).content.decode()
    assert reverse("plans:worker-home") in content


def test_wrong_password_gets_a_dutch_message(cast, client):
    response = client.post(reverse("login"), {"username": cast.coach.email, "password": "fout"})
    assert "De inlognaam of het wachtwoord klopt niet." in response.content.decode()


def test_admin_home_lists_all_organisations(cast, login):
    content = login(cast.admin).get(reverse("accounts:admin-home")).content.decode()
    assert "Groene Keuken" in content and "Andere Werkplaats" in content
