from __future__ import annotations

from django.contrib import admin

from popsite.accounts.audit import AuditedAdmin
from registration.models import Consent, ExportJob, ExportLog, HoursLine, HoursSheet, Training


@admin.register(Consent)
class ConsentAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["trajectory", "worker_confirmed_at", "coach_confirmed_at", "scan_uploaded_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation"]
    raw_id_fields = ["trajectory"]


class HoursLineInline(admin.TabularInline):
    model = HoursLine
    extra = 0
    raw_id_fields = ["person"]


@admin.register(HoursSheet)
class HoursSheetAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["organisation", "month", "scan_uploaded_at"]
    list_filter = ["organisation"]
    inlines = [HoursLineInline]


@admin.register(Training)
class TrainingAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["date", "topic", "organisation", "trainer"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "trainer"]


@admin.register(ExportJob)
class ExportJobAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["month", "organisation", "requested_by", "status", "created_at"]
    list_select_related = ["organisation", "requested_by"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]


@admin.register(ExportLog)
class ExportLogAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["at", "user", "month", "all_organisations", "via", "missing_count"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "at",
        "month",
        "all_organisations",
        "via",
        "job",
        "file_name",
        "missing_count",
    ]

    def has_add_permission(self, request) -> bool:
        return False
