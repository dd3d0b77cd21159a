from base64 import b32decode
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp

from plans.models import Phase, PopVersion, Trajectory
from popsite.accounts.models import Organisation, Role, User
from popsite.demo.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


def test_demo_has_every_role_and_phase_and_runs_twice_without_duplicates(db, capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert Organisation.objects.count() == 1
    roles = set(User.objects.values_list("memberships__role", flat=True))
    assert {r.value for r in Role} <= roles
    assert User.objects.filter(is_staff=True).exists()
    assert {p.value for p in Phase} <= set(Trajectory.objects.values_list("phase", flat=True))
    assert PopVersion.objects.filter(agreed_at__isnull=False).exists()
    assert PopVersion.objects.filter(is_follow_up=True, agreed_at__isnull=True).exists()
    from methods.models import PlannedMoment, Worksheet
    from registration.models import Consent, Training

    assert Worksheet.objects.filter(method__code="hand").exists()
    assert PlannedMoment.objects.exists()
    assert Consent.objects.get().is_complete
    assert Training.objects.get().attendances.filter(present=True).exists()
    output = capsys.readouterr().out
    assert "Demodata zijn al geladen." in output and "coach@demo.be" in output
    assert User.objects.get(login_name="yusuf.aydin").email is None


def test_the_demo_admin_logs_in_with_the_code_from_the_key_in_the_readme(db, client):
    call_command("load_demo")
    assert DEMO_TOTP_SECRET in (Path(__file__).parents[2] / "README.md").read_text()
    client.post(reverse("login"), {"username": "admin@demo.be", "password": DEMO_PASSWORD})
    home = reverse("accounts:admin-home")
    assert client.get(home)["Location"].startswith(reverse("accounts:second-factor-verify"))
    code = f"{totp(b32decode(DEMO_TOTP_SECRET)):06d}"
    client.post(reverse("accounts:second-factor-verify"), {"code": code})
    assert client.get(home).status_code == 200
