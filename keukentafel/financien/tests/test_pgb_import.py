"""PGB spending import: every check with its row number, nothing half-written, duplicates, hostile input, the CLI."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from keukentafel.accounts.models import AuditRecord
from keukentafel.financien.models import Pgbimport, Pgbuitgave
from keukentafel.financien.pgb_import import importeer, lees_bedrag
from keukentafel.financien.xlsx import werkmap_xlsx as xlsx_bestand
from keukentafel.testing.factories import GemeenteFactory, ToegewezenVoorzieningFactory

from .fixtures_pgb import KOP, csv_bestand, pgb_voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture
def g():
    return GemeenteFactory(naam="Pgbstad")


@pytest.fixture
def v(g):
    return pgb_voorziening(g, begindatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))


def regel(v, kenmerk="K1", begin="01-01-2026", eind="31-01-2026", betaald="10-02-2026", bedrag="123,45", zorgverlener="Zorg BV"):
    nummer = v if isinstance(v, int | str) else v.toewijzingnummer
    return f"{kenmerk};{nummer};{begin};{eind};{betaald};{bedrag};{zorgverlener}"


def test_goed_bestand_wordt_ingelezen_met_decimaalkomma_bom_en_correctie(g, v):
    data = csv_bestand(regel(v, "K1", bedrag="1.234,56"), regel(v, "K2", bedrag="-34,56"), bom=True)
    r = importeer(g, data, "svb.csv")
    assert not r.geweigerd and r.aantal_ingelezen == 2 and r.aantal_afgewezen == 0 and r.totaal_cent == 120000
    assert sorted(Pgbuitgave.objects.values_list("kenmerk", "bedrag_cent")) == [("K1", 123456), ("K2", -3456)]
    imp = Pgbimport.objects.get()
    assert (imp.aantal_regels, imp.aantal_afgewezen, imp.totaal_cent, imp.fouten) == (2, 0, 120000, [])
    assert AuditRecord.objects.filter(object_type="Pgbimport", object_id=str(imp.pk), actie="aanmaken").exists()


def test_komma_gescheiden_met_decimaalpunt_en_iso_datums(g, v):
    data = csv_bestand(regel(v, begin="2026-02-01", eind="2026-02-28", betaald="2026-03-05", bedrag='"1,234.50"').replace(";", ","),
                       scheiding=",")
    r = importeer(g, data, "svb.csv")
    assert r.aantal_ingelezen == 1, r.fouten or r.bestandsfout
    u = Pgbuitgave.objects.get()
    assert (u.bedrag_cent, u.periode_begin, u.betaaldatum) == (123450, date(2026, 2, 1), date(2026, 3, 5))


@pytest.mark.parametrize("tekst,cent", [("12,5", 1250), ("-0,01", -1), ("€ 1.000,00", 100000), ("1000.10", 100010), ("7", 700)])
def test_bedragen(tekst, cent):
    assert lees_bedrag(tekst) == cent


@pytest.mark.parametrize("tekst", ["abc", "1.234", "1,2,3", "0,00", "12,345", "2000000,00", "1e5"])
def test_foute_bedragen(tekst):
    with pytest.raises(ValueError):
        lees_bedrag(tekst)


def test_elke_fout_met_rijnummer_en_alleen_goede_regels_bewaard(g, v):
    zin = ToegewezenVoorzieningFactory(gemeente=g)
    ander = pgb_voorziening(GemeenteFactory())
    data = csv_bestand(
        regel(v, "OK1"),                                             # row 2: fine
        regel(999999999, "R3"),                                      # unknown toewijzingnummer
        regel(ander, "R4"),                                          # other gemeente's grant
        regel(zin, "R5"),                                            # not a pgb
        regel(v, "R6", begin="01-12-2026", eind="31-01-2027"),       # outside the grant
        regel(v, "R7", begin="31-02-2026"),                          # no such date
        regel(v, "R8", bedrag="twaalf"),                             # bad amount
        regel(v, "R9", begin="01-03-2026", eind="01-02-2026"),       # end before begin
        regel(v, "DUBBEL"), regel(v, "DUBBEL"),                      # rows 10 and 11: same kenmerk in the file
        regel(v, "=cmd|' /C calc'!A0"),                              # bad kenmerk
        regel(v, "OK2", zorgverlener="=HYPERLINK(\"http://x\")"),    # row 13: formula-like text is stored as text
    )
    r = importeer(g, data, "svb.csv")
    fouten = {f["rij"]: f["melding"] for f in r.fouten}
    assert set(fouten) == {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
    assert "999999999 is geen toewijzing van Pgbstad" in fouten[3]
    assert "geen toewijzing van Pgbstad" in fouten[4]
    assert "geen pgb" in fouten[5]
    assert "buiten de looptijd" in fouten[6]
    assert "periode_begin" in fouten[7] and "geen bestaande datum" in fouten[7]
    assert "bedrag" in fouten[8]
    assert "vóór periode_begin" in fouten[9]
    assert "rijen 10, 11" in fouten[10] and "rijen 10, 11" in fouten[11]
    assert "kenmerk" in fouten[12]
    assert sorted(Pgbuitgave.objects.values_list("kenmerk", flat=True)) == ["OK1", "OK2"]
    assert Pgbuitgave.objects.get(kenmerk="OK2").zorgverlener == '=HYPERLINK("http://x")'
    imp = Pgbimport.objects.get()
    assert (imp.aantal_regels, imp.aantal_afgewezen) == (12, 10) and imp.fouten[0]["rij"] == 3


def test_alles_of_niets_schrijft_niets_bij_een_fout(g, v):
    data = csv_bestand(regel(v, "OK1"), regel(v, "R3", bedrag="x"))
    r = importeer(g, data, "svb.csv", alles_of_niets=True)
    assert r.geweigerd and "niets ingelezen" in r.bestandsfout and r.fouten[0]["rij"] == 3
    assert not Pgbuitgave.objects.exists() and not Pgbimport.objects.exists()
    assert AuditRecord.objects.filter(actie="geweigerd").exists()
    # the corrected file can be offered again (nothing was recorded)
    assert not importeer(g, csv_bestand(regel(v, "OK1"), regel(v, "R3")), "svb.csv", alles_of_niets=True).geweigerd


def test_alleen_foute_regels_schrijft_niets(g, v):
    r = importeer(g, csv_bestand(regel(v, "R2", bedrag="x")), "svb.csv")
    assert r.geweigerd and not Pgbimport.objects.exists() and r.fouten[0]["rij"] == 2


def test_hetzelfde_bestand_twee_keer_wordt_geweigerd(g, v):
    data = csv_bestand(regel(v, "K1"))
    assert not importeer(g, data, "a.csv").geweigerd
    r = importeer(g, data, "b.csv")
    assert r.geweigerd and "al ingelezen" in r.bestandsfout and "'a.csv'" in r.bestandsfout
    assert Pgbuitgave.objects.count() == 1


def test_kenmerk_dat_al_is_ingelezen_wordt_per_regel_geweigerd(g, v):
    importeer(g, csv_bestand(regel(v, "K1")), "a.csv")
    r = importeer(g, csv_bestand(regel(v, "K1", bedrag="99,00"), regel(v, "K2")), "b.csv")
    assert r.fouten == [{"rij": 2, "melding": "kenmerk K1 is al eerder ingelezen."}]
    assert Pgbuitgave.objects.get(kenmerk="K1").bedrag_cent == 12345


@pytest.mark.parametrize("data,melding", [
    (b"", "leeg"),
    (b"\x00\x01\x02binair\xff\xfe", "UTF-8"),
    (b"kenmerk;bedrag\n\x01;2\n", "binaire"),
    (b"PK\x03\x04rest", "Excel"),
    (b"kenmerk;toewijzingnummer;bedrag\nK1;1;2\n", "mist de kolommen periode_begin, periode_eind, betaaldatum"),
    (KOP.encode() + b"\n", "geen uitgaven"),
    (KOP.encode() + b'\n"K1;1;\n', "geen geldige CSV-regel"),
])
def test_onleesbaar_bestand_wordt_geheel_geweigerd(g, data, melding):
    r = importeer(g, data, "x.csv")
    assert r.geweigerd and melding in r.bestandsfout
    assert not Pgbimport.objects.exists()


def test_te_groot_bestand(g, v, settings):
    settings.MAX_UPLOAD_BYTES = 200
    r = importeer(g, csv_bestand(*[regel(v, f"K{i}") for i in range(10)]), "groot.csv")
    assert r.geweigerd and "groter dan" in r.bestandsfout and not Pgbuitgave.objects.exists()


def test_xlsx_export_maakt_van_tekst_nooit_een_formule():
    data = xlsx_bestand([("Blad", ["a", "b"], [["=cmd|' /C calc'!A0", 1], ["@SUM(1)", None]])])
    blad = openpyxl.load_workbook(io.BytesIO(data)).active
    assert blad["A2"].data_type == "s" and blad["A2"].value == "=cmd|' /C calc'!A0"
    assert blad["A3"].data_type == "s" and blad["B2"].value == 1


def test_cli(g, v, tmp_path, capsys):
    pad = tmp_path / "svb.csv"
    pad.write_bytes(csv_bestand(regel(v, "K1"), regel(v, "K2", bedrag="x")))
    call_command("pgb_import", str(pad), gemeente="pgbstad")
    uit = capsys.readouterr()
    assert "1 van de 2 regels ingelezen" in uit.out and "Rij 3: bedrag" in uit.err
    with pytest.raises(CommandError, match="al ingelezen"):
        call_command("pgb_import", str(pad), gemeente="Pgbstad")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("pgb_import", str(pad), gemeente="Nergens")
    pad.write_bytes(csv_bestand(regel(v, "K9"), regel(v, "K8", bedrag="x")))
    with pytest.raises(CommandError, match="niets ingelezen"):
        call_command("pgb_import", str(pad), "--alles-of-niets", gemeente="Pgbstad")
    assert Pgbuitgave.objects.count() == 1
