"""Helpers that build plans through the services (no hand-made state)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from keukentafel.plannen import services
from keukentafel.plannen.models import OndertekenaarRol, Ondertekenmethode, Trede
from keukentafel.testing.factories import AlgemeneVoorzieningFactory, ProductFactory


def inwoner(huishouden):
    return huishouden.leden_op().order_by("id").first().persoon


def catalogus(trede, huishouden) -> dict:
    """What an action on this step needs from the catalogue: a product, an algemene voorziening or nothing."""
    if trede == Trede.MAATWERK:
        return {"product": ProductFactory(naam="Formulierenhulp aan huis")}
    if trede == Trede.ALGEMENE_VOORZIENING:
        return {"algemene_voorziening": AlgemeneVoorzieningFactory(naam="Formulierenhulp", gemeente=huishouden.gemeente)}
    return {}


def plan_met_doel(plan, door, leefgebied, trede=Trede.EIGEN_KRACHT):
    """A plan with one goal and one action; returns the goal."""
    doel = services.voeg_doel_toe(
        door, plan, plan.version, leefgebied=leefgebied, omschrijving="Grip op de post", beoogd_resultaat="Geen nieuwe schulden"
    )
    services.voeg_actie_toe(
        door,
        doel,
        plan.version,
        trede=trede,
        omschrijving="Post wekelijks openen",
        uitvoerder="Inwoner zelf",
        van=date(2026, 2, 1),
        **catalogus(trede, plan.huishouden),
    )
    return doel


def maak_actief(plan, door, leefgebied, datum=None):
    """Goal, version 1, signatures of resident and professional: the plan is active."""
    plan_met_doel(plan, door, leefgebied)
    versie = services.leg_versie_vast(door, plan, plan.version, "Eerste versie")
    datum = datum or timezone.localdate()
    services.onderteken(
        door, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, datum=datum, persoon=inwoner(plan.huishouden)
    )
    services.onderteken(door, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL, datum=datum)
    plan.refresh_from_db()
    return versie
