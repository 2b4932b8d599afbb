"""The whole household at a glance (issue 6 §3): every member's trajectories under Wmo, Jeugdwet and Participatiewet.

Each bounded context contributes its own lines through a source function `bron(personen, huishouden, op)` that
returns {persoon_id: [Trajectregel]} in a fixed number of queries; this module only collects and orders them. The
sources are named by dotted path so `inwoners` (the base app) imports nothing from the apps built on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Huishouden, Huishoudlid, Persoon

#: Sources in display order; each a callable (personen, huishouden, op) -> dict[int, list[Trajectregel]].
BRONNEN = [
    "keukentafel.plannen.trajecten.acties",
    "keukentafel.besluiten.trajecten.voorzieningen",
    "keukentafel.inwoners.trajecten.jeugdmaatregelen",
    "keukentafel.jeugd.trajecten.verwijzingen_en_machtigingen",
    "keukentafel.participatie.trajecten.trajecten",
]
#: Order of the laws within a member's card.
WETVOLGORDE = {"Jeugdwet": 0, "Wmo 2015": 1, "Participatiewet": 2, "": 3}


@dataclass
class Trajectregel:
    """One line: a grant, a plan action, a measure or a trajectory of one person."""

    wet: str
    soort: str
    tekst: str
    regisseur: str = ""
    url: str | None = None
    sinds: date | None = None
    tot: date | None = None


@dataclass
class Lidtrajecten:
    lid: Huishoudlid
    regels: list[Trajectregel]

    @property
    def wetten(self) -> list[str]:
        return sorted({r.wet for r in self.regels if r.wet}, key=lambda w: WETVOLGORDE.get(w, 9))


def per_lid(huishouden: Huishouden, leden: list[Huishoudlid] | None = None, op: date | None = None) -> list[Lidtrajecten]:
    """`leden`: the members as the dossier page already read them (with their persons); else the current ones."""
    op = op or timezone.localdate()
    leden = list(huishouden.leden_op(op) if leden is None else leden)
    leden.sort(key=lambda lid: (lid.persoon.geboortedatum, lid.pk))
    personen = [lid.persoon for lid in leden]
    verzameld: dict[int, list[Trajectregel]] = {p.pk: [] for p in personen}
    for pad in BRONNEN:
        for persoon_id, regels in import_string(pad)(personen, huishouden, op).items():
            verzameld.setdefault(persoon_id, []).extend(regels)
    uit = []
    for lid in leden:
        regels = sorted(verzameld[lid.persoon_id], key=lambda r: (WETVOLGORDE.get(r.wet, 9), r.soort, r.sinds or date.min))
        uit.append(Lidtrajecten(lid, regels))
    return uit


def jeugdmaatregelen(personen: list[Persoon], huishouden: Huishouden, op: date) -> dict[int, list[Trajectregel]]:
    """A running jeugdbescherming/-reclassering measure: the gecertificeerde instelling is regisseur for that part."""
    from .models import Jeugdmaatregel

    uit: dict[int, list[Trajectregel]] = {}
    lopend = Jeugdmaatregel.objects.filter(persoon__in=personen, begindatum__lte=op).exclude(einddatum__lt=op)
    for m in lopend.order_by("begindatum", "pk"):
        uit.setdefault(m.persoon_id, []).append(Trajectregel(
            "Jeugdwet", "Maatregel", m.get_soort_display(), regisseur=f"{m.gecertificeerde_instelling} (gecertificeerde instelling)",
            sinds=m.begindatum, tot=m.einddatum,
        ))
    return uit
