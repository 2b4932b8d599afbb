"""API endpoints for meldingen: read with the dossier rules, register through `registreer_melding`."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from keukentafel.accounts import audit
from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.api_permissions import TOEGANGSREDEN_PARAMETER, DossierViewSetMixin, foutresponses
from keukentafel.accounts.models import AuditActie
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.services import huidig_huishouden
from keukentafel.toegang.models import MelderType, Melding
from keukentafel.toegang.services import registreer_melding

from .filters import MeldingFilter
from .serializers import MeldingAanmakenSerializer, MeldingLijstSerializer, MeldingSerializer

ANDERE_GEMEENTE = "Deze melding hoort bij een andere gemeente."
GEEN_GEMEENTE = "Uw account hoort bij geen gemeente; kies een persoon of laat uw account aan een team koppelen."


@extend_schema_view(
    list=extend_schema(
        summary="Zichtbare meldingen",
        description="Meldingen van huishoudens die u mag inzien, plus meldingen zonder huishouden (anonieme signalen, "
        "nog niet gekoppelde meldingen) van uw eigen gemeente.",
        responses={200: MeldingLijstSerializer(many=True), **foutresponses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Eén melding",
        description="Een melding van een huishouden opent u met dezelfde rechten als het dossier; buiten uw gebied "
        "alleen met X-Toegangsreden. Elke inzage komt in de audittrail.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        responses={200: MeldingSerializer, **foutresponses(403, 404)},
    ),
    create=extend_schema(
        summary="Melding registreren",
        description="Anoniem (melder_type 'anoniem', zonder persoon) of voor een persoon. Heeft het huishouden al een "
        "lopende casus, dan wordt de melding daaraan gekoppeld: zie gekoppeld_aan, status en toegewezen_aan.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        request=MeldingAanmakenSerializer,
        responses={201: MeldingSerializer, **foutresponses(400, 403)},
    ),
)
@extend_schema(tags=["meldingen"])
class MeldingViewSet(DossierViewSetMixin, viewsets.GenericViewSet):
    lijst_omschrijving = "Lijst meldingen"
    filterset_class = MeldingFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Melding.objects.none()
        user = self.request.user
        zichtbaar = Q(huishouden__in=zichtbare_huishoudens(user, Huishouden.objects.all())) | Q(toegewezen_aan=user)
        gemeente = user.werkgemeente
        if gemeente is not None:
            # Without a household: anonymous signals and meldingen about persons of the own gemeente
            # (or of no known gemeente), the same rule as a person's page without a household.
            persoon_zichtbaar = Q(persoon__isnull=True) | Q(persoon__gemeente__isnull=True) | Q(persoon__gemeente=gemeente)
            zichtbaar |= Q(huishouden__isnull=True, gemeente=gemeente) & persoon_zichtbaar
        return Melding.objects.filter(zichtbaar).select_related("persoon").order_by("-ontvangen_op", "-pk")

    def get_serializer_class(self):
        if self.action == "list":
            return MeldingLijstSerializer
        if self.action == "create":
            return MeldingAanmakenSerializer
        return MeldingSerializer

    def _open_melding(self, melding: Melding) -> None:
        if melding.huishouden_id is not None:
            self.open_dossier(melding.huishouden)
            return
        user = self.request.user
        if melding.toegewezen_aan_id == user.pk:
            return
        if melding.persoon_id is not None:
            self.open_persoon(melding.persoon, None)
            return
        gemeente = user.werkgemeente
        if gemeente is None or melding.gemeente_id != gemeente.pk:
            audit.log(
                user,
                AuditActie.GEWEIGERD,
                melding,
                omschrijving=f"Melding {melding.pk} niet geopend: andere gemeente",
                request=self.request,
            )
            raise PermissionDenied(ANDERE_GEMEENTE)

    def retrieve(self, request, *args, **kwargs) -> Response:
        melding = get_object_or_404(Melding.objects.select_related("huishouden", "persoon"), pk=kwargs["pk"])
        self._open_melding(melding)
        self.log_lezen(melding, f"Melding {melding.pk} ingezien")
        return Response(MeldingSerializer(melding, context=self.get_serializer_context()).data)

    def create(self, request, *args, **kwargs) -> Response:
        invoer = MeldingAanmakenSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        velden = dict(invoer.validated_data)
        persoon: Persoon | None = velden.pop("persoon")
        huishouden = huidig_huishouden(persoon) if persoon else None
        if persoon is not None and velden["melder_type"] != MelderType.ANONIEM:
            self.open_persoon(persoon, huishouden)
        gemeente = (
            (huishouden.gemeente if huishouden and huishouden.gemeente_id else None)
            or (persoon.gemeente if persoon and persoon.gemeente_id else None)
            or request.user.werkgemeente
        )
        if gemeente is None:
            raise ValidationError({"persoon": [GEEN_GEMEENTE]})
        melding = registreer_melding(
            request.user,
            gemeente=gemeente,
            persoon=persoon,
            huishouden=huishouden,
            vraag=velden.pop("vraag"),
            kanaal=velden.pop("kanaal"),
            melder_type=velden.pop("melder_type"),
            ontvangen_op=velden.pop("ontvangen_op"),
            leefgebieden=velden.pop("leefgebieden"),
            request=request,
            **velden,
        )
        data = MeldingSerializer(melding, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{melding.pk}/"})
