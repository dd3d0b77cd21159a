"""Login throttling on top of django-axes: the real client address behind our own
proxies, and a per-address limit against password spraying."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of whoever connected to the first of our TRUSTED_PROXIES.

    Each proxy appends the address it was connected from to X-Forwarded-For, so with
    N proxies of our own the N-th entry from the right is the client; anything further
    left was written by the client and can be forged. Behind fewer proxies than
    configured (a request that bypassed the load balancer) only REMOTE_ADDR is trusted.
    """
    count = settings.TRUSTED_PROXIES
    if count:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


class PairAndAddressHandler(AxesDatabaseHandler):
    """Locks a username from one address after AXES_FAILURE_LIMIT failures (so nobody
    can lock someone else's account from elsewhere), and the whole address after
    AXES_ADDRESS_FAILURE_LIMIT failures over all usernames within the cool-off time
    (one password tried against many accounts). A successful login resets only its own
    pair, so logging in to one's own account does not reset the address count."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        from_address = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address,
                attempt_time__gte=get_cool_off_threshold(request),
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if from_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
