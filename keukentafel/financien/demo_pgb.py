"""Demo pgb spending: an SVB-style file for the elapsed months of a year, read in through the real import.

Most budgets are spent at 80–98% of their monthly budget; about one in twenty received an advance payment of a
quarter of the year budget (their spending runs ahead), one budget is overspent by 10%, and now and then a
payment is corrected (a negative row). Deterministic for a given rng; the grants are taken in toewijzingnummer
order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening

from . import pgb
from .models import PgbSignaalgrens
from .pgb_import import importeer

ZORGVERLENERS = [
    "Zorgbureau De Linde", "Thuishulp Zelfregie", "Begeleiding Op Maat", "Stichting Eigen Regie", "Zorgcoöperatie Samen",
    "Dagbesteding De Boerderij", "Huishoudelijke Hulp Thuis", "Praktijk Jeugd en Gezin",
]
STANDAARD_GRENS_BRON = (
    "Standaardwaarde van Keukentafel: de seeds en de Wmo 2015 noemen geen grens; elke gemeente kan een eigen grens vastleggen."
)


def _maandeinde(jaar: int, maand: int) -> date:
    return (date(jaar + 1, 1, 1) if maand == 12 else date(jaar, maand + 1, 1)) - timedelta(days=1)


def _euro(cent: int) -> str:
    teken = "-" if cent < 0 else ""
    return f"{teken}{abs(cent) // 100},{abs(cent) % 100:02d}"


def laad_demo(gemeente: Gemeente, jaar: int, rng: random.Random, *, vandaag: date | None = None) -> None:
    vandaag = vandaag or timezone.localdate()
    maanden = 12 if jaar < vandaag.year else (vandaag.month - 1 if jaar == vandaag.year else 0)
    if not PgbSignaalgrens.objects.filter(gemeente__isnull=True).exists():
        PgbSignaalgrens.objects.create(gemeente=None, procentpunten=10, geldig_vanaf=date(2015, 1, 1), bron=STANDAARD_GRENS_BRON)
    if maanden == 0:
        return
    voorzieningen = list(
        ToegewezenVoorziening.objects.filter(gemeente=gemeente, leveringsvorm=Leveringsvorm.PGB)
        .overlappend(date(jaar, 1, 1), _maandeinde(jaar, maanden)).select_related("pgb").order_by("toewijzingnummer")
    )
    if not voorzieningen:
        return
    regels: list[str] = ["kenmerk;toewijzingnummer;periode_begin;periode_eind;betaaldatum;bedrag;zorgverlener"]
    volgnummer = 0

    def regel(v: ToegewezenVoorziening, begin: date, eind: date, bedrag: int, zorgverlener: str) -> None:
        nonlocal volgnummer
        volgnummer += 1
        betaald = min(eind + timedelta(days=10), vandaag - timedelta(days=1))
        regels.append(f"SVB{jaar}{volgnummer:07d};{v.toewijzingnummer};{begin:%d-%m-%Y};{eind:%d-%m-%Y};{betaald:%d-%m-%Y};"
                      f"{_euro(bedrag)};{zorgverlener}")

    kandidaten: list[tuple[ToegewezenVoorziening, int, int, tuple[date, date], tuple[date, date], str]] = []
    for v in voorzieningen:
        maandbudget = pgb.maandbudgetten(v, jaar)
        periode = pgb.periode_in_jaar(v.begindatum, v.einddatum, v.frequentie, jaar)
        zorgverlener = rng.choice(ZORGVERLENERS)
        procent = rng.randint(80, 98)
        besteed, eerste, laatste = 0, None, None
        for m in range(1, maanden + 1):
            if not maandbudget[m - 1] or periode is None:
                continue
            begin, eind = max(periode[0], date(jaar, m, 1)), min(periode[1], _maandeinde(jaar, m))
            bedrag = maandbudget[m - 1] * procent // 100
            if begin > eind or not bedrag:
                continue
            regel(v, begin, eind, bedrag, zorgverlener)
            besteed += bedrag
            eerste, laatste = eerste or (begin, eind), (begin, eind)
            if rng.random() < 0.03:  # the SVB corrects part of a payment
                correctie = -(bedrag * rng.randint(5, 20) // 100)
                if correctie:
                    regel(v, begin, eind, correctie, zorgverlener)
                    besteed += correctie
        if eerste is not None:
            kandidaten.append((v, sum(maandbudget), besteed, eerste, laatste, zorgverlener))
    if kandidaten:
        volgorde = rng.sample(range(len(kandidaten)), k=len(kandidaten))
        over, voorlopers = volgorde[0], volgorde[1:1 + max(1, len(kandidaten) // 20)]
        v, jaarbudget, besteed, _, laatste, zorgverlener = kandidaten[over]
        if jaarbudget * 110 // 100 > besteed:  # one budget overspent by 10%: a back payment in the last month
            regel(v, *laatste, jaarbudget * 110 // 100 - besteed, zorgverlener)
        for i in sorted(voorlopers):  # an advance of a quarter of the year budget: spending runs ahead
            v, jaarbudget, _, eerste, _, zorgverlener = kandidaten[i]
            if jaarbudget // 4:
                regel(v, *eerste, jaarbudget // 4, zorgverlener)
    if len(regels) == 1:
        return
    data = ("\n".join(regels) + "\n").encode()
    importeer(gemeente, data, f"svb-pgb-uitgaven-{jaar}.csv", alles_of_niets=True)
