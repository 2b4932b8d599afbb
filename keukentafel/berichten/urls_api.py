"""HTTP exchange with providers: one endpoint per message type, token auth."""

from django.urls import path, re_path

from . import views_api

app_name = "berichten_api"
urlpatterns = [
    re_path(r"^(?P<wet>wmo|jeugdwet)/(?P<soort>305|307|315|317|323|302|320)/$", views_api.ontvang_bericht, name="ontvang"),
    path("uitbox/", views_api.uitbox, name="uitbox"),
    path("uitbox/<int:pk>/", views_api.uitbox_bericht, name="uitbox_bericht"),
]
