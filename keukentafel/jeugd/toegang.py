"""Strict access to the meldcode trail and the Verwijsindex: narrower than the dossier.

Only the medewerker who recorded it, the regisseur of the household's open plan and a teamleider of the household's
gebiedsteam may read it — not the gebied at large, no backoffice, and no break-the-glass. Every read and every
refusal goes to the audit trail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker, Rol

GEWEIGERD = (
    "Meldcode- en Verwijsindexgegevens zijn alleen in te zien door wie ze vastlegde, de regisseur van het plan en de "
    "teamleider van het gebiedsteam. Toegang met reden is hier niet mogelijk."
)


def mag_veiligheid_inzien(medewerker: Medewerker, obj) -> bool:
    """`obj`: a Meldcodetraject or Verwijsindexsignaal (both carry vastgelegd_door and huishouden)."""
    from keukentafel.plannen.models import Ondersteuningsplan

    if not getattr(medewerker, "is_authenticated", False) or medewerker.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER):
        return False
    if obj.vastgelegd_door_id == medewerker.pk:
        return True
    huishouden = obj.huishouden
    if huishouden is None:
        return False
    if Ondersteuningsplan.objects.open().filter(huishouden=huishouden, regisseur=medewerker).exists():
        return True
    return (
        medewerker.rol == Rol.TEAMLEIDER and medewerker.team_id is not None and huishouden.gebied_id is not None
        and medewerker.team.gebied_id == huishouden.gebied_id
    )


def eis_veiligheidstoegang(request: HttpRequest, obj, omschrijving: str) -> None:
    """Log the read, or log the refusal and raise 403."""
    huishouden_id = obj.huishouden_id
    if not mag_veiligheid_inzien(request.user, obj):
        audit.log(request.user, AuditActie.GEWEIGERD, obj, huishouden_id=huishouden_id, request=request,
                  omschrijving=f"Geen toegang: {omschrijving}")
        raise PermissionDenied(GEWEIGERD)
    audit.log(request.user, AuditActie.LEZEN, obj, huishouden_id=huishouden_id, request=request, omschrijving=omschrijving)


def zichtbaar(medewerker: Medewerker, qs):
    """The rows of `qs` the user may see (a list never shows that a trail exists to someone who may not read it)."""
    return [o for o in qs.select_related("huishouden") if mag_veiligheid_inzien(medewerker, o)]
