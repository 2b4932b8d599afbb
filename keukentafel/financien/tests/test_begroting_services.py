"""Budget services: validation (Dutch messages), primitieve begroting, wijzigingen, derived saldo lines, totals, audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import AuditRecord
from keukentafel.financien.begroting import (
    Postinvoer,
    bedragen_op,
    dekkingsfouten,
    maak_begroting,
    postfouten,
    totalen,
    versies_naast_elkaar,
    voeg_wijziging_toe,
)
from keukentafel.financien.models import Begroting, Begrotingsbedrag, Domein, Postsoort

from .fixtures_begroting import fixture_omg, kleine_posten  # noqa: F401  (fixture omg)

pytestmark = pytest.mark.django_db


def _codes(b: Begroting) -> dict[str, int]:
    bedragen = bedragen_op(b)
    return {p.code: bedragen[p.id] for p in b.posten.all()}


def test_saldopost_is_baten_min_overige_lasten(omg):
    b = omg.begroting()
    assert _codes(b)["onvoorzien"] == 360_000_00 - 100_000_00 - 250_000_00
    assert not Begrotingsbedrag.objects.filter(post__saldopost=True).exists()


def test_totalen_per_onderdeel_domein_en_soort(omg):
    b = omg.begroting()
    t = totalen(b)
    assert t.per_onderdeel[(Domein.WMO, "Wmo maatwerk", Postsoort.LASTEN)] == 360_000_00
    assert t.per_domein[(Domein.JEUGD, Postsoort.LASTEN)] == 80_000_01
    assert t.per_soort[Postsoort.BATEN] == 435_000_00
    assert t.saldo == 75_000_00 - 80_000_01  # Jeugd has no saldopost


def test_aanmaken_wordt_gelogd(omg):
    b = omg.begroting()
    r = AuditRecord.objects.get(object_type="Begroting", object_id=str(b.pk))
    assert r.medewerker == omg.financien and "aangemaakt" in r.omschrijving


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda p: p[2].__setattr__("bedrag_cent", 5), "is een saldopost"),
        (lambda p: p[1].__setattr__("code", "hbh"), "komt twee keer voor"),
        (lambda p: p[0].__setattr__("dekking", ["wmo:99"]), "staat niet in de codelijst WMO020"),
        (lambda p: p[0].__setattr__("dekking", ["wmo01"]), "is ongeldig"),
        (lambda p: p[4].__setattr__("dekking", ["jeugd:45"]), "is ongeldig"),
        (lambda p: p[1].__setattr__("dekking", ["wmo:01"]), "staat al op post 'hbh'"),
        (lambda p: p[3].__setattr__("dekking", ["wmo:05"]), "productcategorieën horen bij een lastenpost"),
        (lambda p: p[0].__setattr__("bedrag_cent", None), "heeft geen bedrag"),
        (lambda p: p[0].__setattr__("domein", "zorg"), "Domein 'zorg' is onbekend"),
        (lambda p: p[0].__setattr__("verdeelsleutel", "oppervlakte"), "Verdeelsleutel 'oppervlakte'"),
        (lambda p: p.append(Postinvoer(Domein.WMO, "Wmo maatwerk", "s2", "Tweede saldo", Postsoort.LASTEN, saldopost=True)),
         "heeft al een saldopost"),
        (lambda p: p.append(Postinvoer(Domein.WMO, "Wmo maatwerk", "s3", "Saldo baten", Postsoort.BATEN, saldopost=True)),
         "staat aan de lastenkant"),
    ],
)
def test_ongeldige_posten_worden_geweigerd_en_er_wordt_niets_geschreven(omg, wijzig, melding):
    posten = kleine_posten()
    wijzig(posten)
    assert any(melding in m for _, m in postfouten(posten))
    with pytest.raises(ValidationError) as e:
        maak_begroting(omg.gemeente, 2026, posten, naam="x", bron="y", vastgesteld_op=date(2025, 11, 1))
    assert any(melding in m for m in e.value.messages)
    assert not Begroting.objects.exists()


def test_geldige_dekking_van_beide_wetten():
    assert dekkingsfouten(["wmo:01", "jeugdwet:45", "jeugdwet:31"]) == []
    assert dekkingsfouten(["jeugdwet:01"])  # 01 is a Wmo category


def test_tweede_begroting_voor_hetzelfde_jaar_geweigerd(omg):
    omg.begroting()
    with pytest.raises(ValidationError, match="al een begroting voor 2026"):
        omg.begroting()


def test_wijziging_telt_vanaf_vaststelling_en_saldo_volgt(omg):
    b = omg.begroting()
    voeg_wijziging_toe(b, {"begeleiding": 20_000_00, "deelfonds": 5_000_00}, omschrijving="Eerste wijziging",
                       vastgesteld_op=date(2026, 7, 1), bron="Voorjaarsnota 2026", door=omg.financien)
    voor, na = bedragen_op(b, date(2026, 6, 30)), bedragen_op(b, date(2026, 7, 1))
    begeleiding = b.posten.get(code="begeleiding")
    onvoorzien = b.posten.get(code="onvoorzien")
    assert voor[begeleiding.id] == 250_000_00 and na[begeleiding.id] == 270_000_00
    assert na[onvoorzien.id] == 365_000_00 - 100_000_00 - 270_000_00
    versies, regels = versies_naast_elkaar(b)
    assert [v.volgnummer for v in versies] == [0, 1]
    per = {r.post.code: r for r in regels}
    assert per["begeleiding"].per_versie == [250_000_00, 20_000_00]
    assert per["hbh"].per_versie == [100_000_00, None]
    assert per["onvoorzien"].per_versie == [10_000_00, -15_000_00]
    assert sum(per["onvoorzien"].per_versie) == per["onvoorzien"].totaal_cent
    assert AuditRecord.objects.filter(object_type="Begroting", omschrijving__startswith="Begrotingswijziging 1").exists()


@pytest.mark.parametrize(
    ("mutaties", "kwargs", "melding"),
    [
        ({"onvoorzien": 100}, {}, "is een saldopost"),
        ({"bestaat-niet": 100}, {}, "bestaat niet"),
        ({"hbh": 0}, {}, "verandert geen enkel bedrag"),
        ({"hbh": 100}, {"bron": " "}, "Vermeld de bron"),
        ({"hbh": 100}, {"vastgesteld_op": date(2025, 1, 1)}, "niet eerder vastgesteld"),
    ],
)
def test_ongeldige_wijziging_geweigerd(omg, mutaties, kwargs, melding):
    b = omg.begroting()
    args = {"omschrijving": "W", "vastgesteld_op": date(2026, 3, 1), "bron": "Raad"} | kwargs
    with pytest.raises(ValidationError) as e:
        voeg_wijziging_toe(b, mutaties, **args)
    assert any(melding in m for m in e.value.messages)
    assert b.versies.count() == 1
