"""Progress talks (seed 004): plan, prepare a week before, record, draft the next POP."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from plans.models import ProgressTalk
from tests.factories import ActionFactory
from tests.plans.factories import agree, talk


def test_coach_plans_a_talk_at_least_a_week_ahead(cast, login):
    client = login(cast.coach)
    url = reverse("plans:talk-create", args=[cast.trajectory.pk])
    soon = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(url, {"planned_on": soon.isoformat()})
    assert "minstens 7 dagen vooruit" in response.content.decode()
    assert not ProgressTalk.objects.exists()
    later = timezone.localdate() + datetime.timedelta(days=14)
    response = client.post(url, {"planned_on": later.isoformat()})
    found = ProgressTalk.objects.get()
    assert response["Location"] == reverse("plans:talk", args=[found.pk])
    assert found.preparation_due_on == later - datetime.timedelta(days=7)


def test_worker_prepares_and_the_coach_sees_it_is_in(cast, login):
    found = talk(cast.trajectory)
    coach = login(cast.coach)
    page = coach.get(reverse("plans:trajectory", args=[cast.trajectory.pk])).content.decode()
    assert "voorbereiding nog niet binnen" in page

    worker = login(cast.worker)
    home = worker.get(reverse("plans:worker-home")).content.decode()
    assert reverse("plans:talk-prepare", args=[found.pk]) in home
    response = worker.post(
        reverse("plans:talk-prepare", args=[found.pk]),
        {
            "self_reflection": "Het ging beter dan gedacht.",
            "strengths_weaknesses": "Sterk: stipt. Zwak: vragen stellen.",
            "agenda_points": "Mijn uurrooster",
            "draft_goals": "Vragen stellen als ik iets niet snap",
        },
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.is_prepared
    coach = login(cast.coach)
    page = coach.get(reverse("plans:trajectory", args=[cast.trajectory.pk])).content.decode()
    assert "voorbereiding binnen" in page
    detail = coach.get(reverse("plans:talk", args=[found.pk])).content.decode()
    assert "Mijn uurrooster" in detail


def test_an_empty_preparation_is_refused(cast, login):
    found = talk(cast.trajectory)
    response = login(cast.worker).post(
        reverse("plans:talk-prepare", args=[found.pk]),
        {
            "self_reflection": " ",
            "strengths_weaknesses": "",
            "agenda_points": "",
            "draft_goals": "",
        },
    )
    assert "Vul minstens één vraag in." in response.content.decode()
    found.refresh_from_db()
    assert not found.is_prepared


def test_coach_notes_are_not_shown_to_the_worker(cast, login):
    found = talk(cast.trajectory)
    login(cast.coach).post(
        reverse("plans:talk-notes", args=[found.pk]), {"coach_notes": "Doorvragen over stress"}
    )
    assert (
        "Doorvragen over stress"
        in login(cast.coach).get(reverse("plans:talk", args=[found.pk])).content.decode()
    )
    assert (
        "Doorvragen over stress"
        not in login(cast.worker).get(reverse("plans:talk", args=[found.pk])).content.decode()
    )
    assert login(cast.worker).get(reverse("plans:talk-notes", args=[found.pk])).status_code == 404


def test_the_record_becomes_a_new_pop_version_in_one_step(cast, login):
    ActionFactory(pop=cast.pop, description="Attest halen", progress=5)
    agree(cast.pop)
    found = talk(cast.trajectory, days_ahead=0)
    client = login(cast.coach)
    client.post(
        reverse("plans:talk-record", args=[found.pk]),
        {
            "agenda": "Terugblik, doelen",
            "look_back": "Het attest is behaald.",
            "record_strengths": "Stipt en vriendelijk.",
            "competence_levels": "Samenwerken 3 → 4",
            "learning_climate": "Goede ploeg.",
            "next_goals": "Zelfstandig de machine instellen\nEen collega inwerken\n",
        },
    )
    response = client.post(reverse("plans:talk-draft-pop", args=[found.pk]))
    found.refresh_from_db()
    pop = found.pop
    assert response["Location"] == reverse("plans:pop", args=[pop.pk])
    assert pop.number == 2 and pop.is_follow_up and not pop.is_agreed
    assert [g.goal for g in pop.goals.all()] == [
        "Zelfstandig de machine instellen",
        "Een collega inwerken",
    ]
    assert pop.reflection.goals_reached == "Het attest is behaald."
    # How the guidance helped and the roles are for worker and coach to write, not a copy
    # of the talk's strengths or learning climate.
    assert (pop.reflection.guidance_helped, pop.reflection.roles) == ("", "")
    assert pop.evaluations.count() == 1
    again = client.post(reverse("plans:talk-draft-pop", args=[found.pk]), follow=True)
    assert "al een nieuwe POP-versie gemaakt" in again.content.decode()
    assert cast.trajectory.pop_versions.count() == 2


def test_drafting_needs_a_record_with_goals(cast, login):
    agree(cast.pop)
    found = talk(cast.trajectory, days_ahead=0, held_at=timezone.now())
    response = login(cast.coach).post(reverse("plans:talk-draft-pop", args=[found.pk]), follow=True)
    assert "minstens één doel" in response.content.decode()
    assert cast.trajectory.pop_versions.count() == 1


def test_outsiders_do_not_see_talks(cast, login):
    found = talk(cast.trajectory)
    for outsider in (cast.other_coach, cast.other_worker, cast.trainer, cast.supervisor):
        assert login(outsider).get(reverse("plans:talk", args=[found.pk])).status_code == 404


RECORD = {
    "agenda": "Terugblik",
    "look_back": "Goed gewerkt.",
    "record_strengths": "",
    "competence_levels": "",
    "learning_climate": "",
    "next_goals": "Een collega inwerken",
}


def test_no_report_before_the_day_of_the_talk(cast, login):
    found = talk(cast.trajectory, days_ahead=1)
    client = login(cast.coach)
    detail = client.get(reverse("plans:talk", args=[found.pk])).content.decode()
    assert "vanaf de dag van het gesprek" in detail
    assert reverse("plans:talk-record", args=[found.pk]) not in detail
    url = reverse("plans:talk-record", args=[found.pk])
    response = client.post(url, RECORD, follow=True)
    assert "Het verslag kan pas vanaf de dag van het gesprek" in response.content.decode()
    found.refresh_from_db()
    assert found.held_at is None and found.look_back == ""
    assert client.get(url).status_code == 302
    # From the day itself on, the report can be written.
    ProgressTalk.objects.filter(pk=found.pk).update(planned_on=timezone.localdate())
    assert client.post(url, RECORD).status_code == 302
    found.refresh_from_db()
    assert found.held_at is not None and found.look_back == "Goed gewerkt."


def test_the_report_starts_from_the_workers_preparation(cast, login):
    found = talk(
        cast.trajectory,
        days_ahead=0,
        agenda_points="Mijn uurrooster",
        draft_goals="Vragen stellen\nDe heftruck leren",
        self_reflection="Ik durf meer te vragen",
        prepared_at=timezone.now(),
    )
    client = login(cast.coach)
    response = client.get(reverse("plans:talk-record", args=[found.pk]))
    assert "Ik durf meer te vragen" in response.content.decode()  # the rest, to read
    form = response.context["form"]
    assert form["agenda"].value() == "Mijn uurrooster"
    assert form["next_goals"].value() == "Vragen stellen\nDe heftruck leren"
    assert form["look_back"].value() == ""
    # What the coach already wrote is never replaced by the preparation.
    client.post(reverse("plans:talk-record", args=[found.pk]), RECORD)
    form = client.get(reverse("plans:talk-record", args=[found.pk])).context["form"]
    assert form["agenda"].value() == "Terugblik"
    assert form["next_goals"].value() == "Een collega inwerken"
