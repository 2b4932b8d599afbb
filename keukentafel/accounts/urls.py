from django.contrib.auth import views as auth_views
from django.urls import path

from keukentafel.urls_contract import nog_niet

app_name = "accounts"
urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(template_name="accounts/inloggen.html"), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", nog_niet, name="audit"),
    path("audit/noodtoegang/", nog_niet, name="noodtoegang_rapport"),
]
