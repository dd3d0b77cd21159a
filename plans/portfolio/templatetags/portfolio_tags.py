"""Template helpers for the portfolio pages and the reminders on every home page."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from plans.portfolio import grants
from plans.portfolio.reminders import HOME_SHOWN, PersonsReminders, reminders_of
from plans.selectors import LatestActions
from popsite.accounts.models import User

register = template.Library()

WHAT_WAS_SEEN = {
    "plans.trajectory": lambda: _("je portfolio"),
    "plans.popversion": lambda: _("een versie van je POP"),
    "plans.evidence": lambda: _("een bewijsstuk"),
    "registration.exportjob": lambda: _("het maandpakket van de registratie, met je POP"),
    # A reset of the second factor by staff (popsite.accounts.second_factor).
    "otp_totp.totpdevice": lambda: _("je tweede factor (de app)"),
    "otp_static.staticdevice": lambda: _("je herstelcodes"),
}


@register.simple_tag
def reminders_for(
    user: User, everything: bool = False, known: LatestActions | str = ""
) -> PersonsReminders:
    """``known``: the latest POPs' actions the page read already (the coach home's),
    an empty string on a page without them."""
    if not user.is_authenticated:
        return PersonsReminders([], 0)
    return reminders_of(user, limit=None if everything else HOME_SHOWN, known=known or None)


@register.simple_tag
def worker_grants(user: User) -> dict:
    return grants.grant_groups(list(grants.grants_of_worker(user)))


@register.filter
def what_was_seen(object_type: str) -> str:
    describe = WHAT_WAS_SEEN.get(object_type)
    return describe() if describe else _("je POP")


@register.simple_tag
def all_talks(trajectory) -> list:
    return list(trajectory.progress_talks.order_by("-planned_on"))
