"""Routes of the mijn pages (merged into portaal.urls): Mijn Keukentafel for a signed-in resident."""

from django.urls import path

from . import views_mijn as views

urlpatterns: list = [
    path("mijn/", views.overzicht_view, name="mijn"),
    path("mijn/aanmelden/", views.aanmelden_view, name="mijn_aanmelden"),
    path("mijn/aanmelden/code/", views.code_view, name="mijn_code"),
    path("mijn/oidc/start/", views.oidc_start_view, name="mijn_oidc_start"),
    path("mijn/oidc/terug/", views.oidc_callback_view, name="mijn_oidc_callback"),
    path("mijn/afmelden/", views.afmelden_view, name="mijn_afmelden"),
    path("mijn/namens/", views.namens_view, name="mijn_namens"),
    path("mijn/plannen/<int:pk>/", views.plan_view, name="mijn_plan"),
    path("mijn/gesprekken/<int:pk>/", views.gesprek_view, name="mijn_gesprek"),
    path("mijn/beschikkingen/<int:pk>/beschikking.pdf", views.beschikking_pdf_view, name="mijn_beschikking_pdf"),
    path("mijn/eigen-bijdrage/", views.bijdrage_view, name="mijn_bijdrage"),
    path("mijn/berichten/", views.berichten_view, name="mijn_berichten"),
    path("mijn/documenten/", views.documenten_view, name="mijn_documenten"),
    path("team/huishoudens/<int:pk>/berichten/", views.team_berichten_view, name="team_berichten"),
]
