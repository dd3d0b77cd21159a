"""Reminders: what is coming up or overdue, per person; shown on the home pages and
queued once by ``manage.py send_reminders`` (the daily scheduler) and mailed by the task worker."""

from __future__ import annotations

import calendar
import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import TaskResultStatus, task

from plans.models import Phase, ProgressTalk, Trajectory
from plans.portfolio.models import SentReminder
from plans.selectors import LatestActions
from popsite.accounts.models import Membership, Role, User, person_name
from popsite.links import url_for_each
from popsite.mail import MAIL_ERRORS, retry_later, send_now
from popsite.plain_sql import placeholders

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


# The reads in plain SQL that SQLite runs too: for the few rows of a home page, building
# and compiling an ORM query (~0.5-1 ms each) cost more than the database spent on it.
#
# A person's own trajectories and those they coach. An OR of the worker column and the
# joined coaches table has no index to use (Postgres then read every trajectory and POP
# version in the database for one person's home page); each half has its own. The phase
# of a coached one is read per link, by key: joined, Postgres hashed every trajectory in
# the database to find a coach's hundred.
_THEIRS_SQL = """
SELECT t.id, NULL, t.phase
  FROM plans_trajectory t
 WHERE t.worker_id IN ({people})
UNION ALL
SELECT tc.trajectory_id, tc.user_id,
       (SELECT t.phase FROM plans_trajectory t WHERE t.id = tc.trajectory_id)
  FROM plans_trajectory_coaches tc
 WHERE tc.user_id IN ({people})
""".strip()

# What is due, in one query of up to three parts, each filtered by trajectory or grantee
# by a list of ids, so that each starts from an index. Every date column is a date
# column in each part (SQLite converts a column by the first part's declared type), no
# column is NULL in two parts before a typed one (Postgres types a UNION's columns
# pairwise: NULL with NULL is text), and each part names its columns, as any may come
# first. The trajectory and its worker's name are joined once, around the parts:
# joined in each, Postgres spent longer planning the query than running it.
_DUE_SQL = """
SELECT d.kind, d.pk, d.trajectory, d.day, t.worker_id,
       u.first_name, u.last_name, u.email, u.login_name,
       d.other, d.description, d.other_first_name, d.other_last_name, d.other_email,
       d.other_login_name, d.at
  FROM (
{parts}
       ) d
  JOIN plans_trajectory t ON t.id = d.trajectory
  JOIN accounts_user u ON u.id = t.worker_id
"""
_ACTIONS_DUE_SQL = """
SELECT 'action' AS kind, a.id AS pk, v.trajectory_id AS trajectory, a.deadline AS day,
       a.pop_id AS other, a.description AS description,
       NULL AS other_first_name, NULL AS other_last_name, NULL AS other_email,
       NULL AS other_login_name, NULL AS at
  FROM plans_action a
  JOIN plans_popversion v ON v.id = a.pop_id
 WHERE a.progress < 5 AND a.deadline <= %s
   AND NOT EXISTS (SELECT 1 FROM plans_popversion n WHERE n.previous_id = v.id)
""".strip()
_TALKS_DUE_SQL = """
SELECT 'talk' AS kind, p.id AS pk, p.trajectory_id AS trajectory, p.planned_on AS day,
       NULL AS other, NULL AS description,
       NULL AS other_first_name, NULL AS other_last_name, NULL AS other_email,
       NULL AS other_login_name, p.prepared_at AS at
  FROM plans_progresstalk p
 WHERE p.held_at IS NULL AND p.planned_on >= %s AND p.planned_on <= %s
""".strip()
# The active grants (GrantQuerySet.active) that end soon.
_GRANTS_DUE_SQL = """
SELECT 'grant' AS kind, g.id AS pk, g.trajectory_id AS trajectory, g.ends_on AS day,
       g.grantee_id AS other, NULL AS description,
       e.first_name AS other_first_name, e.last_name AS other_last_name,
       e.email AS other_email, e.login_name AS other_login_name, g.created_at AS at
  FROM plans_portfoliogrant g
  JOIN accounts_user e ON e.id = g.grantee_id
 WHERE g.revoked_at IS NULL AND g.ends_on >= %s AND g.ends_on <= %s
   AND (g.starts_on IS NULL OR g.starts_on <= %s)
""".strip()


class _DueRow(NamedTuple):
    kind: str  # action, talk or grant
    pk: int
    trajectory: int
    day: datetime.date  # the deadline, the talk, the grant's end
    worker: int
    first_name: str
    last_name: str
    email: str | None
    login_name: str | None
    other: int | None  # the action's POP, the grantee
    description: str | None  # the action's
    other_first_name: str | None  # the grantee's name
    other_last_name: str | None
    other_email: str | None
    other_login_name: str | None
    # When the talk was prepared, the grant made (its order); text on SQLite when the
    # first part has none.
    at: datetime.datetime | str | None

    @property
    def worker_name(self) -> str:
        return person_name(self.first_name, self.last_name, self.email, self.login_name)

    @property
    def other_name(self) -> str:
        return person_name(
            self.other_first_name, self.other_last_name, self.other_email, self.other_login_name
        )


def _trajectories_of(
    ids: list[int],
) -> tuple[list[int], list[int], dict[int, set[int]], list[int]]:
    """Their trajectories, read first so that the other reads start from a list of ids.
    Returns all of them, their own ones, which of these people coach each, so no query
    reads the coaches again, and the running ones (the only ones with actions to remind
    of)."""
    with connection.cursor() as cursor:
        cursor.execute(_THEIRS_SQL.format(people=placeholders(ids)), [*ids, *ids])
        rows = cursor.fetchall()
    coaches: dict[int, set[int]] = defaultdict(set)
    theirs_own = []
    running = set()
    finished = str(Phase.AFGEROND)  # a plain string: an enum member compares slower
    for trajectory_id, coach_id, phase in rows:
        of_trajectory = coaches[trajectory_id]
        if phase != finished:
            running.add(trajectory_id)
        if coach_id is None:
            theirs_own.append(trajectory_id)
        else:
            of_trajectory.add(coach_id)
    return sorted(coaches), sorted(theirs_own), coaches, sorted(running)


def _coaches_of(trajectory_ids: Iterable[int]) -> dict[int, set[int]]:
    """Every coach of these trajectories (the daily mail, for everybody)."""
    coaches: dict[int, set[int]] = defaultdict(set)
    for trajectory_id, coach_id in Trajectory.coaches.through.objects.filter(
        trajectory_id__in=set(trajectory_ids)
    ).values_list("trajectory_id", "user_id"):
        coaches[trajectory_id].add(coach_id)
    return coaches


def _due(
    today: datetime.date,
    ids: list[int] | None,
    theirs: list[int] | None,
    unread: list[int] | None,
    worked: list[int] | None,
) -> tuple[list[_DueRow], list[_DueRow], list[_DueRow]]:
    """The actions due soon of the ``unread`` running trajectories, the talks ahead of
    ``theirs`` (in their model's order) and the grants ending soon of their own
    trajectories (``worked``) or given to them (in theirs), in one query; without people,
    everybody's."""
    soon = today + datetime.timedelta(days=SOON_DAYS)
    parts, params = [], []
    if unread is None or unread:
        part = _ACTIONS_DUE_SQL
        params.append(soon)
        if unread is None:
            part += (
                "\n   AND v.trajectory_id IN"
                " (SELECT r.id FROM plans_trajectory r WHERE r.phase <> %s)"
            )
            params.append(Phase.AFGEROND)
        else:  # running ones only
            part += f"\n   AND v.trajectory_id IN ({placeholders(unread)})"
            params += unread
        parts.append(part)
    if theirs is None or theirs:
        part = _TALKS_DUE_SQL
        params += [today, soon + datetime.timedelta(days=SOON_DAYS)]
        if theirs is not None:
            part += f"\n   AND p.trajectory_id IN ({placeholders(theirs)})"
            params += theirs
        parts.append(part)
    part = _GRANTS_DUE_SQL
    params += [today, soon, today]
    if ids is not None:
        # Both columns on the grants table itself, so each has its index; a grant
        # reaches only its worker and grantee, so the trajectories they coach are left
        # out (for a coach of a hundred, a list of a hundred ids less).
        part += f"\n   AND (g.grantee_id IN ({placeholders(ids)})"
        params += ids
        if worked:
            part += f" OR g.trajectory_id IN ({placeholders(worked)})"
            params += worked
        part += ")"
    parts.append(part)
    with connection.cursor() as cursor:
        cursor.execute(_DUE_SQL.format(parts="\nUNION ALL\n".join(parts)), params)
        rows = cursor.fetchall()
    of_kind: dict[str, list[_DueRow]] = {"action": [], "talk": [], "grant": []}
    for row in map(_DueRow._make, rows):
        of_kind[row.kind].append(row)
    of_kind["talk"].sort(key=lambda row: (row.day, row.pk), reverse=True)
    of_kind["grant"].sort(key=lambda row: (row.at, row.pk), reverse=True)
    return of_kind["action"], of_kind["talk"], of_kind["grant"]


def reminders_of(
    user: User,
    *,
    limit: int | None = HOME_SHOWN,
    today: datetime.date | None = None,
    known: LatestActions | None = None,
) -> PersonsReminders:
    """One person's reminders, overdue first, then by day. The actions due are read
    as plain rows and counted, but only the soonest few become reminders, so a coach
    of a hundred workers with hundreds of actions due costs what a few do (two queries:
    their trajectories, then their actions, talks and grants). The actions of the
    trajectories the page ``known`` read already are taken from there; with every
    running trajectory known, the second query reads no actions."""
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
    """Two queries (three near the end of a month) for any number of people: named
    ones' trajectories, then their actions, talks and grants; for everybody (the daily
    mail) everybody's actions, talks and grants, then the coaches of the trajectories
    with an action or talk."""
    today = today or timezone.localdate()
    ids = set(user_ids) if user_ids is not None else None
    return _reminders(today, ids)[0]


class _Links:
    """The reminders' links, each made once per read and only when needed: a reverse()
    costs about as much as the rest of a reminder."""

    @cached_property
    def worker_home(self) -> str:
        return reverse("plans:worker-home")

    @cached_property
    def pop(self) -> Callable[[int], str]:
        return url_for_each("plans:pop")

    @cached_property
    def talk(self) -> Callable[[int], str]:
        return url_for_each("plans:talk")

    @cached_property
    def grants(self) -> Callable[[int], str]:
        return url_for_each("plans:grants")

    @cached_property
    def shared_portfolios(self) -> str:
        return reverse("plans:shared-portfolios")


def _action_texts(overdue: bool) -> tuple[str, str]:
    """An action's text for its worker and for a coach."""
    if overdue:
        return (
            _("Je actie '%(action)s' moest klaar zijn op %(day)s."),
            _("De actie '%(action)s' van %(worker)s moest klaar zijn op %(day)s."),
        )
    return (
        _("Je actie '%(action)s' moet klaar zijn op %(day)s."),
        _("De actie '%(action)s' van %(worker)s moet klaar zijn op %(day)s."),
    )


def _known_due(known: LatestActions, running: list[int], soon: datetime.date) -> list[tuple]:
    """The actions due by ``soon`` of these running trajectories that a page read already."""
    running_ones = set(running)
    due = []
    for pk, trajectory, deadline, progress, description in known.actions:
        if trajectory in running_ones and progress < 5 and deadline and deadline <= soon:
            pop, worker, name = known.trajectories[trajectory]
            due.append((pk, deadline, description, pop, trajectory, worker, name))
    return due


def _reminders(
    today: datetime.date,
    ids: set[int] | None,
    action_limit: int | None = None,
    known: LatestActions | None = None,
) -> tuple[dict[int, list[Reminder]], dict[int, int]]:
    """The reminders per person, and how many actions due each has. With an action
    limit, only each person's soonest actions become reminders (one person's page)."""
    if ids is not None and not ids:
        return {}, {}  # nobody (and "IN ()" is no SQL)
    soon = today + datetime.timedelta(days=SOON_DAYS)
    found: dict[int, list[Reminder]] = defaultdict(list)

    def add(recipients: Iterable[int], reminder: Reminder) -> None:
        for pk in recipients:
            if ids is None or pk in ids:
                found[pk].append(reminder)

    people = None if ids is None else sorted(ids)
    if people is None:
        theirs, worked, coaches, running = None, None, None, None
    else:
        theirs, worked, coaches, running = _trajectories_of(people)
    # The actions of the trajectories the page read already are not read again.
    seen = known.trajectories if known is not None else {}
    unread = None if running is None else [pk for pk in running if pk not in seen]
    action_rows, talks, grants = _due(today, people, theirs, unread, worked)
    # (pk, deadline, description, POP, trajectory, worker, worker's name or their row):
    # a coach of a hundred has a hundred actions due, but only the few shown need the
    # worker's name, so a row's is made only then.
    actions: list[tuple] = [
        (row.pk, row.day, row.description, row.other, row.trajectory, row.worker, row)
        for row in action_rows
    ]
    if known is not None and running is not None:
        actions += _known_due(known, running, soon)
    actions.sort(key=(lambda a: (a[1], a[0])) if action_limit is not None else (lambda a: a[0]))
    if coaches is None:
        coaches = _coaches_of([a[4] for a in actions] + [row.trajectory for row in talks])
    no_coaches: set[int] = set()

    counted: dict[int, int] = defaultdict(int)
    links = _Links()
    action_texts: dict[bool, tuple[str, str]] = {}  # per overdue or not, when first needed
    for pk, deadline, description, pop_id, trajectory_id, worker_id, worker in actions:
        to_worker = False
        if ids is None or worker_id in ids:
            counted[worker_id] += 1
            to_worker = action_limit is None or counted[worker_id] <= action_limit
        others = []  # the coaches it is shown to
        for coach in coaches.get(trajectory_id, no_coaches):
            if ids is None or coach in ids:
                counted[coach] += 1
                if action_limit is None or counted[coach] <= action_limit:
                    others.append(coach)
        if not (to_worker or others):
            continue
        overdue = deadline < today
        kind = "action-overdue" if overdue else "action-due"
        if overdue not in action_texts:
            action_texts[overdue] = _action_texts(overdue)
        own, other = action_texts[overdue]
        name = worker if isinstance(worker, str) else worker.worker_name
        values = {"action": description, "day": _fmt(deadline), "worker": name}
        key = f"{kind}:{pk}:{deadline.isoformat()}"
        if to_worker:
            add([worker_id], Reminder(key, own % values, links.worker_home, overdue, deadline))
        if others:
            add(others, Reminder(key, other % values, links.pop(pop_id), overdue, deadline))

    for row in talks:
        # An unsaved ProgressTalk of the row's columns answers when its preparation is due.
        talk = ProgressTalk(pk=row.pk, planned_on=row.day, prepared_at=row.at)
        url = links.talk(talk.pk)
        coaches_of_talk = coaches.get(row.trajectory, no_coaches)
        values = {"day": _fmt(talk.planned_on), "worker": row.worker_name}
        if talk.planned_on <= soon:
            key = f"talk:{talk.pk}:{talk.planned_on.isoformat()}"
            add(
                [row.worker],
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
                [row.worker],
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

    for row in grants:
        values = {"who": row.other_name, "worker": row.worker_name, "day": _fmt(row.day)}
        key = f"grant-expiring:{row.pk}:{row.day.isoformat()}"
        add(
            [row.worker],
            Reminder(
                key,
                _("De inzage van %(who)s in je portfolio stopt op %(day)s.") % values,
                links.grants(row.trajectory),
                day=row.day,
            ),
        )
        add(
            [row.other],
            Reminder(
                key,
                _("Je inzage in het portfolio van %(worker)s stopt op %(day)s.") % values,
                links.shared_portfolios,
                day=row.day,
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
