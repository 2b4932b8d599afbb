"""Shared helpers for the eigen-bijdrage tests: a gemeente with the national rules, households and grants."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.financien.bijdrageregels import laad_standaardregels
from keukentafel.financien.models import Huishoudinkomen
from keukentafel.inwoners.models import Huishoudlid, LidRol
from keukentafel.testing.factories import (
    GebiedFactory,
    HuishoudenFactory,
    PersoonFactory,
    ProductFactory,
    ToegewezenVoorzieningFactory,
)


@pytest.fixture
def gebied(db):
    g = GebiedFactory()
    laad_standaardregels(g.gemeente)
    return g


@pytest.fixture
def gemeente(gebied):
    return gebied.gemeente


def huishouden(gebied, *leden: tuple[str, date]):
    """A household with members (rol, geboortedatum); the first is the aanvrager. Returns (huishouden, personen)."""
    hh = HuishoudenFactory(gebied=gebied, leden=0)
    personen = []
    for rol, geboren in leden or ((LidRol.AANVRAGER, date(1980, 1, 1)),):
        p = PersoonFactory(gebied=gebied, geboortedatum=geboren)
        Huishoudlid.objects.create(huishouden=hh, persoon=p, rol=rol, begindatum=date(2010, 1, 1))
        personen.append(p)
    return hh, personen


def inkomen(hh, jaar: int, cent: int, huishoudtype: str = "eenpersoons", aow: bool = False) -> Huishoudinkomen:
    return Huishoudinkomen.objects.create(huishouden=hh, jaar=jaar, huishoudtype=huishoudtype, aow_leeftijd=aow, toetsingsinkomen_cent=cent)


def voorziening(gemeente, persoon, hh=None, *, wet="wmo", categorie="02", code=None, **velden):
    """A grant (default: begeleiding 3 uur per week at € 54, from 1-1-2015, open) of `persoon` in `hh`."""
    product = ProductFactory(wet=wet, productcategorie=categorie, **({"productcode": code} if code else {}))
    velden.setdefault("begindatum", date(2015, 1, 1))
    return ToegewezenVoorzieningFactory(gemeente=gemeente, persoon=persoon, huishouden=hh, product=product, **velden)
