from django.apps import AppConfig


class InwonersConfig(AppConfig):
    name = "keukentafel.inwoners"
    label = "inwoners"
    verbose_name = "Inwoners en huishoudens"
