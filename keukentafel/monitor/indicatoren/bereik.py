"""Reach and cost (issue 4 §1): residents with a grant as a count and as a share of the population, per product
category, leveringsvorm and age group; cost per inhabitant and per client against the configured benchmark.

Every figure comes from `Selectie.voorzieningen()` (grants of the selection that applied on some day of the period),
so each filter of the dashboard works the same way here. A client is a distinct person. The small-cell rule of
`drempel` holds in every cell; an amount is hidden when the clients behind it are hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening
from keukentafel.codelijsten import ProductcategorieJeugd, ProductcategorieWmo, Wet
from keukentafel.financien.verplichting import DIMENSIES, bedrag_expressie, groepeer

from ..aggregaat import declaratiecijfers
from ..drempel import Cel, aantal
from ..models import Referentiesoort, Referentiewaarde, referentie
from ..periode import jaren_geleden
from ..selectie import Selectie
from ..startfoto import Bedrag, bedrag, procent
from ..tabel import Tabel

# --- shared by the bereik, aanbieders and verwijsgedrag modules ---------------------------------------------------


@dataclass(frozen=True)
class Tekst(Cel):
    """A text cell (e.g. the top-3 mix); the text itself already respects the small-cell rule."""

    def __str__(self) -> str:
        return "–" if self.waarde in (None, "") else str(self.waarde)

    @property
    def export(self):  # noqa: ANN201
        return str(self)


@dataclass(frozen=True)
class Verschil(Bedrag):
    """A signed amount in cents (a difference with the benchmark): "+ € 12,50" / "− € 3,00"."""

    def __str__(self) -> str:
        if self.afgeschermd or self.waarde is None:
            return super().__str__()
        teken = "−" if self.waarde < 0 else "+"
        return f"{teken} {Bedrag(abs(int(self.waarde)))}"


def categorie_naam(wet: str, categorie: str) -> str:
    """"Wmo 02 Begeleiding" — the WMO020/JZ020 label, the bare code when the list does not know it."""
    lijst, naam = (ProductcategorieJeugd, "Jeugdwet") if wet == Wet.JEUGDWET else (ProductcategorieWmo, "Wmo")
    try:
        return f"{naam} {categorie} {lijst(categorie).label}"
    except ValueError:
        return f"{naam} {categorie}"


def kosten_per(selectie: Selectie, per: tuple[str, ...], dimensies: dict[str, tuple[str, ...]] | None = None) -> dict[tuple, int]:
    """Commitment in cents of the selection's grants over the period (financien.verplichting's rule), one query.

    Periods are a calendar year or a quarter, so one span within one year: each grant is rounded once, as
    `verplichting.verplichtingen` does for a year."""
    p = selectie.periode
    return groepeer(selectie.voorzieningen(), per, bedrag_expressie(p.van, p.tot), dimensies or DIMENSIES)


def lijst_link(code: str, sleutel: object) -> str:
    return f"?lijst={code}&sleutel={sleutel}"


def clienten(qs: QuerySet[ToegewezenVoorziening]) -> int:
    return qs.order_by().aggregate(n=Count("persoon_id", distinct=True))["n"]


@dataclass(frozen=True)
class Basis:
    """What every table of a page needs once: the small-cell threshold, the inhabitants and the distinct clients."""

    drempel: int
    inwoners: int
    clienten: int


def basis(selectie: Selectie) -> Basis:
    return Basis(selectie.drempel(), selectie.inwoners(), clienten(selectie.voorzieningen()))


# --- age groups ---------------------------------------------------------------------------------------------------

#: (code, label, from age, up to but not including age); the age on the last day of the period.
LEEFTIJDSGROEPEN: tuple[tuple[str, str, int, int | None], ...] = (
    ("0-17", "0–17 jaar", 0, 18),
    ("18-64", "18–64 jaar", 18, 65),
    ("65-74", "65–74 jaar", 65, 75),
    ("75+", "75 jaar en ouder", 75, None),
)


def _geboren_filter(op: date, van: int, tot: int | None, pad: str = "persoon__geboortedatum") -> Q:
    """Born so that the age on `op` is at least `van` and below `tot` (29 February: birthday on 1 March)."""
    q = Q(**{f"{pad}__lte": jaren_geleden(op, van)})
    if tot is not None:
        q &= Q(**{f"{pad}__gt": jaren_geleden(op, tot)})
    return q


def _leeftijdsgroep(op: date) -> Case:
    return Case(
        *[When(_geboren_filter(op, van, tot), then=Value(code)) for code, _, van, tot in LEEFTIJDSGROEPEN],
        default=Value(""), output_field=CharField(),
    )


# --- reach --------------------------------------------------------------------------------------------------------

KOLOMMEN_BEREIK = ["Cliënten", "% van de bevolking", "% van de cliënten"]


def _bereik_cellen(n: int, totaal: int, inwoners: int, drempel: int) -> list[Cel]:
    return [aantal(n, drempel), procent(n, inwoners, drempel), procent(n, totaal, drempel)]


def _per(selectie: Selectie, sleutel) -> dict[object, int]:  # noqa: ANN001
    qs = selectie.voorzieningen().order_by().annotate(_k=sleutel)
    return {r["_k"]: r["n"] for r in qs.values("_k").annotate(n=Count("persoon_id", distinct=True))}


def _periodetekst(selectie: Selectie) -> str:
    p = selectie.periode
    return f"{p.naam} ({p.van:%d-%m-%Y} tot en met {p.tot:%d-%m-%Y})"


def _basis(selectie: Selectie) -> str:
    return (f"Personen met een toegewezen voorziening (Wmo of Jeugdwet, ZIN, pgb of pvb) die op minstens één dag van "
            f"{_periodetekst(selectie)} gold, van de gemeente die haar toekende en, bij een keuze voor gebied of team, "
            f"met een woonadres in dat gebied; een ingetrokken toewijzing met reden ‘verwijderd’ telt niet. Een persoon "
            f"telt één keer per rij.")


def tabel_bereik(selectie: Selectie, b: Basis | None = None) -> Tabel:
    b = b or basis(selectie)
    d, inwoners = b.drempel, b.inwoners
    n = b.clienten
    return Tabel(
        "bereik", "Bereik: inwoners met een voorziening",
        f"{_basis(selectie)} Percentage: cliënten gedeeld door het aantal inwoners van de selectie (van het gebied "
        f"bij een keuze voor gebied of team, anders van de gemeente(n); gemeentegegevens), twee decimalen.",
        ["Selectie", "Cliënten", "Inwoners", "% van de bevolking"],
        [("Alle voorzieningen", [aantal(n, d), Cel(inwoners, drempel=d), procent(n, inwoners, d)])],
    )


def tabel_bereik_categorie(selectie: Selectie, b: Basis | None = None) -> Tabel:
    b = b or basis(selectie)
    d, inwoners = b.drempel, b.inwoners
    totaal = b.clienten
    qs = selectie.voorzieningen().order_by().values("product__wet", "product__productcategorie")
    per = {(r["product__wet"], r["product__productcategorie"]): r["n"] for r in qs.annotate(n=Count("persoon_id", distinct=True))}
    rijen, links = [], {}
    for wet, cat in sorted(per):
        label = categorie_naam(wet, cat)
        rijen.append((label, _bereik_cellen(per[(wet, cat)], totaal, inwoners, d)))
        links[label] = lijst_link("bereik_categorie", f"{wet}:{cat}")
    rijen.append(("Totaal (unieke cliënten)", _bereik_cellen(totaal, totaal, inwoners, d)))
    return Tabel(
        "bereik_categorie", "Bereik per productcategorie",
        f"{_basis(selectie)} Per productcategorie van het product (iWmo WMO020, iJw JZ020); wie voorzieningen in twee "
        f"categorieën heeft telt in beide, zodat de rijen samen meer kunnen zijn dan het totaal. % van de bevolking: "
        f"van de inwoners van de selectie; % van de cliënten: van het totaal aantal unieke cliënten.",
        ["Productcategorie", *KOLOMMEN_BEREIK], rijen, links,
    )


def tabel_bereik_leveringsvorm(selectie: Selectie, b: Basis | None = None) -> Tabel:
    b = b or basis(selectie)
    d, inwoners = b.drempel, b.inwoners
    totaal = b.clienten
    per = _per(selectie, F("leveringsvorm"))
    rijen = [(lv.label, _bereik_cellen(per.get(lv.value, 0), totaal, inwoners, d)) for lv in Leveringsvorm]
    links = {lv.label: lijst_link("bereik_leveringsvorm", lv.value) for lv in Leveringsvorm}
    rijen.append(("Totaal (unieke cliënten)", _bereik_cellen(totaal, totaal, inwoners, d)))
    return Tabel(
        "bereik_leveringsvorm", "Bereik per leveringsvorm",
        f"{_basis(selectie)} Naar de leveringsvorm van de voorziening: zorg in natura (ZIN), persoonsgebonden budget "
        f"(pgb) of persoonsvolgend budget (pvb); wie voorzieningen in twee leveringsvormen heeft telt in beide.",
        ["Leveringsvorm", *KOLOMMEN_BEREIK], rijen, links,
    )


def tabel_bereik_leeftijd(selectie: Selectie, b: Basis | None = None) -> Tabel:
    b = b or basis(selectie)
    d, inwoners, op = b.drempel, b.inwoners, selectie.periode.tot
    totaal = b.clienten
    per = _per(selectie, _leeftijdsgroep(op))
    rijen = [(label, _bereik_cellen(per.get(code, 0), totaal, inwoners, d)) for code, label, _, _ in LEEFTIJDSGROEPEN]
    links = {label: lijst_link("bereik_leeftijd", code) for code, label, _, _ in LEEFTIJDSGROEPEN}
    rijen.append(("Totaal (unieke cliënten)", _bereik_cellen(totaal, totaal, inwoners, d)))
    return Tabel(
        "bereik_leeftijd", "Bereik per leeftijdsgroep",
        f"{_basis(selectie)} Leeftijd in hele jaren op de laatste dag van de periode ({op:%d-%m-%Y}), uit de "
        f"geboortedatum (wie op 29 februari is geboren wordt in een gewoon jaar op 1 maart een jaar ouder); groepen "
        f"0–17, 18–64, 65–74 en 75 jaar en ouder. Elke persoon valt in precies één groep. % van de bevolking: van alle "
        f"inwoners van de selectie (niet van de leeftijdsgroep).",
        ["Leeftijdsgroep", *KOLOMMEN_BEREIK], rijen, links,
    )


# --- cost against the benchmark -----------------------------------------------------------------------------------

def _referentie_periode(ref: Referentiewaarde | None, selectie: Selectie) -> int | None:
    """The yearly benchmark pro rata for the period's days (a quarter gets about a quarter), whole cents."""
    if ref is None:
        return None
    p = selectie.periode
    dagen = (p.tot - p.van).days + 1
    jaar = (date(p.van.year, 12, 31) - date(p.van.year, 1, 1)).days + 1
    return (2 * ref.bedrag_cent * dagen + jaar) // (2 * jaar)


def _verschil(waarde: Bedrag, ref: int | None) -> Cel:
    if waarde.afgeschermd:
        return Verschil(None, afgeschermd=True, drempel=waarde.drempel)
    if ref is None or waarde.waarde is None:
        return Verschil(None, drempel=waarde.drempel)
    return Verschil(int(waarde.waarde) - ref, drempel=waarde.drempel)


def _ref_cel(ref: int | None, d: int) -> Bedrag:
    return Bedrag(ref, drempel=d)


def _ref_tekst(ref: Referentiewaarde | None) -> str:
    if ref is None:
        return "geen referentiewaarde vastgelegd"
    return f"{ref.omschrijving}: {Bedrag(ref.bedrag_cent)} per jaar (bron: {ref.bron})"


def tabel_kosten(selectie: Selectie, b: Basis | None = None) -> Tabel:
    b = b or basis(selectie)
    d, inwoners = b.drempel, b.inwoners
    verplicht = sum(kosten_per(selectie, ()).values())
    n = b.clienten
    gerealiseerd = declaratiecijfers(selectie, per_aanbieder=False)["*"].toegekend_cent
    regio_id, op = selectie.regio.pk, selectie.periode.tot
    ref_inw = referentie(Referentiesoort.KOSTEN_PER_INWONER, regio_id, op)
    ref_cl = referentie(Referentiesoort.KOSTEN_PER_CLIENT, regio_id, op)
    r_inw, r_cl = _referentie_periode(ref_inw, selectie), _referentie_periode(ref_cl, selectie)
    per_inw = [bedrag(verplicht, n, d, inwoners), bedrag(gerealiseerd, n, d, inwoners)]
    per_cl = [bedrag(verplicht, n, d, n), bedrag(gerealiseerd, n, d, n)]
    rijen = [
        ("Totaal", [bedrag(verplicht, n, d), bedrag(gerealiseerd, n, d), Bedrag(None, drempel=d), Verschil(None, drempel=d),
                    Verschil(None, drempel=d)]),
        ("Per inwoner", [*per_inw, _ref_cel(r_inw, d), _verschil(per_inw[0], r_inw), _verschil(per_inw[1], r_inw)]),
        ("Per cliënt", [*per_cl, _ref_cel(r_cl, d), _verschil(per_cl[0], r_cl), _verschil(per_cl[1], r_cl)]),
    ]
    return Tabel(
        "kosten", "Kosten per inwoner en per cliënt tegen de referentie",
        f"Verplichting: de kosten van de toegewezen voorzieningen van de selectie over {_periodetekst(selectie)} "
        f"(toegekende omvang × tarief, zoals de financiële module de verplichting berekent; ZIN, pgb en pvb). "
        f"Realisatie: het goedgekeurde (toegekende) bedrag van gedeclareerde prestaties (323) met een begindatum in de "
        f"periode, van de gemeente(n), wet en categorie van de selectie (bij gebied of team: cliënten met een woonadres "
        f"daar); credits tellen negatief; pgb-uitgaven via de SVB tellen hier niet mee. Per inwoner: gedeeld door het "
        f"aantal inwoners van de selectie; per cliënt: gedeeld door het aantal unieke personen met een voorziening in "
        f"de periode (als in ‘Bereik’); afgerond op hele centen. Referentie: de jaarlijkse referentiewaarde die op de "
        f"laatste dag van de periode voor de regio gold, naar rato van het aantal dagen van de periode "
        f"(per inwoner: {_ref_tekst(ref_inw)}; per cliënt: {_ref_tekst(ref_cl)}). Verschil: kosten min referentie. "
        f"Bedragen zijn afgeschermd als er 1 tot de drempel cliënten achter zitten.",
        ["Kosten", "Verplichting", "Realisatie (declaraties)", "Referentie", "Verschil verplichting",
         "Verschil realisatie"],
        rijen,
    )


def tabellen(selectie: Selectie) -> list[Tabel]:
    b = basis(selectie)  # threshold, inhabitants and clients once for all five tables
    return [
        tabel_bereik(selectie, b),
        tabel_bereik_categorie(selectie, b),
        tabel_bereik_leveringsvorm(selectie, b),
        tabel_bereik_leeftijd(selectie, b),
        tabel_kosten(selectie, b),
    ]


def _categorie(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    wet, _, cat = sleutel.partition(":")
    return selectie.voorzieningen().filter(product__wet=wet, product__productcategorie=cat)


def _leeftijd(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    groep = next((g for g in LEEFTIJDSGROEPEN if g[0] == sleutel), None)
    if groep is None:
        return selectie.voorzieningen().none()
    return selectie.voorzieningen().filter(_geboren_filter(selectie.periode.tot, groep[2], groep[3]))


LIJSTEN: dict[str, Callable[[Selectie, str], QuerySet[ToegewezenVoorziening]]] = {
    "bereik_categorie": _categorie,
    "bereik_leveringsvorm": lambda s, k: s.voorzieningen().filter(leveringsvorm=k),
    "bereik_leeftijd": _leeftijd,
}

__all__ = ["LEEFTIJDSGROEPEN", "LIJSTEN", "Tekst", "Verschil", "categorie_naam", "kosten_per", "tabellen"]
