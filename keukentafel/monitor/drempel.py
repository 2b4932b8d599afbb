"""The small-cell rule: aggregated figures never expose individuals (AVG). Counts from 1 up to the threshold
(policy setting MONITOR_CELDREMPEL, default 5) show as "< 5", on screen and in exports; so does any rate computed
from such a count. Zero is shown: it identifies no one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde


def celdrempel(gemeente: Gemeente, op: date) -> int:
    return int(geldende_waarde(Sleutel.MONITOR_CELDREMPEL, gemeente, op))


@dataclass(frozen=True)
class Cel:
    """One figure as shown: the value, or the suppression text when the count behind it is too small."""

    waarde: int | float | None
    afgeschermd: bool = False
    drempel: int = 5

    def __str__(self) -> str:
        if self.afgeschermd:
            return f"< {self.drempel}"
        if self.waarde is None:
            return "–"
        if isinstance(self.waarde, float):
            return f"{self.waarde:.1f}".replace(".", ",")
        return f"{self.waarde:,}".replace(",", ".")

    @property
    def export(self) -> int | float | str | None:
        """The value for a CSV/XLSX cell: the suppression text instead of a number that would expose someone."""
        return str(self) if self.afgeschermd else self.waarde


def aantal(n: int, drempel: int) -> Cel:
    return Cel(n, afgeschermd=0 < n < drempel, drempel=drempel)


def verhouding(teller: int, noemer: int, per: int, drempel: int) -> Cel:
    """teller per `per` of noemer (e.g. per 1,000 youths); hidden when the count behind it is hidden."""
    if 0 < teller < drempel:
        return Cel(None, afgeschermd=True, drempel=drempel)
    if noemer == 0:
        return Cel(None, drempel=drempel)
    return Cel(round(teller * per / noemer, 1), drempel=drempel)
