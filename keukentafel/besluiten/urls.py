"""Besluiten URLs, one module per part so each part keeps its own routes."""

from . import urls_backoffice, urls_besluit, urls_overgangsrecht

app_name = "besluiten"
urlpatterns = [*urls_besluit.urlpatterns, *urls_backoffice.urlpatterns, *urls_overgangsrecht.urlpatterns]
