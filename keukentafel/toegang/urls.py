from django.urls import path

from keukentafel.urls_contract import nog_niet

from . import views

app_name = "toegang"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("meldingen/nieuw/", nog_niet, name="melding_nieuw"),
    path("meldingen/anoniem/", nog_niet, name="anonieme_signalen"),
    path("meldingen/<int:pk>/", nog_niet, name="melding_detail"),
    path("onderzoeken/<int:pk>/", nog_niet, name="onderzoek_detail"),
    path("gesprekken/<int:pk>/", nog_niet, name="gesprek_detail"),
    path("gesprekken/<int:pk>/verslag.pdf", nog_niet, name="verslag_pdf"),
]
