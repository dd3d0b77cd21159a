from django.contrib import admin

from plans.portfolio.models import PopTemplate, PopTemplateItem, PortfolioGrant
from popsite.accounts.audit import AuditedAdmin


@admin.register(PortfolioGrant)
class PortfolioGrantAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["trajectory", "grantee", "starts_on", "ends_on", "revoked_at"]
    list_select_related = ["trajectory__worker", "trajectory__organisation", "grantee"]
    search_fields = ["grantee__email", "trajectory__worker__email"]


class PopTemplateItemInline(admin.TabularInline):
    model = PopTemplateItem
    extra = 0


@admin.register(PopTemplate)
class PopTemplateAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "organisation"]
    list_filter = ["organisation"]
    inlines = [PopTemplateItemInline]
