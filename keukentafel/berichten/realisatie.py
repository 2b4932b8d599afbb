"""The realisation: what the gemeente approved on declarations, the figures finance works with.

Only approved prestaties count; an approved credit is negative, so a credited debet and its credit cancel out.
Amounts are attributed to the month of delivery (the ProductPeriode), not to the month the declaration arrived:
that is the month the care cost money.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from keukentafel.accounts.models import Gemeente

from .models import Prestatie


def realisatie(gemeente: Gemeente, van: date, tot: date) -> list[dict]:
    """Approved amounts per month of delivery, wet, aanbieder, productcategorie and productcode, for [van, tot].

    Each row: maand (first day), wet, aanbieder_id, aanbieder (name), productcategorie, productcode,
    bedrag_cent (net: credits negative) and aantal (approved prestaties). Sorted by month, wet, aanbieder, product.
    """
    rijen = (
        Prestatie.objects.filter(declaratie__gemeente=gemeente, goedgekeurd=True, begindatum__gte=van, begindatum__lte=tot)
        .annotate(maand=TruncMonth("begindatum"))
        .values("maand", "wet", "aanbieder_id", "aanbieder__naam", "productcategorie", "productcode")
        .annotate(bedrag_cent=Sum("toegekend_cent"), aantal=Count("id"))
        .order_by("maand", "wet", "aanbieder__naam", "productcategorie", "productcode")
    )
    return [
        {
            "maand": r["maand"], "wet": r["wet"], "aanbieder_id": r["aanbieder_id"], "aanbieder": r["aanbieder__naam"],
            "productcategorie": r["productcategorie"], "productcode": r["productcode"], "bedrag_cent": r["bedrag_cent"],
            "aantal": r["aantal"],
        }
        for r in rijen
    ]


__all__ = ["realisatie"]
