"""Scenarios: measures applied to the current book, year by year and line by line, beside the baseline.

The book is what the gemeente has granted on the peildatum (default: today, `timezone.localdate`; saved with the
scenario so its result can be reproduced): every grant geldend on that day, at its full-year cost
(`bedragen.verplichting` over a calendar year, as if it ran all year). The baseline assumes that book continues
(inflow and outflow in balance). A lasten line covers the categories in its `dekking` (a category on several lines
counts on the first); a line without dekking (apparaatskosten, gebiedsteams, overhead) has its budget of the year as
its baseline cost, so a cut on it can be computed and the totals compare with the budget. Categories on no line are
"niet toegerekend". The lines come from `begroting_van` (the first year's budget, else the latest earlier one); a
line's budget per year is that year's budget, else that of the last earlier budget that has the line.

Measures (the seeds' savings levers; seed 002_76fcc364857742d7.txt: toegang 5–10 %, vernieuwing 5–10 %, overhead
10–15 %), each from a year (`vanaf`) on, any number of each kind. They apply in order, each on the outcome of the
previous ones: every year starts from the baseline book per category (cost, the part granted per week, clients,
inflow share) and each measure transforms that running book.

* ``korting``: a percentage off one lasten line's total (its categories' running cost plus its own amount: the
  budget of a line without dekking, the cost of an algemene voorziening); the cut is rounded once and split over
  those parts by `verdeel`, and the weekly part of a category shrinks with its cost.
* ``verschuiving``: a share of the clients of a product category (default Wmo 02, individuele begeleiding) moves to
  a new algemene voorziening: that share of their maatwerk cost goes, the voorziening costs a fixed amount per
  participant per year (booked on the category's line; later tariff and inflow measures do not touch it).
* ``frequentie``: hulp bij het huishouden (default Wmo 01) granted per week is delivered every two weeks: the weekly
  part of the running cost is halved (and is no longer weekly, so a second such measure changes nothing).
* ``tarief``: a percentage change of the tariffs of one category (or all): cost and weekly part change.
* ``instroom``: a percentage change of the inflow of one category (or all). New grants replace the book at the
  category's inflow share (full-year cost of grants that started in the 12 months before the peildatum ÷ the book);
  the effect grows by that share each year, starting at half a year in the first year, until the whole book has
  turned over. Cost, weekly part and clients change alike.

All amounts in cents; every multiplication by a percentage is rounded once per category (or line) and year
(`afronden`, half away from zero). Percentages are kept in basis points, rounded half away from zero.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Frequentie, Wet

from .bedragen import afronden, verdeel, verplichting
from .begroting import bedragen_op
from .models import Begroting, Begrotingspost, Postsoort, Scenario

NIET_TOEGEREKEND = "niet-toegerekend"
SOORTEN = {
    "korting": "Korting op een begrotingspost",
    "verschuiving": "Verschuiving naar een algemene voorziening",
    "frequentie": "Hulp bij het huishouden eens per twee weken",
    "tarief": "Tariefwijziging",
    "instroom": "Verandering van de instroom",
}
#: Basis points per percent: percentages are kept exact to two decimals.
BP = 100
#: 100 % in basis points.
HEEL = 100 * BP


class OngeldigScenario(ValueError):
    """A measure that cannot be applied; the message is Dutch and names the measure."""


def categorie_sleutel(wet: str, productcategorie: str) -> str:
    """The key budget lines use in `dekking`: "wmo:01", "jeugdwet:45"."""
    return f"{wet}:{productcategorie}"


@dataclass(slots=True)
class Categorieboek:
    """The current book of one product category."""

    jaarkosten_cent: int = 0
    per_week_cent: int = 0  # of which grants per week (hulp bij het huishouden: the frequency measure)
    clienten: set[int] = field(default_factory=set)
    instroom_cent: int = 0  # full-year cost of grants that started in the 12 months before the peildatum

    @property
    def instroomaandeel_bp(self) -> int:
        """Inflow share in basis points of the book (10000 = the whole book turns over in a year)."""
        return min(HEEL, afronden(self.instroom_cent * HEEL, self.jaarkosten_cent)) if self.jaarkosten_cent else 0


@dataclass(slots=True)
class Stand:
    """The running book of one category in one year, as the measures so far have left it."""

    kosten_cent: int
    per_week_cent: int
    clienten: int
    instroomaandeel_bp: int

    @classmethod
    def van(cls, b: Categorieboek) -> Stand:
        return cls(b.jaarkosten_cent, b.per_week_cent, len(b.clienten), b.instroomaandeel_bp)

    def schaal(self, teller: int, noemer: int, *, clienten: bool = True) -> None:
        """Add teller/noemer of itself to cost, weekly part and (optionally) clients, each rounded once."""
        self.kosten_cent += afronden(self.kosten_cent * teller, noemer)
        self.per_week_cent += afronden(self.per_week_cent * teller, noemer)
        if clienten:
            self.clienten += afronden(self.clienten * teller, noemer)


def boek(gemeente: Gemeente, peildatum: date) -> dict[str, Categorieboek]:
    """The book per category: full-year cost of every grant geldend on the peildatum."""
    jaar_begin, jaar_eind = date(peildatum.year, 1, 1), date(peildatum.year, 12, 31)
    sinds = peildatum - timedelta(days=365)
    uit: dict[str, Categorieboek] = defaultdict(Categorieboek)
    rijen = (
        ToegewezenVoorziening.objects.actief_op(peildatum).filter(gemeente=gemeente)
        .values_list("product__wet", "product__productcategorie", "persoon_id", "omvang", "frequentie", "tarief_cent", "begindatum")
    )
    for wet, categorie, persoon_id, omvang, frequentie, tarief, begindatum in rijen.iterator(chunk_size=5000):
        # Full-year cost: as if the grant ran the whole calendar year of the peildatum (a totaal grant: its total).
        kosten = verplichting(omvang=omvang, frequentie=frequentie, tarief_cent=tarief, begindatum=jaar_begin,
                              einddatum=jaar_eind, van=jaar_begin, tot=jaar_eind)
        c = uit[categorie_sleutel(wet, categorie)]
        c.jaarkosten_cent += kosten
        c.clienten.add(persoon_id)
        if frequentie == Frequentie.PER_WEEK:
            c.per_week_cent += kosten
        if begindatum > sinds:
            c.instroom_cent += kosten
    return dict(uit)


@dataclass
class Postregel:
    code: str
    naam: str
    domein: str
    dekking: list[str]
    begroot_cent: dict[int, int]
    basis_cent: dict[int, int] = field(default_factory=dict)
    scenario_cent: dict[int, int] = field(default_factory=dict)
    categorieen: list[str] = field(default_factory=list)  # the categories booked here (a category counts on its first line)

    @property
    def gedekt(self) -> bool:
        """A line with products; one without has its budget as its cost."""
        return bool(self.dekking)

    def effect(self, jaar: int) -> int:
        return self.scenario_cent.get(jaar, 0) - self.basis_cent.get(jaar, 0)


@dataclass
class Doorrekening:
    jaren: list[int]
    posten: list[Postregel]
    maatregelen: list[dict]
    effect_per_maatregel: list[dict[int, int]]
    peildatum: date | None = None

    def totaal(self, veld: str, jaar: int) -> int:
        return sum(getattr(p, veld).get(jaar, 0) for p in self.posten)

    def als_dict(self) -> dict:
        """JSON for `Scenario.resultaat` (keys as strings)."""
        return {
            "jaren": self.jaren,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "posten": [
                {"code": p.code, "naam": p.naam, "domein": p.domein, "gedekt": p.gedekt,
                 "begroot": {str(j): p.begroot_cent.get(j, 0) for j in self.jaren},
                 "basis": {str(j): p.basis_cent.get(j, 0) for j in self.jaren},
                 "scenario": {str(j): p.scenario_cent.get(j, 0) for j in self.jaren}}
                for p in self.posten
            ],
            "effect_per_maatregel": [{str(j): e.get(j, 0) for j in self.jaren} for e in self.effect_per_maatregel],
        }


def _procent_bp(waarde, naam: str, *, minimum: int = -100, maximum: int = 1000) -> int:
    """A percentage ("12,5", 12.5, Decimal) in basis points, rounded half away from zero (0,005 % → 1 bp)."""
    try:
        d = Decimal(str(waarde).replace(",", "."))
    except InvalidOperation:
        raise OngeldigScenario(f"{naam}: '{waarde}' is geen percentage.") from None
    if not d.is_finite() or d < minimum or d > maximum:
        raise OngeldigScenario(f"{naam}: het percentage moet tussen {minimum} en {maximum} liggen.")
    return int((d * BP).to_integral_value(rounding=ROUND_HALF_UP))


def _bp(m: dict, sleutel: str, naam: str, **grenzen) -> int:
    """A percentage from the form ("12,5") or, for a saved measure, its basis points."""
    if f"{sleutel}_bp" in m:
        return _procent_bp(Decimal(int(m[f"{sleutel}_bp"])) / BP, naam, **grenzen)
    return _procent_bp(m.get(sleutel), naam, **grenzen)


def valideer_maatregelen(maatregelen: list[dict], postcodes: set[str]) -> list[dict]:
    """Normalise the measures (percentages to basis points, years to int); OngeldigScenario on a bad one.

    Accepts its own output, so a saved scenario can be recomputed."""
    schoon: list[dict] = []
    for i, m in enumerate(maatregelen, start=1):
        soort = m.get("soort")
        if soort not in SOORTEN:
            raise OngeldigScenario(f"Maatregel {i}: onbekende soort '{soort}'.")
        naam = f"Maatregel {i} ({SOORTEN[soort].lower()})"
        try:
            vanaf = int(m.get("vanaf"))
        except (TypeError, ValueError):
            raise OngeldigScenario(f"{naam}: geef het jaar waarin de maatregel ingaat.") from None
        n = {"soort": soort, "vanaf": vanaf}
        if soort == "korting":
            if m.get("post") not in postcodes:
                raise OngeldigScenario(f"{naam}: kies een begrotingspost met lasten.")
            n["post"] = m["post"]
            n["procent_bp"] = _bp(m, "procent", naam, minimum=0, maximum=100)
        elif soort == "verschuiving":
            n["categorie"] = m.get("categorie") or categorie_sleutel(Wet.WMO, "02")
            n["aandeel_bp"] = _bp(m, "aandeel", naam, minimum=0, maximum=100)
            try:
                n["kosten_per_deelnemer_cent"] = int(m.get("kosten_per_deelnemer_cent"))
            except (TypeError, ValueError):
                raise OngeldigScenario(f"{naam}: geef de kosten per deelnemer per jaar.") from None
            if n["kosten_per_deelnemer_cent"] < 0:
                raise OngeldigScenario(f"{naam}: de kosten per deelnemer kunnen niet negatief zijn.")
        elif soort == "frequentie":
            n["categorie"] = m.get("categorie") or categorie_sleutel(Wet.WMO, "01")
        elif soort in ("tarief", "instroom"):
            n["categorie"] = m.get("categorie") or ""
            n["procent_bp"] = _bp(m, "procent", naam)
        schoon.append(n)
    return schoon


def begroting_van(gemeente: Gemeente, jaar: int) -> Begroting | None:
    """The budget whose lines a scenario from `jaar` shows: that year's, else the latest earlier one, else the first.

    The form's list of lines and the computation both use this one, so a chosen line always exists."""
    return (Begroting.objects.filter(gemeente=gemeente, jaar__lte=jaar).order_by("-jaar").first()
            or Begroting.objects.filter(gemeente=gemeente).order_by("jaar").first())


def lastenposten(gemeente: Gemeente, jaar: int) -> list[Begrotingspost]:
    """The lasten lines (not the derived saldo lines) of `begroting_van`, with or without dekking, in budget order."""
    b = begroting_van(gemeente, jaar)
    if b is None:
        return []
    return list(b.posten.filter(soort=Postsoort.LASTEN, saldopost=False).order_by("domein", "volgorde", "id"))


def _begrotingen(gemeente: Gemeente, jaren: list[int]) -> dict[int, dict[str, int]]:
    """Budget per line code per year: that year's budget, else the latest earlier one that has the line."""
    per_jaar: dict[int, dict[str, int]] = {}
    for b in Begroting.objects.filter(gemeente=gemeente, jaar__lte=max(jaren)).order_by("jaar"):
        bedragen = bedragen_op(b)
        per_jaar[b.jaar] = {p.code: bedragen[p.id] for p in b.posten.all() if p.soort == Postsoort.LASTEN}
    uit: dict[int, dict[str, int]] = {}
    laatst: dict[str, int] = {}
    for jaar in range(min([*per_jaar, *jaren]), max(jaren) + 1):
        laatst = {**laatst, **per_jaar.get(jaar, {})}
        if jaar in jaren:
            uit[jaar] = dict(laatst)
    return uit


def _posten(gemeente: Gemeente, jaar: int, begroot: dict[int, dict[str, int]]) -> list[Postregel]:
    """Every lasten line of `begroting_van`, with its budget per year."""
    return [Postregel(p.code, p.naam, p.get_domein_display(), list(p.dekking or []), {j: begroot[j].get(p.code, 0) for j in begroot})
            for p in lastenposten(gemeente, jaar)]


def doorreken(gemeente: Gemeente, jaar: int, jaren: int, maatregelen: list[dict], *, peildatum: date | None = None) -> Doorrekening:
    """Baseline and scenario per year and line for `jaren` years from `jaar`; measures as `valideer_maatregelen` gives."""
    if not 1 <= jaren <= 10:
        raise OngeldigScenario("Reken één tot tien jaar door.")
    peildatum = peildatum or timezone.localdate()
    lijst = list(range(jaar, jaar + jaren))
    begroot = _begrotingen(gemeente, lijst)
    posten = _posten(gemeente, jaar, begroot)
    maatregelen = valideer_maatregelen(maatregelen, {p.code for p in posten})
    per_cat = boek(gemeente, peildatum)
    post_van: dict[str, str] = {}
    for p in posten:
        p.categorieen = [c for c in dict.fromkeys(p.dekking) if c not in post_van]
        post_van.update(dict.fromkeys(p.categorieen, p.code))
    rest = sorted(c for c in per_cat if c not in post_van)
    if rest:
        posten.append(Postregel(NIET_TOEGEREKEND, "Niet toegerekend aan een begrotingspost", "", rest, {j: 0 for j in lijst},
                                categorieen=rest))
        post_van.update(dict.fromkeys(rest, NIET_TOEGEREKEND))
    effect_per_maatregel: list[dict[int, int]] = [{} for _ in maatregelen]

    for j in lijst:
        stand = {c: Stand.van(b) for c, b in sorted(per_cat.items())}
        # A line's own amount: its budget when it has no dekking; algemene voorzieningen are added by a verschuiving.
        eigen = {p.code: 0 if p.gedekt else p.begroot_cent.get(j, 0) for p in posten}
        for p in posten:
            p.basis_cent[j] = _posttotaal(p, stand, eigen)
        for i, m in enumerate(maatregelen):
            if j < m["vanaf"]:
                continue
            voor = sum(s.kosten_cent for s in stand.values()) + sum(eigen.values())
            _pas_toe(m, j, stand, eigen, posten, post_van)
            effect_per_maatregel[i][j] = sum(s.kosten_cent for s in stand.values()) + sum(eigen.values()) - voor
        for p in posten:
            p.scenario_cent[j] = _posttotaal(p, stand, eigen)
    return Doorrekening(lijst, posten, maatregelen, effect_per_maatregel, peildatum)


def _posttotaal(p: Postregel, stand: dict[str, Stand], eigen: dict[str, int]) -> int:
    return eigen[p.code] + sum(stand[c].kosten_cent for c in p.categorieen if c in stand)


def _pas_toe(m: dict, jaar: int, stand: dict[str, Stand], eigen: dict[str, int], posten: list[Postregel],
             post_van: dict[str, str]) -> None:
    """One measure in one year on the running book (`stand` per category, `eigen` per line), in place."""
    soort = m["soort"]
    if soort == "korting":
        p = next(p for p in posten if p.code == m["post"])
        delen = [stand[c] for c in p.categorieen if c in stand]
        gewichten = [max(0, s.kosten_cent) for s in delen] + [max(0, eigen[p.code])]
        korting = afronden(sum(gewichten) * m["procent_bp"], HEEL)
        if korting:
            *per_categorie, van_eigen = verdeel(korting, gewichten)
            for s, k in zip(delen, per_categorie, strict=True):
                s.per_week_cent -= afronden(s.per_week_cent * k, s.kosten_cent) if s.kosten_cent else 0
                s.kosten_cent -= k
            eigen[p.code] -= van_eigen
        return
    for c, s in stand.items():
        if m.get("categorie") and c != m["categorie"]:
            continue
        if soort == "verschuiving":
            deelnemers = afronden(s.clienten * m["aandeel_bp"], HEEL)
            s.schaal(-m["aandeel_bp"], HEEL, clienten=False)
            s.clienten -= deelnemers
            eigen[post_van[c]] += deelnemers * m["kosten_per_deelnemer_cent"]
        elif soort == "frequentie":
            s.kosten_cent -= afronden(s.per_week_cent, 2)
            s.per_week_cent = 0  # now every two weeks: no longer weekly
        elif soort == "tarief":
            s.schaal(m["procent_bp"], HEEL, clienten=False)
        elif soort == "instroom":
            # Share of the book replaced by new inflow so far: half a year in the first year, then a year's share more.
            vervangen_bp = min(HEEL, afronden(s.instroomaandeel_bp * (2 * (jaar - m["vanaf"]) + 1), 2))
            s.schaal(vervangen_bp * m["procent_bp"], HEEL * HEEL)
        else:
            raise OngeldigScenario(f"Onbekende soort maatregel '{soort}'.")


@transaction.atomic
def bewaar(
    gemeente: Gemeente, door: Medewerker, *, naam: str, jaar: int, jaren: int, maatregelen: list[dict],
    omschrijving: str = "", scenario: Scenario | None = None, version: int | None = None, peildatum: date | None = None,
    request: HttpRequest | None = None,
) -> Scenario:
    """Compute on the book of `peildatum` (default today) and save a scenario (new, or an update guarded by its
    `version`) with that peildatum, so the result can be reproduced; audited (with the request from a view)."""
    naam = naam.strip()
    if not naam:
        raise OngeldigScenario("Geef het scenario een naam.")
    dubbel = Scenario.objects.filter(gemeente=gemeente, naam=naam)
    if scenario is not None:
        dubbel = dubbel.exclude(pk=scenario.pk)
    if dubbel.exists():
        raise OngeldigScenario(f"Er is al een scenario '{naam}'.")
    peildatum = peildatum or timezone.localdate()
    doorrekening = doorreken(gemeente, jaar, jaren, maatregelen, peildatum=peildatum)
    velden = {"naam": naam, "omschrijving": omschrijving, "jaar": jaar, "jaren": jaren, "peildatum": peildatum,
              "maatregelen": doorrekening.maatregelen, "resultaat": doorrekening.als_dict()}
    if scenario is None:
        scenario = Scenario.objects.create(gemeente=gemeente, aangemaakt_door=door, **velden)
        actie = AuditActie.AANMAKEN
    else:
        bijgewerkt = Scenario.objects.filter(pk=scenario.pk, version=version).update(version=scenario.version + 1, **velden)
        if not bijgewerkt:
            raise OngeldigScenario("Iemand anders heeft dit scenario intussen gewijzigd; open het opnieuw.")
        scenario.refresh_from_db()
        actie = AuditActie.WIJZIGEN
    audit.log(door, actie, scenario, request=request,
              omschrijving=f"Scenario '{scenario.naam}' doorgerekend op het boek van {peildatum:%d-%m-%Y} en bewaard")
    return scenario


__all__ = ["NIET_TOEGEREKEND", "SOORTEN", "Doorrekening", "OngeldigScenario", "Postregel", "begroting_van", "bewaar", "boek",
           "categorie_sleutel", "doorreken", "lastenposten", "valideer_maatregelen"]
