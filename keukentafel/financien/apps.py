from django.apps import AppConfig


class FinancienConfig(AppConfig):
    name = "keukentafel.financien"
    label = "financien"
    verbose_name = "Financiën: begroting, verplichtingen, realisatie, prognose, eigen bijdrage, pgb en scenario's"
