"""The coordinator's pages for API tokens (the API itself is mounted at /api/v1/)."""

from django.urls import URLPattern, path

from . import views

app_name = "api"
urlpatterns: list[URLPattern] = [
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "tokens/<int:pk>/revoke/confirm/", views.token_revoke_confirm, name="token_revoke_confirm"
    ),
]
