"""REST API v1: the routers of the apps are registered here (mounted at /api/v1/)."""

from rest_framework.routers import DefaultRouter

from keukentafel.aanbod.api.viewsets import AanbiederViewSet, AlgemeneVoorzieningViewSet, ProductViewSet
from keukentafel.inwoners.api.viewsets import HuishoudenViewSet, PersoonViewSet
from keukentafel.plannen.api.viewsets import PlanViewSet
from keukentafel.toegang.api.viewsets import MeldingViewSet

app_name = "api"

router = DefaultRouter()
# No ".json" suffix routes: the format comes from the Accept header, and no route pattern near
# "bsn" has a URL parameter (see keukentafel/tests/test_beveiliging.py).
router.include_format_suffixes = False
router.register("personen", PersoonViewSet, basename="persoon")
router.register("huishoudens", HuishoudenViewSet, basename="huishouden")
router.register("meldingen", MeldingViewSet, basename="melding")
router.register("plannen", PlanViewSet, basename="plan")
router.register("algemene-voorzieningen", AlgemeneVoorzieningViewSet, basename="algemene-voorziening")
router.register("producten", ProductViewSet, basename="product")
router.register("aanbieders", AanbiederViewSet, basename="aanbieder")

urlpatterns = router.urls
