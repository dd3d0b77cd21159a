"""Reads the home pages share: each a fixed number of queries, whatever the data size."""

from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypedDict

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import (
    Action,
    ActionEvaluation,
    Competence,
    ContactKind,
    ContactMoment,
    Goal,
    Phase,
    PhaseChange,
    PopVersion,
    SummaryItem,
    Trajectory,
)
from plans.rules import coached_ids
from plans.variants import Variant
from popsite.accounts.models import NAME_FIELDS, Role, User, person_name
from popsite.links import url_for_each
from popsite.plain_sql import (
    StandIn,
    as_aware,
    as_date,
    compiled,
    filled,
    in_list,
    placeholders,
    prefetched,
)


class CoachRow(TypedDict):
    """One line of the coach home, all its values read and formatted beforehand (a
    dict: the template finds its keys at the first try, an object's after a failed
    one)."""

    pk: int
    url: str
    worker: str
    organisation: str
    phase: str
    last_contact: datetime.date | None
    next_contact: datetime.date | None
    last_contact_shown: str  # as d/m/Y, empty without a day
    next_contact_shown: str
    overdue_actions: int
    generic_actions: int
    technical_actions: int


# The talks ahead are planned with the methods app (a variant's moments): it gives the
# coach home its columns, one per kind of talk, whose earliest day is the next talk.
NextTalkColumns = Callable[[datetime.date], dict[str, Subquery]]
_next_talk_columns: NextTalkColumns = lambda today: {}  # noqa: E731


def provide_next_talk_columns(columns: NextTalkColumns) -> None:
    global _next_talk_columns
    _next_talk_columns = columns


@dataclass(frozen=True)
class LatestActions:
    """Every action of the latest POP of some running trajectories, as a page read them
    already: the reminders on that page take their actions due from these instead of
    reading them again (a new version is always the latest's next, so the latest by
    number is the one without a next version that the reminders read)."""

    # Each running trajectory's latest POP (None without one) and worker (id, name).
    trajectories: dict[int, tuple[int | None, int, str]]
    # (pk, trajectory, deadline, progress, description) of the actions of those POPs.
    actions: list[tuple[int, int, datetime.date | None, int, str]]


class CoachHome(NamedTuple):
    rows: list[CoachRow]
    latest_actions: LatestActions


_COACH = StandIn()


@functools.lru_cache(maxsize=8)
def _coach_rows_of(
    today: datetime.date, organisations: int
) -> tuple[str, tuple, tuple[StandIn, ...]]:
    """The coach home's row query for the day and a coach of this many organisations,
    compiled once per process with stand-ins for the coach (``_COACH``) and their
    organisations (returned): resolving and compiling its five subqueries cost the ORM
    more than the database spends on the query. SQL and parameters only, so it holds no
    rows. The coach's trajectories are found from their links, in their organisations as
    coach given as a list (as a subquery of the memberships it took PostgreSQL twice as
    long to plan)."""
    latest = PopVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
    contacts = ContactMoment.objects.filter(trajectory=OuterRef("pk"), date__lte=today)
    ahead_columns = _next_talk_columns(today)
    organisation_stand_ins = tuple(StandIn() for _ in range(organisations))
    coached = RawSQL(
        "SELECT tc.trajectory_id FROM plans_trajectory_coaches tc WHERE tc.user_id = %s",
        (_COACH,),
    )
    coaching_in = RawSQL(
        *in_list('"plans_trajectory"."organisation_id"', organisation_stand_ins),
        output_field=BooleanField(),
    )
    rows = (
        Trajectory.objects.exclude(phase=Phase.AFGEROND)
        .filter(coaching_in, pk__in=coached)
        .annotate(
            latest_pop_id=Subquery(latest.values("pk")[:1]),
            last_contact=Subquery(contacts.order_by("-date").values("date")[:1]),
            **ahead_columns,
        )
        .values_list(
            "pk",
            "phase",
            "worker_id",
            *(f"worker__{field}" for field in NAME_FIELDS),
            "organisation__name",
            "latest_pop_id",
            "last_contact",
            *ahead_columns,
        )
    )
    sql, params = compiled(rows)
    return sql, params, organisation_stand_ins


# The latest POPs' actions of the coach home's rows.
_COACH_ACTIONS_SQL = """
SELECT a.id, a.pop_id, a.deadline, a.progress, a.competence, a.description
  FROM plans_action a
 WHERE a.pop_id IN ({pops})
""".strip()


def coach_trajectories(user: User, today: datetime.date | None = None) -> CoachHome:
    """The coach's running trajectories, by worker name, in two queries: the rows with
    their latest POP and contact days (index lookups per row), then the latest POPs'
    actions, counted here (five correlated counts per row cost three times as much) and
    handed on to the page's reminders, which then need not read them. Both as SQL made
    beforehand (the rows' once a day), since building them cost more than running them."""
    today = today or timezone.localdate()
    organisation_ids = user.organisation_ids(Role.COACH)
    if not organisation_ids:
        return CoachHome([], LatestActions({}, []))
    sql, params, organisation_stand_ins = _coach_rows_of(today, len(organisation_ids))
    values = {_COACH: user.pk, **dict(zip(organisation_stand_ins, organisation_ids, strict=True))}
    with connection.cursor() as cursor:
        cursor.execute(sql, filled(params, values))
        rows = cursor.fetchall()
        trajectory_of = {row[8]: row[0] for row in rows if row[8] is not None}
        actions_read = []
        if trajectory_of:
            pops = list(trajectory_of)
            cursor.execute(_COACH_ACTIONS_SQL.format(pops=placeholders(pops)), pops)
            actions_read = cursor.fetchall()
    counts: dict[int, list[int]] = {}  # per trajectory: overdue, generic, technical
    actions = []
    for pk, pop, deadline, progress, competence, description in actions_read:
        deadline = as_date(deadline)
        trajectory = trajectory_of[pop]
        actions.append((pk, trajectory, deadline, progress, description))
        count = counts.setdefault(trajectory, [0, 0, 0])
        count[0] += deadline is not None and deadline < today and progress < 5
        count[1] += competence == Competence.GENERIC
        count[2] += competence == Competence.TECHNICAL
    phases = {value: str(label) for value, label in Phase.choices}
    url = url_for_each("plans:trajectory")
    rows_out = []
    latest: dict[int, tuple[int | None, int, str]] = {}
    for (
        pk,
        phase,
        worker_id,
        first,
        last,
        email,
        login_name,
        organisation,
        pop,
        last_contact,
        *ahead,
    ) in rows:
        last_contact = as_date(last_contact)
        next_contact = min((as_date(day) for day in ahead if day is not None), default=None)
        overdue, generic, technical = counts.get(pk, (0, 0, 0))
        worker = person_name(first, last, email, login_name)
        latest[pk] = (pop, worker_id, worker)
        rows_out.append(
            CoachRow(
                pk=pk,
                url=url(pk),
                worker=worker,
                organisation=organisation,
                phase=phases[phase],
                last_contact=last_contact,
                next_contact=next_contact,
                last_contact_shown=_day(last_contact),
                next_contact_shown=_day(next_contact),
                overdue_actions=overdue,
                generic_actions=generic,
                technical_actions=technical,
            )
        )
    return CoachHome(rows_out, LatestActions(latest, actions))


def _day(day: datetime.date | None) -> str:
    """What the date filter's "d/m/Y" shows, without a filter call per cell."""
    return day.strftime("%d/%m/%Y") if day else ""


def coach_archive(user: User, search: str = "") -> QuerySet[Trajectory]:
    """The coach's closed trajectories, newest closed first; a search matches any
    part of the worker's first or last name, or both."""
    closed_at = PhaseChange.objects.filter(
        trajectory=OuterRef("pk"), to_phase=Phase.AFGEROND
    ).order_by("-changed_at")
    trajectories = (
        Trajectory.objects.closed()
        .filter(pk__in=coached_ids(user))
        .select_related("worker", "organisation")
        .annotate(closed_at=Subquery(closed_at.values("changed_at")[:1]))
        .order_by("-closed_at", "-pk")
    )
    for word in search.split()[:5]:
        trajectories = trajectories.filter(
            Q(worker__first_name__icontains=word) | Q(worker__last_name__icontains=word)
        )
    return trajectories


def worker_trajectories(user: User) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(worker=user).select_related("organisation").with_overview()


# The trainer's home in plain SQL: building and compiling its four reads cost the ORM
# 0.5-1.5 ms each, more than the database takes to run three of them. Plain SQL that
# SQLite runs too.
_COACHES_SQL = """
SELECT u.id, u.first_name, u.last_name, u.email, u.login_name,
       COUNT(CASE WHEN tc.trajectory_id IN (
                 SELECT t.id FROM plans_trajectory t
                  WHERE t.organisation_id IN ({organisations}) AND t.phase <> %s
             ) THEN 1 END)
  FROM accounts_user u
  LEFT JOIN plans_trajectory_coaches tc ON tc.user_id = u.id
 WHERE u.id IN (SELECT m.user_id FROM accounts_membership m
                 WHERE m.role = %s AND m.organisation_id IN ({organisations}))
 GROUP BY u.id, u.first_name, u.last_name, u.email, u.login_name
 ORDER BY u.last_name, u.first_name, u.id
""".strip()


def organisation_coaches(organisation_ids: list[int]) -> list[dict]:
    """Coaches of these organisations, each with the number of active trajectories there.

    One grouped query: the coaches' links to trajectories tested against the
    organisations' active trajectories read once (a hashed subquery, from an index);
    reading each coached trajectory's row by its key cost one index lookup per link (a
    coach has a hundred), and a correlated count per coach read every trajectory of the
    organisation once per coach."""
    with connection.cursor() as cursor:
        cursor.execute(
            _COACHES_SQL.format(organisations=placeholders(organisation_ids)),
            [*organisation_ids, Phase.AFGEROND, Role.COACH, *organisation_ids],
        )
        rows = cursor.fetchall()
    return [
        {"pk": pk, "name": person_name(*name), "active_trajectories": active}
        for pk, *name, active in rows
    ]


# The trajectories a trainer lists: active, of their organisations, of one coach (where
# that coach is a coach: rules.coached_ids) if one is chosen.
_LISTED = """
t.organisation_id IN ({organisations}) AND t.phase <> %s
""".strip()
_OF_COACH = """
 AND t.id IN (SELECT tc.trajectory_id FROM plans_trajectory_coaches tc WHERE tc.user_id = %s)
 AND t.organisation_id IN (SELECT m.organisation_id FROM accounts_membership m
                            WHERE m.user_id = %s AND m.role = %s)
""".rstrip()

# A page of rows, sorted by the worker's name (Trajectory's ordering). Every column but
# the trajectory's own is a correlated subquery: PostgreSQL runs those of the sort (the
# worker's last and first name) for the organisation's active trajectories, by the
# users' key, and the others for the rows of the page only, after the sort. Joined, the
# workers were hashed from a read of every user in the database.
_ROWS_SQL = """
SELECT t.id, t.variant, t.phase,
       (SELECT u.last_name FROM accounts_user u WHERE u.id = t.worker_id) AS last_name,
       (SELECT u.first_name FROM accounts_user u WHERE u.id = t.worker_id) AS first_name,
       (SELECT u.email FROM accounts_user u WHERE u.id = t.worker_id),
       (SELECT u.login_name FROM accounts_user u WHERE u.id = t.worker_id),
       (SELECT c.date FROM plans_contactmoment c
         WHERE c.trajectory_id = t.id AND c.date <= %s
         ORDER BY c.date DESC LIMIT 1),
       (SELECT COUNT(*) FROM plans_action a
         WHERE a.pop_id = (SELECT v.id FROM plans_popversion v
                            WHERE v.trajectory_id = t.id
                            ORDER BY v.number DESC LIMIT 1)
           AND a.deadline < %s AND a.progress < 5)
  FROM plans_trajectory t
 WHERE {listed}
 ORDER BY last_name, first_name, t.id
 LIMIT %s OFFSET %s
""".strip()

# The coaches of a page's rows, each trajectory's sorted by name (as str(user)).
_ROW_COACHES_SQL = """
SELECT tc.trajectory_id, u.first_name, u.last_name, u.email, u.login_name
  FROM plans_trajectory_coaches tc
  JOIN accounts_user u ON u.id = tc.user_id
 WHERE tc.trajectory_id IN ({trajectories})
 ORDER BY u.last_name, u.first_name, u.id
""".strip()


def _listed(organisation_ids: list[int], coach_pk: int | None) -> tuple[str, list]:
    listed = _LISTED.format(organisations=placeholders(organisation_ids))
    if coach_pk is None:
        return listed, [*organisation_ids, Phase.AFGEROND]
    return listed + _OF_COACH, [*organisation_ids, Phase.AFGEROND, coach_pk, coach_pk, Role.COACH]


def trainer_page(
    organisation_ids: list[int], coach_pk: int | None, page_number: str | None
) -> Page:
    """The trainer's active trajectories of these organisations (of one coach if given),
    50 a page, as rows of what the table shows: values, no model instances."""
    listed, params = _listed(organisation_ids, coach_pk)
    with connection.cursor() as cursor:
        # Counted without the join to the workers that the rows need for their names.
        cursor.execute(f"SELECT COUNT(*) FROM plans_trajectory t WHERE {listed}", params)
        (count,) = cursor.fetchone()
    paginator = Paginator(range(count), 50)
    page = paginator.get_page(page_number)
    start = (page.number - 1) * paginator.per_page
    page.object_list = _trajectory_rows(listed, params, start, start + paginator.per_page)
    return page


def _trajectory_rows(listed: str, params: list, start: int, stop: int) -> list[dict]:
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            _ROWS_SQL.format(listed=listed), [today, today, *params, stop - start, start]
        )
        rows = cursor.fetchall()
        coaches: dict[int, list[str]] = {row[0]: [] for row in rows}
        if coaches:
            cursor.execute(
                _ROW_COACHES_SQL.format(trajectories=placeholders(list(coaches))), list(coaches)
            )
            for trajectory_id, *name in cursor.fetchall():
                coaches[trajectory_id].append(person_name(*name))
    variants = {value: str(label) for value, label in Variant.choices}
    phases = {value: str(label) for value, label in Phase.choices}
    trajectory_url = url_for_each("plans:trajectory")
    return [
        {
            "url": trajectory_url(pk),
            "worker": person_name(first_name, last_name, email, login_name),
            "coaches": ", ".join(coaches[pk]),
            "variant": variants.get(variant, variant),
            "phase": phases.get(phase, phase),
            "last_contact": _shown_day(last_contact),
            "overdue_actions": overdue,
        }
        for (
            pk,
            variant,
            phase,
            last_name,
            first_name,
            email,
            login_name,
            last_contact,
            overdue,
        ) in rows
    ]


def _shown_day(day: datetime.date | str | None) -> str:
    """A day as d/m/Y, a dash without one. SQLite hands a subquery's date back as text."""
    return _day(as_date(day)) or "–"


# A trajectory's coaches as prefetch_related("coaches") leaves them (whole users, in the
# model's order), read as a raw query that SQLite runs too: the ORM's prefetching of this
# one relation cost ~1.5 ms of Python a page, this read ~0.5 ms (the raw query still
# converts each column as the ORM does). Every page that fetches a trajectory, POP or
# worksheet through the rules reads them.
_TRAJECTORY_COACHES_SQL = """
SELECT u.*, tc.trajectory_id AS coached_trajectory_id
  FROM plans_trajectory_coaches tc
  JOIN accounts_user u ON u.id = tc.user_id
 WHERE tc.trajectory_id IN ({trajectories})
 ORDER BY u.last_name, u.first_name
""".strip()


def attach_coaches(trajectories: list[Trajectory]) -> None:
    keys = [trajectory.pk for trajectory in trajectories]
    coaches: dict[int, list[User]] = {key: [] for key in keys}
    sql = _TRAJECTORY_COACHES_SQL.format(trajectories=placeholders(keys))
    for coach in User.objects.raw(sql, keys):
        coaches[coach.coached_trajectory_id].append(coach)
    for trajectory in trajectories:
        prefetched(trajectory, "coaches", coaches[trajectory.pk])


def attach_trajectory_coaches(obj: PopVersion | Model) -> None:
    """``attach_coaches`` for the trajectory of a POP version or worksheet."""
    attach_coaches([obj.trajectory])


def pop_with_content(queryset: QuerySet[PopVersion]) -> QuerySet[PopVersion]:
    """Everything the POP page and its PDF show, in a fixed number of queries."""
    return queryset.select_related(
        "trajectory__worker",
        "trajectory__organisation",
        "coach_agreed_by",
        "previous",
        "reflection",
    ).prefetch_related(
        "trajectory__coaches",
        "trajectory__contact_moments",
        "summary_items",
        Prefetch("goals__actions"),
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("goal", "carried_from", "progress_changed_by"),
        ),
        "evaluations__action",
    )


def pop_page(queryset: QuerySet[PopVersion]) -> QuerySet[PopVersion]:
    """What the coach's POP page reads of the version through the ORM: the row and what
    the rules need (its trajectory's coaches), with fewer joins than ``pop_with_content``:
    PostgreSQL plans a join of many nullable relations slower than it reads the rows
    (this version's row with six joins: 1.1 ms planning, with these five ~0.5 ms,
    reading it 0.3 ms). The next version's key (is this the latest?,
    ``next_version_id``) joins the row, not the whole version: a row made into an
    instance costs as much Python as a query; who confirmed and the previous version
    are read only where shown (a confirmed or a follow-up version). The summary, goals
    and actions come in plain SQL (``attach_pop_content``), the evaluations only for a
    follow-up (``attach_evaluations``), the talks as plain rows (``pop_talk_rows``)."""
    return queryset.select_related(
        "trajectory__worker", "trajectory__organisation", "reflection"
    ).annotate(next_version_id=F("next_version__id"))


def attach_evaluations(pop: PopVersion) -> None:
    """The version's evaluations with their actions, read only for a follow-up: only a
    follow-up has them (``pop_start_follow_up`` makes them, ``pop_revise`` copies them to
    a version that stays a follow-up), so a first plan's list is known to be empty."""
    if pop.is_follow_up:
        evaluations = ActionEvaluation.objects.select_related("action")
        prefetch_related_objects([pop], Prefetch("evaluations", queryset=evaluations))
        return
    prefetched(pop, "evaluations", [])


# The POP page's summary, goals and actions in plain SQL that SQLite runs too: compiled
# by the ORM and made into prefetched relations, the three reads and the template tag's
# read of where items came from cost ~4 ms a view, in plain SQL ~1.3 ms. Where an item
# came from (a worksheet, methods' ``PopItemSource``: one per item at most) and an
# action's extra fields of the scan (``ActionDetail``, one at most, with the competence
# it develops) join the rows, through the relations ``method_source`` and
# ``method_detail`` that the ORM read before: a query fewer. The names of a source's
# method and of the competence are subqueries of one row each: with every table joined,
# PostgreSQL took 0.65 ms to plan the actions' read, with these 0.33 ms (running it,
# 0.02 ms more).
_POP_SUMMARY_SQL = """
SELECT s.id, s.section, s.text, s.competence, src.worksheet_id,
       (SELECT m.name FROM methods_worksheet w JOIN methods_method m ON m.id = w.method_id
         WHERE w.id = src.worksheet_id)
  FROM plans_summaryitem s
  LEFT JOIN methods_popitemsource src ON src.summary_item_id = s.id
 WHERE s.pop_id = %s
 ORDER BY s.id
""".strip()
_POP_SUMMARY_FIELDS = ["id", "pop_id", "section", "text", "competence"]
_POP_GOAL_FIELDS = ["id", "pop_id", "goal", "reason", "result", "timing", "evaluation"]
_POP_GOALS_SQL = """
SELECT g.id, g.pop_id, g.goal, g.reason, g.result, g.timing, g.evaluation
  FROM plans_goal g
 WHERE g.pop_id = %s
 ORDER BY g.id
""".strip()
# Each model's columns in its fields' order: ``from_db`` takes them by position.
_POP_ACTION_FIELDS = [
    "id",
    "pop_id",
    "goal_id",
    "description",
    "helper",
    "deadline",
    "expected_result",
    "competence",
    "progress",
    "carried_from_id",
    "progress_changed_by_id",
    "progress_changed_at",
]
_DETAIL_FIELDS = [
    "id",
    "action_id",
    "how_checked",
    "resources",
    "means",
    "why",
    "why_feasible",
    "kind",
    "develops_id",
]
_POP_ACTIONS_SQL = """
SELECT a.id, a.pop_id, a.goal_id, a.description, a.helper, a.deadline, a.expected_result,
       a.competence, a.progress, a.carried_from_id, a.progress_changed_by_id,
       a.progress_changed_at, u.first_name, u.last_name, u.email, u.login_name,
       d.id, d.action_id, d.how_checked, d.resources, d.means, d.why, d.why_feasible, d.kind,
       d.develops_id,
       (SELECT c.name FROM methods_competencedefinition c WHERE c.id = d.develops_id),
       src.worksheet_id,
       (SELECT m.name FROM methods_worksheet w JOIN methods_method m ON m.id = w.method_id
         WHERE w.id = src.worksheet_id)
  FROM plans_action a
  LEFT JOIN accounts_user u ON u.id = a.progress_changed_by_id
  LEFT JOIN methods_actiondetail d ON d.action_id = a.id
  LEFT JOIN methods_popitemsource src ON src.action_id = a.id
 WHERE a.pop_id = %s
 ORDER BY a.id
""".strip()


def attach_pop_content(pop: PopVersion) -> None:
    """The version's summary items, goals and actions as its prefetched relations (each
    goal's actions too, in their order), each summary item and action with ``source``
    (where it came from: the worksheet's key and method, or None) and each action with
    ``detail_rows`` (the scan's extra fields) and ``progress_by`` (who last marked its
    progress, empty when nobody did)."""
    with connection.cursor() as cursor:
        cursor.execute(_POP_SUMMARY_SQL, [pop.pk])
        summary = cursor.fetchall()
        cursor.execute(_POP_GOALS_SQL, [pop.pk])
        goals = [Goal.from_db(connection.alias, _POP_GOAL_FIELDS, row) for row in cursor]
        cursor.execute(_POP_ACTIONS_SQL, [pop.pk])
        action_rows = cursor.fetchall()
    items = []
    for pk, section, text, competence, worksheet_id, method in summary:
        item = SummaryItem.from_db(
            connection.alias, _POP_SUMMARY_FIELDS, (pk, pop.pk, section, text, competence)
        )
        item.source = (worksheet_id, method) if worksheet_id else None
        items.append(item)
    actions = [_pop_action(row) for row in action_rows]
    by_goal: dict[int, list[Action]] = {}
    for action in actions:
        if action.goal_id is not None:
            by_goal.setdefault(action.goal_id, []).append(action)
    for goal in goals:
        prefetched(goal, "actions", by_goal.get(goal.pk, []))
    prefetched(pop, "summary_items", items)
    prefetched(pop, "goals", goals)
    prefetched(pop, "actions", actions)


def _pop_action(row: tuple) -> Action:
    """An action of ``_POP_ACTIONS_SQL``'s row: its fields, who marked its progress (their
    name's columns), its extra fields' columns, the competence it develops, its source."""
    fields, names = len(_POP_ACTION_FIELDS), len(NAME_FIELDS)
    action = Action.from_db(connection.alias, _POP_ACTION_FIELDS, row[:fields])
    by, detail = row[fields : fields + names], row[fields + names : -3]
    develops, worksheet_id, method = row[-3:]
    action.progress_by = person_name(*by) if action.progress_changed_by_id else ""
    action.progress_changed_at = as_aware(action.progress_changed_at)
    action.detail_rows = _plain_detail_rows(detail, develops) if detail[0] else []
    action.source = (worksheet_id, method) if worksheet_id else None
    return action


def _plain_detail_rows(values: tuple, develops: str | None) -> list[tuple[str, str]]:
    """The rows of an action's extra fields (``ActionDetail.rows``) from its columns: the
    model is the methods app's, reached through the relation the ORM joined."""
    detail_model = Action.method_detail.related.related_model
    detail = detail_model.from_db(connection.alias, _DETAIL_FIELDS, values)
    if detail.develops_id:
        competence_model = detail_model._meta.get_field("develops").related_model
        detail.develops = competence_model(id=detail.develops_id, name=develops)
    return detail.rows(plain=False)


def trajectory_page_rows(trajectory: Trajectory) -> dict[str, list]:
    """The trajectory page's three lists as plain values with their texts and links made
    once (no model instance, choice label, date filter or reverse() per row): the course
    of the phases (when, d/m/Y H:i in local time; to which phase; by whom), the contact
    moments and the POP versions, newest first."""
    phases = {value: str(label) for value, label in Phase.choices}
    kinds = {value: str(label) for value, label in ContactKind.choices}
    changes = trajectory.phase_changes.values_list(
        "changed_at", "to_phase", *(f"changed_by__{field}" for field in NAME_FIELDS)
    )
    contact_url = url_for_each("plans:contact-edit", trajectory.pk)
    contacts = trajectory.contact_moments.values_list(
        "pk", "date", "phase", "kind", "duration_minutes"
    )
    pop_url = url_for_each("plans:pop")
    versions = trajectory.pop_versions.order_by("-number").values_list(
        "pk", "number", "is_follow_up", "agreed_at"
    )
    return {
        "phase_rows": [
            (
                timezone.localtime(at).strftime("%d/%m/%Y %H:%M"),
                phases.get(phase, phase),
                person_name(*name),
            )
            for at, phase, *name in changes
        ],
        "contact_rows": [
            {
                "day": _day(day),
                "phase": phases.get(phase, phase),
                "kind": kinds.get(kind, kind),
                "minutes": minutes,
                "edit_url": contact_url(pk),
            }
            for pk, day, phase, kind, minutes in contacts
        ],
        "pop_rows": [
            {
                "url": pop_url(pk),
                "number": number,
                "is_follow_up": is_follow_up,
                "agreed_on": _local_day(agreed_at),
            }
            for pk, number, is_follow_up, agreed_at in versions
        ],
    }


_POP_TALKS_SQL = """
SELECT c.date, c.phase
  FROM plans_contactmoment c
 WHERE c.trajectory_id = %s
 ORDER BY c.date, c.id
""".strip()


def pop_talk_rows(trajectory_id: int) -> list[tuple[str, str]]:
    """The POP page's course of the trajectory: each contact moment's day (d/m/Y) and
    phase, as plain values (in plain SQL, ContactMoment's order: the ORM's reading cost
    more Python than the database takes)."""
    phases = {value: str(label) for value, label in Phase.choices}
    with connection.cursor() as cursor:
        cursor.execute(_POP_TALKS_SQL, [trajectory_id])
        talks = cursor.fetchall()
    return [(_day(day), phases.get(phase, phase)) for day, phase in talks]


def pop_summary_rows(
    pop: PopVersion, delete_url: Callable[[int], str], source_url: Callable[[int], str]
) -> list[tuple[str, list[dict]]]:
    """The summary of ``attach_pop_content`` by section (``summary_by_section``): each
    section's name and its items as dicts of what a line shows (the competence's name,
    empty without one; the worksheet it came from and its method, empty without one) and
    its delete link."""
    return [
        (
            str(section.label),
            [
                {
                    "pk": item.pk,
                    "text": item.text,
                    "competence": item.get_competence_display() if item.competence else "",
                    "delete_url": delete_url(item.pk),
                    **_source(item.source, source_url),
                }
                for item in items
            ],
        )
        for section, items in pop.summary_by_section()
    ]


def _source(source: tuple[int, str] | None, source_url: Callable[[int], str]) -> dict[str, str]:
    if source is None:
        return {"source_url": "", "source_method": ""}
    worksheet_id, method = source
    return {"source_url": source_url(worksheet_id), "source_method": method}


class PopActionRow(TypedDict):
    """One line of the POP page's action table, its values formatted beforehand (a dict:
    the template finds its keys at the first try, a model's attributes after a failed
    one; each filter and condition of a row costs as much as a value)."""

    pk: int
    description: str
    carried: bool
    source_url: str  # the worksheet it came from, empty when none
    source_method: str  # that worksheet's method
    detail_rows: list[tuple[str, str]]
    helper: str  # "–" when nobody
    deadline: str  # d/m/Y, "–" without a day
    expected_result: str  # "–" when empty
    competence: str
    progress: int
    progress_by: str  # who last marked the progress, empty when nobody did
    progress_on: str  # when, d/m/Y in local time
    urls: dict[str, str]


def pop_action_rows(
    pop: PopVersion, urls: dict[str, Callable[[int], str]], source_url: Callable[[int], str]
) -> list[PopActionRow]:
    """The rows of the version's actions of ``attach_pop_content``, each with the links
    ``urls`` make of its key."""
    rows = []
    for action in pop.actions.all():
        by = action.progress_by
        rows.append(
            PopActionRow(
                pk=action.pk,
                description=action.description,
                carried=action.carried_from_id is not None,
                **_source(action.source, source_url),
                detail_rows=action.detail_rows,
                helper=action.helper or "–",
                deadline=_day(action.deadline) or "–",
                expected_result=action.expected_result or "–",
                competence=action.get_competence_display(),
                progress=action.progress,
                progress_by=by,
                progress_on=_local_day(action.progress_changed_at) if by else "",
                urls={name: url(action.pk) for name, url in urls.items()},
            )
        )
    return rows


def _local_day(moment: datetime.datetime | None) -> str:
    """What the date filter's "d/m/Y" shows of a moment: its day in local time."""
    return _day(timezone.localtime(moment)) if moment else ""


def worker_plans(trajectory: Trajectory) -> tuple[PopVersion | None, PopVersion | None]:
    """The plan that counts for the worker (the last agreed version) and the draft
    shown beside it: a follow-up draft only once the coach marked it ready; the
    first draft always, since there is nothing else yet. The worker's page shows the
    summary, the goal and the actions, so only those are fetched, in one query each."""
    versions = list(
        trajectory.pop_versions.filter(_last_agreed_or_latest(trajectory))
        .select_related("reflection")
        .prefetch_related(
            "summary_items",
            Prefetch("actions", queryset=Action.objects.select_related("progress_changed_by")),
            Prefetch("evaluations", queryset=ActionEvaluation.objects.select_related("action")),
        )
        .order_by("number")
    )
    return _plans_shown(versions)


def _plans_shown(versions: list[PopVersion]) -> tuple[PopVersion | None, PopVersion | None]:
    """The rule of ``worker_plans`` over the last agreed and the latest version."""
    agreed = next((v for v in reversed(versions) if v.is_agreed), None)
    draft = versions[-1] if versions and not versions[-1].is_agreed else None
    if draft is not None and agreed is not None and not draft.is_ready_for_worker:
        draft = None
    return agreed, draft


def worker_home(user: User) -> dict:
    """Everything the worker's home shows but the reminders and the next talk, in a
    fixed number of queries: the versions of the newest trajectory with that trajectory
    joined (no overview counts: the page shows none; a trajectory has a handful of
    versions, their rows cost less than picking two in the database), then for the last
    agreed and the latest version only their summary, actions (each with the scan's
    extra fields, joined) and evaluations, and the talks not yet held. The latest
    version's actions, when it is one shown, serve the page's reminders too
    (``latest_actions``)."""
    newest = Trajectory.objects.filter(worker=user).order_by("-started_on", "-pk").values("pk")
    versions = sorted(
        PopVersion.objects.filter(trajectory=Subquery(newest[:1]))
        .select_related("trajectory")
        .order_by(),
        key=lambda version: version.number,
    )
    if versions:
        trajectory = versions[0].trajectory
    else:
        trajectory = Trajectory.objects.filter(worker=user).order_by("-started_on", "-pk").first()
    home = {"trajectory": trajectory, "pop": None, "draft": None, "can_mark": False}
    agreed, draft = _plans_shown(versions)
    if agreed is None and draft is None:
        if trajectory is not None and not versions:
            home["latest_actions"] = _worker_latest_actions(user, trajectory.pk, None)
        return home
    shown = [v for v in (agreed, draft) if v is not None]
    _prefetch(shown, "summary_items", SummaryItem.objects.all())
    _prefetch(shown, "actions", Action.objects.select_related("method_detail__develops"))
    # Only a follow-up evaluates the actions of the version before it.
    follow_ups = [v for v in shown if v.is_follow_up]
    if follow_ups:
        _prefetch(
            follow_ups,
            "evaluations",
            ActionEvaluation.objects.select_related("action"),
            key=lambda evaluation: evaluation.action_id,
        )
    for version in shown:
        if not version.is_follow_up:
            prefetched(version, "evaluations", [])
        attach_detail_rows(version, plain=True)
    latest_pk = versions[-1].pk
    latest = next((v for v in shown if v.pk == latest_pk), None)
    if latest is not None:
        home["latest_actions"] = _worker_latest_actions(user, trajectory.pk, latest)
    can_mark = agreed is not None and agreed.pk == latest_pk
    if can_mark:
        progress_url = url_for_each("plans:action-progress", agreed.pk)
        for action in agreed.actions.all():
            action.progress_url = progress_url(action.pk)
            action.boxes = _progress_boxes(action.progress)
    home.update(
        pop=agreed or draft,
        draft=draft if agreed else None,
        # Progress is marked on the agreed plan, while no newer version is being made.
        can_mark=can_mark,
        # The agreed plan holds while the coach makes a new one the worker cannot see yet.
        newer_in_making=agreed is not None and draft is None and agreed.pk != latest_pk,
        open_talks=sorted(
            trajectory.progress_talks.filter(held_at__isnull=True).order_by(),
            key=lambda talk: (talk.planned_on, talk.pk),
        ),
    )
    return home


def _worker_latest_actions(
    user: User, trajectory_id: int, latest: PopVersion | None
) -> LatestActions:
    """The newest trajectory's latest POP as the page read it (its actions prefetched),
    for the page's reminders, which then read no actions of that trajectory. Only when
    the latest version is one the page shows: a draft the worker does not see yet is
    not read, and the reminders read its actions themselves."""
    actions = [] if latest is None else latest.actions.all()
    return LatestActions(
        {trajectory_id: (latest.pk if latest else None, user.pk, str(user))},
        [(a.pk, trajectory_id, a.deadline, a.progress, a.description) for a in actions],
    )


def _progress_boxes(progress: int) -> list[tuple[int, str, str, str]]:
    """The five boxes a worker taps to say how far an action is (``_progress_boxes.html``):
    each one's value, class, whether it is the current one and its label, worked out
    here once instead of three conditions and a translation per box in the template."""
    return [
        (
            n,
            "box filled" if n <= progress else "box",
            "true" if n == progress else "false",
            _("%(n)s op 5") % {"n": n},
        )
        for n in range(1, 6)
    ]


def _prefetch(
    versions: list[PopVersion],
    name: str,
    rows: QuerySet,
    key: Callable[[Model], object] = lambda row: row.pk,
) -> None:
    """What ``prefetch_related_objects(versions, name)`` gives, in one query of ``rows``
    read unordered and sorted here by ``key`` (the model's ordering): on a worker's
    handful of rows, ordering in the query and prefetching's own machinery cost the ORM
    more (~0.5 ms a relation) than the query costs the database."""
    of: dict[int, list[Model]] = {version.pk: [] for version in versions}
    for row in rows.filter(pop__in=list(of)).order_by():
        of[row.pop_id].append(row)
    for version in versions:
        for row in of[version.pk]:
            row.pop = version
        prefetched(version, name, sorted(of[version.pk], key=key))


def attach_detail_rows(pop: PopVersion, *, plain: bool) -> None:
    """Each prefetched action's ``detail_rows``: the scan's extra fields, read with the
    actions (``method_detail`` joined), in the worker's words when ``plain``."""
    for action in pop.actions.all():
        action.detail_rows = _detail_rows(action, plain)


def _detail_rows(action: Action, plain: bool) -> list[tuple[str, str]]:
    try:
        detail = action.method_detail
    except ObjectDoesNotExist:
        return []
    return detail.rows(plain=plain)


def worker_sees_version(trajectory: Trajectory) -> Q:
    """The rule of ``worker_plans`` for every list of versions a worker reads (portfolio,
    comparison, growth): a draft after an agreed version only once the coach marked it
    ready or confirmed it. One condition, so each list stays one query."""
    agreed_exists = Exists(trajectory.pop_versions.filter(agreed_at__isnull=False))
    unready_draft = Q(agreed_at__isnull=True, ready_at__isnull=True, coach_agreed_at__isnull=True)
    return ~(unready_draft & agreed_exists)


def worker_sees(versions: list[PopVersion]) -> list[PopVersion]:
    """``worker_sees_version`` on versions read already: all of a trajectory's, so
    whether one is agreed is known without the subquery."""
    agreed_exists = any(v.agreed_at is not None for v in versions)
    return [
        v
        for v in versions
        if not (
            agreed_exists
            and v.agreed_at is None
            and v.ready_at is None
            and v.coach_agreed_at is None
        )
    ]


def _last_agreed_or_latest(trajectory: Trajectory) -> Q:
    """Both as subqueries of the one query that fetches the versions."""
    versions = trajectory.pop_versions.order_by("-number")
    last_agreed = versions.filter(agreed_at__isnull=False).values("pk")[:1]
    return Q(pk__in=last_agreed) | Q(pk__in=versions.values("pk")[:1])


def talks_with_worker(trajectory: Trajectory, until: datetime.date) -> list[ContactMoment]:
    """The talks the POP document and the consent list (draaiboek §4.3: "enkel de data
    waarop er een gesprek heeft plaatsgevonden"): held with the worker on or before
    ``until`` (the agreement), so no future talk and no meeting without the worker.
    Reads the prefetched contact moments."""
    return sorted(
        (
            c
            for c in trajectory.contact_moments.all()
            if c.date <= until and c.kind != ContactKind.INTERIM
        ),
        key=lambda c: (c.date, c.pk),
    )


# The ambassador's organisations with their counts in one query, each part driven by
# an index on the organisation, so none reads another organisation's rows: the names;
# per phase and variant; the versions agreed this month; the actions of each
# trajectory's latest version (as on the coach's home), all and done, from the stored
# latest versions (LatestPop: one index range per organisation instead of looking the
# latest version of each of its 1,000 trajectories up, 5-9 -> 4.5 ms at load data 1).
# On PostgreSQL every part reads indexes only (the covering indexes of Trajectory,
# PopVersion, LatestPop and Action): hence COUNT(*), not COUNT(a.id), which would fetch
# each action's row for its id. Plain SQL that SQLite runs too. Sorted by part, then
# name: the organisations come in the database's order of their names.
_OVERVIEW_SQL = """
SELECT o.id, 'name', o.name, '', 0, 0
  FROM accounts_organisation o
 WHERE o.id IN ({organisations})
UNION ALL
SELECT t.organisation_id, 'phase', t.phase, t.variant, COUNT(*), 0
  FROM plans_trajectory t
 WHERE t.organisation_id IN ({organisations})
 GROUP BY t.organisation_id, t.phase, t.variant
UNION ALL
SELECT t.organisation_id, 'agreed', '', '', COUNT(*), 0
  FROM plans_popversion v
  JOIN plans_trajectory t ON t.id = v.trajectory_id
 WHERE t.organisation_id IN ({organisations})
   AND v.agreed_at >= %s AND v.agreed_at < %s
 GROUP BY t.organisation_id
UNION ALL
SELECT latest.organisation_id, 'actions', '', '',
       COUNT(*), COUNT(CASE WHEN a.progress = 5 THEN 1 END)
  FROM plans_latestpop latest
  JOIN plans_action a ON a.pop_id = latest.pop_id
 WHERE latest.organisation_id IN ({organisations})
 GROUP BY latest.organisation_id
 ORDER BY 2, 3
""".strip()


def organisation_overviews(organisation_ids: list[int]) -> list[dict]:
    """Counts for the ambassador, per organisation (by name): per phase, per variant,
    agreed this month, actions done and open."""
    zone = timezone.get_current_timezone()
    month = timezone.localdate().replace(day=1)
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        (month + datetime.timedelta(days=31)).replace(day=1), datetime.time.min, tzinfo=zone
    )
    ids = list(organisation_ids)
    month_bounds = [connection.ops.adapt_datetimefield_value(day) for day in (start, end)]
    names: dict[int, str] = {}
    per_phase: dict[int, Counter] = defaultdict(Counter)
    per_variant: dict[int, Counter] = defaultdict(Counter)
    agreed: Counter = Counter()
    actions: dict[int, tuple[int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            _OVERVIEW_SQL.format(organisations=placeholders(ids)),
            [*ids, *ids, *ids, *month_bounds, *ids],
        )
        for organisation, part, key, variant, n, done in cursor.fetchall():
            if part == "name":
                names[organisation] = key
            elif part == "phase":
                per_phase[organisation][key] += n
                per_variant[organisation][variant] += n
            elif part == "agreed":
                agreed[organisation] = n
            else:
                actions[organisation] = (n, done)
    # Plain strings, translated once: a lazy label costs the template a translation each
    # time it shows one, for every organisation.
    phase_labels = [(phase.value, str(phase.label)) for phase in Phase]
    variant_labels = [(variant.value, str(variant.label)) for variant in Variant]
    overviews = []
    for organisation, name in names.items():
        phases, variants = per_phase[organisation], per_variant[organisation]
        n, done = actions.get(organisation, (0, 0))
        overviews.append(
            {
                "organisation": name,
                "total": phases.total(),
                "per_phase": [(label, phases.get(value, 0)) for value, label in phase_labels],
                "per_variant": [(label, variants.get(value, 0)) for value, label in variant_labels],
                "agreed_this_month": agreed[organisation],
                "actions_done": done,
                "actions_open": n - done,
            }
        )
    return overviews
