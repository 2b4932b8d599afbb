"""The declaration pre-aggregate (`Declaratieaggregaat`): declared prestaties per gemeente, aanbieder, wet,
productcategorie and month, so the provider figures read thousands of rows instead of 2,000,000 lines.

Refreshed incrementally: `ververs(declaratie_ids)` recomputes every (gemeente, aanbieder, maand) key the given
declarations touch — delete and insert in one transaction, from all prestaties with that key, so the result equals a
full rebuild whatever was stored before. `berichten.declaraties.verwerk_declaratie` calls it after the commit of each
stored 323; `herbouw()` (`manage.py monitor_verversen`) rebuilds everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from keukentafel.aanbod.models import Aanbieder
from keukentafel.berichten.models import Prestatie

from .models import Declaratieaggregaat
from .selectie import Selectie


def _volgende_maand(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _sommen(qs: QuerySet[Prestatie]) -> QuerySet:
    """Prestaties grouped by the aggregate's key, with its four figures (one query)."""
    return (
        qs.order_by()
        .annotate(_maand=TruncMonth("begindatum"))
        .values("declaratie__gemeente_id", "aanbieder_id", "wet", "productcategorie", "_maand")
        .annotate(
            n=Count("id"), afgekeurd=Count("id", filter=Q(goedgekeurd=False)),
            ingediend=Coalesce(Sum("ingediend_cent"), 0), toegekend=Coalesce(Sum("toegekend_cent"), 0),
        )
    )


def _rijen(qs: QuerySet[Prestatie]) -> list[Declaratieaggregaat]:
    return [
        Declaratieaggregaat(
            gemeente_id=r["declaratie__gemeente_id"], aanbieder_id=r["aanbieder_id"], wet=r["wet"],
            productcategorie=r["productcategorie"], maand=r["_maand"], regels=r["n"], afgekeurde_regels=r["afgekeurd"],
            ingediend_cent=r["ingediend"], toegekend_cent=r["toegekend"],
        )
        for r in _sommen(qs)
    ]


def ververs(declaratie_ids: Iterable[int]) -> int:
    """Recompute the aggregate rows of every (gemeente, aanbieder, maand) the declarations touch; returns rows written.

    Queries: one for the keys, one lock, then per (gemeente, aanbieder) one delete and one grouped select, one bulk
    insert."""
    ids = list(declaratie_ids)
    if not ids:
        return 0
    maanden: dict[tuple[int, int], set[date]] = defaultdict(set)
    sleutels = (
        Prestatie.objects.filter(declaratie_id__in=ids).order_by()
        .annotate(_maand=TruncMonth("begindatum")).values_list("declaratie__gemeente_id", "aanbieder_id", "_maand").distinct()
    )
    for gemeente_id, aanbieder_id, maand in sleutels:
        maanden[(gemeente_id, aanbieder_id)].add(maand)
    nieuw: list[Declaratieaggregaat] = []
    with transaction.atomic():
        # Two 323s of one provider refreshed at the same time would each delete and insert the same keys; locking the
        # provider's row serialises them, and the second then recomputes from both declarations' lines (sorted: no
        # deadlock). SQLite serialises writers anyway.
        list(Aanbieder.objects.select_for_update().filter(pk__in=sorted({a for _, a in maanden})).order_by("pk").values_list("pk"))
        for (gemeente_id, aanbieder_id), m in sorted(maanden.items()):
            Declaratieaggregaat.objects.filter(gemeente_id=gemeente_id, aanbieder_id=aanbieder_id, maand__in=m).delete()
            qs = Prestatie.objects.filter(
                aanbieder_id=aanbieder_id, declaratie__gemeente_id=gemeente_id,
                begindatum__gte=min(m), begindatum__lt=_volgende_maand(max(m)),
            )
            nieuw += [r for r in _rijen(qs) if r.maand in m]
        Declaratieaggregaat.objects.bulk_create(nieuw, batch_size=2000)
    return len(nieuw)


def herbouw() -> int:
    """Rebuild the whole aggregate from all prestaties (one grouped query); returns the number of rows."""
    with transaction.atomic():
        Declaratieaggregaat.objects.all().delete()
        rijen = _rijen(Prestatie.objects.all())
        Declaratieaggregaat.objects.bulk_create(rijen, batch_size=2000)
    return len(rijen)


# --- reading ------------------------------------------------------------------------------------------------------

@dataclass
class Declaratiecijfers:
    regels: int = 0
    afgekeurd: int = 0
    ingediend_cent: int = 0
    toegekend_cent: int = 0


def _selectie_filter(selectie: Selectie, wet_veld: str, cat_veld: str) -> Q:
    q = Q()
    if selectie.wet:
        q &= Q(**{wet_veld: selectie.wet})
    if selectie.categorie:
        wet, _, cat = selectie.categorie.partition(":")
        q &= Q(**{wet_veld: wet, cat_veld: cat})
    return q


def declaratiecijfers(selectie: Selectie, *, per_aanbieder: bool) -> dict[object, Declaratiecijfers]:
    """Declared prestaties delivered in the period (by begindatum), of the selection's gemeenten, wet and category;
    keyed by aanbieder pk (or "*" for all). One query.

    Without a gebied/team narrowing from the pre-aggregate (its months cover the period exactly: periods are whole
    months). With one, straight from the prestaties, by the gebied of the client's address as the grants are."""
    p = selectie.periode
    gemeenten = [g.pk for g in selectie.gemeenten()]
    gebieden = selectie.gebied_ids()
    if gebieden is None:
        qs = Declaratieaggregaat.objects.filter(gemeente_id__in=gemeenten, maand__gte=p.van.replace(day=1), maand__lte=p.tot)
        qs = qs.filter(_selectie_filter(selectie, "wet", "productcategorie"))
        velden = {"regels": Sum("regels"), "afgekeurd": Sum("afgekeurde_regels"),
                  "ingediend_cent": Sum("ingediend_cent"), "toegekend_cent": Sum("toegekend_cent")}
    else:
        qs = Prestatie.objects.filter(
            declaratie__gemeente_id__in=gemeenten, persoon__gebied_id__in=gebieden, begindatum__gte=p.van, begindatum__lte=p.tot
        ).filter(_selectie_filter(selectie, "wet", "productcategorie"))
        velden = {"regels": Count("id"), "afgekeurd": Count("id", filter=Q(goedgekeurd=False)),
                  "ingediend_cent": Sum("ingediend_cent"), "toegekend_cent": Sum("toegekend_cent")}
    qs = qs.order_by()
    if not per_aanbieder:
        r = qs.aggregate(**velden)
        return {"*": Declaratiecijfers(*(int(r[k] or 0) for k in velden))}
    return {
        r["aanbieder_id"]: Declaratiecijfers(*(int(r[k] or 0) for k in velden))
        for r in qs.values("aanbieder_id").annotate(**velden)
    }


__all__ = ["Declaratiecijfers", "declaratiecijfers", "herbouw", "ververs"]
