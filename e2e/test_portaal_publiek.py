"""The public portal in a browser: a resident picks their gemeente by postcode, searches the sociale kaart and opens
a voorziening; every public page of the publiek part passes axe-core (WCAG 2.1 A/AA) and fits a 375 px screen."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.test_toegankelijkheid import _verslag, axe_schendingen
from keukentafel.beleid.models import Leefgebied
from keukentafel.portaal.demo_publiek import laad_demo
from keukentafel.portaal.models import Thema
from keukentafel.testing.factories import AlgemeneVoorzieningFactory, GebiedFactory, GemeenteFactory, PostcodegebiedFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _regio():
    lisse = GemeenteFactory(naam="Lisse")
    hillegom = GemeenteFactory(naam="Hillegom", regio=lisse.regio)
    centrum = GebiedFactory(gemeente=lisse, naam="Lisse-Centrum", postcode=None)
    GebiedFactory(gemeente=hillegom, naam="Hillegom-Noord", postcode=None)
    PostcodegebiedFactory(pc4="2161", gebied=centrum, woonplaats="Lisse")
    maaltijd = AlgemeneVoorzieningFactory(
        naam="Tafeltje-dekje Lisse",
        categorie="maaltijden",
        gemeente=lisse,
        uitvoerder="Welzijn Lisse",
        omschrijving="Een warme maaltijd aan huis, elke werkdag.\n\nBestellen kan per week.",
        adres="Heereweg 10",
        postcode="2161 AB",
        plaats="Lisse",
        openingstijden="Bestellen: ma-vr 9.00-12.00 uur",
        telefoon="0252 123 456",
        website="https://www.welzijnlisse.example.nl/tafeltje-dekje-met-een-heel-lange-naam-die-moet-afbreken",
        kosten_cent=750,
        kosten_toelichting="per maaltijd",
        doelgroepen=["ouderen", "beperking"],
    )
    maaltijd.leefgebieden.add(Leefgebied.objects.get(code="adl"))
    maaltijd.gebieden.add(centrum)
    AlgemeneVoorzieningFactory(naam="Maaltijdservice Hillegom", categorie="maaltijden", gemeente=hillegom)
    AlgemeneVoorzieningFactory(naam="Schuldhulpmaatje", categorie="geld", gemeente=None, doelgroepen=["volwassenen"])
    AlgemeneVoorzieningFactory(naam="Steunpunt Mantelzorg Lisse", categorie="mantelzorg", gemeente=lisse, doelgroepen=["mantelzorgers"])
    AlgemeneVoorzieningFactory(naam="Beweegclub 65+", categorie="gezondheid", gemeente=lisse)
    laad_demo(random.Random(1))
    return maaltijd


def _past_op_375(page, naam: str, tmp_path) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(tmp_path / f"{naam}-375.png"), full_page=True)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 375, f"{naam}: horizontaal scrollen ({breedte} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_inwoner_zoekt_op_de_sociale_kaart_en_opent_een_voorziening(page, tmp_path):
    maaltijd = _regio()
    page.goto(reverse("portaal:home"))
    page.get_by_label("Of uw postcode").fill("2161 AB")
    page.get_by_role("button", name="Gemeente kiezen").click()
    expect(page.get_by_role("status")).to_contain_text("Lisse-Centrum in Lisse")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en ondersteuning in Lisse")

    page.get_by_role("search").get_by_label("Waar zoekt u hulp bij?").fill("maaltijd")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=2, name="1 resultaat in Lisse")).to_be_visible()
    expect(page.get_by_text("Maaltijdservice Hillegom")).to_have_count(0)

    page.get_by_role("link", name="Tafeltje-dekje Lisse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tafeltje-dekje Lisse")
    expect(page.get_by_text("€ 7,50 per maaltijd")).to_be_visible()
    expect(page.get_by_role("link", name="0252 123 456")).to_have_attribute("href", "tel:0252123456")
    assert page.url.endswith(reverse("portaal:voorziening", args=[maaltijd.pk]))


def test_publieke_paginas_toegankelijk_en_passend_op_een_telefoon(page, tmp_path):
    maaltijd = _regio()
    schendingen: dict[str, list[dict]] = {}

    def controleer(naam: str) -> None:
        gevonden = axe_schendingen(page)
        if gevonden:
            schendingen[naam] = gevonden
        _past_op_375(page, naam, tmp_path)

    page.goto(reverse("portaal:home"))
    controleer("home zonder gemeente")
    page.get_by_role("button", name="Gemeente kiezen").click()  # nothing chosen: error summary
    expect(page.get_by_role("alert")).to_be_visible()
    controleer("home met fout")
    page.get_by_role("combobox", name="Uw gemeente").select_option(label="Lisse")
    with page.expect_navigation():
        page.get_by_role("button", name="Gemeente kiezen").click()
    controleer("home met gemeente")

    page.goto(reverse("portaal:sociale_kaart"))
    controleer("sociale kaart")
    page.goto(reverse("portaal:sociale_kaart") + "?postcode=99")
    controleer("sociale kaart met fout")
    page.goto(reverse("portaal:sociale_kaart") + "?q=zzzz")
    controleer("sociale kaart zonder resultaat")
    page.goto(reverse("portaal:voorziening", args=[maaltijd.pk]))
    controleer("voorziening")
    for thema in Thema.values:
        page.goto(reverse("portaal:etalage", args=[thema]))
        controleer(f"etalage {thema}")

    page.goto(reverse("portaal:zelftest"))
    controleer("eigenkrachtwijzer")
    page.get_by_role("link", name="ADL / praktisch functioneren").click()
    expect(page.get_by_role("button", name="Bekijk wat bij mij past")).to_be_visible()
    controleer("eigenkrachtwijzer vragen")
    page.get_by_role("button", name="Bekijk wat bij mij past").click()
    expect(page.get_by_role("alert")).to_be_visible()
    controleer("eigenkrachtwijzer fout")
    groepen = page.get_by_role("group")
    for i in range(groepen.count()):
        groepen.nth(i).get_by_label("Ja" if i == 1 else "Nee").check()
    page.get_by_role("button", name="Bekijk wat bij mij past").click()
    expect(page.get_by_role("link", name="Tafeltje-dekje Lisse")).to_be_visible()
    expect(page.get_by_role("link", name="Melding maken over adl / praktisch functioneren")).to_have_attribute(
        "href", reverse("portaal:hulp") + "?leefgebied=adl"
    )
    controleer("eigenkrachtwijzer uitkomst")
    assert not schendingen, _verslag(schendingen)
