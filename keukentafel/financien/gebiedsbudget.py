"""Virtual area budgets (seed 000: virtuele gebiedsbudgetten, populatiebekostiging): a budget line split over the
gemeente's gebieden by its verdeelsleutel.

Never stored: computed on demand from the key data of today, so a change in inwoners, in the persons living in a
gebied or in last year's grants gives a new split at once. Keys:

* inwoners  — `Gebied.inwoners`;
* jeugdigen — persons aged 0–17 on 1 January of the budget year whose address lies in the gebied (counted in the DB);
* gebruik   — the commitment (`verplichting.verplichtingen`) in the previous calendar year of the grants booked on the line
  (its `dekking`), per gebied of the client.

The amount of the line (in force on the date asked, see `begroting.bedragen_op`) is split with `bedragen.verdeel`
(largest remainder), so the area budgets add up exactly to the line. All weights zero: an equal split.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.inwoners.models import Persoon

from .bedragen import verdeel
from .begroting import bedragen_op
from .models import Begrotingspost, Verdeelsleutel
from .verplichting import verplichtingen

#: Age limit of the youth key: persons younger than this on 1 January count (Jeugdwet: under 18).
JEUGD_TOT_LEEFTIJD = 18


@dataclass(frozen=True, slots=True)
class Gebiedsbudget:
    gebied: Gebied
    gewicht: int
    bedrag_cent: int


def dekking_filter(dekking: list[str], prefix: str = "product__") -> Q:
    """Q matching grants whose product is in the line's dekking ("wmo:01" → wet wmo, productcategorie 01)."""
    q = Q(pk__in=[])
    for item in dekking:
        wet, _, categorie = str(item).partition(":")
        q |= Q(**{f"{prefix}wet": wet, f"{prefix}productcategorie": categorie})
    return q


def _jeugdigen(gebieden: list[Gebied], jaar: int) -> dict[int, int]:
    peildatum = date(jaar, 1, 1)
    # aged 0–17 on 1 January: born on or before that day, and after the day 18 years before it
    oudste = date(jaar - JEUGD_TOT_LEEFTIJD, 1, 1)
    rijen = (
        Persoon.objects.filter(gebied__in=gebieden, geboortedatum__lte=peildatum, geboortedatum__gt=oudste)
        .values("gebied_id")
        .annotate(n=Count("id"))
        .values_list("gebied_id", "n")
    )
    return dict(rijen)


def gebruik_per_gebied(gemeente_id: int, dekking: list[str], jaar: int) -> dict[int, int]:
    """Commitment in cents in calendar year `jaar` of the gemeente's grants in `dekking`, per gebied of the client
    (aggregated in the database by `verplichting.verplichtingen`; clients without gebied count nowhere)."""
    if not dekking:
        return {}
    gemeente = Gemeente.objects.get(pk=gemeente_id)
    per = verplichtingen(gemeente, jaar, per=("gebied",), filter=dekking_filter(dekking))
    return {gebied_id: bedrag for (gebied_id,), bedrag in per.items() if gebied_id is not None}


def gewichten(post: Begrotingspost, sleutel: str | None = None) -> list[tuple[Gebied, int]]:
    """The gemeente's gebieden (by name) with their weight under the line's verdeelsleutel (or `sleutel`)."""
    begroting = post.begroting
    sleutel = post.verdeelsleutel if sleutel is None else sleutel
    gebieden = list(Gebied.objects.filter(gemeente_id=begroting.gemeente_id).order_by("naam", "id"))
    if sleutel == Verdeelsleutel.INWONERS:
        per = {g.id: g.inwoners for g in gebieden}
    elif sleutel == Verdeelsleutel.JEUGDIGEN:
        per = _jeugdigen(gebieden, begroting.jaar)
    elif sleutel == Verdeelsleutel.GEBRUIK:
        per = gebruik_per_gebied(begroting.gemeente_id, list(post.dekking), begroting.jaar - 1)
    else:
        raise ValueError(f"Post '{post.naam}' heeft geen verdeelsleutel.")
    return [(g, per.get(g.id, 0)) for g in gebieden]


def gebiedsbudgetten(post: Begrotingspost, datum: date | None = None, *, sleutel: str | None = None) -> list[Gebiedsbudget]:
    """The line's amount in force on `datum` split over the gebieden; the parts add up to the line's amount."""
    bedrag = bedragen_op(post.begroting, datum)[post.id]
    paren = gewichten(post, sleutel)
    if not paren:
        return []
    delen = verdeel(bedrag, [w for _, w in paren])
    return [Gebiedsbudget(g, w, d) for (g, w), d in zip(paren, delen, strict=True)]


__all__ = ["JEUGD_TOT_LEEFTIJD", "Gebiedsbudget", "dekking_filter", "gebiedsbudgetten", "gebruik_per_gebied", "gewichten"]
