"""The participant's side, under /<programme-slug>/: their own page (mina-sidor) and the
programme's privacy notice (integritet). Each view module lists its own routes."""

from .views import export, notice, own, signin

app_name = "privacy_public"
urlpatterns = [*signin.urls, *own.urls, *export.urls, *notice.urls]
