from django.urls import path

from . import views

app_name = "toegang"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("meldingen/nieuw/", views.werkvoorraad, name="melding_nieuw"),
]
