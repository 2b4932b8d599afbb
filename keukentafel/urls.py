from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from keukentafel.security import gezondheid

urlpatterns = [
    path("", include("keukentafel.toegang.urls")),
    path("account/", include("keukentafel.accounts.urls")),
    path("inwoners/", include("keukentafel.inwoners.urls")),
    path("plannen/", include("keukentafel.plannen.urls")),
    path("beleid/", include("keukentafel.beleid.urls")),
    path("aanbod/", include("keukentafel.aanbod.urls")),
    path("besluiten/", include("keukentafel.besluiten.urls")),
    path("berichten/", include("keukentafel.berichten.urls")),
    path("financien/", include("keukentafel.financien.urls")),
    path("portaal/", include("keukentafel.portaal.urls")),
    path("jeugd/", include("keukentafel.jeugd.urls")),
    path("participatie/", include("keukentafel.participatie.urls")),
    path("monitor/", include("keukentafel.monitor.urls")),
    path("api/berichten/v1/", include("keukentafel.berichten.urls_api")),
    path("api/v1/", include("keukentafel.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("beheer/", admin.site.urls),
    path("gezondheid", gezondheid, name="gezondheid"),
]
