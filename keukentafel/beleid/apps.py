from django.apps import AppConfig


class BeleidConfig(AppConfig):
    name = "keukentafel.beleid"
    label = "beleid"
    verbose_name = "Beleidsinstellingen"
