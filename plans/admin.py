from django.contrib import admin

from plans import services
from plans.models import ContactMoment, PopVersion, ProgressTalk, Trajectory
from popsite.accounts.audit import AuditedAdmin


class ContactMomentInline(admin.TabularInline):
    model = ContactMoment
    extra = 0


@admin.register(Trajectory)
class TrajectoryAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["worker", "organisation", "variant", "phase", "started_on"]
    list_filter = ["organisation", "phase", "variant"]
    list_select_related = ["worker", "organisation"]
    filter_horizontal = ["coaches"]
    inlines = [ContactMomentInline]


READ_ONLY = [
    "worker_agreed_at",
    "coach_agreed_at",
    "coach_agreed_by",
    "agreed_at",
    "lock_version",
    "content_version",
    "changed_by",
    "changed_at",
]


@admin.register(PopVersion)
class PopVersionAdmin(AuditedAdmin, admin.ModelAdmin):
    """An agreed version is read-only here as everywhere: what the worker agreed to
    stays what they saw. A draft's goal may be changed, and that change clears the
    confirmations and raises the content version like any edit (services)."""

    list_display = ["trajectory", "number", "is_follow_up", "agreed_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation"]
    fields = ["trajectory", "number", "previous", "is_follow_up", "overall_goal", *READ_ONLY]
    readonly_fields = ["trajectory", "number", "previous", "is_follow_up", *READ_ONLY]

    def has_add_permission(self, request):
        return False  # versions start in the app, from a trajectory or a previous version

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.agreed_at is None) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.agreed_at is None) and super().has_delete_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # The check that it is still a draft and the bump are one UPDATE; then only
        # the goal is written, never the confirmations as they were when the page opened.
        services.pop_mark_changed(obj, by=request.user)
        obj.save(update_fields=["overall_goal"])


@admin.register(ProgressTalk)
class ProgressTalkAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["trajectory", "planned_on", "prepared_at", "held_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation"]
