"""Realisation: what the gemeente approved on declarations (323) plus what the SVB paid from personal budgets.

Aggregated in the database, with the same groupings as the commitments (`verplichting.DIMENSIES`):

* Approved prestaties (`Prestatie.goedgekeurd`), `toegekend_cent`, attributed to the date of delivery (`begindatum`).
  A credited debet stays approved and its approved credit is negative, so the two cancel out in the sum.
* PGB spending (`Pgbuitgave.bedrag_cent`, corrections negative), attributed to `periode_begin`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import BigIntegerField, F, Max, Q
from django.db.models.functions import Cast

from keukentafel.accounts.models import Gemeente
from keukentafel.berichten.models import Prestatie

from .models import Pgbuitgave
from .verplichting import groepeer

#: The groupings of `verplichting.DIMENSIES`, as paths from Prestatie (the copied wet, category, provider, person).
PRESTATIE_DIMENSIES: dict[str, tuple[str, ...]] = {
    "wet": ("wet",),
    "productcategorie": ("wet", "productcategorie"),
    "product": ("voorziening__product_id",),
    "aanbieder": ("aanbieder_id",),
    "gebied": ("persoon__gebied_id",),
    "leveringsvorm": ("voorziening__leveringsvorm",),
}
#: The same, as paths from Pgbuitgave (through its grant).
PGB_DIMENSIES: dict[str, tuple[str, ...]] = {
    "wet": ("voorziening__product__wet",),
    "productcategorie": ("voorziening__product__wet", "voorziening__product__productcategorie"),
    "product": ("voorziening__product_id",),
    "aanbieder": ("voorziening__aanbieder_id",),
    "gebied": ("voorziening__persoon__gebied_id",),
    "leveringsvorm": ("voorziening__leveringsvorm",),
}


def prestaties(gemeente: Gemeente, van: date, tot: date):  # noqa: ANN201
    """Approved prestaties of the gemeente delivered from van to tot (by begindatum)."""
    return Prestatie.objects.filter(declaratie__gemeente=gemeente, goedgekeurd=True, begindatum__gte=van, begindatum__lte=tot)


def pgb_uitgaven(gemeente: Gemeente, van: date, tot: date):  # noqa: ANN201
    """PGB payments of the gemeente for periods starting from van to tot."""
    return Pgbuitgave.objects.filter(gemeente=gemeente, periode_begin__gte=van, periode_begin__lte=tot)


def realisatie(
    gemeente: Gemeente,
    van: date,
    tot: date,
    *,
    per: Sequence[str] = ("productcategorie",),
    filter_prestatie: Q | None = None,
    filter_pgb: Q | None = None,
) -> dict[tuple, int]:
    """Realisation in cents over [van, tot] per the `per` dimensions: approved declarations plus PGB spending.

    Keys with a zero total are left out. Optional filters narrow each source (paths as in the dimension maps).
    """
    p, g = prestaties(gemeente, van, tot), pgb_uitgaven(gemeente, van, tot)
    if filter_prestatie is not None:
        p = p.filter(filter_prestatie)
    if filter_pgb is not None:
        g = g.filter(filter_pgb)
    uit = groepeer(p, per, Cast(F("toegekend_cent"), BigIntegerField()), PRESTATIE_DIMENSIES)
    for k, v in groepeer(g, per, Cast(F("bedrag_cent"), BigIntegerField()), PGB_DIMENSIES).items():
        uit[k] = uit.get(k, 0) + v
    return {k: v for k, v in uit.items() if v}


def laatste_leverdatum(gemeente: Gemeente, van: date, tot: date) -> date | None:
    """The latest delivery date in [van, tot] with approved declarations or PGB spending (None: none at all)."""
    a = prestaties(gemeente, van, tot).aggregate(m=Max("begindatum"))["m"]
    b = pgb_uitgaven(gemeente, van, tot).aggregate(m=Max("periode_begin"))["m"]
    return max((d for d in (a, b) if d is not None), default=None)


def laatste_leverdatum_per_categorie(gemeente: Gemeente, van: date, tot: date) -> dict[str, date]:
    """Per productcategorie ("wmo:01") the latest delivery date in [van, tot] with approved declarations or PGB
    spending of that category (two grouped queries; categories without any are left out)."""
    uit: dict[str, date] = {}
    bronnen = (
        (prestaties(gemeente, van, tot), ("wet", "productcategorie"), "begindatum"),
        (pgb_uitgaven(gemeente, van, tot), PGB_DIMENSIES["productcategorie"], "periode_begin"),
    )
    for qs, velden, datumveld in bronnen:
        for wet, categorie, laatste in qs.order_by().values(*velden).annotate(m=Max(datumveld)).values_list(*velden, "m"):
            sleutel = f"{wet}:{categorie}"
            if laatste is not None and (sleutel not in uit or laatste > uit[sleutel]):
                uit[sleutel] = laatste
    return uit


__all__ = [
    "PGB_DIMENSIES", "PRESTATIE_DIMENSIES", "laatste_leverdatum", "laatste_leverdatum_per_categorie", "pgb_uitgaven",
    "prestaties", "realisatie",
]
