"""Reminders: what is coming up or overdue, per person; shown on the home pages and
mailed once by ``manage.py send_reminders`` (meant for a daily scheduler)."""

from __future__ import annotations

import calendar
import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from plans.models import Action, Phase, PortfolioGrant, ProgressTalk, SentReminder
from popsite.accounts.models import Membership, Role, User

logger = logging.getLogger(__name__)

SOON_DAYS = 7
PREPARATION_WARNING_DAYS = 3
REGISTRATION_WARNING_DAYS = 5


@dataclass(frozen=True)
class Reminder:
    key: str
    text: str
    url: str
    overdue: bool = False


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def reminders_by_user(
    today: datetime.date | None = None, user_ids: Iterable[int] | None = None
) -> dict[int, list[Reminder]]:
    """Four queries (five with registration) for any number of people."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=SOON_DAYS)
    ids = set(user_ids) if user_ids is not None else None
    found: dict[int, list[Reminder]] = defaultdict(list)

    def add(recipients: Iterable[int], reminder: Reminder) -> None:
        for pk in recipients:
            if ids is None or pk in ids:
                found[pk].append(reminder)

    def people(trajectory_filter: str) -> Q:
        if ids is None:
            return Q()
        return Q(**{f"{trajectory_filter}worker__in": ids}) | Q(
            **{f"{trajectory_filter}coaches__in": ids}
        )

    actions = (
        Action.objects.filter(
            people("pop__trajectory__"),
            pop__next_version__isnull=True,
            progress__lt=5,
            deadline__lte=soon,
        )
        .exclude(pop__trajectory__phase=Phase.AFGEROND)
        .select_related("pop__trajectory__worker")
        .prefetch_related("pop__trajectory__coaches")
        .distinct()
    )
    for action in actions:
        trajectory = action.pop.trajectory
        overdue = action.deadline < today
        kind = "action-overdue" if overdue else "action-due"
        url = reverse("plans:pop", args=[action.pop_id])
        if overdue:
            own = _("Je actie '%(action)s' moest klaar zijn op %(day)s.")
            other = _("De actie '%(action)s' van %(worker)s moest klaar zijn op %(day)s.")
        else:
            own = _("Je actie '%(action)s' moet klaar zijn op %(day)s.")
            other = _("De actie '%(action)s' van %(worker)s moet klaar zijn op %(day)s.")
        values = {
            "action": action.description,
            "day": _fmt(action.deadline),
            "worker": trajectory.worker,
        }
        key = f"{kind}:{action.pk}:{action.deadline.isoformat()}"
        add(
            [trajectory.worker_id],
            Reminder(key, own % values, reverse("plans:worker-home"), overdue),
        )
        add([c.pk for c in trajectory.coaches.all()], Reminder(key, other % values, url, overdue))

    talks = (
        ProgressTalk.objects.filter(
            people("trajectory__"),
            held_at__isnull=True,
            planned_on__gte=today,
            planned_on__lte=soon + datetime.timedelta(days=SOON_DAYS),
        )
        .select_related("trajectory__worker")
        .prefetch_related("trajectory__coaches")
        .distinct()
    )
    for talk in talks:
        trajectory = talk.trajectory
        url = reverse("plans:talk", args=[talk.pk])
        coaches = [c.pk for c in trajectory.coaches.all()]
        values = {"day": _fmt(talk.planned_on), "worker": trajectory.worker}
        if talk.planned_on <= soon:
            key = f"talk:{talk.pk}:{talk.planned_on.isoformat()}"
            add(
                [trajectory.worker_id],
                Reminder(key, _("Je voortgangsgesprek is op %(day)s.") % values, url),
            )
            add(
                coaches,
                Reminder(key, _("Voortgangsgesprek met %(worker)s op %(day)s.") % values, url),
            )
        due = talk.preparation_due_on
        if not talk.is_prepared and due <= today + datetime.timedelta(
            days=PREPARATION_WARNING_DAYS
        ):
            key = f"talk-prep:{talk.pk}:{due.isoformat()}"
            values["due"] = _fmt(due)
            add(
                [trajectory.worker_id],
                Reminder(
                    key,
                    _("Bereid je voortgangsgesprek voor tegen %(due)s.") % values,
                    url,
                    due < today,
                ),
            )
            if due < today:
                add(
                    coaches,
                    Reminder(
                        key,
                        _(
                            "De voorbereiding van %(worker)s voor het gesprek van %(day)s is nog niet binnen."
                        )
                        % values,
                        url,
                        True,
                    ),
                )

    grants = (
        PortfolioGrant.objects.active(today)
        .filter(ends_on__isnull=False, ends_on__lte=soon)
        .select_related("trajectory__worker", "grantee")
    )
    if ids is not None:
        grants = grants.filter(Q(trajectory__worker__in=ids) | Q(grantee__in=ids))
    for grant in grants:
        values = {
            "who": grant.grantee,
            "worker": grant.trajectory.worker,
            "day": _fmt(grant.ends_on),
        }
        key = f"grant-expiring:{grant.pk}:{grant.ends_on.isoformat()}"
        add(
            [grant.trajectory.worker_id],
            Reminder(
                key,
                _("De inzage van %(who)s in je portfolio stopt op %(day)s.") % values,
                reverse("plans:grants", args=[grant.trajectory_id]),
            ),
        )
        add(
            [grant.grantee_id],
            Reminder(
                key,
                _("Je inzage in het portfolio van %(worker)s stopt op %(day)s.") % values,
                reverse("plans:shared-portfolios"),
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
            Reminder(key, text, reverse("registration:export")),
        )
    return dict(found)


def reminders_send(*, today: datetime.date | None = None, base_url: str = "") -> int:
    """Mail each person the reminders they were not sent before; returns mails sent.

    The SentReminder row and the mail go together in one transaction per person: a
    second run (even a simultaneous one) finds the row and sends nothing.
    """
    by_user = reminders_by_user(today)
    # Without an e-mail address (many workers) the home page is where reminders show.
    users = User.objects.filter(
        pk__in=by_user, is_active=True, email_reminders=True, email__isnull=False
    )
    sent = 0
    for user in users:
        try:
            sent += _send_to(user, by_user[user.pk], base_url)
        except Exception:  # one unreachable mailbox must not stop the others
            logger.exception("Herinneringen voor gebruiker %s niet verstuurd", user.pk)
    return sent


def _send_to(user: User, reminders: list[Reminder], base_url: str) -> int:
    """The rows and the mail in one transaction: a failed mail is retried next run."""
    with transaction.atomic():
        fresh = []
        for reminder in {r.key: r for r in reminders}.values():
            _row, created = SentReminder.objects.get_or_create(user=user, key=reminder.key)
            if created:
                fresh.append(reminder)
        if not fresh:
            return 0
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
        send_mail(subject, body, None, [user.email])
    return 1
