"""Eigen-bijdrage screens: roles (financiën runs/changes, beleid reads, others 403), content, audit, the CAK export
columns and the beschikking PDF."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.financien.bijdrageregels import geldende_regel
from keukentafel.financien.cak import KOLOMMEN
from keukentafel.financien.eigen_bijdrage import bereken_periode
from keukentafel.financien.models import Bijdrageberekening, Bijdrageregeling
from keukentafel.financien.xlsx import XLSX_TYPE
from keukentafel.inwoners.models import LidRol
from keukentafel.testing.factories import MedewerkerFactory

from . import fixtures_bijdrage as fx
from .fixtures_bijdrage import huishouden, voorziening

gebied, gemeente = fx.gebied, fx.gemeente
pytestmark = pytest.mark.django_db
PB = date(2024, 3, 1)


@pytest.fixture
def berekend(gebied, gemeente):
    hh, (a, p) = huishouden(gebied, (LidRol.AANVRAGER, date(1950, 1, 1)), (LidRol.PARTNER, date(1952, 1, 1)))
    voorziening(gemeente, a, hh, toewijzingnummer=7001)
    voorziening(gemeente, p, hh, categorie="01", toewijzingnummer=7002)
    voorziening(gemeente, p, hh, wet="jeugdwet", categorie="45", toewijzingnummer=7003)
    bereken_periode(gemeente, PB)
    return Bijdrageberekening.objects.get(huishouden=hh), a, p


def _client(client, gemeente, rol):
    client.force_login(MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente))
    return client


@pytest.mark.parametrize(("rol", "status"), [(Rol.FINANCIEN, 200), (Rol.BELEID, 200), (Rol.GENERALIST, 403), (Rol.BACKOFFICE, 403)])
def test_regels_en_periodetotalen_voor_financien_en_beleid(client, gemeente, berekend, rol, status):
    c = _client(client, gemeente, rol)
    url = reverse("financien:bijdrage_regels")
    assert c.get(url).status_code == status
    assert c.get(url, {"formaat": "xlsx"}).status_code == status
    assert c.get(url, {"formaat": "xlsx", "tabel": "perioden"}).status_code == status


@pytest.mark.parametrize(("rol", "status"), [(Rol.FINANCIEN, 200), (Rol.BELEID, 403), (Rol.GENERALIST, 403), (Rol.BACKOFFICE, 403)])
def test_gegevens_per_huishouden_alleen_financien(client, gemeente, berekend, rol, status):
    b, _, _ = berekend
    c = _client(client, gemeente, rol)
    for url in (reverse("financien:bijdrage_periode", args=[PB.isoformat()]), reverse("financien:bijdrage_uitleg", args=[b.pk])):
        assert c.get(url).status_code == status, url
        assert c.get(url, {"formaat": "xlsx"}).status_code == status, url


def test_beleid_ziet_totalen_zonder_link_naar_huishoudens(client, gemeente, berekend):
    inhoud = _client(client, gemeente, Rol.BELEID).get(reverse("financien:bijdrage_regels")).content.decode()
    assert "01-03-2024 t/m 31-03-2024" in inhoud and "€ 20,60" in inhoud
    assert reverse("financien:bijdrage_periode", args=[PB.isoformat()]) not in inhoud
    assert "Wijzigen" not in inhoud


@pytest.mark.parametrize(("rol", "status"), [(Rol.FINANCIEN, 200), (Rol.BELEID, 403), (Rol.GENERALIST, 403)])
def test_beheren_alleen_financien(client, gemeente, berekend, rol, status):
    c = _client(client, gemeente, rol)
    assert c.get(reverse("financien:bijdrage_berekenen")).status_code == status
    assert c.get(reverse("financien:bijdrage_regel_nieuw")).status_code == status
    regel = geldende_regel(gemeente, PB)
    assert c.get(reverse("financien:bijdrage_regel_wijzigen", args=[regel.pk])).status_code == status
    assert c.post(reverse("financien:bijdrage_regel_wijzigen", args=[regel.pk]), _formdata(regel)).status_code in (status, 302)
    assert c.get(reverse("financien:bijdrage_cak_export", args=[PB.isoformat()])).status_code == status


def test_regels_en_perioden_op_het_scherm(client, gemeente, berekend):
    inhoud = _client(client, gemeente, Rol.FINANCIEN).get(reverse("financien:bijdrage_regels")).content.decode()
    assert "Abonnementstarief 2024" in inhoud and "€ 20,60" in inhoud and "seed 001_8130d38cb886e681.txt" in inhoud
    assert "01-03-2024 t/m 31-03-2024" in inhoud
    assert "12,5 % boven de inkomensgrens" in inhoud and "12.5 %" not in inhoud


def test_periode_lijst_zonder_naam_of_bsn(client, gemeente, berekend):
    b, a, _ = berekend
    inhoud = _client(client, gemeente, Rol.FINANCIEN).get(reverse("financien:bijdrage_periode", args=[PB.isoformat()])).content.decode()
    assert f"Huishouden {b.huishouden_id}" in inhoud and "€ 20,60" in inhoud
    assert a.bsn not in inhoud and a.geslachtsnaam not in inhoud
    assert "CAK-export" in inhoud and "formaat=xlsx" in inhoud


def _xlsx(response) -> list[list]:
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def test_xlsx_exports_van_elke_tabel(client, gemeente, berekend):
    b, a, p = berekend
    c = _client(client, gemeente, Rol.FINANCIEN)
    regels = _xlsx(c.get(reverse("financien:bijdrage_regels"), {"formaat": "xlsx"}))
    assert regels[0][:3] == ["Regeling", "Geldig vanaf", "Geldig tot"]
    rij = next(r for r in regels if r[0] == "Abonnementstarief 2024")
    assert rij[5] == 20.6 and rij[12] == "CAK"  # the tariff as a money column (euros)
    assert next(r for r in regels if r[0].endswith("2017"))[6] == "12,5"
    perioden = _xlsx(c.get(reverse("financien:bijdrage_regels"), {"formaat": "xlsx", "tabel": "perioden"}))
    assert perioden[0] == ["Periode begin", "Periode eind", "Huishoudens", "Eigen bijdrage", "Kostprijs"]
    assert perioden[1][2:4] == [1, 20.6]
    huishoudens = _xlsx(c.get(reverse("financien:bijdrage_periode", args=[PB.isoformat()]), {"formaat": "xlsx"}))
    assert huishoudens[1][0] == b.huishouden_id and huishoudens[1][4] == pytest.approx(b.kostprijs_cent / 100)
    assert huishoudens[1][5] == 20.6 and huishoudens[1][1] == b.huishouden.gebied.naam
    uitleg = _xlsx(c.get(reverse("financien:bijdrage_uitleg", args=[b.pk]), {"formaat": "xlsx"}))
    assert uitleg[0] == ["Stap", "Omschrijving", "Bedrag"]
    assert uitleg[-1][1:] == ["Eigen bijdrage voor de periode", 20.6]
    alles = repr(regels + perioden + huishoudens + uitleg)
    assert a.bsn not in alles and p.bsn not in alles and a.geslachtsnaam not in alles
    exports = AuditRecord.objects.filter(actie=AuditActie.EXPORT)
    assert exports.count() == 4 and exports.filter(huishouden_id=b.huishouden_id).count() == 1
    assert not any(x.bsn in log.omschrijving for log in exports for x in (a, p))


def test_uitleg_regel_voor_regel_en_in_de_audit(client, gemeente, berekend):
    b, _, _ = berekend
    inhoud = _client(client, gemeente, Rol.FINANCIEN).get(reverse("financien:bijdrage_uitleg", args=[b.pk])).content.decode()
    assert "Anticumulatie" in inhoud and "Jeugdwet: geen eigen bijdrage" in inhoud and "Eigen bijdrage voor de periode" in inhoud
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, huishouden_id=b.huishouden_id).exists()


def test_periode_berekenen_via_het_scherm(client, gemeente, berekend):
    c = _client(client, gemeente, Rol.FINANCIEN)
    r = c.post(reverse("financien:bijdrage_berekenen"), {"datum": "2024-04-15"}, follow=True)
    assert r.status_code == 200
    assert "1 huishoudens" in r.content.decode()
    log = AuditRecord.objects.get(actie=AuditActie.WIJZIGEN, omschrijving__contains="01-04-2024")
    assert log.medewerker_id is not None and log.kanaal == "ui"
    assert Bijdrageberekening.objects.filter(periode_begin=date(2024, 4, 1)).count() == 1
    fout = c.post(reverse("financien:bijdrage_berekenen"), {"datum": "2010-01-01"})
    assert "geen eigen-bijdrageregeling" in fout.content.decode()


def test_regeling_toevoegen_met_validatie(client, gemeente):
    c = _client(client, gemeente, Rol.FINANCIEN)
    data = {
        "naam": "Gemeentelijk tarief 2028", "soort": "abonnement", "periodelengte": "maand", "geldig_vanaf": "2028-01-01",
        "bron": "Raadsbesluit 2027", "parameters_json": '{"tarief_cent": 1500}', "vrijgesteld": "wmo:15, wmo:16",
    }
    fout = c.post(reverse("financien:bijdrage_regel_nieuw"), data)
    assert fout.status_code == 200 and "aow_leeftijd_maanden" in fout.content.decode()
    data["parameters_json"] = '{"tarief_cent": 1500, "aow_leeftijd_maanden": 807}'
    assert c.post(reverse("financien:bijdrage_regel_nieuw"), data).status_code == 302
    regel = Bijdrageregeling.objects.get(gemeente=gemeente, geldig_vanaf=date(2028, 1, 1))
    assert regel.vrijgestelde_categorieen == ["wmo:15", "wmo:16"] and regel.parameters["tarief_cent"] == 1500
    assert AuditRecord.objects.filter(actie=AuditActie.AANMAKEN, object_type="Bijdrageregeling").exists()


def _formdata(regel, **extra) -> dict:
    p = {k: v for k, v in regel.parameters.items() if k not in ("beschikking", "vrijstelling_tot_inkomen")}
    data = {
        "naam": regel.naam, "soort": regel.soort, "periodelengte": regel.periodelengte, "geldig_vanaf": regel.geldig_vanaf.isoformat(),
        "geldig_tot": regel.geldig_tot.isoformat() if regel.geldig_tot else "", "bron": regel.bron,
        "parameters_json": json.dumps(p), "vrijgesteld": ", ".join(regel.vrijgestelde_categorieen),
    }
    return {**data, **extra}


def test_regeling_wijzigen_beschikking_en_minimuminkomen(client, gemeente, berekend):
    b, a, _ = berekend
    c = _client(client, gemeente, Rol.FINANCIEN)
    regel = geldende_regel(gemeente, PB)
    url = reverse("financien:bijdrage_regel_wijzigen", args=[regel.pk])
    formulier = c.get(url).content.decode()
    assert "De gemeente legt zelf een beschikking op" in formulier and "Vrijstelling minimuminkomen" in formulier
    assert "Abonnementstarief 2024" in formulier and "2060" in formulier  # the current values
    fout = c.post(url, _formdata(regel, vrijstelling_eenpersoons_onder_aow="veel"))
    assert fout.status_code == 200 and "Geef een bedrag in euro" in fout.content.decode()
    botsing = c.post(url, _formdata(regel, geldig_vanaf="2025-01-01"))
    assert "Er is al een regeling met deze ingangsdatum" in botsing.content.decode()
    r = c.post(url, _formdata(regel, beschikking="on", vrijstelling_meerpersoons_aow="16.000,50", bron="Raadsbesluit 2023-12"))
    assert r.status_code == 302
    regel.refresh_from_db()
    assert regel.parameters["beschikking"] is True
    assert regel.parameters["vrijstelling_tot_inkomen"] == {"meerpersoons_aow": 1_600_050}
    assert regel.parameters["tarief_cent"] == 2060 and regel.bron == "Raadsbesluit 2023-12"
    log = AuditRecord.objects.get(actie=AuditActie.WIJZIGEN, object_type="Bijdrageregeling", object_id=str(regel.pk), kanaal="ui")
    assert "parameters.beschikking: oud false, nieuw true" in log.omschrijving
    assert 'parameters.vrijstelling_tot_inkomen: oud {}, nieuw {"meerpersoons_aow": 1600050}' in log.omschrijving
    assert "bron: oud" in log.omschrijving and a.bsn not in log.omschrijving
    # the setting is visible and the beschikking reachable from the explanation
    assert "Gemeente legt zelf een beschikking op" in c.get(reverse("financien:bijdrage_regels")).content.decode()
    uitleg = c.get(reverse("financien:bijdrage_uitleg", args=[b.pk])).content.decode()
    assert reverse("financien:bijdrage_beschikking", args=[b.pk]) in uitleg
    assert c.get(reverse("financien:bijdrage_beschikking", args=[b.pk])).status_code == 200
    # the edit form shows the saved settings; saving unchanged writes nothing
    opnieuw = c.get(url).content.decode()
    assert "16.000,50" in opnieuw and "checked" in opnieuw
    aantal = AuditRecord.objects.count()
    assert c.post(url, _formdata(regel, beschikking="on", vrijstelling_meerpersoons_aow="16.000,50")).status_code == 302
    assert AuditRecord.objects.count() == aantal


def test_regeling_van_een_andere_gemeente_niet_te_wijzigen(client, gemeente, berekend):
    from keukentafel.financien.bijdrageregels import laad_standaardregels
    from keukentafel.testing.factories import GemeenteFactory

    ander = GemeenteFactory()
    laad_standaardregels(ander)
    vreemd = Bijdrageregeling.objects.filter(gemeente=ander).first()
    assert _client(client, gemeente, Rol.FINANCIEN).get(reverse("financien:bijdrage_regel_wijzigen", args=[vreemd.pk])).status_code == 404


def test_cak_export_kolommen_en_inhoud(client, gemeente, berekend):
    b, a, p = berekend
    r = _client(client, gemeente, Rol.FINANCIEN).get(reverse("financien:bijdrage_cak_export", args=[PB.isoformat()]))
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8"
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8")), delimiter=";"))
    assert rijen[0] == [k for k, _ in KOLOMMEN]
    data = [dict(zip(rijen[0], rij, strict=True)) for rij in rijen[1:]]
    assert [d["toewijzingnummer"] for d in data] == ["7001", "7002"]  # the Jeugdwet grant is not in it
    for d in data:
        assert d["gemeentecode"] == gemeente.gemeentecode and d["bsn_aanvrager"] == a.bsn
        assert d["bijdrage_huishouden_cent"] == "2060" and d["kostprijs_huishouden_cent"] == str(b.kostprijs_cent)
        assert (d["periode_begin"], d["periode_eind"], d["periodelengte"]) == ("2024-03-01", "2024-03-31", "maand")
    assert [d["bsn_client"] for d in data] == [a.bsn, p.bsn]
    assert sum(int(d["kostprijs_voorziening_cent"]) for d in data) == b.kostprijs_cent
    log = AuditRecord.objects.get(actie=AuditActie.EXPORT)
    assert a.bsn not in log.omschrijving


def test_beschikking_alleen_als_de_gemeente_oplegt(client, gemeente, berekend):
    b, a, _ = berekend
    c = _client(client, gemeente, Rol.FINANCIEN)
    url = reverse("financien:bijdrage_beschikking", args=[b.pk])
    assert c.get(url).status_code == 404  # the CAK levies by default
    regel = geldende_regel(gemeente, PB)
    regel.parameters["beschikking"] = True
    regel.save()
    r = c.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert AuditRecord.objects.filter(actie=AuditActie.EXPORT, huishouden_id=b.huishouden_id).exists()
    assert _client(client, gemeente, Rol.BELEID).get(url).status_code == 403


def test_beschikking_tekst_met_bezwaartermijn(gemeente, berekend):
    from django.template.loader import render_to_string

    b, a, _ = berekend
    html = render_to_string("financien/bijdrage_beschikking.html", {
        "b": b, "gemeente": gemeente, "persoon": a, "adres": a, "datum": date(2024, 3, 5), "bezwaartermijn": "zes weken",
        "einde_bezwaar": date(2024, 4, 16), "regels": b.regels,
    })
    assert "€ 20,60" in html and "zes weken" in html and "16 april 2024" in html and "Abonnementstarief 2024" in html
