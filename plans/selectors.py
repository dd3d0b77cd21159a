"""Reads the home pages share: each a fixed number of queries, whatever the data size."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from plans.models import (
    Action,
    ActionEvaluation,
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
from popsite.accounts.models import Membership, Organisation, Role, User


def coach_trajectories(user: User) -> QuerySet[Trajectory]:
    return (
        Trajectory.objects.filter(pk__in=coached_ids(user))
        .exclude(phase=Phase.AFGEROND)
        .select_related("worker", "organisation")
        .with_overview()
    )


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


PERSON_FIELDS = ("first_name", "last_name", "email", "login_name")


def person_name(row: dict, prefix: str = "") -> str:
    """What ``str(user)`` shows, from the values of a list query (no model instance)."""
    first, last, email, login_name = (row[prefix + f] for f in PERSON_FIELDS)
    return f"{first} {last}".strip() or email or login_name or ""


def url_with_pk(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many pks: reversed once, the pk put in its place."""
    marker = 987654321
    url = reverse(name, args=[marker])
    assert url.count(str(marker)) == 1
    before, after = url.split(str(marker))
    return lambda pk: f"{before}{int(pk)}{after}"


def organisation_coaches(organisation_ids: list[int]) -> list[dict]:
    """Coaches of these organisations, each with the number of active trajectories there.

    One grouped query: an index lookup per coached trajectory; a correlated count per
    coach read every trajectory of the organisation once per coach."""
    coach_ids = Membership.objects.filter(
        role=Role.COACH, organisation__in=organisation_ids
    ).values("user")
    active = Q(coached_trajectories__organisation__in=organisation_ids) & ~Q(
        coached_trajectories__phase=Phase.AFGEROND
    )
    rows = (
        User.objects.filter(pk__in=coach_ids)
        .annotate(active_trajectories=Count("coached_trajectories", filter=active))
        .order_by("last_name", "first_name", "pk")
        .values("pk", "active_trajectories", *PERSON_FIELDS)
    )
    return [
        {"pk": r["pk"], "name": person_name(r), "active_trajectories": r["active_trajectories"]}
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
            *(f"worker__{f}" for f in PERSON_FIELDS),
        )[start:stop]
    )
    coaches: dict[int, list[str]] = {row["pk"]: [] for row in rows}
    for coach in (
        Trajectory.coaches.through.objects.filter(trajectory__in=list(coaches))
        .order_by("user__last_name", "user__first_name", "user")
        .values("trajectory", *(f"user__{f}" for f in PERSON_FIELDS))
    ):
        coaches[coach["trajectory"]].append(person_name(coach, "user__"))
    variants = {value: str(label) for value, label in Variant.choices}
    phases = {value: str(label) for value, label in Phase.choices}
    trajectory_url = url_with_pk("plans:trajectory")
    return [
        {
            "url": trajectory_url(row["pk"]),
            "worker": person_name(row, "worker__"),
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
    agreed = next((v for v in reversed(versions) if v.is_agreed), None)
    draft = versions[-1] if versions and not versions[-1].is_agreed else None
    if draft is not None and agreed is not None and not draft.is_ready_for_worker:
        draft = None
    return agreed, draft


def worker_sees_version(trajectory: Trajectory) -> Q:
    """The rule of ``worker_plans`` for every list of versions a worker reads (portfolio,
    comparison, growth): a draft after an agreed version only once the coach marked it
    ready or confirmed it. One condition, so each list stays one query."""
    agreed_exists = Exists(trajectory.pop_versions.filter(agreed_at__isnull=False))
    unready_draft = Q(agreed_at__isnull=True, ready_at__isnull=True, coach_agreed_at__isnull=True)
    return ~(unready_draft & agreed_exists)


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
