from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "keukentafel.besluiten"
    label = "besluiten"
    verbose_name = "Besluiten: aanvragen, beschikkingen en toegewezen voorzieningen"
