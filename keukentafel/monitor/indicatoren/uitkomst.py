"""Outcome on self-reliance (issue 4 §1): change in the zelfredzaamheidsscores (1–5 per leefgebied) between the first
and the latest assessment per person and leefgebied, averaged and as counts improved / same / worse, per leefgebied,
per product category and per provider.

The pairs (first, latest) are found in the database: the latest score row per person and leefgebied (no later row
up to the end of the period) with the first one as a correlated subquery. Per leefgebied that is one grouped query.
Per product and per provider a pair joins the grants the person had between the two dates; one query reads the
distinct (key, pair, first, latest) rows and Python sums them — a pair counts once per key even with several grants.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.fields import DateField

from keukentafel.aanbod.models import Aanbieder
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo
from keukentafel.toegang.models import Zelfredzaamheidsscore

from ..drempel import Cel, aantal
from ..selectie import Selectie
from ..tabel import Tabel
from .proces_gemeen import TOTAAL, gemiddelde_cel

LEEFGEBIED = "uitkomst_leefgebied"
PRODUCT = "uitkomst_product"
AANBIEDER = "uitkomst_aanbieder"
PGB = "pgb"

KOLOMMEN = ["Personen", "Gem. eerste score", "Gem. laatste score", "Gem. verandering", "Verbeterd", "Gelijk", "Verslechterd"]
DEF_BASIS = (
    "Zelfredzaamheidsscores (1–5) per persoon en leefgebied van personen in de selectie (gemeente en gebied van hun "
    "adres). Per persoon en leefgebied wordt de eerste meting vergeleken met de laatste meting op of vóór de laatste dag "
    "van de periode; een paar telt mee als die laatste meting in de periode ligt en op een latere datum dan de eerste "
    "(bij meerdere metingen op één dag telt de laatst vastgelegde). Scores van het huishouden als geheel (zonder "
    "persoon) tellen niet. Verandering = laatste − eerste score; verbeterd/gelijk/verslechterd: verandering > 0, = 0, "
    "< 0. Met een filter op wet of productcategorie tellen alleen personen die tussen de twee metingen een "
    "voorziening van die wet of categorie hadden. Gemiddelden worden niet getoond als er minder personen achter staan "
    "dan de drempel."
)
DEF_LEEFGEBIED = DEF_BASIS + " Eén rij per leefgebied; Totaal: alle paren (een persoon telt één keer in ‘Personen’)."
DEF_PRODUCT = DEF_BASIS + (
    " Per productcategorie (wet en iWmo/iJw-categorie): de paren van personen die tussen de eerste en de laatste meting "
    "(beide dagen meegerekend) een toegewezen voorziening in die categorie hadden in de selectie; een paar telt in elke "
    "categorie die de persoon had één keer."
)
DEF_AANBIEDER = DEF_BASIS + (
    " Per aanbieder: de paren van personen die tussen de twee metingen een voorziening van die aanbieder hadden "
    "(zorg in natura of pvb); pgb zonder aanbieder als aparte rij."
)


def _zelfde_paar() -> dict:
    return {"persoon": OuterRef("persoon"), "leefgebied": OuterRef("leefgebied")}


def paren(selectie: Selectie) -> QuerySet[Zelfredzaamheidsscore]:
    """The latest score row per (person, leefgebied) dated in the period, annotated with the first score and date."""
    p = selectie.periode
    later = Zelfredzaamheidsscore.objects.filter(**_zelfde_paar(), datum__lte=p.tot).filter(
        Q(datum__gt=OuterRef("datum")) | Q(datum=OuterRef("datum"), pk__gt=OuterRef("pk"))
    )
    eerste = Zelfredzaamheidsscore.objects.filter(**_zelfde_paar()).order_by("datum", "pk")
    qs = (
        Zelfredzaamheidsscore.objects.filter(persoon__in=selectie.personen().values("pk"), datum__range=(p.van, p.tot))
        .exclude(Exists(later))
        .annotate(eerste=Subquery(eerste.values("score")[:1], output_field=IntegerField()),
                  eerste_datum=Subquery(eerste.values("datum")[:1], output_field=DateField()))
        .filter(eerste_datum__lt=F("datum"))
    )
    if selectie.wet or selectie.categorie:
        grants = selectie.voorzieningen(in_periode=False).filter(
            persoon=OuterRef("persoon"), begindatum__lte=OuterRef("datum")
        ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=OuterRef("eerste_datum")))
        qs = qs.filter(Exists(grants))
    return qs


def _aggregaten() -> dict:
    return {
        "n": Count("pk"), "personen": Count("persoon", distinct=True), "s1": Sum("eerste"), "s2": Sum("score"),
        "beter": Count("pk", filter=Q(score__gt=F("eerste"))), "gelijk": Count("pk", filter=Q(score=F("eerste"))),
        "slechter": Count("pk", filter=Q(score__lt=F("eerste"))),
    }


def _cellen(r: dict, d: int) -> list[Cel]:
    n, personen = r["n"], r["personen"]
    verandering = None if r["s1"] is None else r["s2"] - r["s1"]
    return [
        aantal(personen, d), gemiddelde_cel(r["s1"], n, personen, d), gemiddelde_cel(r["s2"], n, personen, d),
        gemiddelde_cel(verandering, n, personen, d), aantal(r["beter"], d), aantal(r["gelijk"], d), aantal(r["slechter"], d),
    ]


def _leefgebied(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    qs = paren(selectie)
    tabel = Tabel(LEEFGEBIED, "Zelfredzaamheid: verandering per leefgebied", DEF_LEEFGEBIED, ["Leefgebied", *KOLOMMEN])
    for r in qs.order_by().values("leefgebied", "leefgebied__naam", "leefgebied__volgorde").annotate(**_aggregaten()).order_by(
        "leefgebied__volgorde", "leefgebied__naam"
    ):
        tabel.rijen.append((r["leefgebied__naam"], _cellen(r, d)))
    tabel.rijen.append((TOTAAL, _cellen(qs.aggregate(**_aggregaten()), d)))
    return tabel


def _per_sleutel(selectie: Selectie, velden: tuple[str, ...]) -> dict[tuple, dict]:
    """Pairs joined to the grants the person had between the two measurements, summed per key in Python."""
    tv = "persoon__voorzieningen__"
    qs = paren(selectie).filter(
        Q(**{f"{tv}in": selectie.voorzieningen(in_periode=False)}),
        Q(**{f"{tv}begindatum__lte": F("datum")}),
        Q(**{f"{tv}einddatum__isnull": True}) | Q(**{f"{tv}einddatum__gte": F("eerste_datum")}),
    )
    rijen = qs.order_by().values_list(*(tv + v for v in velden), "pk", "persoon", "eerste", "score").distinct()
    uit: dict[tuple, dict] = defaultdict(lambda: {"n": 0, "p": set(), "s1": 0, "s2": 0, "beter": 0, "gelijk": 0, "slechter": 0})
    for *sleutel, _pk, persoon, eerste, laatste in rijen:
        r = uit[tuple(sleutel)]
        r["n"] += 1
        r["p"].add(persoon)
        r["s1"] += eerste
        r["s2"] += laatste
        r["beter" if laatste > eerste else "gelijk" if laatste == eerste else "slechter"] += 1
    return {k: {**r, "personen": len(r["p"])} for k, r in uit.items()}


def _categorie_naam(wet: str, categorie: str) -> str:
    lijst = ProductcategorieWmo if wet == "wmo" else ProductcategorieJeugd
    try:
        return f"{'Wmo' if wet == 'wmo' else 'Jeugdwet'} {categorie} {lijst(categorie).label}"
    except ValueError:
        return f"{wet} {categorie}"


def _product(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    tabel = Tabel(PRODUCT, "Zelfredzaamheid: verandering per productcategorie", DEF_PRODUCT, ["Productcategorie", *KOLOMMEN])
    for (wet, categorie), r in sorted(_per_sleutel(selectie, ("product__wet", "product__productcategorie")).items()):
        label = _categorie_naam(wet, categorie)
        tabel.rijen.append((label, _cellen(r, d)))
        tabel.links[label] = f"?lijst={PRODUCT}&sleutel={wet}:{categorie}"
    return tabel


def _aanbieder(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    per = _per_sleutel(selectie, ("aanbieder_id",))
    namen = dict(Aanbieder.objects.filter(pk__in=[k[0] for k in per if k[0]]).values_list("pk", "naam"))
    tabel = Tabel(AANBIEDER, "Zelfredzaamheid: verandering per aanbieder", DEF_AANBIEDER, ["Aanbieder", *KOLOMMEN])
    for (aanbieder_id,), r in sorted(per.items(), key=lambda kv: (kv[0][0] is None, namen.get(kv[0][0], ""))):
        label = namen.get(aanbieder_id, "Pgb (geen aanbieder)")
        tabel.rijen.append((label, _cellen(r, d)))
        tabel.links[label] = f"?lijst={AANBIEDER}&sleutel={aanbieder_id or PGB}"
    return tabel


def _grants_tussen_metingen(selectie: Selectie) -> QuerySet[ToegewezenVoorziening]:
    """Grants of the selection that ran on some day between a person's first and latest measurement (a counted pair)."""
    paar = paren(selectie).filter(persoon=OuterRef("persoon"), datum__gte=OuterRef("begindatum"))
    return selectie.voorzieningen(in_periode=False).filter(
        Q(Exists(paar), einddatum__isnull=True) | Q(Exists(paar.filter(eerste_datum__lte=OuterRef("einddatum"))))
    )


def _lijst_product(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    """Grants of category `sleutel` ("wmo:02") that ran between a person's two measurements."""
    wet, _, categorie = sleutel.partition(":")
    return _grants_tussen_metingen(selectie).filter(product__wet=wet, product__productcategorie=categorie)


def _lijst_aanbieder(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    """Grants of provider `sleutel` (pk, or "pgb") that ran between a person's two measurements."""
    qs = _grants_tussen_metingen(selectie)
    return qs.filter(aanbieder__isnull=True) if sleutel == PGB else qs.filter(aanbieder_id=int(sleutel))


LIJSTEN = {PRODUCT: _lijst_product, AANBIEDER: _lijst_aanbieder}


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [_leefgebied(selectie), _product(selectie), _aanbieder(selectie)]
