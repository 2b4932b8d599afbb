"""Participatiewet screens (mounted at /participatie/)."""

from django.urls import path

from . import views

app_name = "participatie"

urlpatterns = [
    path("huishoudens/<int:pk>/", views.huishouden, name="huishouden"),
    path("personen/<int:persoon_pk>/", views.persoon, name="persoon"),
    path("personen/<int:persoon_pk>/traject/nieuw/", views.traject_nieuw, name="traject_nieuw"),
    path("personen/<int:persoon_pk>/ladder/", views.ladder, name="ladder"),
    path("personen/<int:persoon_pk>/competenties/", views.competenties, name="competenties"),
    path("trajecten/<int:pk>/fase/", views.traject_fase, name="traject_fase"),
    path("trajecten/<int:pk>/herbeoordeling/", views.herbeoordeling, name="herbeoordeling"),
    path("trajecten/<int:pk>/afsluiten/", views.traject_afsluiten, name="traject_afsluiten"),
    path("trajecten/<int:pk>/instrumenten/nieuw/", views.instrument_nieuw, name="instrument_nieuw"),
    path("trajecten/<int:pk>/tegenprestatie/nieuw/", views.tegenprestatie_nieuw, name="tegenprestatie_nieuw"),
    path("instrumenten/<int:pk>/uitkomst/", views.instrument_uitkomst, name="instrument_uitkomst"),
    path("plaatsingen/<int:pk>/resultaat/", views.plaatsing_resultaat, name="plaatsing_resultaat"),
    path("herbeoordelingen/", views.herbeoordelingen, name="herbeoordelingen"),
    path("werkgevers/", views.werkgevers, name="werkgevers"),
    path("werkgevers/<int:pk>/", views.werkgever, name="werkgever"),
    path("vacatures/<int:pk>/", views.vacature, name="vacature"),
]
