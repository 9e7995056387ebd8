"""Django admin for platform admins; coordinators use the activity pages."""

from django.contrib import admin

from .models import Activity, Attendance, Schedule, Session, Venue, WalkInCount


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "district", "provider"]
    list_filter = ["programme"]


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "programme", "district", "is_active"]
    list_filter = ["programme", "type"]
    inlines = [ScheduleInline]
    filter_horizontal = ["leaders"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["activity", "date", "start_time", "status", "holiday"]
    list_filter = ["status", "activity__programme"]
    date_hierarchy = "date"
    raw_id_fields = ["activity", "schedule", "venue"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "participant_id", "via", "recorded_at"]
    raw_id_fields = ["session", "participant", "recorded_by"]


@admin.register(WalkInCount)
class WalkInCountAdmin(admin.ModelAdmin):
    raw_id_fields = ["session"]
