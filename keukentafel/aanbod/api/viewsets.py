"""Read-only API of the catalogue for every authenticated staff account or system token.

No personal data: no need-to-know check and no audit record. Policy-dependent answers (referral or
beschikking, mandatory quality evidence) are given for the gemeente of the account, today.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from keukentafel.aanbod import beheer, catalogus
from keukentafel.aanbod.models import Aanbieder, AlgemeneVoorziening, Contract, Product
from keukentafel.accounts.api_permissions import foutresponses

from .filters import AanbiederFilter, AlgemeneVoorzieningFilter, ProductFilter
from .serializers import AanbiederSerializer, AlgemeneVoorzieningSerializer, ProductSerializer


def _gemeente(request):
    return getattr(request.user, "werkgemeente", None)


@extend_schema_view(
    list=extend_schema(
        summary="Sociale kaart: algemene voorzieningen",
        description="Actieve algemene voorzieningen, te filteren op tekst, soort, gemeente, gebied, leefgebied en doelgroep.",
        responses={200: AlgemeneVoorzieningSerializer(many=True), **foutresponses(400)},
    ),
    retrieve=extend_schema(summary="Eén algemene voorziening", responses={200: AlgemeneVoorzieningSerializer, **foutresponses(404)}),
)
@extend_schema(tags=["aanbod"])
class AlgemeneVoorzieningViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AlgemeneVoorzieningSerializer
    filterset_class = AlgemeneVoorzieningFilter
    queryset = AlgemeneVoorziening.objects.filter(actief=True).prefetch_related("leefgebieden", "gebieden").order_by("naam", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Maatwerkproducten",
        description="Met iWmo/iJw-productcategorie en productcode; via_verwijzing geldt vandaag voor de gemeente van de gebruiker.",
        responses={200: ProductSerializer(many=True), **foutresponses(400)},
    ),
    retrieve=extend_schema(summary="Eén maatwerkproduct", responses={200: ProductSerializer, **foutresponses(404)}),
)
@extend_schema(tags=["aanbod"])
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProductSerializer
    filterset_class = ProductFilter
    queryset = Product.objects.filter(actief=True).order_by("wet", "productcategorie", "productcode")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["indicatievrij"] = catalogus.indicatievrije_sleutels(_gemeente(self.request), timezone.localdate())
        return context


@extend_schema_view(
    list=extend_schema(
        summary="Aanbieders",
        description="Met kwaliteitsbewijzen en contracten; de kwaliteitstoets volgt de verplichte bewijzen van de gemeente van de "
        "gebruiker op vandaag.",
        responses={200: AanbiederSerializer(many=True), **foutresponses(400)},
    ),
    retrieve=extend_schema(summary="Eén aanbieder", responses={200: AanbiederSerializer, **foutresponses(404)}),
)
@extend_schema(tags=["aanbod"])
class AanbiederViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AanbiederSerializer
    filterset_class = AanbiederFilter
    queryset = Aanbieder.objects.prefetch_related(
        "kwaliteitsbewijzen", Prefetch("contracten", queryset=Contract.objects.order_by("-begindatum", "kenmerk"))
    ).order_by("naam", "pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            gemeente, vandaag = _gemeente(self.request), timezone.localdate()
            verplicht = beheer.verplichte_kwaliteitsbewijzen(gemeente, vandaag)
            context["kwaliteitsstatus"] = lambda a: beheer.kwaliteitsstatus(a, gemeente, vandaag, verplicht=verplicht)
        return context
