"""Read-side questions the besluiten pages ask: deadlines, a household's requests and grants, contracted providers.

Nothing here changes state; the views and the dossier fragment (`besluiten/_voorzieningen.html`) use it so
that they stay thin and agree on what "open", "overdue" and "contracted" mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.aanbod.services import geldige_tarieven, goedkoopste_zin_tarief
from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde
from keukentafel.codelijsten import redenen_beeindiging
from keukentafel.inwoners.models import Huishouden

from .models import Aanvraag, AanvraagStatus, Leveringsvorm, ToegewezenVoorziening, Verwijzing
from .services import vandaag

#: Fallback warning margin when no policy value exists: warn a week ahead rather than fail the page.
STANDAARD_MARGE = 7

_GETALLEN = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf"]


@dataclass(frozen=True)
class Beslistermijn:
    """Where an open aanvraag stands against its statutory decision date."""

    uiterste: date
    dagen: int  # days left; negative: overdue
    marge: int

    @property
    def verlopen(self) -> bool:
        return self.dagen < 0

    @property
    def dagen_te_laat(self) -> int:
        return max(-self.dagen, 0)

    @property
    def waarschuwing(self) -> bool:
        return 0 <= self.dagen <= self.marge


def _marge(gemeente_id: int | None, op: date, cache: dict) -> int:
    if gemeente_id not in cache:
        try:
            cache[gemeente_id] = int(geldende_waarde(Sleutel.TERMIJN_WAARSCHUWING_DAGEN, gemeente_id, op))
        except BeleidOntbreekt:
            cache[gemeente_id] = STANDAARD_MARGE
    return cache[gemeente_id]


def beslistermijn(aanvraag: Aanvraag, op: date | None = None, cache: dict | None = None) -> Beslistermijn:
    op = op or vandaag()
    marge = _marge(aanvraag.gemeente_id, op, {} if cache is None else cache)
    return Beslistermijn(aanvraag.uiterste_beslisdatum, (aanvraag.uiterste_beslisdatum - op).days, marge)


@dataclass
class AanvraagRij:
    aanvraag: Aanvraag
    termijn: Beslistermijn


@dataclass
class Voorzieningenoverzicht:
    """What the household dossier shows of besluiten: open requests with their deadline, open referrals, grants."""

    huishouden: Huishouden
    open_aanvragen: list[AanvraagRij] = field(default_factory=list)
    open_verwijzingen: list[Verwijzing] = field(default_factory=list)
    voorzieningen: list[ToegewezenVoorziening] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        return not (self.open_aanvragen or self.open_verwijzingen or self.voorzieningen)


def voorzieningen_van(huishouden: Huishouden):
    """Grants of the household, plus imported grants without household of its current members."""
    leden = huishouden.leden_op(vandaag()).values("persoon_id")
    return (
        ToegewezenVoorziening.objects.filter(Q(huishouden=huishouden) | Q(huishouden__isnull=True, persoon__in=leden))
        .select_related("persoon", "product", "aanbieder")
        .prefetch_related("leveringen")
        .order_by("status", "-begindatum", "-id")
    )


def leveringsstatus(v: ToegewezenVoorziening) -> str:
    """The delivery as the provider reported it (305/307), in one Dutch line; "" for a pgb (no provider messages).

    The latest start that was not withdrawn counts. A stop ends the delivery, not the grant: only the
    gemeente ends a toewijzing, so the overview says so next to a stop.
    """
    if v.leveringsvorm == Leveringsvorm.PGB:
        return ""
    rijen = [lev for lev in v.leveringen.all() if not lev.start_verwijderd]
    if not rijen:
        return "Nog geen start van de levering ontvangen"
    lev = max(rijen, key=lambda x: (x.begindatum, x.pk))
    tekst = f"Levering gestart per {lev.begindatum:%d-%m-%Y}"
    if lev.stopbericht_id is not None and lev.einddatum:
        reden = dict(redenen_beeindiging(v.product.wet).choices).get(lev.reden_beeindiging, lev.reden_beeindiging)
        tekst += f", gestopt per {lev.einddatum:%d-%m-%Y} ({reden})"
    return tekst


def voor_huishouden(huishouden: Huishouden, op: date | None = None) -> Voorzieningenoverzicht:
    op = op or vandaag()
    cache: dict = {}
    aanvragen = huishouden.aanvragen.filter(status=AanvraagStatus.OPEN).select_related("persoon", "product", "behandelaar")
    verwijzingen = (
        huishouden.verwijzingen.filter(voorzieningen__isnull=True, ingetrokken_op__isnull=True)
        .filter(Q(getekend_inwoner_op__isnull=True) | Q(getekend_generalist_op__isnull=True) | Q(getekend_aanbieder_op__isnull=True))
        .select_related("persoon", "product", "aanbieder")
    )
    return Voorzieningenoverzicht(
        huishouden=huishouden,
        open_aanvragen=[AanvraagRij(a, beslistermijn(a, op, cache)) for a in aanvragen],
        open_verwijzingen=list(verwijzingen),
        voorzieningen=_met_levering(voorzieningen_van(huishouden)),
    )


def _met_levering(voorzieningen) -> list[ToegewezenVoorziening]:
    lijst = list(voorzieningen)
    for v in lijst:
        v.levering_tekst = leveringsstatus(v)
    return lijst


def gecontracteerde_aanbieders(product: Product, gemeente: Gemeente, datum: date) -> dict[Aanbieder, int]:
    """Active providers with a running contract tariff for `product` in `gemeente` on `datum`, with their lowest tariff."""
    tarieven: dict[Aanbieder, int] = {}
    for t in geldige_tarieven(product, gemeente, datum).filter(contract__aanbieder__actief=True).order_by("contract__aanbieder__naam"):
        aanbieder = t.contract.aanbieder
        tarieven[aanbieder] = min(t.tarief_cent, tarieven.get(aanbieder, t.tarief_cent))
    return tarieven


@dataclass(frozen=True)
class Pgbmaximum:
    goedkoopste_cent: int
    procent: float
    maximum_cent: int


def pgb_maximum(product: Product, gemeente: Gemeente, datum: date) -> Pgbmaximum | None:
    """The ceiling `regels` will apply to a pgb tariff, shown beforehand so the generalist need not guess."""
    goedkoopste = goedkoopste_zin_tarief(product, gemeente, datum)
    if goedkoopste is None:
        return None
    try:
        procent = float(geldende_waarde(Sleutel.PGB_TARIEF_PERCENTAGE, gemeente, datum))
    except BeleidOntbreekt:
        return None
    return Pgbmaximum(goedkoopste, procent, math.floor(goedkoopste * procent / 100))


def termijn_in_woorden(dagen: int) -> str:
    """42 → "zes weken": how a letter names the bezwaartermijn (Awb art. 6:7 speaks of weeks)."""
    if dagen % 7 == 0 and dagen // 7 < len(_GETALLEN):
        weken = dagen // 7
        return f"{_GETALLEN[weken]} {'week' if weken == 1 else 'weken'}"
    return f"{dagen} dagen"
