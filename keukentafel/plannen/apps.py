from django.apps import AppConfig


class PlannenConfig(AppConfig):
    name = "keukentafel.plannen"
    label = "plannen"
    verbose_name = "Ondersteuningsplannen"
