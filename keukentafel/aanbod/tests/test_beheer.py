"""Maintenance of contracts, tariffs and quality evidence: history, locking and the tariff rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.aanbod import beheer
from keukentafel.aanbod.beheer import Kwaliteit
from keukentafel.aanbod.models import Contract, Contracthistorie, Kwaliteitsbewijs, Tarief
from keukentafel.accounts.models import Rol
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    MedewerkerFactory,
    ProductFactory,
    RegioFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None)


@pytest.fixture
def contract():
    return ContractFactory(begindatum=date(2024, 1, 1), einddatum=date(2027, 12, 31), budgetplafond_cent=100_000_00)


@pytest.fixture
def product():
    return ProductFactory(naam="Begeleiding individueel")


# --- contracts ----------------------------------------------------------------------------------


def test_wijzig_contract_schrijft_historie_met_oude_en_nieuwe_waarden(beheerder, contract):
    beheer.wijzig_contract(beheerder, contract, 1, einddatum=date(2026, 12, 31), budgetplafond_cent=120_000_00, naam=contract.naam)

    contract.refresh_from_db()
    assert contract.einddatum == date(2026, 12, 31) and contract.version == 2
    regel = Contracthistorie.objects.get(contract=contract)
    assert regel.door == beheerder
    assert regel.oud == {"einddatum": "2027-12-31", "budgetplafond_cent": 100_000_00}
    assert regel.nieuw == {"einddatum": "2026-12-31", "budgetplafond_cent": 120_000_00}
    assert "einddatum" in regel.omschrijving and "naam" not in regel.omschrijving  # unchanged fields are not history


def test_tweede_wijziging_op_dezelfde_versie_wordt_geweigerd(beheerder, contract):
    eerste, tweede = Contract.objects.get(pk=contract.pk), Contract.objects.get(pk=contract.pk)
    beheer.wijzig_contract(beheerder, eerste, 1, naam="Raamovereenkomst 2024")
    with pytest.raises(GelijktijdigGewijzigd, match="intussen door iemand anders gewijzigd"):
        beheer.wijzig_contract(beheerder, tweede, 1, naam="Raamovereenkomst Wmo")
    contract.refresh_from_db()
    assert contract.naam == "Raamovereenkomst 2024" and Contracthistorie.objects.count() == 1


def test_wijziging_die_de_modelregels_schendt_wordt_geweigerd_zonder_historie(beheerder, contract):
    with pytest.raises(ValidationError) as fout:
        beheer.wijzig_contract(beheerder, contract, 1, gemeente=GemeenteFactory())  # regio and gemeente both set
    assert "regio óf door één gemeente" in " ".join(fout.value.messages)
    with pytest.raises(ValidationError):
        beheer.wijzig_contract(beheerder, contract, 1, einddatum=date(2023, 1, 1))
    assert not Contracthistorie.objects.exists()
    assert Contract.objects.get(pk=contract.pk).version == 1


def test_contract_inkorten_tot_voor_een_tarief_wordt_geweigerd(beheerder, contract, product):
    TariefFactory(contract=contract, product=product, geldig_vanaf=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="valt buiten de nieuwe looptijd"):
        beheer.wijzig_contract(beheerder, contract, 1, einddatum=date(2026, 12, 31))


def test_onbekend_veld_is_een_programmeerfout(beheerder, contract):
    with pytest.raises(ValueError, match="version"):
        beheer.wijzig_contract(beheerder, contract, 1, version=9)


def test_registreer_contract_legt_eerste_historie_vast(beheerder):
    sjabloon = ContractFactory.build(kenmerk="BS-2026-0001", aanbieder=AanbiederFactory(), regio=RegioFactory())
    contract = beheer.registreer_contract(beheerder, sjabloon)
    regel = contract.historie.get()
    assert regel.oud == {} and regel.nieuw["kenmerk"] == "BS-2026-0001"
    assert regel.nieuw["aanbieder"] == {"id": contract.aanbieder_id, "naam": str(contract.aanbieder)}


# --- tariffs ------------------------------------------------------------------------------------


def test_nieuw_jaartarief_sluit_het_vorige_open_tarief_de_dag_ervoor(beheerder, contract, product):
    oud = beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2024, 1, 1))
    nieuw = beheer.leg_tarief_vast(beheerder, contract, product, 5650, date(2025, 1, 1))

    oud.refresh_from_db()
    assert oud.geldig_tot == date(2024, 12, 31) and nieuw.geldig_tot is None
    regel = contract.historie.first()  # newest first
    assert regel.door == beheerder
    assert "€ 56,50" in regel.omschrijving and "31-12-2024" in regel.omschrijving
    assert regel.oud["vorig_tarief"]["geldig_tot"] is None
    assert regel.nieuw["vorig_tarief"]["geldig_tot"] == "2024-12-31" and regel.nieuw["tarief"]["tarief_cent"] == 5650
    assert Contract.objects.get(pk=contract.pk).version == 3  # each tariff is a change of the contract


def test_ander_product_of_ander_contract_blijft_open(beheerder, contract, product):
    ander_product = ProductFactory()
    eerste = beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2024, 1, 1))
    beheer.leg_tarief_vast(beheerder, contract, ander_product, 6000, date(2025, 1, 1))
    beheer.leg_tarief_vast(beheerder, ContractFactory(begindatum=date(2024, 1, 1)), product, 6000, date(2025, 1, 1))
    eerste.refresh_from_db()
    assert eerste.geldig_tot is None


@pytest.mark.parametrize("bedrag", [0, -100, None])
def test_tarief_van_nul_of_minder_wordt_geweigerd(beheerder, contract, product, bedrag):
    with pytest.raises(ValidationError) as fout:
        beheer.leg_tarief_vast(beheerder, contract, product, bedrag, date(2024, 1, 1))
    assert fout.value.message_dict["tarief_cent"] == ["Het tarief moet hoger zijn dan € 0,00."]
    assert not Tarief.objects.exists() and not Contracthistorie.objects.exists()


def test_overlappend_tarief_wordt_geweigerd(beheerder, contract, product):
    beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2024, 1, 1), date(2024, 12, 31))
    beheer.leg_tarief_vast(beheerder, contract, product, 5800, date(2026, 1, 1))
    # overlaps the closed 2024 tariff
    with pytest.raises(ValidationError) as fout:
        beheer.leg_tarief_vast(beheerder, contract, product, 5500, date(2024, 7, 1), date(2024, 12, 31))
    assert "mogen niet overlappen" in fout.value.message_dict["geldig_vanaf"][0]
    assert "01-01-2024 tot en met 31-12-2024" in fout.value.message_dict["geldig_vanaf"][0]
    # an open tariff from 2025 would run into the 2026 one that is already fixed
    with pytest.raises(ValidationError, match="mogen niet overlappen"):
        beheer.leg_tarief_vast(beheerder, contract, product, 5600, date(2025, 1, 1))
    # the gap itself can be filled
    beheer.leg_tarief_vast(beheerder, contract, product, 5600, date(2025, 1, 1), date(2025, 12, 31))
    assert contract.tarieven.count() == 3


def test_tarief_buiten_de_looptijd_van_het_contract_of_met_einde_voor_begin(beheerder, contract, product):
    with pytest.raises(ValidationError) as fout:
        beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2028, 1, 1))
    assert "binnen de looptijd van het contract (01-01-2024 tot en met 31-12-2027)" in fout.value.message_dict["geldig_vanaf"][0]
    with pytest.raises(ValidationError) as fout:
        beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2025, 6, 1), date(2025, 1, 1))
    assert fout.value.message_dict["geldig_tot"] == ["De einddatum ligt vóór de begindatum."]


def test_correctie_van_een_tarief_schrijft_historie_en_weigert_overlap(beheerder, contract, product):
    eerste = beheer.leg_tarief_vast(beheerder, contract, product, 5400, date(2024, 1, 1))
    tweede = beheer.leg_tarief_vast(beheerder, contract, product, 5650, date(2025, 1, 1))

    beheer.corrigeer_tarief(beheerder, tweede, tarief_cent=5560)
    regel = contract.historie.first()
    assert "gecorrigeerd" in regel.omschrijving
    assert regel.oud["tarief"]["tarief_cent"] == 5650 and regel.nieuw["tarief"]["tarief_cent"] == 5560
    with pytest.raises(ValidationError, match="mogen niet overlappen"):
        beheer.corrigeer_tarief(beheerder, Tarief.objects.get(pk=eerste.pk), geldig_tot=date(2025, 3, 31))
    with pytest.raises(ValidationError):
        beheer.corrigeer_tarief(beheerder, tweede, tarief_cent=0)
    tweede.refresh_from_db()
    assert tweede.tarief_cent == 5560


# --- quality evidence ---------------------------------------------------------------------------


def test_registreer_kwaliteitsbewijs_legt_vast_wie_controleerde(beheerder):
    aanbieder = AanbiederFactory(bewijzen=False)
    bewijs = beheer.registreer_kwaliteitsbewijs(
        beheerder, aanbieder, soort="meldcode", geldig_vanaf=date(2025, 1, 1), gecontroleerd_op=date(2025, 1, 10)
    )
    assert bewijs.gecontroleerd_door == beheerder and bewijs.gecontroleerd_op == date(2025, 1, 10)
    with pytest.raises(ValidationError) as fout:
        beheer.registreer_kwaliteitsbewijs(
            beheerder, aanbieder, soort="horoscoop", geldig_vanaf=date(2025, 1, 1), geldig_tot=date(2024, 1, 1)
        )
    assert set(fout.value.message_dict) == {"soort", "geldig_tot"}
    assert Kwaliteitsbewijs.objects.count() == 1


def test_kwaliteitsstatus_per_verplichte_soort_geldig_verlopen_of_ontbrekend():
    aanbieder = AanbiederFactory(bewijzen=False)
    gemeente = GemeenteFactory()
    Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort="vog_beleid", geldig_vanaf=date(2024, 1, 1), geldig_tot=date(2026, 6, 30))
    Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort="vog_beleid", geldig_vanaf=date(2022, 1, 1), geldig_tot=date(2023, 12, 31))
    Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort="meldcode", geldig_vanaf=date(2020, 1, 1), geldig_tot=date(2025, 12, 31))

    status = {s.soort: s for s in beheer.kwaliteitsstatus(aanbieder, gemeente, date(2026, 3, 1))}

    assert list(status) == ["vog_beleid", "meldcode", "klachtenregeling"]  # the national default, in its order
    assert status["vog_beleid"].status == Kwaliteit.GELDIG and status["vog_beleid"].geldig_tot == date(2026, 6, 30)
    assert status["meldcode"].status == Kwaliteit.VERLOPEN and status["meldcode"].geldig_tot == date(2025, 12, 31)
    assert status["klachtenregeling"].status == Kwaliteit.ONTBREEKT and status["klachtenregeling"].bewijs is None
    assert status["klachtenregeling"].label == "Klachtenregeling"


def test_kwaliteitsstatus_volgt_het_beleid_van_de_gemeente():
    aanbieder = AanbiederFactory()  # VOG-beleid, meldcode, klachtenregeling, open-ended
    gemeente = GemeenteFactory()
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.VERPLICHTE_KWALITEITSBEWIJZEN,
        gemeente=gemeente,
        waarde=["meldcode", "certificering"],
        geldig_vanaf=date(2026, 1, 1),
        bron="Inkoopvoorwaarden 2026",
    )
    voor = beheer.kwaliteitsstatus(aanbieder, gemeente, date(2025, 12, 31))
    na = beheer.kwaliteitsstatus(aanbieder, gemeente, date(2026, 1, 1))
    assert all(s.in_orde for s in voor) and len(voor) == 3
    assert [(s.soort, s.status) for s in na] == [("meldcode", Kwaliteit.GELDIG), ("certificering", Kwaliteit.ONTBREEKT)]
    assert na[0].geldig_tot is None  # valid without end date
