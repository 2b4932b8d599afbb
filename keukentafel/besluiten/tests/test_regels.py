"""One test per grant rule in besluiten/regels.py, named after the rule; each fails when its rule is removed.

The helpers at the top are shared with the other besluiten tests.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.aanbod.models import Kwaliteitsbewijs
from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.besluiten.models import Grondslag, Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.besluiten.regels import (
    Pgbgegevens,
    Pvbgegevens,
    Regelovertreding,
    Toekenningsverzoek,
    controleer,
    jaarverplichting,
)
from keukentafel.codelijsten import Eenheid, Frequentie
from keukentafel.inwoners.models import Jeugdmaatregel, SoortMaatregel
from keukentafel.testing.factories import (
    AanbiederFactory,
    ContractFactory,
    GebiedFactory,
    GemeenteFactory,
    MedewerkerFactory,
    PersoonFactory,
    ProductFactory,
    RegioFactory,
    TariefFactory,
)

BEGIN = date(2026, 1, 5)
EIND = date(2026, 12, 31)
OP = date(2026, 1, 2)


# ---------------------------------------------------------------------------------------------------
# Shared set-up
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def gemeente(db):
    return GemeenteFactory()


@pytest.fixture
def persoon(gemeente):
    return PersoonFactory(gebied=GebiedFactory(gemeente=gemeente))


@pytest.fixture
def product(db):
    """Begeleiding individueel, uren per week."""
    return ProductFactory()


@pytest.fixture
def kortdurend_verblijf(db):
    return ProductFactory(productcategorie="04", naam="Kortdurend verblijf", eenheid=Eenheid.ETMAAL, frequentie=Frequentie.PER_WEEK)


@pytest.fixture
def aanbieder(db):
    return AanbiederFactory()


@pytest.fixture
def tarief(aanbieder, product, gemeente):
    """A regional contract of `aanbieder` for `product` at € 54,00 per hour."""
    return TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=product, tarief_cent=5400)


@pytest.fixture
def door(gemeente):
    return MedewerkerFactory(team__gebied__gemeente=gemeente)


def verzoek(persoon, product, **velden) -> Toekenningsverzoek:
    """A ZIN request of 4 units per week for 2026; override any field."""
    waarden = {
        "persoon": persoon,
        "product": product,
        "leveringsvorm": Leveringsvorm.ZIN,
        "omvang": 4,
        "eenheid": product.eenheid,
        "frequentie": product.frequentie,
        "begindatum": BEGIN,
        "einddatum": EIND,
    }
    waarden.update(velden)
    return Toekenningsverzoek(**waarden)


def pgb(**velden) -> Pgbgegevens:
    waarden = {
        "persoonlijk_plan": "Begeleiding door een zzp'er die mevrouw al kent, twee ochtenden per week.",
        "motivering_geen_zin": "Mevrouw heeft autisme; wisselende begeleiders van een organisatie ontregelen haar.",
        "budgetvaardig": True,
        "pgb_tarief_cent": 5000,
    }
    waarden.update(velden)
    return Pgbgegevens(**waarden)


def regels(v: Toekenningsverzoek, gemeente, **kwargs) -> list[str]:
    """The codes of the rules the request breaks."""
    with pytest.raises(Regelovertreding) as exc:
        controleer(v, gemeente, kwargs.pop("op", OP), **kwargs)
    return exc.value.regels


def melding(v: Toekenningsverzoek, gemeente, code: str) -> str:
    with pytest.raises(Regelovertreding) as exc:
        controleer(v, gemeente, OP)
    return next(e.message for e in exc.value.error_list if e.code == code)


def bestaande_toewijzing(persoon, product, door, **velden) -> ToegewezenVoorziening:
    """A grant already in the database, written directly (the rules under test are not involved)."""
    waarden = {
        "gemeente": persoon.gemeente,
        "toewijzingnummer": ToegewezenVoorziening.objects.count() + 1000,
        "persoon": persoon,
        "product": product,
        "grondslag": Grondslag.OVERGANGSRECHT,
        "indicatiebron": "CIZ",
        "leveringsvorm": Leveringsvorm.ZIN,
        "aanbieder": AanbiederFactory(),
        "tarief_cent": 5400,
        "omvang": 4,
        "eenheid": product.eenheid,
        "frequentie": product.frequentie,
        "begindatum": BEGIN,
        "einddatum": EIND,
        "toegekend_door": door,
        "toegekend_op": OP,
    }
    waarden.update(velden)
    return ToegewezenVoorziening.objects.create(**waarden)


def beleid(sleutel: Sleutel, gemeente, waarde) -> Beleidsinstelling:
    return Beleidsinstelling.objects.create(
        sleutel=sleutel, gemeente=gemeente, waarde=waarde, geldig_vanaf=date(2015, 1, 1), bron="Verordening maatschappelijke ondersteuning"
    )


# ---------------------------------------------------------------------------------------------------
# Basic rules
# ---------------------------------------------------------------------------------------------------


def test_geldige_zin_toekenning_geeft_contract_en_tarief(persoon, product, tarief, gemeente):
    uitkomst = controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente, OP)
    assert uitkomst.contract.contract == tarief.contract
    assert uitkomst.tarief_cent == 5400


def test_product_inactief(persoon, product, tarief, gemeente):
    product.actief = False
    product.save()
    assert "product_inactief" in regels(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente)


def test_eenheid_van_het_product(persoon, product, tarief, gemeente):
    assert regels(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, eenheid=Eenheid.MINUUT), gemeente) == ["eenheid"]


@pytest.mark.parametrize("omvang", [0, -2])
def test_omvang_groter_dan_nul(persoon, product, tarief, gemeente, omvang):
    assert regels(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, omvang=omvang), gemeente) == ["omvang"]


def test_periode_einde_niet_voor_begin(persoon, product, tarief, gemeente):
    v = verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, einddatum=date(2026, 1, 4))
    assert regels(v, gemeente) == ["periode"]


def test_periode_van_een_dag_mag(persoon, product, tarief, gemeente):
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, einddatum=BEGIN), gemeente, OP)


@pytest.mark.parametrize("leveringsvorm", [Leveringsvorm.ZIN, Leveringsvorm.PVB])
def test_einddatum_verplicht_per_week_cd076(persoon, product, tarief, gemeente, leveringsvorm):
    """CD076: Einddatum of a ToegewezenProduct is required when Frequentie is 2 (per week); such a grant goes in a 301."""
    v = verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, leveringsvorm=leveringsvorm, einddatum=None,
                pvb=Pvbgegevens(regievaardig=True))
    assert regels(v, gemeente) == ["einddatum_verplicht"]
    assert "CD076" in melding(v, gemeente, "einddatum_verplicht")


def test_einddatum_niet_verplicht_bij_andere_frequentie_of_pgb(persoon, product, tarief, gemeente):
    """Per month may stay open (CD076 names only per week); a pgb sends no 301."""
    aanbieder = tarief.contract.aanbieder
    controleer(verzoek(persoon, product, aanbieder=aanbieder, frequentie=Frequentie.PER_MAAND, einddatum=None), gemeente, OP)
    controleer(verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=pgb(), einddatum=None), gemeente, OP)


def test_leveringsvorm_en_frequentie_uit_de_codelijst(persoon, product, tarief, gemeente):
    v = verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, leveringsvorm="xyz", frequentie="9")
    assert set(regels(v, gemeente)) == {"leveringsvorm", "frequentie"}


# ---------------------------------------------------------------------------------------------------
# Maximale omvang (beleid MAXIMALE_OMVANG; national default: kortdurend verblijf 3 etmalen per week)
# ---------------------------------------------------------------------------------------------------


@pytest.fixture
def kv_tarief(aanbieder, kortdurend_verblijf, gemeente):
    return TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=kortdurend_verblijf, tarief_cent=15000)


def test_maximale_omvang_kortdurend_verblijf_meer_dan_3_etmalen_per_week_geweigerd(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    v = verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=4)
    assert regels(v, gemeente) == ["maximale_omvang"]
    assert "ten hoogste 3 × etmaal per week" in melding(v, gemeente, "maximale_omvang")


def test_maximale_omvang_precies_3_etmalen_per_week_toegestaan(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    controleer(verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=3), gemeente, OP)


def test_maximale_omvang_per_gemeente_afwijkend_beleid(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    beleid(Sleutel.MAXIMALE_OMVANG, gemeente, {"wmo:04": {"omvang": 4, "eenheid": Eenheid.ETMAAL, "frequentie": Frequentie.PER_WEEK}})
    controleer(verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=4), gemeente, OP)
    # A neighbouring gemeente without its own setting keeps the national limit.
    buur = PersoonFactory(gebied=GebiedFactory(gemeente=GemeenteFactory(regio=gemeente.regio)))
    v = verzoek(buur, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=4)
    assert regels(v, buur.gemeente) == ["maximale_omvang"]


def test_maximale_omvang_strenger_beleid_van_gemeente(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    beleid(Sleutel.MAXIMALE_OMVANG, gemeente, {"wmo:04": {"omvang": 2, "eenheid": Eenheid.ETMAAL, "frequentie": Frequentie.PER_WEEK}})
    assert regels(verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=3), gemeente) == ["maximale_omvang"]


def test_maximale_omvang_productcode_gaat_voor_categorie(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    specifiek = f"wmo:04:{kortdurend_verblijf.productcode}"
    beleid(
        Sleutel.MAXIMALE_OMVANG,
        gemeente,
        {
            "wmo:04": {"omvang": 3, "eenheid": Eenheid.ETMAAL, "frequentie": Frequentie.PER_WEEK},
            specifiek: {"omvang": 5, "eenheid": Eenheid.ETMAAL, "frequentie": Frequentie.PER_WEEK},
        },
    )
    controleer(verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=5), gemeente, OP)


def test_maximale_omvang_per_dag_wordt_omgerekend_naar_week(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    # One etmaal per day is seven per week.
    v = verzoek(persoon, kortdurend_verblijf, aanbieder=kv_tarief.contract.aanbieder, omvang=1, frequentie=Frequentie.PER_DAG)
    assert regels(v, gemeente) == ["maximale_omvang"]


def test_maximale_omvang_per_maand_wordt_omgerekend_naar_week(persoon, kortdurend_verblijf, kv_tarief, gemeente):
    aanbieder = kv_tarief.contract.aanbieder
    controleer(verzoek(persoon, kortdurend_verblijf, aanbieder=aanbieder, omvang=12, frequentie=Frequentie.PER_MAAND), gemeente, OP)
    v = verzoek(persoon, kortdurend_verblijf, aanbieder=aanbieder, omvang=14, frequentie=Frequentie.PER_MAAND)
    assert regels(v, gemeente) == ["maximale_omvang"]


def test_maximale_omvang_geldt_niet_voor_andere_categorie(persoon, product, tarief, gemeente):
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, omvang=20), gemeente, OP)


# ---------------------------------------------------------------------------------------------------
# Overlap
# ---------------------------------------------------------------------------------------------------


def test_overlap_zelfde_product_zelfde_persoon_geweigerd(persoon, product, tarief, gemeente, door):
    bestaand = bestaande_toewijzing(persoon, product, door, begindatum=date(2025, 7, 1), einddatum=date(2026, 3, 31))
    v = verzoek(persoon, product, aanbieder=tarief.contract.aanbieder)
    assert regels(v, gemeente) == ["overlap"]
    assert f"toewijzingnummer {bestaand.toewijzingnummer}" in melding(v, gemeente, "overlap")


def test_overlap_met_open_einde_geweigerd(persoon, product, tarief, gemeente, door):
    bestaande_toewijzing(persoon, product, door, begindatum=date(2026, 6, 1), einddatum=None)
    assert regels(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente) == ["overlap"]


def test_overlap_aansluitende_periode_toegestaan(persoon, product, tarief, gemeente, door):
    bestaande_toewijzing(persoon, product, door, begindatum=date(2025, 1, 1), einddatum=date(2026, 1, 4))
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente, OP)


def test_overlap_ander_product_of_andere_persoon_toegestaan(persoon, product, tarief, gemeente, door):
    bestaande_toewijzing(persoon, ProductFactory(), door)
    bestaande_toewijzing(PersoonFactory(gebied=persoon.gebied), product, door)
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente, OP)


@pytest.mark.parametrize("status", [VoorzieningStatus.BEEINDIGD, VoorzieningStatus.INGETROKKEN])
def test_overlap_beeindigde_of_ingetrokken_toewijzing_telt_tot_haar_einddatum(persoon, product, tarief, gemeente, door, status):
    """An ended or revoked grant still applies up to its (new) end date, even when that lies in the future."""
    bestaande_toewijzing(persoon, product, door, status=status, begindatum=date(2025, 1, 1), einddatum=date(2026, 3, 31))
    assert regels(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente) == ["overlap"]
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder, begindatum=date(2026, 4, 1)), gemeente, OP)


def test_overlap_verwijderde_toewijzing_telt_niet(persoon, product, tarief, gemeente, door):
    """Revoked with reason 13 "Verwijderd": the grant never applied."""
    bestaande_toewijzing(persoon, product, door, status=VoorzieningStatus.INGETROKKEN, reden_wijziging="13", einddatum=BEGIN)
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente, OP)


def test_overlap_negeert_de_toewijzing_zelf(persoon, product, tarief, gemeente, door):
    bestaand = bestaande_toewijzing(persoon, product, door)
    controleer(verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente, OP, negeer_pk=bestaand.pk)


# ---------------------------------------------------------------------------------------------------
# ZIN / pvb: aanbieder, contract, kwaliteitsbewijzen
# ---------------------------------------------------------------------------------------------------


def test_aanbieder_verplicht_bij_zin(persoon, product, tarief, gemeente):
    assert regels(verzoek(persoon, product), gemeente) == ["aanbieder_verplicht"]


def test_aanbieder_inactief(persoon, product, tarief, gemeente):
    aanbieder = tarief.contract.aanbieder
    aanbieder.actief = False
    aanbieder.save()
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["aanbieder_inactief"]


def test_geen_contract_voor_dit_product(persoon, product, aanbieder, gemeente):
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=ProductFactory())
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["geen_contract"]


def test_geen_contract_contract_van_andere_gemeente(persoon, product, aanbieder, gemeente):
    andere = GemeenteFactory(regio=gemeente.regio)
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=None, contract__gemeente=andere, product=product)
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["geen_contract"]


def test_geen_contract_contract_van_andere_regio(persoon, product, aanbieder, gemeente):
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=RegioFactory(naam="Holland Rijnland"), product=product)
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["geen_contract"]


def test_contract_van_de_eigen_gemeente_geldt(persoon, product, aanbieder, gemeente):
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=None, contract__gemeente=gemeente, product=product)
    controleer(verzoek(persoon, product, aanbieder=aanbieder), gemeente, OP)


def test_geen_contract_verlopen_contract(persoon, product, aanbieder, gemeente):
    contract = ContractFactory(aanbieder=aanbieder, regio=gemeente.regio, einddatum=date(2025, 12, 31))
    TariefFactory(contract=contract, product=product)
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["geen_contract"]


def test_geen_contract_tarief_nog_niet_geldig_op_begindatum(persoon, product, aanbieder, gemeente):
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=product, geldig_vanaf=date(2026, 2, 1))
    assert regels(verzoek(persoon, product, aanbieder=aanbieder), gemeente) == ["geen_contract"]
    controleer(verzoek(persoon, product, aanbieder=aanbieder, begindatum=date(2026, 2, 1)), gemeente, OP)


def test_kwaliteitsbewijs_verlopen(persoon, product, gemeente):
    aanbieder = AanbiederFactory(bewijzen=False)
    for soort in ("meldcode", "klachtenregeling"):
        Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort=soort, geldig_vanaf=date(2015, 1, 1))
    Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort="vog_beleid", geldig_vanaf=date(2020, 1, 1), geldig_tot=date(2025, 12, 31))
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=product)
    v = verzoek(persoon, product, aanbieder=aanbieder)
    assert regels(v, gemeente) == ["kwaliteitsbewijs_verlopen"]
    assert "VOG-beleid" in melding(v, gemeente, "kwaliteitsbewijs_verlopen")


def test_kwaliteitsbewijs_dat_de_gemeente_niet_eist_hoeft_niet(persoon, product, gemeente):
    aanbieder = AanbiederFactory(bewijzen=False)
    for soort in ("meldcode", "klachtenregeling"):
        Kwaliteitsbewijs.objects.create(aanbieder=aanbieder, soort=soort, geldig_vanaf=date(2015, 1, 1))
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=product)
    beleid(Sleutel.VERPLICHTE_KWALITEITSBEWIJZEN, gemeente, ["meldcode", "klachtenregeling"])
    controleer(verzoek(persoon, product, aanbieder=aanbieder), gemeente, OP)


# ---------------------------------------------------------------------------------------------------
# Pgb
# ---------------------------------------------------------------------------------------------------


def pgb_verzoek(persoon, product, **velden) -> Toekenningsverzoek:
    gegevens = velden.pop("gegevens", None) or pgb()
    return verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=gegevens, **velden)


def test_pgb_geldig_geeft_maximum_en_budget(persoon, product, tarief, gemeente):
    uitkomst = controleer(pgb_verzoek(persoon, product), gemeente, OP)
    assert uitkomst.maximum_tarief_cent == 5400
    assert uitkomst.tarief_cent == 5000
    assert uitkomst.contract is None


def test_pgb_boven_maximum(persoon, product, tarief, gemeente):
    v = pgb_verzoek(persoon, product, gegevens=pgb(pgb_tarief_cent=5401))
    assert regels(v, gemeente) == ["pgb_boven_maximum"]
    assert melding(v, gemeente, "pgb_boven_maximum") == (
        "Het pgb-tarief van € 54,01 is hoger dan het maximum van € 54,00: "
        "het goedkoopste passende tarief in natura (€ 54,00) × 100%."
    )


def test_pgb_maximum_is_het_goedkoopste_zin_tarief(persoon, product, tarief, gemeente):
    TariefFactory(contract__regio=gemeente.regio, product=product, tarief_cent=4800)
    assert regels(pgb_verzoek(persoon, product, gegevens=pgb(pgb_tarief_cent=4900)), gemeente) == ["pgb_boven_maximum"]
    controleer(pgb_verzoek(persoon, product, gegevens=pgb(pgb_tarief_cent=4800)), gemeente, OP)


def test_pgb_boven_maximum_percentage_van_de_gemeente(persoon, product, tarief, gemeente):
    beleid(Sleutel.PGB_TARIEF_PERCENTAGE, gemeente, 80)
    assert controleer(pgb_verzoek(persoon, product, gegevens=pgb(pgb_tarief_cent=4320)), gemeente, OP).maximum_tarief_cent == 4320
    v = pgb_verzoek(persoon, product, gegevens=pgb(pgb_tarief_cent=4321))
    assert regels(v, gemeente) == ["pgb_boven_maximum"]
    assert "× 80%" in melding(v, gemeente, "pgb_boven_maximum")


def test_pgb_geen_zin_tarief(persoon, product, gemeente):
    assert regels(pgb_verzoek(persoon, product), gemeente) == ["pgb_geen_zin_tarief"]


def test_pgb_gegevens_verplicht(persoon, product, tarief, gemeente):
    v = verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB)
    assert regels(v, gemeente) == ["pgb_gegevens"]


def test_pgb_persoonlijk_plan(persoon, product, tarief, gemeente):
    assert regels(pgb_verzoek(persoon, product, gegevens=pgb(persoonlijk_plan="  ")), gemeente) == ["pgb_persoonlijk_plan"]


def test_pgb_motivering(persoon, product, tarief, gemeente):
    assert regels(pgb_verzoek(persoon, product, gegevens=pgb(motivering_geen_zin="")), gemeente) == ["pgb_motivering"]


def test_pgb_budgetvaardig_niet_zonder_budgetbeheerder(persoon, product, tarief, gemeente):
    assert regels(pgb_verzoek(persoon, product, gegevens=pgb(budgetvaardig=False)), gemeente) == ["pgb_budgetvaardig"]


def test_pgb_budgetvaardig_niet_met_budgetbeheerder_toegestaan(persoon, product, tarief, gemeente):
    controleer(pgb_verzoek(persoon, product, gegevens=pgb(budgetvaardig=False, budgetbeheerder="Zoon Peter (gemachtigde)")), gemeente, OP)


def test_pgb_sociaal_netwerk_zonder_uitzondering_geweigerd(persoon, product, tarief, gemeente):
    assert regels(pgb_verzoek(persoon, product, gegevens=pgb(sociaal_netwerk_betaald=True)), gemeente) == ["pgb_sociaal_netwerk"]


def test_pgb_sociaal_netwerk_met_uitzondering_toegestaan(persoon, product, tarief, gemeente):
    gegevens = pgb(sociaal_netwerk_betaald=True, uitzondering_sociaal_netwerk="Dochter heeft haar baan opgezegd voor de zorg.")
    controleer(pgb_verzoek(persoon, product, gegevens=gegevens), gemeente, OP)


def test_pgb_sociaal_netwerk_toegestaan_als_het_beleid_dat_zegt(persoon, product, tarief, gemeente):
    beleid(Sleutel.PGB_SOCIAAL_NETWERK, gemeente, True)
    controleer(pgb_verzoek(persoon, product, gegevens=pgb(sociaal_netwerk_betaald=True)), gemeente, OP)


def test_pgb_niet_voor_product(persoon, product, tarief, gemeente):
    product.pgb_mogelijk = False
    product.save()
    assert regels(pgb_verzoek(persoon, product), gemeente) == ["pgb_niet_voor_product"]


def test_pgb_jeugdmaatregel(persoon, product, tarief, gemeente):
    Jeugdmaatregel.objects.create(
        persoon=persoon, soort=SoortMaatregel.ONDERTOEZICHTSTELLING, gecertificeerde_instelling="Jeugdbescherming West",
        begindatum=date(2025, 6, 1), einddatum=date(2026, 5, 31),
    )
    v = pgb_verzoek(persoon, product)
    assert regels(v, gemeente) == ["pgb_jeugdmaatregel"]
    assert "ondertoezichtstelling" in melding(v, gemeente, "pgb_jeugdmaatregel")


def test_pgb_jeugdmaatregel_die_voor_de_begindatum_eindigde_telt_niet(persoon, product, tarief, gemeente):
    Jeugdmaatregel.objects.create(
        persoon=persoon, soort=SoortMaatregel.JEUGDRECLASSERING, gecertificeerde_instelling="William Schrikker Stichting",
        begindatum=date(2024, 1, 1), einddatum=date(2026, 1, 4),
    )
    controleer(pgb_verzoek(persoon, product), gemeente, OP)


def test_pgb_zonder_aanbieder(persoon, product, tarief, gemeente):
    assert regels(pgb_verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), gemeente) == ["pgb_zonder_aanbieder"]


def test_pgb_budget_is_eenheden_maal_tarief(persoon, product, tarief, gemeente):
    # 4 hours a week for two weeks: 8 hours at € 50,00.
    uitkomst = controleer(pgb_verzoek(persoon, product, einddatum=date(2026, 1, 18)), gemeente, OP)
    assert uitkomst.budget_cent == 8 * 5000
    # Open-ended: one year (365 days) of 4 hours a week, rounded up.
    uitkomst = controleer(pgb_verzoek(persoon, product, einddatum=None), gemeente, OP)
    assert uitkomst.budget_cent == 209 * 5000


def test_pgb_budget_bij_totaal_is_de_omvang(persoon, product, tarief, gemeente):
    uitkomst = controleer(pgb_verzoek(persoon, product, omvang=30, frequentie=Frequentie.TOTAAL), gemeente, OP)
    assert uitkomst.budget_cent == 30 * 5000


# ---------------------------------------------------------------------------------------------------
# Pvb
# ---------------------------------------------------------------------------------------------------


def pvb_verzoek(persoon, product, aanbieder, gegevens: Pvbgegevens | None) -> Toekenningsverzoek:
    return verzoek(persoon, product, leveringsvorm=Leveringsvorm.PVB, aanbieder=aanbieder, pvb=gegevens)


def test_pvb_regie_regievaardig_toegestaan(persoon, product, tarief, gemeente):
    uitkomst = controleer(pvb_verzoek(persoon, product, tarief.contract.aanbieder, Pvbgegevens(regievaardig=True)), gemeente, OP)
    assert uitkomst.tarief_cent == 5400


def test_pvb_regie_vertegenwoordiger_persoon_toegestaan(persoon, product, tarief, gemeente):
    gegevens = Pvbgegevens(regievaardig=False, vertegenwoordiger="Broer Jan de Vries")
    controleer(pvb_verzoek(persoon, product, tarief.contract.aanbieder, gegevens), gemeente, OP)


def test_pvb_regie_professionele_organisatie_geweigerd(persoon, product, tarief, gemeente):
    gegevens = Pvbgegevens(regievaardig=False, vertegenwoordiger="Bewindvoering BV", vertegenwoordiger_is_organisatie=True)
    assert regels(pvb_verzoek(persoon, product, tarief.contract.aanbieder, gegevens), gemeente) == ["pvb_regie"]


@pytest.mark.parametrize("gegevens", [None, Pvbgegevens(regievaardig=False)])
def test_pvb_regie_niemand_voert_regie(persoon, product, tarief, gemeente, gegevens):
    assert regels(pvb_verzoek(persoon, product, tarief.contract.aanbieder, gegevens), gemeente) == ["pvb_regie"]


def test_pvb_vraagt_gecontracteerde_aanbieder(persoon, product, gemeente):
    assert regels(pvb_verzoek(persoon, product, AanbiederFactory(), Pvbgegevens(regievaardig=True)), gemeente) == ["geen_contract"]
    assert regels(pvb_verzoek(persoon, product, None, Pvbgegevens(regievaardig=True)), gemeente) == ["aanbieder_verplicht"]


def test_pvb_regie_en_contract_worden_allebei_gemeld(persoon, product, gemeente):
    assert set(regels(pvb_verzoek(persoon, product, AanbiederFactory(), None), gemeente)) == {"pvb_regie", "geen_contract"}


# ---------------------------------------------------------------------------------------------------
# Contract ceilings (volumeplafond in units per year, budgetplafond in cents per year)
# ---------------------------------------------------------------------------------------------------


def _zet_plafond(tarief, **plafonds) -> None:
    for veld, waarde in plafonds.items():
        setattr(tarief.contract, veld, waarde)
    tarief.contract.save()


def test_volumeplafond(persoon, product, tarief, gemeente, door):
    _zet_plafond(tarief, volumeplafond=520)  # 10 hours a week for a year
    bestaande_toewijzing(PersoonFactory(gebied=persoon.gebied), product, door, contract=tarief.contract, omvang=6)
    aanbieder = tarief.contract.aanbieder
    controleer(verzoek(persoon, product, aanbieder=aanbieder, omvang=4), gemeente, OP)  # 312 + 208 = 520: exactly the ceiling
    v = verzoek(persoon, product, aanbieder=aanbieder, omvang=5)
    assert regels(v, gemeente) == ["volumeplafond"]
    tekst = melding(v, gemeente, "volumeplafond")
    assert tarief.contract.kenmerk in tekst and "520 eenheden per jaar" in tekst and "al 312 eenheden" in tekst and "572" in tekst


def test_budgetplafond(persoon, product, tarief, gemeente, door):
    _zet_plafond(tarief, budgetplafond_cent=2_500_000)  # € 25.000 a year
    bestaande_toewijzing(PersoonFactory(gebied=persoon.gebied), product, door, contract=tarief.contract, omvang=6)  # 312 × € 54
    aanbieder = tarief.contract.aanbieder
    controleer(verzoek(persoon, product, aanbieder=aanbieder, omvang=2), gemeente, OP)  # + 104 × € 54: € 22.464
    v = verzoek(persoon, product, aanbieder=aanbieder, omvang=4)
    assert regels(v, gemeente) == ["budgetplafond"]
    tekst = melding(v, gemeente, "budgetplafond")
    assert tarief.contract.kenmerk in tekst and "€ 25.000,00 per jaar" in tekst and "al € 16.848,00" in tekst


def test_plafond_telt_alle_frequenties_met_hun_eigen_tarief(persoon, product, tarief, gemeente, door):
    anderen = [PersoonFactory(gebied=persoon.gebied) for _ in range(5)]
    contract = tarief.contract
    bestaande_toewijzing(anderen[0], product, door, contract=contract, omvang=1, frequentie=Frequentie.PER_DAG, tarief_cent=100)
    bestaande_toewijzing(anderen[1], product, door, contract=contract, omvang=1, frequentie=Frequentie.PER_WEEK, tarief_cent=200)
    bestaande_toewijzing(anderen[2], product, door, contract=contract, omvang=2, frequentie=Frequentie.PER_MAAND, tarief_cent=300)
    bestaande_toewijzing(anderen[3], product, door, contract=contract, omvang=10, frequentie=Frequentie.TOTAAL, tarief_cent=400)
    # Not counted: ended, another contract.
    bestaande_toewijzing(anderen[4], product, door, contract=contract, omvang=99, status=VoorzieningStatus.BEEINDIGD)
    bestaande_toewijzing(anderen[4], product, door, contract=ContractFactory(aanbieder=contract.aanbieder), omvang=99)
    eenheden, kosten = jaarverplichting(contract)
    assert eenheden == 364 + 52 + 24 + 10
    assert kosten == 364 * 100 + 52 * 200 + 24 * 300 + 10 * 400


def test_plafond_query_alleen_als_er_een_plafond_is(persoon, product, tarief, gemeente):
    v = verzoek(persoon, product, aanbieder=tarief.contract.aanbieder)
    with CaptureQueriesContext(connection) as zonder:
        controleer(v, gemeente, OP)
    assert not [q for q in zonder.captured_queries if "SUM(" in q["sql"].upper()]
    _zet_plafond(tarief, volumeplafond=10_000, budgetplafond_cent=10**9)
    with CaptureQueriesContext(connection) as met:
        controleer(v, gemeente, OP)
    assert len([q for q in met.captured_queries if "SUM(" in q["sql"].upper()]) == 1


def test_plafond_geldt_ook_voor_pvb(persoon, product, tarief, gemeente):
    _zet_plafond(tarief, volumeplafond=100)
    v = pvb_verzoek(persoon, product, tarief.contract.aanbieder, Pvbgegevens(regievaardig=True))
    assert regels(v, gemeente) == ["volumeplafond"]


# ---------------------------------------------------------------------------------------------------
# All violations at once
# ---------------------------------------------------------------------------------------------------


def test_alle_overtredingen_tegelijk_gemeld(persoon, product, tarief, gemeente):
    gegevens = pgb(persoonlijk_plan="", motivering_geen_zin="", budgetvaardig=False, pgb_tarief_cent=9999)
    v = pgb_verzoek(persoon, product, gegevens=gegevens, aanbieder=tarief.contract.aanbieder)
    assert set(regels(v, gemeente)) == {
        "pgb_zonder_aanbieder", "pgb_persoonlijk_plan", "pgb_motivering", "pgb_budgetvaardig", "pgb_boven_maximum",
    }
