"""Routes of the begroting screens (merged into financien.urls)."""

from django.urls import path

from . import views_begroting as v

urlpatterns: list = [
    path("begroting/", v.lijst, name="begroting_lijst"),
    path("begroting/importeren/", v.importeren, name="begroting_import"),
    path("begroting/<int:jaar>/", v.detail, name="begroting_detail"),
    path("begroting/<int:jaar>/export.xlsx", v.export, name="begroting_export"),
    path("begroting/<int:jaar>/wijziging/", v.wijziging, name="begroting_wijziging"),
    path("begroting/<int:jaar>/wijziging/sjabloon.xlsx", v.wijziging_sjabloon, name="begroting_wijziging_sjabloon"),
    path("begroting/<int:jaar>/post/<slug:code>/gebieden/", v.gebieden, name="begroting_gebieden"),
]
