"""Aanbod URLs: sociale kaart, maatwerkproducten, aanbieders and contracten (read-only staff pages)."""

from django.urls import path

from . import views

app_name = "aanbod"
urlpatterns = [
    path("sociale-kaart/", views.sociale_kaart, name="sociale_kaart"),
    path("producten/", views.producten, name="producten"),
    path("aanbieders/", views.aanbieders, name="aanbieders"),
    path("aanbieders/<int:pk>/", views.aanbieder, name="aanbieder"),
    path("contracten/<int:pk>/", views.contract, name="contract"),
]
