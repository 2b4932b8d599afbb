"""The grant lifecycle in besluiten/services.py: toekennen, wijzigen, intrekken, beëindigen, numbering, locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from keukentafel.accounts.models import AuditActie, AuditRecord
from keukentafel.besluiten import services
from keukentafel.besluiten.models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Grondslag,
    Leveringsvorm,
    MutatieSoort,
    ToegewezenVoorziening,
    Voorzieningmutatie,
    VoorzieningStatus,
)
from keukentafel.besluiten.regels import Pvbgegevens, Regelovertreding
from keukentafel.codelijsten import Eenheid, Frequentie, RedenWijziging, Wet
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import GebiedFactory, GemeenteFactory, HuishoudenFactory, PersoonFactory, ProductFactory, TariefFactory

from . import test_regels as gedeeld
from .test_regels import BEGIN, OP, pgb, verzoek

# The fixtures of test_regels, shared (pytest finds fixtures by name in the module).
gemeente, persoon, product, kortdurend_verblijf = gedeeld.gemeente, gedeeld.persoon, gedeeld.product, gedeeld.kortdurend_verblijf
aanbieder, tarief, door = gedeeld.aanbieder, gedeeld.tarief, gedeeld.door

EIND = date(2026, 12, 31)


def toekennen(door, v, **kwargs):
    kwargs.setdefault("grondslag", Grondslag.OVERGANGSRECHT)
    kwargs.setdefault("indicatiebron", "CIZ")
    kwargs.setdefault("op", OP)
    return services.ken_toe(door, v, **kwargs)


@pytest.fixture
def zin(persoon, product, tarief, door):
    return toekennen(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder))


# ---------------------------------------------------------------------------------------------------
# Toekennen
# ---------------------------------------------------------------------------------------------------


def test_ken_toe_schrijft_mutatie_en_auditregel(persoon, product, tarief, door):
    huishouden = HuishoudenFactory(gebied=persoon.gebied)
    v = toekennen(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), huishouden=huishouden)
    assert v.contract == tarief.contract and v.tarief_cent == 5400 and v.status == VoorzieningStatus.ACTIEF
    mutatie = Voorzieningmutatie.objects.get(voorziening=v)
    assert mutatie.soort == MutatieSoort.TOEKENNING and mutatie.nieuw["omvang"] == "4" and mutatie.door == door
    audit = AuditRecord.objects.get(object_type="ToegewezenVoorziening", object_id=str(v.pk))
    assert audit.actie == AuditActie.AANMAKEN and audit.medewerker == door and audit.huishouden_id == huishouden.pk
    assert str(v.toewijzingnummer) in audit.omschrijving


def test_ken_toe_op_beschikking(persoon, product, tarief, door):
    huishouden = HuishoudenFactory(gebied=persoon.gebied)
    aanvraag = Aanvraag.objects.create(
        persoon=persoon, huishouden=huishouden, gemeente=persoon.gemeente, product=product, omvang=4, eenheid=product.eenheid,
        frequentie=product.frequentie, ontvangen_op=date(2025, 12, 15), uiterste_beslisdatum=date(2025, 12, 29), behandelaar=door,
    )
    beschikking = Beschikking.objects.create(
        aanvraag=aanvraag, gemeente=persoon.gemeente, kenmerk=services.kenmerk(persoon.gemeente, "beschikking", "B", OP), wet=Wet.WMO,
        besluit=Besluit.TOEKENNING, motivering="Begeleiding nodig om zelfstandig te blijven wonen.", grondslag="Wmo 2015 art. 2.3.5",
        datum_afgifte=OP, einde_bezwaartermijn=OP + timedelta(days=42), afgegeven_door=door,
    )
    v = services.ken_toe(
        door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), grondslag=Grondslag.BESCHIKKING,
        huishouden=huishouden, beschikking=beschikking, op=OP,
    )
    assert v.beschikking == beschikking and v.grondslag == Grondslag.BESCHIKKING


@pytest.mark.parametrize("grondslag", [Grondslag.BESCHIKKING, Grondslag.VERWIJZING])
def test_ken_toe_grondslag_vraagt_het_document(persoon, product, tarief, door, grondslag):
    with pytest.raises(ValueError):
        services.ken_toe(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), grondslag=grondslag, op=OP)


def test_ken_toe_weigert_en_schrijft_niets(persoon, product, tarief, door):
    with pytest.raises(Regelovertreding):
        toekennen(door, verzoek(persoon, product))  # ZIN without aanbieder
    assert not ToegewezenVoorziening.objects.exists() and not Voorzieningmutatie.objects.exists()


def test_ken_toe_pgb_slaat_budget_en_maximum_op(persoon, product, tarief, door):
    v = toekennen(door, verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=pgb(), einddatum=date(2026, 1, 18)))
    assert v.aanbieder is None and v.contract is None and v.tarief_cent == 5000
    assert v.pgb.budget_cent == 8 * 5000 and v.pgb.maximum_tarief_cent == 5400 and v.pgb.budgetvaardig


def test_ken_toe_pvb_slaat_keuze_op(persoon, product, tarief, door):
    gegevens = Pvbgegevens(regievaardig=False, vertegenwoordiger=" Broer Jan ")
    v = toekennen(door, verzoek(persoon, product, leveringsvorm=Leveringsvorm.PVB, aanbieder=tarief.contract.aanbieder, pvb=gegevens))
    assert v.pvb.vertegenwoordiger == "Broer Jan" and v.contract == tarief.contract


def test_ken_toe_zonder_woongemeente_geweigerd(product, tarief, door):
    zwerver = PersoonFactory(gebied=None, gemeente=None)
    with pytest.raises(ValidationError):
        toekennen(door, verzoek(zwerver, product, aanbieder=tarief.contract.aanbieder))


def test_toewijzingnummer_uniek_en_opvolgend_per_gemeente(product, tarief, door, gemeente):
    andere = GemeenteFactory(regio=gemeente.regio)
    aanbieder = tarief.contract.aanbieder

    def toekenning_in(g):
        return toekennen(door, verzoek(PersoonFactory(gebied=GebiedFactory(gemeente=g)), product, aanbieder=aanbieder))

    hier = [toekenning_in(gemeente) for _ in range(3)]
    daar = [toekenning_in(andere) for _ in range(2)]
    assert [v.toewijzingnummer for v in hier] == [1, 2, 3]
    assert [v.toewijzingnummer for v in daar] == [1, 2]


def test_toewijzingnummer_database_staat_geen_dubbel_toe(zin):
    dubbel = ToegewezenVoorziening.objects.get(pk=zin.pk)
    dubbel.pk = None
    dubbel.persoon = PersoonFactory(gebied=zin.persoon.gebied)
    with pytest.raises(IntegrityError), transaction.atomic():
        dubbel.save()


def test_reserveer_nummers_geeft_een_aaneengesloten_reeks(gemeente):
    assert list(services.reserveer_nummers(gemeente, "toewijzing", 3)) == [1, 2, 3]
    assert list(services.reserveer_nummers(gemeente, "toewijzing", 2)) == [4, 5]


def test_kenmerk_per_gemeente_en_jaar(gemeente):
    assert services.kenmerk(gemeente, "beschikking", "B", OP) == f"B{gemeente.gemeentecode}-2026-000001"
    assert services.kenmerk(gemeente, "beschikking", "B", OP) == f"B{gemeente.gemeentecode}-2026-000002"
    assert services.kenmerk(gemeente, "beschikking", "B", date(2027, 1, 1)) == f"B{gemeente.gemeentecode}-2027-000001"


# ---------------------------------------------------------------------------------------------------
# Wijzigen
# ---------------------------------------------------------------------------------------------------


def test_wijzig_schrijft_mutatie_met_oud_en_nieuw(zin, door):
    services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Meer uren nodig.", omvang=6)
    zin.refresh_from_db()
    assert zin.omvang == 6 and zin.version == 2 and zin.reden_wijziging == RedenWijziging.VERLENGING
    mutatie = zin.mutaties.get(soort=MutatieSoort.WIJZIGING)
    assert mutatie.oud["omvang"] == "4" and mutatie.nieuw["omvang"] == "6" and mutatie.reden_code == "04"
    assert AuditRecord.objects.filter(actie=AuditActie.WIJZIGEN, object_id=str(zin.pk)).exists()


def test_wijzig_controleert_regels_opnieuw(persoon, kortdurend_verblijf, aanbieder, door, gemeente):
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=kortdurend_verblijf, tarief_cent=15000)
    v = toekennen(door, verzoek(persoon, kortdurend_verblijf, aanbieder=aanbieder, omvang=3))
    with pytest.raises(Regelovertreding) as exc:
        services.wijzig(door, v, v.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Mantelzorger op vakantie.", omvang=4)
    assert exc.value.regels == ["maximale_omvang"]
    v.refresh_from_db()
    assert v.omvang == 3 and v.version == 1


def test_wijzig_verlenging_overlapt_niet_met_zichzelf(zin, door):
    services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Verlengd.", einddatum=date(2027, 6, 30))
    assert zin.einddatum == date(2027, 6, 30)


def test_wijzig_verlaging_niet_geblokkeerd_door_later_ingetrokken_product(zin, door, product):
    product.actief = False
    product.save()
    zin.product.refresh_from_db()
    services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERKORTING, toelichting="Minder nodig.", omvang=2)
    assert zin.omvang == 2
    with pytest.raises(Regelovertreding) as exc:
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Toch meer.", omvang=3)
    assert exc.value.regels == ["product_inactief"]


def test_wijzig_binnen_plafond_telt_zichzelf_niet_dubbel(zin, door, tarief):
    tarief.contract.volumeplafond = 520
    tarief.contract.save()
    services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Tien uur.", omvang=10)
    with pytest.raises(Regelovertreding) as exc:
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Elf uur.", omvang=11)
    assert exc.value.regels == ["volumeplafond"]


def test_wijzig_pgb_budget_volgt_omvang(persoon, product, tarief, door):
    v = toekennen(door, verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=pgb(), einddatum=date(2026, 1, 18)))
    services.wijzig(door, v, v.version, reden_wijziging=RedenWijziging.VERKORTING, toelichting="Twee uur per week.", omvang=2)
    v.pgb.refresh_from_db()
    assert v.pgb.budget_cent == 4 * 5000


def test_wijzig_verouderde_versie(zin, door):
    verouderd = ToegewezenVoorziening.objects.get(pk=zin.pk)
    services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Eerst.", omvang=5)
    with pytest.raises(GelijktijdigGewijzigd):
        services.wijzig(door, verouderd, verouderd.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Later.", omvang=6)
    zin.refresh_from_db()
    assert zin.omvang == 5 and zin.mutaties.count() == 2


def test_wijzig_zonder_wijziging_geweigerd(zin, door):
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Niets.", omvang=4)


@pytest.mark.parametrize("reden", ["01", "99", ""])
def test_wijzig_reden_uit_de_codelijst(zin, door, reden):
    with pytest.raises(ValidationError) as exc:
        services.wijzig(door, zin, zin.version, reden_wijziging=reden, toelichting="Iets.", omvang=5)
    assert "reden_wijziging" in exc.value.message_dict


def test_wijzig_vraagt_toelichting(zin, door):
    with pytest.raises(ValidationError) as exc:
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="  ", omvang=5)
    assert "toelichting" in exc.value.message_dict


# ---------------------------------------------------------------------------------------------------
# Intrekken
# ---------------------------------------------------------------------------------------------------


def test_trek_in_reden_13_zet_einddatum_op_begindatum(zin, door):
    services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.VERWIJDERD, toelichting="Ten onrechte toegekend.")
    zin.refresh_from_db()
    assert zin.einddatum == zin.begindatum == BEGIN and zin.status == VoorzieningStatus.INGETROKKEN
    assert zin.mutaties.get(soort=MutatieSoort.INTREKKING).reden_code == "13"


def test_trek_in_per_datum(zin, door):
    services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.CORRECTIE, toelichting="Verhuisd.", per=date(2026, 3, 31))
    assert zin.einddatum == date(2026, 3, 31) and zin.status == VoorzieningStatus.INGETROKKEN


def test_trek_in_verlengt_de_toewijzing_niet(zin, door):
    with pytest.raises(ValidationError) as exc:
        services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.CORRECTIE, toelichting="Te laat.", per=date(2027, 3, 31))
    assert "per" in exc.value.message_dict
    zin.refresh_from_db()
    assert zin.einddatum == EIND and zin.status == VoorzieningStatus.ACTIEF


def test_trek_in_niet_voor_de_begindatum(zin, door):
    with pytest.raises(ValidationError):
        services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.CORRECTIE, toelichting="Fout.", per=date(2026, 1, 1))


# ---------------------------------------------------------------------------------------------------
# Beëindigen
# ---------------------------------------------------------------------------------------------------


def test_beeindig_wmo_alleen_wmo588(zin, door):
    with pytest.raises(ValidationError) as exc:
        services.beeindig(door, zin, zin.version, reden_beeindiging="32", per=date(2026, 6, 30))  # JZ588 only
    assert "Wmo 2015" in exc.value.message_dict["reden_beeindiging"][0]
    services.beeindig(door, zin, zin.version, reden_beeindiging="19", per=date(2026, 6, 30))
    zin.refresh_from_db()
    assert zin.status == VoorzieningStatus.BEEINDIGD and zin.einddatum == date(2026, 6, 30) and zin.reden_beeindiging == "19"


def test_beeindig_jeugdwet_alleen_jz588(persoon, aanbieder, door, gemeente):
    jeugdhulp = ProductFactory(wet=Wet.JEUGDWET, productcategorie="45", naam="Jeugdhulp ambulant", eenheid=Eenheid.UUR)
    TariefFactory(contract__aanbieder=aanbieder, contract__regio=gemeente.regio, product=jeugdhulp, tarief_cent=8000)
    jeugdige = PersoonFactory(gebied=persoon.gebied, geboortedatum=date(2014, 6, 1))  # jeugdhulp ends at 18 (jeugd.regels)
    v = toekennen(door, verzoek(jeugdige, jeugdhulp, aanbieder=aanbieder, frequentie=Frequentie.PER_WEEK))
    with pytest.raises(ValidationError) as exc:
        services.beeindig(door, v, v.version, reden_beeindiging="19", per=date(2026, 6, 30))  # WMO588 only
    assert "Jeugdwet" in exc.value.message_dict["reden_beeindiging"][0]
    services.beeindig(door, v, v.version, reden_beeindiging="31", per=date(2026, 6, 30))
    assert v.status == VoorzieningStatus.BEEINDIGD


@pytest.mark.parametrize("per", [date(2026, 1, 4), date(2027, 1, 1)])
def test_beeindig_binnen_de_looptijd(zin, door, per):
    with pytest.raises(ValidationError) as exc:
        services.beeindig(door, zin, zin.version, reden_beeindiging="19", per=per)
    assert "per" in exc.value.message_dict


def test_gestopte_toewijzing_kan_niet_meer_veranderen(zin, door):
    services.beeindig(door, zin, zin.version, reden_beeindiging="19", per=date(2026, 6, 30))
    with pytest.raises(ValidationError, match="beëindigd"):
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Toch.", omvang=5)
    with pytest.raises(ValidationError, match="beëindigd"):
        services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.VERWIJDERD, toelichting="Toch.")
    with pytest.raises(ValidationError, match="beëindigd"):
        services.beeindig(door, zin, zin.version, reden_beeindiging="19", per=date(2026, 5, 31))


def test_ingetrokken_toewijzing_kan_niet_meer_veranderen(zin, door):
    services.trek_in(door, zin, zin.version, reden_wijziging=RedenWijziging.VERWIJDERD, toelichting="Fout.")
    with pytest.raises(ValidationError, match="ingetrokken"):
        services.wijzig(door, zin, zin.version, reden_wijziging=RedenWijziging.VERLENGING, toelichting="Toch.", omvang=5)


# ---------------------------------------------------------------------------------------------------
# Database constraint: pgb without aanbieder, ZIN/pvb with one
# ---------------------------------------------------------------------------------------------------


def test_database_pgb_heeft_geen_aanbieder(persoon, product, tarief, door):
    v = toekennen(door, verzoek(persoon, product, leveringsvorm=Leveringsvorm.PGB, pgb=pgb()))
    with pytest.raises(IntegrityError), transaction.atomic():
        ToegewezenVoorziening.objects.filter(pk=v.pk).update(aanbieder=tarief.contract.aanbieder)


@pytest.mark.parametrize("leveringsvorm", [Leveringsvorm.ZIN, Leveringsvorm.PVB])
def test_database_zin_en_pvb_hebben_een_aanbieder(zin, leveringsvorm):
    with pytest.raises(IntegrityError), transaction.atomic():
        ToegewezenVoorziening.objects.filter(pk=zin.pk).update(leveringsvorm=leveringsvorm, aanbieder=None)
