from django.test import Client
from django.urls import reverse


def test_404_is_dutch_and_names_nothing_of_the_object(cast, login):
    response = login(cast.other_coach).get(reverse("plans:pop", args=[cast.pop.pk]))
    content = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in content
    assert "Van der Berghe" not in content


def test_500_page_shows_no_personal_data_or_traceback(cast, settings, monkeypatch):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError(f"kapot voor {cast.worker.email}")

    monkeypatch.setattr("plans.views.selectors.coach_trajectories", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.coach)
    response = client.get(reverse("plans:coach-home"))
    content = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in content
    assert cast.worker.email not in content and "Traceback" not in content


def test_a_post_too_big_to_read_gets_a_dutch_page_and_saves_nothing(cast, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(cast.coach)
    url = reverse("plans:contact-create", args=[cast.trajectory.pk])
    response = client.post(url, {"date": "2026-11-02", "notes": "x" * 3_000_000})
    assert response.status_code == 400
    assert "Dit konden we niet bewaren" in response.content.decode()
    assert not cast.trajectory.contact_moments.exists()
