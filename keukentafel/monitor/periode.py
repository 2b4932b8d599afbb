"""The period a dashboard reports on: a calendar year or one of its quarters."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Periode:
    van: date
    tot: date
    naam: str


def periode(jaar: int, kwartaal: int | None = None) -> Periode:
    if kwartaal is None:
        return Periode(date(jaar, 1, 1), date(jaar, 12, 31), str(jaar))
    if kwartaal not in (1, 2, 3, 4):
        raise ValueError("Kies kwartaal 1 tot en met 4.")
    eind_maand = kwartaal * 3
    eind = date(jaar, eind_maand, calendar.monthrange(jaar, eind_maand)[1])
    return Periode(date(jaar, eind_maand - 2, 1), eind, f"{kwartaal}e kwartaal {jaar}")


def jaren_geleden(d: date, jaren: int) -> date:
    """The same day `jaren` years earlier (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year - jaren)
    except ValueError:
        return d.replace(year=d.year - jaren, day=28)
