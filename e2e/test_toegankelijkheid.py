"""Accessibility of the main staff pages (WCAG 2.1 A/AA with axe-core) and keyboard-only use.

The pages are filled with a realistic case (the peuterspeelzaal + huisarts casus of seed
000_9b14841e6fe6ddc8.txt), built with the services, so axe sees tables, badges, alerts and forms
as the staff see them. axe-core is served by the app (npm package, /static/vendor/axe-core/) and
injected as a same-origin script, which the CSP allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from e2e.conftest import login
from keukentafel.accounts.models import Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners import services as inwoners
from keukentafel.inwoners.models import Huishouden, LidRol, Netwerklid, NetwerkRol
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Ondersteuningsplan, OndertekenaarRol, Ondertekenmethode, Trede
from keukentafel.testing.factories import (
    WACHTWOORD,
    AlgemeneVoorzieningFactory,
    GebiedFactory,
    MedewerkerFactory,
    ProductFactory,
    TeamFactory,
    geldig_bsn,
)
from keukentafel.toegang import services as toegang
from keukentafel.toegang.models import Gesprek, Kanaal, MelderType, Melding, Onderzoek, TriageUitkomst, Vindplaats, Vraagtype

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_URL = "/static/vendor/axe-core/axe.min.js"


@dataclass
class Casus:
    huishouden: Huishouden
    melding: Melding
    gekoppelde_melding: Melding
    onderzoek: Onderzoek
    gesprek: Gesprek
    plan: Ondersteuningsplan
    moeder_bsn: str
    postcode: str


def _plan(pk: int) -> Ondersteuningsplan:
    return Ondersteuningsplan.objects.get(pk=pk)


def bouw_casus() -> Casus:
    """Organisation + the casus up to a plan with a signed version 1 and a version 2 awaiting signatures."""
    gebied_a = GebiedFactory(naam="Dukenburg")
    gebied_b = GebiedFactory(naam="Lindenholt", gemeente=gebied_a.gemeente)
    team_a = TeamFactory(gebied=gebied_a, naam="Gebiedsteam Dukenburg")
    team_b = TeamFactory(gebied=gebied_b, naam="Gebiedsteam Lindenholt")
    anouk = MedewerkerFactory(username="anouk", first_name="Anouk", last_name="de Wit", rol=Rol.GENERALIST, team=team_a)
    MedewerkerFactory(username="bram", first_name="Bram", last_name="Smit", rol=Rol.GENERALIST, team=team_b)
    MedewerkerFactory(username="femke", first_name="Femke", last_name="Bos", rol=Rol.FUNCTIONEEL_BEHEER, team=None)
    lg = {leefgebied.code: leefgebied for leefgebied in Leefgebied.objects.all()}
    nu = timezone.now()
    postcode = f"{gebied_a.postcodes.first().pc4}KL"
    moeder_bsn = geldig_bsn(4201)

    melding = toegang.registreer_melding_met_inwoner(
        anouk,
        werkgemeente=gebied_a.gemeente,
        nieuwe_persoon={
            "bsn": moeder_bsn,
            "voornamen": "Esther",
            "geslachtsnaam": "Verhoeven",
            "geboortedatum": (nu - timedelta(days=35 * 365)).date(),
            "geslacht": "2",
            "straat": "Zevenheuvelenweg",
            "huisnummer": 12,
            "postcode": postcode,
            "woonplaats": "Nijmegen",
        },
        ontvangen_op=nu - timedelta(days=10),
        kanaal=Kanaal.VINDPLAATS,
        melder_type=MelderType.PROFESSIONAL,
        vindplaats=Vindplaats.HUISARTS,
        melder_naam="Dr. M. Hendriks",
        melder_organisatie="Huisartsenpraktijk Dukenburg",
        client_op_de_hoogte=True,
        vraag="Moeder is gescheiden en somber, komt vaak op het spreekuur; dochter van 4 speelt weinig.",
        leefgebieden=[lg["opvoeding"], lg["geestelijke-gezondheid"]],
    )
    huishouden = melding.huishouden
    dochter = inwoners.registreer_persoon(
        anouk,
        bsn=geldig_bsn(4202),
        voornamen="Noor",
        geslachtsnaam="Verhoeven",
        geboortedatum=(nu - timedelta(days=4 * 365 + 100)).date(),
        geslacht="2",
        straat="Zevenheuvelenweg",
        huisnummer=12,
        postcode=postcode,
    )
    inwoners.voeg_lid_toe(anouk, huishouden, dochter, LidRol.KIND, timezone.localdate())
    gekoppeld = toegang.registreer_melding_met_inwoner(
        anouk,
        werkgemeente=gebied_a.gemeente,
        persoon=melding.persoon,
        ontvangen_op=nu - timedelta(days=9),
        kanaal=Kanaal.VINDPLAATS,
        melder_type=MelderType.PROFESSIONAL,
        vindplaats=Vindplaats.PEUTERSPEELZAAL,
        melder_naam="Juf Ans",
        client_op_de_hoogte=None,
        vraag="Noor zit veel en neemt geen initiatief tot spelen.",
        leefgebieden=[lg["opvoeding"]],
    )
    toegang.trieer(
        anouk,
        melding,
        uitkomst=TriageUitkomst.GEBIEDSTEAM,
        verwachte_versie=melding.version,
        vraagtype=Vraagtype.COMPLEX,
        toewijzen_aan=anouk,
    )
    onderzoek = toegang.start_onderzoek(anouk, Melding.objects.get(pk=melding.pk))
    buurvrouw = inwoners.leg_netwerklid_vast(
        anouk,
        Netwerklid(huishouden=huishouden, naam="Riet Jansen", rol=NetwerkRol.BUREN, relatie="buurvrouw met tuin", uren_per_week=3),
    )
    gesprek = toegang.plan_gesprek(anouk, onderzoek, nu - timedelta(days=2), plaats="thuis", deelnemers="Esther Verhoeven; Noor Verhoeven")
    toegang.leg_gesprek_vast(
        anouk,
        gesprek,
        verwachte_versie=gesprek.version,
        gehouden_op=nu - timedelta(days=2),
        bevindingen=[
            toegang.Bevinding(lg["opvoeding"], "Noor speelt weinig.", 3),
            toegang.Bevinding(lg["geestelijke-gezondheid"], "Moeder is somber sinds de scheiding.", 2),
            toegang.Bevinding(lg["sociaal-netwerk"], "Klein netwerk; buurvrouw met tuin.", 2),
        ],
        gewezen_op_clientondersteuning=True,
        samenvatting="Brede vraagverheldering thuis.",
    )

    plan = plannen.maak_plan(anouk, huishouden, onderzoek=onderzoek, toelichting="Moeder en Noor.")
    doel_1 = plannen.voeg_doel_toe(
        anouk, plan, _plan(plan.pk).version, leefgebied=lg["geestelijke-gezondheid"], omschrijving="Moeder wordt actiever en minder somber"
    )
    vandaag = timezone.localdate()
    plannen.voeg_actie_toe(
        anouk,
        doel_1,
        _plan(plan.pk).version,
        trede=Trede.SOCIAAL_NETWERK,
        omschrijving="Samen tuinieren met de buurvrouw",
        uitvoerder=buurvrouw.naam,
        netwerklid=buurvrouw,
        van=vandaag,
    )
    plannen.voeg_actie_toe(
        anouk,
        doel_1,
        _plan(plan.pk).version,
        trede=Trede.ALGEMENE_VOORZIENING,
        omschrijving="Inloopspreekuur bezoeken",
        uitvoerder="Moeder zelf",
        algemene_voorziening=AlgemeneVoorzieningFactory(naam="Inloopspreekuur opvoeden en opgroeien", gemeente=huishouden.gemeente),
        van=vandaag,
    )
    doel_2 = plannen.voeg_doel_toe(
        anouk, plan, _plan(plan.pk).version, leefgebied=lg["opvoeding"], omschrijving="Opvoeding met steun", persoon=dochter
    )
    plannen.voeg_actie_toe(
        anouk,
        doel_2,
        _plan(plan.pk).version,
        trede=Trede.MAATWERK,
        omschrijving="Opvoedondersteuning thuis, 3 maanden wekelijks",
        uitvoerder="Jeugdzorginstelling",
        product=ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01"),
        van=vandaag,
        tot=vandaag + timedelta(days=91),
    )
    versie_1 = plannen.leg_versie_vast(anouk, _plan(plan.pk), _plan(plan.pk).version)
    plannen.onderteken(anouk, versie_1, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=melding.persoon)
    plannen.onderteken(anouk, versie_1, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    # Version 2 (one more action) awaits signatures: the plan page shows the unsigned-changes banner,
    # the versions page the signing form and the comparison.
    plannen.voeg_actie_toe(
        anouk,
        doel_2,
        _plan(plan.pk).version,
        trede=Trede.EIGEN_KRACHT,
        omschrijving="Moeder speelt dagelijks een kwartier met Noor",
        uitvoerder="Moeder zelf",
        van=vandaag,
    )
    versie_2 = plannen.leg_versie_vast(anouk, _plan(plan.pk), _plan(plan.pk).version, "Eigen kracht toegevoegd")
    plannen.onderteken(anouk, versie_2, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.DIGITAAL, persoon=melding.persoon)

    return Casus(
        huishouden=huishouden,
        melding=Melding.objects.get(pk=melding.pk),
        gekoppelde_melding=gekoppeld,
        onderzoek=onderzoek,
        gesprek=gesprek,
        plan=_plan(plan.pk),
        moeder_bsn=moeder_bsn,
        postcode=postcode,
    )


def axe_schendingen(page) -> list[dict]:
    """Run axe-core on the current page for WCAG 2.1 A/AA; return the violations.

    A click that navigates returns before the new document exists; injecting then fails on a
    missing <head>, so wait for the load and retry once instead of failing at random.
    """
    page.wait_for_load_state("load")
    try:
        page.add_script_tag(url=AXE_URL)
    except PlaywrightError:
        page.wait_for_load_state("load")
        page.add_script_tag(url=AXE_URL)
    uitkomst = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, tags: v.tags.filter(t => t.startsWith('wcag')),
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300), samenvatting: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return uitkomst


def _verslag(schendingen: dict[str, list[dict]]) -> str:
    regels = []
    for pagina, lijst in schendingen.items():
        for v in lijst:
            regels.append(f"\n[{pagina}] {v['id']} ({v['impact']}, {', '.join(v['tags'])}): {v['help']}")
            for n in v["nodes"][:10]:
                regels.append(f"\n    - {n['target']}: {n['html']}\n      {n['samenvatting']}")
    return "".join(regels)


def _uitloggen(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
def test_hoofdpaginas_zonder_wcag_schendingen(page):
    c = bouw_casus()
    gevonden: dict[str, list[dict]] = {}
    bezocht: list[str] = []

    def controleer(naam: str, url: str | None = None, kop: str | re.Pattern | None = None) -> None:
        if url is not None:
            antwoord = page.goto(url)
            assert antwoord is not None and antwoord.status < 400, f"{naam}: {url} gaf {antwoord and antwoord.status}"
        if kop is not None:
            expect(page.get_by_role("heading", level=1)).to_have_text(kop)
        bezocht.append(naam)
        schendingen = axe_schendingen(page)
        if schendingen:
            gevonden[naam] = schendingen

    controleer("inlogpagina", "/account/inloggen/", "Inloggen")

    login(page, "anouk", WACHTWOORD)
    controleer("werkvoorraad", "/", "Werkvoorraad")
    expect(page.get_by_role("region", name=re.compile("Mijn lopende onderzoeken"))).to_contain_text(c.huishouden.naam)

    controleer("nieuwe melding", "/meldingen/nieuw/", "Nieuwe melding")
    page.get_by_role("combobox", name="Kanaal").select_option(label="Vindplaats")
    page.get_by_label("BSN van de inwoner").fill("123456789")  # fails the elfproef
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.get_by_role("alert").first).to_contain_text("De melding is niet opgeslagen")
    expect(page.get_by_label("Vraag of signaal")).to_have_attribute("aria-invalid", "true")
    # Error summary at the top, focused (formulieren.js), with a link to each invalid field
    overzicht = page.get_by_role("alert").filter(has=page.get_by_role("heading", name="Er ging iets mis"))
    expect(overzicht).to_be_focused()
    overzicht.get_by_role("link", name=re.compile(r"^Vraag of signaal: ")).click()
    expect(page.get_by_label("Vraag of signaal")).to_be_focused()
    controleer("nieuwe melding met fouten")

    controleer("melding (in behandeling)", f"/meldingen/{c.melding.pk}/", re.compile(rf"^Melding {c.melding.pk}"))
    controleer("melding (gekoppeld)", f"/meldingen/{c.gekoppelde_melding.pk}/", re.compile(rf"^Melding {c.gekoppelde_melding.pk}"))
    controleer("onderzoek", f"/onderzoeken/{c.onderzoek.pk}/", f"Onderzoek – {c.huishouden.naam}")
    controleer("gesprek", f"/gesprekken/{c.gesprek.pk}/", f"Keukentafelgesprek – {c.huishouden.naam}")
    controleer("huishouden (dossier)", f"/inwoners/huishoudens/{c.huishouden.pk}/", c.huishouden.naam)

    page.goto("/inwoners/zoeken/")
    page.get_by_label("Postcode").fill(c.postcode)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=2, name="2 personen gevonden")).to_be_visible()
    controleer("zoeken met resultaten")

    controleer("plan", f"/plannen/{c.plan.pk}/", f"Ondersteuningsplan {c.huishouden.naam}")
    controleer("planversies", f"/plannen/{c.plan.pk}/versies/?a=1&b=2", f"Versies en ondertekening: plan {c.huishouden.naam}")
    expect(page.get_by_role("heading", name="Van versie 1 naar versie 2")).to_be_visible()
    _uitloggen(page)

    login(page, "bram", WACHTWOORD)
    page.goto(f"/inwoners/huishoudens/{c.huishouden.pk}/")
    controleer("noodtoegang", None, f"Toegang met reden: {c.huishouden.naam}")
    page.get_by_role("button", name="Reden vastleggen en dossier openen").click()
    expect(page.get_by_label("Waarom moet u dit dossier inzien?")).to_have_attribute("aria-invalid", "true")
    controleer("noodtoegang zonder reden")
    page.get_by_label("Waarom moet u dit dossier inzien?").fill("Waarneming voor een zieke collega van Dukenburg.")
    page.get_by_role("button", name="Reden vastleggen en dossier openen").click()
    expect(page.get_by_role("heading", level=1, name=c.huishouden.naam)).to_be_visible()
    _uitloggen(page)

    login(page, "femke", WACHTWOORD)
    controleer("audittrail (functioneel beheer)", "/account/audit/", re.compile("Audit"))
    controleer("rapport toegang met reden", "/account/audit/noodtoegang/")

    assert len(bezocht) == 16
    assert not gevonden, f"WCAG 2.1 A/AA-schendingen (axe-core) op {len(gevonden)} pagina's:{_verslag(gevonden)}"


# ---------------------------------------------------------------------------------------------------
# Keyboard only
# ---------------------------------------------------------------------------------------------------


def _heeft_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_naar(page, locator, max_tabs: int = 40, toets: str = "Tab") -> int:
    """Press Tab (or Shift+Tab) until `locator` has focus; return how many presses it took."""
    for n in range(1, max_tabs + 1):
        page.keyboard.press(toets)
        if _heeft_focus(locator):
            return n
    raise AssertionError(f"{locator} niet bereikt met {max_tabs} keer Tab")


def _vanaf_begin(page) -> None:
    """Start keyboard navigation at the top of the document, as after loading a page without autofocus."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")


@pytest.mark.django_db(transaction=True)
def test_inloggen_alleen_met_toetsenbord(page):
    MedewerkerFactory(username="anouk", rol=Rol.GENERALIST)
    page.goto("/account/inloggen/")
    gebruikersnaam = page.get_by_label("Gebruikersnaam")
    expect(gebruikersnaam).to_be_focused()  # autofocus

    # Back to the top with Shift+Tab (skip link, logo), then forward again to the field.
    skiplink = page.get_by_role("link", name="Direct naar de inhoud")
    tab_naar(page, skiplink, max_tabs=3, toets="Shift+Tab")
    tab_naar(page, gebruikersnaam, max_tabs=3)
    page.keyboard.type("anouk")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Werkvoorraad")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_zoeken_alleen_met_toetsenbord(page):
    c = bouw_casus()
    login(page, "anouk", WACHTWOORD)
    page.goto("/inwoners/zoeken/")
    expect(page.get_by_role("heading", level=1, name="Inwoner zoeken")).to_be_visible()

    _vanaf_begin(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")  # skip link: the next Tab goes into the main content, past the menu
    bsn = page.get_by_label("BSN")
    tabs = tab_naar(page, bsn)
    assert tabs <= 3, f"na de skiplink nog {tabs} keer Tab nodig tot het eerste zoekveld"
    page.keyboard.type(c.moeder_bsn)
    page.keyboard.press("Enter")
    resultaten = page.get_by_role("heading", level=2, name="1 persoon gevonden")
    expect(resultaten).to_be_visible()

    # Also with the button: Tab from the last field to "Zoeken" and press Enter.
    page.goto("/inwoners/zoeken/")
    tab_naar(page, page.get_by_label("Postcode"))
    page.keyboard.type(c.postcode)
    knop = page.get_by_role("button", name="Zoeken")
    tab_naar(page, knop, max_tabs=5)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="2 personen gevonden")).to_be_visible()

    # And into the dossier from the results
    link = page.get_by_role("table", name="Gevonden personen").get_by_role("link", name=c.huishouden.naam).first
    tab_naar(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=c.huishouden.naam)).to_be_visible()
