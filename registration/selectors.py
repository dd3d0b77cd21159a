"""Reads for the registration: the month, the completion rule, and what is missing.

The completion rule (draaiboek §4.4, issue 4) lives here and nowhere else:
a trajectory is *completed* at the moment its **first** POP version was agreed
(``PopVersion.agreed_at`` of the earliest agreed version), and it is completed in
month M when that moment falls in M in local time (``settings.TIME_ZONE``).
A revision or a follow-up POP agreed later does not complete it again: the
registration counts trajectories, and each one is reported to VDAB once.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    Field,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import Action, Competence, ContactMoment, PopVersion, Trajectory
from plans.selectors import talks_with_worker
from popsite.accounts.models import NAME_FIELDS, Organisation, User, person_name
from popsite.bounds import in_sane_range
from popsite.files import file_readable
from popsite.links import url_for_each
from popsite.plain_sql import StandIn, as_date, compiled, filled, placeholders
from registration.models import Attendance, Consent, ExportJob, HoursSheet, Training


def consent_contacts(
    trajectory: Trajectory, until: datetime.date | None = None
) -> list[ContactMoment]:
    """The contact moments the consent lists, on the page, on paper and in the package
    alike: the talks held with the worker on or before the agreement (the completion,
    ``until``; today while no version is agreed), the same as the POP document's
    "Verloop POP-traject"."""
    if until is None:
        agreed = (
            trajectory.pop_versions.filter(agreed_at__isnull=False)
            .order_by("agreed_at")
            .values_list("agreed_at", flat=True)
            .first()
        )
        until = timezone.localtime(agreed).date() if agreed else timezone.localdate()
    return talks_with_worker(trajectory, until)


def consent_fingerprint(contacts: list[ContactMoment]) -> str:
    """Names what a consent page showed: a confirmation of anything else is refused."""
    shown = "|".join(f"{c.pk}:{c.date.isoformat()}:{c.phase}" for c in contacts)
    return hashlib.sha256(shown.encode()).hexdigest()[:32]


def parse_month(value: str) -> datetime.date:
    """'2026-11' -> 1 November 2026; ValueError for anything else, a month before
    2000 or after 2100 included (no registration lies there, and month arithmetic
    around year 1 or 9999 overflows)."""
    month = datetime.datetime.strptime(value.strip(), "%Y-%m").date()
    if not in_sane_range(month):
        raise ValueError(value)
    return month


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month as [start, end) in local time, so 1 November 00:30 in Brussels is November."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(month.replace(day=1), datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(next_month(month), datetime.time.min, tzinfo=zone)
    return start, end


# The package's order of the trajectories, and the check's.
EXPORT_ORDER = ("organisation__slug", "worker__last_name", "worker__first_name", "pk")


def _first_agreed() -> QuerySet[PopVersion]:
    return PopVersion.objects.filter(trajectory=OuterRef("pk"), agreed_at__isnull=False).order_by(
        "agreed_at", "number"
    )


def with_completion(queryset: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    """Annotate ``completed_at`` (when the first POP version was agreed, or None) and
    ``completing_pop_id`` (that version)."""
    first = _first_agreed()
    return queryset.annotate(
        completed_at=Subquery(first.values("agreed_at")[:1], output_field=DateTimeField()),
        completing_pop_id=Subquery(first.values("pk")[:1], output_field=IntegerField()),
    )


@functools.cache
def _first_agreed_at() -> Subquery:
    # A shape without per-request values, built once (see _check_trajectories); each
    # filter() resolves a copy of it.
    return Subquery(
        PopVersion.objects.filter(trajectory=OuterRef("pk"), agreed_at__isnull=False)
        .order_by("agreed_at")
        .values("agreed_at")[:1]
    )


def _completed(
    queryset: QuerySet, month: datetime.date, organisation_ids: list[int] | None
) -> QuerySet:
    """``queryset`` (of trajectories) narrowed to those completed in ``month``."""
    return _completed_between(queryset, *month_bounds(month), organisation_ids)


def _completed_between(
    queryset: QuerySet,
    start: datetime.datetime | RawSQL,
    end: datetime.datetime | RawSQL,
    organisation_ids: list[int] | RawSQL | None,
) -> QuerySet:
    """``_completed`` for the month's [start, end): values, or the stand-ins of a read
    compiled beforehand (``_check_reads``)."""
    if organisation_ids is None:
        # Every organisation: the month's agreements once (the planner hashes them),
        # and for those trajectories one index probe for an earlier one.
        versions = PopVersion.objects.filter(trajectory=OuterRef("pk"))
        return queryset.filter(
            Exists(versions.filter(agreed_at__gte=start, agreed_at__lt=end)),
            ~Exists(versions.filter(agreed_at__lt=start)),
        )
    # A few organisations: each of their trajectories' first agreement, one index-only
    # probe on (trajectory, agreed_at). As EXISTS, the planner hashed the month's
    # agreements of every organisation, which grow with data the page does not show.
    first = _first_agreed_at()
    return queryset.filter(
        GreaterThanOrEqual(first, start), LessThan(first, end), organisation__in=organisation_ids
    )


def completed_in(
    month: datetime.date, organisation_ids: list[int] | None = None
) -> QuerySet[Trajectory]:
    """THE rule: trajectories completed in ``month`` (see the module docstring): the
    first agreement falls in the month."""
    return with_completion(_completed(Trajectory.objects.all(), month, organisation_ids))


def completion_date(trajectory: Trajectory) -> datetime.date:
    return timezone.localtime(trajectory.completed_at).date()


def _action_count(competence: str) -> Coalesce:
    counted = (
        Action.objects.filter(pop=OuterRef("completing_pop_id"), competence=competence)
        .order_by()
        .values("pop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def export_trajectories(
    month: datetime.date, organisation_ids: list[int] | None
) -> QuerySet[Trajectory]:
    """Everything the overview sheet and the documents need, in a fixed number of
    queries per chunk; sorted so that a re-run gives the same package."""
    queryset = completed_in(month, organisation_ids).annotate(
        generic_actions=_action_count(Competence.GENERIC),
        technical_actions=_action_count(Competence.TECHNICAL),
        other_actions=_action_count(Competence.OTHER),
    )
    return (
        queryset.select_related("worker", "organisation", "consent")
        .prefetch_related(
            "coaches",
            Prefetch("contact_moments", queryset=ContactMoment.objects.order_by("date", "pk")),
        )
        .order_by(*EXPORT_ORDER)
    )


def trainings_in(month: datetime.date, organisation_ids: list[int] | None) -> QuerySet[Training]:
    queryset = Training.objects.filter(date__gte=month, date__lt=next_month(month))
    if organisation_ids is not None:
        queryset = queryset.filter(organisation__in=organisation_ids)
    return (
        queryset.select_related("organisation", "trainer")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("person"))
        )
        .annotate(present_count=Count("attendances", filter=Q(attendances__present=True)))
        .order_by("date", "organisation__slug", "pk")
    )


def hours_sheets_for_export(
    month: datetime.date, organisation_ids: list[int] | None
) -> tuple[list[HoursSheet], list[Organisation]]:
    """Part 4: the hours sheets of the month for the organisations in scope, and the
    organisations whose guidance completed in the month (a trajectory completed)
    without a sheet."""
    sheets_list = _hours_sheets(month, organisation_ids)
    with_sheet = {s.organisation_id for s in sheets_list}
    completed_orgs = completed_in(month, organisation_ids).values("organisation")
    without = Organisation.objects.filter(pk__in=completed_orgs).exclude(pk__in=with_sheet)
    return sheets_list, list(without.order_by("slug"))


def _hours_sheets(month: datetime.date, organisation_ids: list[int] | None) -> list[HoursSheet]:
    sheets = HoursSheet.objects.filter(month=month).select_related("organisation")
    if organisation_ids is not None:
        sheets = sheets.filter(organisation__in=organisation_ids)
    return list(sheets.order_by("organisation__slug"))


class Missing(NamedTuple):
    """One document that is not there yet, with where to fix it (a tuple: made for every
    row of the check, 150 and more)."""

    kind: str
    organisation: str
    text: str
    url: str
    # A consent the package must leave out, with its POP and row.
    trajectory_id: int | None = None


# The check's query shapes, built once and read as values: the ORM's resolving of their
# joins and columns cost more than the database did, and so did a model per row. Each
# check filters a copy (filter() returns a new queryset), so these are never evaluated
# themselves and hold no rows.
@functools.cache
def _check_trajectories() -> QuerySet:
    # The consent joined in on its unique trajectory: one row each or none.
    return Trajectory.objects.order_by(*EXPORT_ORDER).values_list(
        "pk",
        "organisation",
        "organisation__slug",
        "organisation__name",
        *(f"worker__{f}" for f in NAME_FIELDS),
        "consent__pk",
        "consent__scan",
        "consent__worker_confirmed_at",
        "consent__coach_confirmed_at",
    )


@functools.cache
def _check_sheets() -> QuerySet:
    return HoursSheet.objects.order_by("organisation__slug").values_list(
        "organisation", "organisation__slug", "organisation__name", "scan"
    )


@functools.cache
def _check_trainings() -> QuerySet:
    # Whether anyone was marked present: the attendances themselves are not shown.
    present = Attendance.objects.filter(training=OuterRef("pk"), present=True)
    return (
        Training.objects.annotate(anyone_present=Exists(present))
        .order_by("date", "organisation__slug", "pk")
        .values_list("pk", "date", "topic", "organisation__name", "scan", "anyone_present")
    )


_START, _END, _MONTH, _NEXT_MONTH = StandIn(), StandIn(), StandIn(), StandIn()


def _open(stand_in: StandIn, field: Field) -> RawSQL:
    return RawSQL("%s", (stand_in,), output_field=field)


@functools.lru_cache(maxsize=8)
def _check_reads(
    organisations: int | None,
) -> tuple[tuple[str, tuple], tuple[str, tuple], tuple[str, tuple], tuple[StandIn, ...]]:
    """The check's trajectories, hours sheets and trainings for so many organisations
    (None: all), compiled once per process with stand-ins for the month and the
    organisations (returned): resolving and compiling them cost the ORM ~3.5 ms, four
    times what the database spends running them."""
    ids = tuple(StandIn() for _ in range(organisations or 0))
    scope = None if organisations is None else RawSQL(placeholders(ids), ids)
    month = {"month": _open(_MONTH, DateField())}
    days = {"date__gte": _open(_MONTH, DateField()), "date__lt": _open(_NEXT_MONTH, DateField())}
    if scope is not None:
        month["organisation__in"] = days["organisation__in"] = scope
    trajectories = _completed_between(
        _check_trajectories(), _open(_START, DateTimeField()), _open(_END, DateTimeField()), scope
    )
    return (
        compiled(trajectories),
        compiled(_check_sheets().filter(**month)),
        compiled(_check_trainings().filter(**days)),
        ids,
    )


def _check_rows(
    month: datetime.date, organisation_ids: list[int] | None
) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The check's three reads of this month and these organisations, as plain rows."""
    reads = _check_reads(None if organisation_ids is None else len(organisation_ids))
    *queries, ids = reads
    ops = connection.ops
    start, end = month_bounds(month)
    values = {
        _START: ops.adapt_datetimefield_value(start),
        _END: ops.adapt_datetimefield_value(end),
        _MONTH: ops.adapt_datefield_value(month),
        _NEXT_MONTH: ops.adapt_datefield_value(next_month(month)),
        **dict(zip(ids, organisation_ids or [], strict=True)),
    }
    rows = []
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, filled(params, values))
            rows.append(cursor.fetchall())
    return rows[0], rows[1], rows[2]


def missing_documents(month: datetime.date, organisation_ids: list[int] | None) -> list[Missing]:
    """The completeness check, in Dutch, in the order of the package."""
    missing: list[Missing] = []
    rows, sheets, trainings = _check_rows(month, organisation_ids)
    # The texts translated and the link reversed once, not per row (150 rows and more).
    unreadable = _(
        "De scan van de toestemming van %(worker)s kan niet geopend worden: "
        "laad ze opnieuw op of laat werknemer en coach ze bevestigen."
    )
    unsigned = _(
        "Toestemming van %(worker)s is niet ondertekend: laad de scan op "
        "of laat werknemer en coach ze bevestigen."
    )
    consent_url = url_for_each("registration:consent")
    completed_organisations: dict[int, tuple[str, str]] = {}
    for pk, organisation, slug, name, *worker, consent_pk, scan, worker_at, coach_at in rows:
        completed_organisations[organisation] = (slug, name)
        # The consent's own rules, on a model (of its values) only where there is one.
        consent = (
            None
            if consent_pk is None
            else Consent(scan=scan, worker_confirmed_at=worker_at, coach_confirmed_at=coach_at)
        )
        if (
            consent is not None
            and consent.has_scan
            and not consent.confirmed_in_app
            and not file_readable(consent.scan)
        ):
            text = unreadable
        elif consent is None or not consent.is_complete:
            text = unsigned
        else:
            continue
        missing.append(
            Missing("consent", name, text % {"worker": person_name(*worker)}, consent_url(pk), pk)
        )
    # hours_sheets_for_export's organisations without a sheet, from the rows above.
    with_sheet = {organisation for organisation, _slug, _name, _scan in sheets}
    without_sheet = sorted(
        named
        for organisation, named in completed_organisations.items()
        if organisation not in with_sheet
    )
    for slug, name in without_sheet:
        missing.append(
            Missing(
                "hours",
                name,
                _("Er zijn geen uren geregistreerd voor %(organisation)s in %(month)s.")
                % {"organisation": name, "month": f"{month:%m/%Y}"},
                reverse("registration:hours", args=[slug, f"{month:%Y-%m}"]),
            )
        )
    for _organisation, slug, name, scan in sheets:
        sheet = HoursSheet(scan=scan)
        if not sheet.has_scan:
            text = _("Het urenblad van %(organisation)s is niet ondertekend opgeladen.")
        elif not file_readable(sheet.scan):
            text = _(
                "De scan van het urenblad van %(organisation)s kan niet geopend worden: "
                "laad ze opnieuw op."
            )
        else:
            continue
        missing.append(
            Missing(
                "hours_scan",
                name,
                text % {"organisation": name},
                reverse("registration:hours", args=[slug, f"{month:%Y-%m}"]),
            )
        )
    for pk, date, topic, name, scan, anyone_present in trainings:
        date = as_date(date)
        training = Training(scan=scan)
        url = reverse("registration:training", args=[pk])
        label = f"{date:%d/%m/%Y} {topic}"
        if not anyone_present:
            missing.append(
                Missing(
                    "attendance",
                    name,
                    _("Opleiding %(training)s: de aanwezigheid is niet aangeduid.")
                    % {"training": label},
                    url,
                )
            )
        if not training.has_scan:
            text = _(
                "Opleiding %(training)s: de ondertekende aanwezigheidslijst is niet opgeladen."
            )
        elif not file_readable(training.scan):
            text = _(
                "Opleiding %(training)s: de scan van de aanwezigheidslijst kan niet geopend "
                "worden: laad ze opnieuw op."
            )
        else:
            continue
        missing.append(Missing("attendance_scan", name, text % {"training": label}, url))
    return missing


def export_job_rows(jobs: QuerySet[ExportJob], shown: int = 20) -> list[dict[str, str]]:
    """The export page's latest ``shown`` jobs as the texts its table shows (a month of
    checks grows it to 20 rows, each a link and four dates and names to format)."""
    rows = jobs.order_by("-created_at", "-pk").values_list(
        "pk",
        "month",
        "organisation",
        "organisation__name",
        "requested_by",
        *(f"requested_by__{f}" for f in NAME_FIELDS),
        "created_at",
        "status",
    )[:shown]
    job_url = url_for_each("registration:export-job")
    every_organisation = _("alle organisaties")
    labels = dict(ExportJob.Status.choices)
    return [
        {
            "month": f"{month:%m/%Y}",
            "organisation": every_organisation if organisation is None else name,
            "requested_by": "–" if requester is None else person_name(*requester_names),
            "created_at": f"{timezone.localtime(created_at):%d/%m/%Y %H:%M}",
            "status": str(labels.get(status, status)),
            "url": job_url(pk),
        }
        for pk, month, organisation, name, requester, *requester_names, created_at, status in rows
    ]


def personal_data(user: User) -> dict:
    """What the registration holds about one person, for the personal-data export."""
    consents = Consent.objects.filter(trajectory__worker=user).select_related(
        "trajectory__organisation"
    )
    attendances = Attendance.objects.filter(person=user).select_related("training__organisation")
    return {
        "toestemmingen": [
            {
                "organisatie": c.trajectory.organisation.name,
                "scan_opgeladen_op": c.scan_uploaded_at,
                "bevestigd_door_werknemer_op": c.worker_confirmed_at,
                "bevestigd_door_coach_op": c.coach_confirmed_at,
            }
            for c in consents
        ],
        "opleidingen": [
            {
                "datum": a.training.date,
                "organisatie": a.training.organisation.name,
                "onderwerp": a.training.topic,
                "aanwezig": a.present,
            }
            for a in attendances
        ],
    }
