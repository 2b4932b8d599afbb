"""The residents' side: public pages (no login) and Mijn Keukentafel; each part keeps its routes in its own module."""

from . import urls_hulp, urls_mijn, urls_publiek, urls_vrijwilligers

app_name = "portaal"

urlpatterns = [
    *urls_publiek.urlpatterns,
    *urls_hulp.urlpatterns,
    *urls_vrijwilligers.urlpatterns,
    *urls_mijn.urlpatterns,
]
