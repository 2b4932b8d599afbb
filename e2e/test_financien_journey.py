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

    # A scenario: 10 % off a line, HbH every two weeks, saved and exported.
    page.get_by_role("link", name="Scenario's").click()
    page.get_by_role("link", name="Nieuw scenario").click()
    page.get_by_label("Naam").fill("Vernieuwing toegang")
    page.get_by_label("Begrotingspost").select_option(index=1)
    page.get_by_label("Korting (%)").fill("10")
    page.get_by_label("Hulp bij het huishouden eens per twee weken in plaats van wekelijks").check()
    page.get_by_role("button", name="Doorrekenen en bewaren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Scenario 'Vernieuwing toegang'"
    totalen = page.get_by_test_id("scenario-totalen").inner_text()
    assert "€" in totalen
    data, naam = download_bytes(page, page.get_by_role("link", name="Download als XLSX"))
    assert naam.endswith(".xlsx")
    ws = load_workbook(BytesIO(data)).active
    assert ws["A1"].value == "Post" and ws.max_row > 2
