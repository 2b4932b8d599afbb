"""Plan actions per household member for the household view (`inwoners.trajecten`)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.trajecten import Trajectregel

from .models import Actie, Ondersteuningsplan


def acties(personen: list[Persoon], huishouden: Huishouden, op: date) -> dict[int, list[Trajectregel]]:
    """Running actions of the open plan on goals of a member; a household-wide goal's actions go to no one."""
    plan = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).select_related("regisseur").first()
    if plan is None:
        return {}
    url = reverse("plannen:plan_detail", args=[plan.pk])
    uit: dict[int, list[Trajectregel]] = {}
    lopend = Actie.objects.filter(doel__plan=plan, doel__persoon__in=personen).exclude(tot__lt=op)
    for a in lopend.select_related("doel__leefgebied", "begrotingspost").order_by("van", "pk"):
        tekst = f"{a.doel.leefgebied}: {a.voorziening or a.omschrijving} ({a.get_trede_display().lower()}, {a.uitvoerder})"
        uit.setdefault(a.doel.persoon_id, []).append(Trajectregel(
            a.get_wet_display() if a.wet else "", "Actie in het plan", tekst, regisseur=str(plan.regisseur), url=url,
            sinds=a.van, tot=a.tot,
        ))
    return uit
