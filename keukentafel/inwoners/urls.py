from django.urls import path

from keukentafel.urls_contract import nog_niet

app_name = "inwoners"
urlpatterns = [
    path("zoeken/", nog_niet, name="zoeken"),
    path("personen/nieuw/", nog_niet, name="persoon_nieuw"),
    path("personen/<int:pk>/", nog_niet, name="persoon_detail"),
    path("huishoudens/<int:pk>/", nog_niet, name="huishouden_detail"),
    path("huishoudens/<int:pk>/toegang/", nog_niet, name="noodtoegang"),
]
