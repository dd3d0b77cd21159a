"""Planning a variant's talks, changing them, and the worker's view of the next talk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from methods.models import PlannedMoment
from methods.services import next_planned_moment, trajectory_plan_variant
from tests.factories import ContactMomentFactory
from tests.methods.factories import PlannedMomentFactory, ensure_catalogue, shipped


def planned(trajectory) -> list[tuple]:
    return [
        (m.number, m.kind, m.phase) for m in trajectory.planned_moments.order_by("position", "pk")
    ]


def test_planning_the_basistraject_gives_moment_zero_to_four_and_the_interim(cast):
    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    assert planned(cast.trajectory) == [
        (0, "contact", "opstart"),
        (1, "contact", "analyse"),
        (None, "interim", "analyse"),
        (2, "contact", "analyse"),
        (3, "contact", "planning"),
        (4, "contact", "planning"),
    ]
    second = cast.trajectory.planned_moments.get(number=2)
    assert "Kwaliteitenspel" in {m.name for m in second.methods.all()}


def test_variant_four_has_six_talks_and_follows_the_trajectorys_variant(cast):
    cast.trajectory.variant = "v4"
    cast.trajectory.save(update_fields=["variant"])
    trajectory_plan_variant(trajectory=cast.trajectory)
    numbers = [n for n, kind, _ in planned(cast.trajectory) if kind == "contact"]
    assert numbers == [0, 1, 2, 3, 4, 5]


def test_replanning_keeps_talks_already_held(cast):
    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    held = cast.trajectory.planned_moments.get(number=0)
    held.contact_moment = ContactMomentFactory(trajectory=cast.trajectory)
    held.save()
    trajectory_plan_variant(trajectory=cast.trajectory, variant="v1")
    numbers = [n for n, kind, _ in planned(cast.trajectory) if kind == "contact"]
    assert numbers == [0, 1, 2]
    assert cast.trajectory.planned_moments.get(number=0).pk == held.pk


def test_next_talk_is_the_first_not_yet_held_in_plain_words(cast):
    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    zero = cast.trajectory.planned_moments.get(number=0)
    zero.contact_moment = ContactMomentFactory(trajectory=cast.trajectory)
    zero.save()
    talk = next_planned_moment(cast.trajectory)
    assert talk.number == 1
    assert talk.plain_topic() == "We praten over wie jij bent en wat jij graag wil."


def test_interim_consultation_is_explained_to_the_worker(cast):
    moment = PlannedMomentFactory(trajectory=cast.trajectory, kind="interim", number=None)
    assert "begeleider op de werkvloer" in moment.plain_topic()


def test_coach_plans_the_variant_through_the_page(cast, login):
    client = login(cast.coach)
    response = client.post(reverse("methods:plan-variant", args=[cast.trajectory.pk]))
    assert response.url == reverse("methods:plan", args=[cast.trajectory.pk])
    page = client.get(response.url).content.decode()
    assert "Contactmoment 0" in page and "Tussentijds overleg met de werkvloerbegeleider" in page
    assert "HAND-methodiek" in page


def test_coach_changes_adds_and_drops_a_planned_talk(cast, login):
    client = login(cast.coach)
    trajectory_plan_variant(trajectory=cast.trajectory, variant="v1")
    moment = cast.trajectory.planned_moments.get(number=2)
    response = client.post(
        reverse("methods:moment-edit", args=[cast.trajectory.pk, moment.pk]),
        {
            "position": moment.position,
            "number": 2,
            "kind": "contact",
            "phase": "planning",
            "questions": ["actieplan"],
            "goals": "Het actieplan afwerken",
            "methods": [shipped("smart").pk],
            "planned_on": "2026-12-01",
        },
    )
    assert response.status_code == 302
    moment.refresh_from_db()
    assert moment.questions == "actieplan" and str(moment.planned_on) == "2026-12-01"
    assert [m.code for m in moment.methods.all()] == ["smart"]

    client.post(
        reverse("methods:moment-create", args=[cast.trajectory.pk]),
        {"position": 100, "number": 3, "kind": "contact", "phase": "planning", "goals": "Extra"},
    )
    assert cast.trajectory.planned_moments.filter(number=3).exists()

    client.post(reverse("methods:moment-delete", args=[cast.trajectory.pk, moment.pk]))
    assert not PlannedMoment.objects.filter(pk=moment.pk).exists()


def test_planned_talk_cannot_link_another_trajectorys_contact_moment(cast, login):
    moment = PlannedMomentFactory(trajectory=cast.trajectory)
    foreign = ContactMomentFactory(trajectory=cast.other_trajectory)
    response = login(cast.coach).post(
        reverse("methods:moment-edit", args=[cast.trajectory.pk, moment.pk]),
        {
            "position": 10,
            "number": 1,
            "kind": "contact",
            "phase": "analyse",
            "contact_moment": foreign.pk,
        },
    )
    assert response.status_code == 200
    moment.refresh_from_db()
    assert moment.contact_moment is None


def test_outsider_cannot_see_or_change_the_plan(cast, login):
    moment = PlannedMomentFactory(trajectory=cast.trajectory)
    client = login(cast.other_coach)
    assert client.get(reverse("methods:plan", args=[cast.trajectory.pk])).status_code == 404
    response = client.post(reverse("methods:moment-delete", args=[cast.trajectory.pk, moment.pk]))
    assert response.status_code == 404
    assert PlannedMoment.objects.filter(pk=moment.pk).exists()
    other_moment = PlannedMomentFactory(trajectory=cast.other_trajectory)
    response = login(cast.coach).get(
        reverse("methods:moment-edit", args=[cast.trajectory.pk, other_moment.pk])
    )
    assert response.status_code == 404


def test_worker_home_shows_the_next_talk(cast, login):
    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Ons volgende gesprek" in page
    assert "kennismaken en uitleggen wat een POP is" in page


def test_trajectory_page_offers_planning_then_shows_the_next_talk(cast, login):
    client = login(cast.coach)
    url = reverse("plans:trajectory", args=[cast.trajectory.pk])
    assert "Gesprekken plannen volgens Basistraject" in client.get(url).content.decode()
    trajectory_plan_variant(trajectory=cast.trajectory)
    page = client.get(url).content.decode()
    assert "Volgend gepland gesprek" in page and "Contactmoment 0" in page
    assert "Gesprekken plannen volgens" not in page


def test_a_suggested_method_opens_a_worksheet_for_the_talk_held(cast, login):
    from tests.methods.factories import shipped

    contact = ContactMomentFactory(trajectory=cast.trajectory)
    moment = PlannedMomentFactory(trajectory=cast.trajectory, contact_moment=contact)
    moment.methods.set([shipped("hand")])
    client = login(cast.coach)
    page = client.get(reverse("methods:plan", args=[cast.trajectory.pk])).content.decode()
    link = (
        reverse("methods:worksheet-create", args=[cast.trajectory.pk])
        + f"?methode={shipped('hand').pk}&amp;contact={contact.pk}"
    )
    assert link in page
    form = client.get(link.replace("&amp;", "&")).context["form"]
    assert form.initial == {"method": shipped("hand").pk, "contact_moment": contact.pk}


def test_a_new_trajectory_gets_its_variants_talks_planned_at_once(cast, login):
    from popsite.accounts.models import Role
    from tests.factories import member

    newcomer = member(cast.organisation, Role.WORKER)
    login(cast.coach).post(
        reverse("plans:trajectory-create"),
        {"worker": newcomer.memberships.get().pk, "reflection_level": "low", "intensity": "high"},
    )
    trajectory = newcomer.trajectories.get()
    assert trajectory.variant == "v4"
    numbers = [
        m.number for m in trajectory.planned_moments.exclude(number=None).order_by("position")
    ]
    assert numbers[0] == 0 and len(numbers) >= 6


def test_variant_one_plans_its_homework_between_the_talks_in_plain_words(cast, login):
    cast.trajectory.variant = "v1"
    cast.trajectory.save(update_fields=["variant"])
    trajectory_plan_variant(trajectory=cast.trajectory)
    assert [kind for _, kind, _ in planned(cast.trajectory)] == [
        "contact",
        "homework",
        "interim",
        "contact",
        "homework",
        "contact",
    ]
    homework = cast.trajectory.planned_moments.filter(kind="homework").order_by("position")
    assert "Droompagina" in {m.name for m in homework[1].methods.all()}
    page = login(cast.coach).get(reverse("methods:plan", args=[cast.trajectory.pk])).content
    assert "Tussentijds: eventueel huiswerk" in page.decode()
    assert homework[0].plain_topic().startswith("Huiswerk:")


@pytest.mark.django_db(transaction=True)
def test_a_contact_moment_saved_outside_a_transaction_ticks_off_its_talk(cast):
    """Not every save runs in a request's transaction (a script, the shell): the
    tick-off takes its own, which PostgreSQL needs for its row lock."""
    ensure_catalogue()  # a transactional test starts without the shipped catalogue
    trajectory_plan_variant(trajectory=cast.trajectory, variant="basis")
    contact = ContactMomentFactory(trajectory=cast.trajectory)
    assert PlannedMoment.objects.filter(contact_moment=contact).exists()
