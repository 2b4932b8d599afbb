"""Forecast to year end per budget line and gebied: realisation so far + remaining commitment × utilisation ratio.

Method (the README repeats it):

* **Peildatum**: by default today, clamped to the year: a past year → 31 December; a future year → 31 December of
  the year before (nothing elapsed yet). `standaard_peildatum` is THE rule for every finance screen.
* **Gerealiseerd**: approved declarations and PGB spending delivered from 1 January up to the peildatum.
* **Venster** (the history window) PER PRODUCTCATEGORIE: 1 January up to the end of the last month with approved
  declarations or PGB spending of that category (never past the peildatum). Declarations lag, and some categories
  declare later than others; each category's window ends where its own realisation is known.
* **Benuttingsgraad** per productcategorie = realisation in its window ÷ commitment in its window. A category
  without commitment in a window takes the ratio of the whole previous year; without that either, 100 %.
  A negative realisation counts as 0.
* **Prognose** = gerealiseerd + commitment from the day after the category's window to 31 December × the ratio,
  rounded (half away from zero) once per cell (productcategorie × gebied, or × aanbieder in the drill-down). The
  commitment after the window is the year's minus the window's: with cumulative rounding they add up exactly.
* A lasten line covers the categories in its `dekking`; a category on several lines counts on the first.
  Categories on no line are "niet toegerekend"; they count in the total of their domein (wet → domein,
  DOMEIN_VAN_WET). Lines without dekking (gebiedsteams, subsidies) are forecast at their budget.
* A **saldopost** (overgangsrecht/onvoorzien) is forecast as the forecast baten of its onderdeel minus the
  forecast of its other lasten, as its budget is the budgeted baten minus the budgeted other lasten.
* **Baten**: a baten line whose `dekking` holds DEKKING_EIGEN_BIJDRAGE is realised by the computed eigen bijdragen
  (`Bijdrageberekening` of the gemeente for periods starting in the year): gerealiseerd = periods begun by the
  peildatum; prognose = every computed period of the year + the total of the last computed period × the billing
  periods of the year after it (as if that rule continues); nothing computed yet: its budget. Other baten lines
  are forecast at their budget. Baten have no warning.
* Warning when prognose > begroot × (100 + waarschuwing_procent) / 100 (lasten lines).
* Area budgets: the line's budget split over the gebieden by its verdeelsleutel — a line without one by
  inhabitants — with `gebiedsbudget.verdeel_post`, the same rule as the begroting screen (key data computed once).
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from keukentafel.accounts.models import Gebied, Gemeente

from .bedragen import afronden
from .begroting import bedragen_op
from .bijdrageregels import perioden
from .gebiedsbudget import Sleutelgegevens, dekking_filter, effectieve_sleutel, sleutelgegevens, verdeel_post
from .models import DEKKING_EIGEN_BIJDRAGE, Begroting, Begrotingspost, Bijdrageberekening, Bijdrageregeling, Domein, Postsoort
from .realisatie import laatste_leverdatum_per_categorie, realisatie
from .verplichting import verplichtingen

#: Wet of a product → the budget's domein (niet toegerekende categories count in their domein's total).
DOMEIN_VAN_WET = {"wmo": Domein.WMO, "jeugdwet": Domein.JEUGD}
NIET_TOEGEREKEND = "Niet toegerekend"
GEBIED_ONBEKEND = "Gebied onbekend"
#: A baten line with this entry in its `dekking` is realised by the computed eigen bijdragen. Note: begroting's
#: validation (`begroting.postfouten`/`dekkingsfouten`) does not accept it yet (dekking only on lasten lines, only
#: "wet:NN"); the lead wires it in there.


@dataclass(frozen=True, slots=True)
class Benutting:
    """Utilisation ratio of one productcategorie: gedeclareerd ÷ verplicht over `bron` ("venster", "vorig jaar",
    "100%"); `venster` is the category's own window (None without realisation this year)."""

    gedeclareerd: int
    verplicht: int
    bron: str
    venster: tuple[date, date] | None = None

    @property
    def procent(self) -> float:
        return 100.0 * self.gedeclareerd / self.verplicht


@dataclass(slots=True)
class Cel:
    verplicht: int = 0
    gerealiseerd: int = 0
    rest: int = 0  # commitment after the window
    prognose: int = 0

    def plus(self, o: Cel) -> None:
        self.verplicht += o.verplicht
        self.gerealiseerd += o.gerealiseerd
        self.rest += o.rest
        self.prognose += o.prognose


@dataclass(slots=True)
class Regel:
    """One row of a table: budget vs commitment vs realisation vs forecast; verschil = prognose − begroot."""

    naam: str
    begroot: int = 0
    verplicht: int = 0
    gerealiseerd: int = 0
    prognose: int = 0
    waarschuwing_procent: int | None = None
    sleutel: object = None  # gebied id, aanbieder id, ... of the row

    @property
    def verschil(self) -> int:
        return self.prognose - self.begroot

    @property
    def waarschuwing(self) -> bool:
        if self.waarschuwing_procent is None:
            return False
        return self.prognose * 100 > self.begroot * (100 + self.waarschuwing_procent)

    def tel(self, cel: Cel | Regel) -> None:
        self.verplicht += cel.verplicht
        self.gerealiseerd += cel.gerealiseerd
        self.prognose += cel.prognose

    def tel_alles(self, r: Regel) -> None:
        self.begroot += r.begroot
        self.tel(r)


@dataclass(slots=True)
class Postregel(Regel):
    post: Begrotingspost | None = None
    domein: str = ""
    categorieen: list[str] = field(default_factory=list)
    gedekt: bool = True
    gebieden: list[Regel] = field(default_factory=list)


@dataclass(slots=True)
class Prognose:
    """The forecast. `posten` are the lasten lines; `domeinen` the lasten per domein INCLUDING the domein's niet
    toegerekende categories (`niet_toegerekend_per_domein`); `totaal` all lasten. `venster` is the latest of the
    per-category windows (`vensters`). Baten: `baten` (lines), `baten_domeinen`, `baten_totaal`."""

    gemeente: Gemeente
    jaar: int
    peildatum: date
    begroting: Begroting | None
    venster: tuple[date, date] | None
    benutting: dict[str, Benutting]
    posten: list[Postregel]
    niet_toegerekend: Postregel
    domeinen: list[Regel]
    totaal: Regel
    vensters: dict[str, tuple[date, date]] = field(default_factory=dict)
    niet_toegerekend_per_domein: dict[str, Regel] = field(default_factory=dict)
    baten: list[Postregel] = field(default_factory=list)
    baten_domeinen: list[Regel] = field(default_factory=list)
    baten_totaal: Regel = field(default_factory=lambda: Regel(naam="Totaal baten"))


def standaard_peildatum(jaar: int, vandaag: date | None = None) -> date:
    """Today within the year; 31 December of a past year; the day before a future year (nothing elapsed yet).

    The one rule for the finance screens (forecast and pgb alike)."""
    vandaag = vandaag or timezone.localdate()
    return min(max(vandaag, date(jaar, 1, 1) - timedelta(days=1)), date(jaar, 12, 31))


def _einde_maand(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])


Venster = tuple[date, date] | None
Vensters = dict[str, tuple[date, date]]


def _vensters(gemeente: Gemeente, jaar: int, peildatum: date) -> Vensters:
    """Per productcategorie: 1 January to the end of the last month with realisation of that category (≤ peildatum)."""
    jan1 = date(jaar, 1, 1)
    if peildatum < jan1:
        return {}
    return {c: (jan1, min(_einde_maand(d), peildatum)) for c, d in laatste_leverdatum_per_categorie(gemeente, jan1, peildatum).items()}


def _cellen(
    gemeente: Gemeente, jaar: int, peildatum: date, per: tuple[str, ...]
) -> tuple[dict[tuple, Cel], dict[str, Benutting], Vensters]:
    """Cells keyed (productcategorie, *per): commitment, realisation and forecast, with the ratios and windows used.

    Queries: the year's commitment, the realisation, and the commitment in the windows — one per distinct window
    end (at most one per month), each restricted to the categories ending there."""
    jan1, dec31 = date(jaar, 1, 1), date(jaar, 12, 31)
    peildatum = min(max(peildatum, jan1 - timedelta(days=1)), dec31)
    vensters = _vensters(gemeente, jaar, peildatum)
    sleutels = ("productcategorie", *per)
    cellen: dict[tuple, Cel] = defaultdict(Cel)
    for k, v in verplichtingen(gemeente, jaar, per=sleutels).items():
        cellen[k].verplicht = v
    if peildatum >= jan1:
        for k, v in realisatie(gemeente, jan1, peildatum, per=sleutels).items():
            cellen[k].gerealiseerd = v
    per_einde: dict[date, list[str]] = defaultdict(list)
    for c, (_, eind) in vensters.items():
        per_einde[eind].append(c)
    in_venster: dict[tuple, int] = {}
    for eind, categorieen in sorted(per_einde.items()):
        in_venster.update(verplichtingen(gemeente, per=sleutels, van=jan1, tot=eind, filter=dekking_filter(categorieen)))
    for k, cel in cellen.items():  # cumulative rounding: window + rest = the year, exactly
        cel.rest = cel.verplicht - in_venster.get(k, 0)
    benutting = _benutting(gemeente, jaar, vensters, cellen, in_venster)
    for k, cel in cellen.items():
        b = benutting[k[0]]
        cel.prognose = cel.gerealiseerd + afronden(cel.rest * b.gedeclareerd, b.verplicht)
    return dict(cellen), benutting, vensters


def _benutting(gemeente: Gemeente, jaar: int, vensters: Vensters, cellen: dict[tuple, Cel],
               in_venster: dict[tuple, int]) -> dict[str, Benutting]:
    categorieen = {k[0] for k in cellen}
    gedeclareerd: dict[str, int] = defaultdict(int)
    for k, cel in cellen.items():  # the realisation up to the peildatum is exactly the category's window's
        gedeclareerd[k[0]] += cel.gerealiseerd
    verplicht: dict[str, int] = defaultdict(int)
    for k, v in in_venster.items():
        verplicht[k[0]] += v
    uit: dict[str, Benutting] = {}
    for c in categorieen:
        if verplicht[c] > 0:
            uit[c] = Benutting(max(gedeclareerd[c], 0), verplicht[c], "venster", vensters.get(c))
    ontbrekend = categorieen - set(uit)
    if ontbrekend:
        vorig_v = verplichtingen(gemeente, jaar - 1)
        vorig_r = realisatie(gemeente, date(jaar - 1, 1, 1), date(jaar - 1, 12, 31))
        for c in ontbrekend:
            if vorig_v.get((c,), 0) > 0:
                uit[c] = Benutting(max(vorig_r.get((c,), 0), 0), vorig_v[(c,)], "vorig jaar", vensters.get(c))
            else:
                uit[c] = Benutting(1, 1, "100%", vensters.get(c))
    return uit


def _post_van_categorie(posten: list[Begrotingspost]) -> dict[str, Begrotingspost]:
    uit: dict[str, Begrotingspost] = {}
    for p in posten:
        if p.soort == Postsoort.LASTEN and not p.saldopost:
            for c in p.dekking or []:
                uit.setdefault(c, p)
    return uit


def lasten_posten(begroting: Begroting | None) -> list[Begrotingspost]:
    return [p for p in begroting.posten.all() if p.soort == Postsoort.LASTEN] if begroting else []


def _eigen_bijdragen(gemeente: Gemeente, jaar: int, peildatum: date) -> tuple[int, int] | None:
    """(gerealiseerd, prognose) of the computed eigen bijdragen of `jaar` (see the module docstring); None when no
    period of the year has been computed. One grouped query over the calculations."""
    rijen = list(
        Bijdrageberekening.objects.filter(regeling__gemeente=gemeente, periode_begin__year=jaar)
        .order_by().values("periode_begin", "regeling_id").annotate(s=Sum("bedrag_cent"))
        .values_list("periode_begin", "regeling_id", "s")
    )
    if not rijen:
        return None
    per_periode: dict[date, int] = defaultdict(int)
    for begin, _, som in rijen:
        per_periode[begin] += int(som or 0)
    laatste = max(per_periode)
    regeling = Bijdrageregeling.objects.get(pk=max(r for b, r, _ in rijen if b == laatste))
    resterend = sum(1 for b, _ in perioden(regeling, jaar) if b > laatste)
    gerealiseerd = sum(v for b, v in per_periode.items() if b <= peildatum)
    return gerealiseerd, sum(per_periode.values()) + per_periode[laatste] * resterend


def prognose(gemeente: Gemeente, jaar: int, peildatum: date | None = None) -> Prognose:
    """The forecast of every line of the gemeente's budget for `jaar`, per line, gebied and domein (see module doc)."""
    peildatum = peildatum or standaard_peildatum(jaar)
    begroting = Begroting.objects.select_related("gemeente").filter(gemeente=gemeente, jaar=jaar).first()
    alle = list(begroting.posten.all()) if begroting else []
    posten = [p for p in alle if p.soort == Postsoort.LASTEN]
    bedragen = bedragen_op(begroting, peildatum) if begroting else {}
    gedekt_door = [p for p in posten if p.dekking and not p.saldopost]
    if begroting:
        gegevens = sleutelgegevens(begroting, {effectieve_sleutel(p) for p in gedekt_door})
    else:
        gegevens = Sleutelgegevens(list(Gebied.objects.filter(gemeente=gemeente).order_by("naam", "id")))
    gebieden = gegevens.gebieden
    cellen, benutting, vensters = _cellen(gemeente, jaar, peildatum, ("gebied",))
    post_van = _post_van_categorie(posten)

    regels: dict[int, Postregel] = {}
    for p in posten:
        gedekt = p in gedekt_door
        r = Postregel(naam=p.naam, begroot=bedragen.get(p.id, 0), waarschuwing_procent=None if p.saldopost else p.waarschuwing_procent,
                      post=p, domein=p.domein, categorieen=[c for c in p.dekking or [] if post_van.get(c) == p], gedekt=gedekt)
        if not gedekt:
            r.prognose = r.begroot
        else:
            per_gebied = {gb.gebied.id: gb.bedrag_cent for gb in verdeel_post(p, r.begroot, gegevens)}
            r.gebieden = [Regel(naam=g.naam, begroot=per_gebied.get(g.id, 0), waarschuwing_procent=p.waarschuwing_procent,
                                sleutel=g.id) for g in gebieden]
        regels[p.id] = r
    niet = Postregel(naam=NIET_TOEGEREKEND, gedekt=True)
    niet_per_domein: dict[str | None, Regel] = {}
    for (cat, gebied_id), cel in sorted(cellen.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        p = post_van.get(cat)
        r = regels[p.id] if p else niet
        if p is None:
            if cat not in r.categorieen:
                r.categorieen.append(cat)
            domein = DOMEIN_VAN_WET.get(cat.partition(":")[0])
            niet_per_domein.setdefault(domein, Regel(naam=f"{NIET_TOEGEREKEND} ({domein or 'overig'})", sleutel=domein)).tel(cel)
        r.tel(cel)
        g = next((x for x in r.gebieden if x.sleutel == gebied_id), None)
        if g is None:
            g = Regel(naam=GEBIED_ONBEKEND if gebied_id is None else _gebiednaam(gebieden, gebied_id),
                      waarschuwing_procent=r.waarschuwing_procent, sleutel=gebied_id)
            r.gebieden.append(g)
        g.tel(cel)

    baten = _baten(gemeente, jaar, peildatum, [p for p in alle if p.soort == Postsoort.BATEN], bedragen)
    _saldoposten(list(regels.values()), baten)

    domeinen: list[Regel] = []
    baten_domeinen: list[Regel] = []
    for domein, label in Domein.choices:
        rs = [r for r in regels.values() if r.domein == domein]
        if rs or domein in niet_per_domein:
            d = Regel(naam=str(label), sleutel=domein)
            for r in [*rs, *([niet_per_domein[domein]] if domein in niet_per_domein else [])]:
                d.tel_alles(r)
            domeinen.append(d)
        bs = [r for r in baten if r.domein == domein]
        if bs:
            d = Regel(naam=str(label), sleutel=domein)
            for r in bs:
                d.tel_alles(r)
            baten_domeinen.append(d)
    totaal = Regel(naam="Totaal")
    for r in [*domeinen, *([niet_per_domein[None]] if None in niet_per_domein else [])]:
        totaal.tel_alles(r)
    baten_totaal = Regel(naam="Totaal baten")
    for r in baten_domeinen:
        baten_totaal.tel_alles(r)
    laatste = max((v[1] for v in vensters.values()), default=None)
    return Prognose(
        gemeente, jaar, peildatum, begroting, (date(jaar, 1, 1), laatste) if laatste else None, benutting,
        list(regels.values()), niet, domeinen, totaal, vensters=vensters,
        niet_toegerekend_per_domein={k: v for k, v in niet_per_domein.items() if k is not None},
        baten=baten, baten_domeinen=baten_domeinen, baten_totaal=baten_totaal,
    )


def _baten(gemeente: Gemeente, jaar: int, peildatum: date, posten: list[Begrotingspost], bedragen: dict[int, int]) -> list[Postregel]:
    """The baten lines: the first one covering DEKKING_EIGEN_BIJDRAGE realised by the computed eigen bijdragen, every
    other line (and that one before anything is computed) forecast at its budget."""
    uit: list[Postregel] = []
    eigen = next((p for p in posten if DEKKING_EIGEN_BIJDRAGE in (p.dekking or [])), None)
    for p in posten:
        r = Postregel(naam=p.naam, begroot=bedragen.get(p.id, 0), post=p, domein=p.domein, gedekt=p == eigen)
        r.prognose = r.begroot
        if p == eigen:
            r.categorieen = [DEKKING_EIGEN_BIJDRAGE]
            cijfers = _eigen_bijdragen(gemeente, jaar, peildatum)
            if cijfers is not None:
                r.gerealiseerd, r.prognose = cijfers
        uit.append(r)
    return uit


def _saldoposten(lasten: list[Postregel], baten: list[Postregel]) -> None:
    """A saldopost's forecast: forecast baten of its onderdeel minus the forecast of its other lasten."""
    for r in lasten:
        if r.post is not None and r.post.saldopost:
            onderdeel = r.post.onderdeel
            r.prognose = sum(b.prognose for b in baten if b.post.onderdeel == onderdeel) - sum(
                x.prognose for x in lasten if x.post is not None and x.post.onderdeel == onderdeel and not x.post.saldopost
            )


def _gebiednaam(gebieden: list[Gebied], gebied_id: int) -> str:
    return next((g.naam for g in gebieden if g.id == gebied_id), None) or Gebied.objects.get(pk=gebied_id).naam


def uitsplitsing(gemeente: Gemeente, jaar: int, post: Begrotingspost | None, per: str = "aanbieder",
                 peildatum: date | None = None) -> list[Regel]:
    """The forecast of one line (None: the niet toegerekende categories) split per aanbieder, gebied, product or
    leveringsvorm; `sleutel` of each row is that dimension's value. Rows sorted by forecast, largest first."""
    peildatum = peildatum or standaard_peildatum(jaar)
    begroting = Begroting.objects.filter(gemeente=gemeente, jaar=jaar).first()
    post_van = _post_van_categorie(lasten_posten(begroting))
    cellen, _, _ = _cellen(gemeente, jaar, peildatum, (per,))
    rijen: dict[object, Regel] = {}
    for (cat, waarde), cel in cellen.items():
        if post_van.get(cat) != post:
            continue
        rijen.setdefault(waarde, Regel(naam="", sleutel=waarde)).tel(cel)
    return sorted(rijen.values(), key=lambda r: -r.prognose)


def categorieen_van(gemeente: Gemeente, jaar: int, post: Begrotingspost | None) -> list[str] | None:
    """The categories booked on `post` (None: every category on no line → returned as the exclusion list)."""
    begroting = Begroting.objects.filter(gemeente=gemeente, jaar=jaar).first()
    post_van = _post_van_categorie(lasten_posten(begroting))
    if post is None:
        return None
    return [c for c, p in post_van.items() if p == post]


def alle_toegerekende(gemeente: Gemeente, jaar: int) -> list[str]:
    begroting = Begroting.objects.filter(gemeente=gemeente, jaar=jaar).first()
    return list(_post_van_categorie(lasten_posten(begroting)))


__all__ = [
    "DEKKING_EIGEN_BIJDRAGE", "DOMEIN_VAN_WET", "Benutting", "Postregel", "Prognose", "Regel", "alle_toegerekende",
    "categorieen_van", "lasten_posten", "prognose", "standaard_peildatum", "uitsplitsing",
]
