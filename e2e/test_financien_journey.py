"""Finance journey in the demo region: the budget overview, drill-down to a provider and its grants, a scenario
computed and saved, and its XLSX downloaded (issue 8 §7)."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from e2e.conftest import download_bytes, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demoregio():
    from keukentafel.berichten.aanbieder.simulator import simuleer
    from keukentafel.demo import gegevens
    from keukentafel.demo.generator import laad_demoregio
    from keukentafel.financien.demo import laad_demo

    laad_demoregio(schaal=0.05)
    simuleer()
    laad_demo()
    return gegevens.DEMO_WACHTWOORD


def test_financien_overzicht_drilldown_scenario_en_xlsx(page, demoregio):
    login(page, "financien", demoregio)
    page.get_by_role("link", name="Financiën", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Financieel overzicht")
    posten = page.locator("#tabel-posten")
    assert "Begeleiding" in posten.inner_text() or "Hulp bij het huishouden" in posten.inner_text()

    # Drill down: the first line with grants → per provider → the grants of one provider (no names, no BSN).
    posten.locator("tbody a").first.click()
    assert ": per aanbieder" in page.get_by_role("heading", level=1).inner_text()
    page.locator("main table tbody a").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Voorzieningen op")
    assert page.locator("main table tbody tr").count() >= 1
    from keukentafel.besluiten.models import ToegewezenVoorziening

    tekst = page.locator("main").inner_text()
    nummers = [int(n) for n in tekst.split() if n.isdigit()]
    clienten = [v.persoon for v in ToegewezenVoorziening.objects.filter(
        gemeente__naam="Teylingen", toewijzingnummer__in=nummers).select_related("persoon")]
    assert clienten, "de lijst toont toewijzingnummers"
    for p in clienten:
        assert p.bsn not in tekst and p.naam not in tekst, "need-to-know: geen BSN of naam in de drill-down"

    # A scenario: 10 % off a line, HbH every two weeks, saved and exported.
    page.get_by_role("link", name="Scenario's").click()
    page.get_by_role("link", name="Nieuw scenario").click()
    page.get_by_label("Naam").fill("Vernieuwing toegang")
    r1 = page.get_by_role("group", name="Maatregel 1")
    r1.get_by_label("Soort maatregel").select_option("korting")
    r1.get_by_label("Begrotingspost").select_option(index=1)
    r1.get_by_label("Percentage (%)").fill("10")
    page.get_by_role("group", name="Maatregel 2").get_by_label("Soort maatregel").select_option("frequentie")
    page.get_by_role("button", name="Doorrekenen en bewaren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Scenario 'Vernieuwing toegang'"
    totalen = page.get_by_test_id("scenario-totalen").inner_text()
    assert "€" in totalen
    data, naam = download_bytes(page, page.get_by_role("link", name="Download als XLSX"))
    assert naam.endswith(".xlsx")
    ws = load_workbook(BytesIO(data)).active
    assert ws["A1"].value == "Post" and ws.max_row > 2


def test_financiele_paginas_zonder_wcag_schendingen(page, demoregio):
    """axe-core (WCAG 2.1 A/AA) on every finance screen of the demo, incl. a form with errors."""
    from django.urls import reverse

    from e2e.test_toegankelijkheid import _verslag, axe_schendingen
    from keukentafel.accounts.models import Gemeente
    from keukentafel.besluiten.models import ToegewezenVoorziening
    from keukentafel.financien.models import Begroting, Bijdrageberekening, Pgbimport, Scenario
    from keukentafel.financien.scenario import bewaar

    teylingen = Gemeente.objects.get(naam="Teylingen")
    begroting = Begroting.objects.get(gemeente=teylingen)
    post = begroting.posten.exclude(dekking=[]).exclude(verdeelsleutel="").first()
    berekening = Bijdrageberekening.objects.filter(huishouden__voorzieningen__gemeente=teylingen).first()
    pgb = ToegewezenVoorziening.objects.filter(gemeente=teylingen, leveringsvorm="pgb").first()
    pgbimport = Pgbimport.objects.filter(gemeente=teylingen).first()
    from keukentafel.accounts.models import Medewerker

    s = bewaar(teylingen, Medewerker.objects.get(username="financien"), naam="Korting", jaar=begroting.jaar, jaren=2,
               maatregelen=[{"soort": "frequentie", "vanaf": begroting.jaar}])
    t = bewaar(teylingen, Medewerker.objects.get(username="financien"), naam="Basis", jaar=begroting.jaar, jaren=2, maatregelen=[])
    paginas = {
        "overzicht": reverse("financien:overzicht"),
        "per gebied": reverse("financien:overzicht_gebieden"),
        "post": reverse("financien:overzicht_post", args=[post.pk]),
        "voorzieningen": reverse("financien:overzicht_voorzieningen", args=[post.pk]),
        "begrotingen": reverse("financien:begroting_lijst"),
        "begroting": reverse("financien:begroting_detail", args=[begroting.jaar]),
        "gebiedsbudget": reverse("financien:begroting_gebieden", args=[begroting.jaar, post.code]),
        "wijziging": reverse("financien:begroting_wijziging", args=[begroting.jaar]),
        "begroting importeren": reverse("financien:begroting_import"),
        "pgb": reverse("financien:pgb_overzicht"),
        "pgb-budget": reverse("financien:pgb_budget", args=[pgb.pk]),
        "pgb-import": reverse("financien:pgb_import"),
        "pgb-imports": reverse("financien:pgb_imports"),
        "pgb-importdetail": reverse("financien:pgb_import_detail", args=[pgbimport.pk]),
        "niet toegerekend": reverse("financien:overzicht_niet_toegerekend"),
        "bijdrageregels": reverse("financien:bijdrage_regels"),
        "bijdrageregel wijzigen": reverse("financien:bijdrage_regel_wijzigen", args=[berekening.regeling_id]),
        "bijdrageregel nieuw": reverse("financien:bijdrage_regel_nieuw"),
        "bijdrage berekenen": reverse("financien:bijdrage_berekenen"),
        "bijdrage periode": reverse("financien:bijdrage_periode", args=[berekening.periode_begin.isoformat()]),
        "bijdrage uitleg": reverse("financien:bijdrage_uitleg", args=[berekening.pk]),
        "scenario's": reverse("financien:scenario_lijst"),
        "scenario nieuw": reverse("financien:scenario_nieuw"),
        "scenario": reverse("financien:scenario_detail", args=[s.pk]),
        "vergelijking": f"{reverse('financien:scenario_vergelijk')}?id={s.pk}&id={t.pk}",
    }
    login(page, "financien", demoregio)
    schendingen: dict[str, list[dict]] = {}
    for naam, url in paginas.items():
        r = page.goto(url)
        assert r.status == 200, f"{naam}: {r.status}"
        if v := axe_schendingen(page):
            schendingen[naam] = v
    # A form with errors: a scenario half filled in.
    page.goto(reverse("financien:scenario_nieuw"))
    page.get_by_label("Naam").fill("Half")
    page.get_by_role("group", name="Maatregel 1").get_by_label("Percentage (%)").fill("10")
    page.get_by_role("button", name="Doorrekenen en bewaren").click()
    assert "Vul dit in" in page.content()
    if v := axe_schendingen(page):
        schendingen["scenario met fouten"] = v
    assert not Scenario.objects.filter(naam="Half").exists()
    assert not schendingen, _verslag(schendingen)
