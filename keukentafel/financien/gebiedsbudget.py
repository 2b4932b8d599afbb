"""Virtual area budgets (seed 000: virtuele gebiedsbudgetten, populatiebekostiging): a budget line split over the
gemeente's gebieden by its verdeelsleutel.

Never stored: computed on demand from the key data of today, so a change in inwoners, in the persons living in a
gebied or in last year's grants gives a new split at once. Keys:

* inwoners  — `Gebied.inwoners`; also the key of a line without verdeelsleutel (STANDAARD_VERDEELSLEUTEL);
* jeugdigen — persons aged 0–17 on 1 January of the budget year whose address lies in the gebied (counted in the DB);
* gebruik   — the commitment (`verplichting.verplichtingen`) in the previous calendar year of the grants booked on the line
  (its `dekking`), per gebied of the client.

The amount of the line (in force on the date asked, see `begroting.bedragen_op`) is split with `bedragen.verdeel`
(largest remainder), so the area budgets add up exactly to the line. All weights zero: an equal split.

One rule, two callers: `gebiedsbudgetten(post, datum)` (the begroting screen) and the forecast, which computes the key
data once for the whole budget (`sleutelgegevens`: the gebieden, inhabitants, youths and last year's commitment per
(productcategorie, gebied) in one grouped query) and splits every line with `verdeel_post`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.inwoners.models import Persoon

from .bedragen import verdeel
from .begroting import bedragen_op
from .models import Begroting, Begrotingspost, Verdeelsleutel
from .verplichting import verplichtingen

#: Age limit of the youth key: persons younger than this on 1 January count (Jeugdwet: under 18).
JEUGD_TOT_LEEFTIJD = 18
#: The key of a line without verdeelsleutel, in the begroting screen and in the forecast alike.
STANDAARD_VERDEELSLEUTEL = Verdeelsleutel.INWONERS


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


@dataclass(slots=True)
class Sleutelgegevens:
    """The key data of one budget, computed once: gebieden (by name) and the weights each key needs."""

    gebieden: list[Gebied]
    jeugdigen: dict[int, int] = field(default_factory=dict)
    #: Previous year's commitment per productcategorie ("wmo:01") and gebied id (clients without gebied left out).
    gebruik: dict[str, dict[int, int]] = field(default_factory=dict)


def effectieve_sleutel(post: Begrotingspost, sleutel: str | None = None) -> str:
    """The key a line is split by: `sleutel`, else its verdeelsleutel, else STANDAARD_VERDEELSLEUTEL (inwoners)."""
    return sleutel or post.verdeelsleutel or STANDAARD_VERDEELSLEUTEL


def sleutelgegevens(begroting: Begroting, sleutels: Iterable[str] = tuple(Verdeelsleutel.values)) -> Sleutelgegevens:
    """The key data of `begroting` for the given keys: at most three queries, whatever the number of lines."""
    sleutels = set(sleutels)
    gebieden = list(Gebied.objects.filter(gemeente_id=begroting.gemeente_id).order_by("naam", "id"))
    uit = Sleutelgegevens(gebieden)
    if Verdeelsleutel.JEUGDIGEN in sleutels:
        uit.jeugdigen = _jeugdigen(gebieden, begroting.jaar)
    if Verdeelsleutel.GEBRUIK in sleutels:
        per = verplichtingen(begroting.gemeente, begroting.jaar - 1, per=("productcategorie", "gebied"))
        for (categorie, gebied_id), bedrag in per.items():
            if gebied_id is not None:
                uit.gebruik.setdefault(categorie, {})[gebied_id] = bedrag
    return uit


def gewichten_uit(post: Begrotingspost, gegevens: Sleutelgegevens, sleutel: str | None = None) -> list[tuple[Gebied, int]]:
    """The gebieden with their weight under the line's key (see `effectieve_sleutel`), from precomputed key data."""
    sleutel = effectieve_sleutel(post, sleutel)
    if sleutel == Verdeelsleutel.INWONERS:
        per = {g.id: g.inwoners for g in gegevens.gebieden}
    elif sleutel == Verdeelsleutel.JEUGDIGEN:
        per = gegevens.jeugdigen
    elif sleutel == Verdeelsleutel.GEBRUIK:
        per = {}
        for categorie in dict.fromkeys(str(c) for c in post.dekking or []):
            for gebied_id, bedrag in gegevens.gebruik.get(categorie, {}).items():
                per[gebied_id] = per.get(gebied_id, 0) + bedrag
    else:
        raise ValueError(f"Post '{post.naam}': verdeelsleutel '{sleutel}' is onbekend.")
    return [(g, per.get(g.id, 0)) for g in gegevens.gebieden]


def verdeel_post(post: Begrotingspost, bedrag: int, gegevens: Sleutelgegevens, sleutel: str | None = None) -> list[Gebiedsbudget]:
    """`bedrag` (the line's amount) split over the gebieden by the line's key; the parts add up to `bedrag`."""
    paren = gewichten_uit(post, gegevens, sleutel)
    if not paren:
        return []
    delen = verdeel(bedrag, [w for _, w in paren])
    return [Gebiedsbudget(g, w, d) for (g, w), d in zip(paren, delen, strict=True)]


def gewichten(post: Begrotingspost, sleutel: str | None = None) -> list[tuple[Gebied, int]]:
    """The gemeente's gebieden (by name) with their weight under the line's key (see `effectieve_sleutel`)."""
    sleutel = effectieve_sleutel(post, sleutel)
    return gewichten_uit(post, sleutelgegevens(post.begroting, {sleutel}), sleutel)


def gebiedsbudgetten(post: Begrotingspost, datum: date | None = None, *, sleutel: str | None = None) -> list[Gebiedsbudget]:
    """The line's amount in force on `datum` (None: every version) split over the gebieden by its key (a line without
    verdeelsleutel: by inhabitants); the parts add up to the line's amount."""
    sleutel = effectieve_sleutel(post, sleutel)
    bedrag = bedragen_op(post.begroting, datum)[post.id]
    return verdeel_post(post, bedrag, sleutelgegevens(post.begroting, {sleutel}), sleutel)


__all__ = [
    "JEUGD_TOT_LEEFTIJD", "STANDAARD_VERDEELSLEUTEL", "Gebiedsbudget", "Sleutelgegevens", "dekking_filter",
    "effectieve_sleutel", "gebiedsbudgetten", "gebruik_per_gebied", "gewichten", "gewichten_uit", "sleutelgegevens",
    "verdeel_post",
]
