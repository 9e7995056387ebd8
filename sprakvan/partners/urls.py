"""Staff pages of the partners app, under /partners/."""

from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("new/", views.organisation_create, name="organisation_create"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/qr.svg", views.organisation_qr, name="organisation_qr"),
    path("<int:pk>/link/rotate/", views.organisation_link_rotate, name="organisation_link_rotate"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("outreach/", views.outreach_list, name="outreach_list"),
    path("outreach/new/", views.outreach_create, name="outreach_create"),
    path("outreach/link-leads/", views.leads_link, name="leads_link"),
    path("outreach/<int:pk>/", views.outreach_detail, name="outreach_detail"),
    path("outreach/<int:pk>/edit/", views.outreach_edit, name="outreach_edit"),
    path("outreach/<int:pk>/qr.svg", views.outreach_qr, name="outreach_qr"),
    path(
        "outreach/<int:pk>/link/rotate/",
        views.outreach_link_rotate,
        name="outreach_link_rotate",
    ),
    path("outreach/<int:pk>/leads/new/", views.lead_create, name="lead_create"),
    path("leads/<int:pk>/delete/", views.lead_delete, name="lead_delete"),
    path("leads/<int:pk>/delete/confirm/", views.lead_delete_confirm, name="lead_delete_confirm"),
    path("popups/", views.popup_list, name="popup_list"),
    path("popups/new/", views.popup_create, name="popup_create"),
    path("popups/<int:pk>/", views.popup_edit, name="popup_edit"),
    path("finances/", views.finances, name="finances"),
    path("finances/agreements/new/", views.agreement_create, name="agreement_create"),
    path("finances/agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path(
        "finances/agreements/<int:pk>/document/",
        views.agreement_document,
        name="agreement_document",
    ),
    path(
        "finances/agreements/<int:pk>/contributions/new/",
        views.contribution_create,
        name="contribution_create",
    ),
    path(
        "finances/contributions/<int:pk>/edit/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "finances/contributions/<int:pk>/delete/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path(
        "finances/contributions/<int:pk>/delete/confirm/",
        views.contribution_delete_confirm,
        name="contribution_delete_confirm",
    ),
    path("finances/budget-lines/new/", views.budget_line_create, name="budget_line_create"),
    path("finances/budget-lines/<int:pk>/edit/", views.budget_line_edit, name="budget_line_edit"),
    path(
        "finances/budget-lines/<int:pk>/delete/",
        views.budget_line_delete,
        name="budget_line_delete",
    ),
    path(
        "finances/budget-lines/<int:pk>/delete/confirm/",
        views.budget_line_delete_confirm,
        name="budget_line_delete_confirm",
    ),
    path("finances/costs/new/", views.cost_create, name="cost_create"),
    path("finances/costs/<int:pk>/delete/", views.cost_delete, name="cost_delete"),
    path(
        "finances/costs/<int:pk>/delete/confirm/",
        views.cost_delete_confirm,
        name="cost_delete_confirm",
    ),
]
