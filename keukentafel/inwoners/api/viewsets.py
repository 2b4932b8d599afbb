"""API endpoints for persons and households, with the UI's need-to-know rules and audit."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from keukentafel.accounts import audit
from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.api_permissions import TOEGANGSREDEN_PARAMETER, DossierViewSetMixin, foutresponses
from keukentafel.accounts.models import AuditActie
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Persoon
from keukentafel.inwoners.services import huidig_huishouden, registreer_persoon

from .filters import HuishoudenFilter, PersoonFilter
from .serializers import HuishoudenLijstSerializer, HuishoudenSerializer, PersoonLijstSerializer, PersoonSerializer, ZoekBsnSerializer

GEEN_PERSOON_MET_BSN = "Er is geen persoon met dit BSN geregistreerd."


@extend_schema_view(
    list=extend_schema(
        summary="Personen in zichtbare huishoudens",
        description="Alleen personen van wie het huidige huishouden binnen uw gebied valt of aan wie u bent toegewezen. "
        "Het BSN staat hier gemaskeerd; zoek op BSN met POST personen/zoek-bsn/.",
        responses={200: PersoonLijstSerializer(many=True), **foutresponses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Eén persoon, met volledig BSN",
        description="Toegang via het huidige huishouden van de persoon; buiten uw gebied alleen met X-Toegangsreden. "
        "Elke inzage komt in de audittrail.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        responses={200: PersoonSerializer, **foutresponses(403, 404)},
    ),
    create=extend_schema(
        summary="Persoon registreren",
        description="Het BSN wordt gecontroleerd (9 cijfers, elfproef); gemeente en gebied volgen uit de postcode.",
        request=PersoonSerializer,
        responses={201: PersoonSerializer, **foutresponses(400, 403)},
    ),
)
@extend_schema(tags=["personen"])
class PersoonViewSet(DossierViewSetMixin, viewsets.GenericViewSet):
    lijst_omschrijving = "Lijst personen"
    filterset_class = PersoonFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.action != "list":  # schema generation: no user
            return Persoon.objects.all()
        vandaag = timezone.localdate()
        zichtbaar = zichtbare_huishoudens(self.request.user, Huishouden.objects.all())
        actief = Huishoudlid.objects.actief_op(vandaag).filter(persoon=OuterRef("pk"))
        return (
            Persoon.objects.filter(Exists(actief.filter(huishouden__in=zichtbaar)))
            .annotate(huidig_huishouden_id=Subquery(actief.values("huishouden_id")[:1]))
            .order_by("geslachtsnaam", "voornamen", "pk")
        )

    def get_serializer_class(self):
        return {"list": PersoonLijstSerializer, "zoek_bsn": ZoekBsnSerializer}.get(self.action, PersoonSerializer)

    def get_object(self) -> Persoon:
        return get_object_or_404(Persoon, pk=self.kwargs["pk"])

    def _toon(self, persoon: Persoon, omschrijving: str) -> Response:
        huishouden = huidig_huishouden(persoon, timezone.localdate())
        self.open_persoon(persoon, huishouden)
        self.log_lezen(persoon, omschrijving, huishouden_id=huishouden.pk if huishouden else None)
        return Response(PersoonSerializer(persoon, context=self.get_serializer_context()).data)

    def retrieve(self, request, *args, **kwargs) -> Response:
        persoon = self.get_object()
        return self._toon(persoon, f"Persoon {persoon.naam} ingezien")

    def create(self, request, *args, **kwargs) -> Response:
        serializer = PersoonSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        persoon = registreer_persoon(request.user, request=request, **serializer.validated_data)
        data = PersoonSerializer(persoon, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{persoon.pk}/"})

    @extend_schema(
        summary="Persoon opzoeken op BSN",
        description="Het BSN gaat in de body, nooit in de URL. Geeft de persoon als u het dossier mag inzien; "
        "buiten uw gebied alleen met X-Toegangsreden.",
        request=ZoekBsnSerializer,
        parameters=[TOEGANGSREDEN_PARAMETER],
        responses={200: PersoonSerializer, **foutresponses(400, 403, 404)},
    )
    @action(detail=False, methods=["post"], url_path="zoek-bsn", filter_backends=[], pagination_class=None)
    def zoek_bsn(self, request) -> Response:
        serializer = ZoekBsnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        bsn = serializer.validated_data["bsn"]
        persoon = Persoon.objects.filter(bsn=bsn).first()
        if persoon is None:
            audit.log(request.user, AuditActie.ZOEKEN, None, omschrijving=f"Gezocht op BSN *****{bsn[-4:]}: niet gevonden", request=request)
            raise NotFound(GEEN_PERSOON_MET_BSN)
        return self._toon(persoon, f"Persoon {persoon.naam} opgezocht op BSN")


@extend_schema_view(
    list=extend_schema(
        summary="Zichtbare huishoudens",
        description="Huishoudens in uw gebied (backoffice: uw gemeente) of waaraan u bent toegewezen.",
        responses={200: HuishoudenLijstSerializer(many=True), **foutresponses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Eén huishouden met leden, netwerk en lopend plan",
        description="Huidige en voormalige leden, het netwerk (rol, taken, uren per week, overbelasting) en het id van het "
        "lopende plan. Buiten uw gebied alleen met X-Toegangsreden; elke inzage komt in de audittrail.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        responses={200: HuishoudenSerializer, **foutresponses(403, 404)},
    ),
)
@extend_schema(tags=["huishoudens"])
class HuishoudenViewSet(DossierViewSetMixin, viewsets.ReadOnlyModelViewSet):
    lijst_omschrijving = "Lijst huishoudens"
    filterset_class = HuishoudenFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Huishouden.objects.none()
        if self.action == "list":
            return zichtbare_huishoudens(self.request.user, Huishouden.objects.all()).order_by("naam", "pk")
        return Huishouden.objects.all()

    def get_serializer_class(self):
        return HuishoudenLijstSerializer if self.action == "list" else HuishoudenSerializer

    def get_object(self) -> Huishouden:
        return get_object_or_404(Huishouden, pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs) -> Response:
        huishouden = self.get_object()
        self.open_dossier(huishouden)
        self.log_lezen(huishouden, f"Dossier {huishouden.naam} ingezien")
        return Response(self.get_serializer(huishouden).data)
