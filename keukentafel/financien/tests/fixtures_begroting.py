"""Shared fixtures of the begroting tests (imported by the test modules; no conftest)."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.financien.begroting import Postinvoer, maak_begroting
from keukentafel.financien.models import Begroting, Domein, Postsoort, Verdeelsleutel
from keukentafel.testing.factories import GebiedFactory, GemeenteFactory, MedewerkerFactory


def kleine_posten() -> list[Postinvoer]:
    """Two onderdelen: Wmo with a saldopost, Jeugd without."""
    return [
        Postinvoer(Domein.WMO, "Wmo maatwerk", "hbh", "Hulp bij het huishouden", Postsoort.LASTEN, bedrag_cent=100_000_00,
                   dekking=["wmo:01"], verdeelsleutel=Verdeelsleutel.INWONERS),
        Postinvoer(Domein.WMO, "Wmo maatwerk", "begeleiding", "Begeleiding", Postsoort.LASTEN, bedrag_cent=250_000_00,
                   dekking=["wmo:02"], verdeelsleutel=Verdeelsleutel.GEBRUIK),
        Postinvoer(Domein.WMO, "Wmo maatwerk", "onvoorzien", "Onvoorzien", Postsoort.LASTEN, saldopost=True),
        Postinvoer(Domein.WMO, "Wmo maatwerk", "deelfonds", "Sociaal deelfonds Wmo", Postsoort.BATEN, bedrag_cent=360_000_00),
        Postinvoer(Domein.JEUGD, "Jeugdhulp", "jeugd-ambulant", "Jeugdhulp ambulant", Postsoort.LASTEN, bedrag_cent=80_000_01,
                   dekking=["jeugdwet:45"], verdeelsleutel=Verdeelsleutel.JEUGDIGEN),
        Postinvoer(Domein.JEUGD, "Jeugdhulp", "jeugd-deelfonds", "Sociaal deelfonds Jeugd", Postsoort.BATEN, bedrag_cent=75_000_00),
    ]


class Omgeving:
    def __init__(self) -> None:
        self.gemeente = GemeenteFactory()
        self.noord = GebiedFactory(gemeente=self.gemeente, naam="Noord", inwoners=3000)
        self.zuid = GebiedFactory(gemeente=self.gemeente, naam="Zuid", inwoners=1000)
        self.financien = MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=self.gemeente)
        self.beleid = MedewerkerFactory(rol=Rol.BELEID, team=None, gemeente=self.gemeente)

    def begroting(self, jaar: int = 2026) -> Begroting:
        return maak_begroting(
            self.gemeente, jaar, kleine_posten(), naam="Sociaal domein", bron="Raadsbesluit 12 november 2025",
            vastgesteld_op=date(jaar - 1, 11, 12), door=self.financien,
        )


@pytest.fixture(name="omg")
def fixture_omg(db) -> Omgeving:
    return Omgeving()
