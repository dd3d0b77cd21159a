from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from popsite.accounts.jobs import clear_expired_sessions


def test_expired_sessions_are_cleared(db):
    Session.objects.create(
        session_key="old", session_data="", expire_date=timezone.now() - timedelta(seconds=1)
    )
    clear_expired_sessions()
    assert not Session.objects.filter(session_key="old").exists()
