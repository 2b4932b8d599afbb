"""Monitor screens."""

from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("jeugd-participatie/", views.jeugd_en_participatie, name="jeugd_participatie"),
    path("startfoto/", views.startfoto, name="startfoto"),
]
