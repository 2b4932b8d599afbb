"""Rules as data: the national figures per year, the loader (idempotent), validation and the billing periods."""

from __future__ import annotations

import io
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
    eerste = laad_standaardregels(g)
    assert (eerste.nieuw, eerste.gelijk, eerste.afwijkend) == (len(STANDAARDREGELS), 0, [])
    tweede = laad_standaardregels(g)
    assert (tweede.nieuw, tweede.gelijk, tweede.afwijkend) == (0, len(STANDAARDREGELS), [])
    assert Bijdrageregeling.objects.filter(gemeente=g).count() == len(STANDAARDREGELS)
    assert not Bijdrageregeling.objects.filter(gemeente=ander).exists()


def test_laden_maakt_alleen_ontbrekende_en_overschrijft_geen_wijziging_van_de_gemeente(gemeente):
    eigen = Bijdrageregeling.objects.get(gemeente=gemeente, geldig_vanaf=date(2024, 1, 1))
    eigen.parameters = {**eigen.parameters, "tarief_cent": 1500, "beschikking": True}
    eigen.save()
    Bijdrageregeling.objects.filter(gemeente=gemeente, geldig_vanaf=date(2025, 1, 1)).delete()
    r = laad_standaardregels(gemeente)
    assert (r.nieuw, r.gelijk, len(r.afwijkend)) == (1, len(STANDAARDREGELS) - 2, 1)
    eigen.refresh_from_db()
    assert eigen.parameters["tarief_cent"] == 1500 and eigen.parameters["beschikking"] is True  # not overwritten
    assert Bijdrageregeling.objects.get(gemeente=gemeente, geldig_vanaf=date(2025, 1, 1)).parameters["tarief_cent"] == 2100
    melding = r.afwijkend[0]
    assert "Abonnementstarief 2024" in melding and "niet overschreven" in melding
    assert "parameters.tarief_cent: gemeente 1500, landelijk 2060" in melding
    assert "parameters.beschikking: gemeente true, landelijk false" in melding


def test_gewijzigd_landelijk_cijfer_wordt_gemeld_niet_doorgevoerd(gemeente, monkeypatch):
    from keukentafel.financien import bijdrageregels

    nieuw = [dict(r, parameters={**r["parameters"], "tarief_cent": 2200}) if r["geldig_vanaf"].year == 2025 else r for r in STANDAARDREGELS]
    monkeypatch.setattr(bijdrageregels, "STANDAARDREGELS", nieuw)
    r = laad_standaardregels(gemeente)
    assert r.nieuw == 0 and len(r.afwijkend) == 1
    assert "parameters.tarief_cent: gemeente 2100, landelijk 2200" in r.afwijkend[0]
    assert geldende_regel(gemeente, date(2025, 6, 1)).parameters["tarief_cent"] == 2100


def test_management_command(db):
    g = GemeenteFactory(naam="Hardenberg")
    call_command("bijdrageregels_laden", "--gemeente", "hardenberg")
    Bijdrageregeling.objects.filter(gemeente=g, geldig_vanaf=date(2019, 1, 1)).update(naam="Eigen tarief 2019")
    uit = io.StringIO()
    call_command("bijdrageregels_laden", "--gemeente", g.gemeentecode, stdout=uit)
    assert Bijdrageregeling.objects.filter(gemeente=g).count() == len(STANDAARDREGELS)
    assert Bijdrageregeling.objects.get(gemeente=g, geldig_vanaf=date(2019, 1, 1)).naam == "Eigen tarief 2019"
    assert "0 regelingen aangemaakt" in uit.getvalue() and "1 afwijkend" in uit.getvalue()
    assert "Let op: Eigen tarief 2019" in uit.getvalue()


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


def _nieuwe_regel(gemeente, vanaf: date, periodelengte: str, tarief: int = 1500) -> Bijdrageregeling:
    params = {**geldende_regel(gemeente, vanaf).parameters, "tarief_cent": tarief}
    return Bijdrageregeling.objects.create(
        gemeente=gemeente, naam=f"Gemeentelijk tarief vanaf {vanaf}", soort="abonnement", periodelengte=periodelengte,
        geldig_vanaf=vanaf, geldig_tot=date(vanaf.year, 12, 31), parameters=params, bron="Raadsbesluit (test)",
    )


def test_overdracht_midden_in_de_maand_zonder_overlap(gemeente):
    oud = geldende_regel(gemeente, date(2024, 1, 1))
    nieuw = _nieuwe_regel(gemeente, date(2024, 7, 15), Periodelengte.MAAND)
    p_oud, p_nieuw = perioden(oud, 2024), perioden(nieuw, 2024)
    assert p_oud[-1] == (date(2024, 7, 1), date(2024, 7, 14)) and len(p_oud) == 7
    assert p_nieuw[0] == (date(2024, 7, 15), date(2024, 7, 31)) and p_nieuw[1] == (date(2024, 8, 1), date(2024, 8, 31))
    alles = sorted(p_oud + p_nieuw)
    assert alles[0][0] == date(2024, 1, 1) and alles[-1][1] == date(2024, 12, 31)
    assert all(alles[i][1].toordinal() + 1 == alles[i + 1][0].toordinal() for i in range(len(alles) - 1))  # no gap, no overlap
    assert periode_van(oud, date(2024, 7, 10)) == (date(2024, 7, 1), date(2024, 7, 14))
    assert periode_van(nieuw, date(2024, 7, 20)) == (date(2024, 7, 15), date(2024, 7, 31))
    assert perioden(nieuw, 2023) == []


def test_overdracht_vier_weken_midden_in_het_jaar(gemeente):
    oud = geldende_regel(gemeente, date(2019, 1, 1))
    nieuw = _nieuwe_regel(gemeente, date(2019, 7, 10), Periodelengte.VIER_WEKEN)
    assert perioden(oud, 2019)[-1] == (date(2019, 6, 18), date(2019, 7, 9))
    assert perioden(nieuw, 2019)[0] == (date(2019, 7, 10), date(2019, 8, 6))
    assert perioden(nieuw, 2019)[-1][1] == date(2019, 12, 31)


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
