from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from popsite.accounts.audit import AuditedAdmin
from popsite.accounts.erasure import worker_erase
from popsite.accounts.models import AuditEvent, Membership, Organisation, ScheduledRun, User
from popsite.accounts.second_factor import second_factor_remove

# django-otp's own device admins show a person's secret key and QR code, and their
# changes would not reach the audit log: staff reset a second factor from the person.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "login_name", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "login_name", "first_name", "last_name"]
    inlines = [MembershipInline]
    actions = ["erase_workers", "reset_second_factor"]

    @admin.action(description=_("Tweede factor opnieuw laten instellen (telefoon kwijt)"))
    def reset_second_factor(self, request, queryset):
        reset = [
            person for person in queryset if second_factor_remove(user=person, by=request.user)
        ]
        message = ngettext(
            "De tweede factor van %(n)s persoon is gewist: bij de volgende aanmelding "
            "stelt die een nieuwe in.",
            "De tweede factor van %(n)s personen is gewist: bij de volgende aanmelding "
            "stellen ze een nieuwe in.",
            len(reset),
        )
        self.message_user(request, message % {"n": len(reset)}, messages.SUCCESS)

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
    list_display = ["name", "slug", "requires_second_factor"]
    list_editable = ["requires_second_factor"]
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
class ScheduledRunAdmin(AuditedAdmin, admin.ModelAdmin):
    """What the daily scheduler did; deleting today's row lets the next run do it again."""

    list_display = ["day", "job", "status", "started_at", "finished_at", "outcome"]
    list_filter = ["status", "job"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
