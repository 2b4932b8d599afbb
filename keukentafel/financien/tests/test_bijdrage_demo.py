"""Demo data: rules, incomes for households with Wmo maatwerk (type/AOW from the members), one computed period."""

from __future__ import annotations

import random
from datetime import date

import pytest

from keukentafel.financien.demo_bijdrage import laad_demo
from keukentafel.financien.models import Bijdrageberekening, Huishoudinkomen
from keukentafel.inwoners.models import LidRol

from . import fixtures_bijdrage as fx
from .fixtures_bijdrage import huishouden, voorziening

gebied, gemeente = fx.gebied, fx.gemeente
pytestmark = pytest.mark.django_db


def test_demo_deterministisch_en_herhaalbaar(gebied, gemeente):
    stel, (a, _) = huishouden(gebied, (LidRol.AANVRAGER, date(1940, 1, 1)), (LidRol.PARTNER, date(1945, 1, 1)))
    voorziening(gemeente, a, stel)
    alleen, (b,) = huishouden(gebied, (LidRol.AANVRAGER, date(1990, 1, 1)))
    voorziening(gemeente, b, alleen)
    jeugd, (c,) = huishouden(gebied, (LidRol.AANVRAGER, date(1990, 1, 1)))
    voorziening(gemeente, c, jeugd, wet="jeugdwet", categorie="45")
    laad_demo(gemeente, 2025, random.Random(3))
    eerste = {i.huishouden_id: (i.huishoudtype, i.aow_leeftijd, i.toetsingsinkomen_cent) for i in Huishoudinkomen.objects.all()}
    assert eerste[stel.pk][:2] == ("meerpersoons", True) and eerste[alleen.pk][:2] == ("eenpersoons", False)
    assert jeugd.pk not in eerste  # no Wmo maatwerk, no income needed
    assert Bijdrageberekening.objects.count() == 2
    laad_demo(gemeente, 2025, random.Random(3))
    assert {i.huishouden_id: (i.huishoudtype, i.aow_leeftijd, i.toetsingsinkomen_cent) for i in Huishoudinkomen.objects.all()} == eerste
    assert Bijdrageberekening.objects.count() == 2
