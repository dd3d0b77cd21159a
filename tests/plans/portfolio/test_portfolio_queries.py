"""The portfolio pages and lists keep a fixed number of queries as data grows."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from methods.models import Worksheet
from plans.models import PopVersion
from plans.portfolio.models import PortfolioGrant
from popsite.accounts.models import Role
from tests.factories import ActionFactory, PopVersionFactory, TrajectoryFactory, UserFactory, member
from tests.methods.factories import worksheet
from tests.plans.factories import agree, competence_measurement, evidence, talk
from tests.plans.test_queries import add_coached_workers, grows


def add_versions(cast, n: int) -> None:
    latest = cast.trajectory.pop_versions.order_by("-number").first()
    for _ in range(n):
        agree(latest)
        new = PopVersion.objects.create(
            trajectory=cast.trajectory, number=latest.number + 1, previous=latest
        )
        action = ActionFactory(pop=new, deadline=timezone.localdate())
        evidence(action)
        latest = new


def test_portfolio_queries_do_not_grow_with_versions(cast, login):
    small, large = grows(
        login(cast.supervisor),
        reverse("plans:portfolio", args=[cast.trajectory.pk]),
        lambda n: add_versions(cast, n // 5 or 1),
    )
    assert small == large


def test_growth_queries_do_not_grow_with_measurements_and_versions(cast, login):
    def add(n: int) -> None:
        add_versions(cast, n // 5 or 1)
        for i in range(n // 5 or 1):
            competence_measurement(
                cast.trajectory, {"Samenwerken": (2, 3), "Doorzetten": (3, 3)}, i
            )

    small, large = grows(
        login(cast.supervisor), reverse("plans:growth", args=[cast.trajectory.pk]), add
    )
    assert small == large


def add_shared(cast, n: int) -> None:
    for _ in range(n):
        trajectory = TrajectoryFactory(organisation=cast.organisation, coaches=[cast.coach])
        PopVersionFactory(trajectory=trajectory, number=1)
        PortfolioGrant.objects.create(
            trajectory=trajectory,
            grantee=cast.supervisor,
            granted_by=trajectory.worker,
            ends_on=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_shared_portfolios_queries_do_not_grow(cast, login):
    small, large = grows(
        login(cast.supervisor), reverse("plans:shared-portfolios"), lambda n: add_shared(cast, n)
    )
    assert small == large


def add_grants(cast, n: int) -> None:
    for i in range(n):
        PortfolioGrant.objects.create(
            trajectory=cast.trajectory,
            grantee=UserFactory(),
            granted_by=cast.coach,
            on_request_of_worker=True,
            ends_on=timezone.localdate() + datetime.timedelta(days=i),
            revoked_at=timezone.now() if i % 3 == 0 else None,
            revoked_by=cast.worker if i % 3 == 0 else None,
        )


def test_grant_page_and_who_looked_queries_do_not_grow(cast, login):
    client = login(cast.worker)
    small, large = grows(
        client, reverse("plans:grants", args=[cast.trajectory.pk]), lambda n: add_grants(cast, n)
    )
    assert small == large
    small, large = grows(client, reverse("plans:who-looked"), lambda n: add_grants(cast, n))
    assert small == large


def add_reminders(cast, n: int) -> None:
    add_coached_workers(cast, n)
    for trajectory in cast.coach.coached_trajectories.all():
        pop = trajectory.pop_versions.first()
        ActionFactory(pop=pop, deadline=timezone.localdate())
        talk(trajectory, days_ahead=5)
    member(cast.organisation, Role.WORKER)


def test_home_pages_with_reminders_do_not_grow(cast, login):
    small, large = grows(
        login(cast.coach), reverse("plans:coach-home"), lambda n: add_reminders(cast, n)
    )
    assert small == large

    def add_for_worker(n: int) -> None:
        for _ in range(n):
            ActionFactory(pop=cast.pop, deadline=timezone.localdate())
            talk(cast.trajectory, days_ahead=5)

    small, large = grows(login(cast.worker), reverse("plans:worker-home"), add_for_worker)
    assert small == large


def test_compare_queries_do_not_grow(cast, login):
    add_versions(cast, 1)
    small, large = grows(
        login(cast.coach),
        reverse("plans:compare", args=[cast.trajectory.pk]),
        lambda n: add_versions(cast, n // 5 or 1),
    )
    assert small == large


def test_team_matrix_queries_do_not_grow(cast, login):
    from plans.portfolio.models import TeamMatrixItem

    def add(n: int) -> None:
        for i in range(n):
            trajectory = TrajectoryFactory(organisation=cast.organisation)
            TeamMatrixItem.objects.create(
                trajectory=trajectory, label=f"Taak {i % 7}", kind="learn", shared_with_team=True
            )

    small, large = grows(login(cast.ambassador), reverse("plans:team-matrix"), add)
    assert small == large


def test_template_pages_queries_do_not_grow(cast, login):
    from plans.portfolio.models import PopTemplate, PopTemplateItem

    def add(n: int) -> None:
        for i in range(n):
            template = PopTemplate.objects.create(
                organisation=cast.organisation, function_name=f"Functie {i}", title=f"T{i}"
            )
            PopTemplateItem.objects.create(
                template=template, kind="action", text="Iets", competence="generic"
            )

    small, large = grows(login(cast.ambassador), reverse("plans:templates"), add)
    assert small == large
    small, large = grows(
        login(cast.coach), reverse("plans:pop-from-template", args=[cast.pop.pk]), add
    )
    assert small == large


def test_my_team_queries_do_not_grow(cast, login):
    from plans.portfolio.models import TeamMatrixItem
    from tests.factories import SummaryItemFactory

    def add(n: int) -> None:
        for i in range(n):
            TeamMatrixItem.objects.create(
                trajectory=cast.trajectory, label=f"Taak {i}", kind="learn"
            )
            SummaryItemFactory(pop=cast.pop, section="develop")

    small, large = grows(login(cast.worker), reverse("plans:my-team"), add)
    assert small == large


def test_portfolio_reads_evaluations_only_for_a_later_version(cast, login):
    """Version 1 looks back on nothing: its portfolio skips the evaluations' query, and
    actions without evidence skip the evidence's."""

    url = reverse("plans:portfolio", args=[cast.trajectory.pk])

    def queries(user) -> int:
        client = login(user)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200
        return len(captured)

    first = {user: queries(user) for user in (cast.coach, cast.worker)}
    # Session, user, trajectory, its coaches, memberships, (a look by someone else is
    # logged), periods, versions, goals, actions, worksheets.
    assert first == {cast.coach: 11, cast.worker: 10}
    ActionFactory(pop=cast.pop, description="Elke dag op tijd komen")
    # Actions without evidence read no evidence.
    assert {user: queries(user) for user in (cast.coach, cast.worker)} == first
    add_versions(cast, 1)
    later = {user: queries(user) for user in (cast.coach, cast.worker)}
    # The second version's evidence and evaluations; the worker does not see that draft
    # yet (not marked ready), so reads neither.
    assert later == {cast.coach: 13, cast.worker: 10}


def test_worker_sees_is_the_rule_of_worker_sees_version(cast):
    """The portfolio applies the worker's rule to versions it read already; the other
    lists ask the database. Both keep the same versions, in every state."""
    from plans import selectors

    def both() -> tuple[list[int], list[int]]:
        versions = cast.trajectory.pop_versions.order_by("number")
        asked = list(
            versions.filter(selectors.worker_sees_version(cast.trajectory)).values_list(
                "number", flat=True
            )
        )
        read = [v.number for v in selectors.worker_sees(list(versions))]
        return asked, read

    assert both() == ([1], [1])  # the first draft, with nothing agreed yet
    first = PopVersion.objects.get(pk=cast.pop.pk)
    agree(first)
    second = PopVersion.objects.create(trajectory=cast.trajectory, number=2, previous=first)
    assert both() == ([1], [1])  # a draft not marked ready stays hidden
    second.ready_at = timezone.now()
    second.save(update_fields=["ready_at"])
    assert both() == ([1, 2], [1, 2])
    second.ready_at, second.coach_agreed_at = None, timezone.now()
    second.save(update_fields=["ready_at", "coach_agreed_at"])
    assert both() == ([1, 2], [1, 2])  # confirmed by the coach says the same


def test_the_portfolio_reads_no_floor_supervisor_and_lists_worksheets_and_links(
    cast, login, settings
):
    settings.TIME_ZONE = "Europe/Brussels"
    sheet = worksheet(cast.trajectory)
    evening = datetime.datetime(2026, 5, 3, 22, 30, tzinfo=datetime.UTC)
    Worksheet.objects.filter(pk=sheet.pk).update(conclusion="Durft <meer>", created_at=evening)
    action = ActionFactory(pop=cast.pop)
    url = reverse("plans:portfolio", args=[cast.trajectory.pk])
    for person in (cast.coach, cast.worker):
        with CaptureQueriesContext(connection) as queries:
            html = login(person).get(url).content.decode()
        trajectory_read = next(q["sql"] for q in queries if 'FROM "plans_trajectory"' in q["sql"])
        # The worker and the organisation joined, not the floor supervisor.
        assert 'JOIN "accounts_user" ON ("plans_trajectory"."worker_id"' in trajectory_read
        assert '"plans_trajectory"."floor_supervisor_id" = ' not in trajectory_read
        assert f"{sheet.method.name} – 04/05/2026: Durft &lt;meer&gt;</li>" in html
        assert reverse("plans:evidence-create", args=[cast.pop.pk, action.pk]) in html
