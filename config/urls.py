"""The URL map: staff pages under their app, public pages under /<programme-slug>/."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/", include("sprakvan.accounts.urls")),
    path("participants/", include("sprakvan.participants.urls")),
    path("matching/", include("sprakvan.matching.urls")),
    path("activities/", include("sprakvan.activities.urls")),
    path("partners/", include("sprakvan.partners.urls")),
    path("reports/", include("sprakvan.reports.urls")),
    path("", include("sprakvan.core.urls")),
    # Public pages of one programme, under its slug.
    path("<slug:programme_slug>/anmalan/", include("sprakvan.participants.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.activities.public_urls")),
    path("<slug:programme_slug>/", include("sprakvan.partners.public_urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
