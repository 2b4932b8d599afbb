from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "keukentafel.accounts"
    label = "accounts"
    verbose_name = "Organisatie, medewerkers en audit"

    def ready(self) -> None:
        from .beheerrechten import zorg_voor_beheergroep

        post_migrate.connect(zorg_voor_beheergroep, sender=self, dispatch_uid="kt_beheergroep")
