"""Reminders: on the home pages, and mailed once by the daily command."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, Phase, ProgressTalk, Trajectory
from plans.portfolio import reminders
from plans.portfolio.models import PortfolioGrant, SentReminder
from plans.portfolio.reminders import reminders_by_user, reminders_of, reminders_send
from popsite.accounts.models import Role
from tests.factories import ActionFactory, PopVersionFactory, TrajectoryFactory, member
from tests.plans.factories import talk

TODAY = datetime.date(2026, 11, 10)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def texts(user, today=TODAY) -> list[str]:
    return [r.text for r in reminders_by_user(today, [user.pk]).get(user.pk, [])]


def test_deadlines_coming_up_and_overdue_reach_worker_and_coach(cast):
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=days(5))
    ActionFactory(pop=cast.pop, description="Lassen oefenen", deadline=days(-2))
    ActionFactory(pop=cast.pop, description="Later", deadline=days(30))
    ActionFactory(pop=cast.pop, description="Al klaar", deadline=days(-2), progress=5)
    worker = texts(cast.worker)
    assert any("Attest halen" in t and "moet klaar zijn op 15/11/2026" in t for t in worker)
    assert any("Lassen oefenen" in t and "moest klaar zijn" in t for t in worker)
    assert not any("Later" in t or "Al klaar" in t for t in worker)
    coach = texts(cast.coach)
    assert any("Attest halen" in t and "Sofie Van der Berghe" in t for t in coach)
    assert texts(cast.other_coach) == []


def test_talk_coming_up_and_preparation_due(cast):
    talk(cast.trajectory, days_ahead=5).__class__.objects.update(planned_on=days(5))
    worker = texts(cast.worker)
    assert any("voortgangsgesprek is op 15/11/2026" in t for t in worker)
    assert any("Bereid je voortgangsgesprek voor tegen 08/11/2026" in t for t in worker)
    coach = texts(cast.coach)
    assert any("voorbereiding van Sofie" in t and "nog niet binnen" in t for t in coach)


def test_grants_about_to_expire_warn_worker_and_supervisor(cast):
    PortfolioGrant.objects.filter(grantee=cast.supervisor).update(ends_on=days(3))
    assert any("stopt op 13/11/2026" in t for t in texts(cast.worker))
    assert any("Je inzage" in t for t in texts(cast.supervisor))
    assert not any("inzage" in t for t in texts(cast.coach))


def test_one_person_working_and_coaching_gets_both_and_nothing_of_others(cast):
    """The reminders read the trajectories a person works in or coaches, no others."""
    coached = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.worker])
    ActionFactory(
        pop=PopVersionFactory(trajectory=coached), description="Zijn actie", deadline=days(2)
    )
    ActionFactory(pop=cast.pop, description="Eigen actie", deadline=days(2))
    ActionFactory(
        pop=cast.other_trajectory.pop_versions.get(), description="Andere", deadline=days(2)
    )
    mine = texts(cast.worker)
    assert any("Je actie 'Eigen actie'" in t for t in mine)
    assert any("De actie 'Zijn actie'" in t for t in mine)
    assert not any("Andere" in t for t in mine)


def test_monthly_registration_due_at_the_end_of_the_month(cast):
    assert texts(cast.ambassador, datetime.date(2026, 11, 10)) == []
    assert any("maandregistratie" in t for t in texts(cast.ambassador, datetime.date(2026, 11, 27)))


def test_reminders_are_sent_once_even_when_the_command_runs_twice(cast, monkeypatch):
    today = timezone.localdate()
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=today)
    call_command("send_reminders")
    first = len(mail.outbox)
    assert first == 2  # the worker and the coach
    body = next(m.body for m in mail.outbox if cast.worker.email in m.to)
    assert "Attest halen" in body and "Dag Sofie" in body
    call_command("send_reminders")
    assert len(mail.outbox) == first
    assert SentReminder.objects.filter(user=cast.worker).count() == 1


def test_a_new_deadline_is_a_new_reminder(cast):
    today = timezone.localdate()
    action = ActionFactory(pop=cast.pop, deadline=today)
    reminders_send()
    action.deadline = today + datetime.timedelta(days=2)
    action.save(update_fields=["deadline"])
    mail.outbox.clear()
    reminders_send()
    assert {m.to[0] for m in mail.outbox} == {cast.worker.email, cast.coach.email}


def test_a_user_who_switched_email_off_gets_none_but_still_sees_them(cast, login):
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=timezone.localdate())
    client = login(cast.worker)
    response = client.post(reverse("plans:reminder-settings"), {})
    assert response.status_code == 302
    cast.worker.refresh_from_db()
    assert not cast.worker.email_reminders
    reminders_send()
    assert [m.to for m in mail.outbox] == [[cast.coach.email]]
    assert "Attest halen" in client.get(reverse("plans:worker-home")).content.decode()


def test_reminders_show_on_the_coach_home(cast, login):
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=timezone.localdate())
    html = login(cast.coach).get(reverse("plans:coach-home")).content.decode()
    assert 'id="reminders"' in html and "Attest halen" in html


def test_a_failing_mail_is_given_back_and_goes_next_time(cast, monkeypatch, settings):
    settings.EMAIL_ATTEMPTS = 3
    ActionFactory(pop=cast.pop, deadline=timezone.localdate())
    calls = []

    def broken(subject, body, to):
        calls.append(to)
        if to == [cast.worker.email]:
            raise OSError("mailserver weg")
        mail.outbox.append(mail.EmailMessage(subject, body, None, to))

    monkeypatch.setattr(reminders, "send_now", broken)
    result = reminders_send()
    assert (result.queued, result.failed) == (1, 1)  # the coach's mail still went
    assert calls.count([cast.worker.email]) == 3  # every attempt, then given up
    assert not SentReminder.objects.filter(user=cast.worker).exists()
    monkeypatch.undo()
    mail.outbox.clear()
    reminders_send()
    assert [m.to for m in mail.outbox] == [[cast.worker.email]]


def test_a_worker_without_email_sees_reminders_at_home_and_gets_no_mail(cast, login):
    cast.worker.email = None
    cast.worker.login_name = "sofie.vdb"
    cast.worker.save()
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=timezone.localdate())
    assert reminders_send().queued == 1  # the coach only; nothing breaks for the worker
    assert [m.to for m in mail.outbox] == [[cast.coach.email]]
    home = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert "Attest halen" in home


def test_a_worker_without_email_is_not_offered_reminder_mails(cast, login):
    cast.worker.email = None
    cast.worker.login_name = "sofie.vdb"
    cast.worker.save()
    page = login(cast.worker).get(reverse("plans:reminder-settings")).content.decode()
    assert "Je hebt geen e-mailadres in de app" in page
    assert "We sturen je een e-mail" not in page


def test_a_home_shows_the_most_urgent_few_and_the_reminders_page_all(cast, login):
    today = timezone.localdate()
    for n in range(1, 10):  # nine overdue actions, the oldest first on the page
        ActionFactory(
            pop=cast.pop, description=f"Actie {n}", deadline=today - datetime.timedelta(days=n)
        )
    talk(cast.trajectory, days_ahead=3)
    client = login(cast.coach)
    home = client.get(reverse("plans:coach-home")).content.decode()
    shown = re.findall(r"De actie &#x27;Actie (\d)", home)
    assert shown == ["9", "8", "7", "6", "5", "4"]
    # Three actions, the talk and its preparation that is late.
    assert "De 5 andere herinneringen bekijken" in home
    everything = client.get(reverse("plans:reminder-settings")).content.decode()
    assert len(re.findall(r"De actie &#x27;Actie \d", everything)) == 9
    assert "Voortgangsgesprek met" in everything
    assert "andere herinneringen bekijken" not in everything


def test_a_homes_reminders_cost_the_same_for_ten_or_forty_actions(cast, login):
    client = login(cast.coach)
    today = timezone.localdate()

    def queries_with(actions: int) -> tuple[int, int]:
        ActionFactory.create_batch(actions - cast.pop.actions.count(), pop=cast.pop, deadline=today)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("plans:coach-home")).content.decode()
        return len(captured), page.count("moet klaar zijn op")

    assert queries_with(10) == (queries_with(40)[0], 6)


def test_every_coach_of_a_trajectory_is_reminded_in_the_daily_run(cast):
    """The daily run reads everybody's reminders: the coaches of each trajectory with
    an action or talk come from one query, not one per trajectory or kind."""
    second = member(cast.organisation, Role.COACH)
    cast.trajectory.coaches.add(second)
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=days(2))
    talk(cast.trajectory, days_ahead=1).__class__.objects.update(planned_on=days(1))
    with CaptureQueriesContext(connection) as captured:
        everybody = reminders_by_user(TODAY)
    # Actions, talks and grants in one query, then the coaches of the actions and talks.
    assert len(captured) == 2
    for person in (cast.coach, second):
        mine = [r.text for r in everybody[person.pk]]
        assert any("De actie 'Attest halen' van Sofie Van der Berghe" in t for t in mine)
        assert any("Voortgangsgesprek met Sofie Van der Berghe" in t for t in mine)
    assert any("Je actie 'Attest halen'" in r.text for r in everybody[cast.worker.pk])
    assert cast.other_coach.pk not in everybody
    assert everybody == {
        pk: reminders_by_user(TODAY, [pk])[pk] for pk in (cast.worker.pk, cast.coach.pk, second.pk)
    }
    assert reminders_by_user(TODAY, []) == {}


def test_a_homes_reminders_are_two_queries_and_count_every_reminder(cast, login):
    """Their trajectories, then their actions, talks and grants, however many are due;
    the count includes the actions not shown, also for a worker who coaches (both roles)."""
    coached = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.worker])
    for n in range(8):
        ActionFactory(pop=cast.pop, description=f"Eigen {n}", deadline=days(n - 4))
    ActionFactory(pop=PopVersionFactory(trajectory=coached), deadline=days(1))
    talk(cast.trajectory, days_ahead=3).__class__.objects.update(planned_on=days(5))
    with CaptureQueriesContext(connection) as captured:
        home = reminders_of(cast.worker, today=TODAY)
    assert len(captured) == 2
    everything = reminders_of(cast.worker, today=TODAY, limit=None)
    # Nine actions, the talk and its preparation.
    assert home.total == everything.total == len(everything.shown) == 11
    assert home.shown == everything.shown[:6]
    # Overdue first, by day: three actions, then the preparation due the same day as
    # the third (a week before the talk).
    assert [r.text for r in home.shown[:4]] == [
        *(f"Je actie 'Eigen {n}' moest klaar zijn op {days(n - 4):%d/%m/%Y}." for n in range(3)),
        "Bereid je voortgangsgesprek voor tegen 08/11/2026.",
    ]


def test_an_action_and_a_grant_ending_reach_each_of_their_people(cast):
    """A grant reaches its worker and grantee only, whoever else coaches the worker."""
    ActionFactory(pop=cast.pop, description="Attest halen", deadline=days(2))
    PortfolioGrant.objects.filter(grantee=cast.supervisor).update(ends_on=days(3))
    for person in (cast.worker, cast.supervisor, cast.coach):
        found = reminders_by_user(TODAY, [person.pk, cast.other_coach.pk]).get(person.pk, [])
        kinds = {r.key.split(":")[0] for r in found}
        assert (
            kinds
            == {
                cast.worker: {"action-due", "grant-expiring"},
                cast.supervisor: {"grant-expiring"},
                cast.coach: {"action-due"},
            }[person]
        )


def test_each_read_sees_what_changed_since_the_last(cast, login):
    """Nothing read is kept from one read to the next (the coach home's rows hand their
    actions to its reminders per request): an action, talk or grant added or done since
    the last read shows (or goes) at once, on the page as in the daily run."""
    client = login(cast.coach)
    home = reverse("plans:coach-home")
    assert "Attest halen" not in client.get(home).content.decode()
    action = ActionFactory(pop=cast.pop, description="Attest halen", deadline=timezone.localdate())
    assert "Attest halen" in client.get(home).content.decode()
    action.progress = 5
    action.save(update_fields=["progress"])
    assert "Attest halen" not in client.get(home).content.decode()
    assert texts(cast.worker) == []
    talk(cast.trajectory, days_ahead=3).__class__.objects.update(planned_on=days(5))
    PortfolioGrant.objects.filter(grantee=cast.supervisor).update(ends_on=days(3))
    kinds = {r.key.split(":")[0] for r in reminders_by_user(TODAY)[cast.worker.pk]}
    assert kinds == {"talk", "talk-prep", "grant-expiring"}
    assert "Je inzage" in texts(cast.supervisor)[0]
    PortfolioGrant.objects.filter(grantee=cast.supervisor).update(ends_on=None)
    assert texts(cast.supervisor) == []


def due_as_read_by_the_orm(today: datetime.date, person=None) -> tuple[list, list, list]:
    """The actions, talks and grants the reminders read, as model instances through the
    ORM (each in its model's order, the actions by key): theirs as a worker or a coach,
    or everybody's."""
    soon = today + datetime.timedelta(days=7)
    actions = Action.objects.filter(
        pop__next_version__isnull=True, progress__lt=5, deadline__lte=soon
    ).exclude(pop__trajectory__phase=Phase.AFGEROND)
    talks = ProgressTalk.objects.filter(
        held_at__isnull=True,
        planned_on__gte=today,
        planned_on__lte=soon + datetime.timedelta(days=7),
    )
    grants = PortfolioGrant.objects.active(today).filter(ends_on__lte=soon)
    if person is not None:
        theirs = Trajectory.objects.filter(Q(worker=person) | Q(coaches=person))
        actions = actions.filter(pop__trajectory__in=theirs)
        talks = talks.filter(trajectory__in=theirs)
        grants = grants.filter(Q(grantee=person) | Q(trajectory__worker=person))
    return (
        [
            (
                a.pk,
                a.pop.trajectory_id,
                a.deadline,
                a.pop.trajectory.worker_id,
                str(a.pop.trajectory.worker),
                a.pop_id,
                a.description,
            )
            for a in actions.order_by("pk")
        ],
        [
            (
                t.pk,
                t.trajectory_id,
                t.planned_on,
                t.trajectory.worker_id,
                str(t.trajectory.worker),
                t.is_prepared,
            )
            for t in talks
        ],
        [
            (
                g.pk,
                g.trajectory_id,
                g.ends_on,
                g.trajectory.worker_id,
                str(g.trajectory.worker),
                g.grantee_id,
                str(g.grantee),
            )
            for g in grants
        ],
    )


def due_as_read_in_plain_sql(today: datetime.date, person=None) -> tuple[list, list, list]:
    if person is None:
        actions, talks, grants = reminders._due(today, None, None, None, None)
    else:
        theirs, worked, _coaches, running = reminders._trajectories_of([person.pk])
        actions, talks, grants = reminders._due(today, [person.pk], theirs, running, worked)
    return (
        # In no order: the reminders sort them with the page's own.
        sorted(
            (r.pk, r.trajectory, r.day, r.worker, r.worker_name, r.other, r.description)
            for r in actions
        ),
        [(r.pk, r.trajectory, r.day, r.worker, r.worker_name, r.at is not None) for r in talks],
        [
            (r.pk, r.trajectory, r.day, r.worker, r.worker_name, r.other, r.other_name)
            for r in grants
        ],
    )


def test_the_plain_sql_reads_what_the_orm_reads(cast):
    """Each kind's rows, for everybody and per person (as worker, coach, both, grantee,
    neither), on the edges of each rule: the latest version only, open, with a deadline,
    of a running trajectory; talks not held, from today for two weeks; grants active,
    ending within the week; names from the e-mail address or login name."""
    today = timezone.localdate()
    cast.worker.first_name = cast.worker.last_name = ""
    cast.worker.save()
    nameless = cast.other_worker
    nameless.first_name = nameless.last_name = ""
    nameless.email = None
    nameless.login_name = "zonder.naam"
    nameless.save()
    for n in range(-2, 10):
        ActionFactory(
            pop=cast.pop, description=f"Actie {n}", deadline=today + datetime.timedelta(days=n)
        )
    ActionFactory(pop=cast.pop, deadline=today, progress=5)
    ActionFactory(pop=cast.pop, deadline=None)
    older = cast.other_trajectory.pop_versions.get()
    ActionFactory(pop=older, deadline=today)
    newer = PopVersionFactory(trajectory=cast.other_trajectory, number=2, previous=older)
    ActionFactory(pop=newer, description="Elders", deadline=today)
    closed = TrajectoryFactory(
        organisation=cast.organisation,
        phase=Phase.AFGEROND,
        coaches=[cast.coach],
        worker=cast.worker,
    )
    ActionFactory(pop=PopVersionFactory(trajectory=closed, number=1), deadline=today)
    both = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.worker, cast.coach])
    ActionFactory(pop=PopVersionFactory(trajectory=both, number=1), deadline=today)
    cast.other_trajectory.coaches.add(cast.coach)
    for trajectory in (cast.trajectory, cast.other_trajectory, closed, both):
        for n in (-1, 0, 3, 10, 14, 15):
            talk(trajectory, days_ahead=n)
    talk(cast.trajectory, days_ahead=2, held_at=timezone.now())
    talk(cast.trajectory, days_ahead=2, prepared_at=timezone.now())
    made = timezone.now() - datetime.timedelta(days=1)
    for n, (trajectory, grantee, starts, ends) in enumerate(
        [
            (cast.trajectory, cast.coach, None, 0),
            (cast.trajectory, cast.floor_supervisor, -3, 7),
            (cast.trajectory, cast.floor_supervisor, 1, 5),
            (cast.trajectory, cast.other_coach, 0, 8),
            (cast.other_trajectory, cast.supervisor, None, 3),
            (cast.other_trajectory, cast.worker, None, 3),
            (both, cast.supervisor, None, 6),
            (closed, cast.other_coach, None, -1),
        ]
    ):
        PortfolioGrant.objects.create(
            trajectory=trajectory,
            grantee=grantee,
            granted_by=trajectory.worker,
            starts_on=None if starts is None else today + datetime.timedelta(days=starts),
            ends_on=today + datetime.timedelta(days=ends),
            created_at=made + datetime.timedelta(minutes=n % 3),  # some made at once
        )
    PortfolioGrant.objects.create(
        trajectory=cast.trajectory,
        grantee=cast.supervisor,
        granted_by=cast.worker,
        ends_on=today + datetime.timedelta(days=2),
        revoked_at=timezone.now(),
    )
    everybody = due_as_read_by_the_orm(today)
    assert [len(rows) for rows in everybody] == [12, 17, 5]
    assert due_as_read_in_plain_sql(today) == everybody
    for person in (
        cast.worker,
        cast.coach,
        cast.other_worker,
        cast.other_coach,
        cast.supervisor,
        cast.floor_supervisor,
        cast.trainer,
    ):
        assert due_as_read_in_plain_sql(today, person) == due_as_read_by_the_orm(today, person)
