"""Plain admin for platform admins (superusers); coordinators use the partners pages."""

from django.contrib import admin

from .models import Organisation, OutreachEvent


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "programme"]
    list_filter = ["programme", "kind"]
    search_fields = ["name"]


@admin.register(OutreachEvent)
class OutreachEventAdmin(admin.ModelAdmin):
    list_display = ["name", "date", "kind", "programme"]
    list_filter = ["programme", "kind"]
