"""Money arithmetic in integer cents: rounding, pro-rata splits and the commitment of one grant.

Rounding rules (the README repeats them):

* Every amount is an integer number of cents. A fraction is rounded once, half away from zero
  (`afronden`), at the end of a calculation, never on intermediate results.
* A whole split over parts (gebieden, months of a budget) uses the largest-remainder method (`verdeel`): each
  part gets its rounded-down share, the cents left over go to the parts with the largest remainders
  (ties to the earlier part). The parts always add up to the whole.
* The commitment (verplichting) of a grant is rounded CUMULATIVELY. Let C(x) be the exact (rational) cost of the
  grant from its begindatum through day x (clipped to its period; 0 before it), with n = days from begindatum
  through x: per dag o·t·n; per week o·t·n/7; per maand o·t·Σ_jaren 12·d_j/N_j (d_j the days of the span in
  calendar year j, N_j that year's days, so a full year counts exactly 12 months); totaal o·t·n/D (D the grant's
  length in days; a totaal grant without an end date runs 365 days from its start). The commitment over
  [a, b] = R(C(b)) − R(C(a − 1)) with R = `afronden`. So any split of a period into consecutive spans (years,
  months, the forecast window and the rest) adds up exactly to R(C(end)), and a totaal grant's years add up to
  omvang × tarief exactly. `verplichting.bedrag_expressie` evaluates the same formula in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from keukentafel.codelijsten import Frequentie

#: A totaal grant without an end date is spread over this many days from its begindatum.
TOTAAL_ZONDER_EINDE_DAGEN = 365
#: 365 × 366: a common denominator of every calendar year's day count; per maand, a day of a year with N days
#: weighs (MAAND_NOEMER / N) / MAAND_NOEMER of a year, i.e. 366 in a common year and 365 in a leap year.
MAAND_NOEMER = 365 * 366


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


def jaargewicht(jaar: int) -> int:
    """Weight of one day of `jaar` per maand, over MAAND_NOEMER: 366 in a common year, 365 in a leap year."""
    return MAAND_NOEMER // dagen_in_jaar(jaar)


def kosten_tot(
    *, omvang: int, frequentie: str, tarief_cent: int, begindatum: date, einddatum: date | None, tot: date
) -> tuple[int, int]:
    """C(tot) as (teller, noemer): the exact cost of the grant from its begindatum through `tot` (0 before it)."""
    if frequentie not in (Frequentie.PER_DAG, Frequentie.PER_WEEK, Frequentie.PER_MAAND, Frequentie.TOTAAL):
        raise ValueError(f"Onbekende frequentie {frequentie!r}.")
    basis = omvang * tarief_cent
    if frequentie == Frequentie.TOTAAL:
        looptijd = dagen(begindatum, einddatum) if einddatum else TOTAAL_ZONDER_EINDE_DAGEN
        return basis * min(dagen(begindatum, tot), looptijd), max(looptijd, 1)
    eind = min(tot, einddatum) if einddatum else tot
    n = dagen(begindatum, eind)
    if frequentie == Frequentie.PER_DAG:
        return basis * n, 1
    if frequentie == Frequentie.PER_WEEK:
        return basis * n, 7
    gewogen = sum(  # per maand
        dagen(max(begindatum, date(j, 1, 1)), min(eind, date(j, 12, 31))) * jaargewicht(j)
        for j in range(begindatum.year, eind.year + 1)
    )
    return basis * 12 * gewogen, MAAND_NOEMER


def verplichting(
    *, omvang: int, frequentie: str, tarief_cent: int, begindatum: date, einddatum: date | None, van: date, tot: date
) -> int:
    """The commitment in cents of a grant over [van, tot]: R(C(tot)) − R(C(van − 1)) (cumulative rounding)."""
    if tot < van:
        return 0
    grant = dict(omvang=omvang, frequentie=frequentie, tarief_cent=tarief_cent, begindatum=begindatum, einddatum=einddatum)
    return afronden(*kosten_tot(**grant, tot=tot)) - afronden(*kosten_tot(**grant, tot=van - timedelta(days=1)))


__all__ = [
    "MAAND_NOEMER", "TOTAAL_ZONDER_EINDE_DAGEN", "afronden", "dagen", "dagen_in_jaar", "jaargewicht", "kosten_tot", "verdeel",
    "verplichting",
]
