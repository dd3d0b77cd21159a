"""The coach's POP page and the writes on it: what they show and what they cost.

The page reads the version in one query with few joins (PostgreSQL plans a join of many
nullable relations slower than it reads these rows), each goal's actions from the
version's actions, and who confirmed or the previous version only where shown. A write
reads only what the rules and the write need, not the page's content.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from methods.models import ActionDetail, CompetenceDefinition
from methods.services import ActionInput, worksheet_promote_action, worksheet_promote_summary
from plans import selectors, services
from plans.models import Action, ContactMoment, PopVersion
from tests.factories import ActionFactory, GoalFactory, SummaryItemFactory, agreeable_pop, confirm
from tests.methods.factories import worksheet
from tests.plans.test_queries import fill_pop

# Session, user, roles; the version (trajectory, worker, organisation, look back, next
# version); coaches, talks, summary, goals, actions with their method details (the last
# three in plain SQL, with where items came from); the view's audit row. A follow-up also
# reads its evaluations (with their actions) and the previous version; a first plan has
# no evaluations to read.
POP_PAGE_QUERIES = 10
# Session, user, the version and its coaches, roles, no newer version; the part saved and
# the confirmations cleared in one savepoint (4). Before, a write read the whole page:
# 16 queries (save, add) and 20 (confirm, which also read its new lock number back).
SAVE_QUERIES = ADD_QUERIES = 10
# Session, user, the version and its coaches, roles; in one savepoint the version locked,
# what agreement needs (actions, look back, evaluations), the coach, the update (8).
CONFIRM_QUERIES = 13


def _queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    return response, [q["sql"] for q in queries]


def _value(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="(\d+)"', html).group(1)


def test_the_pop_page_reads_a_fixed_number_of_queries(cast, login):
    fill_pop(cast.pop, 5)
    client = login(cast.coach)
    url = reverse("plans:pop", args=[cast.pop.pk])
    client.get(url)
    response, small = _queries(client, "get", url)
    assert response.status_code == 200
    fill_pop(cast.pop, 20)
    _, large = _queries(client, "get", url)
    assert len(small) == len(large) == POP_PAGE_QUERIES


def test_a_follow_up_reads_its_evaluations_with_their_actions_in_one_query(cast, login):
    ActionFactory(pop=cast.pop, description="Zelf de bus nemen", progress=3)
    ActionFactory(pop=cast.pop, description="Op tijd komen", progress=5)
    PopVersion.objects.filter(pk=cast.pop.pk).update(agreed_at=timezone.now())
    follow_up = services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    client = login(cast.coach)
    url = reverse("plans:pop", args=[follow_up.pk])
    client.get(url)
    response, queries = _queries(client, "get", url)
    html = response.content.decode()
    assert "<td>Zelf de bus nemen</td><td>3</td>" in html
    assert "<td>Op tijd komen</td><td>5</td>" in html
    evaluations = [q for q in queries if 'FROM "plans_actionevaluation"' in q]
    assert len(evaluations) == 1 and '"plans_action"' in evaluations[0]
    # The evaluations and the previous version (does it have a goal to review?) come on
    # top of what a first plan reads.
    assert len(queries) == POP_PAGE_QUERIES + 2


def test_a_first_plan_reads_no_evaluations(cast, login):
    client = login(cast.coach)
    url = reverse("plans:pop", args=[cast.pop.pk])
    _, queries = _queries(client, "get", url)
    assert not any("plans_actionevaluation" in q for q in queries)


def test_each_goal_lists_its_own_actions_in_order(cast, login):
    first, second = GoalFactory(pop=cast.pop, goal="Eerste doel"), GoalFactory(pop=cast.pop)
    ActionFactory(pop=cast.pop, goal=first, description="Actie A")
    ActionFactory(pop=cast.pop, goal=second, description="Actie B")
    ActionFactory(pop=cast.pop, goal=first, description="Actie C")
    ActionFactory(pop=cast.pop, description="Los van een doel")
    html = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    cards = re.findall(r'<div class="card mb-2">(.*?)</div></div>', html, re.S)
    assert len(cards) == 2
    assert re.search(r"1\. Actie A<br>2\. Actie C<br></dd>", cards[0])
    assert re.search(r"1\. Actie B<br></dd>", cards[1])
    assert "Los van een doel" not in "".join(cards)


def test_the_page_shows_sources_details_who_confirmed_and_the_previous_goal(cast, login):
    sheet = worksheet(cast.trajectory)
    worksheet_promote_summary(worksheet=sheet, section="want", text="Koken")
    action = ActionFactory(pop=cast.pop)
    ActionDetail.objects.create(action=action, how_checked="De chef kijkt het na")
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.coach)
    client = login(cast.coach)
    response, queries = _queries(client, "get", reverse("plans:pop", args=[cast.pop.pk]))
    html = response.content.decode()
    assert reverse("methods:worksheet", args=[sheet.pk]) in html
    assert "De chef kijkt het na" in html
    # The method details and the sources come with the actions, not in queries of their own.
    assert not any(q.startswith('SELECT "methods_actiondetail"') for q in queries)
    assert not any(q.startswith('SELECT "methods_popitemsource"') for q in queries)
    assert any("LEFT JOIN methods_actiondetail" in q for q in queries)
    assert f"({cast.coach})" in html
    # A follow-up shows the previous version's overall goal.
    PopVersion.objects.filter(pk=cast.pop.pk).update(
        overall_goal="Zelfstandig koken", agreed_at=timezone.now()
    )
    follow_up = PopVersion.objects.create(
        trajectory=cast.trajectory, number=2, previous=cast.pop, is_follow_up=True
    )
    html = client.get(reverse("plans:pop", args=[follow_up.pk])).content.decode()
    assert 'id="previous-goal"' in html and "Zelfstandig koken" in html
    # The older version knows it is not the latest any more.
    html = client.get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert "Dit is een oudere versie" in html


def test_the_hand_written_forms_keep_labels_ids_and_values(cast, login):
    PopVersion.objects.filter(pk=cast.pop.pk).update(overall_goal="Zelfstandig & veilig")
    html = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    assert '<label for="id_section" class="form-label requiredField">Onderdeel' in html
    assert '<select name="section" class="select form-select" required id="id_section">' in html
    assert '<option value="want">Wat wil ik</option>' in html
    assert 'maxlength="2000" class="textarea form-control" required id="id_text">' in html
    assert '<label for="id_competence" class="form-label">Soort competentie</label>' in html
    assert "Zelfstandig &amp; veilig</textarea>" in html


def test_the_summary_form_drawn_once_follows_the_language(cast, login):
    client = login(cast.coach)
    url = reverse("plans:pop", args=[cast.pop.pk])
    assert '<label for="id_section" class="form-label requiredField">Onderdeel' in (
        client.get(url).content.decode()
    )
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(url).content.decode()
    assert '<label for="id_section" class="form-label requiredField">Section' in html
    # An agreed version has no form to draw.
    PopVersion.objects.filter(pk=cast.pop.pk).update(agreed_at=timezone.now())
    assert 'id="summary-form"' not in client.get(url).content.decode()


def test_the_three_writes_read_only_what_they_need(cast, login):
    agreeable_pop(cast.pop)
    SummaryItemFactory(pop=cast.pop)
    client = login(cast.coach)
    page_url = reverse("plans:pop", args=[cast.pop.pk])
    page = client.get(page_url).content.decode()

    url = reverse("plans:overall-goal", args=[cast.pop.pk])
    response, queries = _queries(
        client, "post", url, {"overall_goal": "Zelf", "lock_version": _value(page, "lock_version")}
    )
    assert response.status_code == 302
    assert PopVersion.objects.get(pk=cast.pop.pk).overall_goal == "Zelf"
    assert not any("plans_summaryitem" in q or "plans_contactmoment" in q for q in queries)
    save_count = len(queries)

    url = reverse("plans:action-create", args=[cast.pop.pk])
    form = client.get(url).content.decode()
    data = {
        "description": "Nieuwe actie",
        "deadline": (timezone.localdate() + timezone.timedelta(days=9)).isoformat(),
        "expected_result": "Klaar",
        "competence": "technical",
        "lock_version": _value(form, "lock_version"),
    }
    response, queries = _queries(client, "post", url, data)
    assert response.status_code == 302 and Action.objects.filter(description="Nieuwe actie")
    assert not any("plans_summaryitem" in q for q in queries)
    add_count = len(queries)

    page = client.get(page_url).content.decode()
    url = reverse("plans:pop-agree", args=[cast.pop.pk])
    response, queries = _queries(
        client, "post", url, {"content_version": _value(page, "content_version")}
    )
    assert response.status_code == 302
    pop = PopVersion.objects.get(pk=cast.pop.pk)
    assert pop.coach_agreed_by == cast.coach and not pop.is_agreed
    assert not any("plans_summaryitem" in q for q in queries)
    # The confirmation made an editor's page stale: the number the page now shows is new.
    assert _value(client.get(page_url).content.decode(), "lock_version") == str(pop.lock_version)
    assert (save_count, add_count, len(queries)) == (SAVE_QUERIES, ADD_QUERIES, CONFIRM_QUERIES)


def test_the_trajectory_page_reads_the_consent_with_the_trajectory(cast, login):
    from registration.models import Consent

    client = login(cast.coach)
    url = reverse("plans:trajectory", args=[cast.trajectory.pk])
    client.get(url)
    response, queries = _queries(client, "get", url)
    assert "nog niet ondertekend" in response.content.decode()
    assert not any(q.startswith('SELECT "registration_consent"') for q in queries)
    # Session, user, the trajectory (worker, organisation, floor supervisor, consent),
    # coaches, the coach's and the worker's roles, phases, next planned talk, progress
    # talks, contact moments, POP versions: one fewer than with the consent on its own.
    assert len(queries) == 11
    now = timezone.now()
    Consent.objects.create(
        trajectory=cast.trajectory, worker_confirmed_at=now, coach_confirmed_at=now
    )
    html = client.get(url).content.decode()
    assert "nog niet ondertekend" not in html and "ondertekend" in html


def test_the_rows_read_as_the_model_would_show_them(cast, login, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    # Marked late in the evening of 3 May, UTC: already 4 May in Brussels.
    marked = datetime.datetime(2026, 5, 3, 22, 30, tzinfo=datetime.UTC)
    ActionFactory(
        pop=cast.pop,
        description="Zonder helper",
        helper="",
        deadline=None,
        expected_result="",
        competence="",
        progress=2,
        progress_changed_by=cast.coach,
        progress_changed_at=marked,
    )
    ActionFactory(pop=cast.pop, description="Met <alles>", deadline=datetime.date(2026, 6, 9))
    SummaryItemFactory(pop=cast.pop, section="can", text="Luisteren & vragen", competence="")
    SummaryItemFactory(pop=cast.pop, section="can", text="Snijden", competence="technical")
    ContactMoment.objects.create(
        trajectory=cast.trajectory, date=datetime.date(2026, 4, 1), phase="analyse"
    )
    html = login(cast.coach).get(reverse("plans:pop", args=[cast.pop.pk])).content.decode()
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", html, re.S)
    first = next(r for r in rows if r.startswith("Zonder helper"))
    assert first.count("<td>–</td>") == 3 and "<td></td>" in first
    assert f"door {cast.coach}, 04/05/2026" in first
    second = next(r for r in rows if r.startswith("Met &lt;alles&gt;"))
    assert "<td>Collega</td>" in second and "<td>09/06/2026</td>" in second
    assert "<td>generieke competentie</td>" in second
    assert "<li>Luisteren &amp; vragen\n" in html
    assert 'Snijden <span class="badge text-bg-light tag">technische competentie</span>' in html
    assert "<li>01/04/2026: Analyse</li>" in html


def test_the_trajectory_page_lists_phases_contacts_and_versions_as_before(cast, login, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    ContactMoment.objects.create(
        trajectory=cast.trajectory,
        date=datetime.date(2026, 4, 1),
        phase="analyse",
        kind="interim",
        duration_minutes=45,
    )
    services.trajectory_change_phase(trajectory=cast.trajectory, to_phase="analyse", by=cast.coach)
    cast.trajectory.phase_changes.update(
        changed_at=datetime.datetime(2026, 5, 3, 22, 30, tzinfo=datetime.UTC)
    )
    PopVersion.objects.filter(pk=cast.pop.pk).update(
        agreed_at=datetime.datetime(2026, 5, 3, 22, 30, tzinfo=datetime.UTC)
    )
    html = login(cast.coach).get(reverse("plans:trajectory", args=[cast.trajectory.pk]))
    html = html.content.decode()
    assert f"<li>04/05/2026 00:30: Analyse ({cast.coach})</li>" in html
    assert "<td>01/04/2026</td><td>Analyse</td><td>Tussentijds overleg" in html
    assert "<td>45 min</td>" in html
    contact = cast.trajectory.contact_moments.get()
    assert reverse("plans:contact-edit", args=[cast.trajectory.pk, contact.pk]) in html
    assert f'<a href="{reverse("plans:pop", args=[cast.pop.pk])}">POP versie 1</a>' in html
    assert "afgesproken op 04/05/2026" in html
    assert 'id="follow-up-start"' in html


def test_the_plain_reading_matches_the_orm(cast, settings):
    """``attach_pop_content``'s plain SQL against the ORM's reading of the same version."""
    settings.TIME_ZONE = "Europe/Brussels"
    sheet = worksheet(cast.trajectory)
    worksheet_promote_summary(worksheet=sheet, section="can", text="Koken", competence="technical")
    SummaryItemFactory(pop=cast.pop, section="want", text="Zelf <kiezen>", competence="")
    goal = GoalFactory(pop=cast.pop, reason="Vraag", evaluation="Goed")
    GoalFactory(pop=cast.pop)
    promoted = worksheet_promote_action(
        worksheet=sheet, action=ActionInput(description="Uit het blad", competence="generic")
    )
    develops = CompetenceDefinition.objects.create(
        organisation=cast.organisation, name="Stiptheid", kind="generic"
    )
    ActionDetail.objects.update_or_create(
        action=promoted, defaults={"why": "Ik wil het", "kind": "werk", "develops": develops}
    )
    ActionFactory(
        pop=cast.pop,
        goal=goal,
        deadline=None,
        progress=3,
        progress_changed_by=cast.coach,
        progress_changed_at=datetime.datetime(2026, 5, 3, 22, 30, tzinfo=datetime.UTC),
        carried_from=ActionFactory(pop=cast.pop, goal=goal),
    )
    pop = PopVersion.objects.get(pk=cast.pop.pk)
    selectors.attach_pop_content(pop)
    orm = PopVersion.objects.prefetch_related(
        "summary_items__method_source__worksheet__method",
        "goals__actions",
        "actions__method_detail__develops",
        "actions__method_source__worksheet__method",
        "actions__progress_changed_by",
    ).get(pk=cast.pop.pk)

    def source(item):
        try:
            return (item.method_source.worksheet_id, item.method_source.worksheet.method.name)
        except ObjectDoesNotExist:
            return None

    def fields(obj, names):
        return [getattr(obj, name) for name in names]

    summary_fields = ["pk", "pop_id", "section", "text", "competence"]
    assert [(*fields(i, summary_fields), i.source) for i in pop.summary_items.all()] == [
        (*fields(i, summary_fields), source(i)) for i in orm.summary_items.all()
    ]
    goal_fields = ["pk", "pop_id", "goal", "reason", "result", "timing", "evaluation"]
    assert [
        (*fields(g, goal_fields), [a.pk for a in g.actions.all()]) for g in pop.goals.all()
    ] == [(*fields(g, goal_fields), [a.pk for a in g.actions.all()]) for g in orm.goals.all()]
    action_fields = [
        "pk",
        "pop_id",
        "goal_id",
        "description",
        "helper",
        "deadline",
        "expected_result",
        "competence",
        "progress",
        "carried_from_id",
        "progress_changed_at",
        "progress_changed_by_id",
    ]

    def detail_rows(action):
        try:
            return action.method_detail.rows()
        except ObjectDoesNotExist:
            return []

    read = [
        (*fields(a, action_fields), a.progress_by, a.detail_rows, a.source)
        for a in pop.actions.all()
    ]
    assert read == [
        (
            *fields(a, action_fields),
            str(a.progress_changed_by or ""),
            detail_rows(a),
            source(a),
        )
        for a in orm.actions.all()
    ]
    assert any(rows for *_, rows, _ in read) and any(by for *_, by, _, _ in read)
    assert pop.missing_for_agreement() == orm.missing_for_agreement()
