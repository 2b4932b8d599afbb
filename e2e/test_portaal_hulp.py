"""Portaal, hulpknop: a resident asks for help, the gebiedsteam sees it; accessibility and a phone-size viewport.

The resident needs no login. The generalist of the gebied the postcode falls in then logs in and finds the
melding among the team's new meldingen. axe-core (WCAG 2.1 A/AA) runs on every hulp page, including the forms
with errors and the rate-limit page; the help form is checked at 375 px width for horizontal scrolling.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_toegankelijkheid import _verslag, axe_schendingen
from keukentafel.portaal.tests.fixtures_hulp import bouw_regio
from keukentafel.testing.factories import WACHTWOORD
from keukentafel.toegang.models import Kanaal, Melding


@pytest.fixture(autouse=True)
def _portaal(settings):
    cache.clear()
    # Playwright types faster than a person: the minimum fill time is tested in the unit tests.
    settings.PORTAAL_MIN_INVULTIJD = 0
    yield
    cache.clear()


def _vul_hulpformulier_in(page) -> None:
    page.get_by_label("Wat is uw vraag?").fill("Mijn vader vergeet steeds vaker dingen en ik weet niet hoe ik hem kan helpen.")
    page.get_by_label("Uw gemeente").select_option(label="Nijmegen")
    page.get_by_label("Postcode").fill("6535 AB")
    page.get_by_label("Uw naam").fill("Sanne Jansen")
    page.get_by_label("Bel mij").check()
    page.get_by_label("Telefoonnummer").fill("06 11223344")
    page.get_by_label("Middag (12.00–17.00 uur)").check()
    page.get_by_label("Ik geef de gemeente toestemming", exact=False).check()


@pytest.mark.django_db(transaction=True)
def test_inwoner_vraagt_hulp_en_generalist_ziet_de_melding(page):
    regio = bouw_regio()
    page.goto("/portaal/hulp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen")
    _vul_hulpformulier_in(page)
    page.get_by_role("button", name="Vraag versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is verstuurd")
    expect(page.get_by_text("Team Dukenburg").first).to_be_visible()
    expect(page.get_by_text("06 11223344")).to_be_visible()
    melding = Melding.objects.get()
    assert melding.kanaal == Kanaal.WEB and melding.team == regio.team

    page.context.clear_cookies()
    login(page, regio.generalist.username, WACHTWOORD)
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()
    team = page.locator("section", has=page.get_by_role("heading", name="Nieuwe meldingen voor het team"))
    expect(team.get_by_role("link", name=f"Melding {melding.pk}")).to_be_visible()
    expect(team).to_contain_text("Mijn vader vergeet steeds vaker dingen")
    team.get_by_role("link", name=f"Melding {melding.pk}").click()
    expect(page.get_by_text("Sanne Jansen").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_hulppaginas_zonder_wcag_schendingen(page, settings):
    bouw_regio()
    schendingen: dict[str, list] = {}

    def controleer(naam: str) -> None:
        schendingen[naam] = axe_schendingen(page)

    page.goto("/portaal/hulp/")
    controleer("hulpformulier")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    expect(page.get_by_role("link", name="Uw naam: Vul uw naam in.")).to_be_visible()
    controleer("hulpformulier met fouten")
    # The error summary has focus and its link moves focus to the field.
    page.get_by_role("link", name="Uw naam: Vul uw naam in.").click()
    expect(page.get_by_label("Uw naam")).to_be_focused()

    page.goto("/portaal/hulp/anoniem/")
    controleer("anonieme vraag")
    page.get_by_role("button", name="Anoniem versturen").click()
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    controleer("anonieme vraag met fouten")
    page.get_by_label("Wat is uw vraag?").fill("Ik maak me zorgen over de buurvrouw.")
    page.get_by_label("Uw gemeente").select_option(label="Nijmegen")
    page.get_by_role("button", name="Anoniem versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is verstuurd")
    controleer("bevestiging anonieme vraag")

    page.goto("/portaal/hulp/")
    _vul_hulpformulier_in(page)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is verstuurd")
    controleer("bevestiging hulpvraag")

    settings.PORTAAL_LIMIET_PER_UUR = 1
    page.goto("/portaal/hulp/")
    _vul_hulpformulier_in(page)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag is niet verstuurd")
    controleer("te vaak verstuurd (429)")

    assert not any(schendingen.values()), _verslag(schendingen)


@pytest.mark.django_db(transaction=True)
def test_hulpformulier_op_telefoonformaat(page, tmp_path):
    bouw_regio()
    page.set_viewport_size({"width": 375, "height": 812})
    for url, knop in (("/portaal/hulp/", "Vraag versturen"), ("/portaal/hulp/anoniem/", "Anoniem versturen")):
        page.goto(url)
        for stap in ("leeg", "met fouten"):
            if stap == "met fouten":
                page.get_by_role("button", name=knop).click()
                expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
            breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert breedte[0] <= breedte[1], f"{url} ({stap}): horizontaal scrollen op 375 px ({breedte[0]} > {breedte[1]})"
            expect(page.get_by_role("button", name=knop)).to_be_visible()
        pad = tmp_path / f"hulp-375-{url.strip('/').replace('/', '-')}.png"
        page.screenshot(path=str(pad), full_page=True)
        assert pad.stat().st_size > 0


@pytest.mark.django_db(transaction=True)
def test_vrijwilligerspaginas_zonder_wcag_schendingen(page):
    from keukentafel.portaal.tests.fixtures_hulp import maak_vacature, maak_vrijwilliger

    regio = bouw_regio()
    vac = maak_vacature(regio.gemeente, regio.gebied, titel="Maatje voor een oudere buurtbewoner", dagdelen=["middag"])
    maak_vrijwilliger(regio.gemeente, [regio.gebied], naam="Anja Bakker")
    schendingen: dict[str, list] = {}

    def controleer(naam: str) -> None:
        schendingen[naam] = axe_schendingen(page)

    page.goto("/portaal/vrijwilligers/")
    controleer("vacatures")
    page.get_by_label("Wijk of kern").select_option(label="Dukenburg (Nijmegen)")
    page.get_by_role("button", name="Vacatures tonen").click()
    page.get_by_role("link", name=vac.titel).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(vac.titel)
    controleer("vacature")
    page.get_by_role("link", name="Meld u aan als vrijwilliger").click()
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible()
    controleer("aanmelden")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    controleer("aanmelden met fouten")
    page.get_by_label("Uw naam").fill("Joost Peters")
    page.get_by_label("E-mailadres").fill("joost@voorbeeld.example")
    page.get_by_label("Uw gemeente").select_option(label="Nijmegen")
    page.get_by_label("Dukenburg (Nijmegen)").check()
    page.get_by_label("Avond").check()
    page.get_by_label("Ik geef de gemeente en het servicepunt", exact=False).check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("u bent aangemeld")
    controleer("aangemeld")

    login(page, regio.generalist.username, WACHTWOORD)
    page.goto("/portaal/vrijwilligers/servicepunt/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Servicepunt vrijwilligerswerk")
    controleer("servicepunt")
    assert not any(schendingen.values()), _verslag(schendingen)
