"""The URL map: staff pages under their app, public pages under /<programme-slug>/."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from sprakvan.api.endpoints import api
from sprakvan.core.health import healthz

# The admin logs in through allauth too, so its second factor cannot be bypassed.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),  # for the load balancer: no login, no data
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("participants/", include("sprakvan.participants.urls")),
    path("matching/", include("sprakvan.matching.urls")),
    path("activities/", include("sprakvan.activities.urls")),
    path("partners/", include("sprakvan.partners.urls")),
    path("reports/", include("sprakvan.reports.urls")),
    path("messages/", include("sprakvan.messaging.urls")),
    path("privacy/", include("sprakvan.privacy.urls")),
    path("tillganglighet/", include("sprakvan.accessibility.urls")),
    path("api/v1/", api.urls),
    path("api/", include("sprakvan.api.urls")),
    path("", include("sprakvan.accounts.urls")),
    # "/" is the home of staff with a role in a programme; it hands everyone else to core's
    # front page (core:home, same address), so it comes before core.
    path("", include("sprakvan.home.urls")),
    path("", include("sprakvan.core.urls")),
    # Unsubscribe links (/m/…) and the SMS provider's hooks (/hooks/…), before the slugs.
    path("", include("sprakvan.messaging.public_urls")),
    # Public pages of one programme, under its slug.
    path("<slug:programme_slug>/anmalan/", include("sprakvan.participants.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.matching.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.activities.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.partners.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.privacy.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.accessibility.public_urls")),
]
# No /media/ route, not even with DEBUG on: uploads (signed agreements) are served only by
# views that check the role and programme (partners:agreement_document).
