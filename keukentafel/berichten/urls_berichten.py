"""Message list, per-provider list and detail (merged into the `berichten` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.bericht_lijst, name="bericht_lijst"),
    path("aanbieder/<int:pk>/", views.aanbieder_berichten, name="aanbieder_berichten"),
    path("bericht/<int:pk>/", views.bericht_detail, name="bericht_detail"),
    path("bericht/<int:pk>/xml/", views.bericht_xml, name="bericht_xml"),
]
