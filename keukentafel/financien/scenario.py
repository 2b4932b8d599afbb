"""Scenarios: measures applied to the current book, year by year and line by line, beside the baseline.

The book is what the gemeente has granted now: every grant geldend on the peildatum, at its full-year cost
(`bedragen.verplichting` over a calendar year, as if it ran all year). The baseline assumes that book continues
(inflow and outflow in balance) and that each budget line's budget is that of the year's budget, or of the last
earlier budget that has the line.

Measures (the seeds' savings levers; seed 002_76fcc364857742d7.txt: toegang 5–10 %, vernieuwing 5–10 %, overhead
10–15 %), each from a year (`vanaf`) on:

* ``korting``: a percentage off one budget line's cost (its products) — a plain cut.
* ``verschuiving``: a share of the clients of a product category (default Wmo 02, individuele begeleiding) moves to
  a new algemene voorziening: their maatwerk cost goes, the voorziening costs a fixed amount per participant per year
  (booked on the same line).
* ``frequentie``: hulp bij het huishouden (Wmo 01) granted per week is delivered every two weeks: those grants cost half.
* ``tarief``: a percentage change of the tariffs of one category (or all).
* ``instroom``: a percentage change of the inflow of one category (or all). New grants replace the book at the
  category's inflow share (full-year cost of grants that started in the 12 months before the peildatum ÷ the book);
  the effect grows by that share each year, starting at half a year in the first year, until the whole book has
  turned over.

All amounts in cents; every multiplication by a percentage is rounded once per line and year (`afronden`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Frequentie, Wet

from .bedragen import afronden, verplichting
from .begroting import bedragen_op
from .models import Begroting, Postsoort, Scenario

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
        return min(10_000, afronden(self.instroom_cent * 10_000, self.jaarkosten_cent)) if self.jaarkosten_cent else 0


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

    def effect(self, jaar: int) -> int:
        return self.scenario_cent.get(jaar, 0) - self.basis_cent.get(jaar, 0)


@dataclass
class Doorrekening:
    jaren: list[int]
    posten: list[Postregel]
    maatregelen: list[dict]
    effect_per_maatregel: list[dict[int, int]]

    def totaal(self, veld: str, jaar: int) -> int:
        return sum(getattr(p, veld).get(jaar, 0) for p in self.posten)

    def als_dict(self) -> dict:
        """JSON for `Scenario.resultaat` (keys as strings)."""
        return {
            "jaren": self.jaren,
            "posten": [
                {"code": p.code, "naam": p.naam, "domein": p.domein,
                 "begroot": {str(j): p.begroot_cent.get(j, 0) for j in self.jaren},
                 "basis": {str(j): p.basis_cent.get(j, 0) for j in self.jaren},
                 "scenario": {str(j): p.scenario_cent.get(j, 0) for j in self.jaren}}
                for p in self.posten
            ],
            "effect_per_maatregel": [{str(j): e.get(j, 0) for j in self.jaren} for e in self.effect_per_maatregel],
        }


def _procent_bp(waarde, naam: str, *, minimum: int = -100, maximum: int = 1000) -> int:
    try:
        d = Decimal(str(waarde).replace(",", "."))
    except InvalidOperation:
        raise OngeldigScenario(f"{naam}: '{waarde}' is geen percentage.") from None
    if not d.is_finite() or d < minimum or d > maximum:
        raise OngeldigScenario(f"{naam}: het percentage moet tussen {minimum} en {maximum} liggen.")
    return int((d * BP).to_integral_value())


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
    """The lasten lines (of the first year's budget, else the latest earlier one) that carry products."""
    b = Begroting.objects.filter(gemeente=gemeente, jaar__lte=jaar).order_by("-jaar").first()
    if b is None:
        b = Begroting.objects.filter(gemeente=gemeente).order_by("jaar").first()
    posten = []
    if b is not None:
        for p in b.posten.filter(soort=Postsoort.LASTEN, saldopost=False).order_by("domein", "volgorde", "id"):
            if p.dekking:
                posten.append(Postregel(p.code, p.naam, p.get_domein_display(), list(p.dekking),
                                        {j: begroot[j].get(p.code, 0) for j in begroot}))
    return posten


def doorreken(gemeente: Gemeente, jaar: int, jaren: int, maatregelen: list[dict], *, peildatum: date | None = None) -> Doorrekening:
    """Baseline and scenario per year and line for `jaren` years from `jaar`; measures as `valideer_maatregelen` gives."""
    if not 1 <= jaren <= 10:
        raise OngeldigScenario("Reken één tot tien jaar door.")
    peildatum = peildatum or date.today()
    lijst = list(range(jaar, jaar + jaren))
    begroot = _begrotingen(gemeente, lijst)
    posten = _posten(gemeente, jaar, begroot)
    maatregelen = valideer_maatregelen(maatregelen, {p.code for p in posten})
    per_cat = boek(gemeente, peildatum)
    toegerekend = {c for p in posten for c in p.dekking}
    rest = [c for c in per_cat if c not in toegerekend]
    if rest:
        posten.append(Postregel(NIET_TOEGEREKEND, "Niet toegerekend aan een begrotingspost", "", rest, {j: 0 for j in lijst}))
    effect_per_maatregel: list[dict[int, int]] = [defaultdict(int) for _ in maatregelen]

    for p in posten:
        for j in lijst:
            basis = sum(per_cat[c].jaarkosten_cent for c in p.dekking if c in per_cat)
            waarde = basis
            for i, m in enumerate(maatregelen):
                if j < m["vanaf"]:
                    continue
                voor = waarde
                waarde = _pas_toe(m, p, per_cat, waarde, j)
                effect_per_maatregel[i][j] += waarde - voor
            p.basis_cent[j] = basis
            p.scenario_cent[j] = waarde
    return Doorrekening(lijst, posten, maatregelen, [dict(e) for e in effect_per_maatregel])


def _pas_toe(m: dict, p: Postregel, per_cat: dict[str, Categorieboek], waarde: int, jaar: int) -> int:
    """One measure on one line in one year; measures apply in order, each on the outcome of the previous ones."""
    soort = m["soort"]
    if soort == "korting":
        return waarde - afronden(waarde * m["procent_bp"], 100 * BP) if m["post"] == p.code else waarde
    categorieen = [c for c in p.dekking if c in per_cat and (not m.get("categorie") or c == m["categorie"])]
    if not categorieen:
        return waarde
    if soort == "verschuiving":
        for c in categorieen:
            boekje = per_cat[c]
            weg = afronden(boekje.jaarkosten_cent * m["aandeel_bp"], 100 * BP)
            deelnemers = afronden(len(boekje.clienten) * m["aandeel_bp"], 100 * BP)
            waarde += deelnemers * m["kosten_per_deelnemer_cent"] - weg
        return waarde
    if soort == "frequentie":
        return waarde - sum(afronden(per_cat[c].per_week_cent, 2) for c in categorieen)
    if soort == "tarief":
        return waarde + sum(afronden(per_cat[c].jaarkosten_cent * m["procent_bp"], 100 * BP) for c in categorieen)
    if soort == "instroom":
        jaren_sinds = jaar - m["vanaf"]
        for c in categorieen:
            boekje = per_cat[c]
            # Share of the book replaced by new inflow so far: half a year in the first year, then a year's share more.
            vervangen_bp = min(10_000, afronden(boekje.instroomaandeel_bp * (2 * jaren_sinds + 1), 2))
            waarde += afronden(boekje.jaarkosten_cent * vervangen_bp * m["procent_bp"], 10_000 * 100 * BP)
        return waarde
    raise OngeldigScenario(f"Onbekende soort maatregel '{soort}'.")


@transaction.atomic
def bewaar(
    gemeente: Gemeente, door: Medewerker, *, naam: str, jaar: int, jaren: int, maatregelen: list[dict],
    omschrijving: str = "", scenario: Scenario | None = None, version: int | None = None, peildatum: date | None = None,
) -> Scenario:
    """Compute and save a scenario (new, or an update guarded by its `version`); audited."""
    naam = naam.strip()
    if not naam:
        raise OngeldigScenario("Geef het scenario een naam.")
    dubbel = Scenario.objects.filter(gemeente=gemeente, naam=naam)
    if scenario is not None:
        dubbel = dubbel.exclude(pk=scenario.pk)
    if dubbel.exists():
        raise OngeldigScenario(f"Er is al een scenario '{naam}'.")
    doorrekening = doorreken(gemeente, jaar, jaren, maatregelen, peildatum=peildatum)
    velden = {"naam": naam, "omschrijving": omschrijving, "jaar": jaar, "jaren": jaren,
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
    audit.log(door, actie, scenario, omschrijving=f"Scenario '{scenario.naam}' doorgerekend en bewaard")
    return scenario


__all__ = ["NIET_TOEGEREKEND", "SOORTEN", "Doorrekening", "OngeldigScenario", "Postregel", "bewaar", "boek", "categorie_sleutel",
           "doorreken", "valideer_maatregelen"]
