from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "keukentafel.demo"
    label = "demo"
    verbose_name = "Demoregio"
