"""Staff pages of matching, mounted at /matching/."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.proposals, name="proposals"),
    path("proposals/accept/", views.proposal_accept, name="proposal_accept"),
    path("proposals/reject/", views.proposal_reject, name="proposal_reject"),
    path(
        "proposals/reject/confirm/",
        views.proposal_reject_confirm,
        name="proposal_reject_confirm",
    ),
    path("proposals/candidates/", views.proposal_candidates, name="proposal_candidates"),
    path("proposals/run/", views.proposal_run_start, name="proposal_run_start"),
    path("proposals/run/<int:pk>/", views.proposal_run_status, name="proposal_run_status"),
    path("proposals/run/<int:pk>/retry/", views.proposal_run_retry, name="proposal_run_retry"),
    path("pairs/", views.pair_list, name="pair_list"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/call/", views.pair_call, name="pair_call"),
    path("pairs/<int:pk>/pause/", views.pair_pause, name="pair_pause"),
    path("pairs/<int:pk>/resume/", views.pair_resume, name="pair_resume"),
    path("pairs/<int:pk>/end/", views.pair_end, name="pair_end"),
    path("pairs/<int:pk>/end/confirm/", views.pair_end_confirm, name="pair_end_confirm"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", views.follow_up_record, name="follow_up_record"),
    path("settings/", views.matching_settings, name="settings"),
]
