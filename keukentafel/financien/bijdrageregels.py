"""Eigen-bijdrageregels as dated data per gemeente: the national figures 2015–2027 as records to load, their
validation, which rule applies on a date, and the periods (4-weekly or calendar month) a rule bills in.

No figure in this module is used by the calculation directly: `laad_standaardregels` copies the records below into
`Bijdrageregeling` rows of one gemeente (only the missing ones), and `eigen_bijdrage` only reads those rows. A gemeente
may change its rows (lower tariff, other exemptions, its own beschikking) on the rules screen; reloading never
overwrites them but reports the differences.

Parameters per rule (JSON, amounts in cents, percentages as decimal strings so no float ever touches money):

* every kind: ``aow_leeftijd_maanden`` (AOW age that year, to derive the household's pension status from birth
  dates when no income record says so), ``vrijgestelde_huishoudens`` (household keys that pay nothing),
  ``vrijstelling_tot_inkomen`` ({household key: cents}: an income at or below it pays nothing — minimum incomes),
  ``vrijstelling_redenen`` ({"wmo:15": "why"}: the text shown for an exempt product type) and ``beschikking``
  (true: the gemeente itself sends a beschikking eigen bijdrage; false: the CAK levies and informs the client);
* ``inkomensafhankelijk``: ``percentage`` of the yearly income above ``inkomensgrens`` ({key: cents}) on top of
  ``minimum`` ({key: cents} per period; the CAK "vaste bijdrage"), spread over the periods of a year;
* ``abonnement``: ``tarief_cent`` per period;
* ``inkomen_min_max``: as ``inkomensafhankelijk`` with ``minimum_cent`` and ``maximum_cent`` per period.

Household keys: ``eenpersoons_onder_aow``, ``eenpersoons_aow``, ``meerpersoons_onder_aow``, ``meerpersoons_aow``
(meerpersoons = with a partner; "aow" = every partner has reached the AOW age).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from keukentafel.accounts.models import Gemeente

from .models import Bijdrageregeling, Bijdragesoort, Periodelengte

HUISHOUDSLEUTELS = ("eenpersoons_onder_aow", "eenpersoons_aow", "meerpersoons_onder_aow", "meerpersoons_aow")
HUISHOUDSLEUTEL_LABELS = {
    "eenpersoons_onder_aow": "eenpersoonshuishouden, jonger dan de AOW-leeftijd",
    "eenpersoons_aow": "eenpersoonshuishouden, AOW-leeftijd bereikt",
    "meerpersoons_onder_aow": "meerpersoonshuishouden, een partner jonger dan de AOW-leeftijd",
    "meerpersoons_aow": "meerpersoonshuishouden, beide partners AOW-leeftijd bereikt",
}
#: Periods per year: 13 four-week periods (the last runs to 31 December), or 12 months.
PERIODEN_PER_JAAR = {Periodelengte.VIER_WEKEN: 13, Periodelengte.MAAND: 12}

SEED_KOSTPRIJS = "seed 001_8130d38cb886e681.txt §8.2.2: eigen bijdrage maximaal de kostprijs, voor alle Wmo-maatwerk"
SEED_OPVANG = "seed 001_8130d38cb886e681.txt §8.2.2: het CAK int de bijdrage voor maatwerk met uitzondering van opvang"
SEED_BESCHIKKING = "seed 000_9b14841e6fe6ddc8.txt 'Eigen bijdrage': per cliënt een beschikking; inning via het CAK"


def huishoudsleutel(huishoudtype: str, aow: bool) -> str:
    return f"{huishoudtype}_{'aow' if aow else 'onder_aow'}"


def _per_huishouden(eo: int, ea: int, mo: int, ma: int) -> dict[str, int]:
    return dict(zip(HUISHOUDSLEUTELS, (eo, ea, mo, ma), strict=True))


_VRIJ = ["wmo:15", "wmo:16", "wmo:17"]
_VRIJ_REDENEN = {
    "wmo:15": "beschermd wonen kent een eigen (intramurale) bijdrage die het CAK apart vaststelt; niet in deze regeling",
    "wmo:16": "opvang: geen eigen bijdrage via het CAK (" + SEED_OPVANG + ")",
    "wmo:17": "spoedopvang: geen eigen bijdrage via het CAK (" + SEED_OPVANG + ")",
}


def _gemeen(aow_maanden: int, **extra: Any) -> dict[str, Any]:
    return {
        "aow_leeftijd_maanden": aow_maanden,
        "vrijgestelde_huishoudens": [],
        "vrijstelling_tot_inkomen": {},
        "vrijstelling_redenen": dict(_VRIJ_REDENEN),
        "beschikking": False,
        **extra,
    }


_GRENS_2016 = _per_huishouden(2_250_500, 1_688_700, 2_817_700, 2_337_400)
_GRENS_2017 = _per_huishouden(2_250_500, 1_703_300, 3_500_000, 2_337_400)
_CAK_2016 = (
    "CAK 2016 (standaardbedragen): grenzen meerpersoons € 28.177 / € 23.374 en eenpersoons AOW € 16.887, vaste bijdrage "
    "€ 19,40 / € 27,80 per 4 weken; grens eenpersoons onder AOW € 22.505 te controleren"
)
_CAK_2017 = (
    "CAK 2017: 12,5 %, vaste bijdrage € 17,50 per 4 weken, meerpersoons onder AOW geen vaste bijdrage en grens € 35.000, "
    "eenpersoons AOW € 17.033; overige grenzen als 2016 (te controleren)"
)

#: The national rules as data records (one per year), loaded per gemeente by `laad_standaardregels`.
#: Seeds give the principles (cost cap, opvang exempt, beschikking); the figures are the CAK's and the issue's.
STANDAARDREGELS: list[dict[str, Any]] = [
    {
        "naam": "Inkomensafhankelijke eigen bijdrage 2015",
        "soort": Bijdragesoort.INKOMENSAFHANKELIJK,
        "periodelengte": Periodelengte.VIER_WEKEN,
        "geldig_vanaf": date(2015, 1, 1),
        "geldig_tot": date(2015, 12, 31),
        "parameters": _gemeen(783, percentage="15", inkomensgrens=_GRENS_2016, minimum=_per_huishouden(1940, 1940, 2780, 2780)),
        "bron": "CAK 2015: 15 % boven de inkomensgrens per 4 weken; bedragen van 2016 als benadering (te controleren); " + SEED_KOSTPRIJS,
    },
    {
        "naam": "Inkomensafhankelijke eigen bijdrage 2016",
        "soort": Bijdragesoort.INKOMENSAFHANKELIJK,
        "periodelengte": Periodelengte.VIER_WEKEN,
        "geldig_vanaf": date(2016, 1, 1),
        "geldig_tot": date(2016, 12, 31),
        "parameters": _gemeen(786, percentage="15", inkomensgrens=_GRENS_2016, minimum=_per_huishouden(1940, 1940, 2780, 2780)),
        "bron": "Issue 8 (15 % in 2016); " + _CAK_2016 + "; " + SEED_KOSTPRIJS,
    },
    {
        "naam": "Inkomensafhankelijke eigen bijdrage 2017",
        "soort": Bijdragesoort.INKOMENSAFHANKELIJK,
        "periodelengte": Periodelengte.VIER_WEKEN,
        "geldig_vanaf": date(2017, 1, 1),
        "geldig_tot": date(2017, 12, 31),
        "parameters": _gemeen(789, percentage="12.5", inkomensgrens=_GRENS_2017, minimum=_per_huishouden(1750, 1750, 0, 1750)),
        "bron": "Issue 8 (12,5 % in 2017); " + _CAK_2017 + "; " + SEED_KOSTPRIJS,
    },
    {
        "naam": "Inkomensafhankelijke eigen bijdrage 2018",
        "soort": Bijdragesoort.INKOMENSAFHANKELIJK,
        "periodelengte": Periodelengte.VIER_WEKEN,
        "geldig_vanaf": date(2018, 1, 1),
        "geldig_tot": date(2018, 12, 31),
        "parameters": _gemeen(792, percentage="12.5", inkomensgrens=_GRENS_2017, minimum=_per_huishouden(1750, 1750, 0, 1750)),
        "bron": "CAK 2018: systematiek en bedragen als 2017 (grenzen te controleren); " + SEED_KOSTPRIJS,
    },
    {
        "naam": "Abonnementstarief 2019",
        "soort": Bijdragesoort.ABONNEMENT,
        "periodelengte": Periodelengte.VIER_WEKEN,
        "geldig_vanaf": date(2019, 1, 1),
        "geldig_tot": date(2019, 12, 31),
        "parameters": _gemeen(796, tarief_cent=1750, vrijgestelde_huishoudens=["meerpersoons_onder_aow"]),
        "bron": "Issue 8 / CAK 2019: € 17,50 per 4 weken; partners van wie één de AOW-leeftijd nog niet heeft betalen niets; "
        + SEED_KOSTPRIJS,
    },
    *[
        {
            "naam": f"Abonnementstarief {jaar}",
            "soort": Bijdragesoort.ABONNEMENT,
            "periodelengte": Periodelengte.MAAND,
            "geldig_vanaf": date(jaar, 1, 1),
            "geldig_tot": date(jaar, 12, 31),
            "parameters": _gemeen(aow, tarief_cent=tarief, vrijgestelde_huishoudens=["meerpersoons_onder_aow"]),
            "bron": f"{bron}; {SEED_KOSTPRIJS}",
        }
        for jaar, tarief, aow, bron in [
            (2020, 1900, 796, "Issue 8 / CAK 2020: € 19 per maand"),
            (2021, 1900, 796, "Issue 8 / CAK 2021: € 19 per maand"),
            (2022, 1900, 799, "Issue 8 / CAK 2022: € 19 per maand"),
            (2023, 1900, 802, "Issue 8 / CAK 2023: € 19 per maand"),
            (2024, 2060, 804, "Issue 8 / CAK 2024: € 20,60 per maand"),
            (2025, 2100, 804, "Issue 8 / CAK 2025: € 21 per maand"),
            (2026, 2100, 804, "Geen seed- of issuecijfer voor 2026: tarief 2025 (€ 21 per maand) voortgezet"),
        ]
    ],
    {
        "naam": "Inkomensafhankelijke eigen bijdrage 2027 (wetsvoorstel)",
        "soort": Bijdragesoort.INKOMENSAFHANKELIJK_MIN_MAX,
        "periodelengte": Periodelengte.MAAND,
        "geldig_vanaf": date(2027, 1, 1),
        "geldig_tot": None,
        "parameters": _gemeen(804, percentage="12.5", inkomensgrens=_GRENS_2017, minimum_cent=2360, maximum_cent=32800),
        "bron": "Issue 8 / wetsvoorstel inkomensafhankelijke eigen bijdrage Wmo: minimum € 23,60 en maximum € 328 per maand; "
        "percentage en inkomensgrenzen nog niet vastgesteld (12,5 % en grenzen 2017 als voorlopige waarde); " + SEED_KOSTPRIJS,
    },
]
for _regel in STANDAARDREGELS:
    _regel["vrijgestelde_categorieen"] = list(_VRIJ)


def _centbedrag(waarde: Any) -> bool:
    return isinstance(waarde, int) and not isinstance(waarde, bool) and waarde >= 0


def _percentage(waarde: Any) -> Decimal | None:
    try:
        p = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None
    return p if p.is_finite() and 0 <= p <= 100 else None


def valideer_parameters(soort: str, parameters: Any, vrijgestelde_categorieen: Any = ()) -> list[str]:
    """Every problem with a rule's parameters, in Dutch; empty when the rule can be computed."""
    fouten: list[str] = []
    if not isinstance(parameters, dict):
        return ["De parameters moeten een JSON-object zijn."]
    if not isinstance(vrijgestelde_categorieen, list | tuple) or not all(
        isinstance(c, str) and c.count(":") in (1, 2) for c in vrijgestelde_categorieen
    ):
        fouten.append('Vrijgestelde categorieën zijn sleutels als "wmo:15" of "wmo:15:PRODUCTCODE".')

    def per_huishouden(naam: str, verplicht: bool) -> None:
        waarde = parameters.get(naam)
        if waarde is None:
            if verplicht:
                fouten.append(f"'{naam}' ontbreekt: geef een bedrag in centen per huishoudsoort ({', '.join(HUISHOUDSLEUTELS)}).")
            return
        if not isinstance(waarde, dict) or (verplicht and set(waarde) != set(HUISHOUDSLEUTELS)) or not set(waarde) <= set(HUISHOUDSLEUTELS):
            fouten.append(f"'{naam}' moet een bedrag in centen geven voor {', '.join(HUISHOUDSLEUTELS)}.")
        elif not all(_centbedrag(v) for v in waarde.values()):
            fouten.append(f"'{naam}': bedragen zijn hele centen, niet negatief.")

    if soort in (Bijdragesoort.INKOMENSAFHANKELIJK, Bijdragesoort.INKOMENSAFHANKELIJK_MIN_MAX):
        if _percentage(parameters.get("percentage")) is None:
            fouten.append("'percentage' moet een getal tussen 0 en 100 zijn (bijvoorbeeld \"12.5\").")
        per_huishouden("inkomensgrens", True)
    if soort == Bijdragesoort.INKOMENSAFHANKELIJK:
        per_huishouden("minimum", True)
    elif soort == Bijdragesoort.INKOMENSAFHANKELIJK_MIN_MAX:
        mi, ma = parameters.get("minimum_cent"), parameters.get("maximum_cent")
        if not (_centbedrag(mi) and _centbedrag(ma)):
            fouten.append("'minimum_cent' en 'maximum_cent' zijn verplicht, in hele centen.")
        elif mi > ma:
            fouten.append("Het minimum mag niet hoger zijn dan het maximum.")
    elif soort == Bijdragesoort.ABONNEMENT:
        if not _centbedrag(parameters.get("tarief_cent")):
            fouten.append("'tarief_cent' is verplicht: het abonnementstarief per periode in hele centen.")
    else:
        fouten.append(f"Onbekende soort regeling {soort!r}.")
    per_huishouden("vrijstelling_tot_inkomen", False)
    vrij = parameters.get("vrijgestelde_huishoudens", [])
    if not isinstance(vrij, list) or not set(vrij) <= set(HUISHOUDSLEUTELS):
        fouten.append(f"'vrijgestelde_huishoudens' is een lijst met huishoudsoorten uit {', '.join(HUISHOUDSLEUTELS)}.")
    aow = parameters.get("aow_leeftijd_maanden")
    if not (isinstance(aow, int) and 600 <= aow <= 900):
        fouten.append("'aow_leeftijd_maanden' is verplicht: de AOW-leeftijd in maanden (bijvoorbeeld 804 = 67 jaar).")
    if not isinstance(parameters.get("beschikking", False), bool):
        fouten.append("'beschikking' is true (de gemeente stuurt een beschikking) of false (het CAK legt op).")
    return fouten


#: The fields of a rule compared by `verschillen` (parameters are compared key by key).
_VERGELEKEN = ("naam", "soort", "periodelengte", "geldig_vanaf", "geldig_tot", "vrijgestelde_categorieen", "bron")


def _tekst(waarde: Any) -> str:
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    if waarde is None:
        return "leeg"
    if isinstance(waarde, str):
        return waarde
    return json.dumps(waarde, ensure_ascii=False, sort_keys=True)


def regel_velden(regel: Bijdrageregeling | dict[str, Any]) -> dict[str, str]:
    """A rule (model or `STANDAARDREGELS` record) as {field: text}, parameters flattened to "parameters.<key>"."""
    get = regel.get if isinstance(regel, dict) else (lambda k: getattr(regel, k))
    uit = {k: _tekst(get(k)) for k in _VERGELEKEN}
    for k, v in (get("parameters") or {}).items():
        uit[f"parameters.{k}"] = _tekst(v)
    return uit


def verschillen(oud: dict[str, str], nieuw: dict[str, str]) -> list[tuple[str, str, str]]:
    """(field, old, new) for every field of two `regel_velden` that differs; a missing field is "ontbreekt"."""
    return [
        (k, oud.get(k, "ontbreekt"), nieuw.get(k, "ontbreekt"))
        for k in sorted(set(oud) | set(nieuw), key=lambda k: (k.startswith("parameters."), k))
        if oud.get(k) != nieuw.get(k)
    ]


def _kort(tekst: str, lengte: int = 40) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def beschrijf_verschillen(lijst: list[tuple[str, str, str]], oud: str = "oud", nieuw: str = "nieuw") -> str:
    """"veld: oud X, nieuw Y; …" with long values shortened (audit lines hold 300 characters; rules hold no
    personal data)."""
    return "; ".join(f"{k}: {oud} {_kort(a)}, {nieuw} {_kort(b)}" for k, a, b in lijst) or "geen verschillen"


@dataclass
class Laadresultaat:
    """What `laad_standaardregels` did: rows created, rows equal to the national rule, and rows that differ."""

    nieuw: int = 0
    gelijk: int = 0
    afwijkend: list[str] = field(default_factory=list)  # one Dutch line per differing rule


@transaction.atomic
def laad_standaardregels(gemeente: Gemeente) -> Laadresultaat:
    """Create the national rules that `gemeente` does not have yet (keyed on geldig_vanaf). An existing row is NEVER
    overwritten — the gemeente may have changed it (own tariff, beschikking, minimum-income exemption) — and when it
    differs from the national record (the gemeente's change, or a national figure changed since) the difference is
    reported, so a person decides."""
    res = Laadresultaat()
    bestaand = {r.geldig_vanaf: r for r in Bijdrageregeling.objects.filter(gemeente=gemeente)}
    for record in STANDAARDREGELS:
        regel = bestaand.get(record["geldig_vanaf"])
        if regel is None:
            Bijdrageregeling.objects.create(gemeente=gemeente, **record)
            res.nieuw += 1
            continue
        lijst = verschillen(regel_velden(regel), regel_velden(record))
        if not lijst:
            res.gelijk += 1
            continue
        res.afwijkend.append(
            f"{regel.naam} (vanaf {regel.geldig_vanaf:%d-%m-%Y}) wijkt af van de landelijke regel en is niet overschreven: "
            + beschrijf_verschillen(lijst, "gemeente", "landelijk")
        )
    return res


def geldende_regel(gemeente: Gemeente | int, datum: date) -> Bijdrageregeling | None:
    """The rule of `gemeente` in force on `datum`: the latest geldig_vanaf on or before it, not yet ended."""
    gemeente_id = gemeente if isinstance(gemeente, int) else gemeente.pk
    regel = Bijdrageregeling.objects.filter(gemeente_id=gemeente_id, geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()
    if regel is None or (regel.geldig_tot is not None and regel.geldig_tot < datum):
        return None
    return regel


def laatste_dag(regel: Bijdrageregeling) -> date | None:
    """The last day `regel` applies: its geldig_tot or the day before the gemeente's next rule starts, the earlier
    of the two; None when open-ended. One query."""
    volgende = (
        Bijdrageregeling.objects.filter(gemeente_id=regel.gemeente_id, geldig_vanaf__gt=regel.geldig_vanaf)
        .order_by("geldig_vanaf")
        .values_list("geldig_vanaf", flat=True)
        .first()
    )
    kandidaten = [d for d in (regel.geldig_tot, volgende and volgende - timedelta(days=1)) if d]
    return min(kandidaten) if kandidaten else None


def perioden(regel: Bijdrageregeling, jaar: int) -> list[tuple[date, date]]:
    """The billing periods of `jaar` under `regel`, each (begin, eind) inclusive, never outside the rule's validity.

    Calendar months; or 13 periods of four weeks from 1 January, the thirteenth running to 31 December (29 or 30
    days), as the CAK bills. A rule starting in `jaar` starts its first period on its geldig_vanaf: the rest of that
    month, or a 4-week grid from that day (fewer periods that year). A rule ending early — its geldig_tot or the next
    rule of the gemeente — ends its last period the day before, so two rules never bill the same day.
    """
    if jaar < regel.geldig_vanaf.year:
        return []
    start = max(date(jaar, 1, 1), regel.geldig_vanaf)
    uit: list[tuple[date, date]] = []
    if regel.periodelengte == Periodelengte.MAAND:
        for m in range(start.month, 13):
            volgende = date(jaar + (m == 12), m % 12 + 1, 1)
            uit.append((max(date(jaar, m, 1), start), volgende - timedelta(days=1)))
    else:
        begin = start
        while begin.year == jaar:
            eind = begin + timedelta(days=27)
            if eind.year > jaar or (eind + timedelta(days=28)).year > jaar:
                eind = date(jaar, 12, 31)
            uit.append((begin, eind))
            begin = eind + timedelta(days=1)
    einde = laatste_dag(regel)
    if einde is None:
        return uit
    return [(b, min(e, einde)) for b, e in uit if b <= einde]


def periode_van(regel: Bijdrageregeling, datum: date) -> tuple[date, date]:
    """The billing period of `regel` that contains `datum`."""
    for begin, eind in perioden(regel, datum.year):
        if begin <= datum <= eind:
            return begin, eind
    raise ValueError(f"{datum:%d-%m-%Y} valt niet in een periode van {regel}.")


__all__ = [
    "HUISHOUDSLEUTELS",
    "HUISHOUDSLEUTEL_LABELS",
    "PERIODEN_PER_JAAR",
    "STANDAARDREGELS",
    "Laadresultaat",
    "beschrijf_verschillen",
    "geldende_regel",
    "huishoudsleutel",
    "laad_standaardregels",
    "laatste_dag",
    "periode_van",
    "perioden",
    "regel_velden",
    "valideer_parameters",
    "verschillen",
]
