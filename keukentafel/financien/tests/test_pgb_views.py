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
