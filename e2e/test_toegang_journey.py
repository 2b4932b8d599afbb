"""The main journey of the access flow, through the browser only (issue: casus peuterspeelzaal + huisarts).

Seed 000_9b14841e6fe6ddc8.txt (regio Nijmegen, "Kracht door verbinding"): a girl of 4 plays little; her
divorced mother is gloomy and often visits the huisarts. Huisarts and peuterspeelzaal both signal the
local team; a generalist holds the keukentafelgesprek at home, links the mother to a neighbour with a
garden, and arranges opvoedondersteuning at home for 3 months by direct referral.

Only the organisation (gemeente, gebieden, teams, users) and the catalogue (an algemene voorziening, a
maatwerk product) are set up with factories; everything else goes through the staff UI. A generalist of
another gebied is refused without a reason and logged with one.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import download_bytes, login, pdf_tekst
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.plannen.models import Ondersteuningsplan, PlanStatus
from keukentafel.testing.factories import (
    WACHTWOORD,
    AlgemeneVoorzieningFactory,
    GebiedFactory,
    MedewerkerFactory,
    ProductFactory,
    TeamFactory,
    geldig_bsn,
)
from keukentafel.toegang.models import Melding, MeldingStatus

MOEDER = {"voornamen": "Esther", "achternaam": "Verhoeven", "geboortedatum": "1991-03-12", "bsn": geldig_bsn(4101)}
DOCHTER = {"voornamen": "Noor", "bsn": geldig_bsn(4102)}
BUURVROUW = "Riet Jansen"
DOEL_1 = "Moeder wordt actiever en minder somber"
DOEL_2 = "Noor krijgt ruimte om te spelen en zich te ontwikkelen; moeder staat er niet alleen voor in de opvoeding"
MAATWERK = "Opvoedondersteuning thuis, 3 maanden wekelijks"


def _datumtijd(dt) -> str:
    """A value for <input type=datetime-local>."""
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _huidige_url_pk(page, patroon: str) -> int:
    match = re.search(patroon, page.url)
    assert match, f"{page.url} past niet bij {patroon}"
    return int(match.group(1))


@pytest.mark.django_db(transaction=True)
def test_melding_tot_actief_plan_en_noodtoegang_buiten_gebied(page):
    gebied_a = GebiedFactory(naam="Dukenburg")
    gebied_b = GebiedFactory(naam="Lindenholt", gemeente=gebied_a.gemeente)
    team_a = TeamFactory(gebied=gebied_a, naam="Gebiedsteam Dukenburg")
    team_b = TeamFactory(gebied=gebied_b, naam="Gebiedsteam Lindenholt")
    anouk = MedewerkerFactory(username="anouk", first_name="Anouk", last_name="de Wit", rol=Rol.GENERALIST, team=team_a)
    bram = MedewerkerFactory(username="bram", first_name="Bram", last_name="Smit", rol=Rol.GENERALIST, team=team_b)
    postcode = f"{gebied_a.postcodes.first().pc4} KL"
    inloop = AlgemeneVoorzieningFactory(
        naam="Inloopspreekuur opvoeden en opgroeien", uitvoerder="CJG", categorie="opvoeden", gemeente=gebied_a.gemeente
    )
    AlgemeneVoorzieningFactory(naam="Inloopspreekuur elders", gemeente=GebiedFactory().gemeente)  # not offered in this gemeente
    jeugdhulp = ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01", eenheid="04")

    nu = timezone.localtime()
    vandaag = nu.date()
    melddatum = (nu - timedelta(days=3)).replace(hour=9, minute=15, second=0, microsecond=0)
    uiterste_datum = (melddatum.date() + timedelta(days=42)).strftime("%d-%m-%Y")
    gesprek_op = (nu - timedelta(hours=2)).replace(second=0, microsecond=0)
    geboortedatum_dochter = vandaag - timedelta(days=4 * 365 + 100)  # 4 jaar en ruim 3 maanden

    # ---------------------------------------------------------------------------------------------
    # 1. Signal from the huisarts about mother and daughter (new person, new household)
    # ---------------------------------------------------------------------------------------------
    login(page, "anouk", WACHTWOORD)
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe melding").click()
    expect(page.get_by_role("heading", level=1, name="Nieuwe melding")).to_be_visible()
    page.get_by_label("Ontvangen op").fill(_datumtijd(melddatum))
    page.get_by_label("Kanaal").select_option(label="Vindplaats")
    page.get_by_role("radio", name="Professional van een vindplaats").check()
    page.get_by_role("combobox", name="Vindplaats").select_option(label="Huisarts")
    page.get_by_label("Naam van de melder").fill("Dr. M. Hendriks")
    page.get_by_label("Organisatie van de melder").fill("Huisartsenpraktijk Dukenburg")
    page.get_by_label("Is de inwoner op de hoogte van deze melding?").select_option(label="Ja")
    page.get_by_label("BSN van de inwoner").fill(MOEDER["bsn"])
    page.get_by_label("Voornamen").fill(MOEDER["voornamen"])
    page.get_by_label("Achternaam").fill(MOEDER["achternaam"])
    page.get_by_label("Geboortedatum").fill(MOEDER["geboortedatum"])
    page.get_by_role("combobox", name="Geslacht").select_option(label="Vrouw")
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Straat").fill("Zevenheuvelenweg")
    page.get_by_label("Woonplaats").fill("Nijmegen")
    page.get_by_label("Vraag of signaal").fill(
        "Moeder is gescheiden, somber en komt vaak op het spreekuur. Haar dochter van 4 speelt weinig. Verzoek om op huisbezoek te gaan."
    )
    page.get_by_role("checkbox", name="Opvoeding", exact=True).check()
    page.get_by_role("checkbox", name="Geestelijke gezondheid", exact=True).check()
    page.get_by_role("button", name="Melding registreren").click()

    expect(page.get_by_role("status").filter(has_text="De melding is geregistreerd.")).to_be_visible()
    melding_1 = _huidige_url_pk(page, r"/meldingen/(\d+)/$")
    huishouden_naam = f"Huishouden {MOEDER['achternaam']}"
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Melding {melding_1} – {huishouden_naam}")

    # The 4-year-old daughter joins the household (from the dossier)
    page.get_by_role("link", name=huishouden_naam).click()
    expect(page.get_by_role("heading", level=1, name=huishouden_naam)).to_be_visible()
    huishouden = Huishouden.objects.get(naam=huishouden_naam)
    assert huishouden.gebied_id == gebied_a.pk
    page.get_by_role("link", name="Nieuwe persoon registreren in dit huishouden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Persoon registreren in {huishouden_naam}")
    page.get_by_label("BSN").fill(DOCHTER["bsn"])
    page.get_by_label("Voornamen").fill(DOCHTER["voornamen"])
    page.get_by_label("Geslachtsnaam").fill(MOEDER["achternaam"])
    page.get_by_label("Geboortedatum").fill(geboortedatum_dochter.isoformat())
    page.get_by_role("combobox", name="Geslacht").select_option(label="Vrouw")
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_role("spinbutton", name="Huisnummer").fill("12")
    page.get_by_label("Rol in het huishouden").select_option(label="Kind")
    page.get_by_role("button", name="Registreren").click()
    dochter_naam = f"{DOCHTER['voornamen']} {MOEDER['achternaam']}"
    moeder_naam = f"{MOEDER['voornamen']} {MOEDER['achternaam']}"
    expect(page.get_by_role("status").filter(has_text=f"{dochter_naam} is geregistreerd en toegevoegd")).to_be_visible()
    leden = page.get_by_role("table", name="Huidige leden van het huishouden")
    expect(leden.get_by_role("row", name=re.compile(dochter_naam))).to_contain_text("Kind")
    expect(leden.get_by_role("row", name=re.compile(dochter_naam))).to_contain_text("(4)")

    # Second signal, from the peuterspeelzaal, by the mother's BSN → linked to the running case
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe melding").click()
    page.get_by_label("Kanaal").select_option(label="Vindplaats")
    page.get_by_role("radio", name="Professional van een vindplaats").check()
    page.get_by_role("combobox", name="Vindplaats").select_option(label="Peuterspeelzaal / kinderopvang")
    page.get_by_label("Naam van de melder").fill("Juf Ans")
    page.get_by_label("Organisatie van de melder").fill("Peuterspeelzaal De Vlinder")
    page.get_by_label("BSN van de inwoner").fill(MOEDER["bsn"])
    page.get_by_label("Vraag of signaal").fill("Noor zit veel, neemt geen initiatief tot spelen. Zorgen over haar ontwikkeling.")
    page.get_by_role("checkbox", name="Opvoeding", exact=True).check()
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_role("status").filter(has_text="Dit BSN was al bekend")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="gekoppeld aan de lopende casus van dit huishouden").first).to_be_visible()
    melding_2 = _huidige_url_pk(page, r"/meldingen/(\d+)/$")
    assert melding_2 != melding_1
    expect(page.get_by_role("link", name=re.compile(rf"melding {melding_1} van"))).to_be_visible()
    tweede = Melding.objects.get(pk=melding_2)
    assert tweede.status == MeldingStatus.GEKOPPELD and tweede.gekoppeld_aan_id == melding_1 and tweede.huishouden_id == huishouden.pk

    # ---------------------------------------------------------------------------------------------
    # 2. Triage to the gebiedsteam, onderzoek, keukentafelgesprek at home
    # ---------------------------------------------------------------------------------------------
    page.goto(f"/meldingen/{melding_1}/")
    triage = page.get_by_role("region", name="Triage", exact=True)
    triage.get_by_role("radio", name="Naar het gebiedsteam").check()
    triage.get_by_label("Soort vraag").select_option(label="Complex / multiprobleem")
    triage.get_by_label("Toelichting").fill("Signalen van huisarts en peuterspeelzaal; meerdere leefgebieden.")
    triage.get_by_label("Toewijzen aan").select_option(label=f"{anouk} ({team_a})")
    triage.get_by_role("button", name="Triage vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Triage vastgelegd: Naar het gebiedsteam.")).to_be_visible()

    page.get_by_role("region", name="Onderzoek starten").get_by_role("button", name="Onderzoek starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Onderzoek – {huishouden_naam}")
    expect(page.get_by_role("status").filter(has_text=f"uiterlijk {uiterste_datum} afronden")).to_be_visible()
    termijn = page.get_by_role("region", name="Wettelijke termijn")
    expect(termijn).to_contain_text(melddatum.strftime("%d-%m-%Y"))
    expect(termijn).to_contain_text("42 dagen")
    expect(termijn.get_by_role("definition").filter(has_text=uiterste_datum)).to_be_visible()
    onderzoek_url = page.url

    page.get_by_label("Datum en tijd").fill(_datumtijd(gesprek_op))
    page.get_by_label("Plaats", exact=True).select_option(label="Thuis bij de inwoner")
    expect(page.get_by_role("checkbox", name=re.compile(moeder_naam))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(dochter_naam))).to_be_checked()
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_role("status").filter(has_text="Het gesprek is gepland.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Keukentafelgesprek – {huishouden_naam}")

    page.get_by_label("Gehouden op").fill(_datumtijd(gesprek_op))
    page.get_by_role("checkbox", name=re.compile("gewezen op het recht op gratis onafhankelijke cliëntondersteuning")).check()
    page.get_by_label("Samenvatting van het gesprek").fill(
        "Brede vraagverheldering met moeder en Noor thuis. Moeder krijgt energie van buiten bezig zijn in een tuin."
    )
    page.get_by_label("Bevindingen opvoeding").fill("Noor zit veel en speelt weinig; moeder heeft weinig energie voor spel.")
    page.get_by_label("Zelfredzaamheid opvoeding").select_option("3")
    page.get_by_label("Bevindingen geestelijke gezondheid").fill("Moeder is somber sinds de scheiding, bezoekt vaak de huisarts.")
    page.get_by_label("Zelfredzaamheid geestelijke gezondheid").select_option("2")
    page.get_by_label("Bevindingen sociaal netwerk").fill("Klein netwerk; een buurvrouw heeft een tuin waar ze niet aan toekomt.")
    page.get_by_label("Zelfredzaamheid sociaal netwerk").select_option("2")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Het verslag van het gesprek is vastgelegd.")).to_be_visible()
    gesprek = page.get_by_role("region", name="Het gesprek")
    expect(gesprek).to_contain_text(f"Gehouden op {gesprek_op:%d-%m-%Y %H:%M}")
    expect(gesprek).to_contain_text("De inwoner is gewezen op gratis onafhankelijke cliëntondersteuning.")

    verslag, naam = download_bytes(page, page.get_by_role("link", name="Verslag downloaden (PDF)"))
    assert verslag.startswith(b"%PDF-"), verslag[:20]
    assert naam.endswith(".pdf")

    # The neighbour with a garden joins the network (dossier)
    page.goto(f"/inwoners/huishoudens/{huishouden.pk}/")
    page.get_by_role("link", name="Netwerklid toevoegen").click()
    page.get_by_label("Naam", exact=True).fill(BUURVROUW)
    page.get_by_label("Rol", exact=True).select_option(label="Buren / vrienden")
    page.get_by_label("Relatie").fill("buurvrouw met tuin")
    page.get_by_label("Voor wie").select_option(label=moeder_naam)
    page.get_by_label("Wat doet deze persoon").fill("Tuiniert samen met moeder in haar tuin.")
    page.get_by_label("Uren per week").fill("3")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text=f"{BUURVROUW} is toegevoegd aan het netwerk.")).to_be_visible()
    netwerk = page.get_by_role("table", name="Mantelzorgers, vrijwilligers, familie en vertegenwoordigers")
    expect(netwerk.get_by_role("row", name=re.compile(BUURVROUW))).to_contain_text("Buren / vrienden")
    scores = page.get_by_role("region", name="Zelfredzaamheid per leefgebied")
    expect(scores.get_by_role("row", name=re.compile("Geestelijke gezondheid"))).to_contain_text("2 – niet zelfredzaam")

    # ---------------------------------------------------------------------------------------------
    # 3. Ondersteuningsplan from the onderzoek: two goals, three steps of the ladder; sign; PDF
    # ---------------------------------------------------------------------------------------------
    page.goto(onderzoek_url)
    page.get_by_role("region", name="Ondersteuningsplan").get_by_role("link", name="Ondersteuningsplan maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nieuw ondersteuningsplan voor {huishouden_naam}")
    expect(page.get_by_label("Regisseur")).to_have_value(str(anouk.pk))
    expect(page.get_by_label("Onderzoek (keukentafelgesprek) waarop het plan berust")).not_to_have_value("")
    page.get_by_label("Situatie en afspraken in het kort").fill("Moeder en Noor; signalen huisarts en peuterspeelzaal.")
    page.get_by_role("button", name="Plan aanmaken").click()
    expect(page.get_by_role("status").filter(has_text="Het ondersteuningsplan is aangemaakt.")).to_be_visible()
    plan_pk = _huidige_url_pk(page, r"/plannen/(\d+)/")

    def doel_toevoegen(leefgebied: str, voor: str, omschrijving: str, resultaat: str) -> None:
        page.get_by_label("Leefgebied", exact=True).select_option(label=leefgebied)
        page.get_by_label("Voor wie").select_option(label=voor)
        page.get_by_label("Doel", exact=True).fill(omschrijving)
        page.get_by_label("Beoogd resultaat").fill(resultaat)
        page.get_by_role("button", name="Doel toevoegen").click()
        expect(page.get_by_role("status").filter(has_text="Het doel is toegevoegd.")).to_be_visible()

    def actie_toevoegen(
        doel: str, trede: str, wat: str, *, netwerklid: str = "", wie: str = "", algemene_voorziening: str = "", product: str = "", tot=None
    ):
        kaart = page.get_by_role("article", name=doel)
        kaart.get_by_text("Actie toevoegen aan dit doel").click()
        kaart.get_by_label("Trede op de afwegingsladder").select_option(label=trede)
        kaart.get_by_label("Wat gebeurt er").fill(wat)
        if netwerklid:
            kaart.get_by_label("Iemand uit het netwerk").select_option(label=netwerklid)
        if wie:
            kaart.get_by_label("Wie doet het").fill(wie)
        if algemene_voorziening:
            kaart.get_by_label("Algemene voorziening").select_option(label=algemene_voorziening)
        if product:
            kaart.get_by_label("Maatwerkproduct").select_option(label=product)
        if tot:
            kaart.get_by_label("Tot en met").fill(tot.isoformat())
        kaart.get_by_role("button", name="Actie toevoegen").click()
        expect(page.get_by_role("status").filter(has_text="De actie is toegevoegd.")).to_be_visible()
        acties = page.get_by_role("article", name=doel).get_by_role("table", name=re.compile(rf"^Acties voor doel: {re.escape(doel[:50])}"))
        expect(acties).to_contain_text(wat)

    doel_toevoegen("Geestelijke gezondheid", moeder_naam, DOEL_1, "Moeder is vaker buiten actief en minder vaak down.")
    actie_toevoegen(
        DOEL_1,
        "Sociaal netwerk / mantelzorg",
        "Samen tuinieren met de buurvrouw, twee ochtenden per week",
        netwerklid=f"{BUURVROUW} – buren / vrienden (buurvrouw met tuin)",
    )
    expect(
        page.get_by_role("article", name=DOEL_1).get_by_label("Algemene voorziening").get_by_role("option", name="Inloopspreekuur elders")
    ).to_have_count(0)
    actie_toevoegen(
        DOEL_1,
        "Algemene voorziening",
        "Moeder bezoekt het inloopspreekuur in het wijkcentrum",
        wie="Moeder zelf",
        algemene_voorziening=f"{inloop.naam} ({inloop.uitvoerder})",
    )
    doel_toevoegen("Opvoeding", dochter_naam, DOEL_2, "Noor speelt meer en neemt zelf initiatief tot spelen.")
    actie_toevoegen(
        DOEL_2,
        "Maatwerkvoorziening",
        MAATWERK,
        wie="Jeugdzorginstelling (rechtstreekse verwijzing)",
        product="Jeugdhulp ambulant (45 45A01)",
        tot=vandaag + timedelta(days=91),
    )
    maatwerk = page.get_by_role("article", name=DOEL_2).get_by_role("table", name=re.compile(r"^Acties voor doel"))
    expect(maatwerk.get_by_role("row").nth(1)).to_contain_text("Jeugdhulp ambulant (45 45A01)")
    assert Ondersteuningsplan.objects.get(pk=plan_pk).doelen.get(omschrijving=DOEL_2).acties.get().product == jeugdhulp
    ladder = page.get_by_role("article", name=DOEL_1).get_by_role("table", name=f"Acties voor doel: {DOEL_1}")
    expect(ladder.get_by_role("row").nth(1)).to_contain_text("Sociaal netwerk / mantelzorg")
    expect(ladder.get_by_role("row").nth(1)).to_contain_text(BUURVROUW)
    expect(ladder.get_by_role("row").nth(2)).to_contain_text("Inloopspreekuur opvoeden en opgroeien")

    page.get_by_role("button", name="Leg versie vast ter ondertekening").click()
    expect(page.get_by_role("status").filter(has_text="De versie is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Versies en ondertekening: plan {huishouden_naam}")

    page.get_by_role("radio", name="De inwoner", exact=True).check()
    page.get_by_label("Inwoner die tekent").select_option(label=moeder_naam)
    page.get_by_role("radio", name="Op papier (gescand in dossier)").check()
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Versie 1 is ondertekend.")).to_be_visible()
    assert Ondersteuningsplan.objects.get(pk=plan_pk).status == PlanStatus.CONCEPT

    page.get_by_role("radio", name=re.compile(r"^Ik, als professional")).check()
    page.get_by_role("radio", name="Digitaal (in Keukentafel)").check()
    page.get_by_role("button", name="Ondertekening vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Het plan is vastgesteld en actief")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("row", name=re.compile("Versie 1"))).to_contain_text(f"{moeder_naam} (inwoner)")

    page.get_by_role("navigation", name="Onderdelen van het plan").get_by_role("link", name="Plan", exact=True).click()
    status = page.get_by_role("region", name="Plangegevens").get_by_role("definition").first
    expect(status).to_contain_text("Actief")
    expect(page.get_by_role("status").filter(has_text="Het plan is ondertekend (versie 1).")).to_be_visible()

    planpdf, naam = download_bytes(page, page.get_by_role("link", name="Plan als PDF (nieuwste versie)"))
    assert planpdf.startswith(b"%PDF-"), planpdf[:20]
    assert naam == f"ondersteuningsplan-{plan_pk}-versie-1.pdf"
    tekst = pdf_tekst(planpdf)
    if tekst is not None:  # pdftotext (poppler-utils) installed
        for verwacht in (DOEL_1, MAATWERK, "Jeugdhulp ambulant", "Inloopspreekuur opvoeden en opgroeien", BUURVROUW, moeder_naam):
            assert verwacht in tekst, f"{verwacht!r} niet in de plan-PDF:\n{tekst[:3000]}"

    # ---------------------------------------------------------------------------------------------
    # 4. A generalist of another gebied: refused without a reason, logged with one
    # ---------------------------------------------------------------------------------------------
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    login(page, "bram", WACHTWOORD)
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()

    page.goto(f"/inwoners/huishoudens/{huishouden.pk}/")
    expect(page).to_have_url(re.compile(rf"/inwoners/huishoudens/{huishouden.pk}/toegang/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toegang met reden: {huishouden_naam}")
    expect(page.get_by_text(moeder_naam)).to_have_count(0)
    geweigerd = AuditRecord.objects.filter(medewerker=bram, actie=AuditActie.GEWEIGERD, huishouden_id=huishouden.pk)
    assert geweigerd.exists()
    assert not AuditRecord.objects.filter(medewerker=bram, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk).exists()

    reden = "Moeder belt met een vraag terwijl de regisseur ziek is; waarneming voor Gebiedsteam Dukenburg."
    page.get_by_label("Waarom moet u dit dossier inzien?").fill(reden)
    page.get_by_role("button", name="Reden vastleggen en dossier openen").click()
    expect(page).to_have_url(re.compile(rf"/inwoners/huishoudens/{huishouden.pk}/$"))
    expect(page.get_by_role("heading", level=1, name=huishouden_naam)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Uw reden is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("table", name="Huidige leden van het huishouden")).to_contain_text(moeder_naam)

    nood = AuditRecord.objects.get(medewerker=bram, actie=AuditActie.NOODTOEGANG, huishouden_id=huishouden.pk)
    assert nood.reden == reden
    assert AuditRecord.objects.filter(medewerker=bram, actie=AuditActie.LEZEN, huishouden_id=huishouden.pk, id__gt=nood.id).exists()
    assert Persoon.objects.filter(bsn__in=[MOEDER["bsn"], DOCHTER["bsn"]]).count() == 2
