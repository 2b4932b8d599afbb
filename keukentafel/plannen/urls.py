from django.urls import path

from . import views

app_name = "plannen"
urlpatterns = [
    path("huishoudens/<int:huishouden_pk>/nieuw/", views.plan_nieuw, name="plan_nieuw"),
    path("huishoudens/<int:huishouden_pk>/inkomensvraag/", views.inkomensvraag_nieuw, name="inkomensvraag_nieuw"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/versies/", views.plan_versies, name="plan_versies"),
    path("<int:pk>/evaluatie/", views.evaluatie_nieuw, name="evaluatie_nieuw"),
]
