"""The coach home's rows, read in two queries, say what the per-row annotations said;
their actions serve the page's reminders too."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from methods import services
from methods.models import MomentKind
from plans import selectors
from plans.models import ContactKind, Phase, ProgressTalk, Trajectory
from plans.portfolio.reminders import reminders_of
from plans.rules import coached_ids
from popsite.accounts.models import Role, User
from tests.factories import (
    ActionFactory,
    ContactMomentFactory,
    PopVersionFactory,
    TrajectoryFactory,
    member,
)
from tests.methods.factories import PlannedMomentFactory

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


COMPARED = (
    "pk",
    "url",
    "worker",
    "organisation",
    "phase",
    "last_contact",
    "next_contact",
    "overdue_actions",
    "generic_actions",
    "technical_actions",
)


def as_annotated(coach: User) -> list[tuple]:
    """The rows as the page read them before: with_overview, and the next talk one
    trajectory at a time."""
    trajectories = list(
        Trajectory.objects.filter(pk__in=coached_ids(coach))
        .exclude(phase=Phase.AFGEROND)
        .select_related("worker", "organisation")
        .with_overview()
    )
    return [
        (
            t.pk,
            reverse("plans:trajectory", args=[t.pk]),
            str(t.worker),
            str(t.organisation),
            t.get_phase_display(),
            t.last_contact,
            getattr(services.next_talk(t), "day", None),
            t.overdue_actions,
            t.generic_actions,
            t.technical_actions,
        )
        for t in trajectories
    ]


def varied_trajectories(cast) -> None:
    """Two POP versions (only the latest counts), actions late, done and of both kinds,
    contacts past and ahead (an interim one never counts as a talk), planned and
    progress talks, a worker known only by a login name, a closed trajectory."""
    trajectory = cast.trajectory
    ActionFactory(pop=cast.pop, competence="technical", deadline=days(-30))
    newer = PopVersionFactory(trajectory=trajectory, number=cast.pop.number + 1, previous=cast.pop)
    ActionFactory(pop=newer, competence="generic", deadline=days(-2))
    ActionFactory(pop=newer, competence="generic", deadline=days(-2), progress=5)
    ActionFactory(pop=newer, competence="generic", deadline=days(3))
    ContactMomentFactory(trajectory=trajectory, date=days(-10))
    ContactMomentFactory(trajectory=trajectory, date=days(-3))
    ContactMomentFactory(trajectory=trajectory, date=days(6))
    ContactMomentFactory(trajectory=trajectory, kind=ContactKind.INTERIM, date=days(1))
    PlannedMomentFactory(trajectory=trajectory, number=1, planned_on=days(8))
    ProgressTalk.objects.create(trajectory=trajectory, planned_on=days(5), planned_by=cast.coach)

    nameless = member(
        cast.organisation, Role.WORKER, first_name="", last_name="", email=None, login_name="w.17"
    )
    second = TrajectoryFactory(
        organisation=cast.organisation, worker=nameless, coaches=[cast.coach], phase="uitvoeren"
    )
    pop = PopVersionFactory(trajectory=second, number=1)
    ActionFactory(pop=pop, competence="technical", deadline=days(-1), progress=4)
    PlannedMomentFactory(trajectory=second, number=2, planned_on=days(2))
    PlannedMomentFactory(
        trajectory=second, number=None, kind=MomentKind.INTERIM, planned_on=days(1)
    )

    TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])  # no POP yet
    closed = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
    Trajectory.objects.filter(pk=closed.pk).update(phase=Phase.AFGEROND)


def test_rows_say_what_the_annotations_said(cast):
    varied_trajectories(cast)
    rows = selectors.coach_trajectories(cast.coach).rows
    assert [tuple(row[key] for key in COMPARED) for row in rows] == as_annotated(cast.coach)
    assert len(rows) == 3
    for row in rows:
        for day in ("last_contact", "next_contact"):
            assert row[f"{day}_shown"] == (row[day].strftime("%d/%m/%Y") if row[day] else "")
    by_worker = {row["worker"]: row for row in rows}
    sofie = by_worker["Sofie Van der Berghe"]
    assert (sofie["last_contact"], sofie["next_contact"]) == (days(-3), days(5))
    counts = (sofie["overdue_actions"], sofie["generic_actions"], sofie["technical_actions"])
    assert counts == (1, 3, 0)
    assert by_worker["w.17"]["next_contact"] == days(2)
    assert by_worker["w.17"]["phase"] == "Uitvoeren"


def test_the_page_shows_each_row(cast, login):
    varied_trajectories(cast)
    page = login(cast.coach).get(reverse("plans:coach-home")).content.decode()
    url = reverse("plans:trajectory", args=[cast.trajectory.pk])
    row = page.split(f'<a href="{url}">')[1].split("</tr>")[0]
    assert row.startswith("Sofie Van der Berghe</a>")
    assert "Groene Keuken" in row
    assert days(-3).strftime("%d/%m/%Y") in row and days(5).strftime("%d/%m/%Y") in row
    assert 'text-bg-danger">1<' in row
    assert "geen technische actie" in row and "geen generieke actie" not in row
    assert ">w.17</a>" in page
    for trajectory in Trajectory.objects.all():
        link = f'<a href="{reverse("plans:trajectory", args=[trajectory.pk])}">'
        shown = trajectory.phase != Phase.AFGEROND and cast.coach in trajectory.coaches.all()
        assert (link in page) == shown


def reminding_trajectories(cast) -> None:
    """Besides the coach home's rows, what the coach's reminders also read: a trajectory
    of their own as a worker, one they are linked to where they are no coach, a closed
    one with a talk ahead; more actions due than a home shows (some the same day), one
    done, one without a deadline, one of an older version."""
    varied_trajectories(cast)
    latest = cast.trajectory.pop_versions.order_by("number").last()
    for n in range(8):
        ActionFactory(pop=latest, description=f"Eerder {n}", deadline=days(n // 2 - 3))
    ActionFactory(pop=latest, deadline=days(1), progress=5)
    ActionFactory(pop=latest, deadline=None)
    older = cast.other_trajectory.pop_versions.get()
    ActionFactory(pop=older, description="Oud", deadline=days(1))
    newer = PopVersionFactory(trajectory=cast.other_trajectory, number=2, previous=older)
    ActionFactory(pop=newer, description="Elders", deadline=days(2))
    cast.other_trajectory.coaches.add(cast.coach)
    cast.coach.memberships.create(organisation=cast.other_organisation, role=Role.WORKER)
    own = TrajectoryFactory(organisation=cast.other_organisation, worker=cast.coach)
    ActionFactory(pop=PopVersionFactory(trajectory=own, number=1), deadline=days(-1))
    closed = Trajectory.objects.get(phase=Phase.AFGEROND, coaches=cast.coach)
    ActionFactory(pop=PopVersionFactory(trajectory=closed, number=1), deadline=days(1))
    ProgressTalk.objects.create(trajectory=closed, planned_on=days(4), planned_by=cast.coach)


def reading_actions(captured: CaptureQueriesContext) -> int:
    """How many queries read the actions table: the ORM quotes its name, the reminders'
    plain SQL does not."""
    return sum(
        bool(re.search(r'FROM "?plans_action\b', q["sql"])) for q in captured.captured_queries
    )


def test_the_reminders_take_the_rows_actions_and_say_what_they_read_themselves(cast):
    reminding_trajectories(cast)
    coach = User.objects.get(pk=cast.coach.pk)
    known = selectors.coach_trajectories(coach).latest_actions
    for limit in (6, None):
        read = reminders_of(coach, limit=limit)
        assert reminders_of(coach, limit=limit, known=known) == read
    # 13 actions due (one elsewhere, one their own), two talks, two preparations late.
    assert read.total == 17
    texts = [r.text for r in read.shown]
    assert any("'Elders'" in text for text in texts) and not any("'Oud'" in t for t in texts)
    assert any(text.startswith("Je actie") for text in texts)


def test_the_coach_homes_reminders_read_no_actions(cast, login):
    """The rows' actions serve the counts and the reminders: one query reads actions,
    and the page shows the reminders it showed when the reminders read their own."""
    reminding_trajectories(cast)
    client = login(cast.coach)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("plans:coach-home")).content.decode()
    assert reading_actions(captured) == 2
    shown = reminders_of(User.objects.get(pk=cast.coach.pk))
    section = page.split('id="reminders"')[1].split("</section>")[0]
    assert re.findall(r'<li class="reminder[^"]*"><a href="([^"]+)">([^<]+)</a>', section) == [
        (r.url, escape(r.text)) for r in shown.shown
    ]
    assert f"De {shown.more} andere herinneringen bekijken" in section


def test_a_coach_whose_trajectories_all_show_reads_no_actions_for_the_reminders(cast, login):
    varied_trajectories(cast)
    client = login(cast.coach)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("plans:coach-home"))
    assert reading_actions(captured) == 1


def test_the_rows_query_built_once_a_day_shows_each_coach_what_changed(cast):
    """The row query is built once per process and day and filtered per coach: it holds
    no rows, so a contact or trajectory added since the last read shows at once, and
    another coach reading between gets only their own."""
    (before,) = selectors.coach_trajectories(cast.coach).rows
    assert before["pk"] == cast.trajectory.pk and before["last_contact"] != days(-1)
    assert [row["pk"] for row in selectors.coach_trajectories(cast.other_coach).rows] == [
        cast.other_trajectory.pk
    ]
    ContactMomentFactory(trajectory=cast.trajectory, date=days(-1))
    second = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
    rows = selectors.coach_trajectories(cast.coach).rows
    assert {row["pk"]: row["last_contact"] for row in rows}[cast.trajectory.pk] == days(-1)
    assert second.pk in {row["pk"] for row in rows}
