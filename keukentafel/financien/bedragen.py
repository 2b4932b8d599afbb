"""Money arithmetic in integer cents: rounding, pro-rata splits and the commitment of one grant.

Rounding rules (the README repeats them):

* Every amount is an integer number of cents. A fraction is rounded once, half away from zero
  (`afronden`), at the end of a calculation, never on intermediate results.
* A whole split over parts (years, months, gebieden) uses the largest-remainder method (`verdeel`): each
  part gets its rounded-down share, the cents left over go to the parts with the largest remainders
  (ties to the earlier part). The parts always add up to the whole.
* The commitment (verplichting) of a grant over a span is omvang × tarief × the span's share of the
  frequency, pro rata by day: per dag × days; per week × days / 7; per maand × 12 × days / days in that
  calendar year; totaal × days / days of the grant period (a totaal grant without an end date is spread
  over 365 days from its start). Computed per calendar year and rounded once per grant and year, so the
  per-year figures of a grant add up to its multi-year figure as reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from keukentafel.codelijsten import Frequentie

#: A totaal grant without an end date is spread over this many days from its begindatum.
TOTAAL_ZONDER_EINDE_DAGEN = 365


def afronden(teller: int, noemer: int = 1) -> int:
    """teller / noemer rounded half away from zero, exactly (no floats)."""
    if noemer <= 0:
        raise ValueError("De noemer moet positief zijn.")
    q, r = divmod(abs(teller), noemer)
    if 2 * r >= noemer:
        q += 1
    return q if teller >= 0 else -q


def verdeel(totaal: int, gewichten: Sequence[int]) -> list[int]:
    """Split `totaal` cents over parts in proportion to non-negative integer weights; the parts add up to `totaal`.

    All weights zero: an equal split. A negative total is split as its absolute value and negated.
    """
    if not gewichten:
        raise ValueError("Er is niets om over te verdelen.")
    if any(g < 0 for g in gewichten):
        raise ValueError("Een verdeelsleutel kan niet negatief zijn.")
    if totaal < 0:
        return [-d for d in verdeel(-totaal, gewichten)]
    som = sum(gewichten)
    if som == 0:
        gewichten, som = [1] * len(gewichten), len(gewichten)
    delen = [totaal * g // som for g in gewichten]
    resten = [totaal * g % som for g in gewichten]
    over = totaal - sum(delen)
    for i in sorted(range(len(delen)), key=lambda i: (-resten[i], i))[:over]:
        delen[i] += 1
    return delen


def dagen(van: date, tot: date) -> int:
    """Days in [van, tot], both inclusive; 0 when tot lies before van."""
    return max(0, (tot - van).days + 1)


def dagen_in_jaar(jaar: int) -> int:
    return dagen(date(jaar, 1, 1), date(jaar, 12, 31))


def _breuk(omvang: int, frequentie: str, tarief_cent: int, d: int, jaar: int, begin: date, eind: date | None) -> tuple[int, int]:
    """(teller, noemer) of the commitment of d days of a grant in calendar year `jaar`."""
    basis = omvang * tarief_cent * d
    if frequentie == Frequentie.PER_DAG:
        return basis, 1
    if frequentie == Frequentie.PER_WEEK:
        return basis, 7
    if frequentie == Frequentie.PER_MAAND:
        return basis * 12, dagen_in_jaar(jaar)
    if frequentie == Frequentie.TOTAAL:
        looptijd = dagen(begin, eind) if eind else TOTAAL_ZONDER_EINDE_DAGEN
        return basis, max(looptijd, 1)
    raise ValueError(f"Onbekende frequentie {frequentie!r}.")


def verplichting(
    *, omvang: int, frequentie: str, tarief_cent: int, begindatum: date, einddatum: date | None, van: date, tot: date
) -> int:
    """The commitment in cents of a grant over [van, tot]: per calendar year computed and rounded, then summed."""
    eind = einddatum
    if frequentie == Frequentie.TOTAAL and eind is None:
        eind = begindatum + timedelta(days=TOTAAL_ZONDER_EINDE_DAGEN - 1)
    a, b = max(van, begindatum), min(tot, eind) if eind else tot
    totaal = 0
    for jaar in range(a.year, b.year + 1):
        d = dagen(max(a, date(jaar, 1, 1)), min(b, date(jaar, 12, 31)))
        if d:
            totaal += afronden(*_breuk(omvang, frequentie, tarief_cent, d, jaar, begindatum, eind))
    return totaal


__all__ = ["TOTAAL_ZONDER_EINDE_DAGEN", "afronden", "dagen", "dagen_in_jaar", "verdeel", "verplichting"]
