"""REST API v1: routers of the apps are registered here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
