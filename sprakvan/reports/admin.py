"""Admin for superusers: goals, document texts and filed statistics."""

from django.contrib import admin

from .models import DocumentBuild, DocumentText, Goal, StatisticsRecord


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "year", "kind", "measure", "district"]
    list_filter = ["programme", "year", "kind"]


@admin.register(DocumentText)
class DocumentTextAdmin(admin.ModelAdmin):
    list_display = ["programme", "period_start", "period_end", "updated_at"]
    list_filter = ["programme"]


@admin.register(StatisticsRecord)
class StatisticsRecordAdmin(admin.ModelAdmin):
    list_display = ["programme", "period_start", "period_end", "filed_at"]
    list_filter = ["programme"]
    readonly_fields = ["figures", "filed_at", "filed_by"]


@admin.register(DocumentBuild)
class DocumentBuildAdmin(admin.ModelAdmin):
    list_display = ["programme", "format", "period_start", "period_end", "state", "created_at"]
    list_filter = ["programme", "state"]
    exclude = ["content"]  # participants' figures leave only through the reports views
    readonly_fields = ["inputs_key", "error"]
