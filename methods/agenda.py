"""The coach's agenda as iCalendar (RFC 5545): a feed of every talk ahead and an
invite per talk. Talks have a day, not an hour, so they are all-day events."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from methods.models import CalendarFeed, new_calendar_token
from methods.services import Talk
from popsite.accounts.models import User


def feed_for(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_renew(user: User) -> CalendarFeed:
    """A new address; the old one stops working at once (e.g. after it was shared)."""
    feed = feed_for(user)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token", "created_at"])
    return feed


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after one space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, start = [], 0
    while start < len(encoded):
        end = min(start + (75 if not parts else 74), len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1  # never split a UTF-8 character
        parts.append(encoded[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def talk_summary(talk: Talk) -> str:
    return _("%(title)s met %(worker)s") % {"title": talk.title, "worker": talk.trajectory.worker}


def calendar(talks: Iterable[Talk], *, name: str, domain: str) -> str:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//POP-werking//Agenda//NL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for talk in talks:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{talk.uid}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{talk.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{talk.day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(talk_summary(talk))}",
            f"LOCATION:{_escape(str(talk.trajectory.organisation))}",
        ]
        if talk.topic:
            lines.append(f"DESCRIPTION:{_escape(talk.topic)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
