"""Routes of the publiek pages (merged into portaal.urls)."""

from django.urls import path

from . import views_publiek

urlpatterns: list = [
    path("", views_publiek.home, name="home"),
    path("sociale-kaart/", views_publiek.sociale_kaart, name="sociale_kaart"),
    path("sociale-kaart/<int:pk>/", views_publiek.voorziening, name="voorziening"),
    path("etalage/<slug:thema>/", views_publiek.etalage, name="etalage"),
    path("eigenkrachtwijzer/", views_publiek.zelftest, name="zelftest"),
    path("eigenkrachtwijzer/<slug:code>/", views_publiek.zelftest_leefgebied, name="zelftest_leefgebied"),
    path("beheer/etalage/", views_publiek.etalage_beheer, name="etalage_beheer"),
    path("beheer/etalage/nieuw/", views_publiek.etalage_beheer_bewerk, name="etalage_beheer_nieuw"),
    path("beheer/etalage/<int:pk>/", views_publiek.etalage_beheer_bewerk, name="etalage_beheer_wijzig"),
    path("beheer/etalage/<int:pk>/publiceren/", views_publiek.etalage_beheer_publiceer, name="etalage_beheer_publiceer"),
]

