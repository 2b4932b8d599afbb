"""Strict access to the meldcode trail and the Verwijsindex: narrower than the dossier.

Only the medewerker who recorded it, the regisseur of the household's open plan and a teamleider of the household's
gebiedsteam may read it — not the gebied at large, no backoffice, and no break-the-glass. Every read and every
refusal goes to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class BeperktGegeven:
    """What the audit trail names instead of a Meldcodetraject or Verwijsindexsignaal: the audit screen (functioneel
    beheer, teamleiders of other teams) must not show that a meldcode trail or a signal exists, nor its step, outcome
    or the names in it. The record stays traceable through its id, household, medewerker and time."""

    pk: int
    huishouden_id: int | None


def log_beperkt(door, actie: str, obj, wat: str, request: HttpRequest | None = None) -> None:
    """One neutral audit record ("Beperkt toegankelijk gegeven vastgelegd/gewijzigd/ingezien") for `obj`."""
    audit.log(door, actie, BeperktGegeven(obj.pk, obj.huishouden_id), huishouden_id=obj.huishouden_id, request=request,
              omschrijving=f"Beperkt toegankelijk gegeven {wat}")


def eis_veiligheidstoegang(request: HttpRequest, obj, wat: str = "ingezien") -> None:
    """Log the read, or log the refusal and raise 403 — both in neutral words."""
    if not mag_veiligheid_inzien(request.user, obj):
        log_beperkt(request.user, AuditActie.GEWEIGERD, obj, f"niet {wat}: geen toegang", request)
        raise PermissionDenied(GEWEIGERD)
    log_beperkt(request.user, AuditActie.LEZEN, obj, wat, request)


def zichtbaar(medewerker: Medewerker, qs):
    """The rows of `qs` the user may see (a list never shows that a trail exists to someone who may not read it)."""
    return [o for o in qs.select_related("huishouden") if mag_veiligheid_inzien(medewerker, o)]
