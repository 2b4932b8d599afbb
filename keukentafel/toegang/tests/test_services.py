"""The rules as the services enforce them (the API and other callers rely on these, not on the forms)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from keukentafel.beleid.models import Leefgebied
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.testing.factories import MeldingFactory
from keukentafel.toegang import services
from keukentafel.toegang.models import MeldingStatus, Zelfredzaamheidsscore

pytestmark = pytest.mark.django_db


@pytest.fixture
def gesprek(generalist, huishouden):
    onderzoek = services.start_onderzoek(generalist, MeldingFactory(huishouden=huishouden))
    return services.plan_gesprek(generalist, onderzoek, timezone.now() - timedelta(hours=2))


def test_service_weigert_gesprek_zonder_vastlegging_clientondersteuning(generalist, gesprek):
    with pytest.raises(ValidationError) as exc:
        services.leg_gesprek_vast(
            generalist,
            gesprek,
            verwachte_versie=gesprek.version,
            gehouden_op=timezone.now(),
            bevindingen=[],
            gewezen_op_clientondersteuning=False,
        )
    assert "gewezen_op_clientondersteuning" in exc.value.message_dict
    gesprek.refresh_from_db()
    assert gesprek.gehouden_op is None


def test_service_scores_buiten_1_tot_5_geweigerd_en_geldige_als_historie(generalist, gesprek):
    fin = Leefgebied.objects.get(code="financien")
    with pytest.raises(ValidationError):
        services.leg_gesprek_vast(
            generalist,
            gesprek,
            verwachte_versie=gesprek.version,
            gehouden_op=timezone.now(),
            bevindingen=[services.Bevinding(fin, "x", 0)],
            gewezen_op_clientondersteuning=True,
        )
    for score in range(1, 6):
        gesprek.refresh_from_db()
        services.leg_gesprek_vast(
            generalist,
            gesprek,
            verwachte_versie=gesprek.version,
            gehouden_op=timezone.now(),
            bevindingen=[services.Bevinding(fin, "", score)],
            gewezen_op_clientondersteuning=True,
        )
    assert list(Zelfredzaamheidsscore.objects.values_list("score", flat=True)) == [5]  # re-recording one gesprek replaces its score


def test_service_trieer_met_verouderde_versie_geweigerd(generalist, huishouden):
    melding = MeldingFactory(huishouden=huishouden)
    services.wijs_toe(generalist, melding, generalist, melding.version)
    with pytest.raises(GelijktijdigGewijzigd):
        services.trieer(generalist, melding, uitkomst="direct", toelichting="Advies", verwachte_versie=1)


def test_afronden_sluit_de_melding_zodat_nieuwe_meldingen_niet_meer_koppelen(generalist, gesprek):
    services.leg_gesprek_vast(
        generalist,
        gesprek,
        verwachte_versie=gesprek.version,
        gehouden_op=timezone.now(),
        bevindingen=[],
        gewezen_op_clientondersteuning=True,
    )
    onderzoek = gesprek.onderzoek
    services.rond_onderzoek_af(generalist, onderzoek, "Opgelost met een algemene voorziening.")
    nieuwe = services.registreer_melding(
        generalist,
        gemeente=onderzoek.huishouden.gemeente,
        huishouden=onderzoek.huishouden,
        kanaal="balie",
        melder_type="inwoner",
        vraag="Nieuw",
    )
    assert nieuwe.status == MeldingStatus.NIEUW and nieuwe.gekoppeld_aan is None


def test_verwerk_in_casus_alleen_voor_gekoppelde_melding(generalist, huishouden):
    melding = MeldingFactory(huishouden=huishouden)
    with pytest.raises(ValidationError):
        services.verwerk_in_casus(generalist, melding, verwachte_versie=melding.version, toelichting="Meegenomen")


def test_afgesloten_melding_wordt_niet_heropend_door_toewijzen_of_onderzoek(generalist, huishouden):
    melding = MeldingFactory(huishouden=huishouden, status=MeldingStatus.AFGESLOTEN)
    with pytest.raises(ValidationError):
        services.wijs_toe(generalist, melding, generalist, melding.version)
    with pytest.raises(ValidationError):
        services.start_onderzoek(generalist, melding)
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.AFGESLOTEN and melding.toegewezen_aan is None


def test_toewijzen_alleen_aan_generalist_of_teamleider(generalist, huishouden, gebied):
    from keukentafel.accounts.models import Rol
    from keukentafel.testing.factories import MedewerkerFactory

    backoffice = MedewerkerFactory(team=None, gemeente=gebied.gemeente, rol=Rol.BACKOFFICE)
    melding = MeldingFactory(huishouden=huishouden)
    with pytest.raises(ValidationError):
        services.wijs_toe(generalist, melding, backoffice, melding.version)


def test_gekoppelde_melding_blijft_gekoppeld_bij_toewijzen(generalist, collega, huishouden):
    eerste = MeldingFactory(huishouden=huishouden)
    tweede = MeldingFactory(huishouden=huishouden, status=MeldingStatus.GEKOPPELD, gekoppeld_aan=eerste)
    services.wijs_toe(generalist, tweede, collega, tweede.version)
    tweede.refresh_from_db()
    assert tweede.status == MeldingStatus.GEKOPPELD and tweede.toegewezen_aan == collega
