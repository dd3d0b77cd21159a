"""Planned talks get dates; a held contact moment ticks off its planned talk; the
next talk is the real next dated talk with the worker (issue 11 §2)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from methods import services
from methods.models import MomentKind, PlannedMoment
from plans.models import ContactKind, Phase, ProgressTalk, Trajectory
from tests.factories import ContactMomentFactory
from tests.methods.factories import PlannedMomentFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_planning_a_variant_proposes_dates_in_its_rhythm(cast):
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(variant="basis")
    cast.trajectory.refresh_from_db()
    moments = services.trajectory_plan_variant(trajectory=cast.trajectory, today=TODAY)
    talks = [m for m in moments if m.kind == MomentKind.CONTACT]
    assert talks[0].planned_on == days(7)
    assert [b.planned_on - a.planned_on for a, b in zip(talks, talks[1:], strict=False)] == [
        datetime.timedelta(weeks=3)
    ] * (len(talks) - 1)
    for interim in (m for m in moments if m.kind == MomentKind.INTERIM):
        before = max(t.planned_on for t in talks if t.position < interim.position)
        assert interim.planned_on == before + datetime.timedelta(days=10)


def test_a_more_intense_variant_plans_talks_closer_together(cast):
    assert services.proposed_dates(["contact", "contact"], "v3", TODAY) == [
        TODAY,
        days(14),
    ]
    assert services.proposed_dates(["contact", "interim", "contact"], "v1", TODAY) == [
        TODAY,
        days(14),
        days(28),
    ]


def test_the_coach_moves_a_proposed_date(cast, login):
    moment = PlannedMomentFactory(trajectory=cast.trajectory, planned_on=days(7))
    url = reverse("methods:moment-edit", args=[cast.trajectory.pk, moment.pk])
    form = login(cast.coach).get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "methods"}
    data.update({"planned_on": days(10).isoformat(), "questions": ["wie"]})
    response = login(cast.coach).post(url, data)
    assert response.status_code == 302
    moment.refresh_from_db()
    assert moment.planned_on == days(10)
    assert login(cast.other_coach).post(url, data).status_code == 404


def test_a_recorded_contact_moment_ticks_off_its_planned_talk(cast, login):
    first = PlannedMomentFactory(trajectory=cast.trajectory, number=0, planned_on=days(-3))
    interim = PlannedMomentFactory(
        trajectory=cast.trajectory, number=None, kind=MomentKind.INTERIM, planned_on=days(5)
    )
    second = PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(10))
    login(cast.coach).post(
        reverse("plans:contact-create", args=[cast.trajectory.pk]),
        {
            "date": days(-2).isoformat(),
            "phase": "opstart",
            "kind": "individual",
            "duration_minutes": 60,
        },
    )
    first.refresh_from_db()
    assert first.contact_moment is not None and first.planned_on == days(-2)
    ContactMomentFactory(trajectory=cast.trajectory, kind=ContactKind.INTERIM, date=days(6))
    interim.refresh_from_db()
    second.refresh_from_db()
    assert interim.contact_moment is not None and interim.planned_on == days(6)
    assert second.contact_moment is None


def test_next_talk_is_the_next_dated_talk_with_the_worker(cast, login):
    PlannedMomentFactory(trajectory=cast.trajectory, number=0, planned_on=days(-5))  # past
    PlannedMomentFactory(
        trajectory=cast.trajectory, number=None, kind=MomentKind.INTERIM, planned_on=days(2)
    )
    ContactMomentFactory(trajectory=cast.trajectory, kind=ContactKind.INTERIM, date=days(3))
    PlannedMoment.objects.filter(kind=MomentKind.INTERIM).update(contact_moment=None)
    PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(9), questions="kan")
    talk = services.next_talk(cast.trajectory, today=TODAY)
    assert (talk.day, talk.topic) == (days(9), "We praten over wat jij goed kan.")
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    block = page.split('id="next-talk"')[1].split("</section>")[0]
    assert "We praten over wat jij goed kan." in block

    ProgressTalk.objects.create(
        trajectory=cast.trajectory, planned_on=days(4), planned_by=cast.coach
    )
    assert services.next_talk(cast.trajectory, today=TODAY).day == days(4)
    coach_page = login(cast.coach).get(reverse("plans:coach-home")).content.decode()
    assert days(4).strftime("%d/%m/%Y") in coach_page


def test_no_next_talk_from_a_closed_trajectory(cast, login):
    PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(9))
    Trajectory.objects.filter(pk=cast.trajectory.pk).update(phase=Phase.AFGEROND)
    cast.trajectory.refresh_from_db()
    assert services.next_talk(cast.trajectory, today=TODAY) is None
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Ons volgende gesprek" not in page


def test_no_next_talk_without_a_date_ahead(cast, login):
    PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=None)
    PlannedMomentFactory(trajectory=cast.trajectory, number=2, planned_on=days(-1))
    assert services.next_talk(cast.trajectory, today=TODAY) is None
    page = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Ons volgende gesprek" not in page


def test_the_next_talk_is_the_first_of_the_upcoming_talks_on_every_day(cast):
    """next_talk reads in plain SQL what upcoming_talks reads with the ORM: the same
    talk, title, topic and length on each day of a mixed plan, ties on a day included."""
    trajectory = cast.trajectory
    # Held by the contact moment made next, which takes its topic.
    held = PlannedMomentFactory(
        trajectory=trajectory, number=1, planned_on=days(4), questions="kan"
    )
    contact = ContactMomentFactory(
        trajectory=trajectory, kind=ContactKind.INDIVIDUAL, date=days(4), duration_minutes=45
    )
    held.refresh_from_db()
    assert held.contact_moment == contact
    ContactMomentFactory(trajectory=trajectory, kind=ContactKind.INTERIM, date=days(3))
    ContactMomentFactory(trajectory=trajectory, kind=ContactKind.COLLECTIVE, date=days(6))
    PlannedMomentFactory(
        trajectory=trajectory, number=2, planned_on=days(2), questions="wil opties"
    )
    PlannedMomentFactory(trajectory=trajectory, number=3, planned_on=days(6))
    PlannedMomentFactory(
        trajectory=trajectory, number=None, kind=MomentKind.INTERIM, planned_on=days(1)
    )
    ProgressTalk.objects.create(trajectory=trajectory, planned_on=days(6), planned_by=cast.coach)
    ProgressTalk.objects.create(
        trajectory=trajectory, planned_on=days(1), planned_by=cast.coach, held_at=timezone.now()
    )
    ProgressTalk.objects.create(trajectory=trajectory, planned_on=days(8), planned_by=cast.coach)
    seen = set()
    for n in range(-1, 10):
        upcoming = services.upcoming_talks([trajectory], today=days(n), limit=None)
        talk = services.next_talk(trajectory, today=days(n))
        assert talk == (upcoming[0] if upcoming else None)
        seen.add(talk.uid.split("-")[0] if talk else None)
    assert seen == {"planned", "contact", "progress", None}
