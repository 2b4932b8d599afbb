"""Routes of the pgb screens (merged into financien.urls)."""

from django.urls import path

from . import views_pgb as views

urlpatterns: list = [
    path("pgb/", views.overzicht, name="pgb_overzicht"),
    path("pgb/export.xlsx", views.overzicht_xlsx, name="pgb_overzicht_xlsx"),
    path("pgb/budget/<int:pk>/", views.budget, name="pgb_budget"),
    path("pgb/import/", views.importeren, name="pgb_import"),
    path("pgb/imports/", views.imports, name="pgb_imports"),
    path("pgb/imports/<int:pk>/", views.import_detail, name="pgb_import_detail"),
]
