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


# --- drill-down reconciles with the figure clicked; niet toegerekend; exports audited; charts -----------------

PEIL = "2026-06-30"


@pytest.fixture
def midden():
    """Two aanbieders on hbh, prestaties before and after a mid-year peildatum, and a category on no line."""
    g = GemeenteFactory()
    a = GebiedFactory(gemeente=g, naam="Noord", inwoners=3000)
    z = GebiedFactory(gemeente=g, naam="Zuid", inwoners=1000)
    b = begroting(g, 2026, [("wmo", "hbh", ["wmo:01"], 5_000_000)])
    hbh = ProductFactory(wet="wmo", productcategorie="01")
    v1 = voorziening(g, a, product=hbh, omvang=3, tarief_cent=2500, frequentie="2", begindatum=date(2026, 1, 1),
                     einddatum=date(2026, 12, 31))
    v2 = voorziening(g, z, product=hbh, omvang=1, tarief_cent=997, frequentie="1", begindatum=date(2026, 2, 10))
    prestatie(v1, 12_345, date(2026, 3, 10))
    prestatie(v1, 50_000, date(2026, 9, 10))  # after the peildatum: not in the figure
    prestatie(v2, 7_001, date(2026, 5, 31))
    prestatie(v2, 9_999, date(2026, 7, 1))  # after the peildatum
    los = voorziening(g, a, product=ProductFactory(wet="wmo", productcategorie="05"), omvang=2, tarief_cent=1500,
                      frequentie="2", begindatum=date(2026, 4, 1), einddatum=date(2026, 11, 30))
    prestatie(los, 4_321, date(2026, 4, 20))
    prestatie(los, 1_111, date(2026, 8, 20))  # after the peildatum
    return g, b, v1, v2, los


def _overzichtregel(c, naam):
    p = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL}).context["p"]
    return p, (p.niet_toegerekend if naam is None else next(r for r in p.posten if r.naam == naam))


def _som(rijen, veld):
    return sum(getattr(r, veld) for r in rijen)


def test_drilldown_telt_op_tot_het_cijfer_van_het_overzicht(client, midden):
    g, b, v1, v2, _ = midden
    c = _client(client, g)
    post = b.posten.get(code="hbh")
    _, regel = _overzichtregel(c, "HBH")
    assert regel.gerealiseerd == 12_345 + 7_001
    r = c.get(reverse("financien:overzicht_post", args=[post.pk]), {"jaar": 2026, "peildatum": PEIL})
    rijen = r.context["rijen"]
    assert len(rijen) == 2
    assert _som(rijen, "verplicht") == regel.verplicht and _som(rijen, "gerealiseerd") == regel.gerealiseerd
    assert abs(_som(rijen, "prognose") - regel.prognose) <= len(rijen)  # each cell rounded once (see prognose)
    html = r.content.decode()
    assert f"?jaar=2026&amp;peildatum={PEIL}&amp;aanbieder={v1.aanbieder_id}" in html  # the link carries the peildatum
    r = c.get(reverse("financien:overzicht_voorzieningen", args=[post.pk]), {"jaar": 2026, "peildatum": PEIL})
    grants = list(r.context["pagina"].object_list)
    assert {v.toewijzingnummer for v in grants} == {v1.toewijzingnummer, v2.toewijzingnummer}
    assert _som(grants, "verplichting") == regel.verplicht and _som(grants, "gerealiseerd") == regel.gerealiseerd
    assert f"peildatum={PEIL}" in r.context["terug_url"] and "30 juni 2026" in r.content.decode()
    # per aanbieder: the grants add up to the aanbieder's row
    rij = next(x for x in rijen if x.sleutel == v1.aanbieder_id)
    r = c.get(reverse("financien:overzicht_voorzieningen", args=[post.pk]),
              {"jaar": 2026, "peildatum": PEIL, "aanbieder": v1.aanbieder_id})
    grants = list(r.context["pagina"].object_list)
    assert _som(grants, "gerealiseerd") == rij.gerealiseerd == 12_345 and _som(grants, "verplichting") == rij.verplicht


def test_gebied_drilldown_telt_op_en_draagt_peildatum(client, midden):
    g, b, v1, v2, _ = midden
    c = _client(client, g)
    post = b.posten.get(code="hbh")
    r = c.get(reverse("financien:overzicht_gebieden"), {"jaar": 2026, "peildatum": PEIL})
    regel = next(s["r"] for s in r.context["secties"] if s["r"].naam == "HBH")
    noord = next(x for x in regel.gebieden if x.naam == "Noord")
    assert f"?jaar=2026&amp;peildatum={PEIL}&amp;gebied={noord.sleutel}" in r.content.decode()
    r = c.get(reverse("financien:overzicht_voorzieningen", args=[post.pk]), {"jaar": 2026, "peildatum": PEIL, "gebied": noord.sleutel})
    grants = list(r.context["pagina"].object_list)
    assert [v.toewijzingnummer for v in grants] == [v1.toewijzingnummer]
    assert _som(grants, "gerealiseerd") == noord.gerealiseerd and _som(grants, "verplichting") == noord.verplicht


def test_niet_toegerekend_drilldown(client, midden):
    g, b, v1, v2, los = midden
    c = _client(client, g)
    p, regel = _overzichtregel(c, None)
    assert regel.gerealiseerd == 4_321 and regel.verplicht > 0
    html = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL}).content.decode()
    assert reverse("financien:overzicht_niet_toegerekend") + f"?jaar=2026&amp;peildatum={PEIL}" in html
    r = c.get(reverse("financien:overzicht_niet_toegerekend"), {"jaar": 2026, "peildatum": PEIL})
    assert r.status_code == 200
    rijen = r.context["rijen"]
    assert [x.sleutel for x in rijen] == [los.aanbieder_id] and los.aanbieder.naam in r.content.decode()
    assert _som(rijen, "verplicht") == regel.verplicht and _som(rijen, "gerealiseerd") == regel.gerealiseerd
    assert "wmo:05" in r.content.decode()
    r = c.get(reverse("financien:overzicht_niet_toegerekend_voorzieningen"),
              {"jaar": 2026, "peildatum": PEIL, "aanbieder": los.aanbieder_id})
    grants = list(r.context["pagina"].object_list)
    assert [v.toewijzingnummer for v in grants] == [los.toewijzingnummer]
    assert _som(grants, "verplichting") == regel.verplicht and _som(grants, "gerealiseerd") == regel.gerealiseerd
    html = r.content.decode()
    assert los.persoon.bsn not in html and los.persoon.geslachtsnaam not in html
    rec = AuditRecord.objects.get(actie="lezen")
    assert "niet toegerekend" in rec.omschrijving and los.persoon.bsn not in rec.omschrijving
    r = c.get(reverse("financien:overzicht_niet_toegerekend_voorzieningen"), {"jaar": 2026, "peildatum": PEIL, "formaat": "xlsx"})
    rijen = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rijen[1][0] == los.toewijzingnummer and rijen[1][-1] == 43.21


@pytest.mark.parametrize("rol", ["generalist", "backoffice"])
def test_niet_toegerekend_alleen_financien_en_beleid(client, midden, rol):
    client.force_login(MedewerkerFactory(rol=rol))
    for naam in ("overzicht_niet_toegerekend", "overzicht_niet_toegerekend_voorzieningen"):
        assert client.get(reverse(f"financien:{naam}"), {"jaar": 2026}).status_code == 403


def test_elke_download_staat_in_de_audittrail(client, midden):
    g, b, v1, v2, los = midden
    c = _client(client, g)
    post = b.posten.get(code="hbh")
    urls = [reverse("financien:overzicht"), reverse("financien:overzicht_gebieden"),
            reverse("financien:overzicht_post", args=[post.pk]), reverse("financien:overzicht_niet_toegerekend"),
            reverse("financien:overzicht_voorzieningen", args=[post.pk]), reverse("financien:overzicht_niet_toegerekend_voorzieningen")]
    for i, url in enumerate(urls, start=1):
        r = c.get(url, {"jaar": 2026, "peildatum": PEIL, "formaat": "xlsx"})
        assert r["Content-Type"].startswith("application/vnd.openxmlformats"), url
        assert AuditRecord.objects.filter(actie="export").count() == i, url
    for rec in AuditRecord.objects.filter(actie="export"):
        assert "30-06-2026" in rec.omschrijving
        for v in (v1, v2, los):
            assert v.persoon.bsn not in rec.omschrijving and v.persoon.geslachtsnaam not in rec.omschrijving


def test_overzicht_export_met_benutting_en_totaal_in_euros(client, midden):
    g, *_ = midden
    c = _client(client, g)
    p, _ = _overzichtregel(c, "HBH")
    r = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL, "formaat": "xlsx"})
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Prognose 2026", "Benuttingsgraad"]
    rijen = list(wb["Prognose 2026"].values)
    assert rijen[-1][0] == "Totaal"
    assert rijen[-1][2:6] == (p.totaal.begroot / 100, p.totaal.verplicht / 100, p.totaal.gerealiseerd / 100, p.totaal.prognose / 100)
    assert wb["Prognose 2026"]["C2"].number_format == "#,##0.00"
    benutting = list(wb["Benuttingsgraad"].values)
    assert benutting[0] == ("Categorie", "Gedeclareerd", "Verplicht", "Graad (%)", "Bron")
    wmo01 = next(x for x in benutting if x[0] == "wmo:01")
    b = p.benutting["wmo:01"]
    assert wmo01[1] == b.gedeclareerd / 100 and wmo01[2] == b.verplicht / 100 and wmo01[4] == "dit jaar"
    assert abs(wmo01[3] - b.procent) < 0.051
    html = c.get(reverse("financien:overzicht"), {"jaar": 2026}).content.decode()
    assert html.count("Download als Excel (xlsx)") == 1


def test_grafieken_per_domein_en_per_gebied(client, midden):
    g, *_ = midden
    c = _client(client, g)
    html = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL}).content.decode()
    assert 'aria-labelledby="svg-titel-tabel-domeinen svg-desc-tabel-domeinen"' in html and 'href="#tabel-domeinen"' in html
    html = c.get(reverse("financien:overzicht_gebieden"), {"jaar": 2026, "peildatum": PEIL}).content.decode()
    assert html.count("<svg") == 2  # hbh and niet toegerekend
    assert 'id="tabel-gebieden-1"' in html and 'href="#tabel-gebieden-1"' in html and "Begroting en prognose" not in html
    assert "Verdeelsleutel: naar aantal inwoners (de post heeft geen eigen verdeelsleutel)" in html
    assert "verdeeld naar aantal inwoners per gebied" not in html


def test_gebieden_tekst_volgt_de_verdeelsleutel(client, midden):
    g, b, *_ = midden
    b.posten.filter(code="hbh").update(verdeelsleutel="jeugdigen")
    html = _client(client, g).get(reverse("financien:overzicht_gebieden"), {"jaar": 2026}).content.decode()
    assert "Verdeelsleutel: naar aantal jeugdigen (0–17 jaar)." in html


def test_baten_op_het_scherm_en_in_de_export(client, midden):
    from keukentafel.financien.models import Begrotingsbedrag, Begrotingspost

    g, b, *_ = midden
    p = Begrotingspost.objects.create(begroting=b, domein="wmo", onderdeel="hbh", code="deelfonds", naam="Deelfonds Wmo",
                                      soort="baten", volgorde=9)
    Begrotingsbedrag.objects.create(versie=b.versies.get(), post=p, bedrag_cent=6_000_000)
    c = _client(client, g)
    html = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL}).content.decode()
    assert 'id="tabel-baten"' in html and "Deelfonds Wmo" in html and "€ 60.000,00" in html
    r = c.get(reverse("financien:overzicht"), {"jaar": 2026, "peildatum": PEIL, "formaat": "xlsx"})
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Prognose 2026", "Baten 2026", "Benuttingsgraad"]
    rijen = list(wb["Baten 2026"].values)
    assert rijen[1][1] == "Deelfonds Wmo" and rijen[1][2] == 60000 and rijen[-1][0] == "Totaal" and rijen[-1][2] == 60000
