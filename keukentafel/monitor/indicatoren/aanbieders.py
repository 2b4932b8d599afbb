"""Providers (issue 4 §1): per aanbieder its clients, commitment, cost per client, declared vs granted vs
committed, and the rejected declaration lines.

Grants and commitments come from `Selectie.voorzieningen()`; declarations from the pre-aggregate
`Declaratieaggregaat` (or, with a gebied/team narrowing, straight from the prestaties) — see `aggregaat`.
A fixed number of queries whatever the number of providers: clients (1), commitment (1), declarations (1), names (1).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, QuerySet

from keukentafel.aanbod.models import Aanbieder
from keukentafel.besluiten.models import ToegewezenVoorziening

from ..aggregaat import Declaratiecijfers, declaratiecijfers
from ..drempel import Cel, aantal
from ..selectie import Selectie
from ..startfoto import Bedrag, Procent, bedrag, procent
from ..tabel import Tabel
from .bereik import kosten_per, lijst_link

KOLOMMEN = [
    "Aanbieder", "Cliënten", "Verplichting", "Kosten per cliënt", "Ingediend", "Toegekend", "Declaratieregels",
    "Afgekeurde regels", "% afgekeurd",
]


def _rij(n: int, verplicht: int, c: Declaratiecijfers, d: int) -> list[Cel]:
    # Declared amounts are hidden unless at least `d` clients of this provider are in the selection (also when none
    # are: then the persons behind the lines are unknown here and could be few).
    verborgen = n < d and (n > 0 or c.regels > 0)

    def geld(cent: int) -> Bedrag:
        return Bedrag(None, afgeschermd=True, drempel=d) if verborgen else Bedrag(cent, drempel=d)

    afgekeurd = aantal(c.afgekeurd, d)
    return [
        aantal(n, d), bedrag(verplicht, n, d), bedrag(verplicht, n, d, n), geld(c.ingediend_cent), geld(c.toegekend_cent),
        aantal(c.regels, d), afgekeurd,
        Procent(None, afgeschermd=True, drempel=d) if verborgen else procent(c.afgekeurd, c.regels, d),
    ]


def tabel_aanbieders(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    qs = selectie.voorzieningen().filter(aanbieder__isnull=False).order_by()
    clienten = {r["aanbieder_id"]: r["n"] for r in qs.values("aanbieder_id").annotate(n=Count("persoon_id", distinct=True))}
    verplicht = {k[0]: v for k, v in kosten_per(selectie, ("aanbieder",)).items() if k[0] is not None}
    decl = declaratiecijfers(selectie, per_aanbieder=True)
    ids = set(clienten) | set(verplicht) | set(decl)
    namen = dict(Aanbieder.objects.filter(pk__in=ids).values_list("pk", "naam"))
    volgorde = sorted(ids, key=lambda a: (-clienten.get(a, 0), namen.get(a, ""), a))
    rijen, links, gezien = [], {}, set()
    for a in volgorde:
        label = namen.get(a, f"Aanbieder {a}")
        if label in gezien:  # two providers with one name: keep rows and links apart
            label = f"{label} ({a})"
        gezien.add(label)
        rijen.append((label, _rij(clienten.get(a, 0), verplicht.get(a, 0), decl.get(a, Declaratiecijfers()), d)))
        links[label] = lijst_link("aanbieders", a)
    p = selectie.periode
    return Tabel(
        "aanbieders", "Aanbieders: cliënten, kosten en declaraties",
        f"Per aanbieder van zorg in natura of pvb (een pgb heeft geen aanbieder en telt hier niet mee). Cliënten: unieke "
        f"personen met een voorziening van die aanbieder die op minstens één dag van {p.naam} ({p.van:%d-%m-%Y} tot en "
        f"met {p.tot:%d-%m-%Y}) gold, binnen de selectie. Verplichting: de kosten van die voorzieningen over de periode "
        f"(omvang × tarief, als de financiële module); kosten per cliënt: verplichting gedeeld door de cliënten, hele "
        f"centen. Ingediend en toegekend: de bedragen van de gedeclareerde prestaties (323) van die aanbieder met een "
        f"begindatum in de periode, van de gemeente(n), wet en categorie van de selectie (bij gebied of team: cliënten "
        f"met een woonadres daar); credits negatief; toegekend is wat de gemeente goedkeurde (de realisatie). "
        f"Declaratieregels: alle opgeslagen prestaties; afgekeurd: prestaties die niet zijn goedgekeurd (met een "
        f"retourcode), ook als percentage van de regels. Aflopend op cliënten, dan op naam. Bedragen en het "
        f"percentage zijn afgeschermd als de aanbieder 1 tot de drempel cliënten in de selectie heeft, of declaraties "
        f"maar geen cliënt in de selectie. Bron van de declaraties: het declaratieaggregaat (per maand bijgewerkt na "
        f"elke verwerkte 323).",
        KOLOMMEN, rijen, links,
    )


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [tabel_aanbieders(selectie)]


def _aanbieder(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    return selectie.voorzieningen().filter(aanbieder_id=int(sleutel)) if sleutel.isdigit() else selectie.voorzieningen().none()


LIJSTEN: dict[str, Callable[[Selectie, str], QuerySet[ToegewezenVoorziening]]] = {"aanbieders": _aanbieder}

__all__ = ["LIJSTEN", "tabellen"]
