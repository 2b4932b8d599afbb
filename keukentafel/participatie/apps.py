from django.apps import AppConfig


class ParticipatieConfig(AppConfig):
    name = "keukentafel.participatie"
    label = "participatie"
    verbose_name = "Participatiewet: sporen, participatieladder, re-integratie, tegenprestatie en werkgeversbenadering"
