from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(template_name="accounts/inloggen.html"), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_lijst, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("audit/noodtoegang/", views.noodtoegang_rapport, name="noodtoegang_rapport"),
]
