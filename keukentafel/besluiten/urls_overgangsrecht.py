"""URL patterns of the overgangsrecht import and the re-assessments (backoffice), included by besluiten/urls.py."""

from django.urls import path

from . import views_overgangsrecht as views

urlpatterns: list = [
    path("overgangsrecht/import/", views.importeren, name="import"),
    path("overgangsrecht/import/uitvoeren/", views.import_uitvoeren, name="import_uitvoeren"),
    path("overgangsrecht/import/<int:pk>/", views.import_resultaat, name="import_resultaat"),
    path("overgangsrecht/herbeoordelingen/", views.herbeoordelingen, name="herbeoordelingen"),
    path("overgangsrecht/herbeoordelingen/<int:pk>/afronden/", views.herbeoordeling_afronden, name="herbeoordeling_afronden"),
]
