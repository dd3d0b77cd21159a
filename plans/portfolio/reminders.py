"""Reminders: what is coming up or overdue, per person; shown on the home pages and
queued once by ``manage.py send_reminders`` (the daily scheduler) and mailed by the task worker."""

from __future__ import annotations

import calendar
import datetime
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import TaskResultStatus, task

from plans.models import Action, Phase, ProgressTalk, Trajectory
from plans.portfolio.models import PortfolioGrant, SentReminder
from plans.selectors import LatestActions
from popsite.accounts.models import NAME_FIELDS, Membership, Role, User, person_name
from popsite.mail import MAIL_ERRORS, retry_later, send_now

logger = logging.getLogger(__name__)

SOON_DAYS = 7
PREPARATION_WARNING_DAYS = 3
REGISTRATION_WARNING_DAYS = 5


# A home page shows the most urgent few; "Mijn herinneringen" shows them all.
HOME_SHOWN = 6
ACTION_KINDS = ("action-overdue", "action-due")


@dataclass(frozen=True)
class Reminder:
    key: str
    text: str
    url: str
    overdue: bool = False
    day: datetime.date = datetime.date.max  # what it is about: a deadline, a talk, an end

    @property
    def is_action(self) -> bool:
        return self.key.split(":", 1)[0] in ACTION_KINDS


@dataclass(frozen=True)
class PersonsReminders:
    shown: list[Reminder]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _name_columns(person: str) -> tuple[str, ...]:
    """The columns ``person_name`` makes a name of, for a values query."""
    return tuple(f"{person}__{column}" for column in NAME_FIELDS)


def _trajectories_of(
    ids: set[int],
) -> tuple[list[int], list[int], dict[int, set[int]], list[int]]:
    """Their own trajectories and those they coach, read first in one query: an OR of
    the worker column and the joined coaches table has no index to use, and Postgres
    then reads every trajectory and POP version in the database for one person's home
    page. A list of ids lets it start from the few that matter. Returns all of them,
    their own ones, which of these people coach each, so no query reads the coaches
    again, and the running ones (the only ones with actions to remind of)."""
    own, coached = _trajectory_rows()
    own = own.filter(worker__in=ids)
    coached = coached.filter(user__in=ids)
    coaches: dict[int, set[int]] = defaultdict(set)
    theirs_own = []
    running = set()
    for trajectory_id, coach_id, phase in own.union(coached, all=True):
        coaches[trajectory_id]
        if phase != Phase.AFGEROND:
            running.add(trajectory_id)
        if coach_id is None:
            theirs_own.append(trajectory_id)
        else:
            coaches[trajectory_id].add(coach_id)
    return sorted(coaches), sorted(theirs_own), coaches, sorted(running)


def _coaches_of(trajectory_ids: Iterable[int]) -> dict[int, set[int]]:
    """Every coach of these trajectories (the daily mail, for everybody)."""
    coaches: dict[int, set[int]] = defaultdict(set)
    for trajectory_id, coach_id in Trajectory.coaches.through.objects.filter(
        trajectory_id__in=set(trajectory_ids)
    ).values_list("trajectory_id", "user_id"):
        coaches[trajectory_id].add(coach_id)
    return coaches


# The reads' columns and the rules that hold on any day, built once per process.
# Resolving the joins of a lookup costs the ORM more than the query costs the database
# (~0.5 ms a query for these); each read adds its people and days to a copy (filter()
# returns a new queryset), so these are never evaluated themselves and hold no rows.
@functools.cache
def _trajectory_rows() -> tuple[QuerySet, QuerySet]:
    """Own trajectories, and links to those coached with their phase read per link (an
    index lookup each: joined, Postgres hashes every trajectory in the database to find
    a coach's hundred)."""
    own = (
        Trajectory.objects.order_by()
        .annotate(coach=Value(None, output_field=IntegerField()))
        .values_list("pk", "coach", "phase")
    )
    phase = Trajectory.objects.filter(pk=OuterRef("trajectory_id")).order_by().values("phase")
    coached = Trajectory.coaches.through.objects.annotate(phase=Subquery(phase)).values_list(
        "trajectory_id", "user_id", "phase"
    )
    return own, coached


@functools.cache
def _action_rows() -> QuerySet:
    return (
        Action.objects.filter(pop__next_version__isnull=True, progress__lt=5)
        .exclude(pop__trajectory__phase=Phase.AFGEROND)
        .values_list(
            "pk",
            "deadline",
            "description",
            "pop_id",
            "pop__trajectory_id",
            "pop__trajectory__worker_id",
            *_name_columns("pop__trajectory__worker"),
        )
    )


@functools.cache
def _talk_rows() -> QuerySet:
    return ProgressTalk.objects.filter(held_at__isnull=True).values_list(
        "pk",
        "trajectory_id",
        "planned_on",
        "prepared_at",
        "trajectory__worker_id",
        *_name_columns("trajectory__worker"),
    )


@functools.cache
def _grant_rows() -> QuerySet:
    return PortfolioGrant.objects.filter(ends_on__isnull=False).values_list(
        "pk",
        "trajectory_id",
        "ends_on",
        "trajectory__worker_id",
        "grantee_id",
        *_name_columns("trajectory__worker"),
        *_name_columns("grantee"),
    )


def reminders_of(
    user: User,
    *,
    limit: int | None = HOME_SHOWN,
    today: datetime.date | None = None,
    known: LatestActions | None = None,
) -> PersonsReminders:
    """One person's reminders, overdue first, then by day. The actions due are read
    as plain rows and counted, but only the soonest few become reminders, so a coach
    of a hundred workers with hundreds of actions due costs what a few do (one query
    each for their trajectories, actions, talks and grants). The actions of the
    trajectories the page ``known`` read already are taken from there; with every
    running trajectory known, no query reads actions."""
    today = today or timezone.localdate()
    found, actions_due = _reminders(today, {user.pk}, action_limit=limit, known=known)
    mine = found.get(user.pk, [])
    ranked = sorted(mine, key=lambda r: (not r.overdue, r.day))
    total = len(mine) - sum(r.is_action for r in mine) + actions_due.get(user.pk, 0)
    return PersonsReminders(ranked if limit is None else ranked[:limit], total)


def reminders_by_user(
    today: datetime.date | None = None,
    user_ids: Iterable[int] | None = None,
) -> dict[int, list[Reminder]]:
    """Four queries (five near the end of a month) for any number of people: named
    ones' trajectories, then actions, talks and grants; for everybody (the daily
    mail) the coaches of the trajectories with an action or talk instead."""
    today = today or timezone.localdate()
    ids = set(user_ids) if user_ids is not None else None
    return _reminders(today, ids)[0]


def _actions_due(
    soon: datetime.date, running: list[int] | None, known: LatestActions | None, by_day: bool
) -> list[tuple]:
    """(pk, deadline, description, POP, trajectory, worker, worker's name) of the actions
    due by ``soon`` of these running trajectories (without them, of everybody's), by
    day or by key; those of trajectories a page read already are taken from ``known``."""
    seen = known.trajectories if known is not None else {}
    unread = None if running is None else [pk for pk in running if pk not in seen]
    due = []
    if unread is None or unread:
        rows = _action_rows().filter(deadline__lte=soon)
        if unread is not None:
            rows = rows.filter(pop__trajectory_id__in=unread)
        due = [
            (pk, deadline, description, pop, trajectory, worker, person_name(*name))
            for pk, deadline, description, pop, trajectory, worker, *name in rows.order_by(
                *(("deadline", "pk") if by_day else ("pk",))
            )
        ]
    if not seen or running is None:
        return due
    running_ones = set(running)
    for pk, trajectory, deadline, progress, description in known.actions:
        if trajectory in running_ones and progress < 5 and deadline and deadline <= soon:
            pop, worker, name = seen[trajectory]
            due.append((pk, deadline, description, pop, trajectory, worker, name))
    due.sort(key=(lambda a: (a[1], a[0])) if by_day else (lambda a: a[0]))
    return due


def _reminders(
    today: datetime.date,
    ids: set[int] | None,
    action_limit: int | None = None,
    known: LatestActions | None = None,
) -> tuple[dict[int, list[Reminder]], dict[int, int]]:
    """The reminders per person, and how many actions due each has. With an action
    limit, only each person's soonest actions become reminders (one person's page)."""
    soon = today + datetime.timedelta(days=SOON_DAYS)
    found: dict[int, list[Reminder]] = defaultdict(list)

    def add(recipients: Iterable[int], reminder: Reminder) -> None:
        for pk in recipients:
            if ids is None or pk in ids:
                found[pk].append(reminder)

    if ids is None:
        theirs, worked, coaches, running = None, None, None, None
    else:
        theirs, worked, coaches, running = _trajectories_of(ids)

    def people(trajectory_field: str) -> Q:
        return Q() if theirs is None else Q(**{f"{trajectory_field}_id__in": theirs})

    actions = _actions_due(soon, running, known, by_day=action_limit is not None)
    # The talks as plain rows too; an unsaved ProgressTalk of a row's columns answers
    # when its preparation is due.
    talks = [
        (
            ProgressTalk(pk=pk, trajectory_id=trajectory_id, planned_on=day, prepared_at=prepared),
            *rest,
        )
        for pk, trajectory_id, day, prepared, *rest in _talk_rows().filter(
            people("trajectory"),
            planned_on__gte=today,
            planned_on__lte=soon + datetime.timedelta(days=SOON_DAYS),
        )
    ]
    if coaches is None:
        coaches = _coaches_of([a[4] for a in actions] + [t.trajectory_id for t, *_ in talks])
    no_coaches: set[int] = set()

    counted: dict[int, int] = defaultdict(int)
    worker_home = reverse("plans:worker-home")
    for pk, deadline, description, pop_id, trajectory_id, worker_id, worker in actions:
        shown = []  # (person, as the worker or as a coach)
        for person, as_worker in [(worker_id, True)] + [
            (coach, False) for coach in coaches.get(trajectory_id, no_coaches)
        ]:
            if ids is None or person in ids:
                counted[person] += 1
                if action_limit is None or counted[person] <= action_limit:
                    shown.append((person, as_worker))
        if not shown:
            continue
        overdue = deadline < today
        kind = "action-overdue" if overdue else "action-due"
        if overdue:
            own = _("Je actie '%(action)s' moest klaar zijn op %(day)s.")
            other = _("De actie '%(action)s' van %(worker)s moest klaar zijn op %(day)s.")
        else:
            own = _("Je actie '%(action)s' moet klaar zijn op %(day)s.")
            other = _("De actie '%(action)s' van %(worker)s moet klaar zijn op %(day)s.")
        values = {"action": description, "day": _fmt(deadline), "worker": worker}
        key = f"{kind}:{pk}:{deadline.isoformat()}"
        if shown[0][1]:
            add([worker_id], Reminder(key, own % values, worker_home, overdue, deadline))
        if others := [person for person, as_worker in shown if not as_worker]:
            url = reverse("plans:pop", args=[pop_id])
            add(others, Reminder(key, other % values, url, overdue, deadline))

    for talk, worker_id, *name in talks:
        url = reverse("plans:talk", args=[talk.pk])
        coaches_of_talk = coaches.get(talk.trajectory_id, no_coaches)
        values = {"day": _fmt(talk.planned_on), "worker": person_name(*name)}
        if talk.planned_on <= soon:
            key = f"talk:{talk.pk}:{talk.planned_on.isoformat()}"
            add(
                [worker_id],
                Reminder(
                    key,
                    _("Je voortgangsgesprek is op %(day)s.") % values,
                    url,
                    day=talk.planned_on,
                ),
            )
            add(
                coaches_of_talk,
                Reminder(
                    key,
                    _("Voortgangsgesprek met %(worker)s op %(day)s.") % values,
                    url,
                    day=talk.planned_on,
                ),
            )
        due = talk.preparation_due_on
        if not talk.is_prepared and due <= today + datetime.timedelta(
            days=PREPARATION_WARNING_DAYS
        ):
            key = f"talk-prep:{talk.pk}:{due.isoformat()}"
            values["due"] = _fmt(due)
            add(
                [worker_id],
                Reminder(
                    key,
                    _("Bereid je voortgangsgesprek voor tegen %(due)s.") % values,
                    url,
                    due < today,
                    due,
                ),
            )
            if due < today:
                add(
                    coaches_of_talk,
                    Reminder(
                        key,
                        _(
                            "De voorbereiding van %(worker)s voor het gesprek van %(day)s is nog niet binnen."
                        )
                        % values,
                        url,
                        True,
                        due,
                    ),
                )

    grants = _grant_rows().active(today).filter(ends_on__lte=soon)
    if ids is not None:
        # Both columns on the grants table itself, so each has its index; a grant
        # reaches only its worker and grantee, so the trajectories they coach are left
        # out (for a coach of a hundred, a list of a hundred ids less to compile).
        theirs_or_granted = Q(grantee__in=ids)
        if worked:
            theirs_or_granted |= Q(trajectory_id__in=worked)
        grants = grants.filter(theirs_or_granted)
    for pk, trajectory_id, ends_on, worker_id, grantee_id, *names in grants:
        values = {
            "who": person_name(*names[4:]),
            "worker": person_name(*names[:4]),
            "day": _fmt(ends_on),
        }
        key = f"grant-expiring:{pk}:{ends_on.isoformat()}"
        add(
            [worker_id],
            Reminder(
                key,
                _("De inzage van %(who)s in je portfolio stopt op %(day)s.") % values,
                reverse("plans:grants", args=[trajectory_id]),
                day=ends_on,
            ),
        )
        add(
            [grantee_id],
            Reminder(
                key,
                _("Je inzage in het portfolio van %(worker)s stopt op %(day)s.") % values,
                reverse("plans:shared-portfolios"),
                day=ends_on,
            ),
        )

    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if (last_day - today).days < REGISTRATION_WARNING_DAYS:
        ambassadors = Membership.objects.filter(role=Role.AMBASSADOR)
        if ids is not None:
            ambassadors = ambassadors.filter(user__in=ids)
        key = f"registration:{today:%Y-%m}"
        text = _("De maandregistratie van %(month)s moet binnen tegen %(day)s.") % {
            "month": f"{today:%m/%Y}",
            "day": _fmt(last_day),
        }
        add(
            set(ambassadors.values_list("user_id", flat=True)),
            Reminder(key, text, reverse("registration:export"), day=last_day),
        )
    return dict(found), counted


@dataclass(frozen=True)
class Queued:
    queued: int
    failed: int


def reminders_send(*, today: datetime.date | None = None, base_url: str = "") -> Queued:
    """Queue one mail per person with the reminders they were not sent before.

    The SentReminder rows are written first, in their own transaction, so a second
    run (even a simultaneous one) queues nothing again; the mail itself goes from
    the task worker, outside any transaction. A mail that cannot be queued, or that
    finally fails, gives its rows back so the next run tries again.
    """
    by_user = reminders_by_user(today)
    # Without an e-mail address (many workers) the home page is where reminders show.
    users = User.objects.filter(
        pk__in=by_user, is_active=True, email_reminders=True, email__isnull=False
    )
    queued = failed = 0
    for user in users:
        message = _claim(user, by_user[user.pk], base_url)
        if message is None:
            continue
        keys, subject, body = message
        try:
            result = mail_reminders.enqueue(user.pk, keys, subject, body)
        except Exception:  # one failure must not stop the others; the command reports it
            logger.exception("Herinneringen voor gebruiker %s niet in de wachtrij", user.pk)
            _release(user.pk, keys)
            failed += 1
            continue
        if result.status == TaskResultStatus.FAILED:  # a backend that runs tasks at once
            failed += 1
        else:
            queued += 1
    return Queued(queued, failed)


def _claim(
    user: User, reminders: list[Reminder], base_url: str
) -> tuple[list[str], str, str] | None:
    with transaction.atomic():
        fresh = []
        for reminder in {r.key: r for r in reminders}.values():
            _row, created = SentReminder.objects.get_or_create(user=user, key=reminder.key)
            if created:
                fresh.append(reminder)
    if not fresh:
        return None
    with override("nl"):
        footer = _(
            "Je krijgt deze herinneringen van POP-werking. "
            "Je kunt ze uitzetten bij 'Mijn herinneringen'."
        )
        body = "\n".join(
            [_("Dag %(name)s,") % {"name": user.first_name}, ""]
            + [f"- {r.text} {base_url}{r.url}" for r in fresh]
            + ["", footer]
        )
        subject = _("Herinnering POP-werking")
    return [r.key for r in fresh], subject, body


def _release(user_pk: int, keys: list[str]) -> None:
    SentReminder.objects.filter(user_id=user_pk, key__in=keys).delete()


@task()
def mail_reminders(
    user_pk: int, keys: list[str], subject: str, body: str, attempt: int = 1
) -> None:
    email = User.objects.filter(pk=user_pk).values_list("email", flat=True).first()
    if not email:
        return
    try:
        send_now(subject, body, [email])
    except MAIL_ERRORS:
        if not retry_later(mail_reminders, attempt, user_pk, keys, subject, body):
            _release(user_pk, keys)
        raise
