from __future__ import annotations

import datetime

from django.urls import path, register_converter

from registration import views
from registration.selectors import parse_month


class MonthConverter:
    """'2026-11' in the URL, the first day of that month in the view."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        # A month the app refuses is a page that does not exist: 404.
        return parse_month(value)

    def to_url(self, value: datetime.date | str) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"


register_converter(MonthConverter, "month")

app_name = "registration"

urlpatterns = [
    path("toestemming/<int:pk>/", views.consent_detail, name="consent"),
    path("toestemming/<int:pk>/pdf/", views.consent_pdf, name="consent-pdf"),
    path("toestemming/<int:pk>/scan/", views.consent_upload, name="consent-upload"),
    path("toestemming/<int:pk>/scan/bekijken/", views.consent_scan, name="consent-scan"),
    path("toestemming/<int:pk>/bevestigen/", views.consent_confirm, name="consent-confirm"),
    path("traject/<int:pk>/mijn-loopbaan/", views.mijn_loopbaan, name="mijn-loopbaan"),
    path("uren/", views.hours_list, name="hours-list"),
    path("uren/<slug:slug>/<month:month>/", views.hours_detail, name="hours"),
    path("uren/<slug:slug>/<month:month>/pdf/", views.hours_pdf, name="hours-pdf"),
    path("uren/<slug:slug>/<month:month>/scan/", views.hours_upload, name="hours-upload"),
    path("uren/<slug:slug>/<month:month>/scan/bekijken/", views.hours_scan, name="hours-scan"),
    path(
        "uren/<slug:slug>/<month:month>/regels/<int:line_pk>/verwijderen/",
        views.hours_line_delete,
        name="hours-line-delete",
    ),
    path("opleidingen/", views.training_list, name="training-list"),
    path("opleidingen/nieuw/", views.training_create, name="training-create"),
    path("opleidingen/<int:pk>/", views.training_detail, name="training"),
    path("opleidingen/<int:pk>/aanpassen/", views.training_edit, name="training-edit"),
    path(
        "opleidingen/<int:pk>/aanwezigheid/", views.training_attendance, name="training-attendance"
    ),
    path("opleidingen/<int:pk>/pdf/", views.training_pdf, name="training-pdf"),
    path("opleidingen/<int:pk>/scan/", views.training_upload, name="training-upload"),
    path("opleidingen/<int:pk>/scan/bekijken/", views.training_scan, name="training-scan"),
    path("export/", views.export_page, name="export"),
    path("export/start/", views.export_start, name="export-start"),
    path("export/<int:pk>/", views.export_job, name="export-job"),
    path("export/<int:pk>/status/", views.export_job_status, name="export-job-status"),
    path("export/<int:pk>/download/", views.export_download, name="export-download"),
]
