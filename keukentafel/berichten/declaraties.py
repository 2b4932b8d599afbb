"""The 323 declaratie in, the 325 declaratie-antwoord out (IV087, IV088).

A declaration can carry 100,000 prestaties, so the handler is built for throughput: the tree (already parsed and
XSD-validated by `verwerking.ontvang`) is walked once, everything the rules need is preloaded in a few chunked
queries (grants by toewijzingnummer, earlier reference numbers, earlier approved volumes and amounts per grant,
budgets, contract tariffs), the rules run in memory and the outcome is written with `bulk_create`.

Control levels (IV088):

* level 2 (rules checkable within the message; answered with only a Header carrying 0001, nothing stored):
  TR358 total = sum of the prestaties, TR137 ProductPeriode begin <= end <= Dagtekening, TR315 VorigReferentieNummer
  unique in the message, TR316 no debet credited in the same message, TR416 no two debets for the same
  toewijzing/product/period in the message.
* level 3/4 on the berichtklasse Declaratie (code on DeclaratieAntwoord, TotaalToegekendBedrag 0, nothing stored
  as realisation): TR333 9333 declaratienummer unique, TR318 8214 consecutive calendar-month periods.
* level 3/4 per Prestatie (refused prestaties are returned with their codes, grouped per client with 0200):
  TR338 9338, TR304 8187, TR384 9384, TR339 9339, TR340 9340, TR341 9341, TR307 9307, TR308 9308, TR387 9387,
  TR388 9388, TR319 9319, TR321 9321, TR322 9322, TR369 9369, TR418 0611, TR346 9346, TR314 8021, TR323 8017,
  TR389 9389, TR390 9390.

Prestaties are judged whole (IV087): approved or refused. An approved credit marks its debet `gecrediteerd`.
"""

from __future__ import annotations

import calendar
import copy
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import BooleanField, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from lxml import etree

from keukentafel.aanbod.models import Contract, Product, Tarief
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.codelijsten import Eenheid, Frequentie, RedenWijziging, Wet
from keukentafel.inwoners.models import Persoon

from .codes import GOED, TECHNISCH_AFGEKEURD, bericht_namespace
from .models import Berichtstatus, Declaratie, Prestatie, Toewijzingsregel
from .opbouw import Opbouw
from .uitgaand import volgende_identificatie
from .verwerking import Context, Resultaat, verwerker

logger = logging.getLogger("keukentafel.berichten")

VOLLEDIG_TOEGEWEZEN = "8001"
#: Rows per INSERT batch (SQLite).
BLOK = 5000
#: Report progress every this many prestaties.
STAP = 5000


@dataclass(slots=True)
class _Toewijzing:
    """The columns of a grant the rules need (one values() row, no model instance)."""

    id: int
    nummer: int
    persoon_id: int
    bsn: str
    product_id: int
    wet: str
    categorie: str
    code: str
    aanbieder_id: int | None
    contract_id: int | None
    omvang: int
    eenheid: str
    frequentie: str
    begin: date
    eind: date | None
    status: str
    reden_wijziging: str
    leveringsvorm: str


@dataclass(slots=True)
class _Eerder:
    """An earlier stored prestatie of this provider (for TR314, TR323, TR390)."""

    id: int
    goedgekeurd: bool
    debet: bool
    gecrediteerd: bool
    toewijzingnummer: int
    code: str
    begin: date
    eind: date
    volume: int
    eenheid: str
    toegekend: int
    voorziening_id: int | None


@dataclass(slots=True)
class _Regel:
    """One prestatie as read from the 323, and its outcome."""

    el: etree._Element
    client: int
    bsn: str
    ref: str
    vorig: str
    nummer: int
    categorie: str
    code: str
    begin: date
    eind: date
    volume: int
    eenheid: str
    tarief: int | None
    bedrag: int
    codes: list[str] = field(default_factory=list)
    toewijzing: _Toewijzing | None = None
    opslaan: bool = True

    @property
    def debet(self) -> bool:
        return self.bedrag >= 0


# ---------------------------------------------------------------------------------------------------
# Reading the message
# ---------------------------------------------------------------------------------------------------


def _datum(tekst: str, cache: dict[str, date]) -> date:
    d = cache.get(tekst)
    if d is None:
        d = cache[tekst] = date.fromisoformat(tekst.strip())
    return d


def _bedrag(el: etree._Element) -> int:
    """A CDT_(Totaal)BedragMetDC as signed cents."""
    waarde = int(el[0].text)
    return -waarde if el[1].text.strip() == "C" else waarde


def _lees_prestaties(ctx: Context, clienten: etree._Element) -> list[_Regel]:
    """Walk the clients once. The XSD fixed the order of the children, so they are read by position."""
    q = ctx.q
    t_client, t_prestatie = q("Client"), q("Prestatie")
    datums: dict[str, date] = {}
    regels: list[_Regel] = []
    # Comments are dropped by the parser; a processing instruction would shift the positions, so then filter.
    zuiver = not clienten.xpath("boolean(.//processing-instruction())")
    for ci, client in enumerate(clienten.iterchildren(t_client)):
        kinderen = [k for k in client if isinstance(k.tag, str)]
        bsn = kinderen[0].text.strip()
        for p in kinderen[1].iterchildren(t_prestatie):
            if zuiver:
                k = list(p)
            else:
                k = [c for c in p if isinstance(c.tag, str)]
                for c in (k[0], k[4], k[-1]):
                    c[:] = [x for x in c if isinstance(x.tag, str)]
            n = len(k)
            ref = k[0]
            vorig = ""
            if len(ref) > 1:
                vorig = (ref[1].text or "").strip()
            pp = k[4]
            b, e = pp[0].text, pp[1].text
            begin = datums.get(b) or _datum(b, datums)
            eind = datums.get(e) or _datum(e, datums)
            regels.append(_Regel(
                p, ci, bsn, ref[0].text.strip(), vorig, int(k[1].text), k[2].text.strip(), k[3].text.strip(), begin, eind,
                int(k[5].text), k[6].text.strip(), int(k[7].text) if n == 9 else None, _bedrag(k[-1]),
            ))
    return regels


# ---------------------------------------------------------------------------------------------------
# Periods and volumes
# ---------------------------------------------------------------------------------------------------


def _maandeinde(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _volgende_maand(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _weken(b: date, e: date) -> int:
    """Calendar weeks touched by [b, e] (IV077, inspanningsgericht: count the week numbers)."""
    maandag = b - timedelta(days=b.weekday())
    return (e - maandag).days // 7 + 1


def _zondagen(b: date, e: date) -> int:
    eerste = b + timedelta(days=(6 - b.weekday()) % 7)
    return 0 if eerste > e else (e - eerste).days // 7 + 1


def _max_volume(t: _Toewijzing, b: date, e: date, *, looptijd: bool = False) -> int | None:
    """The most that may be delivered over [b, e] under the grant's Omvang and Frequentie (IV077), None = no limit.

    `looptijd` is the TR322 ceiling over the whole grant; for a grant without an end only `totaal` has one.
    """
    if t.frequentie == Frequentie.TOTAAL:
        return t.omvang
    if looptijd:
        if t.eind is None:
            return None
        b, e = t.begin, t.eind
    else:
        b, e = max(b, t.begin), min(e, t.eind) if t.eind else e
        if e < b:
            return 0
    if t.frequentie == Frequentie.PER_DAG:
        return t.omvang * ((e - b).days + 1)
    if t.frequentie == Frequentie.PER_MAAND:
        return t.omvang * ((e.year - b.year) * 12 + e.month - b.month + 1)
    if t.frequentie == Frequentie.PER_WEEK:
        if t.eenheid in (Eenheid.STUKS_OUTPUT, Eenheid.EUROS):
            # Outputgericht: the Sundays in the period, plus one when the grant's last week ends in it unfinished.
            aantal = _zondagen(b, e)
            if t.eind is not None and t.eind.weekday() != 6 and b <= t.eind <= e:
                aantal += 1
            return t.omvang * aantal
        if not looptijd and t.wet == Wet.WMO and t.categorie == "01":
            return t.omvang * 6  # TR321: huishoudelijke hulp per week may be declared up to 6× the weekly volume
        return t.omvang * _weken(b, e)
    return None


def _in_basis(volume: int, eenheid: str, t: _Toewijzing) -> int:
    """Volume in the grant's smallest comparable unit: minutes for a grant in hours (TR341 allows declaring minutes)."""
    if t.eenheid == Eenheid.UUR:
        return volume if eenheid == Eenheid.MINUUT else volume * 60
    return volume


def _factor(t: _Toewijzing) -> int:
    return 60 if t.eenheid == Eenheid.UUR else 1


# ---------------------------------------------------------------------------------------------------
# Preloading
# ---------------------------------------------------------------------------------------------------


def _in_sql(kolom: str, waarden: list) -> tuple[str, str]:
    """`kolom IN waarden` with the whole list as ONE bound parameter: (SQL fragment, parameter).

    100,000 values as separate parameters cost more in Django's lookup code than the query itself (and SQLite caps
    the number of parameters). PostgreSQL gets an array literal (`= ANY`, so the planner knows its length),
    SQLite a JSON text unpacked with json_each. Only model metadata is part of the SQL text.
    """
    if connection.vendor == "postgresql":
        if waarden and isinstance(waarden[0], str):
            lijst = "{" + ",".join('"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"' for w in waarden) + "}"
            return f"{kolom} = ANY(%s::text[])", lijst
        return f"{kolom} = ANY(%s::bigint[])", "{" + ",".join(map(str, waarden)) + "}"
    return f"{kolom} IN (SELECT value FROM json_each(%s))", json.dumps(waarden)  # noqa: S608


def _in(model, kolom: str, waarden: list) -> RawSQL:
    """A queryset filter `kolom IN waarden` (see `_in_sql`)."""
    sql, param = _in_sql(f'"{model._meta.db_table}"."{model._meta.get_field(kolom).column}"', waarden)
    return RawSQL(sql, [param], output_field=BooleanField())  # noqa: S611


def _toewijzingen(ctx: Context, nummers: list[int]) -> dict[int, _Toewijzing]:
    """The gemeente's grants with these numbers, with the client's BSN and the product (raw SQL: 100,000 rows)."""
    if not nummers:
        return {}
    v, p, pr = ToegewezenVoorziening._meta.db_table, Persoon._meta.db_table, Product._meta.db_table
    conditie, param = _in_sql("v.toewijzingnummer", nummers)
    sql = (
        "SELECT v.id, v.toewijzingnummer, v.persoon_id, p.bsn, v.product_id, pr.wet, pr.productcategorie, pr.productcode, "  # noqa: S608
        "v.aanbieder_id, v.contract_id, v.omvang, v.eenheid, v.frequentie, v.begindatum, v.einddatum, v.status, "
        f"v.reden_wijziging, v.leveringsvorm FROM {v} v JOIN {p} p ON p.id = v.persoon_id JOIN {pr} pr ON pr.id = v.product_id "
        f"WHERE v.gemeente_id = %s AND {conditie}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [ctx.gemeente.pk, param])
        return {row[1]: _Toewijzing(*row) for row in cur.fetchall()}


def _eerdere_prestaties(ctx: Context, refs: list[str]) -> dict[str, _Eerder]:
    if not refs:
        return {}
    return {
        ref: _Eerder(*rest)
        for ref, *rest in Prestatie.objects.filter(
            _in(Prestatie, "referentienummer", refs), aanbieder=ctx.aanbieder, wet=ctx.wet
        ).values_list(
            "referentienummer", "id", "goedgekeurd", "debet", "gecrediteerd", "toewijzingnummer", "productcode", "begindatum",
            "einddatum", "geleverd_volume", "eenheid", "toegekend_cent", "voorziening_id",
        )
    }


@dataclass
class _Stand:
    """Running totals per grant: what earlier approved, not credited debets used, plus what this message approves."""

    volume: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    bedrag: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    open_debet: dict[tuple, int] = field(default_factory=lambda: defaultdict(int))
    budget: dict[int, int] = field(default_factory=dict)


def _stand(toewijzingen: dict[int, _Toewijzing], begindata: set[date]) -> _Stand:
    """What earlier approved, not credited debets used per grant: totals aggregated in SQL (one row per grant and
    unit), and the open debets only for the product periods that occur in this message (TR389)."""
    stand = _Stand()
    per_id = {t.id: t for t in toewijzingen.values()}
    ids = sorted(per_id)
    if not ids:
        return stand
    eerder = Prestatie.objects.filter(_in(Prestatie, "voorziening", ids), goedgekeurd=True, debet=True, gecrediteerd=False)
    for vid, eenheid, volume, toegekend in (
        eerder.order_by().values("voorziening_id", "eenheid").annotate(v=Sum("geleverd_volume"), b=Sum("toegekend_cent"))
        .values_list("voorziening_id", "eenheid", "v", "b")
    ):
        stand.volume[vid] += _in_basis(volume, eenheid, per_id[vid])
        stand.bedrag[vid] += toegekend
    conditie, param = _in_sql("voorziening_id", ids)
    pg = connection.vendor == "postgresql"
    data = sorted(begindata) if pg else [d.isoformat() for d in sorted(begindata)]
    sql = (
        "SELECT voorziening_id, productcategorie, productcode, begindatum, einddatum "  # noqa: S608
        f"FROM {Prestatie._meta.db_table} WHERE {conditie} AND goedgekeurd = %s AND debet = %s AND gecrediteerd = %s "
        f"AND begindatum IN ({', '.join(['%s'] * len(data))})"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [param, True, True, False, *data])
        open_debet = stand.open_debet
        for sleutel in cur.fetchall():
            open_debet[sleutel] += 1
    # TR369: the Budget of the latest 301 line sent for the grant, when it had one.
    gezien: set[int] = set()
    for vid, budget in (
        Toewijzingsregel.objects.filter(_in(Toewijzingsregel, "voorziening", ids))
        .order_by("voorziening_id", "-toewijzingsdatum", "-toewijzingstijd", "-id")
        .values_list("voorziening_id", "budget_cent")
    ):
        if vid not in gezien:
            gezien.add(vid)
            if budget is not None:
                stand.budget[vid] = budget
    return stand


class _Tarieven:
    """Contract tariffs of this provider in this gemeente, loaded once; answered per (contract, product, date)."""

    def __init__(self, ctx: Context, product_ids: set[int]):
        self.per_product: dict[int, list[tuple]] = defaultdict(list)
        self.cache: dict[tuple, int | None] = {}
        contracten = Contract.objects.voor_gemeente(ctx.gemeente).filter(aanbieder=ctx.aanbieder)
        for row in Tarief.objects.filter(contract__in=contracten, product_id__in=product_ids).values_list(
            "product_id", "contract_id", "tarief_cent", "geldig_vanaf", "geldig_tot", "contract__begindatum", "contract__einddatum", "id",
        ):
            self.per_product[row[0]].append(row[1:])

    def op(self, contract_id: int | None, product_id: int, d: date) -> int | None:
        """The grant's own contract when it has a tariff that day, otherwise the provider's contract as in `contracttarief`."""
        sleutel = (contract_id, product_id, d)
        if sleutel in self.cache:
            return self.cache[sleutel]
        geldig = [
            r for r in self.per_product.get(product_id, ())
            if r[2] <= d and (r[3] is None or r[3] >= d) and r[4] <= d and (r[5] is None or r[5] >= d)
        ]
        eigen = [r for r in geldig if r[0] == contract_id]
        keuze = min(eigen or geldig, key=lambda r: (r[1], -r[2].toordinal(), r[6]), default=None)
        self.cache[sleutel] = uit = keuze[1] if keuze else None
        return uit


# ---------------------------------------------------------------------------------------------------
# The 325
# ---------------------------------------------------------------------------------------------------


def antwoord_kop(heen: etree._Element, wet: str, *, gemeente, headercodes: list[str]) -> tuple[Opbouw, etree._Element]:
    """A 325 with its Header filled from the 323 (IV087); returns the builder and the Header element.

    Also usable for a refusal on the header (e.g. 8848), where the 325 is the Header only.
    """
    ns = bericht_namespace(wet, "323")
    hh = heen.find(f"{{{ns}}}Header")
    bid = hh.find(f"{{{ns}}}BerichtIdentificatie")
    o = Opbouw(wet, "325")
    h = o.header(hh.find(f"{{{ns}}}Ontvanger").text, hh.find(f"{{{ns}}}Afzender").text, volgende_identificatie(gemeente),
                 timezone.localdate())
    di = o.el(h, "DeclaratieIdentificatie")
    o.basis(di, "Identificatie", bid[0].text)
    o.basis(di, "Dagtekening", bid[1].text)
    o.xsd_versie(h, "XsdVersieDeclaratie", hh.find(f"{{{ns}}}XsdVersie"))
    o.retourcodes(h, headercodes)
    return o, h


def antwoord_alleen_header(heen: etree._Element, wet: str, *, gemeente, headercodes: list[str]) -> Opbouw:
    """The 325 for a 323 refused on its header or on a level-2 rule: only the Header with the code (IV087)."""
    return antwoord_kop(heen, wet, gemeente=gemeente, headercodes=headercodes)[0]


def _totaal(o: Opbouw, ouder: etree._Element, naam: str, bedrag: int) -> None:
    t = o.el(ouder, naam)
    o.basis(t, "TotaalBedrag", abs(bedrag))
    o.basis(t, "DebetCredit", "C" if bedrag < 0 else "D")


def _antwoord(ctx: Context, nummer: str, ingediend: int, toegekend: int, declaratiecodes: list[str],
              afgewezen: list[_Regel]) -> Opbouw:
    o, _ = antwoord_kop(ctx.root, ctx.wet, gemeente=ctx.gemeente, headercodes=[GOED])
    da = o.el(o.root, "DeclaratieAntwoord")
    o.el(da, "DeclaratieNummer", nummer)
    _totaal(o, da, "TotaalIngediendBedrag", ingediend)
    _totaal(o, da, "TotaalToegekendBedrag", toegekend)
    if afgewezen:
        ns_heen, ns = bericht_namespace(ctx.wet, "323"), o.ns
        lengte = len(ns_heen) + 2
        clienten = o.el(da, "Clienten")
        per_client: dict[int, etree._Element] = {}
        for r in afgewezen:
            prestaties = per_client.get(r.client)
            if prestaties is None:
                c = o.el(clienten, "Client")
                o.el(c, "Bsn", r.bsn)
                prestaties = per_client[r.client] = o.el(c, "Prestaties")
                o.retourcodes(c, [GOED])
            kopie = copy.deepcopy(r.el)
            for e in kopie.iter():
                if isinstance(e.tag, str) and e.tag.startswith("{" + ns_heen + "}"):
                    e.tag = f"{{{ns}}}{e.tag[lengte:]}"
            kopie.tail = None
            o.retourcodes(kopie, r.codes)
            prestaties.append(kopie)
    o.retourcodes(da, declaratiecodes or ([VOLLEDIG_TOEGEWEZEN] if not afgewezen else [GOED]))
    etree.cleanup_namespaces(o.root)
    return o


# ---------------------------------------------------------------------------------------------------
# The handler
# ---------------------------------------------------------------------------------------------------


def _niveau2(ctx: Context, regels: list[_Regel], totaal: int, dagtekening: date | None) -> list[tuple[etree._Element, str]]:
    """Rules that need nothing but the message itself (the XSLT level): any finding refuses the whole 323 with 0001."""
    fouten: list[tuple[etree._Element, str]] = []
    if sum(r.bedrag for r in regels) != totaal:
        fouten.append((ctx.root, "TR358: TotaalIngediendBedrag is niet gelijk aan de som van de ingediende bedragen."))
    vorige: set[str] = set()
    debet_refs = {r.ref for r in regels if r.debet}
    debet_sleutels: set[tuple] = set()
    for r in regels:
        if len(fouten) >= 20:
            break
        if r.eind < r.begin or (dagtekening and r.eind > dagtekening):
            fouten.append((r.el, f"TR137: ProductPeriode {r.begin} – {r.eind} loopt niet op of ligt na de dagtekening."))
        if r.vorig:
            if r.vorig in vorige:
                fouten.append((r.el, f"TR315: VorigReferentieNummer {r.vorig} komt vaker voor in het bericht."))
            vorige.add(r.vorig)
            if not r.debet and r.vorig in debet_refs:
                fouten.append((r.el, f"TR316: debetprestatie {r.vorig} wordt in hetzelfde bericht gecrediteerd."))
        if r.debet:
            sleutel = (r.nummer, r.categorie, r.code, r.begin, r.eind)
            if sleutel in debet_sleutels:
                fouten.append((r.el, f"TR416: twee debetprestaties voor toewijzing {r.nummer} over dezelfde periode."))
            debet_sleutels.add(sleutel)
    return fouten


def _periodefout(ctx: Context, begin: date, eind: date, regels: list[_Regel]) -> str | None:
    """TR318: a calendar month, the one after the previous DeclaratiePeriode, unless no care was delivered in between."""
    if begin.day != 1 or eind != _maandeinde(begin):
        return "De DeclaratiePeriode is geen kalendermaand (TR318)."
    vorige = (
        Declaratie.objects.filter(aanbieder=ctx.aanbieder, gemeente=ctx.gemeente, wet=ctx.wet)
        .order_by("-periode_begin").values_list("periode_begin", flat=True).first()
    )
    if vorige is None:
        return None
    verwacht = _volgende_maand(vorige)
    if begin < verwacht:
        return f"De DeclaratiePeriode {begin:%m-%Y} volgt niet op de vorige ({vorige:%m-%Y}) (TR318)."
    if begin > verwacht and any(verwacht <= r.begin < begin for r in regels):
        return (f"De DeclaratiePeriode slaat {verwacht:%m-%Y} over, maar het bericht bevat prestaties uit die maanden; "
                f"die hoorden in een eigen declaratie (TR318).")
    return None


@verwerker("323")
def verwerk_declaratie(ctx: Context) -> Resultaat:
    """Judge every prestatie, store the declaration with its per-line outcome and answer with the 325."""
    q = ctx.q
    decl = ctx.root.find(q("Declaratie"))
    nummer = decl.find(q("DeclaratieNummer")).text.strip()
    per = decl.find(q("DeclaratiePeriode"))
    periode_begin, periode_eind = date.fromisoformat(per[0].text.strip()), date.fromisoformat(per[1].text.strip())
    dagtekening = date.fromisoformat(decl.find(q("DeclaratieDagtekening")).text.strip())
    ingediend = _bedrag(decl.find(q("TotaalIngediendBedrag")))
    regels = _lees_prestaties(ctx, decl.find(q("Clienten")))
    n = len(regels)

    # Level 2: refused as a whole with 0001, the 325 is the Header only; the 323 counts as not sent, so it gives up
    # its BerichtIdentificatie (as an XSD refusal does): the corrected message may come again under the same one.
    fouten = _niveau2(ctx, regels, ingediend, ctx.kop.dagtekening)
    if fouten:
        for el, melding in fouten:
            ctx.afkeur(el, TECHNISCH_AFGEKEURD, melding)
        ctx.headercodes = [TECHNISCH_AFGEKEURD]
        ctx.bericht.status = Berichtstatus.AFGEKEURD
        ctx.bericht.sleutel = None
        ctx.bericht.save(update_fields=["status", "sleutel"])
        o = antwoord_alleen_header(ctx.root, ctx.wet, gemeente=ctx.gemeente, headercodes=[TECHNISCH_AFGEKEURD])
        return Resultaat(antwoord=o, aantal_regels=n, aantal_afgekeurd=n)

    # Declaration level (TR333, TR318): the code on DeclaratieAntwoord, nothing judged or stored as realisation.
    code = melding = None
    if Declaratie.objects.filter(aanbieder=ctx.aanbieder, wet=ctx.wet, declaratienummer=nummer).exists():
        code, melding = "9333", f"Declaratienummer {nummer} is al eerder gebruikt (TR333)."
    else:
        melding = _periodefout(ctx, periode_begin, periode_eind, regels)
        code = "8214" if melding else None
    if code:
        ctx.afkeur(decl, code, melding)
        o = _antwoord(ctx, nummer, ingediend, 0, [code], [])
        return Resultaat(antwoord=o, aantal_regels=n, aantal_afgekeurd=n)

    toegekend, afgewezen, persoon_ids, gecrediteerd = _beoordeel(ctx, regels, periode_eind)
    declaratie = Declaratie.objects.create(
        bericht=ctx.bericht, wet=ctx.wet, gemeente=ctx.gemeente, aanbieder=ctx.aanbieder, declaratienummer=nummer,
        periode_begin=periode_begin, periode_eind=periode_eind, dagtekening=dagtekening, ingediend_cent=ingediend,
        toegekend_cent=toegekend, aantal_prestaties=n, aantal_afgewezen=len(afgewezen),
    )
    _bewaar(ctx, declaratie, regels, gecrediteerd)
    # The monitor's pre-aggregate follows each stored 323 once it is committed (robust: a failure there is logged and
    # never undoes the declaration; `manage.py monitor_verversen` repairs it).
    transaction.on_commit(lambda: _ververs_monitor([declaratie.pk]), robust=True)
    o = _antwoord(ctx, nummer, ingediend, toegekend, [], afgewezen)
    if ctx.voortgang:
        ctx.voortgang(n, n)
    return Resultaat(antwoord=o, aantal_regels=n, aantal_afgekeurd=len(afgewezen),
                     persoon_id=next(iter(persoon_ids)) if len(persoon_ids) == 1 else None)


def _ververs_monitor(declaratie_ids: list[int]) -> None:
    from keukentafel.monitor.aggregaat import ververs  # the monitor reads berichten, not the other way round

    ververs(declaratie_ids)


def _beoordeel(ctx: Context, regels: list[_Regel], periode_eind: date) -> tuple[int, list[_Regel], set[int], list[int]]:
    """Apply the prestatie rules. Credits first, so a credit and its replacing debet can travel in one message."""
    n = len(regels)
    toewijzingen = _toewijzingen(ctx, sorted({r.nummer for r in regels}))
    eerder = _eerdere_prestaties(ctx, sorted({r.ref for r in regels} | {r.vorig for r in regels if r.vorig}))
    stand = _stand(toewijzingen, {r.begin for r in regels})
    tarieven = _Tarieven(ctx, {t.product_id for t in toewijzingen.values()})
    aanbieder_id = ctx.aanbieder.pk
    gecrediteerd: dict[str, int] = {}  # vorig referentienummer -> id of the credited debet
    maandeinde: dict[date, date] = {}
    looptijd: dict[int, int | None] = {}  # TR322 ceiling per grant
    self_gecrediteerd: set[str] = set()

    # TR314: unique for the provider within the law, in the message (first one wins) and against earlier messages.
    gezien: set[str] = set()
    for r in regels:
        if r.ref in eerder or r.ref in gezien:
            r.codes.append("8021")
            r.opslaan = False  # the reference is taken: the line lives on in the XML and the 325 only
        gezien.add(r.ref)
        t = toewijzingen.get(r.nummer)
        # A grant of another provider, another law or a pgb is no ToegewezenProduct this provider received (9338):
        # answering 8187 or another code would tell the provider the number exists for someone else.
        if t is None or t.aanbieder_id != aanbieder_id or t.wet != ctx.wet or t.leveringsvorm == Leveringsvorm.PGB:
            r.codes.insert(0, "9338")
        else:
            r.toewijzing = t

    volgorde = [r for r in regels if not r.debet] + [r for r in regels if r.debet]
    for i, r in enumerate(volgorde):
        if ctx.voortgang and i % STAP == 0:
            ctx.voortgang(i // 2, n)
        t = r.toewijzing
        if t is None:
            continue
        codes = r.codes
        if t.bsn != r.bsn:
            codes.append("8187")
        if r.categorie != t.categorie:
            codes.append("9339")
        if r.code != t.code:
            codes.append("9340")
        eenheid_past = r.eenheid == t.eenheid or (r.eenheid == Eenheid.MINUUT and t.eenheid == Eenheid.UUR)
        if not eenheid_past:
            codes.append("9341")
        if r.eind > periode_eind or r.begin > periode_eind:
            codes.append("9319")
        minuten = r.eenheid == Eenheid.MINUUT and t.eenheid == Eenheid.UUR
        contract = tarieven.op(t.contract_id, t.product_id, r.begin) if r.eenheid != Eenheid.EUROS else None
        if r.eenheid != Eenheid.EUROS:
            # TR346: amount = volume × ProductTarief; minutes against an hourly contract tariff: (hour tariff × minutes) / 60.
            if minuten and contract is not None:
                verwacht = (contract * r.volume + 30) // 60
            else:
                tarief = r.tarief if r.tarief is not None else contract
                verwacht = r.volume * tarief if tarief is not None else None
            if verwacht is not None and abs(r.bedrag) != verwacht:
                codes.append("9346")

        if not r.debet:
            # TR323 / TR390: a credit cancels one earlier approved debet with the same key, once.
            d = eerder.get(r.vorig) if r.vorig else None
            if d is None or not d.goedgekeurd or not d.debet or d.toewijzingnummer != r.nummer or d.code != r.code \
                    or d.begin != r.begin or d.eind != r.eind:
                codes.append("8017")
            elif d.gecrediteerd or r.vorig in self_gecrediteerd:
                codes.append("9390")
            if not codes:
                self_gecrediteerd.add(r.vorig)
                gecrediteerd[r.vorig] = d.id
                if d.voorziening_id == t.id:
                    stand.volume[t.id] -= _in_basis(d.volume, d.eenheid, t)
                    stand.bedrag[t.id] -= d.toegekend
                    stand.open_debet[(t.id, r.categorie, r.code, r.begin, r.eind)] -= 1
            continue

        if t.status == VoorzieningStatus.INGETROKKEN and t.reden_wijziging == RedenWijziging.VERWIJDERD:
            codes.append("9384")
        if r.begin < t.begin:
            codes.append("9307")
        if t.eind is not None and r.eind > t.eind:
            codes.append("9308")
        if r.begin != max(r.begin.replace(day=1), t.begin) and r.begin >= t.begin:
            codes.append("9387")
        eind_verwacht = maandeinde.get(r.begin)
        if eind_verwacht is None:
            eind_verwacht = maandeinde[r.begin] = _maandeinde(r.begin)
        if t.eind is not None and t.eind < eind_verwacht:
            eind_verwacht = t.eind
        if r.eind != eind_verwacht and (t.eind is None or r.eind <= t.eind):
            codes.append("9388")
        if contract is None and r.eenheid != Eenheid.EUROS:
            codes.append("0611")
        elif r.tarief is not None and contract is not None and r.tarief != ((contract + 30) // 60 if minuten else contract):
            codes.append("0611")
        sleutel = (t.id, r.categorie, r.code, r.begin, r.eind)
        if stand.open_debet.get(sleutel, 0) > 0:
            codes.append("9389")
        if eenheid_past:
            volume = _in_basis(r.volume, r.eenheid, t)
            factor = _factor(t)
            maximum = _max_volume(t, r.begin, r.eind)
            if maximum is not None and volume > maximum * factor:
                codes.append("9321")
            totaal = looptijd.get(t.id, -1)
            if totaal == -1:
                totaal = looptijd[t.id] = _max_volume(t, r.begin, r.eind, looptijd=True)
            if totaal is not None and stand.volume[t.id] + volume > totaal * factor:
                codes.append("9322")
        budget = stand.budget.get(t.id)
        if budget is not None and stand.bedrag[t.id] + r.bedrag > budget:
            codes.append("9369")
        if not codes:
            stand.volume[t.id] += _in_basis(r.volume, r.eenheid, t)
            stand.bedrag[t.id] += r.bedrag
            stand.open_debet[sleutel] += 1

    toegekend = 0
    afgewezen: list[_Regel] = []
    persoon_ids: set[int] = set()
    for r in regels:
        if r.codes:
            afgewezen.append(r)
            if len(ctx.bericht.fouten) < 1000:
                ctx.afkeur(r.el, r.codes[0], f"Prestatie {r.ref} afgewezen: {', '.join(r.codes)}.")
        else:
            toegekend += r.bedrag
        if r.toewijzing is not None:
            persoon_ids.add(r.toewijzing.persoon_id)
    return toegekend, afgewezen, persoon_ids, sorted(gecrediteerd.values())


_KOLOMMEN = [f.column for f in Prestatie._meta.concrete_fields if not f.primary_key]


#: NULL in PostgreSQL's COPY text format.
NULL = "\\N"


def _copy_tekst(s: str) -> str:
    """A value for PostgreSQL COPY text format (only free-text columns can hold these characters)."""
    if "\\" in s or "\t" in s or "\n" in s or "\r" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return s


def _bewaar(ctx: Context, declaratie: Declaratie, regels: list[_Regel], gecrediteerd: list[int]) -> None:
    """Insert the prestaties with their outcome; approved credits mark their debet.

    Straight SQL instead of `bulk_create`: COPY (text format, built here) on PostgreSQL, executemany on SQLite.
    Django's per-value preparation in bulk_create cost more than all the rules together at 100,000 rows.
    """
    n = len(regels)
    aanbieder_id, wet, did = ctx.aanbieder.pk, ctx.wet, declaratie.pk
    tabel, kolommen = Prestatie._meta.db_table, ", ".join(_KOLOMMEN)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            vast = f"{did}\t{aanbieder_id}\t{wet}\t"
            delen = []
            for r in regels:
                if not r.opslaan:
                    continue
                t = r.toewijzing
                goed = not r.codes
                delen.append(vast + "\t".join((
                    str(t.id) if t else NULL, str(t.persoon_id) if t else NULL, _copy_tekst(r.ref), _copy_tekst(r.vorig), str(r.nummer),
                    _copy_tekst(r.categorie), _copy_tekst(r.code), r.begin.isoformat(), r.eind.isoformat(), str(r.volume),
                    _copy_tekst(r.eenheid), NULL if r.tarief is None else str(r.tarief), str(r.bedrag), "t" if r.bedrag >= 0 else "f",
                    "t" if goed else "f", str(r.bedrag) if goed else "0", ",".join(r.codes), "f\n",
                )))
            if ctx.voortgang:
                ctx.voortgang(n * 3 // 4, n)
            with cur.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as cp:
                for i in range(0, len(delen), BLOK):
                    cp.write("".join(delen[i:i + BLOK]))
        else:
            rijen = []
            for r in regels:
                if not r.opslaan:
                    continue
                t = r.toewijzing
                goed = not r.codes
                rijen.append((
                    did, aanbieder_id, wet, t.id if t else None, t.persoon_id if t else None, r.ref, r.vorig, r.nummer, r.categorie,
                    r.code, r.begin.isoformat(), r.eind.isoformat(), r.volume, r.eenheid, r.tarief, r.bedrag, r.bedrag >= 0, goed,
                    r.bedrag if goed else 0, ",".join(r.codes), False,
                ))
            if ctx.voortgang:
                ctx.voortgang(n * 3 // 4, n)
            sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({', '.join(['%s'] * len(_KOLOMMEN))})"  # noqa: S608  (model metadata)
            for i in range(0, len(rijen), BLOK):
                cur.executemany(sql, rijen[i:i + BLOK])
    if gecrediteerd:
        Prestatie.objects.filter(_in(Prestatie, "id", gecrediteerd)).update(gecrediteerd=True)


__all__ = ["VOLLEDIG_TOEGEWEZEN", "antwoord_alleen_header", "antwoord_kop", "verwerk_declaratie"]
