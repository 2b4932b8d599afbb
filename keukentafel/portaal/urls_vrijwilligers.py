"""Routes of the vrijwilligers pages (merged into portaal.urls)."""

from django.urls import path

from . import views_vrijwilligers as v

urlpatterns: list = [
    path("vrijwilligers/", v.vacatures, name="vrijwilligers"),
    path("vrijwilligers/vacatures/<int:pk>/", v.vacature, name="vrijwilligersvacature"),
    path("vrijwilligers/aanmelden/", v.aanmelden, name="vrijwilliger_aanmelden"),
    path("vrijwilligers/aangemeld/", v.aangemeld, name="vrijwilliger_aangemeld"),
    path("vrijwilligers/servicepunt/", v.servicepunt, name="servicepunt"),
    path("vrijwilligers/servicepunt/vacatures/nieuw/", v.vacature_bewerk, name="vacature_nieuw"),
    path("vrijwilligers/servicepunt/vacatures/<int:pk>/", v.vacature_bewerk, name="vacature_wijzig"),
]
