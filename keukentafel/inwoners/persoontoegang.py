"""Need-to-know for a person's own page.

A person who belongs to a household is guarded through that household's dossier (`open_dossier`:
own gebied, assigned, or a recorded reason). A person without a current household has no dossier
to record a reason for; dossier roles of the person's gemeente may open the page (and a person whose
address lies in no known gemeente, e.g. just registered from elsewhere, by any dossier role).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from keukentafel.accounts import audit
from keukentafel.accounts.access import heeft_dossierrol
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie, Medewerker

from .models import Huishouden, Persoon

ZONDER_HUISHOUDEN_GEWEIGERD = "Deze persoon hoort bij geen huishouden en woont niet in de gemeente waarvoor u werkt."


def mag_persoon_zonder_huishouden_openen(medewerker: Medewerker, persoon: Persoon) -> bool:
    if not heeft_dossierrol(medewerker):
        return False
    if persoon.gemeente_id is None:
        return True
    gemeente = medewerker.werkgemeente
    return gemeente is not None and gemeente.pk == persoon.gemeente_id


def _weiger(request: HttpRequest, persoon: Persoon) -> None:
    audit.log(
        request.user,
        AuditActie.GEWEIGERD,
        persoon,
        omschrijving=f"Persoon {persoon.naam} (zonder huishouden) niet geopend",
        request=request,
    )
    if not heeft_dossierrol(request.user):
        raise PermissionDenied("Uw rol geeft geen toegang tot dossiers van inwoners.")
    raise PermissionDenied(ZONDER_HUISHOUDEN_GEWEIGERD)


def open_persoon(request: HttpRequest, persoon: Persoon, huishouden: Huishouden | None, omschrijving: str) -> HttpResponse | None:
    """Like `open_dossier` for a person's page: None to continue (read logged), else the response."""
    if huishouden is not None:
        return open_dossier(request, huishouden, omschrijving)
    if not mag_persoon_zonder_huishouden_openen(request.user, persoon):
        _weiger(request, persoon)
    audit.log(request.user, AuditActie.LEZEN, persoon, omschrijving=omschrijving, request=request)
    return None


def eis_persoon_wijziging(request: HttpRequest, persoon: Persoon, huishouden: Huishouden | None) -> None:
    if huishouden is not None:
        eis_dossier_wijziging(request, huishouden)
    elif not mag_persoon_zonder_huishouden_openen(request.user, persoon):
        _weiger(request, persoon)
