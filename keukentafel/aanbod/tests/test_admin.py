"""The admin for functioneel beheer: rights on the catalogue, and history whichever way a contract changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Model

from keukentafel.aanbod.models import Contract, Contracthistorie, Kwaliteitsbewijs, Tarief
from keukentafel.accounts.beheerrechten import maak_functioneel_beheerder
from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import AanbiederFactory, ContractFactory, MedewerkerFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db

MODELLEN = ["algemenevoorziening", "product", "aanbieder", "contract"]


@pytest.fixture
def beheerder():
    medewerker = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)
    maak_functioneel_beheerder(medewerker)
    return medewerker


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _waarde(waarde):
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Model):
        return waarde.pk
    return "" if waarde is None else waarde


def postdata(response) -> dict:
    """What the browser would send back for the admin change form as rendered (main form and inlines)."""
    data = {}
    for bf in response.context["adminform"].form:
        waarde = bf.value()
        if waarde is not False:
            data[bf.html_name] = _waarde(waarde)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bf in formset.management_form:
            data[bf.html_name] = bf.value()
        for form in formset.initial_forms:  # the empty extra forms stay empty
            for bf in form:
                if bf.value() not in (None, False):
                    data[bf.html_name] = _waarde(bf.value())
    return data


def test_functioneel_beheer_mag_het_aanbod_toevoegen_en_wijzigen_maar_niet_verwijderen(beheerder, beheer_client):
    for model in MODELLEN + ["kwaliteitsbewijs", "tarief"]:
        assert beheerder.has_perm(f"aanbod.add_{model}") and beheerder.has_perm(f"aanbod.change_{model}")
        assert not beheerder.has_perm(f"aanbod.delete_{model}")
    assert beheerder.has_perm("aanbod.view_contracthistorie") and not beheerder.has_perm("aanbod.change_contracthistorie")
    for model in MODELLEN:
        assert beheer_client.get(f"/beheer/aanbod/{model}/").status_code == 200
        assert beheer_client.get(f"/beheer/aanbod/{model}/add/").status_code == 200


def test_generalist_heeft_geen_aanbodbeheer(client):
    client.force_login(MedewerkerFactory())
    assert client.get("/beheer/aanbod/contract/").status_code == 302


def test_contract_wijzigen_in_de_admin_schrijft_historie_en_verhoogt_de_versie(beheerder, beheer_client):
    contract = ContractFactory(einddatum=date(2026, 12, 31))
    r = beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/")
    data = postdata(r) | {"einddatum": "2027-12-31", "budgetplafond_cent": "250000000"}

    r = beheer_client.post(f"/beheer/aanbod/contract/{contract.pk}/change/", data)

    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    contract.refresh_from_db()
    assert contract.einddatum == date(2027, 12, 31) and contract.version == 2
    regel = contract.historie.get()
    assert regel.door == beheerder
    assert regel.oud == {"einddatum": "2026-12-31", "budgetplafond_cent": None}
    assert regel.nieuw == {"einddatum": "2027-12-31", "budgetplafond_cent": 250000000}


def test_verouderd_formulier_wordt_geweigerd(beheer_client, beheerder):
    contract = ContractFactory()
    data = postdata(beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/"))
    Contract.objects.filter(pk=contract.pk).update(version=2, naam="Door een collega gewijzigd")

    r = beheer_client.post(f"/beheer/aanbod/contract/{contract.pk}/change/", data | {"naam": "Mijn naam"})

    assert r.status_code == 200
    assert "intussen door iemand anders gewijzigd" in r.content.decode()
    assert Contract.objects.get(pk=contract.pk).naam == "Door een collega gewijzigd"
    assert not Contracthistorie.objects.exists()


def test_nieuw_tarief_via_de_inline_sluit_het_vorige_en_komt_in_de_historie(beheer_client, beheerder):
    contract = ContractFactory()
    product = ProductFactory()
    oud = TariefFactory(contract=contract, product=product, tarief_cent=5400, geldig_vanaf=date(2025, 1, 1))
    data = postdata(beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/"))
    data |= {"tarieven-1-product": product.pk, "tarieven-1-tarief_cent": "5650", "tarieven-1-geldig_vanaf": "2026-01-01"}

    r = beheer_client.post(f"/beheer/aanbod/contract/{contract.pk}/change/", data)

    assert r.status_code == 302
    oud.refresh_from_db()
    assert oud.geldig_tot == date(2025, 12, 31)
    assert contract.tarieven.get(geldig_vanaf=date(2026, 1, 1)).tarief_cent == 5650
    regel = contract.historie.get()
    assert regel.door == beheerder and "€ 56,50" in regel.omschrijving


def test_overlappend_tarief_in_de_inline_geeft_een_formulierfout_en_slaat_niets_op(beheer_client):
    contract = ContractFactory(einddatum=date(2026, 12, 31))
    product = ProductFactory()
    TariefFactory(contract=contract, product=product, geldig_vanaf=date(2025, 1, 1), geldig_tot=date(2025, 12, 31))
    data = postdata(beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/"))
    data |= {
        "naam": "Andere naam",
        "tarieven-1-product": product.pk,
        "tarieven-1-tarief_cent": "5650",
        "tarieven-1-geldig_vanaf": "2025-06-01",
    }

    r = beheer_client.post(f"/beheer/aanbod/contract/{contract.pk}/change/", data)

    assert r.status_code == 200
    assert "mogen niet overlappen" in r.content.decode()
    assert Contract.objects.get(pk=contract.pk).naam != "Andere naam"  # the contract change was rolled back too
    assert Tarief.objects.count() == 1 and not Contracthistorie.objects.exists()


def test_tariefcorrectie_via_de_inline_komt_in_de_historie(beheer_client):
    contract = ContractFactory()
    tarief = TariefFactory(contract=contract, tarief_cent=5400, geldig_vanaf=date(2025, 1, 1))
    data = postdata(beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/"))
    data["tarieven-0-tarief_cent"] = "5450"

    r = beheer_client.post(f"/beheer/aanbod/contract/{contract.pk}/change/", data)

    assert r.status_code == 302
    tarief.refresh_from_db()
    assert tarief.tarief_cent == 5450
    regel = contract.historie.get()
    assert regel.oud["tarief"]["tarief_cent"] == 5400 and regel.nieuw["tarief"]["tarief_cent"] == 5450


def test_nieuw_contract_met_tarief_in_de_admin(beheer_client, beheerder):
    aanbieder, product = AanbiederFactory(), ProductFactory()
    data = postdata(beheer_client.get("/beheer/aanbod/contract/add/"))
    regio = ContractFactory().regio
    data |= {
        "kenmerk": "HB-2026-001",
        "naam": "Hulp bij het huishouden",
        "soort": "inkoopcontract",
        "aanbieder": aanbieder.pk,
        "niveau": "regionaal",
        "regio": regio.pk,
        "begindatum": "2026-01-01",
        "tarieven-0-product": product.pk,
        "tarieven-0-tarief_cent": "3300",
        "tarieven-0-geldig_vanaf": "2026-01-01",
    }

    r = beheer_client.post("/beheer/aanbod/contract/add/", data)

    assert r.status_code == 302, r.context["adminform"].form.errors if r.context else r
    contract = Contract.objects.get(kenmerk="HB-2026-001")
    assert contract.tarieven.get().tarief_cent == 3300
    assert [h.omschrijving.split(":")[0] for h in contract.historie.order_by("id")] == [
        "Contract HB-2026-001 vastgelegd",
        f"Tarief {product.naam} vanaf 01-01-2026",
    ]


def test_historie_in_de_admin_is_alleen_lezen(beheer_client, beheerder):
    contract = ContractFactory()
    Contracthistorie.objects.create(contract=contract, door=beheerder, omschrijving="Einddatum", oud={"einddatum": None}, nieuw={})
    r = beheer_client.get(f"/beheer/aanbod/contract/{contract.pk}/change/")
    historie = next(i for i in r.context["inline_admin_formsets"] if i.formset.model is Contracthistorie)
    assert not historie.has_add_permission and not historie.has_change_permission and not historie.has_delete_permission


def test_nieuw_kwaliteitsbewijs_via_de_admin_legt_de_controleur_vast(beheer_client, beheerder):
    aanbieder = AanbiederFactory(bewijzen=False)
    data = postdata(beheer_client.get(f"/beheer/aanbod/aanbieder/{aanbieder.pk}/change/"))
    data |= {
        "kwaliteitsbewijzen-0-soort": "vog_beleid",
        "kwaliteitsbewijzen-0-geldig_vanaf": "2026-01-01",
        "kwaliteitsbewijzen-0-geldig_tot": "2028-12-31",
        "kwaliteitsbewijzen-0-gecontroleerd_op": "2026-01-05",
    }

    r = beheer_client.post(f"/beheer/aanbod/aanbieder/{aanbieder.pk}/change/", data)

    assert r.status_code == 302
    bewijs = Kwaliteitsbewijs.objects.get(aanbieder=aanbieder)
    assert bewijs.gecontroleerd_door == beheerder and bewijs.geldig_tot == date(2028, 12, 31)


def test_productcategorie_moet_bij_de_wet_horen(beheer_client):
    data = {
        "wet": "wmo",
        "productcategorie": "45",
        "productcode": "45A01",
        "naam": "Ambulant",
        "eenheid": "04",
        "frequentie": "2",
        "actief": "on",
    }
    r = beheer_client.post("/beheer/aanbod/product/add/", data)
    assert r.status_code == 200
    assert "Productcategorie 45 hoort niet bij de Wmo 2015." in r.content.decode()
    r = beheer_client.post("/beheer/aanbod/product/add/", data | {"wet": "jeugdwet"})
    assert r.status_code == 302
