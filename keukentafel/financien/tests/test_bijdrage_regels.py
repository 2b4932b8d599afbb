"""Rules as data: the national figures per year, the loader (idempotent), validation and the billing periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from keukentafel.financien.bijdrageregels import (
    STANDAARDREGELS,
    geldende_regel,
    laad_standaardregels,
    periode_van,
    perioden,
    valideer_parameters,
)
from keukentafel.financien.models import Bijdrageregeling, Periodelengte
from keukentafel.testing.factories import GemeenteFactory

from . import fixtures_bijdrage as fx

gebied, gemeente = fx.gebied, fx.gemeente

pytestmark = pytest.mark.django_db


def _per_jaar() -> dict[int, dict]:
    return {r["geldig_vanaf"].year: r for r in STANDAARDREGELS}


def test_cijfers_van_het_issue_per_jaar():
    r = _per_jaar()
    assert Decimal(r[2016]["parameters"]["percentage"]) == 15
    assert Decimal(r[2017]["parameters"]["percentage"]) == Decimal("12.5")
    assert all(r[j]["periodelengte"] == Periodelengte.VIER_WEKEN for j in (2015, 2016, 2017, 2018, 2019))
    assert r[2019]["parameters"]["tarief_cent"] == 1750
    tarieven = {j: r[j]["parameters"]["tarief_cent"] for j in range(2020, 2027)}
    assert tarieven == {2020: 1900, 2021: 1900, 2022: 1900, 2023: 1900, 2024: 2060, 2025: 2100, 2026: 2100}
    assert all(r[j]["periodelengte"] == Periodelengte.MAAND for j in range(2020, 2028))
    assert (r[2027]["parameters"]["minimum_cent"], r[2027]["parameters"]["maximum_cent"]) == (2360, 32800)


def test_elke_standaardregel_is_geldig_en_heeft_een_bron():
    for r in STANDAARDREGELS:
        assert valideer_parameters(r["soort"], r["parameters"], r["vrijgestelde_categorieen"]) == [], r["naam"]
        assert "seed 001_8130d38cb886e681.txt" in r["bron"]  # the cost-price cap
        assert "wmo:16" in r["vrijgestelde_categorieen"]  # opvang: seed 001 §8.2.2


def test_laden_is_idempotent_en_per_gemeente(db):
    g, ander = GemeenteFactory(), GemeenteFactory()
    assert laad_standaardregels(g) == (len(STANDAARDREGELS), 0)
    assert laad_standaardregels(g) == (0, len(STANDAARDREGELS))
    assert Bijdrageregeling.objects.filter(gemeente=g).count() == len(STANDAARDREGELS)
    assert not Bijdrageregeling.objects.filter(gemeente=ander).exists()


def test_management_command(db):
    g = GemeenteFactory(naam="Hardenberg")
    call_command("bijdrageregels_laden", "--gemeente", "hardenberg")
    call_command("bijdrageregels_laden", "--gemeente", g.gemeentecode)
    assert Bijdrageregeling.objects.filter(gemeente=g).count() == len(STANDAARDREGELS)


def test_geldende_regel_op_datum(gemeente):
    assert geldende_regel(gemeente, date(2014, 12, 31)) is None
    assert geldende_regel(gemeente, date(2018, 12, 31)).geldig_vanaf == date(2018, 1, 1)
    assert geldende_regel(gemeente, date(2031, 1, 1)).geldig_vanaf == date(2027, 1, 1)


def test_dertien_perioden_van_vier_weken(gemeente):
    regel = geldende_regel(gemeente, date(2019, 1, 1))
    p = perioden(regel, 2019)
    assert len(p) == 13
    assert p[0] == (date(2019, 1, 1), date(2019, 1, 28))
    assert p[-1] == (date(2019, 12, 3), date(2019, 12, 31))
    assert all((b - a).days == 27 for a, b in p[:-1])
    assert all(p[i][1].toordinal() + 1 == p[i + 1][0].toordinal() for i in range(12))
    assert periode_van(regel, date(2019, 2, 1)) == (date(2019, 1, 29), date(2019, 2, 25))
    assert perioden(geldende_regel(gemeente, date(2016, 1, 1)), 2016)[-1] == (date(2016, 12, 2), date(2016, 12, 31))


def test_vier_weken_vanaf_de_ingangsdatum_van_de_regel(gemeente):
    regel = geldende_regel(gemeente, date(2019, 1, 1))
    regel.geldig_vanaf = date(2019, 7, 1)
    assert perioden(regel, 2019)[0] == (date(2019, 7, 1), date(2019, 7, 28))
    assert perioden(regel, 2019)[-1][1] == date(2019, 12, 31)


def test_maanden(gemeente):
    regel = geldende_regel(gemeente, date(2024, 1, 1))
    p = perioden(regel, 2024)
    assert len(p) == 12 and p[1] == (date(2024, 2, 1), date(2024, 2, 29)) and p[-1] == (date(2024, 12, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("soort", "parameters", "fout"),
    [
        ("abonnement", {"aow_leeftijd_maanden": 804}, "tarief_cent"),
        ("abonnement", {"aow_leeftijd_maanden": 804, "tarief_cent": 19.5}, "tarief_cent"),
        ("inkomensafhankelijk", {"aow_leeftijd_maanden": 804, "percentage": "150"}, "percentage"),
        ("inkomensafhankelijk", {"aow_leeftijd_maanden": 804, "percentage": "15", "inkomensgrens": {"x": 1}}, "inkomensgrens"),
        ("inkomen_min_max", {"aow_leeftijd_maanden": 804, "percentage": "1", "minimum_cent": 5, "maximum_cent": 4}, "minimum"),
        ("abonnement", {"tarief_cent": 100}, "aow_leeftijd_maanden"),
        ("abonnement", {"aow_leeftijd_maanden": 804, "tarief_cent": 1, "vrijgestelde_huishoudens": ["alle"]}, "vrijgestelde_huishoudens"),
    ],
)
def test_validatie_van_parameters(soort, parameters, fout):
    assert any(fout in f for f in valideer_parameters(soort, parameters))


def test_teksten_passen_in_de_velden():
    velden = {f.name: f.max_length for f in Bijdrageregeling._meta.fields if getattr(f, "max_length", None)}
    for r in STANDAARDREGELS:
        assert len(r["bron"]) <= velden["bron"] and len(r["naam"]) <= velden["naam"]
