from django.urls import path

from keukentafel.urls_contract import nog_niet

app_name = "plannen"
urlpatterns = [
    path("huishoudens/<int:huishouden_pk>/nieuw/", nog_niet, name="plan_nieuw"),
    path("huishoudens/<int:huishouden_pk>/inkomensvraag/", nog_niet, name="inkomensvraag_nieuw"),
    path("<int:pk>/", nog_niet, name="plan_detail"),
    path("<int:pk>/plan.pdf", nog_niet, name="plan_pdf"),
    path("<int:pk>/versies/", nog_niet, name="plan_versies"),
    path("<int:pk>/evaluatie/", nog_niet, name="evaluatie_nieuw"),
]
