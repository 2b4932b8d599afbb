from django.urls import path

from . import views

app_name = "inwoners"
urlpatterns = [
    path("zoeken/", views.zoeken, name="zoeken"),
    path("personen/nieuw/", views.persoon_nieuw, name="persoon_nieuw"),
    path("personen/<int:pk>/", views.persoon_detail, name="persoon_detail"),
    path("personen/<int:pk>/wijzigen/", views.persoon_wijzigen, name="persoon_wijzigen"),
    path("personen/<int:pk>/huishouden/", views.persoon_huishouden_nieuw, name="persoon_huishouden_nieuw"),
    path("huishoudens/<int:pk>/", views.huishouden_detail, name="huishouden_detail"),
    path("huishoudens/<int:pk>/toegang/", views.noodtoegang, name="noodtoegang"),
    path("huishoudens/<int:pk>/leden/nieuw/", views.lid_toevoegen, name="lid_toevoegen"),
    path("huishoudens/<int:pk>/leden/<int:lid_pk>/beeindigen/", views.lid_beeindigen, name="lid_beeindigen"),
    path("huishoudens/<int:pk>/netwerk/nieuw/", views.netwerklid, name="netwerklid_nieuw"),
    path("huishoudens/<int:pk>/netwerk/<int:netwerklid_pk>/", views.netwerklid, name="netwerklid_wijzigen"),
]
