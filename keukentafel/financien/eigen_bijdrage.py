"""The eigen bijdrage per household and period, explainable line by line, and the period run for a whole gemeente.

Steps (each one an explanation line; the README repeats them):

1. The rule: the gemeente's `Bijdrageregeling` in force on the period's first day (`bijdrageregels.geldende_regel`);
   the period is the rule's 4-week period or calendar month containing that day.
2. Which grants count: the household's Wmo maatwerk (ToegewezenVoorziening, ZIN/pgb/pvb) overlapping the period.
   Jeugdwet grants never count (no eigen bijdrage); algemene voorzieningen are not grants, so they never count;
   product types in the rule's `vrijgestelde_categorieen` ("wmo:15" or "wmo:15:CODE") are exempt, with the reason.
3. Anti-cumulation: ONE contribution per household for all its counting grants, whichever member holds them.
4. Cost price of the counting grants over the period: the cap. The commitment (`bedragen.verplichting`), except a
   per-maand grant under a rule billing per calendar month (`kostprijs_voorziening`): one month's amount (omvang × tarief) per
   whole calendar month, a part of a month pro rata days / days in that month — so a grant's cost over February is
   exactly one month's amount, never 12 × 28/365 of it.
5. The household: type and AOW status and toetsingsinkomen from `Huishoudinkomen` of the period's year; without
   one, type and AOW status follow from the members (partner present; birth dates vs the rule's AOW age).
6. Exemptions of the household: a household key in `vrijgestelde_huishoudens`, or an income at or below
   `vrijstelling_tot_inkomen` (minimum incomes) → 0.
7. The amount by the rule's kind: abonnementstarief; or minimum + percentage × (income − limit) ÷ periods per year
   (13 or 12), with for `inkomen_min_max` a maximum. Rounded once, half away from zero (`bedragen.afronden`).
   Without a known toetsingsinkomen an income-dependent rule levies only its minimum (the vaste bijdrage, or
   `minimum_cent`): every household with counting maatwerk pays at least the minimum, the income-dependent part
   follows once the CAK knows the income (no minimum-income exemption can be assessed without an income).
8. Capped at the cost price; the final amount.

`bereken_periode` does this for every household of a gemeente in a few queries and stores the results (upsert on
household + period; a rerun replaces, households no longer liable are removed) together with its audit record, in one
transaction.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening
from keukentafel.besluiten.regels import euro
from keukentafel.codelijsten import Eenheid, Frequentie, Wet
from keukentafel.inwoners.models import Huishouden, Huishoudlid, LidRol

from .bedragen import afronden, dagen, verplichting
from .bijdrageregels import HUISHOUDSLEUTEL_LABELS, PERIODEN_PER_JAAR, geldende_regel, huishoudsleutel, periode_van
from .blokken import blokken
from .models import Bijdrageberekening, Bijdrageregeling, Bijdragesoort, Huishoudinkomen, Huishoudtype, Periodelengte

_VZ_VELDEN = (
    "id",
    "persoon_id",
    "huishouden_id",
    "toewijzingnummer",
    "leveringsvorm",
    "tarief_cent",
    "omvang",
    "eenheid",
    "frequentie",
    "begindatum",
    "einddatum",
    "product__wet",
    "product__productcategorie",
    "product__productcode",
)
_FREQ = {k: v.lower() for k, v in Frequentie.choices}
_EENHEID = {k: v.lower() for k, v in Eenheid.choices}
_LV = {Leveringsvorm.ZIN: "ZIN", Leveringsvorm.PGB: "pgb", Leveringsvorm.PVB: "pvb"}
_PARTNERROLLEN = {LidRol.AANVRAGER, LidRol.PARTNER}


def getal(waarde: Decimal) -> str:
    """A decimal in Dutch notation for explanation lines: Decimal("12.5") → "12,5"."""
    return f"{waarde.normalize():f}".replace(".", ",")


def kostprijs_voorziening(vz: dict, van: date, tot: date, periodelengte: str) -> int:
    """The cost of one grant over [van, tot] in cents (the cap's part). Per-maand grants under a rule that bills per
    calendar month: omvang × tarief per whole calendar month of the grant inside the span, days / days in that month
    for a part of a month; rounded once. Otherwise the commitment of `bedragen.verplichting`."""
    if periodelengte != Periodelengte.MAAND or vz["frequentie"] != Frequentie.PER_MAAND:
        return verplichting(
            omvang=vz["omvang"],
            frequentie=vz["frequentie"],
            tarief_cent=vz["tarief_cent"],
            begindatum=vz["begindatum"],
            einddatum=vz["einddatum"],
            van=van,
            tot=tot,
        )
    a, b = max(van, vz["begindatum"]), min(tot, vz["einddatum"] or tot)
    maandbedrag, totaal = vz["omvang"] * vz["tarief_cent"], Fraction(0)
    maand = date(a.year, a.month, 1)
    while maand <= b:
        volgende = date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)
        d, n = dagen(max(a, maand), min(b, volgende - timedelta(days=1))), (volgende - maand).days
        totaal += maandbedrag if d == n else Fraction(maandbedrag * d, n)
        maand = volgende
    return afronden(totaal.numerator, totaal.denominator)


@dataclass
class Huishoudgegevens:
    """What the contribution depends on besides the grants."""

    huishoudtype: str
    aow: bool
    inkomen_cent: int | None
    bron: str

    @property
    def sleutel(self) -> str:
        return huishoudsleutel(self.huishoudtype, self.aow)


@dataclass
class Berekening:
    """The contribution of one household for one period, with the explanation (`regels`: omschrijving + bedrag)."""

    huishouden_id: int
    regeling: Bijdrageregeling | None
    periode_begin: date
    periode_eind: date
    bedrag_cent: int = 0
    kostprijs_cent: int = 0
    regels: list[dict[str, Any]] = field(default_factory=list)
    voorzieningen: list[int] = field(default_factory=list)  # the counting grants' ids

    def regel(self, omschrijving: str, bedrag_cent: int | None = None, **extra: Any) -> None:
        self.regels.append({"omschrijving": omschrijving, "bedrag_cent": bedrag_cent, **extra})

    @property
    def telt(self) -> bool:
        """Whether the household has counting grants (only then it is stored by the period run)."""
        return bool(self.voorzieningen)


@dataclass
class Periodeoverzicht:
    gemeente_id: int
    regeling: Bijdrageregeling
    periode_begin: date
    periode_eind: date
    aantal_huishoudens: int
    aantal_met_bijdrage: int
    totaal_bedrag_cent: int
    totaal_kostprijs_cent: int
    verwijderd: int
    seconden: float


def leeftijd_maanden(geboortedatum: date, op: date) -> int:
    return (op.year - geboortedatum.year) * 12 + op.month - geboortedatum.month - (op.day < geboortedatum.day)


def _uit_leden(leden: list[tuple[str, date]], aow_maanden: int, op: date) -> Huishoudgegevens:
    """Type and AOW status from the members: meerpersoons with a partner; AOW when every partner has reached it."""
    partners = [gd for rol, gd in leden if rol in _PARTNERROLLEN] or [gd for _, gd in leden[:1]]
    meer = any(rol == LidRol.PARTNER for rol, _ in leden)
    aow = bool(partners) and all(leeftijd_maanden(gd, op) >= aow_maanden for gd in partners)
    return Huishoudgegevens(
        Huishoudtype.MEERPERSOONS if meer else Huishoudtype.EENPERSOONS,
        aow,
        None,
        "afgeleid uit de huishoudleden en geboortedatums; geen toetsingsinkomen bekend",
    )


def _vrijstelling(regel: Bijdrageregeling, vz: dict) -> str | None:
    """Why a grant does not count, or None when it does."""
    if vz["product__wet"] != Wet.WMO:
        return "Jeugdwet: geen eigen bijdrage"
    cat = f"wmo:{vz['product__productcategorie']}"
    for sleutel in (f"{cat}:{vz['product__productcode']}", cat):
        if sleutel in regel.vrijgestelde_categorieen:
            reden = (regel.parameters.get("vrijstelling_redenen") or {}).get(sleutel, "productsoort vrijgesteld in de regeling")
            return f"vrijgesteld ({sleutel}): {reden}"
    return None


def _omschrijf(vz: dict) -> str:
    eind = f"{vz['einddatum']:%d-%m-%Y}" if vz["einddatum"] else "open"
    return (
        f"toewijzing {vz['toewijzingnummer']}, productcode {vz['product__productcode']} "
        f"(categorie {vz['product__productcategorie']}), {_LV.get(vz['leveringsvorm'], vz['leveringsvorm'])}, "
        f"{vz['omvang']} {_EENHEID.get(vz['eenheid'], vz['eenheid'])} {_FREQ.get(vz['frequentie'], '')}, "
        f"{vz['begindatum']:%d-%m-%Y} t/m {eind}"
    )


def _reken(regel: Bijdrageregeling, pb: date, pe: date, huishouden_id: int, vzs: Iterable[dict], gegevens: Huishoudgegevens) -> Berekening:
    """The calculation proper, in memory: no queries."""
    b = Berekening(huishouden_id, regel, pb, pe)
    p = regel.parameters
    kop = regel.__dict__.get("_kop")
    if kop is None or kop[0] != (pb, pe):  # the same two lines for every household of a run
        kop = regel.__dict__["_kop"] = (
            (pb, pe),
            f"Regeling: {regel.naam} ({regel.get_soort_display()}, {regel.get_periodelengte_display().lower()}). Bron: {regel.bron}",
            f"Periode: {pb:%d-%m-%Y} t/m {pe:%d-%m-%Y}",
        )
    b.regel(kop[1])
    b.regel(kop[2])
    kostprijs, personen = 0, set()
    for vz in vzs:
        reden = _vrijstelling(regel, vz)
        if reden:
            b.regel(f"Telt niet mee: {_omschrijf(vz)} — {reden}", None, voorziening_id=vz["id"], telt=False)
            continue
        kosten = kostprijs_voorziening(vz, pb, pe, regel.periodelengte)
        kostprijs += kosten
        personen.add(vz["persoon_id"])
        b.voorzieningen.append(vz["id"])
        maandwijs = regel.periodelengte == Periodelengte.MAAND and vz["frequentie"] == Frequentie.PER_MAAND
        toelichting = " (het maandbedrag per hele kalendermaand, een deel van een maand naar dagen)" if maandwijs else ""
        b.regel(f"Telt mee: {_omschrijf(vz)}; kostprijs in de periode{toelichting}", kosten, voorziening_id=vz["id"], telt=True)
    b.kostprijs_cent = kostprijs
    if not b.voorzieningen:
        b.regel("Geen meetellende maatwerkvoorziening in de periode: geen eigen bijdrage", 0)
        return b
    b.regel(
        f"Anticumulatie: één bijdrage voor het huishouden voor {len(b.voorzieningen)} voorziening(en) van {len(personen)} huishoudlid/leden"
    )
    b.regel("Kostprijs van de meetellende voorzieningen in de periode (plafond)", kostprijs)
    b.regel(f"Huishouden: {HUISHOUDSLEUTEL_LABELS[gegevens.sleutel]} ({gegevens.bron})")

    if gegevens.sleutel in p.get("vrijgestelde_huishoudens", []):
        b.regel(f"Vrijgesteld: de regeling heft geen bijdrage van een {HUISHOUDSLEUTEL_LABELS[gegevens.sleutel]}", 0)
        b.regel("Eigen bijdrage voor de periode", 0)
        return b
    inkomen = gegevens.inkomen_cent
    grens_min = (p.get("vrijstelling_tot_inkomen") or {}).get(gegevens.sleutel)
    if inkomen is not None:
        b.regel("Toetsingsinkomen (jaar)", inkomen)
    if grens_min is not None and inkomen is not None and inkomen <= grens_min:
        b.regel(f"Vrijgesteld: minimuminkomen (inkomen tot en met {euro(grens_min)} betaalt niets)", 0)
        b.regel("Eigen bijdrage voor de periode", 0)
        return b

    if regel.soort == Bijdragesoort.ABONNEMENT:
        bedrag = p["tarief_cent"]
        b.regel("Abonnementstarief per periode", bedrag)
    elif inkomen is None:
        minimum = p["minimum"][gegevens.sleutel] if regel.soort == Bijdragesoort.INKOMENSAFHANKELIJK else p["minimum_cent"]
        b.regel(
            "Geen toetsingsinkomen bekend: alleen de minimumbijdrage per periode; het inkomensafhankelijke deel volgt "
            "zodra het CAK het inkomen kent",
            minimum,
        )
        bedrag = minimum
    else:
        grens = p["inkomensgrens"][gegevens.sleutel]
        pct = Decimal(str(p["percentage"]))
        per_jaar = PERIODEN_PER_JAAR[regel.periodelengte]
        boven = max(0, inkomen - grens)
        b.regel("Inkomensgrens", grens)
        b.regel("Inkomen boven de grens", boven)
        deel = Fraction(pct) / 100 * boven / per_jaar
        deel_cent = afronden(deel.numerator, deel.denominator)
        b.regel(f"{getal(pct)} % van het inkomen boven de grens, gedeeld door {per_jaar} perioden", deel_cent)
        if regel.soort == Bijdragesoort.INKOMENSAFHANKELIJK:
            minimum = p["minimum"][gegevens.sleutel]
            b.regel("Vaste bijdrage (minimum) per periode", minimum)
            bedrag = minimum + deel_cent
        else:
            minimum, maximum = p["minimum_cent"], p["maximum_cent"]
            bedrag = minimum + deel_cent
            b.regel("Minimum per periode", minimum)
            if bedrag > maximum:
                b.regel("Maximum per periode: de bijdrage wordt hierop begrensd", maximum)
                bedrag = maximum
        b.regel("Bijdrage volgens de regeling", bedrag)
    if bedrag > kostprijs:
        b.regel("Plafond: de bijdrage is nooit hoger dan de kostprijs van de voorzieningen", kostprijs)
        bedrag = kostprijs
    b.bedrag_cent = bedrag
    b.regel("Eigen bijdrage voor de periode", bedrag)
    return b


def _laad(gemeente_id: int, pb: date, pe: date, huishouden_id: int | None = None) -> dict[int, list[dict]]:
    """Grants of the gemeente overlapping [pb, pe], per household (the grant's own, else the holder's on pb)."""
    qs = ToegewezenVoorziening.objects.filter(gemeente_id=gemeente_id).overlappend(pb, pe)
    if huishouden_id is not None:
        personen = Huishoudlid.objects.actief_op(pb).filter(huishouden_id=huishouden_id).values("persoon_id")
        qs = qs.filter(Q(huishouden_id=huishouden_id) | Q(huishouden__isnull=True, persoon_id__in=personen))
    per_huishouden: dict[int, list[dict]] = defaultdict(list)
    zonder: list[dict] = []
    for vz in qs.order_by("toewijzingnummer").values(*_VZ_VELDEN):
        (per_huishouden[vz["huishouden_id"]] if vz["huishouden_id"] else zonder).append(vz)
    if zonder:
        personen_ids = sorted({vz["persoon_id"] for vz in zonder})
        lid_van: dict[int, int] = {}
        for blok in blokken(personen_ids):
            lid_van.update(Huishoudlid.objects.actief_op(pb).filter(persoon_id__in=blok).values_list("persoon_id", "huishouden_id"))
        for vz in zonder:
            hh = lid_van.get(vz["persoon_id"])
            if hh is not None and (huishouden_id is None or hh == huishouden_id):
                per_huishouden[hh].append(vz)
    return per_huishouden


def _huishoudgegevens(regel: Bijdrageregeling, huishouden_ids: list[int], pb: date) -> dict[int, Huishoudgegevens]:
    """Income records of the period's year; for households without one, type and AOW from the members."""
    uit: dict[int, Huishoudgegevens] = {}
    for blok in blokken(huishouden_ids):
        for hh, soort, aow, inkomen, bron in Huishoudinkomen.objects.filter(jaar=pb.year, huishouden_id__in=blok).values_list(
            "huishouden_id", "huishoudtype", "aow_leeftijd", "toetsingsinkomen_cent", "bron"
        ):
            uit[hh] = Huishoudgegevens(soort, aow, inkomen, f"toetsingsinkomen {pb.year}: {bron}")
    zonder = [hh for hh in huishouden_ids if hh not in uit]
    leden: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for blok in blokken(zonder):
        for hh, rol, gd in (
            Huishoudlid.objects.actief_op(pb)
            .filter(huishouden_id__in=blok)
            .order_by("begindatum", "id")
            .values_list("huishouden_id", "rol", "persoon__geboortedatum")
        ):
            leden[hh].append((rol, gd))
    aow_maanden = regel.parameters.get("aow_leeftijd_maanden", 804)
    for hh in zonder:
        uit[hh] = _uit_leden(leden.get(hh, []), aow_maanden, pb)
    return uit


def _regel_en_periode(gemeente_id: int, periode_begin: date, periode_eind: date | None) -> tuple[Bijdrageregeling, date, date]:
    regel = geldende_regel(gemeente_id, periode_begin)
    if regel is None:
        raise ValueError(f"Er geldt geen eigen-bijdrageregeling op {periode_begin:%d-%m-%Y}; laad of voeg een regeling toe.")
    if periode_eind is None:
        return (regel, *periode_van(regel, periode_begin))
    if periode_eind < periode_begin:
        raise ValueError("Het einde van de periode ligt vóór het begin.")
    return regel, periode_begin, periode_eind


def bereken(
    huishouden: Huishouden | int, periode_begin: date, periode_eind: date | None = None, *, gemeente: Gemeente | int | None = None
) -> Berekening:
    """The contribution of one household for the period that starts at (or, without an end, contains) `periode_begin`.

    The gemeente is the household's (address), else `gemeente`, else the gemeente of its grants.
    """
    hh_id = huishouden if isinstance(huishouden, int) else huishouden.pk
    gemeente_id = gemeente if isinstance(gemeente, int) else getattr(gemeente, "pk", None)
    if gemeente_id is None:
        gemeente_id = Huishouden.objects.filter(pk=hh_id).values_list("gemeente_id", flat=True).first()
    if gemeente_id is None:
        personen = Huishoudlid.objects.actief_op(periode_begin).filter(huishouden_id=hh_id).values("persoon_id")
        gemeente_id = (
            ToegewezenVoorziening.objects.filter(Q(huishouden_id=hh_id) | Q(persoon_id__in=personen))
            .values_list("gemeente_id", flat=True)
            .first()
        )
    if gemeente_id is None:
        raise ValueError("Dit huishouden hoort bij geen gemeente en heeft geen voorzieningen.")
    regel, pb, pe = _regel_en_periode(gemeente_id, periode_begin, periode_eind)
    vzs = _laad(gemeente_id, pb, pe, hh_id).get(hh_id, [])
    gegevens = _huishoudgegevens(regel, [hh_id], pb)[hh_id]
    return _reken(regel, pb, pe, hh_id, vzs, gegevens)


_KOLOMMEN = ("huishouden_id", "regeling_id", "periode_begin", "periode_eind", "bedrag_cent", "kostprijs_cent", "regels", "berekend_op")


def _schrijf(regel: Bijdrageregeling, pb: date, pe: date, rijen: list[tuple], moment: datetime) -> None:
    """Upsert the rows on (huishouden, periode_begin). PostgreSQL: COPY into a temporary table, then one
    INSERT … ON CONFLICT (binding 50,000 JSON texts as query parameters costs more than the calculation itself);
    other databases: bulk_create with update_conflicts. Every row gets berekend_op = `moment`."""
    if connection.vendor != "postgresql":
        Bijdrageberekening.objects.bulk_create(
            [
                Bijdrageberekening(
                    huishouden_id=hh,
                    regeling=regel,
                    periode_begin=pb,
                    periode_eind=pe,
                    bedrag_cent=bedrag,
                    kostprijs_cent=kosten,
                    regels=regels,
                )
                for hh, bedrag, kosten, regels in rijen
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["huishouden", "periode_begin"],
            update_fields=["regeling", "periode_eind", "bedrag_cent", "kostprijs_cent", "regels", "berekend_op"],
        )
        return
    tabel = Bijdrageberekening._meta.db_table
    kolommen = ", ".join(_KOLOMMEN)
    bijwerken = ", ".join(f"{k} = EXCLUDED.{k}" for k in _KOLOMMEN if k not in ("huishouden_id", "periode_begin"))
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS pg_temp.tmp_bijdrage")  # a second run in the same transaction
        cur.execute(
            "CREATE TEMPORARY TABLE tmp_bijdrage (huishouden_id bigint, regeling_id bigint, periode_begin date, "
            "periode_eind date, bedrag_cent bigint, kostprijs_cent bigint, regels jsonb, berekend_op timestamptz) "
            "ON COMMIT DROP"
        )
        with cur.cursor.copy(f"COPY tmp_bijdrage ({kolommen}) FROM STDIN") as copy:
            for hh, bedrag, kosten, regels in rijen:
                copy.write_row((hh, regel.pk, pb, pe, bedrag, kosten, json.dumps(regels, ensure_ascii=False), moment))
        cur.execute(
            f"INSERT INTO {tabel} ({kolommen}) SELECT {kolommen} FROM tmp_bijdrage "  # noqa: S608 (fixed names)
            f"ON CONFLICT (huishouden_id, periode_begin) DO UPDATE SET {bijwerken}"
        )


def bereken_periode(
    gemeente: Gemeente | int, periode_begin: date, *, medewerker: Medewerker | None = None, request: HttpRequest | None = None
) -> Periodeoverzicht:
    """Compute and store the contribution of every household with counting grants in the period containing
    `periode_begin`. Preloads grants, incomes and members in a few queries, computes in memory and writes in bulk
    (upsert on household + period); rows of this gemeente and period that were not written again are removed. The
    audit record (by `medewerker`, or the system) is written in the same transaction: no run without its record."""
    start = time.perf_counter()
    gemeente_id = gemeente if isinstance(gemeente, int) else gemeente.pk
    regel, pb, pe = _regel_en_periode(gemeente_id, periode_begin, None)
    per_huishouden = _laad(gemeente_id, pb, pe)
    kandidaten = [hh for hh, vzs in per_huishouden.items() if any(_vrijstelling(regel, vz) is None for vz in vzs)]
    gegevens = _huishoudgegevens(regel, kandidaten, pb)
    rijen: list[tuple] = []
    totaal = kosten = met_bijdrage = 0
    for hh in kandidaten:
        b = _reken(regel, pb, pe, hh, per_huishouden[hh], gegevens[hh])
        rijen.append((hh, b.bedrag_cent, b.kostprijs_cent, b.regels))
        totaal += b.bedrag_cent
        kosten += b.kostprijs_cent
        met_bijdrage += b.bedrag_cent > 0
    with transaction.atomic():
        moment = timezone.now()
        _schrijf(regel, pb, pe, rijen, moment)
        verwijderd, _ = Bijdrageberekening.objects.filter(
            regeling__gemeente_id=gemeente_id, periode_begin=pb, berekend_op__lt=moment
        ).delete()
        audit.log(
            medewerker,
            AuditActie.WIJZIGEN,
            regel,
            request=request,
            omschrijving=(
                f"Eigen bijdrage berekend voor {pb:%d-%m-%Y} t/m {pe:%d-%m-%Y} met '{regel.naam}': {len(rijen)} huishoudens, "
                f"samen {euro(totaal)}; {verwijderd} vervallen berekening(en) verwijderd"
            ),
        )
    return Periodeoverzicht(gemeente_id, regel, pb, pe, len(rijen), met_bijdrage, totaal, kosten, verwijderd, time.perf_counter() - start)


__all__ = [
    "Berekening",
    "Huishoudgegevens",
    "Periodeoverzicht",
    "bereken",
    "bereken_periode",
    "getal",
    "kostprijs_voorziening",
    "leeftijd_maanden",
]
