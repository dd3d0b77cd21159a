"""Reads the home pages share: each a fixed number of queries, whatever the data size."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from typing import TypedDict

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import (
    Action,
    ActionEvaluation,
    Competence,
    ContactKind,
    ContactMoment,
    Phase,
    PhaseChange,
    PopVersion,
    Trajectory,
    _count_of,
)
from plans.rules import coached_ids
from plans.variants import Variant
from popsite.accounts.models import (
    NAME_FIELDS,
    Membership,
    Organisation,
    Role,
    User,
    person_name,
    person_name_from,
)
from popsite.links import url_for_each


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


def coach_trajectories(user: User, today: datetime.date | None = None) -> list[CoachRow]:
    """The coach's running trajectories, by worker name, in two queries: the rows with
    their latest POP and contact days (index lookups per row), then the latest POPs'
    actions counted in one grouped query (five correlated counts per row cost three
    times as much)."""
    today = today or timezone.localdate()
    latest = PopVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
    contacts = ContactMoment.objects.filter(trajectory=OuterRef("pk"), date__lte=today)
    ahead_columns = _next_talk_columns(today)
    rows = list(
        Trajectory.objects.filter(pk__in=coached_ids(user))
        .exclude(phase=Phase.AFGEROND)
        .annotate(
            latest_pop_id=Subquery(latest.values("pk")[:1]),
            last_contact=Subquery(contacts.order_by("-date").values("date")[:1]),
            **ahead_columns,
        )
        .values_list(
            "pk",
            "phase",
            "worker__first_name",
            "worker__last_name",
            "worker__email",
            "worker__login_name",
            "organisation__name",
            "latest_pop_id",
            "last_contact",
            *ahead_columns,
        )
    )
    pops = [row[7] for row in rows if row[7] is not None]
    counts = {
        pop: (overdue, generic, technical)
        for pop, overdue, generic, technical in Action.objects.filter(pop__in=pops)
        .order_by()
        .values("pop")
        .annotate(
            overdue=Count("pk", filter=Q(deadline__lt=today, progress__lt=5)),
            generic=Count("pk", filter=Q(competence=Competence.GENERIC)),
            technical=Count("pk", filter=Q(competence=Competence.TECHNICAL)),
        )
        .values_list("pop", "overdue", "generic", "technical")
    }
    phases = {value: str(label) for value, label in Phase.choices}
    url = url_for_each("plans:trajectory")
    rows_out = []
    for pk, phase, first, last, email, login_name, organisation, pop, last_contact, *ahead in rows:
        next_contact = min((day for day in ahead if day is not None), default=None)
        overdue, generic, technical = counts.get(pop, (0, 0, 0))
        rows_out.append(
            CoachRow(
                pk=pk,
                url=url(pk),
                worker=person_name(first, last, email, login_name),
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
    return rows_out


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


def trajectories_per_organisation() -> QuerySet[Trajectory]:
    """The trajectories of the organisation of the outer query (the admin overview's count)."""
    return Trajectory.objects.filter(organisation=OuterRef("pk"))


def organisation_coaches(organisation_ids: list[int]) -> list[dict]:
    """Coaches of these organisations, each with the number of active trajectories there.

    One grouped query: the coaches' links to trajectories tested against the
    organisations' active trajectories read once (a hashed subquery, from an index);
    reading each coached trajectory's row by its key cost one index lookup per link (a
    coach has a hundred), and a correlated count per coach read every trajectory of the
    organisation once per coach."""
    coach_ids = Membership.objects.filter(
        role=Role.COACH, organisation__in=organisation_ids
    ).values("user")
    active_ids = (
        Trajectory.objects.filter(organisation__in=organisation_ids)
        .exclude(phase=Phase.AFGEROND)
        .values("pk")
    )
    active = Q(coached_trajectories__in=active_ids)
    rows = (
        User.objects.filter(pk__in=coach_ids)
        .annotate(active_trajectories=Count("coached_trajectories", filter=active))
        .order_by("last_name", "first_name", "pk")
        .values("pk", "active_trajectories", *NAME_FIELDS)
    )
    return [
        {
            "pk": r["pk"],
            "name": person_name_from(r),
            "active_trajectories": r["active_trajectories"],
        }
        for r in rows
    ]


def trainer_page(
    organisation_ids: list[int], coach_pk: int | None, page_number: str | None
) -> Page:
    """The trainer's active trajectories of these organisations (of one coach if given),
    50 a page, as rows of what the table shows: values, no model instances; the last
    contact and the overdue actions of the latest version as correlated subqueries, which
    PostgreSQL runs for the rows of the page only; the coaches in one query for the page."""
    trajectories = Trajectory.objects.filter(organisation__in=organisation_ids).exclude(
        phase=Phase.AFGEROND
    )
    if coach_pk is not None:
        # The coach's trajectories where they are a coach (rules.coached_ids).
        coach_organisations = Membership.objects.filter(user=coach_pk, role=Role.COACH)
        trajectories = trajectories.filter(
            coaches=coach_pk, organisation__in=coach_organisations.values("organisation")
        )
    # Counted without the join to the workers that the rows need for their names.
    paginator = Paginator(trajectories, 50)
    page = paginator.get_page(page_number)
    start = (page.number - 1) * paginator.per_page
    page.object_list = _trajectory_rows(trajectories, start, start + paginator.per_page)
    return page


def _trajectory_rows(trajectories: QuerySet[Trajectory], start: int, stop: int) -> list[dict]:
    today = timezone.localdate()
    latest = PopVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
    overdue = Action.objects.filter(
        pop=OuterRef("latest_pop_id"), deadline__lt=today, progress__lt=5
    )
    last_contact = ContactMoment.objects.filter(trajectory=OuterRef("pk"), date__lte=today)
    rows = list(
        trajectories.annotate(
            latest_pop_id=Subquery(latest.values("pk")[:1]),
            last_contact=Subquery(last_contact.order_by("-date").values("date")[:1]),
            overdue_actions=_count_of(overdue),
        ).values(
            "pk",
            "variant",
            "phase",
            "last_contact",
            "overdue_actions",
            *(f"worker__{f}" for f in NAME_FIELDS),
        )[start:stop]
    )
    coaches: dict[int, list[str]] = {row["pk"]: [] for row in rows}
    for coach in (
        Trajectory.coaches.through.objects.filter(trajectory__in=list(coaches))
        .order_by("user__last_name", "user__first_name", "user")
        .values("trajectory", *(f"user__{f}" for f in NAME_FIELDS))
    ):
        coaches[coach["trajectory"]].append(person_name_from(coach, "user__"))
    variants = {value: str(label) for value, label in Variant.choices}
    phases = {value: str(label) for value, label in Phase.choices}
    trajectory_url = url_for_each("plans:trajectory")
    return [
        {
            "url": trajectory_url(row["pk"]),
            "worker": person_name_from(row, "worker__"),
            "coaches": ", ".join(coaches[row["pk"]]),
            "variant": variants.get(row["variant"], row["variant"]),
            "phase": phases.get(row["phase"], row["phase"]),
            "last_contact": row["last_contact"],
            "overdue_actions": row["overdue_actions"],
        }
        for row in rows
    ]


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
    """What the coach's POP page shows, as ``pop_with_content`` but with fewer joins and
    queries: PostgreSQL plans a join of many nullable relations slower than it reads the
    rows (this version's row with six joins: 1.1 ms planning, with these five ~0.5 ms,
    reading it 0.3 ms). The next version's key (is this the latest?, ``next_version_id``)
    joins the row, not the whole version: a row made into an instance costs as much
    Python as a query; who confirmed and the previous version are read only where shown
    (a confirmed or a follow-up version); each goal's actions come from the version's
    actions (``attach_goal_actions``), not a query; the evaluations only for a follow-up
    (``attach_evaluations``). The actions' extra fields of the scan join the actions
    (0.03 ms more planning than without, a query fewer); where an item came from stays a
    query of its own (joined, it made each of the two reads cost more than that query).
    The talks are plain rows (``pop_talk_rows``)."""
    return (
        queryset.select_related("trajectory__worker", "trajectory__organisation", "reflection")
        .annotate(next_version_id=F("next_version__id"))
        .prefetch_related(
            "trajectory__coaches",
            "summary_items",
            "goals",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related(
                    "progress_changed_by", "method_detail__develops"
                ),
            ),
        )
    )


def attach_evaluations(pop: PopVersion) -> None:
    """The version's evaluations with their actions, read only for a follow-up: only a
    follow-up has them (``pop_start_follow_up`` makes them, ``pop_revise`` copies them to
    a version that stays a follow-up), so a first plan's list is known to be empty."""
    if pop.is_follow_up:
        evaluations = ActionEvaluation.objects.select_related("action")
        prefetch_related_objects([pop], Prefetch("evaluations", queryset=evaluations))
        return
    empty = pop.evaluations.get_queryset()
    empty._result_cache = []
    empty._prefetch_done = True
    if not hasattr(pop, "_prefetched_objects_cache"):
        pop._prefetched_objects_cache = {}
    pop._prefetched_objects_cache[ActionEvaluation.pop.field.remote_field.cache_name] = empty


def attach_goal_actions(pop: PopVersion) -> None:
    """Fill each prefetched goal's actions from the version's prefetched actions, in
    their order, so ``goal.actions.all`` reads no rows again."""
    by_goal: dict[int, list[Action]] = {}
    for action in pop.actions.all():
        if action.goal_id is not None:
            by_goal.setdefault(action.goal_id, []).append(action)
    for goal in pop.goals.all():
        # What prefetch_related itself stores: the relation's queryset, already filled.
        actions = goal.actions.get_queryset()
        actions._result_cache = by_goal.get(goal.pk, [])
        actions._prefetch_done = True
        if not hasattr(goal, "_prefetched_objects_cache"):
            goal._prefetched_objects_cache = {}
        goal._prefetched_objects_cache[Action.goal.field.remote_field.cache_name] = actions


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


def pop_talk_rows(trajectory_id: int) -> list[tuple[str, str]]:
    """The POP page's course of the trajectory: each contact moment's day (d/m/Y) and
    phase, as plain values."""
    phases = {value: str(label) for value, label in Phase.choices}
    return [
        (_day(day), phases.get(phase, phase))
        for day, phase in ContactMoment.objects.filter(trajectory=trajectory_id).values_list(
            "date", "phase"
        )
    ]


def pop_summary_rows(
    pop: PopVersion, delete_url: Callable[[int], str]
) -> list[tuple[str, list[dict]]]:
    """The prefetched summary by section (``summary_by_section``): each section's name
    and its items as dicts of what a line shows (the competence's name, empty without
    one) and its delete link."""
    return [
        (
            str(section.label),
            [
                {
                    "pk": item.pk,
                    "text": item.text,
                    "competence": item.get_competence_display() if item.competence else "",
                    "delete_url": delete_url(item.pk),
                }
                for item in items
            ],
        )
        for section, items in pop.summary_by_section()
    ]


class PopActionRow(TypedDict):
    """One line of the POP page's action table, its values formatted beforehand (a dict:
    the template finds its keys at the first try, a model's attributes after a failed
    one; each filter and condition of a row costs as much as a value)."""

    pk: int
    description: str
    carried: bool
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
    pop: PopVersion, urls: dict[str, Callable[[int], str]]
) -> list[PopActionRow]:
    """The rows of the version's prefetched actions (``pop_page``, with their
    ``detail_rows``), each with the links ``urls`` make of its key."""
    rows = []
    for action in pop.actions.all():
        by = action.progress_changed_by
        rows.append(
            PopActionRow(
                pk=action.pk,
                description=action.description,
                carried=action.carried_from_id is not None,
                detail_rows=action.detail_rows,
                helper=action.helper or "–",
                deadline=_day(action.deadline) or "–",
                expected_result=action.expected_result or "–",
                competence=action.get_competence_display(),
                progress=action.progress,
                progress_by=str(by) if by else "",
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
    extra fields, joined) and evaluations, and the talks not yet held."""
    newest = Trajectory.objects.filter(worker=user).order_by("-started_on", "-pk").values("pk")
    versions = list(
        PopVersion.objects.filter(trajectory=Subquery(newest[:1]))
        .select_related("trajectory")
        .order_by("number")
    )
    if versions:
        trajectory = versions[0].trajectory
    else:
        trajectory = Trajectory.objects.filter(worker=user).order_by("-started_on", "-pk").first()
    home = {"trajectory": trajectory, "pop": None, "draft": None, "can_mark": False}
    agreed, draft = _plans_shown(versions)
    if agreed is None and draft is None:
        return home
    shown = [v for v in (agreed, draft) if v is not None]
    prefetch_related_objects(
        shown,
        "summary_items",
        Prefetch("actions", queryset=Action.objects.select_related("method_detail__develops")),
    )
    # Only a follow-up evaluates the actions of the version before it.
    follow_ups = [v for v in shown if v.is_follow_up]
    if follow_ups:
        prefetch_related_objects(
            follow_ups,
            Prefetch("evaluations", queryset=ActionEvaluation.objects.select_related("action")),
        )
    for version in shown:
        if not version.is_follow_up:
            _prefetched_empty(version, "evaluations")
        attach_detail_rows(version, plain=True)
    latest_pk = versions[-1].pk
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
        open_talks=list(
            trajectory.progress_talks.filter(held_at__isnull=True).order_by("planned_on")
        ),
    )
    return home


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


def _prefetched_empty(instance: PopVersion, name: str) -> None:
    """What prefetching finds for a relation known to be empty, without the query."""
    empty = getattr(instance, name).all()
    empty._result_cache, empty._prefetch_done = [], True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = empty


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


def organisation_overview(organisation: Organisation) -> dict:
    """Counts for the ambassador: per phase, per variant, agreed this month, actions.

    Four queries, each driven by the organisation's trajectories (index on organisation),
    so none reads another organisation's rows: with the actions joined to every version
    the planner read all 20,000 versions at load data 1 and, at 0.2, every action."""
    per_phase: Counter = Counter()
    per_variant: Counter = Counter()
    trajectories = Trajectory.objects.filter(organisation=organisation).order_by()
    for phase, variant, n in trajectories.values_list("phase", "variant").annotate(n=Count("pk")):
        per_phase[phase] += n
        per_variant[variant] += n
    zone = timezone.get_current_timezone()
    month = timezone.localdate().replace(day=1)
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        (month + datetime.timedelta(days=31)).replace(day=1), datetime.time.min, tzinfo=zone
    )
    agreed_this_month = PopVersion.objects.filter(
        trajectory__organisation=organisation, agreed_at__gte=start, agreed_at__lt=end
    ).count()
    # The actions of each trajectory's latest version (as on the coach's home), both
    # counts in one pass: a version looked up per trajectory, its actions by index.
    latest = PopVersion.objects.filter(trajectory=OuterRef("pk")).order_by("-number")
    latest_pops = trajectories.values(pop=Subquery(latest.values("pk")[:1]))
    actions = Action.objects.filter(pop__in=latest_pops).aggregate(
        all=Count("pk"), done=Count("pk", filter=Q(progress=5))
    )
    done = actions["done"]
    return {
        "organisation": organisation,
        "total": per_phase.total(),
        "per_phase": [(phase.label, per_phase.get(phase.value, 0)) for phase in Phase],
        "per_variant": [(v.label, per_variant.get(v.value, 0)) for v in Variant],
        "agreed_this_month": agreed_this_month,
        "actions_done": done,
        "actions_open": actions["all"] - done,
    }


def organisations_for(user: User, role: str) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=user.organisation_ids(role))
