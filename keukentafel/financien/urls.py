"""Finance screens; each part keeps its routes in its own module."""

from . import urls_begroting, urls_bijdrage, urls_overzicht, urls_pgb, urls_scenario

app_name = "financien"

urlpatterns = [
    *urls_overzicht.urlpatterns,
    *urls_begroting.urlpatterns,
    *urls_pgb.urlpatterns,
    *urls_bijdrage.urlpatterns,
    *urls_scenario.urlpatterns,
]
