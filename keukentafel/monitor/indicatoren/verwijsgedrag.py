"""Referral behaviour per access point (issue 4 §1; seed `000_9b14841e6fe6ddc8.txt` uitgangspunt 4): per gebiedsteam
the grants per 1,000 inhabitants of its gebied, the mix of product categories and the cost per client, and the same
per grondslag route (beschikking, verwijzing, verzoek 315, wettelijke verwijzing), so differences between access
points show.

A team works in one gebied (`accounts.Team.gebied`), and a grant belongs to the gebied of the client's address, as in
`Selectie`; teams that share a gebied share its row. A fixed number of queries per table whatever the number of
gebieden: counts (1), mix (1), commitment (1), total clients (1), gebieden with their teams (2).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from keukentafel.accounts.models import Gebied
from keukentafel.besluiten.models import Grondslag, ToegewezenVoorziening

from ..drempel import Cel, aantal, verhouding
from ..selectie import Selectie
from ..startfoto import bedrag, procent
from ..tabel import Tabel
from .bereik import Tekst, categorie_naam, kosten_per, lijst_link

KOLOMMEN = [
    "Inwoners", "Cliënten", "Toewijzingen", "Toewijzingen per 1.000 inwoners", "Nieuw toegekend",
    "Nieuw per 1.000 inwoners", "% van alle toewijzingen", "Kosten per cliënt", "Mix: top 3 productcategorieën",
]
TOP = 3
GEEN = "geen"


@dataclass
class _Cijfers:
    clienten: int = 0
    toewijzingen: int = 0
    nieuw: int = 0


def _cijfers(selectie: Selectie, veld: str) -> tuple[dict[object, _Cijfers], dict[object, dict[tuple[str, str], int]], dict[object, int]]:
    """Per key of `veld`: clients, grants, grants made in the period; the category mix; the commitment."""
    p = selectie.periode
    qs = selectie.voorzieningen().order_by()
    nieuw = Q(toegekend_op__gte=p.van, toegekend_op__lte=p.tot)
    cijfers = {
        r[veld]: _Cijfers(r["c"], r["t"], r["nieuw"])
        for r in qs.values(veld).annotate(c=Count("persoon_id", distinct=True), t=Count("id"), nieuw=Count("id", filter=nieuw))
    }
    mix: dict[object, dict[tuple[str, str], int]] = defaultdict(dict)
    for r in qs.values(veld, "product__wet", "product__productcategorie").annotate(n=Count("id")):
        mix[r[veld]][(r["product__wet"], r["product__productcategorie"])] = r["n"]
    kosten = {k[0]: v for k, v in kosten_per(selectie, ("k",), {"k": (veld,)}).items()}
    return cijfers, mix, kosten


def _mix_tekst(mix: dict[tuple[str, str], int], totaal: int, d: int) -> Tekst:
    delen = []
    for (wet, cat), n in sorted(mix.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]:
        delen.append(f"{categorie_naam(wet, cat)} {procent(n, totaal, d)}%" if n >= d else f"{categorie_naam(wet, cat)} < {d}")
    return Tekst("; ".join(delen), drempel=d)


def _cellen(c: _Cijfers, inwoners: int | None, alle: int, kosten: int, mix: dict[tuple[str, str], int], d: int) -> list[Cel]:
    per_1000 = (lambda n: verhouding(n, inwoners, 1000, d)) if inwoners is not None else (lambda n: Cel(None, drempel=d))
    verborgen = 0 < c.toewijzingen < d or 0 < c.clienten < d
    return [
        Cel(inwoners, drempel=d), aantal(c.clienten, d), aantal(c.toewijzingen, d), per_1000(c.toewijzingen),
        aantal(c.nieuw, d), per_1000(c.nieuw), procent(c.toewijzingen, alle, d), bedrag(kosten, c.clienten, d, c.clienten),
        Tekst(f"< {d}", afgeschermd=True, drempel=d) if verborgen else _mix_tekst(mix, c.toewijzingen, d),
    ]


def _definitie(selectie: Selectie, per: str) -> str:
    p = selectie.periode
    return (
        f"{per} Toewijzingen: toegewezen voorzieningen van de selectie die op minstens één dag van {p.naam} "
        f"({p.van:%d-%m-%Y} tot en met {p.tot:%d-%m-%Y}) golden (een ingetrokken toewijzing met reden ‘verwijderd’ telt "
        f"niet); cliënten: unieke personen daarvan; nieuw toegekend: die toewijzingen met een toekenningsdatum in de "
        f"periode — de maat voor verwijsgedrag in de periode. Per 1.000 inwoners: gedeeld door de inwoners van de rij, "
        f"één decimaal. % van alle toewijzingen: van alle toewijzingen van de selectie. Kosten per cliënt: de "
        f"verplichting (omvang × tarief, als de financiële module) over de periode gedeeld door de cliënten, hele "
        f"centen. Mix: de {TOP} productcategorieën (WMO020/JZ020) met de meeste toewijzingen, met hun aandeel in de "
        f"toewijzingen van de rij. Kleine aantallen (1 tot de drempel) tonen als ‘< drempel’, met alles wat ervan is "
        f"afgeleid."
    )


def tabel_teams(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    cijfers, mix, kosten = _cijfers(selectie, "persoon__gebied_id")
    alle = sum(c.toewijzingen for c in cijfers.values())
    gebieden = Gebied.objects.filter(gemeente__in=selectie.gemeenten()).select_related("gemeente").prefetch_related("teams")
    ids = selectie.gebied_ids()
    if ids is not None:
        gebieden = gebieden.filter(pk__in=ids)
    meer = len(selectie.gemeenten()) > 1
    rijen, links = [], {}
    for g in sorted(gebieden, key=lambda g: (g.gemeente.naam, g.naam)):
        teams = ", ".join(t.naam for t in g.teams.all()) or "geen team"
        label = f"{teams} (gebied {g.naam}{', ' + g.gemeente.naam if meer else ''})"
        rijen.append((label, _cellen(cijfers.get(g.pk, _Cijfers()), g.inwoners, alle, kosten.get(g.pk, 0), mix.get(g.pk, {}), d)))
        links[label] = lijst_link("verwijs_team", g.pk)
    if ids is None and None in cijfers:
        label = "Woonadres zonder gebied"
        rijen.append((label, _cellen(cijfers[None], None, alle, kosten.get(None, 0), mix.get(None, {}), d)))
        links[label] = lijst_link("verwijs_team", GEEN)
    return Tabel(
        "verwijs_team", "Verwijsgedrag per gebiedsteam",
        _definitie(selectie, "Per gebied en het team of de teams die er werken (een team werkt in één gebied; teams in "
                             "hetzelfde gebied delen de rij). Een toewijzing hoort bij het gebied van het woonadres van de "
                             "cliënt. Inwoners: van het gebied (gebiedsgegevens)."),
        ["Gebiedsteam", *KOLOMMEN], rijen, links,
    )


#: The access routes of a grant, as the seeds name them; overgangsrecht (old indications) shows as its own row.
ROUTES: tuple[Grondslag, ...] = (
    Grondslag.BESCHIKKING, Grondslag.VERWIJZING, Grondslag.VERZOEK, Grondslag.WETTELIJKE_VERWIJZING, Grondslag.OVERGANGSRECHT,
)


def tabel_grondslag(selectie: Selectie) -> Tabel:
    d, inwoners = selectie.drempel(), selectie.inwoners()
    cijfers, mix, kosten = _cijfers(selectie, "grondslag")
    alle = sum(c.toewijzingen for c in cijfers.values())
    rijen = [
        (g.label, _cellen(cijfers.get(g.value, _Cijfers()), inwoners, alle, kosten.get(g.value, 0), mix.get(g.value, {}), d))
        for g in ROUTES
    ]
    links = {g.label: lijst_link("verwijs_grondslag", g.value) for g in ROUTES}
    return Tabel(
        "verwijs_grondslag", "Verwijsgedrag per toegangsroute (grondslag)",
        _definitie(selectie, "Per grondslag van de toewijzing: beschikking na onderzoek, verwijzing (indicatievrij), "
                             "verzoek om toewijzing van de aanbieder (315), wettelijke verwijzing (Jeugdwet: huisarts, "
                             "jeugdarts, medisch specialist, GI) en overgangsrecht. Inwoners: van de hele selectie."),
        ["Grondslag", *KOLOMMEN], rijen, links,
    )


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [tabel_teams(selectie), tabel_grondslag(selectie)]


def _team(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    if sleutel == GEEN:
        return selectie.voorzieningen().filter(persoon__gebied__isnull=True)
    return selectie.voorzieningen().filter(persoon__gebied_id=int(sleutel)) if sleutel.isdigit() else selectie.voorzieningen().none()


LIJSTEN: dict[str, Callable[[Selectie, str], QuerySet[ToegewezenVoorziening]]] = {
    "verwijs_team": _team,
    "verwijs_grondslag": lambda s, k: s.voorzieningen().filter(grondslag=k),
}

__all__ = ["LIJSTEN", "tabellen"]
