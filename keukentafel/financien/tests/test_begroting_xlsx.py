"""XLSX export/import of a budget and of a wijziging: exact round trip, complete validation before writing, Dutch
errors with row numbers, the same file refused the second time."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from keukentafel.accounts.models import AuditRecord
from keukentafel.financien import voorbeeld_hardenberg
from keukentafel.financien.begroting import bedragen_op, versies_naast_elkaar, voeg_wijziging_toe
from keukentafel.financien.models import Begroting, Begrotingsversie
from keukentafel.financien.xlsx_begroting import euro_naar_cent, exporteer, importeer_begroting, importeer_wijziging
from keukentafel.testing.factories import GemeenteFactory

from .fixtures_begroting import fixture_omg  # noqa: F401  (fixture omg)

pytestmark = pytest.mark.django_db


def _per_code(b: Begroting) -> dict[str, list]:
    _, regels = versies_naast_elkaar(b)
    return {r.post.code: [r.post.saldopost, r.post.dekking, r.post.verdeelsleutel, *r.per_versie, r.totaal_cent] for r in regels}


def _wijzig(data: bytes, blad: str, cel: str, waarde) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb[blad][cel] = waarde
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


@pytest.mark.parametrize(
    ("tekst", "cent"),
    [(1234.56, 123456), (4240000, 424000000), ("1.234,56", 123456), ("€ 4.240.000", 424000000), ("-520.000", -52000000),
     ("p.m.", 0), ("12.5", 1250), (None, None), ("", None), (0.1, 10)],
)
def test_euro_naar_cent(tekst, cent):
    assert euro_naar_cent(tekst) == cent


@pytest.mark.parametrize("tekst", ["1,234", 1.005, "twaalf", True])
def test_euro_naar_cent_weigert(tekst):
    with pytest.raises(ValueError):
        euro_naar_cent(tekst)


def test_export_in_euros_met_afgeleide_posten_gemarkeerd(omg):
    b = omg.begroting()
    wb = openpyxl.load_workbook(io.BytesIO(exporteer(b, door=omg.financien)))
    ws = wb["Begroting"]
    kop = [c.value for c in ws[1]]
    assert kop[-3:] == ["toelichting", "versie 0", "in werking"]
    rijen = {r[2]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rijen["jeugd-ambulant"][10] == pytest.approx(80000.01)
    assert rijen["onvoorzien"][5] == "ja" and rijen["onvoorzien"][11] == 10000
    assert ws.cell(2, 11).number_format == "#,##0.00"
    assert AuditRecord.objects.filter(actie="export", object_type="Begroting").exists()


def test_rondgang_hardenberg_met_wijziging_reproduceert_elk_bedrag(db):
    bron = GemeenteFactory(naam="Hardenberg")
    b = dict((x.jaar, x) for x, _ in voorbeeld_hardenberg.laad(bron))[2015]
    voeg_wijziging_toe(b, {"hbh-kosten": -123_456_78, "jeugd-rta": 1}, omschrijving="Najaarsnota", vastgesteld_op=date(2015, 10, 1),
                       bron="Raadsbesluit 5 november 2015")
    data = exporteer(b)
    doel = GemeenteFactory()
    rapport = importeer_begroting(None, doel, data, bestandsnaam="h.xlsx")
    assert rapport.ok, [str(f) for f in rapport.fouten] + [rapport.bestandsfout]
    kopie = Begroting.objects.get(gemeente=doel, jaar=2015)
    assert _per_code(kopie) == _per_code(b)
    assert [(v.soort, v.omschrijving, v.vastgesteld_op, v.bron) for v in kopie.versies.all()] == [
        (v.soort, v.omschrijving, v.vastgesteld_op, v.bron) for v in b.versies.all()]
    assert (kopie.naam, kopie.bron) == (b.naam, b.bron)
    assert kopie.posten.get(code="wmo-eigen-bijdragen").toelichting.startswith("p.m.")
    # the same file again: refused, nothing added
    tweede = importeer_begroting(None, doel, data)
    assert not tweede.ok and "al ingelezen" in tweede.bestandsfout
    assert Begrotingsversie.objects.filter(begroting__gemeente=doel).count() == 2


def _rij_van(data: bytes) -> dict[str, int]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Begroting"]
    return {ws.cell(r, 3).value: r for r in range(2, ws.max_row + 1)}


def test_fouten_met_rijnummers_en_niets_geschreven(omg):
    data = exporteer(omg.begroting(2026))
    rij = _rij_van(data)
    doel = GemeenteFactory()
    data = _wijzig(data, "Begroting", f"K{rij['begeleiding']}", "12,345")
    data = _wijzig(data, "Begroting", f"G{rij['hbh']}", "wmo:77")
    data = _wijzig(data, "Begroting", f"K{rij['onvoorzien']}", 99)  # afgeleid, with another figure
    data = _wijzig(data, "Begroting", f"C{rij['deelfonds']}", "hbh")  # duplicate code
    rapport = importeer_begroting(None, doel, data)
    assert not rapport.ok
    teksten = [str(f) for f in rapport.fouten]
    assert any(t.startswith(f"blad Begroting, rij {rij['begeleiding']}, kolom versie 0") and "meer dan twee decimalen" in t
               for t in teksten)
    assert any(f"rij {rij['hbh']}" in t and "wmo:77" in t for t in teksten)
    assert any(f"rij {rij['onvoorzien']}" in t and "is afgeleid" in t for t in teksten)
    assert any(f"rij {rij['deelfonds']}" in t and "komt twee keer voor" in t for t in teksten)
    assert not Begroting.objects.filter(gemeente=doel).exists()


def test_kapot_of_ander_bestand(omg):
    assert "geen Excel-werkmap" in importeer_begroting(None, omg.gemeente, b"code;mutatie\n").bestandsfout
    assert "niet worden gelezen" in importeer_begroting(None, omg.gemeente, b"PK\x03\x04rommel").bestandsfout
    assert "groter dan" in importeer_begroting(None, omg.gemeente, b"PK\x03\x04" + b"0" * (5 * 2**20)).bestandsfout


def test_bestaand_jaar_geweigerd(omg):
    data = exporteer(omg.begroting(2026))
    rapport = importeer_begroting(None, omg.gemeente, data)
    assert not rapport.ok and any("al een begroting voor 2026" in str(f) for f in rapport.fouten)


def _wijzigingsbestand(rijen) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code", "naam", "mutatie"])
    for r in rijen:
        ws.append(r)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def test_wijziging_inlezen_en_tweede_keer_geweigerd(omg):
    b = omg.begroting()
    data = _wijzigingsbestand([["hbh", "HbH", 1000.5], ["deelfonds", "", "-2.000,00"]])
    kw = {"omschrijving": "Voorjaarsnota", "vastgesteld_op": date(2026, 6, 1), "bron": "Raad 2 juni 2026"}
    rapport = importeer_wijziging(omg.financien, b, data, **kw)
    assert rapport.ok
    bedragen = bedragen_op(b)
    assert bedragen[b.posten.get(code="hbh").id] == 100_000_00 + 1000_50
    assert bedragen[b.posten.get(code="deelfonds").id] == 360_000_00 - 2000_00
    assert rapport.versies[0].bestand_sha256 == rapport.sha256
    tweede = importeer_wijziging(omg.financien, b, data, **kw)
    assert "al ingelezen" in tweede.bestandsfout and b.versies.count() == 2


def test_wijziging_fouten_per_rij(omg):
    b = omg.begroting()
    data = _wijzigingsbestand(
        [["hbh", "", 10], ["onvoorzien", "", 5], ["bestaat-niet", "", 1], ["hbh", "", "x"], ["begeleiding", "", None]]
    )
    rapport = importeer_wijziging(None, b, data, omschrijving="W", vastgesteld_op=date(2026, 6, 1), bron="Raad")
    teksten = [str(f) for f in rapport.fouten]
    assert any("rij 3, kolom code" in t and "afgeleid" in t for t in teksten)
    assert any("rij 4, kolom code" in t and "bestaat niet" in t for t in teksten)
    assert any("rij 5, kolom mutatie" in t for t in teksten)
    assert any("rij 6, kolom mutatie" in t and "ontbreekt" in t for t in teksten)
    assert b.versies.count() == 1


def test_bedragen_als_decimaal_in_export(omg):
    b = omg.begroting()
    data = exporteer(b)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Begroting"]
    assert Decimal(str(ws[f"K{_rij_van(data)['hbh']}"].value)) == Decimal("100000")
