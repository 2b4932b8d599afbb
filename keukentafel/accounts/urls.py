from django.contrib.auth import views as auth_views
from django.urls import path

from keukentafel.toegang.views import werkvoorraad

app_name = "accounts"
urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(template_name="accounts/inloggen.html"), name="login"),
    path("audit/", werkvoorraad, name="audit"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
