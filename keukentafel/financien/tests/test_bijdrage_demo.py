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


def test_demo_grootste_gemeente_legt_zelf_een_beschikking_op(client, gebied, gemeente):
    from django.urls import reverse

    from keukentafel.accounts.models import Rol
    from keukentafel.financien.bijdrageregels import geldende_regel, laad_standaardregels
    from keukentafel.financien.demo_bijdrage import DEMO_VRIJSTELLING, _peildatum, legt_zelf_op
    from keukentafel.testing.factories import GebiedFactory, MedewerkerFactory

    klein = GebiedFactory()
    laad_standaardregels(klein.gemeente)
    hh_klein, (k,) = huishouden(klein, (LidRol.AANVRAGER, date(1960, 1, 1)))
    voorziening(klein.gemeente, k, hh_klein)
    for geboren in (date(1960, 1, 1), date(1970, 1, 1)):
        hh, (p,) = huishouden(gebied, (LidRol.AANVRAGER, geboren))
        voorziening(gemeente, p, hh)
    assert legt_zelf_op(gemeente) and not legt_zelf_op(klein.gemeente)
    for g in (gemeente, klein.gemeente):
        laad_demo(g, 2025, random.Random(5))
    peildatum = _peildatum(2025)
    eigen, cak = geldende_regel(gemeente, peildatum), geldende_regel(klein.gemeente, peildatum)
    assert eigen.parameters["beschikking"] is True and eigen.parameters["vrijstelling_tot_inkomen"] == DEMO_VRIJSTELLING
    assert "Demo: de gemeente legt zelf een beschikking op" in eigen.bron
    assert cak.parameters["beschikking"] is False
    assert laad_standaardregels(gemeente).afwijkend  # reloading reports the gemeente's own rule, keeps it
    eigen.refresh_from_db()
    assert eigen.parameters["beschikking"] is True
    b = Bijdrageberekening.objects.filter(regeling=eigen).first()
    client.force_login(MedewerkerFactory(rol=Rol.FINANCIEN, team__gebied=gebied))
    uitleg = client.get(reverse("financien:bijdrage_uitleg", args=[b.pk])).content.decode()
    assert "Beschikking eigen bijdrage (PDF)" in uitleg
