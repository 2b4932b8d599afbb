"""Monitor screens."""

from django.urls import path

from . import ervaring_views, views, views_dashboard

app_name = "monitor"

urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("onderdeel/<slug:code>/", views_dashboard.sectie_pagina, name="sectie"),
    path("onderdeel/<slug:code>/lijst/", views_dashboard.sectie_lijst, name="sectie_lijst"),
    path("jeugd-participatie/", views.jeugd_en_participatie, name="jeugd_participatie"),
    path("startfoto/", views.startfoto, name="startfoto"),
    path("ervaring/plan/<int:plan_pk>/", ervaring_views.plan_afnames, name="ervaring_plan"),
    path("ervaring/plan/<int:plan_pk>/nieuw/", ervaring_views.afname_nieuw, name="ervaring_nieuw"),
    path("ervaring/<int:pk>/", ervaring_views.afname_detail, name="ervaring_detail"),
]
