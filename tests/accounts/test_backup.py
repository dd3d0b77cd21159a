from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans.models import Action, PopVersion
from popsite.accounts.models import AuditEvent, User
from tests.factories import ActionFactory, SummaryItemFactory


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "password")),
        "pops": sorted(
            PopVersion.objects.values_list("trajectory__worker__email", "number", "agreed_at")
        ),
        "actions": sorted(Action.objects.values_list("description", "deadline", "expected_result")),
        "audit": sorted(AuditEvent.objects.values_list("verb", "object_type", "object_id", "at")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_gives_the_same_pops_files_and_audit_log(tmp_path, settings, client):
    from tests.conftest import make_cast

    settings.MEDIA_ROOT = tmp_path / "media"
    cast = make_cast()
    SummaryItemFactory(pop=cast.pop, text="Ik wil bakker worden")
    ActionFactory(pop=cast.pop, description="Stage bij de bakker")
    client.force_login(cast.coach)
    client.get(reverse("plans:pop", args=[cast.pop.pk]))
    stored = default_storage.save("toestemming/scan.pdf", ContentFile(b"%PDF-1.4 scan"))
    before = snapshot()

    call_command("backup_site", str(tmp_path / "backup"))
    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(stored)
    assert not User.objects.exists()

    call_command("restore_site", str(tmp_path / "backup"))
    assert snapshot() == before
    assert Path(settings.MEDIA_ROOT, stored).read_bytes() == b"%PDF-1.4 scan"


def test_restore_refuses_a_database_that_is_not_empty(cast, tmp_path):
    call_command("backup_site", str(tmp_path))
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore_site", str(tmp_path))
