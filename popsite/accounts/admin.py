from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from popsite.accounts.audit import AuditedAdmin
from popsite.accounts.erasure import worker_erase
from popsite.accounts.models import AuditEvent, Membership, Organisation, ScheduledRun, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "login_name", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "login_name", "first_name", "last_name"]
    inlines = [MembershipInline]
    actions = ["erase_workers"]

    @admin.action(description=_("Vertrokken werknemer wissen (na de bewaartermijn)"))
    def erase_workers(self, request, queryset):
        for worker in queryset:
            try:
                counted = worker_erase(worker=worker, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{worker}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Gewist; %(n)s traject(en) bewaard als anoniem aantal.") % {"n": counted},
                    messages.SUCCESS,
                )

    fieldsets = [
        (None, {"fields": ["email", "login_name", "password", "one_time_code_until"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "birth_date"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "password1", "password2"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin, admin.ModelAdmin):
    """Searchable, read-only: the log is evidence and must not be edited."""

    list_display = ["at", "user", "verb", "object_type", "object_id", "subject"]
    list_filter = ["verb", "object_type"]
    search_fields = [
        "user__email",
        "user__last_name",
        "subject__email",
        "subject__last_name",
        "object_id",
    ]
    date_hierarchy = "at"
    list_select_related = ["user", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """What the daily scheduler did; deleting today's row lets the next run do it again."""

    list_display = ["day", "job", "status", "started_at", "finished_at", "outcome"]
    list_filter = ["status", "job"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
