"""Matching rows in the platform admin (superusers only; coordinators use the staff pages)."""

from django.contrib import admin

from .models import CallRecord, FollowUp, MatchingSettings, Pair, ProposalRun, Rejection


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    list_display = ["programme", "background_from"]


class CallInline(admin.TabularInline):
    model = CallRecord
    extra = 0
    raw_id_fields = ["recorded_by"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ["id", "programme", "state", "end_reason", "started_on", "ended_on", "score"]
    list_filter = ["programme", "state", "end_reason"]
    raw_id_fields = ["newcomer", "established", "created_by"]
    inlines = [CallInline, FollowUpInline]


@admin.register(Rejection)
class RejectionAdmin(admin.ModelAdmin):
    list_display = ["id", "programme", "newcomer_id", "established_id", "rejected_on"]
    raw_id_fields = ["newcomer", "established", "rejected_by"]


@admin.register(ProposalRun)
class ProposalRunAdmin(admin.ModelAdmin):
    list_display = ["id", "programme", "state", "percent", "created_at", "finished_at"]
    exclude = ["proposals"]
