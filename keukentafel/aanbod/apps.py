from django.apps import AppConfig


class AanbodConfig(AppConfig):
    name = "keukentafel.aanbod"
    label = "aanbod"
    verbose_name = "Aanbod: catalogus, aanbieders en contracten"
