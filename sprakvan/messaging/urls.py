"""The coordinator's messaging pages, under /messages/."""

from django.urls import path

from .views import group, outbox, programme_settings, templates

app_name = "messaging"
urlpatterns = [
    path("", outbox.outbox, name="outbox"),
    path("<int:pk>/cancel/", outbox.message_cancel, name="message_cancel"),
    path("<int:pk>/retry/", outbox.message_retry, name="message_retry"),
    path("templates/", templates.template_list, name="template_list"),
    path(
        "templates/<slug:kind>/<slug:language>/",
        templates.template_edit,
        name="template_edit",
    ),
    path("settings/", programme_settings.messaging_settings, name="settings"),
    path("group/", group.group_new, name="group_new"),
]
