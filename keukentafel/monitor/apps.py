from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "keukentafel.monitor"
    label = "monitor"
    verbose_name = "Monitor: indicatoren voor beleid, teamleiding en raad"
