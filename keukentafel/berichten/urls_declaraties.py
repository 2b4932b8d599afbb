"""Declaration review (323/325), merged into the `berichten` namespace."""

from django.urls import path

from . import views_declaraties as views

urlpatterns = [
    path("declaraties/", views.declaratie_lijst, name="declaratie_lijst"),
    path("declaraties/<int:pk>/", views.declaratie_detail, name="declaratie_detail"),
]
