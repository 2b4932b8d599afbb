"""One household, one plan, one regisseur across three laws (issue 6 "Jeugdwet en Participatiewet in het ene huishoudplan").

Huishouden Yilmaz: Deniz (15) is referred by the huisarts to jeugd-ggz; the provider asks for the grant with a JW315
over its HTTP connection. The regisseur honours the legal referral without an assessment of her own: the grant is
made, a valid JW301 goes out, and the youth part lands in the household plan. Ayşe, the mother, lives on bijstand and
starts a Werkspoor trajectory with a werkervaringsplek; grandfather Mehmet gets Wmo begeleiding. All of it ends up in
the one plan, each action tagged with its law and budget line, and the dossier shows the whole household.

The starting state (organisation, catalogue, contracts, budget, an open plan) is built with factories and services;
everything from the provider's message onwards goes over HTTP and through the UI.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree
from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_toegankelijkheid import axe_schendingen
from keukentafel.accounts.models import Rol
from keukentafel.berichten import xsd
from keukentafel.berichten.aanbieder.levering import client_van
from keukentafel.berichten.aanbieder.verzoek import Aanvraagregel, verzoek_om_toewijzing
from keukentafel.berichten.models import Bericht, Richting
from keukentafel.berichten.tokens import maak_sleutel
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.financien.models import Begroting, Begrotingspost, Domein
from keukentafel.inwoners.models import Huishoudlid, LidRol
from keukentafel.jeugd.models import WettelijkeVerwijzing
from keukentafel.participatie.models import Instrument, Spoor
from keukentafel.plannen.models import Actie, Ondersteuningsplan
from keukentafel.testing.factories import (
    WACHTWOORD,
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    PersoonFactory,
    ProductFactory,
    TariefFactory,
    TeamFactory,
)

GGZ = "Jeugd-ggz behandeling"
BEGELEIDING = "Begeleiding individueel"
HUISARTS_AGB = "01012345"


def _jaren_geleden(jaren: int, dagen: int = 0):
    vandaag = timezone.localdate()
    return vandaag.replace(year=vandaag.year - jaren) - timedelta(days=dagen)


def _beginsituatie():
    gebied = GebiedFactory(naam="Noord")
    team = TeamFactory(gebied=gebied, naam="Gebiedsteam Noord")
    gea = MedewerkerFactory(username="gea", first_name="Gea", last_name="de Vries", rol=Rol.GENERALIST, team=team)
    huishouden = HuishoudenFactory(naam="Huishouden Yilmaz", gebied=gebied, leden=0)
    ayse, deniz, mehmet = (
        PersoonFactory(gebied=gebied, voornamen=v, geslachtsnaam="Yilmaz", geboortedatum=g, postcode=huishouden.postcode)
        for v, g in (("Ayşe", _jaren_geleden(40)), ("Deniz", _jaren_geleden(15, 100)), ("Mehmet", _jaren_geleden(76)))
    )
    for persoon, rol in ((ayse, LidRol.AANVRAGER), (deniz, LidRol.KIND), (mehmet, LidRol.OVERIG)):
        Huishoudlid.objects.create(huishouden=huishouden, persoon=persoon, rol=rol, begindatum=_jaren_geleden(1))
    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=gea, toelichting="Gezin met drie generaties onder één dak.")

    regio = huishouden.gemeente.regio
    ggz = ProductFactory(wet="jeugdwet", productcategorie="54", productcode="54A01", naam=GGZ, eenheid="04", frequentie="2")
    begeleiding = ProductFactory(wet="wmo", productcategorie="02", productcode="02A01", naam=BEGELEIDING, eenheid="04", frequentie="2")
    ggz_aanbieder = AanbiederFactory(naam="Jeugd-ggz Leiden e.o.", plaats="Leiden")
    TariefFactory(contract=ContractFactory(aanbieder=ggz_aanbieder, regio=regio, naam="Lumpsum jeugd-ggz"), product=ggz, tarief_cent=9800)
    TariefFactory(contract=ContractFactory(aanbieder=AanbiederFactory(naam="Zorg De Linde"), regio=regio), product=begeleiding)
    _, sleutel = maak_sleutel(ggz_aanbieder, "Koppeling e2e")

    begroting = Begroting.objects.create(gemeente=huishouden.gemeente, jaar=timezone.localdate().year, naam="Begroting", bron="Raad")
    for i, (domein, code, naam, dekking) in enumerate((
        (Domein.JEUGD, "jeugd-ggz", "Jeugd-ggz", ["jeugdwet:54"]),
        (Domein.WMO, "wmo-begeleiding", "Begeleiding", ["wmo:02"]),
        (Domein.PARTICIPATIE, "part-reintegratie", "Re-integratie en participatie", []),
    )):
        Begrotingspost.objects.create(begroting=begroting, domein=domein, onderdeel=naam, code=code, naam=naam, soort="lasten",
                                      dekking=dekking, volgorde=i)
    return plan, ggz_aanbieder, sleutel, ayse, deniz, mehmet


def _jw315(aanbieder, deniz) -> bytes:
    vandaag = timezone.localdate()
    regel = Aanvraagregel(
        referentie_aanbieder="GGZ-2026-0042", productcategorie="54", productcode="54A01",
        toewijzing_ingangsdatum=vandaag, toewijzing_einddatum=vandaag + timedelta(days=180), volume=2, eenheid="04",
        frequentie="2", verwijzer_type="02", verwijzer_agb=HUISARTS_AGB,
    )
    o = verzoek_om_toewijzing("jeugdwet", agb=aanbieder.agb_code, gemeentecode=deniz.gemeente.gemeentecode,
                              identificatie="E2EJW315001", dagtekening=vandaag, client=client_van(deniz), producten=[regel],
                              gezagsdrager_bekend="1")
    return o.bytes()


def _axe(page, naam: str, schendingen: dict) -> None:
    if gevonden := axe_schendingen(page):
        schendingen[naam] = [f"{v['id']}: {v['help']} – {[n['target'] for n in v['nodes'][:3]]}" for v in gevonden]


@pytest.mark.django_db(transaction=True)
def test_een_huishouden_een_plan_jeugd_wmo_en_participatie(page):
    plan, aanbieder, sleutel, ayse, deniz, mehmet = _beginsituatie()
    schendingen: dict[str, list[str]] = {}

    # The provider's system sends the JW315 over HTTP with its key.
    antwoord = page.request.post("/api/berichten/v1/jeugdwet/315/", data=_jw315(aanbieder, deniz),
                                 headers={"Authorization": f"Token {sleutel}", "Content-Type": "application/xml"})
    assert antwoord.status == 200, antwoord.text()

    login(page, "gea", WACHTWOORD)
    page.get_by_role("link", name="Verzoeken aanbieders").click()
    page.get_by_role("link", name=re.compile("GGZ-2026-0042")).click()
    expect(page.get_by_text(deniz.naam)).to_be_visible()
    expect(page.get_by_text(re.compile("wettelijke verwijzing"))).to_be_visible()
    expect(page.get_by_text(f"AGB-code {HUISARTS_AGB}")).to_be_visible()
    _axe(page, "verzoek", schendingen)
    page.get_by_text("Toekennen", exact=True).click()
    page.get_by_role("button", name="Toekennen en 301 sturen").click()
    expect(page.get_by_role("status")).to_contain_text("toegekend")

    # Honoured without an assessment of our own: a grant, registered with the referrer, and a valid JW301.
    grant = ToegewezenVoorziening.objects.get(persoon=deniz)
    assert grant.product.naam == GGZ and grant.beschikking is None and grant.aanbieder == aanbieder
    verwijzing = WettelijkeVerwijzing.objects.get(persoon=deniz)
    assert (verwijzing.soort, verwijzing.agb_code, list(verwijzing.voorzieningen.all())) == ("02", HUISARTS_AGB, [grant])
    jw301 = Bericht.objects.get(richting=Richting.UIT, soort="301", wet="jeugdwet", aanbieder=aanbieder)
    assert xsd.valideer(etree.fromstring(jw301.xml_bytes), "jeugdwet", "301") == []

    # The youth part is in the household plan; the regisseur adds the grandfather's Wmo begeleiding to the same plan.
    page.goto(reverse("plannen:plan_detail", args=[plan.pk]))
    expect(page.get_by_text(re.compile(r"Jeugdwet · post Jeugd-ggz"))).to_be_visible()
    page.get_by_label("Leefgebied", exact=True).select_option(label="ADL / praktisch functioneren")
    page.get_by_label("Voor wie").select_option(label=mehmet.naam)
    page.get_by_label("Doel", exact=True).fill("Mehmet houdt structuur in zijn dag.")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Het doel is toegevoegd.")).to_be_visible()
    kaart = page.get_by_role("article", name="Mehmet houdt structuur in zijn dag.")
    kaart.get_by_text("Actie toevoegen aan dit doel").click()
    kaart.get_by_label("Trede op de afwegingsladder").select_option(label="Maatwerkvoorziening")
    kaart.get_by_label("Wat gebeurt er").fill("Twee uur begeleiding per week bij dagstructuur en post.")
    kaart.get_by_label("Wie doet het").fill("Zorg De Linde")
    kaart.get_by_label("Maatwerkproduct").select_option(label=f"{BEGELEIDING} (02 02A01)")
    kaart.get_by_role("button", name="Actie toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="De actie is toegevoegd.")).to_be_visible()
    expect(kaart.get_by_text("Wmo 2015 · post Begeleiding")).to_be_visible()
    _axe(page, "plan", schendingen)

    # The mother starts a Werkspoor trajectory with a werkervaringsplek, from the household dossier.
    page.goto(reverse("inwoners:huishouden_detail", args=[plan.huishouden_id]))
    page.get_by_role("link", name="Werk en participatie", exact=True).click()
    page.get_by_role("link", name=ayse.naam).click()
    page.get_by_role("link", name="Traject starten").click()
    page.get_by_label("Klantmanager / regisseur werk").select_option(label="Gea de Vries (Gebiedsteam Noord)")
    page.get_by_label("Verdiencapaciteit (% van het wettelijk minimumloon)").fill("60")
    page.get_by_role("button", name="Traject starten").click()
    expect(page.get_by_text("Werkspoor").first).to_be_visible()
    _axe(page, "traject", schendingen)
    page.get_by_role("link", name="Instrument toevoegen").click()
    page.get_by_label("Soort instrument").select_option(label="Werkervaringsplek")
    page.get_by_label("Omschrijving").fill("Werkervaringsplek magazijn kringloopwinkel, 24 uur per week.")
    page.get_by_label("Aanbieder of werkgever").fill("Kringloop De Bolster")
    page.get_by_label("Begrotingspost").select_option(label=f"Re-integratie en participatie ({timezone.localdate().year})")
    page.get_by_role("button", name="Instrument toevoegen").click()
    expect(page.get_by_role("link", name="Actie in het ondersteuningsplan")).to_be_visible()
    werkplek = Instrument.objects.get(traject__persoon=ayse)
    assert werkplek.traject.spoor == Spoor.WERKSPOOR

    # The dossier shows the whole household; one open plan, one regisseur, actions of three laws on their lines.
    page.goto(reverse("inwoners:huishouden_detail", args=[plan.huishouden_id]))
    trajecten = page.get_by_role("region", name="Trajecten per gezinslid")
    for naam, tekst in ((deniz.naam, GGZ), (deniz.naam, "Verwezen door huisarts"), (ayse.naam, "Werkspoor"),
                        (ayse.naam, "Werkervaringsplek"), (mehmet.naam, BEGELEIDING)):
        expect(trajecten).to_contain_text(naam)
        expect(trajecten).to_contain_text(tekst)
    _axe(page, "dossier", schendingen)

    assert Ondersteuningsplan.objects.open().filter(huishouden=plan.huishouden).count() == 1
    acties = Actie.objects.filter(doel__plan__huishouden=plan.huishouden).select_related("doel__plan", "begrotingspost")
    assert {a.doel.plan_id for a in acties} == {plan.pk}
    assert {(a.doel.persoon_id, a.wet, a.begrotingspost.code) for a in acties} == {
        (deniz.pk, "jeugdwet", "jeugd-ggz"), (mehmet.pk, "wmo", "wmo-begeleiding"), (ayse.pk, "participatiewet", "part-reintegratie"),
    }
    assert not schendingen, schendingen
