from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "keukentafel.portaal"
    label = "portaal"
    verbose_name = "Portaal: etalage, sociale kaart, hulpknop, vrijwilligers en Mijn Keukentafel"
