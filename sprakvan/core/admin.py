"""The Django admin for programmes and the audit log: nothing here deletes, the log is read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "city", "archived_at"]
    list_filter = ["archived_at"]
    search_fields = ["name", "slug"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Programmes are archived (the button on the platform's programme list), never deleted.
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "programme", "actor", "action", "object_type", "object_id"]
    list_filter = ["programme"]
    search_fields = ["action", "object_type"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
