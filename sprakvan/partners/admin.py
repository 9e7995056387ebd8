"""Plain admin for platform admins (superusers); coordinators use the partners pages."""

from django.contrib import admin

from .models import (
    Agreement,
    BudgetLine,
    Contribution,
    Cost,
    Lead,
    Referral,
)


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "created_at", "consent_method"]
    list_filter = ["programme", "organisation"]
    raw_id_fields = ["participant", "referrer"]


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "group", "created_at"]
    raw_id_fields = ["participant", "event"]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "starts_on", "ends_on"]
    inlines = [ContributionInline]


class CostInline(admin.TabularInline):
    model = Cost
    extra = 0


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "amount", "programme"]
    list_filter = ["programme", "year"]
    inlines = [CostInline]
