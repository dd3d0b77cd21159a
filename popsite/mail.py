"""Outgoing mail as background tasks: one task per message, a timeout on the mail
server and a few retries, and never inside a database transaction.

A mail server that accepts a connection and never answers must not hold a request,
a transaction or the daily reminder run: the worker gives up after EMAIL_TIMEOUT
seconds, queues the next attempt later and records the failure on the task result.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template import loader
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from django_tasks.base import Task

from popsite.accounts.models import User

logger = logging.getLogger(__name__)

# What a mail server that is down, slow or refusing looks like to smtplib.
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def send_now(subject: str, body: str, to: list[str]) -> None:
    """Send one message; raises on any mail-server trouble, at the latest after
    EMAIL_TIMEOUT seconds (the SMTP backend reads that setting)."""
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    EmailMessage(subject, body, None, to, connection=connection).send()


def retry_later(queued: Task, attempt: int, *args) -> bool:
    """Queue attempt + 1 after a growing pause; False when the attempts are used up.

    A backend that cannot wait (the tests' immediate one) tries again at once.
    """
    if attempt >= settings.EMAIL_ATTEMPTS:
        return False
    if queued.get_backend().supports_defer:
        pause = datetime.timedelta(seconds=settings.EMAIL_RETRY_SECONDS * attempt**2)
        queued = queued.using(run_after=timezone.now() + pause)
    queued.enqueue(*args, attempt=attempt + 1)
    return True


@task()
def deliver_password_reset(
    user_pk: int,
    domain: str,
    protocol: str,
    subject_template: str,
    body_template: str,
    attempt: int = 1,
) -> None:
    """The reset link is made when the mail goes, so no token waits in the queue."""
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        return
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    subject = "".join(loader.render_to_string(subject_template, context).splitlines())
    try:
        send_now(subject, loader.render_to_string(body_template, context), [user.email])
    except MAIL_ERRORS:
        retry_later(
            deliver_password_reset,
            attempt,
            user_pk,
            domain,
            protocol,
            subject_template,
            body_template,
        )
        raise


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail handed to the worker instead of sent in the request."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # The reset view runs outside any transaction, so the task can be queued at once.
        deliver_password_reset.enqueue(
            context["user"].pk,
            context["domain"],
            context["protocol"],
            subject_template_name,
            email_template_name,
        )
