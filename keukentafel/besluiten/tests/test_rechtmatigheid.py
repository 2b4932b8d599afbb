"""Rechtmatigheidstoets achteraf (besluiten/rechtmatigheid.py): selecting a sample or everything, and judging."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from keukentafel.accounts.models import AuditActie, AuditRecord, Rol
from keukentafel.beleid.models import Sleutel
from keukentafel.besluiten import rechtmatigheid, services
from keukentafel.besluiten.models import (
    MutatieSoort,
    Rechtmatigheidstoets,
    ToetsSelectie,
    ToetsUitkomst,
    VoorzieningStatus,
)
from keukentafel.besluiten.regels import Regelovertreding
from keukentafel.codelijsten import RedenWijziging
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import GemeenteFactory, HuishoudenFactory, MedewerkerFactory, PersoonFactory, ProductFactory

from . import test_regels as gedeeld
from .test_levenscyclus import toekennen
from .test_regels import BEGIN, beleid, bestaande_toewijzing, verzoek

gemeente, persoon, product, aanbieder, tarief, door = (
    gedeeld.gemeente, gedeeld.persoon, gedeeld.product, gedeeld.aanbieder, gedeeld.tarief, gedeeld.door,
)

VAN, TOT = date(2026, 1, 1), date(2026, 3, 31)


@pytest.fixture
def backoffice(gemeente):
    return MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=gemeente)


def toewijzingen(gemeente, door, aantal: int, toegekend_op: date = date(2026, 2, 1)):
    """`aantal` grants in `gemeente`, each for another person, written directly."""
    product = ProductFactory()
    return [
        bestaande_toewijzing(PersoonFactory(gebied__gemeente=gemeente), product, door, toegekend_op=toegekend_op)
        for _ in range(aantal)
    ]


@pytest.fixture
def toets(persoon, product, tarief, door, backoffice):
    """An open toets on a real ZIN grant (4 hours a week, 2026) of a household."""
    huishouden = HuishoudenFactory(gebied=persoon.gebied)
    toekennen(door, verzoek(persoon, product, aanbieder=tarief.contract.aanbieder), huishouden=huishouden, op=date(2026, 2, 1))
    return rechtmatigheid.selecteer_volledig(backoffice, persoon.gemeente, VAN, TOT)[0]


# ---------------------------------------------------------------------------------------------------
# Selecting
# ---------------------------------------------------------------------------------------------------


def test_steekproef_percentage_uit_beleid(gemeente, door, backoffice):
    toewijzingen(gemeente, door, 20)
    toetsen = rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, seed="2026-K1")
    assert len(toetsen) == 2  # national default 10%
    assert all(t.uitkomst == ToetsUitkomst.OPEN and t.selectie == ToetsSelectie.STEEKPROEF for t in toetsen)


def test_steekproef_percentage_van_de_gemeente(gemeente, door, backoffice):
    beleid(Sleutel.RECHTMATIGHEID_STEEKPROEF, gemeente, 25)
    toewijzingen(gemeente, door, 20)
    assert len(rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT)) == 5


def test_steekproef_opgegeven_percentage_rondt_naar_boven(gemeente, door, backoffice):
    toewijzingen(gemeente, door, 7)
    assert len(rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=30)) == 3  # 2,1 → 3


def test_steekproef_minstens_een(gemeente, door, backoffice):
    toewijzingen(gemeente, door, 3)
    assert len(rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=1)) == 1


def test_steekproef_zonder_kandidaten_is_leeg(gemeente, backoffice):
    assert rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT) == []


@pytest.mark.parametrize("procent", [0, 101])
def test_steekproef_percentage_tussen_1_en_100(gemeente, backoffice, procent):
    with pytest.raises(ValidationError) as exc:
        rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=procent)
    assert "procent" in exc.value.message_dict


def test_steekproef_is_reproduceerbaar_met_seed(gemeente, door, backoffice):
    lijst = toewijzingen(gemeente, door, 30)
    eerste = {t.voorziening_id for t in rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=20, seed="abc")}
    Rechtmatigheidstoets.objects.all().delete()
    tweede = {t.voorziening_id for t in rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=20, seed="abc")}
    assert eerste == tweede and len(eerste) == 6
    # Computed independently: the same draw over the sorted pks.
    assert eerste == set(random.Random("abc").sample(sorted(v.pk for v in lijst), 6))


def test_steekproef_zonder_seed_legt_de_seed_vast_in_de_audittrail(gemeente, door, backoffice):
    toewijzingen(gemeente, door, 5)
    rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT)
    regel = AuditRecord.objects.get(medewerker=backoffice, actie=AuditActie.AANMAKEN)
    assert "seed " in regel.omschrijving and "1 van 5" in regel.omschrijving


def test_selectie_alleen_de_periode_en_de_gemeente(gemeente, door, backoffice):
    binnen = toewijzingen(gemeente, door, 1)
    toewijzingen(gemeente, door, 1, toegekend_op=date(2025, 12, 31))
    toewijzingen(gemeente, door, 1, toegekend_op=date(2026, 4, 1))
    toewijzingen(GemeenteFactory(regio=gemeente.regio), door, 1)
    assert [t.voorziening for t in rechtmatigheid.selecteer_volledig(backoffice, gemeente, VAN, TOT)] == binnen


def test_selectie_slaat_al_getoetste_en_open_toetsen_over(gemeente, door, backoffice):
    lijst = toewijzingen(gemeente, door, 4)
    eerste = rechtmatigheid.selecteer_steekproef(backoffice, gemeente, VAN, TOT, procent=50, seed="x")
    rechtmatigheid.beoordeel(backoffice, eerste[0], uitkomst=ToetsUitkomst.RECHTMATIG, bevinding="")
    rest = rechtmatigheid.selecteer_volledig(backoffice, gemeente, VAN, TOT)
    assert {t.voorziening_id for t in rest} == {v.pk for v in lijst} - {t.voorziening_id for t in eerste}
    assert all(t.selectie == ToetsSelectie.VOLLEDIG for t in rest)
    assert rechtmatigheid.selecteer_volledig(backoffice, gemeente, VAN, TOT) == []


def test_database_een_open_toets_per_voorziening(gemeente, door, backoffice):
    v = toewijzingen(gemeente, door, 1)[0]
    rechtmatigheid.selecteer_volledig(backoffice, gemeente, VAN, TOT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rechtmatigheidstoets.objects.create(voorziening=v, selectie=ToetsSelectie.STEEKPROEF, geselecteerd_op=date(2026, 4, 1))


def test_periode_einde_niet_voor_begin(gemeente, backoffice):
    with pytest.raises(ValidationError):
        rechtmatigheid.selecteer_volledig(backoffice, gemeente, TOT, VAN)


@pytest.mark.parametrize("rol", [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BELEID])
def test_selecteren_alleen_backoffice(gemeente, rol):
    medewerker = MedewerkerFactory(rol=rol, team__gebied__gemeente=gemeente)
    with pytest.raises(PermissionDenied):
        rechtmatigheid.selecteer_volledig(medewerker, gemeente, VAN, TOT)


def test_selecteren_alleen_in_de_eigen_gemeente(gemeente):
    andere = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=GemeenteFactory())
    with pytest.raises(PermissionDenied):
        rechtmatigheid.selecteer_steekproef(andere, gemeente, VAN, TOT)


# ---------------------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------------------


def test_beoordeel_rechtmatig_sluit_de_toets(toets, backoffice):
    rechtmatigheid.beoordeel(backoffice, toets, uitkomst=ToetsUitkomst.RECHTMATIG, bevinding="")
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.RECHTMATIG and toets.getoetst_door == backoffice and toets.getoetst_op
    assert toets.voorziening.mutaties.count() == 1  # only the toekenning
    assert AuditRecord.objects.filter(object_type="Rechtmatigheidstoets", object_id=str(toets.pk), actie=AuditActie.WIJZIGEN).exists()


def test_beoordeel_gecorrigeerd_wijzigt_met_correctie(toets, backoffice):
    rechtmatigheid.beoordeel(
        backoffice, toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Indicatie was 3 uur, 4 ingevoerd.", omvang=3,
    )
    v = toets.voorziening
    v.refresh_from_db()
    assert v.omvang == 3 and v.reden_wijziging == RedenWijziging.CORRECTIE
    mutatie = v.mutaties.get(soort=MutatieSoort.CORRECTIE)
    assert mutatie.reden_code == "14" and "Indicatie was 3 uur" in mutatie.toelichting and mutatie.door == backoffice
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.GECORRIGEERD and toets.bevinding == "Indicatie was 3 uur, 4 ingevoerd."
    omschrijvingen = list(AuditRecord.objects.filter(medewerker=backoffice).values_list("omschrijving", flat=True))
    assert any("gecorrigeerd na rechtmatigheidstoets" in o for o in omschrijvingen)
    assert any("Rechtmatigheidstoets toewijzing" in o for o in omschrijvingen)


def test_beoordeel_gecorrigeerd_einddatum(toets, backoffice):
    rechtmatigheid.beoordeel(
        backoffice, toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Beschikking gold tot eind juni.", einddatum=date(2026, 6, 30)
    )
    toets.voorziening.refresh_from_db()
    assert toets.voorziening.einddatum == date(2026, 6, 30)


def test_beoordeel_ingetrokken_met_reden_13(toets, backoffice):
    rechtmatigheid.beoordeel(
        backoffice, toets, uitkomst=ToetsUitkomst.INGETROKKEN, bevinding="Inwoner woonde niet in de gemeente.",
        reden_wijziging=RedenWijziging.VERWIJDERD,
    )
    v = toets.voorziening
    v.refresh_from_db()
    assert v.status == VoorzieningStatus.INGETROKKEN and v.einddatum == BEGIN
    assert v.mutaties.get(soort=MutatieSoort.INTREKKING).reden_code == "13"


def test_beoordeel_ingetrokken_per_datum(toets, backoffice):
    rechtmatigheid.beoordeel(
        backoffice, toets, uitkomst=ToetsUitkomst.INGETROKKEN, bevinding="Zorg niet meer nodig sinds maart.", einddatum=date(2026, 3, 31)
    )
    toets.voorziening.refresh_from_db()
    assert toets.voorziening.einddatum == date(2026, 3, 31) and toets.voorziening.status == VoorzieningStatus.INGETROKKEN


@pytest.mark.parametrize("uitkomst", [ToetsUitkomst.GECORRIGEERD, ToetsUitkomst.INGETROKKEN])
def test_beoordeel_onrechtmatig_vraagt_bevinding(toets, backoffice, uitkomst):
    with pytest.raises(ValidationError) as exc:
        rechtmatigheid.beoordeel(backoffice, toets, uitkomst=uitkomst, bevinding="  ", omvang=3)
    assert "bevinding" in exc.value.message_dict
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_beoordeel_correctie_zonder_wijziging_geweigerd_en_niets_opgeslagen(toets, backoffice):
    with pytest.raises(ValidationError):
        rechtmatigheid.beoordeel(backoffice, toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Te veel uren.")
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_beoordeel_correctie_die_een_regel_breekt_draait_alles_terug(toets, backoffice):
    with pytest.raises(Regelovertreding):
        rechtmatigheid.beoordeel(
            backoffice, toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Moest langer lopen.", einddatum=date(2026, 1, 1)
        )
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN
    assert not AuditRecord.objects.filter(object_type="Rechtmatigheidstoets").exists()


def test_beoordeel_verouderde_versie(toets, backoffice):
    gezien = toets.voorziening.version
    toets.voorziening.refresh_from_db()
    services.wijzig(backoffice, toets.voorziening, gezien, reden_wijziging="04", toelichting="Intussen.", omvang=5)
    with pytest.raises(GelijktijdigGewijzigd):
        rechtmatigheid.beoordeel(backoffice, toets, uitkomst=ToetsUitkomst.GECORRIGEERD, bevinding="Fout.", omvang=3, versie=gezien)
    toets.refresh_from_db()
    assert toets.uitkomst == ToetsUitkomst.OPEN


def test_beoordeel_twee_keer_geweigerd(toets, backoffice):
    verouderd = Rechtmatigheidstoets.objects.get(pk=toets.pk)
    rechtmatigheid.beoordeel(backoffice, toets, uitkomst=ToetsUitkomst.RECHTMATIG, bevinding="")
    with pytest.raises(ValidationError, match="al beoordeeld"):
        rechtmatigheid.beoordeel(backoffice, verouderd, uitkomst=ToetsUitkomst.INGETROKKEN, bevinding="Toch niet.")
    assert toets.voorziening.status == VoorzieningStatus.ACTIEF


@pytest.mark.parametrize("uitkomst", [ToetsUitkomst.OPEN, "onzin"])
def test_beoordeel_vraagt_een_uitkomst(toets, backoffice, uitkomst):
    with pytest.raises(ValidationError) as exc:
        rechtmatigheid.beoordeel(backoffice, toets, uitkomst=uitkomst, bevinding="x")
    assert "uitkomst" in exc.value.message_dict


def test_beoordeel_alleen_backoffice_van_de_gemeente(toets, door):
    with pytest.raises(PermissionDenied):
        rechtmatigheid.beoordeel(door, toets, uitkomst=ToetsUitkomst.RECHTMATIG, bevinding="")
    andere = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=GemeenteFactory())
    with pytest.raises(PermissionDenied):
        rechtmatigheid.beoordeel(andere, toets, uitkomst=ToetsUitkomst.RECHTMATIG, bevinding="")
