"""URL patterns of the generalist's besluiten pages (plan action → aanvraag/verwijzing → grant), included by besluiten/urls.py."""

from django.urls import path

from . import views_besluit as views

urlpatterns: list = [
    path("acties/<int:pk>/", views.actie_besluit, name="actie_besluit"),
    path("aanvragen/<int:pk>/", views.aanvraag_detail, name="aanvraag"),
    path("beschikkingen/<int:pk>/beschikking.pdf", views.beschikking_pdf, name="beschikking_pdf"),
    path("verwijzingen/<int:pk>/", views.verwijzing_detail, name="verwijzing"),
    path("verwijzingen/<int:pk>/verwijsbrief.pdf", views.verwijzing_pdf, name="verwijzing_pdf"),
    path("voorzieningen/<int:pk>/", views.voorziening_detail, name="voorziening"),
    path("huishoudens/<int:huishouden_pk>/rechtsbescherming/", views.rechtsbescherming_overzicht, name="rechtsbescherming"),
]
