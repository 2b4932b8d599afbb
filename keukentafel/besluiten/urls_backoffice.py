"""URL patterns of the backoffice's rechtmatigheidstoets pages, included by besluiten/urls.py."""

from django.urls import path

from . import views_backoffice as views

urlpatterns: list = [
    path("rechtmatigheid/", views.rechtmatigheid_lijst, name="rechtmatigheid"),
    path("rechtmatigheid/selecteren/", views.rechtmatigheid_selecteren, name="rechtmatigheid_selecteren"),
    path("rechtmatigheid/<int:pk>/", views.rechtmatigheid_toets, name="rechtmatigheid_toets"),
]
