"""Jeugdwet screens (mounted at /jeugd/). Persons by primary key, never by BSN."""

from django.urls import path

from . import views

app_name = "jeugd"

urlpatterns = [
    path("overgang-18/", views.overgangslijst, name="overgangslijst"),
    path("personen/<int:pk>/", views.persoon, name="persoon"),
    path("personen/<int:pk>/verwijzing/", views.verwijzing_nieuw, name="verwijzing_nieuw"),
    path("personen/<int:pk>/machtiging/", views.machtiging_nieuw, name="machtiging_nieuw"),
    path("personen/<int:pk>/maatregel/", views.maatregel_nieuw, name="maatregel_nieuw"),
    path("maatregelen/<int:pk>/beeindigen/", views.maatregel_beeindigen, name="maatregel_beeindigen"),
    path("personen/<int:pk>/overgang-18/", views.overgang, name="overgang"),
    path("personen/<int:pk>/veiligheid/", views.veiligheid, name="veiligheid"),
    path("meldcode/<int:pk>/", views.meldcode, name="meldcode"),
    path("verwijsindex/<int:pk>/beeindigen/", views.verwijsindex_beeindigen, name="verwijsindex_beeindigen"),
]
