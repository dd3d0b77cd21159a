from django.contrib import admin

from methods.models import (
    Card,
    CardDeck,
    CompetenceDefinition,
    FunctionProfile,
    Method,
    VariantStep,
    Worksheet,
)
from popsite.accounts.audit import AuditedAdmin


@admin.register(Method)
class MethodAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "organisation", "worksheet_kind", "questions", "levels"]
    list_filter = ["organisation", "worksheet_kind"]
    search_fields = ["name"]


class CardInline(admin.TabularInline):
    model = Card
    extra = 0


@admin.register(CardDeck)
class CardDeckAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "organisation"]
    inlines = [CardInline]


@admin.register(CompetenceDefinition)
class CompetenceDefinitionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "organisation", "position"]
    list_filter = ["organisation", "kind"]


@admin.register(FunctionProfile)
class FunctionProfileAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "organisation"]
    filter_horizontal = ["competences"]


@admin.register(VariantStep)
class VariantStepAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["variant", "position", "number", "kind", "phase"]
    list_filter = ["variant"]


@admin.register(Worksheet)
class WorksheetAdmin(AuditedAdmin, admin.ModelAdmin):
    # Content stays out of the admin: a worksheet is the worker's, read through its page.
    list_display = ["method", "trajectory", "created_at"]
    list_select_related = ["method", "trajectory__worker", "trajectory__organisation"]
    fields = ["trajectory", "method", "created_by", "created_at"]
    readonly_fields = fields
