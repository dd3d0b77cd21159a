"""The worker's home reads what it shows in a fixed, small number of queries (issue 14):
the newest trajectory without the coach home's overview counts, the plans with their
actions' extra fields joined, the talks not yet held read once for the list and the
next talk. What the worker sees stays the same."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from methods.models import ActionDetail
from plans import services
from plans.models import ProgressTalk
from plans.portfolio.reminders import reminders_of
from popsite.accounts.models import User
from tests.factories import (
    ActionFactory,
    PopVersionFactory,
    SummaryItemFactory,
    TrajectoryFactory,
    agreeable_pop,
    confirm,
    evaluate_as_done,
)
from tests.plans.test_queries import fill_pop

# Session, user and memberships (middleware); the reminders (plans.portfolio.reminders:
# two for a worker); the versions with their trajectory, summary, actions with their
# details, the talks not yet held; the next talk (methods.services.next_talk).
WORKER_HOME_QUERIES = 3 + 2 + 4 + 1


def home_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:worker-home"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_worker_home_query_count_is_pinned(cast, login):
    fill_pop(cast.pop, 10)
    count, page = home_queries(login(cast.worker))
    assert count == WORKER_HOME_QUERIES
    assert "Wat ga ik doen?" in page


def test_a_follow_up_reads_its_evaluations_and_shows_them(cast, login):
    agreeable_pop(cast.pop)
    ActionFactory(pop=cast.pop, description="Elke dag op tijd komen")
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    draft = evaluate_as_done(
        services.pop_start_follow_up(trajectory=cast.trajectory, by=cast.coach)
    )
    agreeable_pop(draft)
    draft.refresh_from_db()
    services.pop_mark_ready(pop=draft, by=cast.coach, seen_version=draft.content_version)
    count, page = home_queries(login(cast.worker))
    assert count == WORKER_HOME_QUERIES + 1  # the evaluations of the follow-up
    new_plan = page.split('id="new-plan"')[1]
    assert "Hoe ver waren mijn vorige stappen?" in new_plan
    assert "Elke dag op tijd komen" in new_plan and "Zo ver was ik: 5 op 5" in new_plan
    # The agreed plan above it evaluates nothing.
    assert 'id="evaluation"' not in page


def test_the_next_talk_can_be_a_progress_talk_read_with_the_open_talks(cast, login):
    today = timezone.localdate()
    ProgressTalk.objects.create(
        trajectory=cast.trajectory,
        planned_on=today - datetime.timedelta(days=2),
        planned_by=cast.coach,
    )
    ahead = ProgressTalk.objects.create(
        trajectory=cast.trajectory,
        planned_on=today + datetime.timedelta(days=4),
        planned_by=cast.coach,
    )
    ProgressTalk.objects.create(
        trajectory=cast.trajectory,
        planned_on=today + datetime.timedelta(days=1),
        planned_by=cast.coach,
        held_at=timezone.now(),
    )
    count, page = home_queries(login(cast.worker))
    # The reminders know the talk's coaches from their first query.
    assert count == WORKER_HOME_QUERIES
    block = page.split('id="next-talk"')[1].split("</section>")[0]
    assert f"progress-{ahead.pk}.ics" in block
    # Both talks not yet held are listed, the past one first; the held one is not.
    assert page.count("Gesprek over hoe het gaat, op") == 2


def test_the_actions_extra_fields_show_in_plain_words(cast, login):
    action = ActionFactory(pop=cast.pop, description="Zelf de vaatwasser starten")
    ActionDetail.objects.create(action=action, resources="Een collega", why="Ik wil zelfstandig")
    ActionFactory(pop=cast.pop, description="Zonder extra velden")
    count, page = home_queries(login(cast.worker))
    assert count == WORKER_HOME_QUERIES
    card = page.split(f'id="action-{action.pk}"')[1].split("</div></div>")[0]
    assert '<dl class="action-detail mb-1 mt-1">' in card
    assert "<dt>Dit heb ik al</dt>" in card and "Een collega" in card
    assert "<dt>Ik wil dit doen omdat</dt>" in card
    assert page.count('class="action-detail') == 1


def test_many_versions_cost_what_one_does_and_only_the_shown_are_read_whole(cast, login):
    # Agreed versions 1-3, then a draft not marked ready: the page shows version 3.
    fill_pop(cast.pop, 3)
    for _ in range(3):
        agreeable_pop(cast.pop)
        confirm(cast.pop, cast.coach)
        confirm(cast.pop, cast.worker)
        cast.pop = services.pop_revise(pop=cast.pop)
    ActionFactory(pop=cast.pop, description="Nog niet te zien")
    count, page = home_queries(login(cast.worker))
    # The reminders read the actions of the draft the page does not show, in the one
    # query they read talks and grants with: no query more.
    assert count == WORKER_HOME_QUERIES
    assert "Nog niet te zien" not in page
    assert "Je coach maakt met jou een nieuw plan." in page


def test_a_trajectory_without_a_version_and_a_worker_without_a_trajectory(cast, login):
    cast.trajectory.pop_versions.all().delete()
    count, page = home_queries(login(cast.worker))
    # The versions found none, so the trajectory is read on its own; nothing else.
    assert count == 3 + 2 + 2
    assert "Je hebt nog geen POP." in page
    assert reverse("registration:consent", args=[cast.trajectory.pk]) in page
    cast.trajectory.delete()
    count, page = home_queries(login(cast.worker))
    assert count <= 3 + 2 + 2
    assert "Je hebt nog geen POP." in page and 'id="consent-link"' not in page


def test_each_action_marks_its_own_progress(cast, login):
    first, second = ActionFactory(pop=cast.pop), ActionFactory(pop=cast.pop)
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    _, page = home_queries(login(cast.worker))
    for action in (first, second):
        url = reverse("plans:action-progress", args=[cast.pop.pk, action.pk])
        assert page.count(f'action="{url}" class="progress-boxes"') == 1


def test_the_boxes_to_tap_say_how_far_each_action_is(cast, login):
    action = ActionFactory(pop=cast.pop, progress=3)
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.worker)
    confirm(cast.pop, cast.coach)
    _, page = home_queries(login(cast.worker))
    url = reverse("plans:action-progress", args=[cast.pop.pk, action.pk])
    form = page.split(f'action="{url}" class="progress-boxes"')[1].split("</form>")[0]
    buttons = re.findall(r'<button type="submit" name="progress" value="(\d)" (.*?)>', form)
    assert [value for value, _ in buttons] == ["0", "1", "2", "3", "4", "5"]
    assert 'class="box-zero" aria-pressed="false"' in buttons[0][1]
    assert buttons[1][1] == 'class="box filled" aria-pressed="false" aria-label="1 op 5"'
    assert buttons[3][1] == 'class="box filled" aria-pressed="true" aria-label="3 op 5"'
    assert buttons[4][1] == 'class="box" aria-pressed="false" aria-label="4 op 5"'


def action_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("plans:worker-home")).content.decode()
    # Read by the ORM (quoted) or by the reminders' plain SQL.
    reads = sum(
        bool(re.search(r'FROM "?plans_action"?\s', q["sql"])) for q in queries.captured_queries
    )
    return reads, page


def shown_reminders(page: str) -> list[tuple[str, str]]:
    section = page.split('id="reminders"')[1].split("</section>")[0]
    return re.findall(r'<li class="reminder[^"]*"><a href="([^"]+)">([^<]+)</a>', section)


def test_the_reminders_take_the_actions_the_page_read(cast, login):
    """The latest POP's actions, read for the plan, serve the reminders too: one query
    reads actions, and the reminders are those they read themselves."""
    today = timezone.localdate()
    for n in range(8):
        ActionFactory(
            pop=cast.pop, description=f"Stap {n}", deadline=today + datetime.timedelta(n - 2)
        )
    ActionFactory(pop=cast.pop, description="Klaar", deadline=today, progress=5)
    reads, page = action_queries(login(cast.worker))
    assert reads == 1
    shown = reminders_of(User.objects.get(pk=cast.worker.pk))
    assert shown_reminders(page) == [(r.url, escape(r.text)) for r in shown.shown]
    assert (
        shown.total == 8 and "Klaar" not in page.split('id="reminders"')[1].split("</section>")[0]
    )


def test_a_newer_draft_not_shown_and_another_trajectory_are_read_by_the_reminders(cast, login):
    """What the page did not read (a newer draft it does not show yet, an older
    trajectory still running) the reminders read themselves, and still remind of."""
    today = timezone.localdate()
    agreeable_pop(cast.pop)
    confirm(cast.pop, cast.coach)
    confirm(cast.pop, cast.worker)
    draft = services.pop_revise(pop=cast.pop)
    ActionFactory(pop=draft, description="Nog niet te zien", deadline=today)
    reads, page = action_queries(login(cast.worker))
    assert reads == 2
    assert "Nog niet te zien" in page.split('id="reminders"')[1].split("</section>")[0]
    shown = reminders_of(User.objects.get(pk=cast.worker.pk))
    assert shown_reminders(page) == [(r.url, escape(r.text)) for r in shown.shown]

    older = TrajectoryFactory(
        organisation=cast.other_organisation,
        worker=cast.worker,
        started_on=cast.trajectory.started_on - datetime.timedelta(days=400),
    )
    ActionFactory(
        pop=PopVersionFactory(trajectory=older, number=1),
        description="Ouder traject",
        deadline=today,
    )
    _, page = action_queries(login(cast.worker))
    assert "Ouder traject" in page.split('id="reminders"')[1].split("</section>")[0]
    shown = reminders_of(User.objects.get(pk=cast.worker.pk))
    assert shown_reminders(page) == [(r.url, escape(r.text)) for r in shown.shown]


def test_the_plan_shows_its_parts_by_key_whatever_order_the_database_keeps(cast, login):
    """The summary and the actions are read unordered and sorted by key: a row stored
    before rows with a lower key (on PostgreSQL, whose sequence does not follow a key
    given by hand, it is read first) still shows after them."""
    first = ActionFactory(pk=2_000_000_001, pop=cast.pop, description="Stap hoog")
    wish = SummaryItemFactory(pk=2_000_000_001, pop=cast.pop, section="want", text="Wens hoog")
    actions = [first] + [ActionFactory(pop=cast.pop, description=f"Stap {n}") for n in range(2)]
    wishes = [wish] + [
        SummaryItemFactory(pop=cast.pop, section="want", text=f"Wens {n}") for n in range(2)
    ]
    _, page = home_queries(login(cast.worker))
    shown = sorted(actions, key=lambda action: page.index(f'id="action-{action.pk}"'))
    assert shown == sorted(actions, key=lambda action: action.pk)
    shown = sorted(wishes, key=lambda item: page.index(item.text))
    assert shown == sorted(wishes, key=lambda item: item.pk)
