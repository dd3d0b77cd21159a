from django.contrib import admin

from plans.models import ContactMoment, PopVersion, Trajectory


class ContactMomentInline(admin.TabularInline):
    model = ContactMoment
    extra = 0


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["worker", "organisation", "variant", "phase", "started_on"]
    list_filter = ["organisation", "phase", "variant"]
    list_select_related = ["worker", "organisation"]
    filter_horizontal = ["coaches"]
    inlines = [ContactMomentInline]


@admin.register(PopVersion)
class PopVersionAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "number", "is_follow_up", "agreed_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation"]
    readonly_fields = ["worker_agreed_at", "coach_agreed_at", "coach_agreed_by", "agreed_at"]
