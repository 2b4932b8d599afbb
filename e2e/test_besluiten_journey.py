"""From plan action to grant in the browser (issue 3 "Aanbod en besluiten").

Seed Hardenberg / BAR: the pgb may not cost more than the cheapest adequate care in kind. A household with
a signed plan holds two maatwerk actions: begeleiding individueel (Wmo 02, hours per week) and hulp bij het
huishouden (Wmo 01). National policy sends both through aanvraag → beschikking. The generalist grants
begeleiding in kind at the contracted provider and downloads the letter; for the household help the
resident asks a pgb, and a tariff above the cheapest ZIN tariff is refused with the rule's own words
before a correct one is granted. Finally the resident objects to the first beschikking.

The starting state (organisation, catalogue, contract, signed plan) is built with factories and services;
everything from the plan onwards goes through the UI.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as datumfilter
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import download_bytes, login, pdf_tekst
from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.besluiten.models import Aanvraag, Beschikking, Bezwaar, Leveringsvorm, Pgbtoekenning, ToegewezenVoorziening, Verwijzing
from keukentafel.besluiten.services import vandaag
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import OndertekenaarRol, Ondertekenmethode, PlanStatus, Trede
from keukentafel.testing.factories import (
    WACHTWOORD,
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    ProductFactory,
    TariefFactory,
    TeamFactory,
)

AANBIEDER = "Thuiszorg De Linde"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEGELEIDING = "Begeleiding individueel"
HBH = "Hulp bij het huishouden"


def _axe(page, pagina: str) -> None:
    """WCAG 2.1 A/AA with axe-core (served by the app, same origin as the CSP wants) on the page as it is now."""
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    schendingen = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => `${v.id}: ${v.help} – ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`);
        }""",
        AXE_TAGS,
    )
    assert not schendingen, f"{pagina}: " + "; ".join(schendingen)


def _beginsituatie():
    """A household with an active (signed) plan holding two maatwerk actions, and a provider contracted for both."""
    gebied = GebiedFactory(naam="Centrum")
    team = TeamFactory(gebied=gebied, naam="Gebiedsteam Centrum")
    gea = MedewerkerFactory(username="gea", first_name="Gea", last_name="de Vries", rol=Rol.GENERALIST, team=team)
    huishouden = HuishoudenFactory(naam="Huishouden Bakker", gebied=gebied, leden=1)
    inwoner = huishouden.leden_op().get().persoon
    begeleiding = ProductFactory(productcategorie="02", productcode="02A01", naam=BEGELEIDING, eenheid="04", frequentie="2")
    hbh = ProductFactory(productcategorie="01", productcode="01A01", naam=HBH, eenheid="04", frequentie="2")
    contract = ContractFactory(aanbieder=AanbiederFactory(naam=AANBIEDER, plaats="Hardenberg"), regio=huishouden.gemeente.regio)
    TariefFactory(contract=contract, product=begeleiding, tarief_cent=6000)
    TariefFactory(contract=contract, product=hbh, tarief_cent=3000)

    plan = OndersteuningsplanFactory(huishouden=huishouden, regisseur=gea)
    doel = plannen.voeg_doel_toe(
        gea, plan, plan.version, leefgebied=Leefgebied.objects.get(code="adl"), omschrijving="Zelfstandig blijven wonen"
    )
    acties = [
        plannen.voeg_actie_toe(
            gea,
            doel,
            plan.version,
            trede=Trede.MAATWERK,
            omschrijving=omschrijving,
            uitvoerder=AANBIEDER,
            van=vandaag(),
            tot=vandaag() + timedelta(days=180),
            voorziening=product.naam,
            product=product,
        )
        for omschrijving, product in (
            ("Begeleiding bij dagstructuur en post", begeleiding),
            ("Hulp bij het schoonhouden van het huis", hbh),
        )
    ]
    versie = plannen.leg_versie_vast(gea, plan, plan.version, "Eerste versie")
    plannen.onderteken(gea, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, persoon=inwoner)
    plannen.onderteken(gea, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIEF
    return plan, acties, inwoner


def _naar_actie(page, plan, actie) -> None:
    """From the plan page, follow the action's "Aanvragen of verwijzen" link."""
    page.goto(reverse("plannen:plan_detail", args=[plan.pk]))
    page.get_by_role("link", name=re.compile(rf"^Aanvragen of verwijzen\s*: {re.escape(actie.voorziening)}$")).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("besluiten:actie_besluit", args=[actie.pk])) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Aanvragen of verwijzen: {actie.product.naam}")


def _aanvraag_registreren(page, omvang: int, leveringsvorm: str) -> Aanvraag:
    expect(page.get_by_role("heading", name="Route: aanvraag en beschikking")).to_be_visible()
    form = page.get_by_role("form", name="Aanvraag registreren")
    form.get_by_label("Gevraagde omvang").fill(str(omvang))
    form.get_by_label("Gevraagde leveringsvorm").select_option(label=leveringsvorm)
    form.get_by_role("button", name="Aanvraag registreren").click()
    uiterlijk = (vandaag() + timedelta(days=14)).strftime("%d-%m-%Y")
    expect(page.get_by_role("status").filter(has_text=f"De aanvraag is geregistreerd. Beslis uiterlijk op {uiterlijk}.")).to_be_visible()
    pk = int(re.search(r"/besluiten/aanvragen/(\d+)/$", page.url).group(1))
    expect(page.get_by_text("nog 14 dagen")).to_be_visible()
    return Aanvraag.objects.get(pk=pk)


@pytest.mark.django_db(transaction=True)
def test_van_plan_naar_beschikking_zin_en_pgb_met_bezwaar(page):
    plan, (actie_begeleiding, actie_hbh), inwoner = _beginsituatie()
    login(page, "gea", WACHTWOORD)

    # ---------------------------------------------------------------------------------------------
    # 1. Begeleiding: aanvraag, toekenning in natura at the contracted provider, the letter
    # ---------------------------------------------------------------------------------------------
    _naar_actie(page, plan, actie_begeleiding)
    _axe(page, "aanvragen of verwijzen")
    aanvraag_1 = _aanvraag_registreren(page, 4, "Zorg in natura (ZIN)")

    besluit = page.get_by_role("form", name="Besluit vastleggen")
    expect(besluit.get_by_label("Leveringsvorm")).to_be_hidden()  # the grant part opens once a grant is chosen
    besluit.get_by_role("radio", name="Toekenning", exact=True).check()
    besluit.get_by_label("Motivering").fill("Mevrouw heeft hulp nodig om haar dag te structureren; het netwerk kan dat niet bieden.")
    expect(besluit.get_by_role("radio", name="Zorg in natura (ZIN)")).to_be_checked()
    besluit.get_by_label("Aanbieder").select_option(label=f"{AANBIEDER} (€ 60,00 per uur)")
    expect(besluit.get_by_label("Pgb-tarief per uur in euro")).to_be_hidden()
    _axe(page, "aanvraag met besluitformulier")
    besluit.get_by_role("button", name="Besluit vastleggen").click()

    beschikking_1 = Beschikking.objects.get(aanvraag=aanvraag_1)
    expect(page.get_by_role("status").filter(has_text=f"Het besluit is vastgelegd in beschikking {beschikking_1.kenmerk}.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Beschikking {beschikking_1.kenmerk}")).to_be_visible()
    toewijzing_1 = ToegewezenVoorziening.objects.get(beschikking=beschikking_1)
    tabel = page.get_by_role("table", name="Toegekend met deze beschikking")
    expect(tabel).to_contain_text(f"Nr. {toewijzing_1.toewijzingnummer}")
    expect(tabel).to_contain_text(AANBIEDER)
    _axe(page, "aanvraag met beschikking")

    brief, naam = download_bytes(page, page.get_by_role("link", name=f"Beschikking {beschikking_1.kenmerk} downloaden (PDF)"))
    assert brief.startswith(b"%PDF") and naam == f"beschikking-{beschikking_1.kenmerk}.pdf" and inwoner.bsn not in naam
    tekst = pdf_tekst(brief)
    if tekst is not None:
        assert beschikking_1.kenmerk in tekst and BEGELEIDING in tekst and AANBIEDER in tekst and "4 × uur per week" in tekst
        assert "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken." in tekst
        assert f"uiterlijk op {datumfilter(beschikking_1.einde_bezwaartermijn, 'j F Y')} binnen" in tekst
        assert inwoner.bsn not in tekst
    assert AuditRecord.objects.filter(actie=AuditActie.EXPORT, object_type="Beschikking", object_id=str(beschikking_1.pk)).exists()

    # ---------------------------------------------------------------------------------------------
    # 2. Hulp bij het huishouden as a pgb: a tariff above the cheapest ZIN tariff is refused, then corrected
    # ---------------------------------------------------------------------------------------------
    _naar_actie(page, plan, actie_hbh)
    aanvraag_2 = _aanvraag_registreren(page, 3, "Persoonsgebonden budget (pgb)")

    besluit = page.get_by_role("form", name="Besluit vastleggen")
    besluit.get_by_role("radio", name="Toekenning", exact=True).check()
    besluit.get_by_label("Motivering").fill("Mevrouw wil de hulp van een vaste hulp die zij zelf kiest; zij kan het budget beheren.")
    expect(besluit.get_by_role("radio", name="Persoonsgebonden budget (pgb)")).to_be_checked()
    expect(besluit.get_by_label("Aanbieder")).to_be_hidden()
    expect(besluit.get_by_text("Het pgb-tarief is ten hoogste € 30,00 per uur")).to_be_visible()
    besluit.get_by_label("Persoonlijk plan").fill("Een vaste huishoudelijke hulp via een zzp'er uit het dorp, drie uur per week.")
    besluit.get_by_label("Waarom zorg in natura niet passend is").fill("Wisselende hulpen maken mevrouw onrustig.")
    besluit.get_by_label("De inwoner is budgetvaardig").check()
    besluit.get_by_label("Pgb-tarief per uur in euro").fill("35,00")
    besluit.get_by_role("button", name="Besluit vastleggen").click()

    fouten = page.locator("[data-kt-foutoverzicht]").first
    expect(fouten).to_contain_text("Het pgb-tarief van € 35,00 is hoger dan het maximum van € 30,00")
    _axe(page, "besluit met regelovertreding")
    assert not Beschikking.objects.filter(aanvraag=aanvraag_2).exists()
    besluit = page.get_by_role("form", name="Besluit vastleggen")
    expect(besluit.get_by_label("Pgb-tarief per uur in euro")).to_have_value("35,00")  # nothing typed is lost
    expect(besluit.get_by_label("Persoonlijk plan")).to_have_value(re.compile("vaste huishoudelijke hulp"))
    expect(besluit.get_by_role("radio", name="Toekenning", exact=True)).to_be_checked()
    fouten.get_by_role("link", name=re.compile("hoger dan het maximum")).click()
    expect(besluit.get_by_label("Pgb-tarief per uur in euro")).to_be_focused()
    besluit.get_by_label("Pgb-tarief per uur in euro").fill("28,50")
    besluit.get_by_role("button", name="Besluit vastleggen").click()

    beschikking_2 = Beschikking.objects.get(aanvraag=aanvraag_2)
    expect(page.get_by_role("status").filter(has_text=f"beschikking {beschikking_2.kenmerk}")).to_be_visible()
    pgb = Pgbtoekenning.objects.get(voorziening__beschikking=beschikking_2)
    assert pgb.pgb_tarief_cent == 2850 and pgb.maximum_tarief_cent == 3000 and pgb.voorziening.leveringsvorm == Leveringsvorm.PGB
    expect(page.get_by_role("table", name="Toegekend met deze beschikking")).to_contain_text("Budgethouder kiest zelf")

    # ---------------------------------------------------------------------------------------------
    # 3. The resident objects to the first beschikking
    # ---------------------------------------------------------------------------------------------
    page.get_by_role("navigation", name="Dossier").get_by_role("link", name="Bezwaar, klacht en second opinion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar, klacht en second opinion – Huishouden Bakker")
    page.locator("summary", has_text="Bezwaar registreren").click()  # opens the details
    bezwaar = page.get_by_role("form", name="Bezwaar registreren")
    bezwaar.get_by_label("Beschikking").select_option(
        label=f"{beschikking_1.kenmerk}: toekenning {BEGELEIDING} ({beschikking_1.datum_afgifte:%d-%m-%Y})"
    )
    bezwaar.get_by_label("Gronden van het bezwaar").fill("Vier uur per week is te weinig voor de dagstructuur.")
    bezwaar.get_by_role("button", name="Bezwaar registreren").click()
    expect(
        page.get_by_role("status").filter(has_text=f"Het bezwaar tegen {beschikking_1.kenmerk} is geregistreerd (tijdig).")
    ).to_be_visible()
    rij = page.get_by_role("table", name="Bezwaren tegen beschikkingen van Huishouden Bakker").get_by_role("row").nth(1)
    expect(rij).to_contain_text(beschikking_1.kenmerk)
    expect(rij).to_contain_text("Vier uur per week is te weinig")
    expect(rij).to_contain_text("Tijdig")
    _axe(page, "bezwaar, klacht en second opinion")

    # the grant's own page: history and the lifecycle forms
    page.goto(reverse("besluiten:voorziening", args=[toewijzing_1.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toewijzing {toewijzing_1.toewijzingnummer}: {BEGELEIDING}")
    expect(page.get_by_role("table", name=f"Mutaties van toewijzing {toewijzing_1.toewijzingnummer}")).to_contain_text("Toegekend")
    _axe(page, "toegewezen voorziening")
    assert Bezwaar.objects.get().beschikking_id == beschikking_1.pk


@pytest.mark.django_db(transaction=True)
def test_verwijzing_ja_tenzij_wordt_toewijzing_na_drie_handtekeningen(page):
    plan, (_, actie_hbh), inwoner = _beginsituatie()
    gemeente = plan.huishouden.gemeente
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ,
        gemeente=gemeente,
        waarde=["wmo:01"],
        geldig_vanaf=vandaag() - timedelta(days=30),
        bron="Verordening 2026",
    )
    login(page, "gea", WACHTWOORD)
    _naar_actie(page, plan, actie_hbh)
    expect(page.get_by_role("heading", name="Route: verwijzing (zonder beschikking)")).to_be_visible()
    expect(page.locator("summary", has_text="Aanvraag registreren")).to_be_visible()  # the resident may still ask a beschikking
    _axe(page, "verwijzen")

    form = page.get_by_role("form", name="Verwijzing opstellen")
    form.get_by_label("Aanbieder").select_option(label=f"{AANBIEDER} (€ 30,00 per uur)")
    form.get_by_label("Omvang").fill("2")
    expect(form.get_by_label("Eenheid")).to_have_value("04")  # from the product
    form.get_by_label("Hulpvraag en afspraken").fill("Schoonhouden van keuken en badkamer; mevrouw doet zelf de was.")
    form.get_by_role("button", name="Verwijzing opstellen").click()
    verwijzing = Verwijzing.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verwijzing {verwijzing.kenmerk} – {inwoner.naam}")

    brief, naam = download_bytes(page, page.get_by_role("link", name=f"Verwijsbrief {verwijzing.kenmerk} downloaden (PDF)"))
    assert brief.startswith(b"%PDF") and naam == f"verwijsbrief-{verwijzing.kenmerk}.pdf"
    tekst = pdf_tekst(brief)
    if tekst is not None:
        assert "Schoonhouden van keuken en badkamer" in tekst and AANBIEDER in tekst and "Handtekening" in tekst

    teken = page.get_by_role("form", name="Handtekeningen vastleggen")
    teken.get_by_label("Inwoner tekende op").fill(vandaag().isoformat())
    teken.get_by_label("Generalist tekende op").fill(vandaag().isoformat())
    teken.get_by_role("button", name="Handtekeningen vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="wacht nog op de andere handtekeningen")).to_be_visible()
    assert not ToegewezenVoorziening.objects.exists()
    _axe(page, "verwijzing half getekend")

    teken = page.get_by_role("form", name="Handtekeningen vastleggen")
    expect(teken.get_by_label("Inwoner tekende op")).to_have_count(0)
    teken.get_by_label("Aanbieder tekende op").fill(vandaag().isoformat())
    teken.get_by_label("Naam namens de aanbieder").fill("P. Linde")
    teken.get_by_role("button", name="Handtekeningen vastleggen").click()
    v = ToegewezenVoorziening.objects.get(verwijzing=verwijzing)
    expect(page.get_by_role("status").filter(has_text=f"toewijzingnummer {v.toewijzingnummer}")).to_be_visible()
    page.get_by_role("link", name=f"toewijzing nr. {v.toewijzingnummer}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Toewijzing {v.toewijzingnummer}: {HBH}")
    expect(page.get_by_role("link", name=f"verwijzing {verwijzing.kenmerk}")).to_be_visible()
