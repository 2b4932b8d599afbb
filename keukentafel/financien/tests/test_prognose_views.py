"""The finance overview screens: roles, content, drill-down, XLSX export and the audit of the grant list."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from keukentafel.accounts.models import AuditRecord
from keukentafel.testing.factories import MedewerkerFactory, ProductFactory

from .fixtures_prognose import GebiedFactory, GemeenteFactory, begroting, prestatie, voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture
def boek():
    g = GemeenteFactory()
    a = GebiedFactory(gemeente=g, naam="Centrum", inwoners=3000)
    b = begroting(g, 2026, [("wmo", "hbh", ["wmo:01"], 1_000_000), ("wmo", "begeleiding", ["wmo:02"], 100)])
    v = voorziening(g, a, product=ProductFactory(wet="wmo", productcategorie="01", naam="Hulp bij het huishouden"),
                    omvang=1, tarief_cent=1000, frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))
    prestatie(v, 31_000, date(2026, 1, 15))
    voorziening(g, a, product=ProductFactory(wet="wmo", productcategorie="02"), omvang=7, tarief_cent=100, frequentie="2",
                begindatum=date(2026, 3, 1))  # no history: 100 %, 30,600 against a budget of 100
    return g, b, v


def _client(client, g, rol="financien"):
    client.force_login(MedewerkerFactory(rol=rol, team=None, gemeente=g))
    return client


@pytest.mark.parametrize("rol,status", [("financien", 200), ("beleid", 200), ("generalist", 403), ("backoffice", 403)])
def test_rollen(client, boek, rol, status):
    g, b, v = boek
    c = _client(client, g, rol) if rol in ("financien", "beleid") else client
    if rol not in ("financien", "beleid"):
        c.force_login(MedewerkerFactory(rol=rol))
    post = b.posten.get(code="hbh")
    for url in (reverse("financien:overzicht"), reverse("financien:overzicht_gebieden"),
                reverse("financien:overzicht_post", args=[post.pk]), reverse("financien:overzicht_voorzieningen", args=[post.pk])):
        assert c.get(url, {"jaar": 2026}).status_code == status, url


def test_overzicht_toont_posten_waarschuwing_en_grafiek(client, boek):
    g, b, v = boek
    r = _client(client, g).get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": "2026-02-15"})
    html = r.content.decode()
    assert "HBH" in html and "BEGELEIDING" in html and "<svg" in html and 'role="img"' in html
    assert "€ 10.000,00" in html  # begroot hbh
    assert "waarschuwing: boven de grens van 5%" in html  # begeleiding: 36,500 > 100
    assert "Wmo 2015" in html


def test_post_per_aanbieder_en_voorzieningen_zonder_persoonsgegevens(client, boek):
    g, b, v = boek
    c = _client(client, g)
    post = b.posten.get(code="hbh")
    html = c.get(reverse("financien:overzicht_post", args=[post.pk]), {"peildatum": "2026-02-15"}).content.decode()
    assert v.aanbieder.naam in html
    html = c.get(reverse("financien:overzicht_voorzieningen", args=[post.pk]), {"aanbieder": v.aanbieder_id}).content.decode()
    assert str(v.toewijzingnummer) in html and "€ 3.650,00" in html and "€ 310,00" in html and "Centrum" in html
    assert v.persoon.bsn not in html and v.persoon.geslachtsnaam not in html
    rec = AuditRecord.objects.get(object_type="Begrotingspost", object_id=str(post.pk))
    assert rec.actie == "lezen" and "hbh" in rec.omschrijving and v.persoon.bsn not in rec.omschrijving


def test_andere_gemeente_post_geeft_404(client, boek):
    g, b, v = boek
    r = _client(client, GemeenteFactory()).get(reverse("financien:overzicht_post", args=[b.posten.first().pk]))
    assert r.status_code == 404


def test_xlsx_export_bedragen_als_getallen(client, boek):
    g, b, v = boek
    c = _client(client, g)
    r = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": "2026-02-15", "formaat": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rijen = list(ws.values)
    assert rijen[0][:3] == ("Domein", "Post", "Begroot")
    hbh = next(x for x in rijen if x[1] == "HBH")
    assert hbh[2] == 10000 and hbh[3] == 3650 and hbh[4] == 310
    post = b.posten.get(code="hbh")
    for url in (reverse("financien:overzicht_gebieden"), reverse("financien:overzicht_post", args=[post.pk]),
                reverse("financien:overzicht_voorzieningen", args=[post.pk])):
        r = c.get(url, {"jaar": 2026, "formaat": "xlsx"})
        rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
        assert len(rijen) >= 2, url
    assert rijen[1][0] == v.toewijzingnummer and rijen[1][-2] == 3650
    assert AuditRecord.objects.filter(actie="export", object_type="Begrotingspost").exists()


def test_gebieden_scherm(client, boek):
    g, b, v = boek
    html = _client(client, g).get(reverse("financien:overzicht_gebieden"), {"jaar": 2026}).content.decode()
    assert "Centrum" in html and "€ 10.000,00" in html
