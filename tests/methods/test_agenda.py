"""The coach's agenda, its private .ics feed and an .ics invite per talk (issue 11 §2)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from methods.models import CalendarFeed, MomentKind
from plans.models import ContactKind, Phase, ProgressTalk
from popsite.accounts.models import Membership, Role
from tests.factories import ContactMomentFactory, TrajectoryFactory, member
from tests.methods.factories import PlannedMomentFactory
from tests.plans.test_queries import count_queries

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def add_talks(cast):
    # Recorded first, so it realises no planned talk: an appointment of its own.
    ContactMomentFactory(trajectory=cast.trajectory, date=days(2), kind=ContactKind.INDIVIDUAL)
    PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(9), questions="kan")
    PlannedMomentFactory(trajectory=cast.trajectory, number=0, planned_on=days(-4))  # past
    PlannedMomentFactory(
        trajectory=cast.trajectory, number=None, kind=MomentKind.INTERIM, planned_on=days(3)
    )
    ProgressTalk.objects.create(
        trajectory=cast.trajectory, planned_on=days(20), planned_by=cast.coach
    )


def test_the_agenda_lists_every_talk_ahead_across_workers(cast, login):
    add_talks(cast)
    other = member(cast.organisation, Role.WORKER, first_name="Mehmet", last_name="Yilmaz")
    second = TrajectoryFactory(organisation=cast.organisation, worker=other, coaches=[cast.coach])
    PlannedMomentFactory(trajectory=second, number=1, planned_on=days(5))
    closed = member(cast.organisation, Role.WORKER, first_name="Gesloten", last_name="Traject")
    done = TrajectoryFactory(
        organisation=cast.organisation, worker=closed, coaches=[cast.coach], phase=Phase.AFGEROND
    )
    PlannedMomentFactory(trajectory=done, number=1, planned_on=days(6))
    page = login(cast.coach).get(reverse("methods:agenda")).content.decode()
    agenda = page.split('id="agenda"')[1].split("</ol>")[0]
    assert agenda.count('class="card mb-2"') == 4  # contact, Mehmet, planned, progress talk
    assert agenda.index("Individueel gesprek") < agenda.index("Mehmet Yilmaz")
    assert agenda.index("Mehmet Yilmaz") < agenda.index("Voortgangsgesprek")
    assert "Gesloten Traject" not in agenda and "Tussentijds overleg" not in agenda
    assert "We praten over wat jij goed kan." in agenda
    assert (
        reverse("methods:agenda")
        in login(cast.coach).get(reverse("plans:coach-home")).content.decode()
    )


def test_the_feed_serves_the_coachs_talks_without_login_by_token(cast, client, login):
    add_talks(cast)
    page = login(cast.coach).get(reverse("methods:agenda")).content.decode()
    token = CalendarFeed.objects.get(user=cast.coach).token
    url = reverse("methods:agenda-feed", args=[token])
    assert f"http://testserver{url}" in page
    client.logout()
    response = client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 3
    assert f"DTSTART;VALUE=DATE:{days(9):%Y%m%d}" in body
    assert "SUMMARY:Contactmoment 1 met Sofie Van der Berghe" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_wrong_or_renewed_token_opens_nothing(cast, client, login):
    coach = login(cast.coach)
    coach.get(reverse("methods:agenda"))
    old = CalendarFeed.objects.get(user=cast.coach).token
    coach.post(reverse("methods:agenda-renew"))
    new = CalendarFeed.objects.get(user=cast.coach).token
    assert new != old and len(new) >= 40
    client.logout()
    assert client.get(reverse("methods:agenda-feed", args=[old])).status_code == 404
    assert client.get(reverse("methods:agenda-feed", args=["x" * 500])).status_code == 404
    assert client.get(reverse("methods:agenda-feed", args=[new])).status_code == 200


def test_a_former_coach_s_feed_closes(cast, client, login):
    login(cast.coach).get(reverse("methods:agenda"))
    token = CalendarFeed.objects.get(user=cast.coach).token
    Membership.objects.filter(user=cast.coach, role=Role.COACH).delete()
    client.logout()
    assert client.get(reverse("methods:agenda-feed", args=[token])).status_code == 404


def test_an_invite_per_talk_for_the_coach_and_the_worker_only(cast, login):
    moment = PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(9))
    url = reverse("methods:talk-invite", args=[f"planned-{moment.pk}"])
    for user in (cast.coach, cast.worker):
        body = login(user).get(url).content.decode()
        assert body.count("BEGIN:VEVENT") == 1 and f"{days(9):%Y%m%d}" in body
    for user in (cast.other_coach, cast.other_worker, cast.trainer, cast.supervisor):
        assert login(user).get(url).status_code == 404
    home = login(cast.worker).get(reverse("plans:worker-home")).content.decode()
    assert f'href="{url}" id="next-talk-invite"' in home


def test_an_invite_for_a_past_unknown_or_malformed_talk_is_404(cast, login):
    past = PlannedMomentFactory(trajectory=cast.trajectory, number=1, planned_on=days(-1))
    client = login(cast.coach)
    for uid in (
        f"planned-{past.pk}",
        "planned-999999",
        "nothing-1",
        "planned-x",
        "planned-" + "9" * 30,
    ):
        assert client.get(reverse("methods:talk-invite", args=[uid])).status_code == 404


def test_the_agenda_costs_the_same_whatever_the_number_of_workers(cast, login):
    def add(n):
        for _ in range(n):
            worker = member(cast.organisation, Role.WORKER)
            t = TrajectoryFactory(
                organisation=cast.organisation, worker=worker, coaches=[cast.coach]
            )
            PlannedMomentFactory(trajectory=t, number=1, planned_on=days(4))
            ContactMomentFactory(trajectory=t, date=days(5))

    client = login(cast.coach)
    client.get(reverse("methods:agenda"))  # the first visit makes the feed address
    add(3)
    small = count_queries(client, reverse("methods:agenda"))
    add(30)
    assert count_queries(client, reverse("methods:agenda")) == small <= 10
