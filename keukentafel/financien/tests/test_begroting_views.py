"""Begroting screens: financiën reads and changes, beleid reads only (403 on changes), a generalist gets 403;
each screen shows its content; only the user's own gemeente."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keukentafel.accounts.models import Rol
from keukentafel.financien.begroting import bedragen_op
from keukentafel.financien.models import Begroting
from keukentafel.financien.xlsx_begroting import XLSX_MIME, exporteer
from keukentafel.testing.factories import GemeenteFactory, MedewerkerFactory

from .fixtures_begroting import fixture_omg  # noqa: F401  (fixture omg)

pytestmark = pytest.mark.django_db

LEZEN = [("begroting_lijst", []), ("begroting_detail", [2026]), ("begroting_export", [2026]),
         ("begroting_gebieden", [2026, "hbh"])]
WIJZIGEN = [("begroting_import", []), ("begroting_wijziging", [2026]), ("begroting_wijziging_sjabloon", [2026])]


def _url(naam, args):
    return reverse(f"financien:{naam}", args=args)


@pytest.mark.parametrize(("naam", "args"), LEZEN + WIJZIGEN)
def test_financien_mag_alles(client, omg, naam, args):
    omg.begroting()
    client.force_login(omg.financien)
    assert client.get(_url(naam, args)).status_code == 200


@pytest.mark.parametrize(("naam", "args"), LEZEN)
def test_beleid_leest(client, omg, naam, args):
    omg.begroting()
    client.force_login(omg.beleid)
    assert client.get(_url(naam, args)).status_code == 200


@pytest.mark.parametrize(("naam", "args"), WIJZIGEN)
def test_beleid_wijzigt_niet(client, omg, naam, args):
    omg.begroting()
    client.force_login(omg.beleid)
    assert client.get(_url(naam, args)).status_code == 403
    if naam != "begroting_wijziging_sjabloon":  # GET only
        assert client.post(_url(naam, args), {}).status_code == 403


@pytest.mark.parametrize(("naam", "args"), LEZEN + WIJZIGEN)
def test_generalist_geweigerd(client, omg, naam, args):
    omg.begroting()
    client.force_login(MedewerkerFactory(rol=Rol.GENERALIST, team__gebied=omg.noord))
    assert client.get(_url(naam, args)).status_code == 403


def test_andere_gemeente_onvindbaar(client, omg):
    omg.begroting()
    ander = MedewerkerFactory(rol=Rol.FINANCIEN, team=None, gemeente=GemeenteFactory())
    client.force_login(ander)
    assert client.get(_url("begroting_detail", [2026])).status_code == 404
    assert "Sociaal domein" not in client.get(_url("begroting_lijst", [])).content.decode()


def test_lijst_en_detail_tonen_versies_en_afgeleid(client, omg):
    omg.begroting()
    client.force_login(omg.beleid)
    html = client.get(_url("begroting_lijst", [])).content.decode()
    assert "2026" in html and "€ 435.000,00" in html and "inlezen" not in html
    html = client.get(_url("begroting_detail", [2026])).content.decode()
    assert "Onvoorzien <em>(afgeleid)</em>" in html and "€ 10.000,00" in html
    assert "Primitief" in html and "Wijziging toevoegen" not in html and "Jeugdwet" in html


def test_gebiedstabel(client, omg):
    omg.begroting()
    client.force_login(omg.beleid)
    html = client.get(_url("begroting_gebieden", [2026, "hbh"])).content.decode()
    assert "Noord" in html and "€ 75.000,00" in html and "€ 25.000,00" in html and "3000" in html


def test_export_download(client, omg):
    omg.begroting()
    client.force_login(omg.beleid)
    r = client.get(_url("begroting_export", [2026]))
    assert r["Content-Type"] == XLSX_MIME and "attachment" in r["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(r.content)).sheetnames == ["Begroting", "Versies", "Gegevens"]


def test_wijziging_via_formulier(client, omg):
    b = omg.begroting()
    client.force_login(omg.financien)
    hbh = b.posten.get(code="hbh")
    r = client.post(_url("begroting_wijziging", [2026]), {
        "omschrijving": "Voorjaarsnota", "vastgesteld_op": "2026-06-01", "bron": "Raad 2 juni 2026", f"post_{hbh.pk}": "1.000,50",
    })
    assert r.status_code == 302
    assert bedragen_op(b)[hbh.id] == 100_000_00 + 1000_50
    assert b.versies.get(volgnummer=1).vastgesteld_door == omg.financien


def test_wijziging_fouten_in_het_nederlands(client, omg):
    b = omg.begroting()
    client.force_login(omg.financien)
    hbh = b.posten.get(code="hbh")
    r = client.post(_url("begroting_wijziging", [2026]), {"omschrijving": "W", "vastgesteld_op": "2024-01-01", "bron": "R",
                                                          f"post_{hbh.pk}": "12,345"})
    assert r.status_code == 400 and "meer dan twee decimalen" in r.content.decode()
    r = client.post(_url("begroting_wijziging", [2026]), {"omschrijving": "W", "vastgesteld_op": "2024-01-01", "bron": "R",
                                                          f"post_{hbh.pk}": "5"})
    assert r.status_code == 400 and "niet eerder vastgesteld" in r.content.decode()
    assert b.versies.count() == 1


def test_import_via_formulier_en_foutrapport(client, omg):
    data = exporteer(omg.begroting(2026))
    Begroting.objects.filter(gemeente=omg.gemeente).delete()
    client.force_login(omg.financien)
    r = client.post(_url("begroting_import", []), {"bestand": SimpleUploadedFile("b.xlsx", data)})
    assert r.status_code == 302 and r["Location"] == _url("begroting_detail", [2026])
    r = client.post(_url("begroting_import", []), {"bestand": SimpleUploadedFile("b.xlsx", data)})
    assert r.status_code == 400 and "al ingelezen" in r.content.decode()
    r = client.post(_url("begroting_import", []), {"bestand": SimpleUploadedFile("b.csv", b"a;b")})
    assert r.status_code == 400 and "Kies een Excel-werkmap" in r.content.decode()


def test_te_groot_bestand_via_uploadlimiet(client, omg, settings):
    omg.begroting()
    settings.MAX_UPLOAD_BYTES = 100
    client.force_login(omg.financien)
    r = client.post(_url("begroting_import", []), {"bestand": SimpleUploadedFile("b.xlsx", b"PK\x03\x04" + b"0" * 500)})
    assert r.status_code == 400 and "groter dan" in r.content.decode()
    assert Begroting.objects.filter(gemeente=omg.gemeente).count() == 1
