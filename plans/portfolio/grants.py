"""Read access to a worker's portfolio, granted by the worker: create, revoke, list."""

from __future__ import annotations

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from plans.models import Trajectory
from plans.portfolio.models import PortfolioGrant
from popsite.accounts.models import Membership, Role, User
from popsite.mail import MAIL_ERRORS, retry_later, send_now


@transaction.atomic
def grant_create(
    *,
    trajectory: Trajectory,
    by: User,
    email: str,
    first_name: str = "",
    last_name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    on_request_of_worker: bool = False,
    base_url: str = "",
) -> PortfolioGrant:
    """Give a named person read access; an unknown address gets an invitation and an account.

    Every answer is the same whether the address has an account or not, and names the
    person only as typed: the worker learns nothing about other people's accounts."""
    today = timezone.localdate()
    # Serialise grants per trajectory so two quick clicks cannot make two grants.
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    is_worker = by.pk == trajectory.worker_id
    if not is_worker and not trajectory.coaches.filter(pk=by.pk).exists():
        raise ValidationError(_("Alleen de werknemer of de coach geeft inzage in het portfolio."))
    if not is_worker and not on_request_of_worker:
        raise ValidationError(
            _("Een coach geeft alleen inzage als de werknemer erom vraagt. Vink dat aan.")
        )
    if ends_on is not None and ends_on < today:
        raise ValidationError(_("De einddatum ligt in het verleden."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(_("De einddatum ligt voor de begindatum."))
    email = User.objects.normalize_email(email.strip()).lower()
    if not email:
        raise ValidationError(_("Vul een e-mailadres in."))
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(_("Vul de voornaam en de achternaam in."))
    grantee = User.objects.filter(email=email).first()
    invited = grantee is None
    if invited:
        grantee = User.objects.create_user(
            email=email, first_name=first_name.strip(), last_name=last_name.strip()
        )
    if grantee.pk == trajectory.worker_id:
        raise ValidationError(_("Je hoeft jezelf geen inzage te geven."))
    if trajectory.grants.active(today).filter(grantee=grantee).exists():
        raise ValidationError(_("%(who)s heeft al inzage.") % {"who": email})
    Membership.objects.get_or_create(
        user=grantee, organisation=trajectory.organisation, role=Role.SUPERVISOR
    )
    grant = PortfolioGrant.objects.create(
        trajectory=trajectory,
        grantee=grantee,
        granted_by=by,
        on_request_of_worker=not is_worker,
        typed_name=f"{first_name.strip()} {last_name.strip()}",
        starts_on=starts_on,
        ends_on=ends_on,
    )
    transaction.on_commit(lambda: mail_grant.enqueue(grant.pk, invited, base_url))
    return grant


@task()
def mail_grant(grant_pk: int, invited: bool, base_url: str, attempt: int = 1) -> None:
    """Sent by the task worker; the invitation's password link is made only now, so no
    token waits in the queue."""
    grant = PortfolioGrant.objects.select_related("trajectory__worker", "grantee").get(pk=grant_pk)
    worker = grant.trajectory.worker
    lines = [
        _("Dag %(name)s,") % {"name": grant.grantee.first_name},
        "",
        _("%(worker)s geeft je inzage in zijn of haar POP-portfolio.") % {"worker": worker},
    ]
    if grant.ends_on:
        lines.append(
            _("Je inzage loopt tot en met %(day)s.") % {"day": grant.ends_on.strftime("%d/%m/%Y")}
        )
    if invited:
        uid = urlsafe_base64_encode(force_bytes(grant.grantee.pk))
        token = default_token_generator.make_token(grant.grantee)
        link = base_url + reverse("password_reset_confirm", args=[uid, token])
        lines += ["", _("Kies eerst een wachtwoord via deze link:"), link]
    else:
        lines += ["", _("Meld je aan en kies 'Gedeelde portfolio's'.")]
    try:
        send_now(_("Inzage in een POP-portfolio"), "\n".join(lines), [grant.grantee.email])
    except MAIL_ERRORS:
        retry_later(mail_grant, attempt, grant_pk, invited, base_url)
        raise


@transaction.atomic
def grant_revoke(*, grant: PortfolioGrant, by: User) -> PortfolioGrant:
    """Effective at once: access is checked against the database on every request."""
    grant = PortfolioGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        raise ValidationError(_("Deze inzage was al ingetrokken."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant


def grants_of_worker(worker: User) -> QuerySet[PortfolioGrant]:
    return PortfolioGrant.objects.filter(trajectory__worker=worker).select_related(
        "grantee", "granted_by", "trajectory__organisation"
    )


def shared_with(user: User) -> QuerySet[PortfolioGrant]:
    """The portfolios a supervisor may open today."""
    return (
        PortfolioGrant.objects.active()
        .filter(grantee=user)
        .select_related("trajectory__worker", "trajectory__organisation")
        .order_by("trajectory__worker__last_name", "trajectory__worker__first_name", "pk")
    )


def grant_groups(grants: list[PortfolioGrant]) -> dict[str, list[PortfolioGrant]]:
    """Active, expiring and ended (revoked or past) grants, for the worker's overview."""
    today = timezone.localdate()
    groups: dict[str, list[PortfolioGrant]] = {"active": [], "expiring": [], "ended": []}
    for grant in grants:
        status = grant.status(today)
        key = {"future": "active", "revoked": "ended"}.get(status, status)
        groups[key].append(grant)
    return groups
