from django.urls import path

from keukentafel.toegang.views import werkvoorraad

app_name = "inwoners"
urlpatterns = [
    path("zoeken/", werkvoorraad, name="zoeken"),
    path("huishoudens/<int:pk>/toegang/", werkvoorraad, name="noodtoegang"),
]
