"""PGB screens: roles, content, import through the form, no BSN or name on any page, audited reads, XLSX."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.financien.models import Pgbimport, Pgbuitgave
from keukentafel.financien.pgb_import import importeer
from keukentafel.testing.factories import GemeenteFactory, MedewerkerFactory

from .fixtures_pgb import csv_bestand, pgb_voorziening

pytestmark = pytest.mark.django_db
JAAR = date.today().year


@pytest.fixture
def omg():
    g = GemeenteFactory(naam="Pgbstad")
    v = pgb_voorziening(g, omvang=10, frequentie="4", tarief=10000, begindatum=date(JAAR, 1, 1), einddatum=date(JAAR, 12, 31))
    # overspent: more than the year budget of 1.200.000
    importeer(g, csv_bestand(f"K1;{v.toewijzingnummer};01-01-{JAAR};31-01-{JAAR};10-02-{JAAR};12.000,01;Zorg BV"), "svb.csv")
    return g, v


def login(client, g, rol):
    m = MedewerkerFactory(rol=rol, team=None, gemeente=g)
    client.force_login(m)
    return m


def pagina_urls(omg):
    _, v = omg
    imp = Pgbimport.objects.get()
    return [reverse("financien:pgb_overzicht"), reverse("financien:pgb_overzicht_xlsx"), reverse("financien:pgb_budget", args=[v.pk]),
            reverse("financien:pgb_imports"), reverse("financien:pgb_import_detail", args=[imp.pk])]


@pytest.mark.parametrize("rol", [Rol.FINANCIEN, Rol.BELEID])
def test_financien_en_beleid_lezen(client, omg, rol):
    login(client, omg[0], rol)
    for url in pagina_urls(omg):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.BACKOFFICE, Rol.TEAMLEIDER, Rol.FUNCTIONEEL_BEHEER])
def test_andere_rollen_krijgen_403(client, omg, rol):
    login(client, omg[0], rol)
    for url in [*pagina_urls(omg), reverse("financien:pgb_import")]:
        assert client.get(url).status_code == 403, url


def test_beleid_mag_niet_importeren(client, omg):
    login(client, omg[0], Rol.BELEID)
    assert client.get(reverse("financien:pgb_import")).status_code == 403
    assert client.post(reverse("financien:pgb_import"), {}).status_code == 403


def test_andere_gemeente_ziet_het_budget_niet(client, omg):
    login(client, GemeenteFactory(), Rol.FINANCIEN)
    assert client.get(reverse("financien:pgb_budget", args=[omg[1].pk])).status_code == 404
    assert client.get(reverse("financien:pgb_import_detail", args=[Pgbimport.objects.get().pk])).status_code == 404


def test_overzicht_toont_totalen_en_signalen_zonder_naam_of_bsn(client, omg):
    g, v = omg
    login(client, g, Rol.BELEID)
    html = client.get(reverse("financien:pgb_overzicht"), {"jaar": JAAR}).content.decode()
    assert "€ 12.000,00" in html and "€ 12.000,01" in html and "Budget overschreden" in html
    assert str(v.toewijzingnummer) in html and "Uitgaven inlezen" not in html
    assert v.persoon.bsn not in html and v.persoon.geslachtsnaam not in html


def test_budgetdetail_per_maand_en_geaudit(client, omg):
    g, v = omg
    m = login(client, g, Rol.FINANCIEN)
    html = client.get(reverse("financien:pgb_budget", args=[v.pk]), {"jaar": JAAR}).content.decode()
    assert "januari" in html and "december" in html and "K1" in html and "Budget overschreden" in html
    assert v.persoon.bsn not in html and v.persoon.geslachtsnaam not in html and "Zorg BV" not in html
    rec = AuditRecord.objects.get(actie="lezen", medewerker=m)
    assert rec.object_type == "ToegewezenVoorziening" and rec.object_id == str(v.pk) and v.persoon.bsn not in rec.omschrijving


def test_xlsx_export(client, omg):
    g, v = omg
    login(client, g, Rol.FINANCIEN)
    r = client.get(reverse("financien:pgb_overzicht_xlsx"), {"jaar": JAAR})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    werkmap = openpyxl.load_workbook(io.BytesIO(r.content))
    totalen, budgetten = werkmap.worksheets
    assert totalen["C2"].value == 12000 and totalen["D2"].value == 12000.01
    assert budgetten["A2"].value == v.toewijzingnummer and budgetten["K2"].value == "Budget overschreden"
    assert AuditRecord.objects.filter(actie="export").exists()


def test_import_via_het_formulier_met_resultaat_per_rij(client, omg):
    g, v = omg
    login(client, g, Rol.FINANCIEN)
    data = csv_bestand(f"K2;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};100,00;",
                       f"K3;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};fout;")
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("feb.csv", data, content_type="text/csv")})
    html = r.content.decode()
    assert r.status_code == 200 and "1 van de 2 regels ingelezen" in html
    assert 'numeric-column">3</td>' in html and "bedrag: vul het bedrag in euro" in html
    assert Pgbuitgave.objects.filter(kenmerk="K2").exists()
    # the same file again: refused with a message
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("feb.csv", data, content_type="text/csv")})
    assert r.status_code == 422 and "al ingelezen" in r.content.decode()


def test_import_alles_of_niets_via_het_formulier(client, omg):
    g, v = omg
    login(client, g, Rol.FINANCIEN)
    data = csv_bestand(f"K2;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};100,00;",
                       f"K3;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};fout;")
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("feb.csv", data), "alles_of_niets": "on"})
    assert r.status_code == 422 and "niets ingelezen" in r.content.decode()
    assert not Pgbuitgave.objects.filter(kenmerk="K2").exists()


def test_import_te_groot_of_verkeerde_extensie(client, omg, settings):
    g, _ = omg
    login(client, g, Rol.FINANCIEN)
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("x.xlsx", b"PK\x03\x04")})
    assert r.status_code == 400 and "CSV-bestand" in r.content.decode()
    settings.MAX_UPLOAD_BYTES = 10
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("x.csv", b"a" * 100)})
    assert r.status_code == 400 and "groter dan" in r.content.decode()


def test_importgeschiedenis_en_detail_met_fouten(client, omg):
    g, v = omg
    importeer(g, csv_bestand(f"K7;{v.toewijzingnummer};01-03-{JAAR};31-03-{JAAR};10-04-{JAAR};5,00;",
                             f"K8;424242;01-03-{JAAR};31-03-{JAAR};10-04-{JAAR};5,00;"), "maart.csv")
    login(client, g, Rol.BELEID)
    assert "maart.csv" in client.get(reverse("financien:pgb_imports")).content.decode()
    imp = Pgbimport.objects.get(bestandsnaam="maart.csv")
    html = client.get(reverse("financien:pgb_import_detail", args=[imp.pk])).content.decode()
    assert "424242 is geen toewijzing van Pgbstad" in html


# --- every table as XLSX through the shared writer, every download audited -----------------------------------


def test_overzicht_xlsx_bedragen_als_euros_met_twee_decimalen(client, omg):
    g, v = omg
    login(client, g, Rol.BELEID)
    r = client.get(reverse("financien:pgb_overzicht_xlsx"), {"jaar": JAAR})
    totalen, budgetten = openpyxl.load_workbook(io.BytesIO(r.content)).worksheets
    assert totalen["C1"].value == "Budget" and totalen["C2"].number_format == "#,##0.00"
    assert budgetten["H2"].value == -0.01 and budgetten["H2"].number_format == "#,##0.00"
    assert "Download als Excel (xlsx)" in client.get(reverse("financien:pgb_overzicht"), {"jaar": JAAR}).content.decode()


def test_budget_xlsx_twee_tabellen_en_geaudit(client, omg):
    g, v = omg
    m = login(client, g, Rol.BELEID)
    html = client.get(reverse("financien:pgb_budget", args=[v.pk]), {"jaar": JAAR}).content.decode()
    assert f"?jaar={JAAR}&amp;formaat=xlsx" in html and "Download als Excel (xlsx)" in html
    r = client.get(reverse("financien:pgb_budget", args=[v.pk]), {"jaar": JAAR, "formaat": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats") and "attachment" in r["Content-Disposition"]
    werkmap = openpyxl.load_workbook(io.BytesIO(r.content))
    assert werkmap.sheetnames == ["Per maand", "Uitgaven"]
    maanden = list(werkmap["Per maand"].values)
    assert len(maanden) == 13 and maanden[1][0] == "januari" and maanden[1][2] == 12000.01
    assert maanden[12][3] == 12000  # cumulative budget
    uitgaven = list(werkmap["Uitgaven"].values)
    assert uitgaven[1][0] == "K1" and uitgaven[1][4] == 12000.01 and uitgaven[1][5] == "svb.csv"
    rec = AuditRecord.objects.get(actie="export", medewerker=m)
    assert rec.object_type == "ToegewezenVoorziening" and rec.object_id == str(v.pk)
    assert v.persoon.bsn not in rec.omschrijving and v.persoon.geslachtsnaam not in rec.omschrijving


def test_imports_en_afgewezen_regels_als_xlsx_en_geaudit(client, omg):
    g, v = omg
    importeer(g, csv_bestand(f"K7;{v.toewijzingnummer};01-03-{JAAR};31-03-{JAAR};10-04-{JAAR};5,00;",
                             f"K8;424242;01-03-{JAAR};31-03-{JAAR};10-04-{JAAR};5,00;"), "maart.csv")
    m = login(client, g, Rol.BELEID)
    assert "?formaat=xlsx" in client.get(reverse("financien:pgb_imports")).content.decode()
    r = client.get(reverse("financien:pgb_imports"), {"formaat": "xlsx"})
    rijen = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0][:3] == ("Bestand", "Ingelezen op", "Door") and {x[0] for x in rijen[1:]} == {"svb.csv", "maart.csv"}
    assert next(x for x in rijen if x[0] == "svb.csv")[5] == 12000.01
    imp = Pgbimport.objects.get(bestandsnaam="maart.csv")
    assert "formaat=xlsx" in client.get(reverse("financien:pgb_import_detail", args=[imp.pk])).content.decode()
    r = client.get(reverse("financien:pgb_import_detail", args=[imp.pk]), {"formaat": "xlsx"})
    rijen = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[0] == ("Rij", "Reden") and rijen[1][0] == 3 and "424242 is geen toewijzing" in rijen[1][1]
    assert AuditRecord.objects.filter(actie="export", medewerker=m).count() == 2
    assert AuditRecord.objects.filter(actie="export", object_type="Pgbimport", object_id=str(imp.pk)).exists()


def test_importresultaat_linkt_naar_de_afgewezen_regels(client, omg):
    g, v = omg
    login(client, g, Rol.FINANCIEN)
    data = csv_bestand(f"K2;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};100,00;",
                       f"K3;{v.toewijzingnummer};01-02-{JAAR};28-02-{JAAR};10-03-{JAAR};fout;")
    html = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("feb.csv", data)}).content.decode()
    imp = Pgbimport.objects.get(bestandsnaam="feb.csv")
    assert reverse("financien:pgb_import_detail", args=[imp.pk]) + "?formaat=xlsx" in html


def test_te_groot_bestand_geeft_alleen_de_groottemelding(client, omg, settings):
    login(client, omg[0], Rol.FINANCIEN)
    settings.MAX_UPLOAD_BYTES = 2048
    r = client.post(reverse("financien:pgb_import"), {"bestand": SimpleUploadedFile("x.csv", b"a" * 5000)})
    html = r.content.decode()
    assert r.status_code == 400 and "Het bestand is groter dan 2 kB." in html and "Dit veld is verplicht" not in html


def test_gedeelde_schrijver_maakt_van_tekst_nooit_een_formule():
    from keukentafel.financien.xlsx import werkmap_xlsx

    data = werkmap_xlsx([("Blad", ["a", ("b", "geld")], [["=cmd|' /C calc'!A0", 1], ["+1", None], ["-2", 5], ["@SUM(1)", 10]]),
                         ("Blad", ["c"], [["gewoon"]])])
    werkmap = openpyxl.load_workbook(io.BytesIO(data))
    blad = werkmap.worksheets[0]
    for cel in ("A2", "A3", "A4", "A5"):
        assert blad[cel].data_type == "s" and blad[cel].quotePrefix, cel
    assert blad["A2"].value == "=cmd|' /C calc'!A0" and blad["A4"].value == "-2"
    assert blad["B2"].value == 0.01 and blad["B4"].value == 0.05 and blad["B3"].value is None
    assert werkmap.sheetnames == ["Blad", "Blad 2"]
