"""The generalist's besluiten pages through the HTTP client: routes, decisions, letters, locking, access and audit."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.db.models import F
from django.template import Context, Template
from django.template.defaultfilters import date as datumfilter
from django.urls import reverse

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.besluiten import besluitvorming
from keukentafel.besluiten.forms import EuroVeld
from keukentafel.besluiten.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Besluit,
    Bezwaar,
    BezwaarUitkomst,
    Klacht,
    Leveringsvorm,
    MutatieSoort,
    Pgbtoekenning,
    SecondOpinion,
    ToegewezenVoorziening,
    Verwijzing,
    VoorzieningStatus,
)
from keukentafel.besluiten.regels import Toekenningsverzoek
from keukentafel.besluiten.services import vandaag
from keukentafel.inwoners.models import Huishoudlid, Persoon
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Actie, Trede
from keukentafel.testing.factories import (
    AanbiederFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    ProductFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db

MOTIVERING = "Begeleiding is nodig om de dag te structureren en zelfstandig te blijven wonen."


def url(naam: str, *args) -> str:
    return reverse(f"besluiten:{naam}", args=args)


def pdf_tekst(data: bytes) -> str:
    """The text of a PDF via pdftotext (poppler-utils), whitespace collapsed."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd")
    uit = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True, timeout=30)  # noqa: S603
    return " ".join(uit.stdout.decode("utf-8").split())


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def huishouden(db):
    return HuishoudenFactory(leden=2)


@pytest.fixture
def gemeente(huishouden):
    return huishouden.gemeente


@pytest.fixture
def inwoner(huishouden):
    return huishouden.leden_op().order_by("id").first().persoon


@pytest.fixture
def generalist(huishouden):
    return MedewerkerFactory(team__gebied=huishouden.gebied, rol=Rol.GENERALIST, first_name="Gea", last_name="Generalist")


@pytest.fixture
def buitenstaander(db):
    """A generalist of another gebied: no need-to-know for this household."""
    return MedewerkerFactory(rol=Rol.GENERALIST)


@pytest.fixture
def product(db):
    return ProductFactory(naam="Begeleiding individueel")


@pytest.fixture
def aanbieder(product, gemeente):
    """Contracted for the product at € 54,00 per hour."""
    return TariefFactory(product=product, contract__regio=gemeente.regio, contract__aanbieder__naam="Zorg Dichtbij").contract.aanbieder


@pytest.fixture
def plan(huishouden, generalist):
    return OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)


@pytest.fixture
def actie(plan, generalist, product):
    doel = plannen.voeg_doel_toe(
        generalist, plan, plan.version, leefgebied=Leefgebied.objects.get(code="adl"), omschrijving="Zelfstandig wonen"
    )
    actie = plannen.voeg_actie_toe(
        generalist,
        doel,
        plan.version,
        trede=Trede.MAATWERK,
        omschrijving="Hulp bij structuur in de week",
        uitvoerder="Aanbieder",
        van=vandaag(),
        voorziening=product.naam,
        product=product,
    )
    return Actie.objects.select_related("product", "doel__plan").get(pk=actie.pk)


@pytest.fixture
def aanvraag(generalist, inwoner, huishouden, product, actie, aanbieder):
    return besluitvorming.maak_aanvraag(
        generalist,
        persoon=inwoner,
        product=product,
        leveringsvorm=Leveringsvorm.ZIN,
        omvang=4,
        eenheid=product.eenheid,
        frequentie="2",
        ontvangen_op=vandaag() - timedelta(days=3),
        huishouden=huishouden,
        actie=actie,
    )


@pytest.fixture
def ingelogd(client, generalist):
    client.force_login(generalist)
    return client


def besluit_data(aanvraag, **extra) -> dict:
    data = {
        "formulier": "besluit",
        "besluit-version": aanvraag.version,
        "besluit-besluit": Besluit.TOEKENNING,
        "besluit-motivering": MOTIVERING,
        "besluit-grondslag": "",
        "besluit-leveringsvorm": Leveringsvorm.ZIN,
        "besluit-aanbieder": "",
        "besluit-omvang": aanvraag.omvang,
        "besluit-frequentie": aanvraag.frequentie,
        "besluit-begindatum": vandaag().isoformat(),
        "besluit-einddatum": (vandaag() + timedelta(days=180)).isoformat(),
    }
    data.update({f"besluit-{k}": v for k, v in extra.items()})
    return data


def toegekend(generalist, aanvraag, aanbieder) -> Beschikking:
    verzoek = Toekenningsverzoek(
        persoon=aanvraag.persoon,
        product=aanvraag.product,
        leveringsvorm=Leveringsvorm.ZIN,
        omvang=4,
        eenheid=aanvraag.eenheid,
        frequentie="2",
        begindatum=vandaag(),
        einddatum=vandaag() + timedelta(days=180),
        aanbieder=aanbieder,
    )
    return besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering=MOTIVERING, verzoek=verzoek)


def leesrecords(medewerker, huishouden):
    return AuditRecord.objects.filter(medewerker=medewerker, huishouden_id=huishouden.pk, actie=AuditActie.LEZEN)


# --- access and audit --------------------------------------------------------------------------------


def test_buiten_eigen_gebied_zonder_reden_geen_toegang_en_geen_wijziging(client, buitenstaander, actie, aanvraag, huishouden):
    client.force_login(buitenstaander)
    for pagina in (url("actie_besluit", actie.pk), url("aanvraag", aanvraag.pk), url("rechtsbescherming", huishouden.pk)):
        r = client.get(pagina)
        assert r.status_code == 302 and r["Location"].startswith(reverse("inwoners:noodtoegang", args=[huishouden.pk]))
    r = client.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag))
    assert r.status_code == 403
    assert not Beschikking.objects.exists()
    assert AuditRecord.objects.filter(medewerker=buitenstaander, actie=AuditActie.GEWEIGERD).count() == 4
    assert not leesrecords(buitenstaander, huishouden).exists()


def test_elke_pagina_van_het_dossier_legt_de_inzage_vast(ingelogd, generalist, huishouden, actie, aanvraag):
    for pagina in (url("actie_besluit", actie.pk), url("aanvraag", aanvraag.pk), url("rechtsbescherming", huishouden.pk)):
        assert ingelogd.get(pagina).status_code == 200
    omschrijvingen = list(leesrecords(generalist, huishouden).values_list("omschrijving", flat=True))
    assert len(omschrijvingen) == 3
    assert any("Aanvraag Begeleiding individueel" in o for o in omschrijvingen)
    assert all(huishouden.leden_op().first().persoon.bsn not in o for o in omschrijvingen)


def test_beleidsrol_krijgt_geen_dossier(client, aanvraag):
    client.force_login(MedewerkerFactory(rol=Rol.BELEID))
    assert client.get(url("aanvraag", aanvraag.pk)).status_code == 403


# --- route from the plan action ----------------------------------------------------------------------


def test_landelijk_beleid_geeft_route_aanvraag_en_de_aanvraag_start_de_termijn(ingelogd, actie, inwoner, aanbieder):
    r = ingelogd.get(url("actie_besluit", actie.pk))
    html = r.content.decode()
    assert "Route: aanvraag en beschikking" in html and "Verwijzing opstellen" not in html
    assert "Zorg Dichtbij" in html and "€ 54,00" in html
    r = ingelogd.post(
        url("actie_besluit", actie.pk),
        {
            "formulier": "aanvraag",
            "aanvraag-persoon": inwoner.pk,
            "aanvraag-leveringsvorm": Leveringsvorm.ZIN,
            "aanvraag-omvang": 3,
            "aanvraag-frequentie": "2",
            "aanvraag-ontvangen_op": (vandaag() - timedelta(days=20)).isoformat(),
            "aanvraag-toelichting": "",
        },
    )
    aanvraag = Aanvraag.objects.get(actie=actie)
    assert r.status_code == 302 and r["Location"] == url("aanvraag", aanvraag.pk)
    assert aanvraag.eenheid == actie.product.eenheid and aanvraag.plan_id == actie.doel.plan_id
    html = ingelogd.get(url("aanvraag", aanvraag.pk)).content.decode()
    assert "Verlopen: 6 dagen over de termijn" in html  # 20 days ago, two-week term


def test_actie_zonder_product_of_niet_maatwerk_biedt_geen_formulier(ingelogd, actie, plan):
    Actie.objects.filter(pk=actie.pk).update(product=None)
    html = ingelogd.get(url("actie_besluit", actie.pk)).content.decode()
    assert "nog geen maatwerkproduct gekozen" in html and "Aanvraag registreren" not in html
    Actie.objects.filter(pk=actie.pk).update(trede=Trede.ALGEMENE_VOORZIENING)
    html = ingelogd.get(url("actie_besluit", actie.pk)).content.decode()
    assert besluitvorming.GEEN_MAATWERK_ALGEMEEN in html
    r = ingelogd.post(url("actie_besluit", actie.pk), {"formulier": "aanvraag"})
    assert r.status_code == 409 and not Aanvraag.objects.exists()


def test_indicatievrij_verwijzing_met_drie_handtekeningen_geeft_toewijzing(ingelogd, actie, inwoner, aanbieder, gemeente, product):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ, gemeente=gemeente, waarde=["wmo:02"], geldig_vanaf=date(2015, 1, 1), bron="Test"
    )
    niet_gecontracteerd = AanbiederFactory(naam="Geen Contract BV")
    r = ingelogd.get(url("actie_besluit", actie.pk))
    form = r.context["verwijzing_form"]
    assert list(form.fields["aanbieder"].queryset) == [aanbieder]
    assert form["eenheid"].initial == product.eenheid
    html = r.content.decode()
    assert "De inwoner wil een beschikking" in html and niet_gecontracteerd.naam not in html

    # a formal aanvraag on this route needs the resident's explicit wish
    r = ingelogd.post(
        url("actie_besluit", actie.pk),
        {
            "formulier": "aanvraag",
            "aanvraag-persoon": inwoner.pk,
            "aanvraag-leveringsvorm": "zin",
            "aanvraag-omvang": 2,
            "aanvraag-frequentie": "2",
            "aanvraag-ontvangen_op": vandaag().isoformat(),
        },
    )
    assert r.status_code == 200 and "stel een verwijzing op" in r.content.decode() and not Aanvraag.objects.exists()

    r = ingelogd.post(
        url("actie_besluit", actie.pk),
        {
            "formulier": "verwijzing",
            "verwijzing-persoon": inwoner.pk,
            "verwijzing-aanbieder": aanbieder.pk,
            "verwijzing-omvang": 3,
            "verwijzing-eenheid": product.eenheid,
            "verwijzing-frequentie": "2",
            "verwijzing-begindatum": vandaag().isoformat(),
            "verwijzing-einddatum": (vandaag() + timedelta(days=90)).isoformat(),
            "verwijzing-hulpvraag": "Structuur in de week; start met 3 uur.",
        },
    )
    verwijzing = Verwijzing.objects.get()
    assert r.status_code == 302 and r["Location"] == url("verwijzing", verwijzing.pk)

    pagina = url("verwijzing", verwijzing.pk)
    r = ingelogd.post(pagina, {"formulier": "intrekken", "intrekken-reden": "kort"})
    assert r.status_code == 200 and "minstens 10 tekens" in r.content.decode()
    r = ingelogd.post(pagina, {"formulier": "ondertekenen", "teken-inwoner_op": vandaag().isoformat(), "teken-inwoner_door": inwoner.naam})
    assert r.status_code == 302 and not ToegewezenVoorziening.objects.exists()
    r = ingelogd.get(pagina)
    assert "inwoner_op" not in r.context["form"].fields  # a signature once given is not asked again
    r = ingelogd.post(
        pagina,
        {
            "formulier": "ondertekenen",
            "teken-generalist_op": vandaag().isoformat(),
            "teken-aanbieder_op": vandaag().isoformat(),
            "teken-aanbieder_door": "J. de Zorg",
        },
    )
    v = ToegewezenVoorziening.objects.get()
    assert v.verwijzing_id == verwijzing.pk and v.aanbieder == aanbieder and v.omvang == 3
    html = ingelogd.get(pagina).content.decode()
    assert f"toewijzing nr. {v.toewijzingnummer}" in html

    r = ingelogd.get(url("verwijzing_pdf", verwijzing.pk))
    assert r.content.startswith(b"%PDF") and inwoner.bsn not in r["Content-Disposition"]
    tekst = pdf_tekst(r.content)
    assert "Structuur in de week" in tekst and "J. de Zorg" in tekst and verwijzing.kenmerk in tekst


# --- besluit, beschikking letter ---------------------------------------------------------------------


def test_toekenning_zin_geeft_beschikking_toewijzing_en_brief_met_bezwaarclausule(ingelogd, generalist, aanvraag, aanbieder, inwoner):
    r = ingelogd.get(url("aanvraag", aanvraag.pk))
    assert "Zorg Dichtbij (€ 54,00 per uur)" in r.content.decode()
    r = ingelogd.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag, aanbieder=aanbieder.pk))
    assert r.status_code == 302 and r["Location"].endswith("#beschikking")
    beschikking = Beschikking.objects.get(aanvraag=aanvraag)
    v = ToegewezenVoorziening.objects.get(beschikking=beschikking)
    assert v.aanbieder == aanbieder and v.tarief_cent == 5400
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BESLOTEN

    html = ingelogd.get(url("aanvraag", aanvraag.pk)).content.decode()
    assert f"Beschikking {beschikking.kenmerk}" in html and url("beschikking_pdf", beschikking.pk) in html
    assert f"Nr. {v.toewijzingnummer}" in html and "Bezwaar registreren" in html and "Besluit vastleggen" not in html

    r = ingelogd.get(url("beschikking_pdf", beschikking.pk))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert r["Content-Disposition"] == f'attachment; filename="beschikking-{beschikking.kenmerk}.pdf"'
    tekst = pdf_tekst(r.content)
    assert beschikking.kenmerk in tekst and "Begeleiding individueel" in tekst and "Zorg Dichtbij" in tekst and MOTIVERING in tekst
    assert "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken." in tekst
    assert f"uiterlijk op {datumfilter(beschikking.einde_bezwaartermijn, 'j F Y')} binnen" in tekst
    assert inwoner.bsn not in tekst and inwoner.naam in tekst
    export = AuditRecord.objects.get(actie=AuditActie.EXPORT, object_type="Beschikking")
    assert export.medewerker == generalist and export.huishouden_id == aanvraag.huishouden_id


def test_regelovertreding_toont_de_regel_en_bewaart_de_invoer(ingelogd, aanvraag, aanbieder):
    Aanvraag.objects.filter(pk=aanvraag.pk).update(leveringsvorm=Leveringsvorm.PGB)
    aanvraag.refresh_from_db()
    pgb = {
        "leveringsvorm": Leveringsvorm.PGB,
        "persoonlijk_plan": "Mijn buurvrouw-begeleider via een zzp'er",
        "motivering_geen_zin": "Vaste persoon nodig",
        "budgetvaardig": "on",
        "pgb_tarief": "60,00",
    }
    r = ingelogd.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag, **pgb))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Het pgb-tarief van € 60,00 is hoger dan het maximum van € 54,00" in html
    assert 'href="#id_besluit-pgb_tarief"' in html  # the error summary links to the field
    assert 'value="60,00"' in html and "Mijn buurvrouw-begeleider" in html and MOTIVERING in html
    assert not Beschikking.objects.exists() and not ToegewezenVoorziening.objects.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN

    r = ingelogd.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag, **{**pgb, "pgb_tarief": "52,50"}))
    assert r.status_code == 302
    p = Pgbtoekenning.objects.get()
    assert p.pgb_tarief_cent == 5250 and p.voorziening.aanbieder is None


def test_verouderde_versie_geeft_conflict_met_invoer_en_nieuwe_versie(ingelogd, aanvraag, aanbieder):
    data = besluit_data(aanvraag, aanbieder=aanbieder.pk, motivering="Mijn eigen motivering die niet verloren mag gaan.")
    Aanvraag.objects.filter(pk=aanvraag.pk).update(version=F("version") + 1)  # someone else saved in between
    r = ingelogd.post(url("aanvraag", aanvraag.pk), data)
    assert r.status_code == 409
    html = r.content.decode()
    assert "intussen door iemand anders gewijzigd" in html and "Mijn eigen motivering die niet verloren mag gaan." in html
    assert r.context["besluit_form"]["version"].value() == str(aanvraag.version + 1)
    assert not Beschikking.objects.exists()


def test_afwijzing_vraagt_motivering_en_maakt_geen_toewijzing(ingelogd, aanvraag):
    r = ingelogd.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag, besluit=Besluit.AFWIJZING, motivering="Nee."))
    assert r.status_code == 200 and "Leg in de motivering uit waarom niet" in r.content.decode()
    r = ingelogd.post(
        url("aanvraag", aanvraag.pk),
        besluit_data(
            aanvraag, besluit=Besluit.AFWIJZING, motivering="Het netwerk kan de begeleiding bieden, zie het onderzoek.", leveringsvorm=""
        ),
    )
    assert r.status_code == 302
    assert Beschikking.objects.get().besluit == Besluit.AFWIJZING and not ToegewezenVoorziening.objects.exists()


def test_toekenning_zonder_aanbieder_wordt_door_het_formulier_geweigerd(ingelogd, aanvraag):
    r = ingelogd.post(url("aanvraag", aanvraag.pk), besluit_data(aanvraag))
    assert r.status_code == 200 and "Kies een gecontracteerde aanbieder." in r.content.decode()


def test_aanvraag_intrekken(ingelogd, aanvraag):
    r = ingelogd.post(
        url("aanvraag", aanvraag.pk),
        {"formulier": "intrekken", "intrekken-version": aanvraag.version, "intrekken-reden": "Geen hulp meer nodig"},
    )
    assert r.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGETROKKEN


# --- the grant: wijzigen, intrekken, beëindigen -------------------------------------------------------


def test_voorziening_wijzigen_en_beeindigen_met_historie_en_conflict(ingelogd, generalist, aanvraag, aanbieder):
    v = ToegewezenVoorziening.objects.get(beschikking=toegekend(generalist, aanvraag, aanbieder))
    pagina = url("voorziening", v.pk)
    r = ingelogd.get(pagina)
    assert r.status_code == 200
    keuzes = dict(r.context["wijzigen_form"].fields["reden_wijziging"].choices)
    assert "01" not in keuzes and "05" in keuzes
    assert set(dict(r.context["beeindigen_form"].fields["reden_beeindiging"].choices)) >= {"19", "23"}

    r = ingelogd.post(
        pagina,
        {
            "formulier": "wijzigen",
            "wijzigen-version": v.version,
            "wijzigen-omvang": 6,
            "wijzigen-einddatum": v.einddatum.isoformat(),
            "wijzigen-reden_wijziging": "04",
            "wijzigen-toelichting": "Meer uren nodig na evaluatie",
        },
    )
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.omvang == 6 and v.version == 2

    # a second tab still holds version 1
    r = ingelogd.post(
        pagina,
        {"formulier": "beeindigen", "beeindigen-version": 1, "beeindigen-reden_beeindiging": "19", "beeindigen-per": vandaag().isoformat()},
    )
    assert r.status_code == 409 and "intussen door iemand anders gewijzigd" in r.content.decode()
    assert r.context["beeindigen_form"]["version"].value() == "2"
    r = ingelogd.post(
        pagina,
        {"formulier": "beeindigen", "beeindigen-version": 2, "beeindigen-reden_beeindiging": "19", "beeindigen-per": vandaag().isoformat()},
    )
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.status == VoorzieningStatus.BEEINDIGD and v.reden_beeindiging == "19"
    assert list(v.mutaties.values_list("soort", flat=True)) == [MutatieSoort.TOEKENNING, MutatieSoort.WIJZIGING, MutatieSoort.BEEINDIGING]
    html = ingelogd.get(pagina).content.decode()
    assert "Omvang: 4 → 6" in html and "19 Levering volgens plan beëindigd" in html and "Beëindigen</summary>" not in html


def test_voorziening_intrekken_met_reden_en_datum(ingelogd, generalist, aanvraag, aanbieder):
    v = ToegewezenVoorziening.objects.get(beschikking=toegekend(generalist, aanvraag, aanbieder))
    per = vandaag() + timedelta(days=30)
    r = ingelogd.post(
        url("voorziening", v.pk),
        {
            "formulier": "intrekken",
            "intrekken-version": v.version,
            "intrekken-reden_wijziging": "07",
            "intrekken-per": per.isoformat(),
            "intrekken-toelichting": "Mevrouw verhuist naar haar dochter in een andere gemeente",
        },
    )
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.status == VoorzieningStatus.INGETROKKEN and v.einddatum == per and v.reden_wijziging == "07"
    r = ingelogd.post(url("voorziening", v.pk), {"formulier": "wijzigen", "wijzigen-version": v.version})
    assert r.status_code == 409 and "deze toewijzing is al ingetrokken" in r.content.decode()


# --- rechtsbescherming ------------------------------------------------------------------------------


def test_bezwaar_klacht_en_second_opinion_registreren_en_afronden(ingelogd, generalist, huishouden, inwoner, aanvraag, aanbieder):
    beschikking = toegekend(generalist, aanvraag, aanbieder)
    r = ingelogd.post(
        url("aanvraag", aanvraag.pk),
        {
            "formulier": "bezwaar",
            "bezwaar-ontvangen_op": vandaag().isoformat(),
            "bezwaar-gronden": "Te weinig uren",
            "bezwaar-route": "informeel",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith("#bezwaren")
    bezwaar = Bezwaar.objects.get(beschikking=beschikking)
    assert bezwaar.tijdig

    pagina = url("rechtsbescherming", huishouden.pk)
    html = ingelogd.get(pagina).content.decode()
    assert beschikking.kenmerk in html and "Te weinig uren" in html

    r = ingelogd.post(
        pagina,
        {
            "formulier": "klacht",
            "klacht-persoon": inwoner.pk,
            "klacht-over": "aanbieder",
            "klacht-aanbieder": aanbieder.pk,
            "klacht-ontvangen_op": vandaag().isoformat(),
            "klacht-omschrijving": "Begeleider kwam twee keer niet",
        },
    )
    assert r.status_code == 302 and Klacht.objects.get().aanbieder == aanbieder
    r = ingelogd.post(
        pagina,
        {
            "formulier": "second_opinion",
            "so-persoon": inwoner.pk,
            "so-beschikking": beschikking.pk,
            "so-aangevraagd_op": vandaag().isoformat(),
            "so-vraag": "Klopt het aantal uren?",
            "so-uitgevoerd_door": "Gea Generalist",
        },
    )
    assert r.status_code == 200 and "Een second opinion doet een ander" in r.content.decode()
    r = ingelogd.post(
        pagina,
        {
            "formulier": "second_opinion",
            "so-persoon": inwoner.pk,
            "so-beschikking": beschikking.pk,
            "so-aangevraagd_op": vandaag().isoformat(),
            "so-vraag": "Klopt het aantal uren?",
            "so-uitgevoerd_door": "Collega Consulent",
        },
    )
    assert r.status_code == 302 and SecondOpinion.objects.get().uitgevoerd_door == "Collega Consulent"

    afronden = {
        "formulier": "bezwaar_afronden",
        "pk": bezwaar.pk,
        f"bezwaar-{bezwaar.pk}-uitkomst": "ingetrokken",
        f"bezwaar-{bezwaar.pk}-beslist_op": vandaag().isoformat(),
        f"bezwaar-{bezwaar.pk}-route": "informeel",
        f"bezwaar-{bezwaar.pk}-toelichting": "Opgelost in een gesprek",
    }
    r = ingelogd.post(pagina, {**afronden, f"bezwaar-{bezwaar.pk}-version": bezwaar.version + 1})
    assert r.status_code == 409
    r = ingelogd.post(pagina, {**afronden, f"bezwaar-{bezwaar.pk}-version": bezwaar.version})
    assert r.status_code == 302
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == BezwaarUitkomst.INGETROKKEN


def test_afronden_van_een_item_van_een_ander_huishouden_kan_niet(ingelogd, huishouden):
    ander = HuishoudenFactory(gebied=huishouden.gebied)
    klacht = Klacht.objects.create(
        persoon=ander.leden_op().first().persoon,
        huishouden=ander,
        over="gemeente",
        ontvangen_op=vandaag(),
        omschrijving="x",
        geregistreerd_door=MedewerkerFactory(),
    )
    r = ingelogd.post(
        url("rechtsbescherming", huishouden.pk),
        {
            "formulier": "klacht_afhandelen",
            "pk": klacht.pk,
            f"klacht-{klacht.pk}-afgehandeld_op": vandaag().isoformat(),
            f"klacht-{klacht.pk}-afhandeling": "klaar",
        },
    )
    assert r.status_code == 404


# --- the dossier fragment and the euro field --------------------------------------------------------


def test_overzicht_voor_het_dossier_toont_open_aanvraag_met_termijn_en_toewijzingen(generalist, huishouden, aanvraag, aanbieder, product):
    html = Template("{% load besluiten_tags %}{% voorzieningen_overzicht huishouden %}").render(Context({"huishouden": huishouden}))
    assert "Aanvragen in behandeling" in html and url("aanvraag", aanvraag.pk) in html and "nog 11 dagen" in html
    v = ToegewezenVoorziening.objects.get(beschikking=toegekend(generalist, aanvraag, aanbieder))
    html = Template("{% load besluiten_tags %}{% voorzieningen_overzicht huishouden %}").render(Context({"huishouden": huishouden}))
    assert "Aanvragen in behandeling" not in html and url("voorziening", v.pk) in html and "Zorg Dichtbij" in html


@pytest.mark.parametrize(
    ("tekst", "cent"), [("52,50", 5250), ("€ 1.052,50", 105250), ("52.5", 5250), ("52", 5200), ("1.250", 125000), ("", None)]
)
def test_euroveld_leest_bedragen_zoals_mensen_ze_typen(tekst, cent):
    assert EuroVeld(required=False).clean(tekst) == cent


def test_euroveld_weigert_onzin():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="bijvoorbeeld 52,50"):
        EuroVeld().clean("twaalf")


def test_verwijzing_intrekken_verbergt_de_ondertekening(ingelogd, generalist, actie, inwoner, aanbieder, gemeente, product):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ, gemeente=gemeente, waarde=["wmo:02"], geldig_vanaf=date(2015, 1, 1), bron="Test"
    )
    verwijzing = besluitvorming.maak_verwijzing(
        generalist, plan=actie.doel.plan, actie=actie, persoon=inwoner, product=product, aanbieder=aanbieder, omvang=3,
        eenheid=product.eenheid, frequentie="2", begindatum=vandaag(), einddatum=vandaag() + timedelta(days=90), hulpvraag="Structuur",
    )
    pagina = url("verwijzing", verwijzing.pk)
    r = ingelogd.post(pagina, {"formulier": "intrekken", "intrekken-reden": "De aanbieder neemt de intake niet aan."})
    assert r.status_code == 302
    r = ingelogd.get(pagina)
    assert r.context["form"] is None and "is op" in r.content.decode() and "ingetrokken" in r.content.decode()
    assert AuditRecord.objects.filter(object_type="Verwijzing", omschrijving__contains="ingetrokken").exists()


def test_toewijzing_zonder_huishouden_alleen_voor_de_eigen_gemeente(client, generalist, aanvraag, aanbieder):
    """An imported grant of a person without household: staff of another gemeente get 403, not the file."""
    v = toegekend(generalist, aanvraag, aanbieder).voorzieningen.get()
    ToegewezenVoorziening.objects.filter(pk=v.pk).update(huishouden=None)
    Huishoudlid.objects.filter(persoon=v.persoon).delete()
    Persoon.objects.filter(pk=v.persoon_id).update(gemeente=None)
    vreemde = MedewerkerFactory(rol=Rol.GENERALIST)
    assert vreemde.werkgemeente != v.gemeente
    client.force_login(vreemde)
    assert client.get(url("voorziening", v.pk)).status_code == 403
    r = client.post(url("voorziening", v.pk), {"formulier": "intrekken", "intrekken-version": v.version})
    assert r.status_code == 403
    assert AuditRecord.objects.filter(medewerker=vreemde, actie=AuditActie.GEWEIGERD).count() == 2
