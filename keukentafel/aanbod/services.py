"""Questions the grant rules ask of the catalogue: which contract and tariff apply, is the provider qualified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde

from .models import Aanbieder, Contract, Kwaliteitsbewijs, Product, SoortKwaliteitsbewijs, Tarief, geldig_op


@dataclass(frozen=True)
class Contracttarief:
    contract: Contract
    tarief: Tarief

    @property
    def tarief_cent(self) -> int:
        return self.tarief.tarief_cent


def geldige_tarieven(product: Product, gemeente: Gemeente, datum: date):
    """Tariffs for `product` under contracts that bind `gemeente` and run on `datum`."""
    return (
        Tarief.objects.filter(geldig_op(datum), product=product)
        .filter(contract__in=Contract.objects.voor_gemeente(gemeente).lopend_op(datum))
        .select_related("contract", "contract__aanbieder")
    )


def contracttarief(aanbieder: Aanbieder, product: Product, gemeente: Gemeente, datum: date) -> Contracttarief | None:
    """The contract under which `aanbieder` delivers `product` in `gemeente` on `datum`, with its tariff."""
    tarief = (
        geldige_tarieven(product, gemeente, datum)
        .filter(contract__aanbieder=aanbieder)
        .order_by("tarief_cent", "-geldig_vanaf", "id")
        .first()
    )
    return Contracttarief(tarief.contract, tarief) if tarief else None


def goedkoopste_zin_tarief(product: Product, gemeente: Gemeente, datum: date) -> int | None:
    """Cheapest contracted (adequate) ZIN tariff: the ceiling for a pgb tariff (Wmo 2015 art. 2.3.6 lid 4)."""
    tarief = geldige_tarieven(product, gemeente, datum).filter(contract__aanbieder__actief=True).order_by("tarief_cent").first()
    return tarief.tarief_cent if tarief else None


def ontbrekende_kwaliteitsbewijzen(aanbieder: Aanbieder, gemeente: Gemeente, datum: date, cache: dict | None = None) -> list[str]:
    """Labels of mandatory evidence kinds the provider has no valid proof of on `datum`."""
    cache = {} if cache is None else cache
    sleutel = ("verplicht", gemeente.pk, datum)
    if sleutel not in cache:
        cache[sleutel] = list(geldende_waarde(Sleutel.VERPLICHTE_KWALITEITSBEWIJZEN, gemeente, datum))
    verplicht = cache[sleutel]
    if not verplicht:
        return []
    # A batch (one shared cache) asks this per provider once: evidence does not change during a batch.
    per_aanbieder = ("kwaliteitsbewijzen", aanbieder.pk, gemeente.pk, datum)
    if per_aanbieder not in cache:
        aanwezig = set(
            Kwaliteitsbewijs.objects.filter(geldig_op(datum), aanbieder=aanbieder, soort__in=verplicht).values_list("soort", flat=True)
        )
        labels = dict(SoortKwaliteitsbewijs.choices)
        cache[per_aanbieder] = [labels.get(s, s) for s in verplicht if s not in aanwezig]
    return list(cache[per_aanbieder])
