"""Demo data for the eigen bijdrage: the national rules, incomes for the households with Wmo maatwerk, and one
computed period (the month or 4-week period of `jaar` that contains today's day and month).

The demo gemeente with the most households changes its rule of `jaar` as a gemeente may: it levies its own beschikking
eigen bijdrage (so the beschikking PDF shows on the explanation page) and exempts minimum incomes."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Huishouden, Huishoudlid

from .bijdrageregels import geldende_regel, laad_standaardregels
from .eigen_bijdrage import _uit_leden, bereken_periode
from .models import Bijdrageregeling, Huishoudinkomen, Huishoudtype

#: Share of households on a minimum income (toetsingsinkomen around the social minimum).
AANDEEL_MINIMA = 0.15
#: The demo's own gemeente policy: incomes up to these yearly amounts (cents) pay nothing — just above the demo's
#: minimum incomes of `_inkomen` (€ 15.000 single, € 21.000 with a partner, ± 10 %).
DEMO_VRIJSTELLING = {
    "eenpersoons_onder_aow": 1_700_000,
    "eenpersoons_aow": 1_700_000,
    "meerpersoons_onder_aow": 2_350_000,
    "meerpersoons_aow": 2_350_000,
}
DEMO_BRON = "Demo: de gemeente legt zelf een beschikking op en stelt minimuminkomens vrij (eigen beleid)"


def _inkomen(rng: random.Random, meer: bool, aow: bool) -> int:
    """A yearly toetsingsinkomen in cents: lognormal around a median per household type, some on the minimum."""
    if rng.random() < AANDEEL_MINIMA:
        basis = 2_100_000 if meer else 1_500_000
        return int(basis * rng.uniform(0.9, 1.1)) // 100 * 100
    mediaan = (3_300_000 if aow else 4_600_000) if meer else (2_200_000 if aow else 2_900_000)
    return int(mediaan * rng.lognormvariate(0, 0.45)) // 100 * 100


def _peildatum(jaar: int) -> date:
    vandaag = timezone.localdate()
    try:
        return vandaag.replace(year=jaar)
    except ValueError:  # 29 February
        return date(jaar, 2, 28)


def legt_zelf_op(gemeente: Gemeente) -> bool:
    """Whether `gemeente` is the demo gemeente with its own beschikking: the one with the most households (ties: the
    lowest id), so exactly one gemeente of the demo region, whatever its names."""
    grootste = (
        Huishouden.objects.annotate(g=Coalesce("gemeente_id", "gebied__gemeente_id"))
        .exclude(g=None)
        .values("g")
        .annotate(n=Count("id"))
        .order_by("-n", "g")
        .values_list("g", flat=True)
        .first()
    )
    return grootste == gemeente.pk


def _eigen_beschikking(regel: Bijdrageregeling) -> None:
    """Change the rule as the gemeente would on the rules screen (idempotent); reloading the national rules keeps it."""
    regel.parameters = {**regel.parameters, "beschikking": True, "vrijstelling_tot_inkomen": dict(DEMO_VRIJSTELLING)}
    if DEMO_BRON not in regel.bron:
        regel.bron = f"{regel.bron}; {DEMO_BRON}"[-1000:]
    regel.save(update_fields=["parameters", "bron"])


@transaction.atomic
def laad_demo(gemeente: Gemeente, jaar: int, rng: random.Random) -> None:
    laad_standaardregels(gemeente)
    peildatum = _peildatum(jaar)
    regel = geldende_regel(gemeente, peildatum)
    if regel is not None and legt_zelf_op(gemeente):
        _eigen_beschikking(regel)
    aow_maanden = regel.parameters.get("aow_leeftijd_maanden", 804) if regel else 804
    grants = ToegewezenVoorziening.objects.filter(gemeente=gemeente, product__wet=Wet.WMO).overlappend(date(jaar, 1, 1), date(jaar, 12, 31))
    huishoudens = set(grants.exclude(huishouden__isnull=True).values_list("huishouden_id", flat=True))
    zonder = grants.filter(huishouden__isnull=True).values("persoon_id")
    huishoudens |= set(Huishoudlid.objects.actief_op(peildatum).filter(persoon_id__in=zonder).values_list("huishouden_id", flat=True))
    leden: dict[int, list] = {}
    for hh, rol, gd in (
        Huishoudlid.objects.actief_op(peildatum)
        .filter(huishouden_id__in=huishoudens)
        .order_by("huishouden_id", "begindatum", "id")
        .values_list("huishouden_id", "rol", "persoon__geboortedatum")
    ):
        leden.setdefault(hh, []).append((rol, gd))
    Huishoudinkomen.objects.filter(huishouden_id__in=huishoudens, jaar=jaar).delete()
    inkomens = []
    for hh in sorted(huishoudens):
        g = _uit_leden(leden.get(hh, []), aow_maanden, peildatum)
        meer = g.huishoudtype == Huishoudtype.MEERPERSOONS
        inkomens.append(
            Huishoudinkomen(
                huishouden_id=hh,
                jaar=jaar,
                huishoudtype=g.huishoudtype,
                aow_leeftijd=g.aow,
                toetsingsinkomen_cent=_inkomen(rng, meer, g.aow),
                bron=f"Demo: gegenereerd toetsingsinkomen {jaar}",
            )
        )
    Huishoudinkomen.objects.bulk_create(inkomens, batch_size=2000)
    if regel is not None:
        bereken_periode(gemeente, peildatum)


__all__ = ["laad_demo", "legt_zelf_op"]
