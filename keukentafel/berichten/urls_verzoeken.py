"""The team's work items for provider requests (315/317), merged into the `berichten` namespace."""

from django.urls import path

from . import views_verzoeken as views

urlpatterns = [
    path("verzoeken/", views.verzoek_lijst, name="verzoek_lijst"),
    path("verzoeken/<int:pk>/", views.verzoek_detail, name="verzoek_detail"),
]
