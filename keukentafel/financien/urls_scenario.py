"""Routes of the scenario screens (merged into financien.urls)."""

from django.urls import path

from . import views_scenario as v

urlpatterns = [
    path("scenarios/", v.scenario_lijst, name="scenario_lijst"),
    path("scenarios/nieuw/", v.scenario_nieuw, name="scenario_nieuw"),
    path("scenarios/vergelijk/", v.scenario_vergelijk, name="scenario_vergelijk"),
    path("scenarios/<int:pk>/", v.scenario_detail, name="scenario_detail"),
    path("scenarios/<int:pk>/wijzigen/", v.scenario_nieuw, name="scenario_wijzig"),
    path("scenarios/<int:pk>/xlsx/", v.scenario_xlsx, name="scenario_xlsx"),
]
