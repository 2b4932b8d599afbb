"""Shared pieces of the "proces en uitkomst" indicators: selection filters on households and persons, the
percentile rule and the cells for lead times."""

from __future__ import annotations

import math
import statistics

from django.db.models import Q

from ..drempel import Cel, aantal
from ..selectie import Selectie
from ..startfoto import Procent, procent

TOTAAL = "Totaal"


def adres_q(selectie: Selectie, prefix: str = "") -> Q:
    """Gemeente and gebied (team → its gebied) of an address record (Persoon or Huishouden) at `prefix`."""
    q = Q(**{f"{prefix}gemeente__in": selectie.gemeenten()})
    ids = selectie.gebied_ids()
    return q if ids is None else q & Q(**{f"{prefix}gebied_id__in": ids})


def gebied_q(selectie: Selectie, prefix: str = "") -> Q:
    """Only the gebied narrowing of an address record at `prefix` (the gemeente comes from the record itself)."""
    ids = selectie.gebied_ids()
    return Q() if ids is None else Q(**{f"{prefix}gebied_id__in": ids})


def product_q(selectie: Selectie, prefix: str = "product__") -> Q:
    q = Q()
    if selectie.wet:
        q &= Q(**{f"{prefix}wet": selectie.wet})
    if selectie.categorie:
        wet, _, categorie = selectie.categorie.partition(":")
        q &= Q(**{f"{prefix}wet": wet, f"{prefix}productcategorie": categorie})
    return q


def mediaan(waarden: list[int]) -> float:
    return float(statistics.median(waarden))


def percentiel(waarden: list[int], p: int) -> int:
    """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    gesorteerd = sorted(waarden)
    return gesorteerd[max(1, math.ceil(p * len(gesorteerd) / 100)) - 1]


def gemiddelde_cel(som: float | int | None, n: int, personen: int, drempel: int, decimalen: int = 2) -> Cel:
    """A mean over n values of `personen` distinct persons; hidden when fewer persons than the threshold are behind it."""
    if 0 < personen < drempel:
        return Cel(None, afgeschermd=True, drempel=drempel)
    if not n or som is None:
        return Cel(None, drempel=drempel)
    return Cel(round(float(som) / n, decimalen), drempel=drempel)


def duur_cellen(dagen: list[int], tijdig: int, drempel: int) -> list[Cel]:
    """Count, median, 90th percentile and % on time of lead times in days; all hidden below the threshold."""
    n = len(dagen)
    if 0 < n < drempel:
        verborgen = Cel(None, afgeschermd=True, drempel=drempel)
        return [aantal(n, drempel), verborgen, verborgen, Procent(None, afgeschermd=True, drempel=drempel)]
    if n == 0:
        return [aantal(0, drempel), Cel(None, drempel=drempel), Cel(None, drempel=drempel), Procent(None, drempel=drempel)]
    return [aantal(n, drempel), Cel(mediaan(dagen), drempel=drempel), Cel(percentiel(dagen, 90), drempel=drempel),
            procent(tijdig, n, drempel)]
