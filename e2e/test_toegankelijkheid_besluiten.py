"""Accessibility (WCAG 2.1 A/AA with axe-core) of the pages of the apps "aanbod" and "besluiten".

The companion of test_toegankelijkheid.py for the pages of issue 3 "Aanbod en besluiten". A household with a
signed plan holds maatwerk actions in every state the besluiten pages know: one still to be requested (route
aanvraag en beschikking), one that the gemeente's policy sends through a verwijzing ("ja, tenzij"), an open pgb
aanvraag, a decided aanvraag with a grant and a bezwaar, and a verwijzing waiting for the provider's signature;
the second member has a grant imported under the overgangsrecht. Built with the factories and the services, so
axe sees tables, badges, status messages and forms as the staff see them. Collapsed parts (`<details>`) are
opened before axe runs, so the forms inside them are checked too; two form states are reached through the UI:
a pgb decision refused by the tariff rule (error summary) and an import file with an error row (error table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_toegankelijkheid import _verslag, axe_schendingen
from keukentafel.aanbod.models import Aanbieder, Contract
from keukentafel.accounts.models import Gemeente, Rol
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.besluiten import besluitvorming, rechtmatigheid, rechtsbescherming
from keukentafel.besluiten.models import (
    Aanvraag,
    Beschikking,
    Besluit,
    BezwaarRoute,
    Herbeoordeling,
    Indicatieimport,
    KlachtOver,
    Leveringsvorm,
    Rechtmatigheidstoets,
    ToegewezenVoorziening,
    Verwijzing,
)
from keukentafel.besluiten.overgangsrecht import importeer
from keukentafel.besluiten.regels import Toekenningsverzoek
from keukentafel.besluiten.services import vandaag
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Actie, Ondersteuningsplan, OndertekenaarRol, Ondertekenmethode, PlanStatus, Trede
from keukentafel.testing.factories import (
    WACHTWOORD,
    AanbiederFactory,
    AlgemeneVoorzieningFactory,
    ContractFactory,
    GebiedFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    ProductFactory,
    TariefFactory,
    TeamFactory,
)

AANBIEDER = "Thuiszorg De Linde"
AANBIEDER_AGB = "73005678"
MOTIVERING = "Mevrouw heeft hulp nodig om haar dag te structureren; het netwerk kan dat niet bieden."
IMPORTKOP = ["bsn", "wet", "productcategorie", "productcode", "omvang", "eenheid", "frequentie", "einddatum", "bron", "aanbieder_agb"]


@dataclass
class Besluitcasus:
    gemeente: Gemeente
    huishouden: Huishouden
    inwoner: Persoon
    tweede: Persoon
    plan: Ondersteuningsplan
    actie_aanvraag: Actie  # maatwerk, nothing requested yet: route aanvraag en beschikking
    actie_verwijzing: Actie  # maatwerk, indicatievrij in this gemeente: route verwijzing
    open_aanvraag: Aanvraag  # pgb, not decided yet
    besloten_aanvraag: Aanvraag  # granted in kind, with a bezwaar
    beschikking: Beschikking
    toewijzing: ToegewezenVoorziening
    verwijzing: Verwijzing  # signed by the resident and the generalist, waiting for the provider
    overgangsrecht: ToegewezenVoorziening  # imported indication of the second member
    indicatieimport: Indicatieimport
    aanbieder: Aanbieder
    contract: Contract
    toets: Rechtmatigheidstoets


def _plan(pk: int) -> Ondersteuningsplan:
    return Ondersteuningsplan.objects.get(pk=pk)


def _importbestand(rijen: list[dict]) -> bytes:
    regels = [",".join(IMPORTKOP)] + [",".join(str(r[k]) for k in IMPORTKOP) for r in rijen]
    return ("\r\n".join(regels) + "\r\n").encode("utf-8")


def _importrij(bsn: str, **velden) -> dict:
    rij = {
        "bsn": bsn,
        "wet": "wmo",
        "productcategorie": "02",
        "productcode": "02A01",
        "omvang": "3",
        "eenheid": "04",
        "frequentie": "2",
        "einddatum": f"{vandaag() + timedelta(days=120):%d-%m-%Y}",
        "bron": "CIZ",
        "aanbieder_agb": AANBIEDER_AGB,
    }
    rij.update(velden)
    return rij


def bouw_besluitcasus() -> Besluitcasus:
    """Organisation, catalogue and contracts, a signed plan with maatwerk actions, and every besluiten state."""
    gebied = GebiedFactory(naam="Centrum")
    gemeente = gebied.gemeente
    team = TeamFactory(gebied=gebied, naam="Gebiedsteam Centrum")
    gea = MedewerkerFactory(username="gea", first_name="Gea", last_name="de Vries", rol=Rol.GENERALIST, team=team)
    bea = MedewerkerFactory(username="bea", first_name="Bea", last_name="Bakker", rol=Rol.BACKOFFICE, team=None, gemeente=gemeente)
    # Hulp bij het huishouden goes through a verwijzing in this gemeente ("ja, tenzij"); the rest needs a beschikking.
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ,
        gemeente=gemeente,
        waarde=["wmo:01"],
        geldig_vanaf=vandaag() - timedelta(days=30),
        bron="Verordening maatschappelijke ondersteuning 2026",
    )

    # Catalogue: three maatwerk products, a contracted provider, one without quality evidence, the sociale kaart.
    begeleiding = ProductFactory(productcategorie="02", productcode="02A01", naam="Begeleiding individueel", eenheid="04", frequentie="2")
    hbh = ProductFactory(productcategorie="01", productcode="01A01", naam="Hulp bij het huishouden", eenheid="04", frequentie="2")
    dagbesteding = ProductFactory(productcategorie="07", productcode="07A01", naam="Dagbesteding", eenheid="04", frequentie="2")
    aanbieder = AanbiederFactory(naam=AANBIEDER, agb_code=AANBIEDER_AGB, plaats="Hardenberg")
    contract = ContractFactory(aanbieder=aanbieder, regio=gemeente.regio, naam="Raamovereenkomst Wmo 2026")
    for product, cent in ((begeleiding, 6000), (hbh, 3000), (dagbesteding, 4500)):
        TariefFactory(contract=contract, product=product, tarief_cent=cent)
    TariefFactory(
        contract=ContractFactory(aanbieder=AanbiederFactory(naam="Zorg Dichtbij", bewijzen=False), regio=gemeente.regio),
        product=begeleiding,
        tarief_cent=6400,
    )
    adl = Leefgebied.objects.get(code="adl")
    inloop = AlgemeneVoorzieningFactory(naam="Inloophuis De Brug", gemeente=gemeente, kosten_cent=250, kosten_toelichting="per maaltijd")
    inloop.leefgebieden.add(adl)

    # A household of two with a signed plan.
    huishouden = HuishoudenFactory(naam="Huishouden Bakker", gebied=gebied, leden=2)
    inwoner, tweede = (lid.persoon for lid in huishouden.leden_op().order_by("id"))
    plan = Ondersteuningsplan.objects.get(pk=plannen.maak_plan(gea, huishouden, toelichting="Zelfstandig blijven wonen.").pk)
    doel = plannen.voeg_doel_toe(gea, plan, _plan(plan.pk).version, leefgebied=adl, omschrijving="Zelfstandig blijven wonen")
    plannen.voeg_actie_toe(
        gea,
        doel,
        _plan(plan.pk).version,
        trede=Trede.ALGEMENE_VOORZIENING,
        omschrijving="Twee keer per week samen eten",
        uitvoerder="Inwoner zelf",
        algemene_voorziening=inloop,
        van=vandaag(),
    )

    def maatwerk(omschrijving: str, product) -> Actie:
        return plannen.voeg_actie_toe(
            gea,
            doel,
            _plan(plan.pk).version,
            trede=Trede.MAATWERK,
            omschrijving=omschrijving,
            uitvoerder=AANBIEDER,
            van=vandaag(),
            tot=vandaag() + timedelta(days=180),
            voorziening=product.naam,
            product=product,
        )

    actie_aanvraag = maatwerk("Begeleiding bij dagstructuur en post", begeleiding)
    actie_pgb = maatwerk("Begeleiding door een vaste begeleider naar keuze", begeleiding)
    actie_dagbesteding = maatwerk("Drie dagdelen dagbesteding bij de zorgboerderij", dagbesteding)
    actie_verwijzing = maatwerk("Hulp bij het schoonhouden van het huis", hbh)
    actie_verwezen = maatwerk("Hulp bij de was en de boodschappen", hbh)
    versie = plannen.leg_versie_vast(gea, _plan(plan.pk), _plan(plan.pk).version, "Eerste versie")
    plannen.onderteken(gea, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=inwoner)
    plannen.onderteken(gea, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    plan = _plan(plan.pk)
    assert plan.status == PlanStatus.ACTIEF

    def aanvraag(actie: Actie, product, leveringsvorm: str) -> Aanvraag:
        return besluitvorming.maak_aanvraag(
            gea,
            persoon=inwoner,
            product=product,
            leveringsvorm=leveringsvorm,
            omvang=3,
            eenheid=product.eenheid,
            frequentie=product.frequentie,
            ontvangen_op=vandaag() - timedelta(days=3),
            huishouden=huishouden,
            actie=actie,
        )

    open_aanvraag = aanvraag(actie_pgb, begeleiding, Leveringsvorm.PGB)
    besloten = aanvraag(actie_dagbesteding, dagbesteding, Leveringsvorm.ZIN)
    verzoek = Toekenningsverzoek(
        persoon=inwoner,
        product=dagbesteding,
        leveringsvorm=Leveringsvorm.ZIN,
        omvang=3,
        eenheid="04",
        frequentie="2",
        begindatum=vandaag(),
        einddatum=vandaag() + timedelta(days=180),
        aanbieder=aanbieder,
    )
    beschikking = besluitvorming.beslis(gea, besloten, besloten.version, besluit=Besluit.TOEKENNING, motivering=MOTIVERING, verzoek=verzoek)
    toewijzing = ToegewezenVoorziening.objects.get(beschikking=beschikking)

    verwijzing = besluitvorming.maak_verwijzing(
        gea,
        plan=plan,
        actie=actie_verwezen,
        persoon=inwoner,
        product=hbh,
        aanbieder=aanbieder,
        omvang=2,
        eenheid="04",
        frequentie="2",
        begindatum=vandaag(),
        einddatum=vandaag() + timedelta(days=180),
        hulpvraag="Wekelijks de was en de boodschappen; mevrouw kookt zelf.",
    )
    besluitvorming.onderteken_verwijzing(gea, verwijzing, inwoner_op=vandaag(), inwoner_door=inwoner.naam, generalist_op=vandaag())

    # Legal protection: a bezwaar against the beschikking, a klacht about the provider, a second opinion.
    rechtsbescherming.registreer_bezwaar(
        gea, beschikking, ontvangen_op=vandaag(), gronden="Drie dagdelen is te weinig.", route=BezwaarRoute.INFORMEEL
    )
    rechtsbescherming.registreer_klacht(
        gea,
        persoon=inwoner,
        huishouden=huishouden,
        over=KlachtOver.AANBIEDER,
        aanbieder=aanbieder,
        ontvangen_op=vandaag(),
        omschrijving="De begeleider kwam twee keer niet opdagen zonder bericht.",
    )
    rechtsbescherming.vraag_second_opinion(
        gea,
        persoon=inwoner,
        huishouden=huishouden,
        beschikking=beschikking,
        aangevraagd_op=vandaag(),
        vraag="Is dagbesteding passend of is individuele begeleiding beter?",
        uitgevoerd_door="Karin Jansen",
    )

    # The second member's existing CIZ indication, imported under the overgangsrecht (with a re-assessment).
    rapport = importeer(bea, _importbestand([_importrij(tweede.bsn)]), gemeente, bestandsnaam="indicaties-ciz.csv")
    assert rapport.ok and rapport.indicatieimport is not None, rapport.fouten
    overgangsrecht = ToegewezenVoorziening.objects.get(persoon=tweede)
    assert Herbeoordeling.objects.filter(voorziening=overgangsrecht).exists()

    # Integrale controle of this week's grants: an open rechtmatigheidstoets for each.
    toetsen = rechtmatigheid.selecteer_volledig(bea, gemeente, vandaag() - timedelta(days=7), vandaag())
    toets = next(t for t in toetsen if t.voorziening_id == toewijzing.pk)

    return Besluitcasus(
        gemeente=gemeente,
        huishouden=huishouden,
        inwoner=inwoner,
        tweede=tweede,
        plan=plan,
        actie_aanvraag=actie_aanvraag,
        actie_verwijzing=actie_verwijzing,
        open_aanvraag=Aanvraag.objects.get(pk=open_aanvraag.pk),
        besloten_aanvraag=Aanvraag.objects.get(pk=besloten.pk),
        beschikking=beschikking,
        toewijzing=toewijzing,
        verwijzing=Verwijzing.objects.get(pk=verwijzing.pk),
        overgangsrecht=overgangsrecht,
        indicatieimport=rapport.indicatieimport,
        aanbieder=aanbieder,
        contract=contract,
        toets=toets,
    )


class Controle:
    """Visit pages, run axe on each, and collect the violations per page for one report at the end."""

    def __init__(self, page) -> None:
        self.page = page
        self.gevonden: dict[str, list[dict]] = {}
        self.bezocht: list[str] = []

    def __call__(self, naam: str, url: str | None = None, kop: str | re.Pattern | None = None) -> None:
        page = self.page
        if url is not None:
            antwoord = page.goto(url)
            assert antwoord is not None and antwoord.status < 400, f"{naam}: {url} gaf {antwoord and antwoord.status}"
        if kop is not None:
            expect(page.get_by_role("heading", level=1)).to_have_text(kop)
        # Collapsed forms (bezwaar, klacht, wijzigen, intrekken, ...) are checked too.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        self.bezocht.append(naam)
        if schendingen := axe_schendingen(page):
            self.gevonden[naam] = schendingen

    def controleer_geen_schendingen(self, aantal: int) -> None:
        assert len(self.bezocht) == aantal, self.bezocht
        assert not self.gevonden, f"WCAG 2.1 A/AA-schendingen (axe-core) op {len(self.gevonden)} pagina's:{_verslag(self.gevonden)}"


def _besluiten(naam: str, *args) -> str:
    return reverse(f"besluiten:{naam}", args=args)


@pytest.mark.django_db(transaction=True)
def test_paginas_van_de_generalist_zonder_wcag_schendingen(page):
    c = bouw_besluitcasus()
    controleer = Controle(page)
    login(page, "gea", WACHTWOORD)

    controleer("werkvoorraad", reverse("toegang:werkvoorraad"), "Werkvoorraad")
    expect(page.get_by_role("heading", name=re.compile(r"^Aanvragen \(beslistermijn\): 1 open"))).to_be_visible()
    controleer("plan", reverse("plannen:plan_detail", args=[c.plan.pk]), f"Ondersteuningsplan {c.huishouden.naam}")
    controleer("huishouden (dossier)", reverse("inwoners:huishouden_detail", args=[c.huishouden.pk]), c.huishouden.naam)
    expect(page.get_by_role("heading", name="Aanvragen en voorzieningen")).to_be_visible()

    controleer(
        "aanvragen of verwijzen (beschikking)",
        _besluiten("actie_besluit", c.actie_aanvraag.pk),
        "Aanvragen of verwijzen: Begeleiding individueel",
    )
    expect(page.get_by_role("heading", name="Route: aanvraag en beschikking")).to_be_visible()
    controleer(
        "aanvragen of verwijzen (verwijzing)",
        _besluiten("actie_besluit", c.actie_verwijzing.pk),
        "Aanvragen of verwijzen: Hulp bij het huishouden",
    )
    expect(page.get_by_role("heading", name="Route: verwijzing (zonder beschikking)")).to_be_visible()

    aanvraag_kop = f"Aanvraag Begeleiding individueel – {c.inwoner.naam}"
    controleer("aanvraag (open)", _besluiten("aanvraag", c.open_aanvraag.pk), aanvraag_kop)
    besluit = page.get_by_role("form", name="Besluit vastleggen")
    besluit.get_by_role("radio", name="Toekenning", exact=True).check()
    besluit.get_by_label("Motivering").fill("Mevrouw wil een vaste begeleider die zij zelf kiest; zij kan het budget beheren.")
    expect(besluit.get_by_role("radio", name="Persoonsgebonden budget (pgb)")).to_be_checked()
    expect(besluit.get_by_text("Het pgb-tarief is ten hoogste € 60,00 per uur")).to_be_visible()
    controleer("aanvraag (besluitformulier, pgb)")
    besluit.get_by_label("Persoonlijk plan").fill("Een vaste begeleider uit het dorp, drie uur per week.")
    besluit.get_by_label("Waarom zorg in natura niet passend is").fill("Wisselende begeleiders maken mevrouw onrustig.")
    besluit.get_by_label("De inwoner is budgetvaardig").check()
    besluit.get_by_label("Pgb-tarief per uur in euro").fill("75,00")
    besluit.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("[data-kt-foutoverzicht]").first).to_contain_text("Het pgb-tarief van € 75,00 is hoger dan het maximum van € 60,00")
    assert not Beschikking.objects.filter(aanvraag=c.open_aanvraag).exists()
    controleer("aanvraag (besluit geweigerd door een regel)", None, aanvraag_kop)

    controleer(
        "aanvraag (besloten, met bezwaar)", _besluiten("aanvraag", c.besloten_aanvraag.pk), f"Aanvraag Dagbesteding – {c.inwoner.naam}"
    )
    expect(page.get_by_role("heading", name=f"Beschikking {c.beschikking.kenmerk}")).to_be_visible()
    expect(page.get_by_role("form", name="Bezwaar registreren")).to_be_visible()

    controleer(
        "toegewezen voorziening (beschikking)",
        _besluiten("voorziening", c.toewijzing.pk),
        f"Toewijzing {c.toewijzing.toewijzingnummer}: Dagbesteding",
    )
    controleer(
        "toegewezen voorziening (overgangsrecht)",
        _besluiten("voorziening", c.overgangsrecht.pk),
        f"Toewijzing {c.overgangsrecht.toewijzingnummer}: Begeleiding individueel",
    )
    controleer(
        "verwijzing (wacht op de aanbieder)",
        _besluiten("verwijzing", c.verwijzing.pk),
        f"Verwijzing {c.verwijzing.kenmerk} – {c.inwoner.naam}",
    )
    expect(page.get_by_role("form", name="Handtekeningen vastleggen")).to_be_visible()
    controleer(
        "bezwaar, klacht en second opinion",
        _besluiten("rechtsbescherming", c.huishouden.pk),
        f"Bezwaar, klacht en second opinion – {c.huishouden.naam}",
    )

    controleer("sociale kaart", reverse("aanbod:sociale_kaart"))
    expect(page.get_by_text("Inloophuis De Brug").first).to_be_visible()
    controleer("maatwerkproducten", reverse("aanbod:producten"))
    controleer("aanbieders", reverse("aanbod:aanbieders"))
    expect(page.get_by_text("Zorg Dichtbij").first).to_be_visible()
    controleer("aanbieder", reverse("aanbod:aanbieder", args=[c.aanbieder.pk]))
    controleer("contract", reverse("aanbod:contract", args=[c.contract.pk]))

    controleer.controleer_geen_schendingen(18)


@pytest.mark.django_db(transaction=True)
def test_paginas_van_de_backoffice_zonder_wcag_schendingen(page, settings, tmp_path):
    settings.OVERGANGSRECHT_UPLOAD_DIR = tmp_path / "overgangsrecht"
    c = bouw_besluitcasus()
    controleer = Controle(page)
    login(page, "bea", WACHTWOORD)

    controleer("werkvoorraad (backoffice)", reverse("toegang:werkvoorraad"), "Werkvoorraad")
    controleer("rechtmatigheidstoetsen", _besluiten("rechtmatigheid"))
    expect(page.get_by_text(str(c.toewijzing.toewijzingnummer)).first).to_be_visible()
    controleer("rechtmatigheidstoets", _besluiten("rechtmatigheid_toets", c.toets.pk))

    controleer("indicaties importeren", _besluiten("import"), "Indicaties importeren (overgangsrecht)")
    fout = _importbestand(
        [
            _importrij(c.inwoner.bsn, productcategorie="01", productcode="01A01"),
            _importrij(c.tweede.bsn, productcode="02A01", aanbieder_agb="12345678"),
        ]
    )
    page.get_by_label("Bestand met indicaties").set_input_files({"name": "indicaties-fout.csv", "mimeType": "text/csv", "buffer": fout})
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controle van indicaties-fout.csv")
    expect(page.get_by_role("heading", level=2, name="Fouten per rij")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Fouten per rij")).to_contain_text("geen aanbieder met AGB-code 12345678")
    controleer("importcontrole met fouten")
    assert Indicatieimport.objects.count() == 1

    controleer("importresultaat", _besluiten("import_resultaat", c.indicatieimport.pk))
    controleer("herbeoordelingen", _besluiten("herbeoordelingen"))
    cohort = Herbeoordeling.objects.get(voorziening=c.overgangsrecht).cohort
    controleer("herbeoordelingen van een kwartaal", f"{_besluiten('herbeoordelingen')}?cohort={cohort}")
    expect(page.get_by_text(c.tweede.naam).first).to_be_visible()

    controleer.controleer_geen_schendingen(8)
