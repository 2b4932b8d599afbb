"""Rules of aanvraag, beschikking and verwijzing, tested on the services in `besluitvorming`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Beleidsinstelling, Leefgebied, Sleutel
from keukentafel.besluiten import besluitvorming
from keukentafel.besluiten.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Besluit,
    Grondslag,
    Leveringsvorm,
    ToegewezenVoorziening,
    Verwijzing,
)
from keukentafel.besluiten.regels import Regelovertreding, Toekenningsverzoek
from keukentafel.besluiten.services import vandaag
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Trede
from keukentafel.testing.factories import (
    AanbiederFactory,
    AlgemeneVoorzieningFactory,
    HuishoudenFactory,
    MedewerkerFactory,
    OndersteuningsplanFactory,
    ProductFactory,
    TariefFactory,
)

pytestmark = pytest.mark.django_db

MOTIVERING_AFWIJZING = "Het netwerk kan de begeleiding zelf bieden; zie het verslag van het onderzoek."


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
def product(db):
    return ProductFactory()


@pytest.fixture
def aanbieder(product, gemeente):
    """A provider with a regional contract and a tariff for the product."""
    return TariefFactory(product=product, contract__regio=gemeente.regio).contract.aanbieder


@pytest.fixture
def plan(huishouden, generalist):
    return OndersteuningsplanFactory(huishouden=huishouden, regisseur=generalist)


def voeg_actie_toe(plan, door, trede=Trede.MAATWERK, product=None):
    doel = plannen.voeg_doel_toe(door, plan, plan.version, leefgebied=Leefgebied.objects.get(code="adl"), omschrijving="Zelfstandig wonen")
    catalogus = {}
    if trede == Trede.MAATWERK:
        catalogus["product"] = product or ProductFactory()
    elif trede == Trede.ALGEMENE_VOORZIENING:
        catalogus["algemene_voorziening"] = AlgemeneVoorzieningFactory()
    return plannen.voeg_actie_toe(
        door, doel, plan.version, trede=trede, omschrijving="Hulp bij structuur", uitvoerder="Aanbieder", van=vandaag(), **catalogus
    )


@pytest.fixture
def maatwerkactie(plan, generalist, product):
    return voeg_actie_toe(plan, generalist, product=product)


def zet_beleid(sleutel, waarde, gemeente=None, vanaf=date(2015, 1, 1)):
    return Beleidsinstelling.objects.create(sleutel=sleutel, gemeente=gemeente, waarde=waarde, geldig_vanaf=vanaf, bron="Test")


def aanvraag_van(door, persoon, huishouden, product, **extra):
    velden = {
        "persoon": persoon, "product": product, "leveringsvorm": Leveringsvorm.ZIN, "omvang": 4, "eenheid": product.eenheid,
        "frequentie": "2", "ontvangen_op": vandaag() - timedelta(days=3), "huishouden": huishouden,
    }
    velden.update(extra)
    return besluitvorming.maak_aanvraag(door, **velden)


@pytest.fixture
def aanvraag(generalist, inwoner, huishouden, product):
    return aanvraag_van(generalist, inwoner, huishouden, product)


def verzoek_voor(aanvraag, aanbieder, **extra):
    velden = {
        "persoon": aanvraag.persoon, "product": aanvraag.product, "leveringsvorm": aanvraag.leveringsvorm, "omvang": aanvraag.omvang,
        "eenheid": aanvraag.eenheid, "frequentie": aanvraag.frequentie, "begindatum": vandaag(),
        "einddatum": vandaag() + timedelta(days=180), "aanbieder": aanbieder,
    }
    velden.update(extra)
    return Toekenningsverzoek(**velden)


def ken_toe(door, aanvraag, aanbieder, **extra):
    return besluitvorming.beslis(
        door, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering="Begeleiding is nodig om zelfstandig te wonen.",
        verzoek=verzoek_voor(aanvraag, aanbieder), **extra,
    )


def codes(fout: ValidationError, veld: str) -> list[str]:
    return [e.code for e in fout.error_dict[veld]]


# --- route and deadline from beleid -----------------------------------------------------------------


def test_zonder_beleid_is_voor_maatwerk_een_beschikking_nodig(product, gemeente):
    assert besluitvorming.route_voor(product, gemeente, vandaag()) == "beschikking"


def test_indicatievrij_per_categorie_of_per_productcode_geeft_de_route_verwijzing(product, gemeente):
    zet_beleid(Sleutel.INDICATIEVRIJ, [product.sleutels[1]], gemeente)
    assert besluitvorming.route_voor(product, gemeente, vandaag()) == "verwijzing"
    ander = ProductFactory(productcategorie="02")
    assert besluitvorming.route_voor(ander, gemeente, vandaag()) == "beschikking"
    zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], gemeente, vanaf=date(2020, 1, 1))
    assert besluitvorming.route_voor(ander, gemeente, vandaag()) == "verwijzing"


def test_indicatievrij_geldt_alleen_voor_de_gemeente_en_vanaf_de_datum_van_het_beleid(product, gemeente):
    per = vandaag() + timedelta(days=10)
    zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], gemeente, vanaf=per)
    assert besluitvorming.route_voor(product, gemeente, per - timedelta(days=1)) == "beschikking"
    assert besluitvorming.route_voor(product, gemeente, per) == "verwijzing"
    assert besluitvorming.route_voor(product, HuishoudenFactory().gemeente, per) == "beschikking"


def test_uiterste_beslisdatum_is_standaard_twee_weken_na_ontvangst(gemeente):
    assert besluitvorming.uiterste_beslisdatum(gemeente, date(2026, 3, 2)) == date(2026, 3, 16)


def test_uiterste_beslisdatum_volgt_de_afwijkende_termijn_van_de_gemeente(gemeente):
    zet_beleid(Sleutel.BESCHIKKING_TERMIJN_DAGEN, 10, gemeente)
    assert besluitvorming.uiterste_beslisdatum(gemeente, date(2026, 3, 2)) == date(2026, 3, 12)
    assert besluitvorming.uiterste_beslisdatum(HuishoudenFactory().gemeente, date(2026, 3, 2)) == date(2026, 3, 16)


# --- aanvraag --------------------------------------------------------------------------------------


def test_aanvraag_krijgt_beslistermijn_gemeente_en_behandelaar_en_wordt_geaudit(aanvraag, generalist, huishouden):
    assert aanvraag.status == AanvraagStatus.OPEN
    assert aanvraag.gemeente == huishouden.gemeente and aanvraag.behandelaar == generalist
    assert aanvraag.uiterste_beslisdatum == aanvraag.ontvangen_op + timedelta(days=14)
    assert AuditRecord.objects.filter(actie=AuditActie.AANMAKEN, object_type="Aanvraag", huishouden_id=huishouden.pk).exists()


def test_aanvraag_voor_iemand_buiten_het_huishouden_wordt_geweigerd(generalist, huishouden, product):
    vreemde = HuishoudenFactory().leden_op().first().persoon
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, vreemde, huishouden, product)
    assert "persoon" in fout.value.error_dict


def test_aanvraag_voor_een_algemene_voorziening_wordt_geweigerd(generalist, inwoner, huishouden, product, plan):
    actie = voeg_actie_toe(plan, generalist, Trede.ALGEMENE_VOORZIENING)
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, plan=plan, actie=actie)
    assert codes(fout.value, "actie") == ["geen_maatwerk"]
    assert besluitvorming.GEEN_MAATWERK_ALGEMEEN in fout.value.message_dict["actie"]
    assert not Aanvraag.objects.exists()


def test_aanvraag_bij_een_actie_op_een_lichtere_trede_wordt_geweigerd(generalist, inwoner, huishouden, product, plan):
    actie = voeg_actie_toe(plan, generalist, Trede.SOCIAAL_NETWERK)
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, plan=plan, actie=actie)
    assert codes(fout.value, "actie") == ["geen_maatwerk"]


def test_aanvraag_met_een_actie_uit_een_ander_plan_wordt_geweigerd(generalist, inwoner, huishouden, product, plan):
    ander_plan = OndersteuningsplanFactory(regisseur=generalist)
    actie = voeg_actie_toe(ander_plan, generalist)
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, plan=plan, actie=actie)
    assert codes(fout.value, "actie") == ["actie_ander_plan"]


def test_aanvraag_bij_een_maatwerkactie_legt_plan_en_actie_vast(generalist, inwoner, huishouden, product, plan, maatwerkactie):
    aanvraag = aanvraag_van(generalist, inwoner, huishouden, product, actie=maatwerkactie)
    assert aanvraag.plan == plan and aanvraag.actie == maatwerkactie


def test_aanvraag_met_ontvangstdatum_in_de_toekomst_wordt_geweigerd(generalist, inwoner, huishouden, product):
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, ontvangen_op=vandaag() + timedelta(days=1))
    assert "ontvangen_op" in fout.value.error_dict


def test_aanvraag_zonder_omvang_wordt_geweigerd(generalist, inwoner, huishouden, product):
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, omvang=0)
    assert "omvang" in fout.value.error_dict


def test_aanvraag_in_een_andere_eenheid_dan_het_product_wordt_geweigerd(generalist, inwoner, huishouden, product):
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product, eenheid="14")
    assert "eenheid" in fout.value.error_dict


def test_tweede_openstaande_aanvraag_voor_hetzelfde_product_wordt_geweigerd(aanvraag, generalist, inwoner, huishouden, product):
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product)
    assert codes(fout.value, "product") == ["dubbele_aanvraag"]
    besluitvorming.trek_aanvraag_in(generalist, aanvraag, aanvraag.version, reden="Toch niet nodig")
    assert aanvraag_van(generalist, inwoner, huishouden, product).status == AanvraagStatus.OPEN


def test_bij_indicatievrij_product_kan_de_inwoner_bij_verschil_van_mening_toch_een_beschikking_vragen(
    generalist, inwoner, huishouden, product, gemeente
):
    zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], gemeente)
    with pytest.raises(ValidationError) as fout:
        aanvraag_van(generalist, inwoner, huishouden, product)
    assert codes(fout.value, "op_verzoek_bij_verschil_van_mening") == ["verwijzing_mogelijk"]
    aanvraag = aanvraag_van(generalist, inwoner, huishouden, product, op_verzoek_bij_verschil_van_mening=True)
    assert aanvraag.op_verzoek_bij_verschil_van_mening


@pytest.mark.parametrize("leveringsvorm", [Leveringsvorm.PGB, Leveringsvorm.PVB])
def test_pgb_of_pvb_voor_een_indicatievrij_product_vraagt_altijd_een_beschikking(
    generalist, inwoner, huishouden, product, gemeente, leveringsvorm
):
    """A verwijzing only grants care in kind, so a pgb/pvb request is taken without the disagreement flag."""
    zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], gemeente)
    aanvraag = aanvraag_van(generalist, inwoner, huishouden, product, leveringsvorm=leveringsvorm)
    assert aanvraag.leveringsvorm == leveringsvorm and not aanvraag.op_verzoek_bij_verschil_van_mening


# --- beslis ------------------------------------------------------------------------------------------


def test_toekenning_maakt_beschikking_met_kenmerk_en_bezwaartermijn_en_een_toewijzing(aanvraag, generalist, aanbieder, gemeente):
    beschikking = ken_toe(generalist, aanvraag, aanbieder)
    assert beschikking.kenmerk == f"B{gemeente.gemeentecode}-{vandaag().year}-000001"
    assert beschikking.wet == "wmo" and beschikking.grondslag == "Wmo 2015 art. 2.3.5"
    assert beschikking.datum_afgifte == vandaag()
    assert beschikking.einde_bezwaartermijn == vandaag() + timedelta(days=42)
    voorziening = ToegewezenVoorziening.objects.get(beschikking=beschikking)
    assert voorziening.grondslag == Grondslag.BESCHIKKING and voorziening.huishouden == aanvraag.huishouden
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.BESLOTEN and aanvraag.version == 2
    assert AuditRecord.objects.filter(
        object_type="Beschikking", object_id=str(beschikking.pk), huishouden_id=aanvraag.huishouden_id
    ).exists()


def test_beschikkingskenmerken_zijn_uniek_binnen_de_gemeente(generalist, huishouden, product, aanbieder):
    leden = [lid.persoon for lid in huishouden.leden_op().order_by("id")]
    kenmerken = set()
    for persoon in leden:
        aanvraag = aanvraag_van(generalist, persoon, huishouden, product)
        kenmerken.add(besluitvorming.beslis(
            generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING
        ).kenmerk)
    assert len(kenmerken) == 2


def test_bezwaartermijn_volgt_het_beleid_van_de_gemeente(aanvraag, generalist, gemeente):
    zet_beleid(Sleutel.BEZWAARTERMIJN_DAGEN, 56, gemeente)
    beschikking = besluitvorming.beslis(
        generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING,
        datum_afgifte=vandaag() - timedelta(days=1),
    )
    assert beschikking.einde_bezwaartermijn == vandaag() - timedelta(days=1) + timedelta(days=56)


def test_jeugdhulp_krijgt_de_grondslag_uit_de_jeugdwet(generalist, inwoner, huishouden):
    jeugdproduct = ProductFactory(wet="jeugdwet", productcategorie="45")
    aanvraag = aanvraag_van(generalist, inwoner, huishouden, jeugdproduct)
    beschikking = besluitvorming.beslis(
        generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING
    )
    assert beschikking.wet == "jeugdwet" and beschikking.grondslag == "Jeugdwet art. 2.3"


def test_afwijzing_maakt_geen_toewijzing(aanvraag, generalist):
    beschikking = besluitvorming.beslis(
        generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING, grondslag="Verordening art. 5"
    )
    assert beschikking.besluit == Besluit.AFWIJZING and beschikking.grondslag == "Verordening art. 5"
    assert not ToegewezenVoorziening.objects.exists()
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == AanvraagStatus.BESLOTEN


def test_besluit_zonder_motivering_wordt_geweigerd(aanvraag, generalist, aanbieder):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(
            generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering="  ", verzoek=verzoek_voor(aanvraag, aanbieder)
        )
    assert "motivering" in fout.value.error_dict
    assert not Beschikking.objects.exists()


def test_afwijzing_met_een_motivering_die_niets_uitlegt_wordt_geweigerd(aanvraag, generalist):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering="Nee.")
    assert codes(fout.value, "motivering") == ["motivering_kort"]


def test_toekenning_zonder_wat_wordt_toegekend_wordt_geweigerd(aanvraag, generalist):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering="Nodig.")
    assert "verzoek" in fout.value.error_dict


def test_toekenning_voor_een_ander_product_dan_gevraagd_wordt_geweigerd(aanvraag, generalist, aanbieder):
    verzoek = verzoek_voor(aanvraag, aanbieder, product=ProductFactory())
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering="Nodig.", verzoek=verzoek)
    assert "verzoek" in fout.value.error_dict


def test_minder_toekennen_dan_gevraagd_vraagt_een_gedeeltelijke_toekenning(aanvraag, generalist, aanbieder):
    verzoek = verzoek_voor(aanvraag, aanbieder, omvang=aanvraag.omvang - 1)
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.TOEKENNING, motivering="Nodig.", verzoek=verzoek)
    assert codes(fout.value, "besluit") == ["kies_gedeeltelijk"]
    beschikking = besluitvorming.beslis(
        generalist, aanvraag, aanvraag.version, besluit=Besluit.GEDEELTELIJKE_TOEKENNING, motivering=MOTIVERING_AFWIJZING, verzoek=verzoek
    )
    assert ToegewezenVoorziening.objects.get(beschikking=beschikking).omvang == aanvraag.omvang - 1


def test_gedeeltelijke_toekenning_van_alles_wat_gevraagd_is_wordt_geweigerd(aanvraag, generalist, aanbieder):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(
            generalist, aanvraag, aanvraag.version, besluit=Besluit.GEDEELTELIJKE_TOEKENNING, motivering=MOTIVERING_AFWIJZING,
            verzoek=verzoek_voor(aanvraag, aanbieder),
        )
    assert codes(fout.value, "besluit") == ["niet_gedeeltelijk"]


def test_toekenning_die_een_regel_breekt_laat_geen_beschikking_achter_en_de_aanvraag_open(aanvraag, generalist):
    zonder_contract = AanbiederFactory()
    with pytest.raises(Regelovertreding) as fout:
        ken_toe(generalist, aanvraag, zonder_contract)
    assert fout.value.regels == ["geen_contract"]
    assert not Beschikking.objects.exists() and not ToegewezenVoorziening.objects.exists()
    with pytest.raises(Beschikking.DoesNotExist):
        aanvraag.beschikking  # noqa: B018 - no rolled-back beschikking left on the instance the form re-renders
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.OPEN and aanvraag.version == 1


def test_besluit_op_een_verouderde_versie_wordt_geweigerd(aanvraag, generalist):
    with pytest.raises(GelijktijdigGewijzigd):
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version - 1, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING)
    assert not Beschikking.objects.exists()


def test_op_een_aanvraag_wordt_maar_een_keer_besloten(aanvraag, generalist):
    besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING)
    with pytest.raises(ValidationError) as fout:
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING)
    assert fout.value.code == "aanvraag_niet_open"
    assert Beschikking.objects.count() == 1


def test_datum_afgifte_niet_in_de_toekomst_en_niet_voor_de_aanvraag(aanvraag, generalist):
    for datum in (vandaag() + timedelta(days=1), aanvraag.ontvangen_op - timedelta(days=1)):
        with pytest.raises(ValidationError) as fout:
            besluitvorming.beslis(
                generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING, datum_afgifte=datum
            )
        assert "datum_afgifte" in fout.value.error_dict


# --- intrekken ---------------------------------------------------------------------------------------


def test_ingetrokken_aanvraag_bewaart_de_reden_en_er_kan_niet_meer_op_worden_besloten(aanvraag, generalist):
    with pytest.raises(ValidationError):
        besluitvorming.trek_aanvraag_in(generalist, aanvraag, aanvraag.version, reden=" ")
    besluitvorming.trek_aanvraag_in(generalist, aanvraag, aanvraag.version, reden="Dochter helpt nu")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGETROKKEN and "Dochter helpt nu" in aanvraag.toelichting
    assert AuditRecord.objects.filter(object_type="Aanvraag", reden="Dochter helpt nu").exists()
    with pytest.raises(ValidationError):
        besluitvorming.beslis(generalist, aanvraag, aanvraag.version, besluit=Besluit.AFWIJZING, motivering=MOTIVERING_AFWIJZING)


# --- verwijzing --------------------------------------------------------------------------------------


def verwijzing_van(door, plan, actie, persoon, product, aanbieder, **extra):
    velden = {
        "plan": plan, "actie": actie, "persoon": persoon, "product": product, "aanbieder": aanbieder, "omvang": 3,
        "eenheid": product.eenheid, "frequentie": "2", "begindatum": vandaag(), "einddatum": vandaag() + timedelta(days=180),
        "hulpvraag": "Structuur in de week; start met drie uur per week.",
    }
    velden.update(extra)
    return besluitvorming.maak_verwijzing(door, **velden)


@pytest.fixture
def indicatievrij(gemeente):
    return zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], gemeente)


@pytest.fixture
def verwijzing(indicatievrij, generalist, plan, maatwerkactie, inwoner, product, aanbieder):
    return verwijzing_van(generalist, plan, maatwerkactie, inwoner, product, aanbieder)


def test_verwijzing_wordt_geweigerd_als_het_product_in_deze_gemeente_niet_indicatievrij_is(
    generalist, plan, maatwerkactie, inwoner, product, aanbieder
):
    zet_beleid(Sleutel.INDICATIEVRIJ, ["wmo:02"], HuishoudenFactory().gemeente)  # another gemeente's policy does not count
    with pytest.raises(ValidationError) as fout:
        verwijzing_van(generalist, plan, maatwerkactie, inwoner, product, aanbieder)
    assert codes(fout.value, "product") == ["beschikking_vereist"]
    assert "een beschikking nodig: dien een aanvraag in" in fout.value.message_dict["product"][0]
    assert not Verwijzing.objects.exists()


def test_verwijzing_voor_een_algemene_voorziening_wordt_geweigerd(indicatievrij, generalist, plan, inwoner, product, aanbieder):
    actie = voeg_actie_toe(plan, generalist, Trede.ALGEMENE_VOORZIENING)
    with pytest.raises(ValidationError) as fout:
        verwijzing_van(generalist, plan, actie, inwoner, product, aanbieder)
    assert codes(fout.value, "actie") == ["geen_maatwerk"]


def test_verwijzing_voor_iemand_buiten_het_huishouden_wordt_geweigerd(indicatievrij, generalist, plan, maatwerkactie, product, aanbieder):
    vreemde = HuishoudenFactory().leden_op().first().persoon
    with pytest.raises(ValidationError) as fout:
        verwijzing_van(generalist, plan, maatwerkactie, vreemde, product, aanbieder)
    assert "persoon" in fout.value.error_dict


def test_geen_verwijsbrief_voor_wat_niet_kan_worden_toegekend(indicatievrij, generalist, plan, maatwerkactie, inwoner, product):
    with pytest.raises(Regelovertreding) as fout:
        verwijzing_van(generalist, plan, maatwerkactie, inwoner, product, AanbiederFactory())
    assert fout.value.regels == ["geen_contract"]
    assert not Verwijzing.objects.exists()


def test_verwijzing_krijgt_een_kenmerk_en_nog_geen_toewijzing(verwijzing, gemeente, generalist):
    assert verwijzing.kenmerk == f"V{gemeente.gemeentecode}-{vandaag().year}-000001"
    assert verwijzing.opgesteld_door == generalist and verwijzing.opgesteld_op == vandaag()
    assert not ToegewezenVoorziening.objects.exists()
    assert AuditRecord.objects.filter(object_type="Verwijzing", huishouden_id=verwijzing.huishouden_id).exists()


def test_verwijzing_geeft_precies_een_toewijzing_pas_na_de_derde_handtekening(verwijzing, generalist):
    assert besluitvorming.onderteken_verwijzing(generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen") is None
    assert besluitvorming.onderteken_verwijzing(generalist, verwijzing, generalist_op=vandaag()) is None
    assert not ToegewezenVoorziening.objects.exists()
    voorziening = besluitvorming.onderteken_verwijzing(generalist, verwijzing, aanbieder_op=vandaag(), aanbieder_door="Zorg B.V.")
    assert voorziening.grondslag == Grondslag.VERWIJZING and voorziening.verwijzing == verwijzing
    assert voorziening.leveringsvorm == Leveringsvorm.ZIN and voorziening.aanbieder == verwijzing.aanbieder
    assert (voorziening.omvang, voorziening.huishouden) == (3, verwijzing.huishouden)
    nogmaals = besluitvorming.onderteken_verwijzing(generalist, verwijzing, aanbieder_op=vandaag() - timedelta(days=1), aanbieder_door="X")
    assert nogmaals == voorziening
    assert ToegewezenVoorziening.objects.filter(verwijzing=verwijzing).count() == 1


def test_ingetrokken_verwijzing_kan_niet_meer_worden_getekend(verwijzing, generalist):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.trek_verwijzing_in(generalist, verwijzing, reden="kort")
    assert "reden" in fout.value.message_dict
    besluitvorming.trek_verwijzing_in(generalist, verwijzing, reden="De aanbieder neemt de intake niet aan.")
    assert Verwijzing.objects.get(pk=verwijzing.pk).ingetrokken_op == vandaag()
    with pytest.raises(ValidationError) as fout:
        besluitvorming.onderteken_verwijzing(
            generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen", generalist_op=vandaag(),
            aanbieder_op=vandaag(), aanbieder_door="Zorg B.V.",
        )
    assert fout.value.code == "verwijzing_ingetrokken" and not ToegewezenVoorziening.objects.exists()
    with pytest.raises(ValidationError):
        besluitvorming.trek_verwijzing_in(generalist, verwijzing, reden="Nogmaals intrekken gaat niet.")


def test_verwijzing_met_toewijzing_kan_niet_worden_ingetrokken(verwijzing, generalist):
    besluitvorming.onderteken_verwijzing(
        generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen", generalist_op=vandaag(),
        aanbieder_op=vandaag(), aanbieder_door="Zorg B.V.",
    )
    with pytest.raises(ValidationError) as fout:
        besluitvorming.trek_verwijzing_in(generalist, verwijzing, reden="De aanbieder neemt de intake niet aan.")
    assert fout.value.code == "al_toegewezen"
    assert Verwijzing.objects.get(pk=verwijzing.pk).ingetrokken_op is None


def test_alle_drie_handtekeningen_tegelijk_geven_meteen_de_toewijzing(verwijzing, generalist):
    voorziening = besluitvorming.onderteken_verwijzing(
        generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen", generalist_op=vandaag(),
        aanbieder_op=vandaag(), aanbieder_door="Zorg B.V.",
    )
    assert voorziening is not None and Verwijzing.objects.get(pk=verwijzing.pk).volledig_getekend


def test_handtekening_vraagt_een_naam_en_geen_datum_in_de_toekomst(verwijzing, generalist):
    with pytest.raises(ValidationError) as fout:
        besluitvorming.onderteken_verwijzing(
            generalist, verwijzing, inwoner_op=vandaag(), generalist_op=vandaag() + timedelta(days=1)
        )
    assert {"inwoner_door", "generalist_op"} <= set(fout.value.error_dict)
    assert not Verwijzing.objects.get(pk=verwijzing.pk).getekend_inwoner_op


def test_een_gezette_handtekening_wijzigt_niet(verwijzing, generalist):
    besluitvorming.onderteken_verwijzing(generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen")
    besluitvorming.onderteken_verwijzing(generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen")  # same: no-op
    with pytest.raises(ValidationError) as fout:
        besluitvorming.onderteken_verwijzing(generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="P. Pietersen")
    assert "inwoner_op" in fout.value.error_dict


def test_derde_handtekening_die_niet_meer_kan_worden_toegekend_wordt_niet_vastgelegd(verwijzing, generalist, aanbieder):
    besluitvorming.onderteken_verwijzing(
        generalist, verwijzing, inwoner_op=vandaag(), inwoner_door="J. Jansen", generalist_op=vandaag()
    )
    aanbieder.actief = False
    aanbieder.save()
    with pytest.raises(Regelovertreding):
        besluitvorming.onderteken_verwijzing(generalist, verwijzing, aanbieder_op=vandaag(), aanbieder_door="Zorg B.V.")
    assert not Verwijzing.objects.get(pk=verwijzing.pk).getekend_aanbieder_op and not verwijzing.getekend_aanbieder_op
    assert verwijzing.getekend_inwoner_op == vandaag()
    assert not ToegewezenVoorziening.objects.exists()
