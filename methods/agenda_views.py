"""The coach's agenda page, its private calendar feed and an invite per talk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from methods import agenda, services
from methods.models import CalendarFeed, PlannedMoment
from plans.models import ContactMoment, ProgressTalk, Trajectory
from plans.rules import coached_ids
from popsite.accounts.access import get_object_for
from popsite.accounts.models import Role, User

AGENDA_LIMIT = 200
# An invite names its talk by source and id, as its calendar UID: "planned-12", "contact-3".
SOURCES = {"planned": PlannedMoment, "contact": ContactMoment, "progress": ProgressTalk}


def _coach_talks(user: User, limit: int | None = AGENDA_LIMIT) -> list[services.Talk]:
    trajectories = (
        Trajectory.objects.active()
        .filter(pk__in=coached_ids(user))
        .select_related("worker", "organisation")
    )
    return services.upcoming_talks(trajectories, limit=limit)


def _ics(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def agenda_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    feed = agenda.feed_for(request.user)
    context = {
        "talks": _coach_talks(request.user),
        "limit": AGENDA_LIMIT,
        "feed_url": request.build_absolute_uri(reverse("methods:agenda-feed", args=[feed.token])),
    }
    return render(request, "methods/agenda.html", context)


@require_POST
@login_required
def agenda_renew(request: HttpRequest) -> HttpResponse:
    if not request.user.has_role(Role.COACH):
        raise Http404
    agenda.feed_renew(request.user)
    messages.success(request, _("Je agenda heeft een nieuw adres. Het oude werkt niet meer."))
    return redirect("methods:agenda")


def agenda_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar programs fetch it on their own. The long random token is
    the key; a person who is no longer a coach gets nothing."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
    if feed is None or not feed.user.is_active or not feed.user.has_role(Role.COACH):
        raise Http404
    content = agenda.calendar(
        _coach_talks(feed.user, limit=None),
        name=_("POP-gesprekken van %(coach)s") % {"coach": feed.user},
        domain=request.get_host(),
    )
    return _ics(content, "pop-agenda.ics")


@login_required
def talk_invite(request: HttpRequest, uid: str) -> HttpResponse:
    """One talk as an invite: for the coach and for the worker it is about."""
    source, _sep, number = uid.partition("-")
    if source not in SOURCES or not number.isdigit() or len(number) > 12:
        raise Http404
    row = SOURCES[source].objects.filter(pk=int(number)).values("trajectory_id").first()
    if row is None:
        raise Http404
    trajectory = get_object_for(
        request.user,
        Trajectory.objects.select_related("worker", "organisation").prefetch_related("coaches"),
        "plans.view_talk",
        pk=row["trajectory_id"],
    )
    talk = next(
        (t for t in services.upcoming_talks([trajectory], limit=None) if t.uid == uid), None
    )
    if talk is None:
        raise Http404
    content = agenda.calendar([talk], name=agenda.talk_summary(talk), domain=request.get_host())
    return _ics(content, f"gesprek-{talk.day:%Y%m%d}.ics")
