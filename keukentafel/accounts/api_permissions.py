"""Shared building blocks of the REST API: the UI's need-to-know rules, audit and error mapping.

The API has exactly the permissions of the UI (`keukentafel.accounts.access`): dossier roles only,
own area or assigned, and outside that only with a recorded reason. A client gives that reason in
the header ``X-Toegangsreden``; it is stored as a break-the-glass `Noodtoegang`. Every dossier read
(one record per list call, one per retrieve) and every refusal goes to the audit trail.

Domain errors from the services become HTTP answers here: Django `ValidationError` → 400 with the
field messages, `GelijktijdigGewijzigd` → 409, `ToegangGeweigerd` → 403, all with the Dutch text.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.inwoners.persoontoegang import ZONDER_HUISHOUDEN_GEWEIGERD, mag_persoon_zonder_huishouden_openen
from keukentafel.inwoners.services import GelijktijdigGewijzigd

from . import audit
from .access import (
    GEEN_DOSSIERROL,
    Toegang,
    ToegangGeweigerd,
    eis_toegang,
    heeft_dossierrol,
    registreer_noodtoegang,
    toegang_tot,
)
from .models import AuditActie

TOEGANGSREDEN_HEADER = "X-Toegangsreden"
REDEN_VIA_HEADER = f"Geef de reden mee in de header {TOEGANGSREDEN_HEADER} (minstens 10 tekens)."
BSN_NIET_IN_URL = "Een BSN hoort niet in een URL. Zoek op BSN met POST /api/v1/personen/zoek-bsn/ en het BSN in de body."

TOEGANGSREDEN_PARAMETER = OpenApiParameter(
    name=TOEGANGSREDEN_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Reden (minstens 10 tekens) om een dossier buiten het eigen gebied in te zien of te wijzigen. "
        "Wordt vastgelegd als toegang met reden (noodtoegang) en in de audittrail; zonder deze header "
        "weigert de API zo'n dossier met 403."
    ),
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Dit gegeven is intussen door iemand anders gewijzigd."
    default_code = "gelijktijdig_gewijzigd"


class FoutmeldingSerializer(serializers.Serializer):
    """The body of a 401, 403, 404 or 409 answer."""

    detail = serializers.CharField(help_text="Uitleg in het Nederlands.")


VALIDATIEFOUT_SCHEMA = {
    "type": "object",
    "description": "Per veld de foutmeldingen in het Nederlands; fouten die niet bij één veld horen staan onder non_field_errors.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

_FOUTOMSCHRIJVINGEN = {
    400: "Ongeldige invoer; per veld de Nederlandse foutmelding.",
    401: "Niet ingelogd: geef een geldig token mee (Authorization: Token ...).",
    403: "Geen toegang: rol zonder dossiertoegang, of dossier buiten het eigen gebied zonder X-Toegangsreden.",
    404: "Niet gevonden.",
    409: "Het plan is intussen gewijzigd (version klopt niet meer): lees het opnieuw en probeer het nog eens.",
}


def foutresponses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the given error codes (401 is always documented)."""
    responses: dict[int, OpenApiResponse] = {}
    for code in sorted({401, *codes}):
        body = VALIDATIEFOUT_SCHEMA if code == 400 else FoutmeldingSerializer
        responses[code] = OpenApiResponse(response=body, description=_FOUTOMSCHRIJVINGEN[code])
    return responses


def validatiefouten(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as DRF's {field: [messages]} with `non_field_errors` for the rest."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if veld == NON_FIELD_ERRORS else veld): fouten for veld, fouten in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}


def vertaal_domeinfout(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return ValidationError(validatiefouten(exc))
    if isinstance(exc, GelijktijdigGewijzigd):
        return Conflict(str(exc))
    if isinstance(exc, ToegangGeweigerd):
        return PermissionDenied(str(exc))
    return exc


class HeeftDossierrol(BasePermission):
    """Only generalist, teamleider and backoffice work with dossiers; others get 403 (and an audit record)."""

    message = GEEN_DOSSIERROL

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if heeft_dossierrol(user):
            return True
        audit.log(
            user,
            AuditActie.GEWEIGERD,
            None,
            omschrijving=f"API {request.method} {request.path} geweigerd: rol {user.get_rol_display()} heeft geen dossiertoegang",
            request=request,
        )
        return False


class DossierViewSetMixin:
    """Base for the dossier viewsets: permissions, BSN-free URLs, error mapping, access and audit."""

    permission_classes = [IsAuthenticated, HeeftDossierrol]
    #: How a list is named in the audit trail, e.g. "Lijst personen".
    lijst_omschrijving = "Lijst"

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        for sleutel, waarden in request.query_params.lists():
            if sleutel.lower() == "bsn" or any(stdnum_bsn.is_valid(w.strip()) for w in waarden if len(w.strip()) == 9):
                raise ValidationError({"bsn": [BSN_NIET_IN_URL]})

    def handle_exception(self, exc):
        return super().handle_exception(vertaal_domeinfout(exc))

    # -- access -------------------------------------------------------------------------------

    def toegangsreden(self) -> str:
        waarde = self.request.headers.get(TOEGANGSREDEN_HEADER, "")
        try:  # HTTP headers arrive as latin-1; clients send UTF-8 (é, ë, ...)
            waarde = waarde.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        return waarde.strip()

    def open_dossier(self, huishouden) -> Toegang:
        """Allow the household's dossier or raise 403; a reason in the header records break-the-glass."""
        user = self.request.user
        reden = self.toegangsreden()
        ongeldige_reden = ""
        if reden and toegang_tot(user, huishouden) is Toegang.REDEN_NODIG:
            try:
                registreer_noodtoegang(user, huishouden, reden, request=self.request)
            except ValueError as exc:
                ongeldige_reden = str(exc)
        try:
            return eis_toegang(user, huishouden, self.request)
        except ToegangGeweigerd as exc:
            if exc.toegang is Toegang.REDEN_NODIG:
                raise PermissionDenied(ongeldige_reden or f"{exc} {REDEN_VIA_HEADER}")
            raise PermissionDenied(str(exc))

    def open_persoon(self, persoon, huishouden) -> None:
        """A person is opened through their household; without one, by dossier roles of their gemeente (as in the UI)."""
        if huishouden is not None:
            self.open_dossier(huishouden)
            return
        user = self.request.user
        if mag_persoon_zonder_huishouden_openen(user, persoon):
            return
        audit.log(
            user,
            AuditActie.GEWEIGERD,
            persoon,
            omschrijving=f"Persoon {persoon.naam} (zonder huishouden) niet geopend",
            request=self.request,
        )
        raise PermissionDenied(ZONDER_HUISHOUDEN_GEWEIGERD)

    # -- audit --------------------------------------------------------------------------------

    def log_lezen(self, obj, omschrijving: str, huishouden_id: int | None = None) -> None:
        audit.log(self.request.user, AuditActie.LEZEN, obj, omschrijving=omschrijving, huishouden_id=huishouden_id, request=self.request)

    def list(self, request, *args, **kwargs) -> Response:
        """The visible records, with one audit record per call naming how many were found."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page) if page is not None else list(queryset)
        totaal = self.paginator.page.paginator.count if page is not None else len(items)
        filters = ", ".join(f"{k}={v}" for k, v in request.query_params.items() if k != "page")
        audit.log(
            request.user,
            AuditActie.ZOEKEN if filters else AuditActie.LEZEN,
            None,
            omschrijving=f"{self.lijst_omschrijving} opgevraagd: {totaal} gevonden, {len(items)} getoond"
            + (f" (filters: {filters})" if filters else ""),
            request=request,
        )
        serializer = self.get_serializer(items, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)
