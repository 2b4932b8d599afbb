"""Routes of the hulp pages (merged into portaal.urls)."""

from django.urls import path

from . import views_hulp

urlpatterns: list = [
    path("hulp/", views_hulp.hulp_vragen, name="hulp"),
    path("hulp/anoniem/", views_hulp.hulp_anoniem, name="hulp_anoniem"),
    path("hulp/verstuurd/", views_hulp.hulp_verstuurd, name="hulp_verstuurd"),
]
