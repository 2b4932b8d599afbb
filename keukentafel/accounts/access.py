"""Need-to-know: who may open which household dossier, and break-the-glass with a recorded reason.

Staff in a dossier role open dossiers of their own gebied, or where they are assigned (behandelaar
of a melding/onderzoek, regisseur of a plan, klantmanager of a member's Participatiewet trajectory).
Backoffice works gemeente-wide. Everyone else in a dossier role needs a recorded reason, which is valid
for a limited time and is reported. Roles without dossier work (beleid, financiën, functioneel beheer)
never open dossiers.
"""

from __future__ import annotations

from datetime import timedelta
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde

from . import audit
from .models import DOSSIER_ROLLEN, AuditActie, Medewerker, Noodtoegang, Rol


class Toegang(Enum):
    EIGEN = "eigen"  # own gebied, gemeente (backoffice) or assigned
    MET_REDEN = "met_reden"  # an unexpired break-the-glass reason is on file
    REDEN_NODIG = "reden_nodig"  # allowed after recording a reason
    GEEN = "geen"  # role has no dossier access at all


class ToegangGeweigerd(PermissionError):
    def __init__(self, toegang: Toegang, message: str):
        super().__init__(message)
        self.toegang = toegang


GEEN_DOSSIERROL = "Uw rol geeft geen toegang tot dossiers van inwoners."


def heeft_dossierrol(medewerker: Medewerker) -> bool:
    return medewerker.is_authenticated and medewerker.rol in DOSSIER_ROLLEN


def eis_dossierrol(request: HttpRequest) -> None:
    """403 for roles that never open dossiers (beleid, financiën, functioneel beheer)."""
    if not heeft_dossierrol(request.user):
        raise PermissionDenied(GEEN_DOSSIERROL)


def _klantmanager_van(medewerker: Medewerker) -> QuerySet:
    """Households with a member whose open Participatiewet trajectory this user runs as klantmanager."""
    from keukentafel.inwoners.models import Huishoudlid
    from keukentafel.participatie.models import Traject

    personen = Traject.objects.open().filter(klantmanager=medewerker).values("persoon_id")
    return Huishoudlid.objects.filter(persoon_id__in=personen, einddatum__isnull=True).values("huishouden_id")


def _is_toegewezen(medewerker: Medewerker, huishouden_id: int) -> bool:
    from keukentafel.plannen.models import Ondersteuningsplan
    from keukentafel.toegang.models import Melding, Onderzoek

    return (
        Ondersteuningsplan.objects.open().filter(huishouden_id=huishouden_id, regisseur=medewerker).exists()
        or Onderzoek.objects.lopend().filter(huishouden_id=huishouden_id, behandelaar=medewerker).exists()
        or Melding.objects.open().filter(huishouden_id=huishouden_id, toegewezen_aan=medewerker).exists()
        or _klantmanager_van(medewerker).filter(huishouden_id=huishouden_id).exists()
    )


def toegang_tot(medewerker: Medewerker, huishouden) -> Toegang:
    if not heeft_dossierrol(medewerker):
        return Toegang.GEEN
    if medewerker.rol == Rol.BACKOFFICE:
        gemeente = medewerker.werkgemeente
        if gemeente is not None and huishouden.gemeente_id == gemeente.pk:
            return Toegang.EIGEN
    elif medewerker.werkgebied_id is not None and huishouden.gebied_id == medewerker.werkgebied_id:
        return Toegang.EIGEN
    if _is_toegewezen(medewerker, huishouden.pk):
        return Toegang.EIGEN
    if Noodtoegang.objects.filter(medewerker=medewerker, huishouden_id=huishouden.pk, geldig_tot__gt=timezone.now()).exists():
        return Toegang.MET_REDEN
    return Toegang.REDEN_NODIG


def eis_toegang(medewerker: Medewerker, huishouden, request: HttpRequest | None = None) -> Toegang:
    """Raise ToegangGeweigerd (and log the refusal) unless the dossier may be opened now."""
    toegang = toegang_tot(medewerker, huishouden)
    if toegang in (Toegang.EIGEN, Toegang.MET_REDEN):
        return toegang
    audit.log(
        medewerker,
        AuditActie.GEWEIGERD,
        huishouden,
        omschrijving=f"Dossier {huishouden.naam} niet geopend: {toegang.value}",
        request=request,
    )
    if toegang is Toegang.GEEN:
        raise ToegangGeweigerd(toegang, "Uw rol geeft geen toegang tot dossiers van inwoners.")
    raise ToegangGeweigerd(
        toegang,
        "Dit dossier hoort niet bij uw gebied en u bent er niet bij betrokken. Leg eerst vast waarom u het dossier moet inzien.",
    )


@transaction.atomic
def registreer_noodtoegang(medewerker: Medewerker, huishouden, reden: str, request: HttpRequest | None = None) -> Noodtoegang:
    reden = (reden or "").strip()
    if len(reden) < 10:
        raise ValueError("Geef een duidelijke reden (minstens 10 tekens) waarom u dit dossier moet inzien.")
    if not heeft_dossierrol(medewerker):
        raise ToegangGeweigerd(Toegang.GEEN, "Uw rol geeft geen toegang tot dossiers van inwoners.")
    uren = geldende_waarde(Sleutel.NOODTOEGANG_UREN, huishouden.gemeente_id, timezone.localdate())
    toegang = Noodtoegang.objects.create(
        medewerker=medewerker, huishouden=huishouden, reden=reden, geldig_tot=timezone.now() + timedelta(hours=uren)
    )
    audit.log(
        medewerker,
        AuditActie.NOODTOEGANG,
        huishouden,
        omschrijving=f"Toegang met reden tot dossier {huishouden.naam}",
        reden=reden,
        request=request,
    )
    return toegang


def zichtbare_huishoudens(medewerker: Medewerker, qs: QuerySet) -> QuerySet:
    """Households the user may open without giving a reason (for lists, search results and the API)."""
    if not heeft_dossierrol(medewerker):
        return qs.none()
    from keukentafel.plannen.models import Ondersteuningsplan
    from keukentafel.toegang.models import Melding, Onderzoek

    toegewezen = (
        Q(pk__in=Ondersteuningsplan.objects.open().filter(regisseur=medewerker).values("huishouden_id"))
        | Q(pk__in=Onderzoek.objects.lopend().filter(behandelaar=medewerker).values("huishouden_id"))
        | Q(pk__in=Melding.objects.open().filter(toegewezen_aan=medewerker).values("huishouden_id"))
        | Q(pk__in=_klantmanager_van(medewerker))
        | Q(pk__in=Noodtoegang.objects.filter(medewerker=medewerker, geldig_tot__gt=timezone.now()).values("huishouden_id"))
    )
    if medewerker.rol == Rol.BACKOFFICE:
        gemeente = medewerker.werkgemeente
        eigen = Q(gemeente_id=gemeente.pk) if gemeente else Q(pk__in=[])
    else:
        eigen = Q(gebied_id=medewerker.werkgebied_id) if medewerker.werkgebied_id else Q(pk__in=[])
    return qs.filter(eigen | toegewezen)
