"""What staff ask of the catalogue: how a product is accessed here, what it costs, what the household can use.

Read-only helpers for the staff pages, the plan forms and the API; maintenance lives in `beheer.py`,
the grant rules' questions in `services.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, Q, QuerySet

from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde

from .models import AlgemeneVoorziening, Contract, Product, Tarief, geldig_op


def euro(cent: int | None) -> str:
    """An amount in cents as Dutch text: 123456 → "€ 1.234,56"."""
    if cent is None:
        return "–"
    return f"€ {cent / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


# --- verwijzing or beschikking ------------------------------------------------------------------


def indicatievrije_sleutels(gemeente: Gemeente | None, datum: date) -> set[str]:
    """The policy's list of products granted by referral ("wet:categorie" or "wet:categorie:productcode")."""
    try:
        return set(geldende_waarde(Sleutel.INDICATIEVRIJ, gemeente, datum) or [])
    except BeleidOntbreekt:
        return set()  # no policy: the statutory route, a beschikking (Wmo 2015 art. 2.3.5)


def gaat_via_verwijzing(product: Product, gemeente: Gemeente | None, datum: date, *, sleutels: set[str] | None = None) -> bool:
    """True when the gemeente lets this product be granted by direct referral instead of a beschikking."""
    sleutels = indicatievrije_sleutels(gemeente, datum) if sleutels is None else sleutels
    return bool(set(product.sleutels) & sleutels)


# --- tariffs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tariefbereik:
    laagste_cent: int
    hoogste_cent: int
    aantal_contracten: int

    @property
    def tekst(self) -> str:
        if self.laagste_cent == self.hoogste_cent:
            return euro(self.laagste_cent)
        return f"{euro(self.laagste_cent)} – {euro(self.hoogste_cent)}"


def lopende_contracten(gemeente: Gemeente | None, datum: date) -> QuerySet[Contract]:
    """Contracts running on `datum` that bind `gemeente` (all of them when no gemeente is given)."""
    contracten = Contract.objects.lopend_op(datum)
    return contracten.voor_gemeente(gemeente) if gemeente is not None else contracten


def tariefbereiken(gemeente: Gemeente | None, datum: date) -> dict[int, Tariefbereik]:
    """Per product id: lowest and highest tariff under the running contracts of active providers."""
    rijen = (
        Tarief.objects.filter(geldig_op(datum), contract__in=lopende_contracten(gemeente, datum), contract__aanbieder__actief=True)
        .values("product_id")
        .annotate(laagste=Min("tarief_cent"), hoogste=Max("tarief_cent"), aantal=Count("contract", distinct=True))
    )
    return {r["product_id"]: Tariefbereik(r["laagste"], r["hoogste"], r["aantal"]) for r in rijen}


# --- the sociale kaart for a household ------------------------------------------------------------


def algemene_voorzieningen_voor(gemeente: Gemeente | int | None) -> QuerySet[AlgemeneVoorziening]:
    """Active entries of the sociale kaart open to residents of `gemeente`: its own and the region-wide ones."""
    gemeente_id = gemeente.pk if isinstance(gemeente, Gemeente) else gemeente
    return AlgemeneVoorziening.objects.filter(Q(gemeente__isnull=True) | Q(gemeente_id=gemeente_id), actief=True).order_by("naam")
