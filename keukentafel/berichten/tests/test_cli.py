"""The `berichten` command (valideer, verwerk), the inbox directories and the `keukentafel` console script."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from keukentafel.berichten import mappen
from keukentafel.berichten.management.commands.berichten import Voortgangsbalk
from keukentafel.berichten.models import Bericht, Berichtstatus, Kanaal
from keukentafel.testing.factories import AanbiederFactory

from .test_verwerking import NS, bericht_305, fixture_nep_305, fixture_xsd_aan  # noqa: F401  (fixtures nep_305, xsd_aan)


def opdracht(*args: str) -> tuple[int, str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    try:
        call_command("berichten", *args, stdout=uit, stderr=fout)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, uit.getvalue(), fout.getvalue()


def test_valideer_geldig_bericht(tmp_path, gemeente, aanbieder, xsd_aan):
    f = tmp_path / "start.xml"
    f.write_bytes(bericht_305(gemeente, aanbieder))
    code, uit, _ = opdracht("valideer", str(f))
    assert code == 0
    assert "WMO305 – Start zorg (Wmo 2015)" in uit and f"Afzender:      {aanbieder.agb_code}" in uit
    assert f"Ontvanger:     {gemeente.gemeentecode}" in uit and "100000000001" in uit
    assert "XSD:           geldig" in uit and "Uitkomst:      geldig" in uit
    assert not Bericht.objects.exists()


def test_valideer_ongeldig_met_regel_en_element(tmp_path, gemeente, aanbieder, xsd_aan):
    f = tmp_path / "start.xml"
    f.write_bytes(bericht_305(gemeente, aanbieder).replace(b"<wmo305:Geslacht>1<", b"<wmo305:Geslacht>7<"))
    code, uit, _ = opdracht("valideer", str(f))
    assert code == 1
    assert "XSD:           ongeldig" in uit and "element Geslacht" in uit and "regel " in uit
    assert not Bericht.objects.exists()


def test_valideer_zonder_xsd_noemt_de_reden(tmp_path, gemeente, aanbieder, settings):
    f = tmp_path / "start.xml"
    f.write_bytes(bericht_305(gemeente, aanbieder).replace(b"<wmo305:BerichtCode>418<", b"<wmo305:BerichtCode>420<"))
    settings.ISTANDAARDEN_DIR = None
    code, uit, _ = opdracht("valideer", str(f))
    assert code == 1
    assert "XSD:           uit (XSD-validatie staat uit: KEUKENTAFEL_ISTANDAARDEN_DIR" in uit
    assert "element BerichtCode" in uit


@pytest.mark.parametrize("inhoud", [
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', b"<a><b></a>", b"<a xmlns='urn:x'/>",
], ids=["xxe", "niet-welgevormd", "geen-istandaard"])
def test_valideer_vijandig_of_onleesbaar_is_2(tmp_path, db, inhoud):
    f = tmp_path / "x.xml"
    f.write_bytes(inhoud)
    code, uit, _ = opdracht("valideer", str(f))
    assert code == 2 and "Geweigerd:" in uit and "root:" not in uit


def test_valideer_ontbrekend_bestand_is_2(tmp_path, db):
    code, uit, _ = opdracht("valideer", str(tmp_path / "bestaat-niet.xml"))
    assert code == 2 and "Onleesbaar" in uit


def test_verwerk_map_verplaatst_en_schrijft_antwoord(tmp_path, gemeente, aanbieder, nep_305, xsd_aan):
    (tmp_path / "a.xml").write_bytes(bericht_305(gemeente, aanbieder, identificatie="1"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xml").write_bytes(b"<kapot")
    code, uit, _ = opdracht("verwerk", str(tmp_path), "--geen-voortgang")
    assert code == 1
    assert "a.xml: WMO305 1 verwerkt: 2 regels, 0 afgekeurd; antwoord WMO306" in uit
    assert "b.xml: Het bericht is geen geldige XML" in uit and "2 bestanden: 1 verwerkt, 1 geweigerd." in uit
    assert (tmp_path / "verwerkt" / "a.xml").exists() and (tmp_path / "verwerkt" / "a.antwoord.xml").exists()
    assert b"wmo306" in (tmp_path / "verwerkt" / "a.antwoord.xml").read_bytes()
    assert (tmp_path / "sub" / "afgekeurd" / "b.xml").exists()
    assert "regel 1" in (tmp_path / "sub" / "afgekeurd" / "b.fouten.txt").read_text()
    assert Bericht.objects.get(soort="305").kanaal == Kanaal.CLI
    # A second run finds nothing new: handled files and our own answers are skipped.
    code, uit, _ = opdracht("verwerk", str(tmp_path))
    assert code == 0 and "Geen berichten gevonden" in uit


def test_verwerk_xsd_fout_en_schrijft_fouten(tmp_path, gemeente, aanbieder, nep_305, xsd_aan):
    f = tmp_path / "c.xml"
    f.write_bytes(bericht_305(gemeente, aanbieder).replace(b"<wmo305:Geslacht>1<", b"<wmo305:Geslacht>7<"))
    code, uit, _ = opdracht("verwerk", str(f))
    assert code == 1 and "element Geslacht" in uit
    assert "element Geslacht" in (tmp_path / "afgekeurd" / "c.fouten.txt").read_text()
    assert Bericht.objects.get().status == Berichtstatus.AFGEKEURD


def test_verwerk_onbekend_pad_is_2(tmp_path, db):
    code, _, fout = opdracht("verwerk", str(tmp_path / "nergens"))
    assert code == 2 and "bestaat niet" in fout


def test_inbox_van_een_aanbieder_neemt_geen_berichten_van_een_ander_aan(tmp_path, settings, gemeente, aanbieder, nep_305):
    settings.BERICHTEN_DIR = tmp_path
    andere = AanbiederFactory()
    eigen_map = tmp_path / "in" / aanbieder.agb_code
    eigen_map.mkdir(parents=True)
    (eigen_map / "goed.xml").write_bytes(bericht_305(gemeente, aanbieder, identificatie="1"))
    (eigen_map / "vals.xml").write_bytes(bericht_305(gemeente, andere, identificatie="2"))
    uitkomsten = {u.bron.name: u for u in mappen.verwerk_map()}
    assert uitkomsten["goed.xml"].gelukt and uitkomsten["goed.xml"].ontvangst.bericht.kanaal == Kanaal.MAP
    assert uitkomsten["vals.xml"].ontvangst.http_status == 403
    assert (eigen_map / "verwerkt" / "goed.xml").exists() and (eigen_map / "afgekeurd" / "vals.xml").exists()
    # verzend also put the answer in the provider's outbox directory (on commit).
    assert mappen.verwerk_map() == []


def test_voortgangsbalk():
    stroom = io.StringIO()
    balk = Voortgangsbalk(stroom, "prestaties")
    balk(45_000, 100_000)
    balk(45_100, 100_000)  # same percent: not redrawn into a log
    balk(100_000, 100_000)
    regels = stroom.getvalue().splitlines()
    assert regels == [
        "[#############.................]  45% 45.000/100.000 prestaties",
        "[##############################] 100% 100.000/100.000 prestaties",
    ]


def test_console_script_keukentafel():
    script = Path(sys.executable).parent / "keukentafel"
    if not script.exists():
        pytest.skip("`keukentafel` is niet geïnstalleerd (scripts/setup installeert het)")
    r = subprocess.run([str(script), "berichten", "--help"], capture_output=True, text=True, timeout=60)  # noqa: S603
    assert r.returncode == 0 and "valideer" in r.stdout


def test_cli_main_roept_django_aan(monkeypatch):
    from keukentafel import cli

    gezien = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: gezien.append(argv))
    cli.main(["berichten", "valideer", "x.xml"])
    assert gezien == [["keukentafel", "berichten", "valideer", "x.xml"]]
