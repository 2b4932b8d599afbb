from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("meldingen/nieuw/", views.melding_nieuw, name="melding_nieuw"),
    path("meldingen/anoniem/", views.anonieme_signalen, name="anonieme_signalen"),
    path("meldingen/<int:pk>/", views.melding_detail, name="melding_detail"),
    path("onderzoeken/<int:pk>/", views.onderzoek_detail, name="onderzoek_detail"),
    path("gesprekken/<int:pk>/", views.gesprek_detail, name="gesprek_detail"),
    path("gesprekken/<int:pk>/verslag.pdf", views.verslag_pdf, name="verslag_pdf"),
]
