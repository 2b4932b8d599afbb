"""Routes of the eigen-bijdrage screens (merged into financien.urls). No BSN in any path: households by id.
Every table also downloads as XLSX with ?formaat=xlsx (the rules page: &tabel=perioden for the period totals)."""

from django.urls import path

from . import views_bijdrage as v

urlpatterns: list = [
    path("bijdrage/", v.regels, name="bijdrage_regels"),
    path("bijdrage/regels/nieuw/", v.regel_nieuw, name="bijdrage_regel_nieuw"),
    path("bijdrage/regels/<int:pk>/wijzigen/", v.regel_wijzigen, name="bijdrage_regel_wijzigen"),
    path("bijdrage/berekenen/", v.berekenen, name="bijdrage_berekenen"),
    path("bijdrage/periode/<str:begin>/", v.periode, name="bijdrage_periode"),
    path("bijdrage/periode/<str:begin>/cak.csv", v.cak_export, name="bijdrage_cak_export"),
    path("bijdrage/berekening/<int:pk>/", v.uitleg, name="bijdrage_uitleg"),
    path("bijdrage/berekening/<int:pk>/beschikking.pdf", v.beschikking_pdf, name="bijdrage_beschikking"),
]
