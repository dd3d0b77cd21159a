from django.contrib import admin

from plans.models import (
    ContactMoment,
    PopTemplate,
    PopTemplateItem,
    PopVersion,
    PortfolioGrant,
    ProgressTalk,
    Trajectory,
)


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


@admin.register(PortfolioGrant)
class PortfolioGrantAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "grantee", "starts_on", "ends_on", "revoked_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation", "grantee"]
    search_fields = ["grantee__email", "trajectory__worker__email"]


@admin.register(ProgressTalk)
class ProgressTalkAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "planned_on", "prepared_at", "held_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation"]


class PopTemplateItemInline(admin.TabularInline):
    model = PopTemplateItem
    extra = 0


@admin.register(PopTemplate)
class PopTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation"]
    list_filter = ["organisation"]
    inlines = [PopTemplateItemInline]
