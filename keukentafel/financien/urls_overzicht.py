"""Routes of the overzicht screens (merged into financien.urls)."""

from django.urls import path

from . import views_overzicht as v

urlpatterns: list = [
    path("", v.overzicht, name="overzicht"),
    path("overzicht/gebieden/", v.overzicht_gebieden, name="overzicht_gebieden"),
    path("overzicht/post/<int:post_id>/", v.overzicht_post, name="overzicht_post"),
    path("overzicht/post/<int:post_id>/voorzieningen/", v.overzicht_voorzieningen, name="overzicht_voorzieningen"),
    path("overzicht/niet-toegerekend/", v.overzicht_niet_toegerekend, name="overzicht_niet_toegerekend"),
    path("overzicht/niet-toegerekend/voorzieningen/", v.overzicht_niet_toegerekend_voorzieningen,
         name="overzicht_niet_toegerekend_voorzieningen"),
]
