"""The Startfoto (issue 4 §2): who receives which Wmo support in a regio, per gemeente, regenerated from the grants.

The tables follow bijlage 2 "startfoto Bollenstreek" of seed `002_76fcc364857742d7.txt`: clients per gemeente and
product group with the share of the population (tabel 1A), group begeleiding with and without transport (2A),
the delivery form (10), costs per product group (9), per inhabitant and per client against the Holland Rijnland
reference (7), and the providers with the most clients (1C). Gemeenten are the columns, as in the seed.

Definitions (also shown with every table and in the README):
- A grant counts when it applies on the peildatum (`ToegewezenVoorziening.objects.actief_op`); its gemeente is the
  gemeente that granted it. A client is a distinct person; in the Totaal column a person counts once in the regio.
- Costs are the commitments (`financien.verplichting`) of the grants over the twelve months ending on the peildatum
  (peildatum minus one year plus one day through the peildatum; a peildatum of 31 December gives the calendar year).
  The clients behind a cost figure are the persons whose grants applied somewhere in those twelve months.
- The product groups are iWmo WMO020 productcategorieën (`PRODUCTGROEPEN`, with their source).
- The small-cell rule of `drempel` applies to every cell: a count from 1 up to the gemeente's threshold shows as
  "< 5", and so does every percentage or amount computed from such a count. The Totaal column uses the strictest
  threshold of the regio's gemeenten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When

from keukentafel.accounts.models import Gemeente, Regio
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening
from keukentafel.codelijsten import ProductcategorieWmo, Wet
from keukentafel.financien import verplichting
from keukentafel.financien.xlsx import euro

from .drempel import Cel, aantal, celdrempel
from .models import Referentiesoort, Referentiewaarde, referentie
from .periode import jaren_geleden


@dataclass(frozen=True)
class Productgroep:
    """A group of the seed's tables and the iWmo productcategorieën (WMO020) that make it up."""

    code: str
    naam: str
    categorieen: tuple[str, ...]
    seed: str
    #: A client group: counted as clients (tables 1, 3, 5, 6, 7). Transport is not: it comes with group begeleiding.
    client: bool = True


#: The seed's product groups mapped onto iWmo 3.2 WMO020. The seed (AWBZ, 2013) splits begeleiding into groep,
#: individueel and kortdurend verblijf (§4, §9) and lists ZZP 1-4 GGZ; since 2015 these are Wmo categories 07, 02, 04
#: and 15. ZZP 1-4 gehandicaptenzorg has no Wmo category (Wlz, or extramural begeleiding 02/07) and is not mapped.
#: Vervoer (2A "met vervoer") is WMO020 08 Vervoerdiensten: transport to and from dagbesteding.
PRODUCTGROEPEN: tuple[Productgroep, ...] = (
    Productgroep("begeleiding_individueel", "Begeleiding individueel", (ProductcategorieWmo.BEGELEIDING,),
                 "Begeleiding individueel (BG ind.)"),
    Productgroep("begeleiding_groep", "Begeleiding groep (dagbesteding)", (ProductcategorieWmo.DAGBESTEDING,),
                 "Begeleiding groep, groepsbegeleiding (BG groep)"),
    Productgroep("kortdurend_verblijf", "Kortdurend verblijf", (ProductcategorieWmo.KORTDUREND_VERBLIJF,),
                 "Kortdurend verblijf (kortverblijf)"),
    Productgroep("beschermd_wonen", "Beschermd wonen", (ProductcategorieWmo.BESCHERMD_WONEN,), "ZZP 1-4 GGZ"),
    Productgroep("vervoer", "Vervoer van en naar dagbesteding", (ProductcategorieWmo.VERVOERDIENSTEN,),
                 "Groepsbegeleiding met vervoer", client=False),
)
BRON_INDELING = (
    "Seed 002_76fcc364857742d7.txt bijlage 2 (startfoto Bollenstreek: tabellen 1A, 2A, 4 en 9); iWmo 3.2 codelijst "
    "WMO020 Productcategorie (iwmo-3.2/codelijsten/WMO020_Productcategorie.md)."
)
CLIENTGROEPEN = tuple(g for g in PRODUCTGROEPEN if g.client)
VERVOER = next(g for g in PRODUCTGROEPEN if g.code == "vervoer")
GROEP = next(g for g in PRODUCTGROEPEN if g.code == "begeleiding_groep")
TOP_AANBIEDERS = 10
TOTAAL = "Totaal"


def _categorieen(groepen: tuple[Productgroep, ...]) -> list[str]:
    return [str(c) for g in groepen for c in g.categorieen]


@dataclass(frozen=True)
class Procent(Cel):
    """A percentage with two decimals (the seed's 1,17 % of the population)."""

    def __str__(self) -> str:
        if self.afgeschermd or self.waarde is None:
            return super().__str__()
        return f"{self.waarde:.2f}".replace(".", ",")


@dataclass(frozen=True)
class Bedrag(Cel):
    """An amount in cents, shown in euros; exported as exact Decimal euros."""

    def __str__(self) -> str:
        if self.afgeschermd or self.waarde is None:
            return super().__str__()
        heel, cent = divmod(int(self.waarde), 100)
        return f"€ {heel:,}".replace(",", ".") + f",{cent:02d}"

    @property
    def export(self):  # noqa: ANN201
        return str(self) if self.afgeschermd else euro(self.waarde)


def _euro_tekst(cent: int) -> str:
    return str(Bedrag(cent))


def procent(teller: int, noemer: int, drempel: int) -> Procent:
    """teller as a percentage of noemer, two decimals; hidden when the count behind it is hidden."""
    if 0 < teller < drempel:
        return Procent(None, afgeschermd=True, drempel=drempel)
    if noemer == 0:
        return Procent(None, drempel=drempel)
    return Procent(round(teller * 100 / noemer, 2), drempel=drempel)


def _deel(cent: int, n: int) -> int:
    """cent / n rounded half up to whole cents (n > 0, cent ≥ 0)."""
    return (2 * cent + n) // (2 * n)


def bedrag(cent: int, clienten: int, drempel: int, per: int = 1) -> Bedrag:
    """An amount (divided by `per`: inhabitants or clients), hidden when 1 up to the threshold clients are behind it."""
    if 0 < clienten < drempel:
        return Bedrag(None, afgeschermd=True, drempel=drempel)
    if per == 0:
        return Bedrag(None, drempel=drempel)
    return Bedrag(_deel(cent, per), drempel=drempel)


@dataclass
class Rij:
    naam: str
    cellen: list[Cel]


@dataclass
class Tabel:
    code: str
    titel: str
    definitie: str
    kop: str
    rijen: list[Rij]


@dataclass
class Startfoto:
    regio: Regio
    peildatum: date
    kosten_van: date
    kosten_tot: date
    gemeenten: list[Gemeente]
    drempels: list[int]
    tabellen: list[Tabel] = field(default_factory=list)

    @property
    def kolommen(self) -> list[str]:
        return [g.naam for g in self.gemeenten] + [TOTAAL]

    def tabel(self, code: str) -> Tabel:
        return next(t for t in self.tabellen if t.code == code)


def kostenperiode(peildatum: date) -> tuple[date, date]:
    """The twelve months ending on the peildatum: [peildatum − 1 year + 1 day, peildatum]."""
    return jaren_geleden(peildatum, 1) + timedelta(days=1), peildatum


# --- counting -----------------------------------------------------------------------------------------------------

class _Telling:
    """Distinct persons per (gemeente, key) and per key in the whole regio, counted in the database."""

    def __init__(self, qs: QuerySet, sleutel) -> None:  # noqa: ANN001
        qs = qs.order_by().annotate(_k=sleutel)
        self.per_gemeente: dict[tuple[int, object], int] = {
            (r["gemeente_id"], r["_k"]): r["n"] for r in qs.values("gemeente_id", "_k").annotate(n=Count("persoon_id", distinct=True))
        }
        self.regio: dict[object, int] = {r["_k"]: r["n"] for r in qs.values("_k").annotate(n=Count("persoon_id", distinct=True))}

    def rij(self, foto: Startfoto, sleutel: object) -> list[int]:
        return [self.per_gemeente.get((g.pk, sleutel), 0) for g in foto.gemeenten] + [self.regio.get(sleutel, 0)]


def _groep_van() -> Case:
    return Case(
        *[When(product__productcategorie__in=list(g.categorieen), then=Value(g.code)) for g in PRODUCTGROEPEN],
        default=Value(""), output_field=CharField(),
    )


def _wmo(regio: Regio, groepen: tuple[Productgroep, ...]) -> QuerySet[ToegewezenVoorziening]:
    return ToegewezenVoorziening.objects.filter(
        gemeente__regio=regio, product__wet=Wet.WMO, product__productcategorie__in=_categorieen(groepen)
    )


def _op_peildatum(foto: Startfoto, groepen: tuple[Productgroep, ...] = CLIENTGROEPEN) -> QuerySet[ToegewezenVoorziening]:
    return _wmo(foto.regio, groepen).actief_op(foto.peildatum)


def _in_kostenperiode(foto: Startfoto, groepen: tuple[Productgroep, ...] = CLIENTGROEPEN) -> QuerySet[ToegewezenVoorziening]:
    return _wmo(foto.regio, groepen).overlappend(foto.kosten_van, foto.kosten_tot)


def _aantallen(foto: Startfoto, waarden: list[int]) -> list[Cel]:
    return [aantal(n, d) for n, d in zip(waarden, foto.drempels, strict=True)]


def _inwoners(foto: Startfoto) -> list[int]:
    per = [g.inwoners for g in foto.gemeenten]
    return [*per, sum(per)]


# --- the tables ---------------------------------------------------------------------------------------------------

def _peil(foto: Startfoto) -> str:
    return f"{foto.peildatum:%d-%m-%Y}"


def _kostentekst(foto: Startfoto) -> str:
    return (f"de verplichting (toegekende omvang × tarief, zoals de financiële module die berekent) over "
            f"{foto.kosten_van:%d-%m-%Y} tot en met {foto.kosten_tot:%d-%m-%Y}, de twaalf maanden tot en met de peildatum")


def tabel_clienten(foto: Startfoto) -> Tabel:
    per_groep = _Telling(_op_peildatum(foto), _groep_van())
    totaal = _Telling(_op_peildatum(foto), Value("*"))
    rijen = [Rij(g.naam, _aantallen(foto, per_groep.rij(foto, g.code))) for g in CLIENTGROEPEN]
    clienten = totaal.rij(foto, "*")
    inwoners = _inwoners(foto)
    rijen += [
        Rij("Totaal cliënten", _aantallen(foto, clienten)),
        Rij("Aantal inwoners", [Cel(n, drempel=d) for n, d in zip(inwoners, foto.drempels, strict=True)]),
        Rij("Percentage van de bevolking", [procent(c, i, d) for c, i, d in zip(clienten, inwoners, foto.drempels, strict=True)]),
    ]
    return Tabel(
        "clienten", f"Cliënten per productgroep op {_peil(foto)}",
        f"Personen met een Wmo-voorziening die op de peildatum {_peil(foto)} geldt, naar de gemeente die haar toekende; "
        f"een persoon telt één keer per productgroep en één keer in ‘Totaal cliënten’. Productgroepen: "
        f"{_indeling_tekst(CLIENTGROEPEN)}. Percentage: totaal cliënten als percentage van het aantal inwoners van de "
        f"gemeente (gemeentegegevens). Zoals seed 002 bijlage 2 tabel 1A.",
        "Productgroep", rijen,
    )


def tabel_vervoer(foto: Startfoto) -> Tabel:
    vervoer = _op_peildatum(foto, (VERVOER,)).filter(persoon=OuterRef("persoon"), gemeente=OuterRef("gemeente"))
    qs = _op_peildatum(foto, (GROEP,)).annotate(_met=Exists(vervoer))
    telling = _Telling(qs, Case(When(_met=True, then=Value("met")), default=Value("zonder"), output_field=CharField()))
    totaal = _Telling(qs, Value("*"))
    return Tabel(
        "vervoer", f"Begeleiding groep met en zonder vervoer op {_peil(foto)}",
        "Personen met begeleiding groep (dagbesteding, WMO020 07) op de peildatum; ‘met vervoer’: die persoon heeft op "
        "de peildatum ook vervoerdiensten (WMO020 08) van dezelfde gemeente. Zoals seed 002 bijlage 2 tabel 2A.",
        "Begeleiding groep",
        [
            Rij("Met vervoer", _aantallen(foto, telling.rij(foto, "met"))),
            Rij("Zonder vervoer", _aantallen(foto, telling.rij(foto, "zonder"))),
            Rij("Totaal begeleiding groep", _aantallen(foto, totaal.rij(foto, "*"))),
        ],
    )


def tabel_leveringsvorm(foto: Startfoto) -> Tabel:
    telling = _Telling(_op_peildatum(foto), F("leveringsvorm"))
    clienten = _Telling(_op_peildatum(foto), Value("*")).rij(foto, "*")
    rijen = [Rij(lv.label, _aantallen(foto, telling.rij(foto, lv.value))) for lv in Leveringsvorm]
    for lv in Leveringsvorm:
        rijen.append(Rij(f"% {lv.label}", [
            procent(n, c, d) for n, c, d in zip(telling.rij(foto, lv.value), clienten, foto.drempels, strict=True)
        ]))
    return Tabel(
        "leveringsvorm", f"Cliënten naar leveringsvorm op {_peil(foto)}",
        "Personen met een voorziening uit de productgroepen van tabel 1 op de peildatum, naar de leveringsvorm van die "
        "voorziening (ZIN, pgb, pvb); wie voorzieningen in twee leveringsvormen heeft telt in beide, dus de percentages "
        "(van het totaal aantal cliënten) kunnen samen meer dan 100 zijn. Seed 002 bijlage 2 §10: landelijk 79% ZIN en "
        "21% pgb.",
        "Leveringsvorm", rijen,
    )


@dataclass
class _Kosten:
    """Commitments in cents per gemeente (then the regio) and per key, with the clients behind each."""

    cent: dict[object, list[int]]
    clienten: dict[object, list[int]]


def _kosten(foto: Startfoto) -> _Kosten:
    """Keyed by product group code, by leveringsvorm ("zin", "pgb", "pvb") and "*" for all (client groups and
    transport); one commitment query per gemeente, split both ways."""
    cats = _categorieen(PRODUCTGROEPEN)
    groep_van_cat = {f"{Wet.WMO.value}:{c}": g.code for g in PRODUCTGROEPEN for c in g.categorieen}
    n = len(foto.gemeenten)
    cent: dict[object, list[int]] = defaultdict(lambda: [0] * (n + 1))
    filter_ = Q(product__wet=Wet.WMO, product__productcategorie__in=cats)
    for i, g in enumerate(foto.gemeenten):
        sommen = verplichting.verplichtingen(
            g, per=("productcategorie", "leveringsvorm"), van=foto.kosten_van, tot=foto.kosten_tot, filter=filter_
        )
        for (cat, lv), som in sommen.items():
            for s in (groep_van_cat[cat], lv, "*"):
                cent[s][i] += som
                cent[s][n] += som
    alle = _in_kostenperiode(foto, PRODUCTGROEPEN)
    clienten: dict[object, list[int]] = {}
    for telling in (_Telling(alle, _groep_van()), _Telling(alle, F("leveringsvorm"))):
        clienten.update({k: telling.rij(foto, k) for k in {k for _, k in telling.per_gemeente} | set(telling.regio)})
    clienten["*"] = _Telling(_in_kostenperiode(foto), Value("*")).rij(foto, "*")
    return _Kosten(cent, clienten)


def _bedragen(foto: Startfoto, k: _Kosten, sleutel: object, per: list[int] | None = None) -> list[Cel]:
    cent = k.cent.get(sleutel, [0] * len(foto.drempels))
    clienten = k.clienten.get(sleutel, [0] * len(foto.drempels))
    delers = per or [1] * len(foto.drempels)
    return [bedrag(c, n, d, p) for c, n, d, p in zip(cent, clienten, foto.drempels, delers, strict=True)]


def tabel_kosten(foto: Startfoto, k: _Kosten) -> Tabel:
    rijen = [Rij(f"{g.naam} (€)", _bedragen(foto, k, g.code)) for g in PRODUCTGROEPEN]
    rijen.append(Rij("Totaal (€)", _bedragen(foto, k, "*")))
    return Tabel(
        "kosten", f"Kosten per productgroep {foto.kosten_van:%d-%m-%Y} – {foto.kosten_tot:%d-%m-%Y}",
        f"Per productgroep {_kostentekst(foto)}, in euro. Een bedrag waarachter 1 tot de drempel cliënten zitten toont als "
        f"‘< drempel’. Vervoer telt mee in het totaal, niet als cliëntgroep. Zoals seed 002 bijlage 2 tabel 9.",
        "Productgroep", rijen,
    )


def _referentie_rij(foto: Startfoto, soort: Referentiesoort) -> tuple[Rij | None, Referentiewaarde | None]:
    ref = referentie(soort, foto.regio.pk, foto.peildatum)
    if ref is None:
        return None, None
    return Rij(f"Referentie: {ref.omschrijving} (€)", [Bedrag(ref.bedrag_cent, drempel=d) for d in foto.drempels]), ref


def _referentie_tekst(ref: Referentiewaarde | None) -> str:
    if ref is None:
        return " Er is voor deze regio en peildatum geen referentiewaarde vastgelegd."
    return f" Referentie: {ref.omschrijving}, {_euro_tekst(ref.bedrag_cent)} (bron: {ref.bron})."


def tabel_kosten_per_inwoner(foto: Startfoto, k: _Kosten) -> Tabel:
    inwoners = _inwoners(foto)
    rijen = [Rij(f"{lv.label} (€)", _bedragen(foto, k, lv.value, inwoners)) for lv in Leveringsvorm]
    rijen.append(Rij("Totaal (€)", _bedragen(foto, k, "*", inwoners)))
    ref_rij, ref = _referentie_rij(foto, Referentiesoort.KOSTEN_PER_INWONER)
    if ref_rij:
        rijen.append(ref_rij)
    return Tabel(
        "kosten_per_inwoner", "Kosten per inwoner",
        f"De kosten van tabel ‘Kosten per productgroep’ naar leveringsvorm, gedeeld door het aantal inwoners van de "
        f"gemeente; Totaal: de kosten van de regio gedeeld door de inwoners van de regio (gewogen, niet het gemiddelde "
        f"van de gemeenten zoals de seed). Afgerond op hele centen.{_referentie_tekst(ref)} Zoals seed 002 bijlage 2 "
        f"tabel 7.",
        "Leveringsvorm", rijen,
    )


def tabel_kosten_per_client(foto: Startfoto, k: _Kosten) -> Tabel:
    clienten = k.clienten["*"]
    rijen = [
        Rij("Kosten per cliënt (€)", [
            bedrag(c, n, d, n) for c, n, d in zip(k.cent.get("*", [0] * len(clienten)), clienten, foto.drempels, strict=True)
        ]),
        Rij("Cliënten in de kostenperiode", _aantallen(foto, clienten)),
    ]
    ref_rij, ref = _referentie_rij(foto, Referentiesoort.KOSTEN_PER_CLIENT)
    if ref_rij:
        rijen.append(ref_rij)
    return Tabel(
        "kosten_per_client", "Kosten per cliënt",
        f"De totale kosten ({_kostentekst(foto)}, vervoer inbegrepen) gedeeld door het aantal personen met een "
        f"voorziening uit de cliëntgroepen die ergens in die twaalf maanden gold; afgerond op hele centen."
        f"{_referentie_tekst(ref)} Zoals seed 002 bijlage 2 tabel 7.",
        "Kosten", rijen,
    )


def tabel_aanbieders(foto: Startfoto) -> Tabel:
    qs = _op_peildatum(foto).filter(aanbieder__isnull=False)
    telling = _Telling(qs, F("aanbieder_id"))
    namen = dict(
        qs.order_by().values_list("aanbieder_id", "aanbieder__naam").distinct()
    )
    volgorde = sorted(telling.regio, key=lambda a: (-telling.regio[a], namen[a], a))
    top, rest = volgorde[:TOP_AANBIEDERS], volgorde[TOP_AANBIEDERS:]
    rijen = [Rij(namen[a], _aantallen(foto, telling.rij(foto, a))) for a in top]
    if rest:
        overig = _Telling(qs.filter(aanbieder_id__in=rest), Value("*"))
        rijen.append(Rij(f"Overige aanbieders ({len(rest)})", _aantallen(foto, overig.rij(foto, "*"))))
    return Tabel(
        "aanbieders", f"Aanbieders met de meeste cliënten op {_peil(foto)}",
        f"Per aanbieder het aantal personen met een voorziening uit de cliëntgroepen van tabel 1 bij die aanbieder op de "
        f"peildatum (unieke cliënten). De {TOP_AANBIEDERS} aanbieders met de meeste cliënten in de regio, aflopend "
        f"(gelijke aantallen op naam); de andere samen als ‘Overige aanbieders’ (unieke cliënten). Een pgb heeft geen "
        f"aanbieder en telt hier niet mee; vervoer evenmin. In totaal {len(volgorde)} aanbieders. Zoals seed 002 "
        f"bijlage 2 tabel 1C.",
        "Aanbieder", rijen,
    )


def _indeling_tekst(groepen: tuple[Productgroep, ...]) -> str:
    return "; ".join(f"{g.naam} = WMO020 {', '.join(str(c) for c in g.categorieen)}" for g in groepen)


def indeling() -> list[dict[str, str]]:
    """The mapping as rows (for the screen and the export), each with its source."""
    return [
        {
            "productgroep": g.naam,
            "categorieen": ", ".join(f"{c} {ProductcategorieWmo(c).label}" for c in g.categorieen),
            "seed": g.seed,
            "clientgroep": "ja" if g.client else "nee (telt in de kosten)",
            "bron": BRON_INDELING,
        }
        for g in PRODUCTGROEPEN
    ]


def startfoto(regio: Regio, peildatum: date) -> Startfoto:
    """All Startfoto tables for the regio on the peildatum (grants then in force; costs over the year to that date)."""
    gemeenten = list(Gemeente.objects.filter(regio=regio).order_by("naam"))
    drempels = [celdrempel(g, peildatum) for g in gemeenten]
    drempels.append(max(drempels, default=5))
    van, tot = kostenperiode(peildatum)
    foto = Startfoto(regio, peildatum, van, tot, gemeenten, drempels)
    kosten = _kosten(foto)
    foto.tabellen = [
        tabel_clienten(foto),
        tabel_vervoer(foto),
        tabel_leveringsvorm(foto),
        tabel_kosten(foto, kosten),
        tabel_kosten_per_inwoner(foto, kosten),
        tabel_kosten_per_client(foto, kosten),
        tabel_aanbieders(foto),
    ]
    return foto


__all__ = [
    "BRON_INDELING", "PRODUCTGROEPEN", "Bedrag", "Procent", "Productgroep", "Rij", "Startfoto", "Tabel", "bedrag",
    "indeling", "kostenperiode", "procent", "startfoto",
]
