from django.apps import AppConfig


class JeugdConfig(AppConfig):
    name = "keukentafel.jeugd"
    label = "jeugd"
    verbose_name = "Jeugdwet: wettelijke verwijzers, maatregelen, machtigingen, 18-min/18-plus, meldcode en Verwijsindex"
