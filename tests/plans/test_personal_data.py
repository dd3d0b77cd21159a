import io
import json
import zipfile

from django.urls import reverse

from popsite.accounts.models import AuditEvent
from tests.factories import ActionFactory, SummaryItemFactory


def test_worker_downloads_all_their_data_as_json_and_readable_pdf(cast, login):
    SummaryItemFactory(pop=cast.pop, text="Ik wil bakker worden")
    ActionFactory(pop=cast.pop, description="Stage lopen bij de bakker")
    response = login(cast.worker).get(reverse("plans:my-data"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    data = json.loads(archive.read("mijn-gegevens.json"))
    assert data["persoon"]["achternaam"] == "Van der Berghe"
    assert data["pop_versies"][0]["samenvatting"][0]["tekst"] == "Ik wil bakker worden"
    assert data["pop_versies"][0]["acties"][0]["actie"] == "Stage lopen bij de bakker"
    assert data["registratie"] == {"toestemmingen": [], "opleidingen": []}
    assert {"voortgangsgesprekken", "inzage_in_portfolio", "teammatrix"} <= set(data)
    assert str(cast.supervisor) in {g["wie"] for g in data["inzage_in_portfolio"]}
    pdfs = [n for n in names if n.startswith("pop/") and n.endswith(".pdf")]
    assert len(pdfs) == 1 and archive.read(pdfs[0]).startswith(b"%PDF")


def test_the_download_holds_nothing_of_another_worker(cast, login):
    SummaryItemFactory(pop=cast.other_trajectory.pop_versions.get(), text="Geheim van een ander")
    response = login(cast.worker).get(reverse("plans:my-data"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "Geheim van een ander" not in archive.read("mijn-gegevens.json").decode()


def test_worker_sees_who_looked_at_their_pop_but_not_their_own_looks(cast, login):
    login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    login(cast.worker).get(reverse("plans:pop-pdf", args=[cast.pop.pk]))
    content = login(cast.worker).get(reverse("plans:who-looked")).content.decode()
    assert "Kathleen Janssens" in content and "bekeken" in content
    assert content.count('<li class="mb-2">') == 1
    assert AuditEvent.objects.filter(subject=cast.worker).count() == 2
