"""No lost work: a stale save is refused, and a failure half way saves nothing."""

import re
import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from plans import services
from plans.models import Action, PopVersion
from popsite.accounts.models import Membership, Role
from tests.factories import ActionFactory, agreeable_pop, confirm
from tests.plans.test_views import action_data


def loaded_version(client, url) -> str:
    return re.search(r'name="lock_version" value="(\d+)"', client.get(url).content.decode()).group(
        1
    )


@pytest.fixture
def second_coach(cast):
    Membership.objects.create(
        user=cast.other_coach, organisation=cast.organisation, role=Role.COACH
    )
    cast.trajectory.coaches.add(cast.other_coach)
    return cast.other_coach


def test_second_save_on_the_same_version_is_refused_and_shows_what_changed(cast, second_coach):
    action = ActionFactory(pop=cast.pop, description="Oud")
    url = reverse("plans:action-edit", args=[cast.pop.pk, action.pk])
    first, second = Client(), Client()
    first.force_login(cast.coach)
    second.force_login(second_coach)
    version = loaded_version(first, url)
    assert loaded_version(second, url) == version

    response = first.post(url, {**action_data(description="Van Kathleen"), "lock_version": version})
    assert response.status_code == 302
    response = second.post(
        url, {**action_data(description="Van de tweede coach"), "lock_version": version}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "gewijzigd terwijl jij aan het werk was" in content
    assert "Kathleen Janssens" in content
    assert "Zo staat het nu in de POP" in content and "Van Kathleen" in content
    assert "Van de tweede coach" in content  # what they typed is still in the form
    action.refresh_from_db()
    assert action.description == "Van Kathleen"


def test_the_refused_editor_can_save_after_seeing_the_current_version(cast, second_coach):
    action = ActionFactory(pop=cast.pop)
    url = reverse("plans:action-edit", args=[cast.pop.pk, action.pk])
    client = Client()
    client.force_login(second_coach)
    stale = loaded_version(client, url)
    services.pop_mark_changed(cast.pop, by=cast.coach)
    response = client.post(url, {**action_data(description="Tweede poging"), "lock_version": stale})
    fresh = re.search(r'name="lock_version" value="(\d+)"', response.content.decode()).group(1)
    response = client.post(url, {**action_data(description="Tweede poging"), "lock_version": fresh})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Tweede poging"


def test_delete_on_a_stale_version_is_refused(cast, login):
    action = ActionFactory(pop=cast.pop)
    client = login(cast.coach)
    stale = PopVersion.objects.get(pk=cast.pop.pk).lock_version
    services.pop_mark_changed(cast.pop, by=cast.coach)
    url = reverse("plans:part-delete", args=[cast.pop.pk, "action", action.pk])
    response = client.post(url, {"lock_version": stale}, follow=True)
    assert "Je wijziging is niet opgeslagen" in response.content.decode()
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_failure_half_way_a_revision_saves_nothing(cast):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    pop = confirm(cast.pop, cast.coach)
    real_save = Action.save
    calls = []

    def fail_on_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise RuntimeError("schijf vol")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(Action, "save", fail_on_second), pytest.raises(RuntimeError):
        services.pop_revise(pop=pop)
    assert PopVersion.objects.filter(trajectory=cast.trajectory).count() == 1
    assert Action.objects.count() == 2


def test_a_failure_after_the_form_saved_leaves_the_pop_as_it_was(cast, login):
    client = login(cast.coach)
    with (
        mock.patch("plans.services.pop_mark_changed", side_effect=RuntimeError("weg")),
        pytest.raises(RuntimeError),
    ):
        client.post(reverse("plans:action-create", args=[cast.pop.pk]), action_data())
    assert not Action.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql_let_exactly_one_through():
    from tests.conftest import make_cast

    cast = make_cast()
    Membership.objects.create(
        user=cast.other_coach, organisation=cast.organisation, role=Role.COACH
    )
    cast.trajectory.coaches.add(cast.other_coach)
    action = ActionFactory(pop=cast.pop)
    url = reverse("plans:action-edit", args=[cast.pop.pk, action.pk])
    version = PopVersion.objects.get(pk=cast.pop.pk).lock_version
    start = threading.Barrier(2)
    statuses = []

    def save(user, text):
        client = Client()
        client.force_login(user)
        start.wait()
        response = client.post(url, {**action_data(description=text), "lock_version": version})
        statuses.append(response.status_code)
        connection.close()

    threads = [
        threading.Thread(target=save, args=(cast.coach, "A")),
        threading.Thread(target=save, args=(cast.other_coach, "B")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]
    assert PopVersion.objects.get(pk=cast.pop.pk).lock_version == version + 1


def test_an_edit_racing_the_final_agreement_is_refused_and_the_agreement_stays(cast, login):
    agreeable_pop(cast.pop)
    client = login(cast.coach)
    url = reverse("plans:overall-goal", args=[cast.pop.pk])
    version = loaded_version(client, reverse("plans:pop", args=[cast.pop.pk]))
    # The page was loaded, then both confirmed before the coach pressed save.
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    stale = PopVersion.objects.get(pk=cast.pop.pk)
    stale.agreed_at = None  # what the editing request still holds in memory
    with pytest.raises(services.ConcurrentChangeError, match="intussen afgesproken"):
        services.pop_mark_changed(stale, by=cast.coach)
    client.post(url, {"overall_goal": "Te laat", "lock_version": version})
    pop = PopVersion.objects.get(pk=cast.pop.pk)
    assert pop.is_agreed and pop.overall_goal != "Te laat"


def test_a_confirmation_makes_an_open_editor_page_stale(cast, login):
    agreeable_pop(cast.pop)
    client = login(cast.coach)
    version = loaded_version(client, reverse("plans:pop", args=[cast.pop.pk]))
    confirm(cast.pop, cast.worker)
    response = client.post(
        reverse("plans:overall-goal", args=[cast.pop.pk]),
        {"overall_goal": "Nieuw", "lock_version": version},
    )
    assert "gewijzigd terwijl jij aan het werk was" in response.content.decode()
    assert PopVersion.objects.get(pk=cast.pop.pk).worker_agreed_at is not None


def test_a_tampered_evaluation_form_count_or_foreign_id_does_not_break_the_page(cast, login):
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    own = list(follow_up.evaluations.all())
    data = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2"}
    for i, evaluation in enumerate(own):
        data |= {f"form-{i}-id": evaluation.pk, f"form-{i}-score": "3"}
    data |= {"form-2-id": "999999", "form-2-score": "5", "form-2-carry_over": "on"}
    response = login(cast.coach).post(reverse("plans:evaluations", args=[follow_up.pk]), data)
    assert response.status_code in (200, 302)
    assert not follow_up.actions.exists()


def agreed_pop(cast) -> PopVersion:
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    return cast.pop


def new_version_url(cast, what: str) -> str:
    if what == "revise":
        return reverse("plans:pop-revise", args=[cast.pop.pk])
    return reverse("plans:follow-up-start", args=[cast.trajectory.pk])


@pytest.mark.parametrize("what", ["revise", "follow-up"])
def test_a_double_click_on_new_version_makes_one_and_says_so(cast, login, what):
    agreed_pop(cast)
    client = login(cast.coach)
    url = new_version_url(cast, what)
    assert client.post(url).status_code == 302
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Er loopt al een versie die nog niet is afgesproken" in response.content.decode()
    assert PopVersion.objects.filter(trajectory=cast.trajectory).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real row locks")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["revise", "follow-up"])
def test_simultaneous_new_version_clicks_on_postgresql_make_one(what):
    from tests.conftest import make_cast

    cast = make_cast()
    agreed_pop(cast)
    url = new_version_url(cast, what)
    start = threading.Barrier(4)
    statuses = []

    def click():
        client = Client()
        client.force_login(cast.coach)
        start.wait()
        statuses.append(client.post(url).status_code)
        connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 4  # every click answered with a page, none with a 500
    assert PopVersion.objects.filter(trajectory=cast.trajectory).count() == 2
