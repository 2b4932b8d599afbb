"""National default values of the Participatiewet settings, loaded by migration 0002 (gemeente empty).

Figures marked "te controleren" could not be verified against an official source when they were loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from keukentafel.beleid.models import Sleutel

STANDAARDEN: list[tuple[Sleutel, date, Any, str]] = [
    (
        Sleutel.WERKSPOOR_GRENS_PROCENT,
        date(2015, 1, 1),
        40,
        "Seed 001_8130d38cb886e681.txt §7.3.4: Werkspoor voor wie een verdiencapaciteit heeft van meer dan 40%",
    ),
    (
        Sleutel.TRAJECT_HERBEOORDELING_MAANDEN,
        date(2015, 1, 1),
        12,
        "Seed 001_8130d38cb886e681.txt §7.3.4: periodiek gesprek, 'we schrijven niemand af'; termijn jaarlijks "
        "als langdurige trajecten (seed Nijmegen) — te controleren",
    ),
    (
        Sleutel.TEGENPRESTATIE_GRENZEN,
        date(2015, 1, 1),
        {"max_uren_per_week": 20, "max_maanden": 6},
        "Participatiewet art. 9 lid 1 onder c (naar vermogen, geen verdringing); 'beperkt in tijd en omvang' "
        "uit de wetsgeschiedenis; seed 001 §8.1 (van geval tot geval); de grenzen 20 uur/6 maanden — te controleren",
    ),
    (
        Sleutel.LOONKOSTENSUBSIDIE,
        date(2015, 1, 1),
        {"max_procent_wml": 70, "werkgeverslasten_procent": 23},
        "Participatiewet art. 10d: verschil WML en loonwaarde, ten hoogste 70% van het WML, vermeerderd met een "
        "forfaitaire tegemoetkoming werkgeverslasten van 23%",
    ),
    # Wet minimumloon en minimumvakantiebijslag: a statutory hourly minimum wage (21+) since 1 January 2024.
    (Sleutel.WETTELIJK_MINIMUMLOON, date(2024, 1, 1), 1327, "WML per uur 21+ per 1-1-2024: € 13,27 (Wml, minimumuurloon)"),
    (Sleutel.WETTELIJK_MINIMUMLOON, date(2024, 7, 1), 1368, "WML per uur 21+ per 1-7-2024: € 13,68 — te controleren"),
    (Sleutel.WETTELIJK_MINIMUMLOON, date(2025, 1, 1), 1406, "WML per uur 21+ per 1-1-2025: € 14,06 — te controleren"),
    (Sleutel.WETTELIJK_MINIMUMLOON, date(2025, 7, 1), 1440, "WML per uur 21+ per 1-7-2025: € 14,40 (Ministeriële regeling indexatie)"),
    (Sleutel.WETTELIJK_MINIMUMLOON, date(2026, 1, 1), 1471, "WML per uur 21+ per 1-1-2026: € 14,71 (Ministeriële regeling indexatie)"),
]
