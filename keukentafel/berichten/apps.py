from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "keukentafel.berichten"
    label = "berichten"
    verbose_name = "Berichtenverkeer iWmo/iJw"

    def ready(self) -> None:
        from . import signalen  # noqa: F401  (connects the 301 to grant changes)
