"""Monitor screens."""

from django.urls import path

from . import ervaring_views, views

app_name = "monitor"

urlpatterns = [
    path("jeugd-participatie/", views.jeugd_en_participatie, name="jeugd_participatie"),
    path("startfoto/", views.startfoto, name="startfoto"),
    path("ervaring/plan/<int:plan_pk>/", ervaring_views.plan_afnames, name="ervaring_plan"),
    path("ervaring/plan/<int:plan_pk>/nieuw/", ervaring_views.afname_nieuw, name="ervaring_nieuw"),
    path("ervaring/<int:pk>/", ervaring_views.afname_detail, name="ervaring_detail"),
]
