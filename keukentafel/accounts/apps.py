from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "keukentafel.accounts"
    label = "accounts"
    verbose_name = "Organisatie, medewerkers en audit"
