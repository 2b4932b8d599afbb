"""The read-only catalogue API: every staff account or token may read it; filters; policy answers per gemeente."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

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
)

from .conftest import client_voor

pytestmark = pytest.mark.django_db

PADEN = ["/api/v1/algemene-voorzieningen/", "/api/v1/producten/", "/api/v1/aanbieders/"]


def namen(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["naam"] for r in response.json()["results"]]


@pytest.mark.parametrize("pad", PADEN)
def test_zonder_token_geen_toegang(pad):
    assert APIClient().get(pad).status_code == 401


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER, Rol.BACKOFFICE])
def test_ook_rollen_zonder_dossiertoegang_lezen_het_aanbod(rol):
    api = client_voor(MedewerkerFactory(rol=rol, team=None))
    AlgemeneVoorzieningFactory(naam="Buurthuis")
    for pad in PADEN:
        assert api.get(pad).status_code == 200, pad


@pytest.mark.parametrize("pad", PADEN)
def test_alleen_lezen(api, pad):
    assert api.post(pad, {"naam": "Nieuw"}, format="json").status_code == 405


def test_algemene_voorzieningen_filteren(api, generalist):
    gemeente = generalist.werkgemeente
    wijk = GebiedFactory(gemeente=gemeente)
    financien = Leefgebied.objects.get(code="financien")
    formulieren = AlgemeneVoorzieningFactory(naam="Formulierenhulp", categorie="geld", gemeente=gemeente, doelgroepen=["volwassenen"])
    formulieren.leefgebieden.add(financien)
    AlgemeneVoorzieningFactory(naam="Maaltijdservice", categorie="maaltijden", doelgroepen=["ouderen"])
    AlgemeneVoorzieningFactory(naam="Wijkpost", gemeente=gemeente).gebieden.add(wijk)
    AlgemeneVoorzieningFactory(naam="Elders", gemeente=GemeenteFactory())
    AlgemeneVoorzieningFactory(naam="Opgeheven", actief=False)
    pad = PADEN[0]

    assert namen(api.get(pad)) == ["Elders", "Formulierenhulp", "Maaltijdservice", "Wijkpost"]
    assert namen(api.get(pad, {"gemeente": gemeente.pk})) == ["Formulierenhulp", "Maaltijdservice", "Wijkpost"]
    assert namen(api.get(pad, {"gebied": GebiedFactory(gemeente=gemeente).pk})) == ["Formulierenhulp", "Maaltijdservice"]
    assert namen(api.get(pad, {"leefgebied": "financien"})) == ["Formulierenhulp"]
    assert namen(api.get(pad, {"doelgroep": "ouderen", "categorie": "maaltijden"})) == ["Maaltijdservice"]
    assert namen(api.get(pad, {"q": "formulier"})) == ["Formulierenhulp"]

    detail = api.get(f"{pad}{formulieren.pk}/").json()
    assert detail["leefgebieden"] == ["financien"] and detail["categorie_omschrijving"] == "Geld en schulden"
    assert detail["gemeente"] == gemeente.pk and detail["doelgroepen"] == ["volwassenen"]


def test_ongeldig_filter_geeft_400_met_nederlandse_melding(api):
    response = api.get(PADEN[0], {"categorie": "onzin"})
    assert response.status_code == 400
    assert "categorie" in response.json()


def test_producten_met_codelijstomschrijving_en_verwijzing_voor_de_eigen_gemeente(api, generalist):
    ProductFactory(naam="Hulp bij het huishouden", productcategorie="01", productcode="01A01")
    ProductFactory(naam="Jeugdhulp ambulant", wet="jeugdwet", productcategorie="45", productcode="45A01")
    ProductFactory(naam="Vervallen", actief=False)
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.INDICATIEVRIJ,
        gemeente=generalist.werkgemeente,
        waarde=["wmo:01"],
        geldig_vanaf=date(2020, 1, 1),
        bron="Verordening",
    )

    rijen = {r["naam"]: r for r in api.get(PADEN[1]).json()["results"]}

    assert set(rijen) == {"Hulp bij het huishouden", "Jeugdhulp ambulant"}
    assert rijen["Hulp bij het huishouden"]["via_verwijzing"] is True
    assert rijen["Jeugdhulp ambulant"]["via_verwijzing"] is False
    assert rijen["Jeugdhulp ambulant"]["productcategorie_omschrijving"] == "Jeugdhulp ambulant"
    assert namen(api.get(PADEN[1], {"wet": "jeugdwet"})) == ["Jeugdhulp ambulant"]
    assert namen(api.get(PADEN[1], {"productcode": "01A01"})) == ["Hulp bij het huishouden"]


def test_aanbieders_met_kwaliteit_en_contracten(api):
    in_orde = AanbiederFactory(naam="Zorg in orde", agb_code="73001234")
    contract = ContractFactory(aanbieder=in_orde, kenmerk="BS-2024-0001")
    verlopen = AanbiederFactory(naam="Zorg verlopen", bewijzen=False)
    Kwaliteitsbewijs.objects.create(aanbieder=verlopen, soort="meldcode", geldig_vanaf=date(2020, 1, 1), geldig_tot=date(2021, 1, 1))

    rijen = {r["naam"]: r for r in api.get(PADEN[2]).json()["results"]}

    assert rijen["Zorg in orde"]["kwaliteit_in_orde"] is True and rijen["Zorg in orde"]["ontbrekende_kwaliteitsbewijzen"] == []
    assert rijen["Zorg in orde"]["contracten"][0]["kenmerk"] == contract.kenmerk
    assert rijen["Zorg verlopen"]["kwaliteit_in_orde"] is False
    assert rijen["Zorg verlopen"]["ontbrekende_kwaliteitsbewijzen"] == ["vog_beleid", "meldcode", "klachtenregeling"]
    assert rijen["Zorg verlopen"]["kwaliteitsbewijzen"][0]["geldig_tot"] == "2021-01-01"
    assert namen(api.get(PADEN[2], {"agb_code": "73001234"})) == ["Zorg in orde"]
    assert namen(api.get(PADEN[2], {"q": "verlopen"})) == ["Zorg verlopen"]


def test_schema_beschrijft_de_aanbod_endpoints():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    for pad in PADEN:
        assert pad.encode() in response.content and f"{pad}{{id}}/".encode() in response.content
