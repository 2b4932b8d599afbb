from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "keukentafel.toegang"
    label = "toegang"
    verbose_name = "Toegang: meldingen en onderzoek"
