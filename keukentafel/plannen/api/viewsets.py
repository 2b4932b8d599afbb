"""API endpoints for ondersteuningsplannen. Changes go through the plan services (optimistic locking)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.api_permissions import TOEGANGSREDEN_PARAMETER, DossierViewSetMixin, foutresponses
from keukentafel.inwoners.models import Huishouden
from keukentafel.plannen.models import Doel, Ondersteuningsplan, Planversie
from keukentafel.plannen.services import maak_plan, voeg_actie_toe, voeg_doel_toe

from .filters import PlanFilter
from .serializers import (
    ActieAangemaaktSerializer,
    ActieAanmakenSerializer,
    DoelAangemaaktSerializer,
    DoelAanmakenSerializer,
    PlanAanmakenSerializer,
    PlanSerializer,
)

PERSOON_NIET_IN_HUISHOUDEN = "Deze persoon hoort niet bij het huishouden van dit plan."
DOEL_NIET_IN_PLAN = "Dit doel hoort niet bij dit plan."


def _plannen():
    return Ondersteuningsplan.objects.select_related("regisseur").prefetch_related(
        "doelen__leefgebied",
        "doelen__acties",
        Prefetch("versies", queryset=Planversie.objects.select_related("gemaakt_door").prefetch_related("ondertekeningen")),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Plannen van zichtbare huishoudens",
        description="Met doelen, acties (trede op de afwegingsladder, uitvoerder, van/tot, evaluatiedatum), versies en handtekeningen.",
        responses={200: PlanSerializer(many=True), **foutresponses(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Eén ondersteuningsplan",
        description="Met doelen, acties, versies en handtekeningen. Buiten uw gebied alleen met X-Toegangsreden; "
        "elke inzage komt in de audittrail.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        responses={200: PlanSerializer, **foutresponses(403, 404)},
    ),
    create=extend_schema(
        summary="Ondersteuningsplan aanmaken",
        description="Eén huishouden, één plan: heeft het huishouden al een lopend plan, dan volgt 400.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        request=PlanAanmakenSerializer,
        responses={201: PlanSerializer, **foutresponses(400, 403)},
    ),
)
@extend_schema(tags=["plannen"])
class PlanViewSet(DossierViewSetMixin, viewsets.GenericViewSet):
    lijst_omschrijving = "Lijst ondersteuningsplannen"
    filterset_class = PlanFilter
    serializer_class = PlanSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Ondersteuningsplan.objects.none()
        if self.action == "list":
            zichtbaar = zichtbare_huishoudens(self.request.user, Huishouden.objects.all())
            return _plannen().filter(huishouden__in=zichtbaar).order_by("-aangemaakt_op", "-pk")
        return _plannen()

    def get_serializer_class(self):
        return {"create": PlanAanmakenSerializer, "doelen": DoelAanmakenSerializer, "acties": ActieAanmakenSerializer}.get(
            self.action, PlanSerializer
        )

    def get_object(self) -> Ondersteuningsplan:
        return get_object_or_404(_plannen().select_related("huishouden"), pk=self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs) -> Response:
        plan = self.get_object()
        self.open_dossier(plan.huishouden)
        self.log_lezen(plan, f"Ondersteuningsplan van {plan.huishouden.naam} ingezien")
        return Response(PlanSerializer(plan, context=self.get_serializer_context()).data)

    def create(self, request, *args, **kwargs) -> Response:
        invoer = PlanAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        self.open_dossier(gegevens["huishouden"])
        plan = maak_plan(
            request.user,
            gegevens["huishouden"],
            regisseur=gegevens["regisseur"],
            onderzoek=gegevens["onderzoek"],
            toelichting=gegevens["toelichting"],
            request=request,
        )
        data = PlanSerializer(get_object_or_404(_plannen(), pk=plan.pk), context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": f"{request.path}{plan.pk}/"})

    @extend_schema(
        summary="Doel toevoegen",
        description="Vereist de version van het plan zoals gelezen (optimistische vergrendeling): "
        "is het plan intussen gewijzigd, dan volgt 409 en wordt niets opgeslagen.",
        parameters=[TOEGANGSREDEN_PARAMETER],
        request=DoelAanmakenSerializer,
        responses={201: DoelAangemaaktSerializer, **foutresponses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="doelen", filter_backends=[], pagination_class=None)
    def doelen(self, request, pk=None) -> Response:
        plan = self.get_object()
        self.open_dossier(plan.huishouden)
        invoer = DoelAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        persoon = gegevens["persoon"]
        if persoon is not None and not plan.huishouden.leden_op(timezone.localdate()).filter(persoon=persoon).exists():
            raise ValidationError({"persoon": [PERSOON_NIET_IN_HUISHOUDEN]})
        doel = voeg_doel_toe(request.user, plan, gegevens.pop("version"), request=request, **gegevens)
        return Response(DoelAangemaaktSerializer(doel).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Actie toevoegen aan een doel",
        description="Vereist de version van het plan zoals gelezen (optimistische vergrendeling): "
        "is het plan intussen gewijzigd, dan volgt 409 en wordt niets opgeslagen.",
        parameters=[
            OpenApiParameter("doel_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id van het doel binnen dit plan."),
            TOEGANGSREDEN_PARAMETER,
        ],
        request=ActieAanmakenSerializer,
        responses={201: ActieAangemaaktSerializer, **foutresponses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path=r"doelen/(?P<doel_id>\d+)/acties", filter_backends=[], pagination_class=None)
    def acties(self, request, pk=None, doel_id=None) -> Response:
        plan = self.get_object()
        self.open_dossier(plan.huishouden)
        doel = Doel.objects.filter(plan=plan, pk=doel_id).first()
        if doel is None:
            raise NotFound(DOEL_NIET_IN_PLAN)
        doel.plan = plan
        invoer = ActieAanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = dict(invoer.validated_data)
        actie = voeg_actie_toe(request.user, doel, gegevens.pop("version"), request=request, **gegevens)
        return Response(ActieAangemaaktSerializer(actie).data, status=status.HTTP_201_CREATED)
