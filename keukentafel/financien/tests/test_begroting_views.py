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


# --- list in a fixed number of queries, XLSX and audit, area budgets as the forecast splits them ---------------


def test_lijst_totalen_gelijk_aan_totalen_en_vast_aantal_queries(client, omg, django_assert_max_num_queries):
    from datetime import date

    from keukentafel.financien.begroting import totalen, voeg_wijziging_toe
    from keukentafel.financien.views_begroting import lijsttotalen

    b = omg.begroting(2026)
    voeg_wijziging_toe(b, {"deelfonds": 5_000_00, "hbh": -1_000_00}, omschrijving="W", vastgesteld_op=date(2026, 3, 1), bron="Raad")
    client.force_login(omg.beleid)
    with django_assert_max_num_queries(12) as een:
        client.get(_url("begroting_lijst", []))
    for jaar in (2024, 2025):
        omg.begroting(jaar)
    with django_assert_max_num_queries(len(een.captured_queries)):
        r = client.get(_url("begroting_lijst", []))
    begrotingen = list(Begroting.objects.filter(gemeente=omg.gemeente))
    per = lijsttotalen(begrotingen)
    for x in begrotingen:
        assert per[x.id] == totalen(x).per_soort
    rij = next(x for x in r.context["rijen"] if x["begroting"].jaar == 2026)
    assert rij["versies"] == 2 and rij["baten"] == 440_000_00
    assert rij["lasten"] == 360_000_00 + 5_000_00 + 80_000_01  # the saldopost makes Wmo's lasten equal its baten
    assert "Download als Excel (xlsx)" in r.content.decode()


def test_lijst_als_xlsx_en_geaudit(client, omg):
    from keukentafel.accounts.models import AuditRecord

    omg.begroting()
    client.force_login(omg.beleid)
    r = client.get(_url("begroting_lijst", []), {"formaat": "xlsx"})
    rijen = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0] == ("Jaar", "Naam", "Bron", "Versies", "Lasten", "Baten")
    assert rijen[1] == (2026, "Sociaal domein", "Raadsbesluit 12 november 2025", 1, 440000.01, 435000)
    assert AuditRecord.objects.filter(actie="export", medewerker=omg.beleid).count() == 1


def test_gebieden_zonder_verdeelsleutel_naar_inwoners_zoals_de_prognose(client, omg):
    from keukentafel.financien.models import Begrotingspost
    from keukentafel.financien.prognose import prognose

    omg.begroting(2026)
    client.force_login(omg.beleid)
    # the saldopost "onvoorzien" has no verdeelsleutel: 10,000 split 3000 : 1000 inhabitants
    r = client.get(_url("begroting_gebieden", [2026, "onvoorzien"]))
    html = r.content.decode()
    assert r.status_code == 200 and "€ 7.500,00" in html and "€ 2.500,00" in html
    assert "geen eigen verdeelsleutel" in html and "Inwoners" in html
    # a lasten line without key: the same split as the forecast's area budgets
    Begrotingspost.objects.filter(code="hbh").update(verdeelsleutel="")
    budgetten = client.get(_url("begroting_gebieden", [2026, "hbh"])).context["budgetten"]
    p = prognose(omg.gemeente, 2026)
    gebieden = next(x for x in p.posten if x.naam == "Hulp bij het huishouden").gebieden
    assert {b.gebied.id: b.bedrag_cent for b in budgetten} == {g.sleutel: g.begroot for g in gebieden if g.sleutel}
    assert "Per gebied<span" in client.get(_url("begroting_detail", [2026])).content.decode().split("Onvoorzien")[1][:600]


def test_gebieden_met_de_bedragen_die_nu_gelden(client, omg):
    from datetime import date

    from keukentafel.financien.begroting import voeg_wijziging_toe

    b = omg.begroting(2020)
    # a past year: the amounts of 31 December 2020, not a wijziging vastgesteld in 2021
    voeg_wijziging_toe(b, {"hbh": 40_000_00}, omschrijving="Na afloop", vastgesteld_op=date(2021, 3, 1), bron="Jaarrekening")
    client.force_login(omg.beleid)
    r = client.get(_url("begroting_gebieden", [2020, "hbh"]))
    html = r.content.decode()
    assert r.context["datum"] == date(2020, 12, 31) and r.context["bedrag"] == 100_000_00
    assert "€ 75.000,00" in html and "€ 25.000,00" in html and "€ 105.000,00" not in html


def test_gebieden_als_xlsx_en_geaudit(client, omg):
    from keukentafel.accounts.models import AuditRecord

    omg.begroting()
    client.force_login(omg.beleid)
    assert "?formaat=xlsx" in client.get(_url("begroting_gebieden", [2026, "hbh"])).content.decode()
    r = client.get(_url("begroting_gebieden", [2026, "hbh"]), {"formaat": "xlsx"})
    rijen = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen == [("Gebied", "Inwoners", "Budget"), ("Noord", 3000, 75000), ("Zuid", 1000, 25000), ("Totaal", 4000, 100000)]
    r = client.get(_url("begroting_gebieden", [2026, "begeleiding"]), {"formaat": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws["B1"].value == "Verplichting vorig jaar" and ws["C2"].number_format == "#,##0.00"
    assert AuditRecord.objects.filter(actie="export", object_type="Begrotingspost", omschrijving__contains="post hbh").count() == 1


def test_wijzigingssjabloon_en_export_geaudit(client, omg):
    from keukentafel.accounts.models import AuditRecord

    b = omg.begroting()
    client.force_login(omg.financien)
    r = client.get(_url("begroting_wijziging_sjabloon", [2026]))
    assert r["Content-Type"] == XLSX_MIME and 'filename="wijziging-' in r["Content-Disposition"]
    rec = AuditRecord.objects.get(actie="export", medewerker=omg.financien)
    assert rec.object_type == "Begroting" and rec.object_id == str(b.pk) and "sjabloon" in rec.omschrijving.lower()
    client.get(_url("begroting_export", [2026]))
    assert AuditRecord.objects.filter(actie="export", medewerker=omg.financien).count() == 2


def test_te_groot_alleen_de_groottemelding(client, omg, settings):
    omg.begroting()
    settings.MAX_UPLOAD_BYTES = 100
    client.force_login(omg.financien)
    html = client.post(_url("begroting_import", []), {"bestand": SimpleUploadedFile("b.xlsx", b"0" * 500)}).content.decode()
    assert "groter dan" in html and "Dit veld is verplicht" not in html
