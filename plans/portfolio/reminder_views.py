"""Each person switches e-mail reminders on or off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans.portfolio.portfolio_forms import ReminderSettingsForm


def _posted(request: HttpRequest) -> QueryDict | None:
    """A POST binds the form even when every field was left empty (unticked boxes)."""
    return request.POST if request.method == "POST" else None


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ReminderSettingsForm(_posted(request), initial={"email_reminders": user.email_reminders})
    if request.method == "POST" and form.is_valid():
        user.email_reminders = form.cleaned_data["email_reminders"]
        user.save(update_fields=["email_reminders"])
        if user.email_reminders:
            messages.success(request, _("Je krijgt herinneringen per e-mail."))
        else:
            messages.success(request, _("Je krijgt geen herinneringen meer per e-mail."))
        return redirect("plans:reminder-settings")
    return render(request, "plans/reminder_settings.html", {"form": form})
