"""The read-only catalogue pages: open to every staff role, search and filters, route, tariffs, quality."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from keukentafel.aanbod import beheer
from keukentafel.aanbod.models import Kwaliteitsbewijs
from keukentafel.accounts.models import Rol
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.testing.factories import (
    AanbiederFactory,
    AlgemeneVoorzieningFactory,
    ContractFactory,
    GebiedFactory,
    GemeenteFactory,
    MedewerkerFactory,
    ProductFactory,
    RegioFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return GemeenteFactory(naam="Teylingen")


@pytest.fixture
def generalist(gemeente):
    return MedewerkerFactory(team__gebied__gemeente=gemeente)


@pytest.fixture
def ingelogd(client, generalist):
    client.force_login(generalist)
    return client


def namen(response) -> list[str]:
    return [obj.naam for obj in response.context["pagina"].object_list]


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", list(Rol))
def test_elke_rol_mag_het_aanbod_inzien(client, rol):
    contract = TariefFactory().contract
    medewerker = MedewerkerFactory(rol=rol, team=None) if rol not in (Rol.GENERALIST, Rol.TEAMLEIDER) else MedewerkerFactory(rol=rol)
    client.force_login(medewerker)
    for url in (
        reverse("aanbod:sociale_kaart"),
        reverse("aanbod:producten"),
        reverse("aanbod:aanbieders"),
        reverse("aanbod:aanbieder", args=[contract.aanbieder_id]),
        reverse("aanbod:contract", args=[contract.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_zonder_inloggen_naar_de_inlogpagina(client):
    r = client.get(reverse("aanbod:sociale_kaart"))
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]


# --- sociale kaart ------------------------------------------------------------------------------


def test_sociale_kaart_zoekt_op_tekst_soort_en_doelgroep(ingelogd):
    AlgemeneVoorzieningFactory(naam="Maaltijdservice De Linde", categorie="maaltijden", doelgroepen=["ouderen"])
    AlgemeneVoorzieningFactory(naam="Inloop opvoeden", categorie="opvoeden", doelgroepen=["ouders"], plaats="Sassenheim")
    AlgemeneVoorzieningFactory(naam="Buurthuis", categorie="ontmoeting", doelgroepen=["iedereen"])
    AlgemeneVoorzieningFactory(naam="Gesloten soos", categorie="ontmoeting", actief=False)

    url = reverse("aanbod:sociale_kaart")
    assert namen(ingelogd.get(url)) == ["Buurthuis", "Inloop opvoeden", "Maaltijdservice De Linde"]
    assert namen(ingelogd.get(url, {"q": "sassenheim"})) == ["Inloop opvoeden"]
    assert namen(ingelogd.get(url, {"q": "linde maaltijd"})) == ["Maaltijdservice De Linde"]
    assert namen(ingelogd.get(url, {"categorie": "ontmoeting"})) == ["Buurthuis"]
    assert namen(ingelogd.get(url, {"doelgroep": "ouderen"})) == ["Buurthuis", "Maaltijdservice De Linde"]  # "iedereen" fits all


def test_sociale_kaart_per_gemeente_en_gebied(ingelogd, gemeente):
    wijk, andere_wijk = GebiedFactory(gemeente=gemeente, naam="Voorhout"), GebiedFactory(gemeente=gemeente, naam="Warmond")
    AlgemeneVoorzieningFactory(naam="Regionaal steunpunt mantelzorg")  # no gemeente: the whole region
    AlgemeneVoorzieningFactory(naam="Bibliotheek Teylingen", gemeente=gemeente)
    AlgemeneVoorzieningFactory(naam="Wijkpost Voorhout", gemeente=gemeente).gebieden.add(wijk)
    AlgemeneVoorzieningFactory(naam="Wijkpost Warmond", gemeente=gemeente).gebieden.add(andere_wijk)
    AlgemeneVoorzieningFactory(naam="Elders", gemeente=GemeenteFactory())

    url = reverse("aanbod:sociale_kaart")
    per_gemeente = namen(ingelogd.get(url, {"gemeente": gemeente.pk}))
    assert per_gemeente == ["Bibliotheek Teylingen", "Regionaal steunpunt mantelzorg", "Wijkpost Voorhout", "Wijkpost Warmond"]
    assert namen(ingelogd.get(url, {"gebied": wijk.pk})) == ["Bibliotheek Teylingen", "Regionaal steunpunt mantelzorg", "Wijkpost Voorhout"]


def test_sociale_kaart_op_leefgebied_en_ongeldig_filter(ingelogd):
    financien = Leefgebied.objects.get(code="financien")
    AlgemeneVoorzieningFactory(naam="Formulierenhulp").leefgebieden.add(financien)
    AlgemeneVoorzieningFactory(naam="Koffieochtend")
    url = reverse("aanbod:sociale_kaart")
    assert namen(ingelogd.get(url, {"leefgebied": financien.pk})) == ["Formulierenhulp"]
    r = ingelogd.get(url, {"categorie": "bestaat-niet"})
    assert r.status_code == 400 and "Er ging iets mis" in r.content.decode()


def test_sociale_kaart_pagineert_met_behoud_van_het_filter(ingelogd):
    for i in range(27):
        AlgemeneVoorzieningFactory(naam=f"Ontmoeting {i:02d}", categorie="ontmoeting")
    r = ingelogd.get(reverse("aanbod:sociale_kaart"), {"categorie": "ontmoeting", "pagina": 2})
    assert namen(r) == ["Ontmoeting 25", "Ontmoeting 26"]
    assert "?categorie=ontmoeting&amp;pagina=1" in r.content.decode()


# --- products -----------------------------------------------------------------------------------


def test_producten_tonen_verwijzing_of_beschikking_voor_de_eigen_gemeente(ingelogd, gemeente):
    hbh = ProductFactory(naam="Hulp bij het huishouden", productcategorie="01", productcode="01A01")
    begeleiding = ProductFactory(naam="Begeleiding individueel", productcategorie="02", productcode="02A01")
    groep = ProductFactory(naam="Begeleiding groep", productcategorie="02", productcode="02A02")
    jeugd = ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ,
        gemeente=gemeente,
        waarde=["wmo:01", "wmo:02:02A02", "jeugdwet:45"],
        geldig_vanaf=date(2020, 1, 1),
        bron="Verordening maatschappelijke ondersteuning Teylingen",
    )

    r = ingelogd.get(reverse("aanbod:producten"))

    route = {p.naam: p.via_verwijzing for p in r.context["pagina"].object_list}
    assert route == {hbh.naam: True, begeleiding.naam: False, groep.naam: True, jeugd.naam: True}
    html = r.content.decode()
    assert "gemeente Teylingen" in html and "Hulp bij het huishouden" in html and "Verwijzing" in html
    assert "01 Hulp bij het huishouden" in html and "45 Jeugdhulp ambulant" in html  # category labels from the codelists


def test_producten_zonder_eigen_beleid_gaan_via_beschikking(client):
    ProductFactory(naam="Begeleiding individueel")
    client.force_login(MedewerkerFactory(rol=Rol.BELEID, team=None))
    r = client.get(reverse("aanbod:producten"))
    assert [p.via_verwijzing for p in r.context["pagina"].object_list] == [False]
    assert "landelijke standaard" in r.content.decode()


def test_producten_tonen_het_bereik_van_de_geldende_tarieven_in_de_eigen_regio(ingelogd, gemeente):
    product = ProductFactory(naam="Begeleiding individueel")
    vandaag = timezone.localdate()
    TariefFactory(product=product, tarief_cent=5000, contract__regio=gemeente.regio)
    TariefFactory(product=product, tarief_cent=6000, contract__regio=None, contract__gemeente=gemeente)
    TariefFactory(product=product, tarief_cent=9900, contract__regio=RegioFactory(naam="Andere regio"))  # not binding here
    TariefFactory(product=product, tarief_cent=100, geldig_tot=vandaag - timedelta(days=1), contract__regio=gemeente.regio)  # expired
    TariefFactory(product=product, tarief_cent=200, contract__regio=gemeente.regio, contract__einddatum=vandaag - timedelta(days=1))
    ongecontracteerd = ProductFactory(naam="Woonvoorziening")

    r = ingelogd.get(reverse("aanbod:producten"))

    bereik = {p.naam: p.tariefbereik for p in r.context["pagina"].object_list}
    assert bereik[product.naam].tekst == "€ 50,00 – € 60,00" and bereik[product.naam].aantal_contracten == 2
    assert bereik[ongecontracteerd.naam] is None
    assert "Niet gecontracteerd" in r.content.decode()


def test_producten_zoeken_op_wet_en_code(ingelogd):
    ProductFactory(naam="Begeleiding individueel", productcode="02A01")
    ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    url = reverse("aanbod:producten")
    assert namen(ingelogd.get(url, {"wet": "jeugdwet"})) == ["Jeugdhulp ambulant"]
    assert namen(ingelogd.get(url, {"q": "02a01"})) == ["Begeleiding individueel"]


# --- providers ----------------------------------------------------------------------------------


def test_aanbieders_met_kwaliteitsbadge(ingelogd):
    AanbiederFactory(naam="A In orde")
    verlopen = AanbiederFactory(naam="B Verlopen", bewijzen=False)
    for soort in ("vog_beleid", "klachtenregeling"):
        Kwaliteitsbewijs.objects.create(aanbieder=verlopen, soort=soort, geldig_vanaf=date(2020, 1, 1))
    Kwaliteitsbewijs.objects.create(aanbieder=verlopen, soort="meldcode", geldig_vanaf=date(2020, 1, 1), geldig_tot=date(2021, 1, 1))
    AanbiederFactory(naam="C Nieuw", bewijzen=False)

    r = ingelogd.get(reverse("aanbod:aanbieders"))

    badges = {a.naam: a.kwaliteit["tekst"] for a in r.context["pagina"].object_list}
    assert badges["A In orde"] == "In orde"
    assert badges["B Verlopen"] == "Verlopen: Meldcode huiselijk geweld en kindermishandeling"
    assert badges["C Nieuw"].startswith("Ontbreekt: VOG-beleid, Meldcode")
    assert namen(ingelogd.get(reverse("aanbod:aanbieders"), {"q": "verlopen"})) == ["B Verlopen"]


def test_aanbieder_toont_contact_bewijzen_waarschuwingen_en_contracten(ingelogd, generalist):
    aanbieder = AanbiederFactory(naam="Zorgboog", contactpersoon="J. de Boer", email="info@zorgboog.example", bewijzen=False)
    beheer.registreer_kwaliteitsbewijs(generalist, aanbieder, soort="vog_beleid", geldig_vanaf=date(2020, 1, 1))
    Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort="meldcode", geldig_vanaf=date(2019, 1, 1), geldig_tot=date(2022, 6, 30))
    contract = ContractFactory(aanbieder=aanbieder, kenmerk="BS-2024-0042")

    r = ingelogd.get(reverse("aanbod:aanbieder", args=[aanbieder.pk]))

    html = r.content.decode()
    assert "J. de Boer" in html and "info@zorgboog.example" in html
    assert "Kwaliteitseisen niet op orde" in html
    assert "verlopen op 30-06-2022" in html and "Klachtenregeling: ontbreekt" in html
    assert reverse("aanbod:contract", args=[contract.pk]) in html and "BS-2024-0042" in html
    assert f"door {generalist}" in html


# --- contracts ----------------------------------------------------------------------------------


def test_contract_toont_partijen_plafonds_tarieven_per_periode_en_historie(ingelogd, generalist):
    contract = ContractFactory(kenmerk="BS-2024-0007", begindatum=date(2024, 1, 1), budgetplafond_cent=1_250_000_00)
    product = ProductFactory(naam="Begeleiding individueel")
    beheer.leg_tarief_vast(generalist, contract, product, 5400, date(2024, 1, 1))
    beheer.leg_tarief_vast(generalist, contract, product, 5650, date(2025, 1, 1))
    beheer.wijzig_contract(generalist, contract, contract.version, einddatum=date(2027, 12, 31))

    r = ingelogd.get(reverse("aanbod:contract", args=[contract.pk]))

    html = r.content.decode()
    assert "Regio Bollenstreek" in html and "€ 1.250.000,00" in html
    assert "01-01-2024 – 31-12-2024" in html and "€ 54,00" in html and "€ 56,50" in html
    [(product_in_tabel, tarieven)] = r.context["tarieven"]
    assert product_in_tabel == product and [t.huidig for t in tarieven] == [True, False]  # newest first, valid today
    assert "Contract gewijzigd: einddatum" in html and "Einddatum: – → 31-12-2027" in html
    assert f"(door {generalist})" in html
