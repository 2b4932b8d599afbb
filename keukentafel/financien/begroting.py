"""Reading a budget: the amounts in force on a date, with the derived saldo lines computed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from .models import Begroting, Begrotingsbedrag, Begrotingspost, Postsoort


@dataclass(frozen=True, slots=True)
class Postbedrag:
    post: Begrotingspost
    bedrag_cent: int


def bedragen_op(begroting: Begroting, datum: date | None = None) -> dict[int, int]:
    """Amount per post id in force on `datum` (None: all versions): the primitieve begroting plus every wijziging
    vastgesteld on or before that date. A saldopost is the baten of its onderdeel minus its other lasten."""
    bedragen = Begrotingsbedrag.objects.filter(versie__begroting=begroting)
    if datum is not None:
        bedragen = bedragen.filter(versie__vastgesteld_op__lte=datum)
    uit: dict[int, int] = defaultdict(int)
    for post_id, som in bedragen.values_list("post_id").annotate(s=Sum("bedrag_cent")).values_list("post_id", "s"):
        uit[post_id] = som or 0
    posten = list(begroting.posten.all())
    saldo: dict[str, int] = defaultdict(int)
    for p in posten:
        if not p.saldopost:
            saldo[p.onderdeel] += uit[p.id] if p.soort == Postsoort.BATEN else -uit[p.id]
    for p in posten:
        if p.saldopost:
            uit[p.id] = saldo[p.onderdeel]
    return {p.id: uit[p.id] for p in posten}


def posten_met_bedrag(begroting: Begroting, datum: date | None = None) -> list[Postbedrag]:
    """The budget's lines in order with their amounts (see `bedragen_op`)."""
    bedragen = bedragen_op(begroting, datum)
    return [Postbedrag(p, bedragen[p.id]) for p in begroting.posten.all()]


__all__ = ["Postbedrag", "bedragen_op", "posten_met_bedrag"]
