"""Forecast to year end per budget line and gebied: realisation so far + remaining commitment × utilisation ratio.

Method (the README repeats it):

* **Gerealiseerd**: approved declarations and PGB spending delivered from 1 January up to the peildatum.
* **Venster** (the history window): 1 January up to the end of the last month with approved declarations or PGB
  spending (never past the peildatum). Declarations lag; the window ends where the realisation is known.
* **Benuttingsgraad** per productcategorie = realisation in the window ÷ commitment in the window. A category
  without commitment in the window takes the ratio of the whole previous year; without that either, 100 %.
  A negative realisation counts as 0.
* **Prognose** = gerealiseerd + commitment from the day after the window to 31 December × the ratio, rounded
  (half away from zero) once per cell (productcategorie × gebied, or × aanbieder in the drill-down).
* A lasten line covers the categories in its `dekking`; a category on several lines counts on the first.
  Categories on no line are "niet toegerekend". Lines without dekking (gebiedsteams, subsidies, the saldo line)
  are forecast at their budget.
* Warning when prognose > begroot × (100 + waarschuwing_procent) / 100.
* Area budgets: the line's budget split over the gebieden by number of inhabitants (`bedragen.verdeel`).
"""

from __future__ import annotations

from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from keukentafel.accounts.models import Gebied, Gemeente

from .bedragen import afronden
from .begroting import bedragen_op
from .gebiedsbudget import gebiedsbudgetten
from .models import Begroting, Begrotingspost, Domein, Postsoort, Verdeelsleutel
from .realisatie import laatste_leverdatum, realisatie
from .verplichting import verplichtingen

#: Wet of a product → the budget's domein.
DOMEIN_VAN_WET = {"wmo": Domein.WMO, "jeugdwet": Domein.JEUGD}
NIET_TOEGEREKEND = "Niet toegerekend"
GEBIED_ONBEKEND = "Gebied onbekend"


@dataclass(frozen=True, slots=True)
class Benutting:
    """Utilisation ratio of one productcategorie: gedeclareerd ÷ verplicht over `bron` ("venster", "vorig jaar", "100%")."""

    gedeclareerd: int
    verplicht: int
    bron: str

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

    def tel(self, cel: Cel) -> None:
        self.verplicht += cel.verplicht
        self.gerealiseerd += cel.gerealiseerd
        self.prognose += cel.prognose


@dataclass(slots=True)
class Postregel(Regel):
    post: Begrotingspost | None = None
    domein: str = ""
    categorieen: list[str] = field(default_factory=list)
    gedekt: bool = True
    gebieden: list[Regel] = field(default_factory=list)


@dataclass(slots=True)
class Prognose:
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


def standaard_peildatum(jaar: int, vandaag: date | None = None) -> date:
    """Today, clamped into the year (a past year: 31 December; a future year: 1 January)."""
    vandaag = vandaag or timezone.localdate()
    return min(max(vandaag, date(jaar, 1, 1)), date(jaar, 12, 31))


def _einde_maand(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])


def _venster(gemeente: Gemeente, jaar: int, peildatum: date) -> tuple[date, date] | None:
    laatste = laatste_leverdatum(gemeente, date(jaar, 1, 1), peildatum)
    return None if laatste is None else (date(jaar, 1, 1), min(_einde_maand(laatste), peildatum))


Venster = tuple[date, date] | None


def _cellen(gemeente: Gemeente, jaar: int, peildatum: date, per: tuple[str, ...]) -> tuple[dict[tuple, Cel], dict[str, Benutting], Venster]:
    """Cells keyed (productcategorie, *per): commitment, realisation and forecast, with the ratios used."""
    jan1, dec31 = date(jaar, 1, 1), date(jaar, 12, 31)
    peildatum = min(max(peildatum, jan1), dec31)
    venster = _venster(gemeente, jaar, peildatum)
    sleutels = ("productcategorie", *per)
    cellen: dict[tuple, Cel] = defaultdict(Cel)
    for k, v in verplichtingen(gemeente, jaar, per=sleutels).items():
        cellen[k].verplicht = v
    for k, v in realisatie(gemeente, jan1, peildatum, per=sleutels).items():
        cellen[k].gerealiseerd = v
    rest_van = venster[1] + timedelta(days=1) if venster else jan1
    if rest_van <= dec31:
        for k, v in verplichtingen(gemeente, per=sleutels, van=rest_van, tot=dec31).items():
            cellen[k].rest = v
    benutting = _benutting(gemeente, jaar, venster, cellen)
    for k, cel in cellen.items():
        b = benutting[k[0]]
        cel.prognose = cel.gerealiseerd + afronden(cel.rest * b.gedeclareerd, b.verplicht)
    return dict(cellen), benutting, venster


def _benutting(gemeente: Gemeente, jaar: int, venster: tuple[date, date] | None, cellen: dict[tuple, Cel]) -> dict[str, Benutting]:
    categorieen = {k[0] for k in cellen}
    gedeclareerd: dict[str, int] = defaultdict(int)
    for k, cel in cellen.items():  # the realisation up to the peildatum is exactly the window's
        gedeclareerd[k[0]] += cel.gerealiseerd
    in_venster = verplichtingen(gemeente, van=venster[0], tot=venster[1]) if venster else {}
    uit: dict[str, Benutting] = {}
    for c in categorieen:
        if in_venster.get((c,), 0) > 0:
            uit[c] = Benutting(max(gedeclareerd[c], 0), in_venster[(c,)], "venster")
    ontbrekend = categorieen - set(uit)
    if ontbrekend:
        vorig_v = verplichtingen(gemeente, jaar - 1)
        vorig_r = realisatie(gemeente, date(jaar - 1, 1, 1), date(jaar - 1, 12, 31))
        for c in ontbrekend:
            if vorig_v.get((c,), 0) > 0:
                uit[c] = Benutting(max(vorig_r.get((c,), 0), 0), vorig_v[(c,)], "vorig jaar")
            else:
                uit[c] = Benutting(1, 1, "100%")
    return uit


def _post_van_categorie(posten: list[Begrotingspost]) -> dict[str, Begrotingspost]:
    uit: dict[str, Begrotingspost] = {}
    for p in posten:
        if p.soort == Postsoort.LASTEN and not p.saldopost:
            for c in p.dekking or []:
                uit.setdefault(c, p)
    return uit


def _gebiedsbudgetten(post: Begrotingspost, peildatum: date) -> dict[int, int]:
    """The line's area budgets by its verdeelsleutel (`gebiedsbudget`); a line without one by inhabitants."""
    return {gb.gebied.id: gb.bedrag_cent
            for gb in gebiedsbudgetten(post, peildatum, sleutel=post.verdeelsleutel or Verdeelsleutel.INWONERS)}


def lasten_posten(begroting: Begroting | None) -> list[Begrotingspost]:
    return [p for p in begroting.posten.all() if p.soort == Postsoort.LASTEN] if begroting else []


def prognose(gemeente: Gemeente, jaar: int, peildatum: date | None = None) -> Prognose:
    """The forecast of every lasten line of the gemeente's budget for `jaar`, per line, gebied and domein."""
    peildatum = peildatum or standaard_peildatum(jaar)
    begroting = Begroting.objects.filter(gemeente=gemeente, jaar=jaar).first()
    posten = lasten_posten(begroting)
    bedragen = bedragen_op(begroting, peildatum) if begroting else {}
    gebieden = list(Gebied.objects.filter(gemeente=gemeente).order_by("naam"))
    cellen, benutting, venster = _cellen(gemeente, jaar, peildatum, ("gebied",))
    post_van = _post_van_categorie(posten)

    regels: dict[int, Postregel] = {}
    for p in posten:
        gedekt = bool(p.dekking) and not p.saldopost
        r = Postregel(naam=p.naam, begroot=bedragen.get(p.id, 0), waarschuwing_procent=p.waarschuwing_procent, post=p,
                      domein=p.domein, categorieen=[c for c in p.dekking or [] if post_van.get(c) == p], gedekt=gedekt)
        if not gedekt:
            r.prognose = r.begroot
        else:
            per_gebied = _gebiedsbudgetten(p, peildatum)
            r.gebieden = [Regel(naam=g.naam, begroot=per_gebied.get(g.id, 0), waarschuwing_procent=p.waarschuwing_procent,
                                sleutel=g.id) for g in gebieden]
        regels[p.id] = r
    niet = Postregel(naam=NIET_TOEGEREKEND, gedekt=True)
    for (cat, gebied_id), cel in sorted(cellen.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        p = post_van.get(cat)
        r = regels[p.id] if p else niet
        if p is None and cat not in r.categorieen:
            r.categorieen.append(cat)
        r.tel(cel)
        g = next((x for x in r.gebieden if x.sleutel == gebied_id), None)
        if g is None:
            g = Regel(naam=GEBIED_ONBEKEND if gebied_id is None else _gebiednaam(gebieden, gebied_id),
                      waarschuwing_procent=r.waarschuwing_procent, sleutel=gebied_id)
            r.gebieden.append(g)
        g.tel(cel)

    domeinen: list[Regel] = []
    for domein, label in Domein.choices:
        rs = [r for r in regels.values() if r.domein == domein]
        if rs:
            d = Regel(naam=str(label), sleutel=domein)
            for r in rs:
                d.begroot += r.begroot
                d.verplicht += r.verplicht
                d.gerealiseerd += r.gerealiseerd
                d.prognose += r.prognose
            domeinen.append(d)
    totaal = Regel(naam="Totaal")
    for r in [*domeinen, niet]:
        totaal.begroot += r.begroot
        totaal.verplicht += r.verplicht
        totaal.gerealiseerd += r.gerealiseerd
        totaal.prognose += r.prognose
    return Prognose(gemeente, jaar, peildatum, begroting, venster, benutting, list(regels.values()), niet, domeinen, totaal)


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
    "Benutting", "Postregel", "Prognose", "Regel", "alle_toegerekende", "categorieen_van", "lasten_posten", "prognose",
    "standaard_peildatum", "uitsplitsing",
]
