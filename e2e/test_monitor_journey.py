"""The monitor in the browser (issue 4 "Monitor"): a policy user opens the dashboard, filters to one gemeente and a
quarter, tries to drill down from a figure to the persons behind it (refused: policy users see totals only, and the
refusal is audited) and downloads the XLSX, in which small counts are hidden just as on screen."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from e2e.conftest import download_bytes, login
from e2e.test_toegankelijkheid import axe_schendingen
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.inwoners.models import Persoon
from keukentafel.monitor.secties import SECTIES
from keukentafel.testing.factories import (
    WACHTWOORD,
    GebiedFactory,
    GemeenteFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    ProductFactory,
    RegioFactory,
    ToegewezenVoorzieningFactory,
)


def _regio():
    regio = RegioFactory(naam="Duin- en Bollenstreek")
    lisse = GemeenteFactory(naam="Lisse", regio=regio, inwoners=22000)
    hillegom = GemeenteFactory(naam="Hillegom", regio=regio, inwoners=21000)
    begeleiding = ProductFactory(wet="wmo", productcategorie="02", productcode="02A01", naam="Begeleiding individueel")
    hbh = ProductFactory(wet="wmo", productcategorie="01", productcode="01A01", naam="Hulp bij het huishouden")
    for gemeente, aantal_begeleiding, aantal_hbh in ((lisse, 8, 3), (hillegom, 6, 6)):
        gebied = GebiedFactory(gemeente=gemeente, naam=f"Centrum {gemeente.naam}")
        for i in range(aantal_begeleiding + aantal_hbh):
            h = HuishoudenFactory(gebied=gebied)
            ToegewezenVoorzieningFactory(gemeente=gemeente, persoon=h.leden.get().persoon, huishouden=h,
                                         product=begeleiding if i < aantal_begeleiding else hbh, begindatum=date(2026, 4, 1))
    MedewerkerFactory(username="bea", first_name="Bea", last_name="Beleid", rol=Rol.BELEID, team=None, gemeente=lisse)
    return lisse


@pytest.mark.django_db(transaction=True)
def test_beleid_filtert_op_gemeente_en_kwartaal_wordt_geweigerd_bij_personen_en_downloadt_xlsx(page):
    lisse = _regio()
    schendingen: dict[str, list] = {}
    login(page, "bea", WACHTWOORD)
    page.get_by_role("link", name="Monitor", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor sociaal domein")
    if gevonden := axe_schendingen(page):
        schendingen["dashboard"] = gevonden

    page.get_by_label("Gemeente").select_option(label="Lisse")
    page.get_by_label("Jaar").fill("2026")
    page.get_by_label("Kwartaal").select_option(label="3e kwartaal")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Lisse, 3e kwartaal 2026")
    page.get_by_role("link", name="Bereik en kosten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor: Bereik en kosten")
    per_categorie = page.locator("#tabel-bereik_categorie")
    rij_begeleiding = per_categorie.get_by_role("row").filter(has_text="Begeleiding")
    expect(rij_begeleiding).to_contain_text("8")
    expect(per_categorie.get_by_role("row").filter(has_text="Hulp bij het huishouden")).to_contain_text("< 5")
    expect(page.locator("table").filter(has_text="Hillegom")).to_have_count(0)
    if gevonden := axe_schendingen(page):
        schendingen["bereik"] = gevonden

    # From the figure to the persons behind it: refused for a policy user, and the refusal is in the audit trail.
    rij_begeleiding.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U hebt geen toegang tot deze pagina")
    expect(page.get_by_role("status")).to_contain_text("Beleid en financiën zien in de monitor alleen totalen, nooit personen")
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, omschrijving__contains="geen dossierrol").exists()
    page.go_back()

    data, naam = download_bytes(page, page.get_by_role("link", name="Download als Excel (xlsx)"))
    assert naam.endswith(".xlsx") and "lisse" in naam
    werkmap = load_workbook(io.BytesIO(data))
    rijen = [r for blad in werkmap.worksheets for r in blad.iter_rows(values_only=True)]
    assert any(r[0] and "Hulp bij het huishouden" in str(r[0]) and "< 5" in r for r in rijen)
    assert any(r[0] == "Definitie" for r in rijen)
    tekst = str(rijen)
    assert not any(p.bsn in tekst or p.geslachtsnaam in tekst for p in Persoon.objects.filter(gemeente=lisse))
    for naam, url in (("startfoto", "/monitor/startfoto/"), ("jeugd en participatie", "/monitor/jeugd-participatie/"),
                      *((s.code, f"/monitor/onderdeel/{s.code}/?jaar=2026") for s in SECTIES)):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if gevonden := axe_schendingen(page):
            schendingen[naam] = gevonden
    assert not schendingen, schendingen
