"""Triage on the melding page: outcomes, required fields per outcome, assignment, optimistic locking."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import MedewerkerFactory, MeldingFactory
from keukentafel.toegang.models import Melding, MeldingStatus, Onderzoek, TriageUitkomst

pytestmark = pytest.mark.django_db


def triage(melding: Melding, **velden) -> dict:
    data = {"actie": "trieer", "triage-version": melding.version, "triage-uitkomst": "gebiedsteam"}
    data.update({f"triage-{k}": v for k, v in velden.items()})
    return data


def url(melding: Melding) -> str:
    return reverse("toegang:melding_detail", args=[melding.pk])


@pytest.fixture
def melding(huishouden, team):
    return MeldingFactory(huishouden=huishouden, team=team)


def test_direct_beantwoord_sluit_de_melding(client, generalist, melding):
    client.force_login(generalist)
    r = client.post(url(melding), triage(melding, uitkomst="direct", toelichting="Verwezen naar de boodschappendienst van Welzijn."))
    assert r.status_code == 302
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.AFGESLOTEN and melding.afgesloten_op is not None
    assert melding.triage_uitkomst == TriageUitkomst.DIRECT and melding.getrieerd_door == generalist


def test_direct_beantwoord_vraagt_het_gegeven_advies(client, generalist, melding):
    client.force_login(generalist)
    r = client.post(url(melding), triage(melding, uitkomst="direct"))
    assert r.status_code == 400
    assert "Leg vast welk advies of welke voorziening is gegeven." in r.content.decode()
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.NIEUW


def test_acuut_vereist_directe_toewijzing(client, generalist, collega, melding):
    client.force_login(generalist)
    r = client.post(url(melding), triage(melding, uitkomst="acuut", toelichting="Dreigende huisuitzetting vandaag."))
    assert r.status_code == 400
    assert "Bij acute situaties wordt direct een generalist toegewezen." in r.content.decode()
    melding.refresh_from_db()
    assert melding.triage_uitkomst == ""
    r = client.post(url(melding), triage(melding, uitkomst="acuut", toewijzen_aan=collega.pk))
    assert r.status_code == 302
    melding.refresh_from_db()
    assert (melding.status, melding.toegewezen_aan, melding.urgentie) == (MeldingStatus.IN_BEHANDELING, collega, "acuut")


def test_voorliggend_vereist_vastgelegde_doorverwijzing(client, generalist, melding):
    client.force_login(generalist)
    r = client.post(url(melding), triage(melding, uitkomst="voorliggend", voorliggend="wlz"))
    assert r.status_code == 400
    assert "Kies de voorliggende voorziening en naar wie is doorverwezen." in r.content.decode()
    r = client.post(
        url(melding), triage(melding, uitkomst="voorliggend", voorliggend="wlz", doorverwezen_naar="CIZ voor een Wlz-indicatie")
    )
    assert r.status_code == 302
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.AFGESLOTEN
    assert (melding.voorliggend, melding.doorverwezen_naar) == ("wlz", "CIZ voor een Wlz-indicatie")


def test_naar_gebiedsteam_met_optionele_toewijzing(client, generalist, collega, melding, team):
    client.force_login(generalist)
    assert client.post(url(melding), triage(melding, vraagtype="complex")).status_code == 302
    melding.refresh_from_db()
    assert (melding.status, melding.team, melding.toegewezen_aan, melding.vraagtype) == (MeldingStatus.NIEUW, team, None, "complex")
    assert client.post(url(melding), triage(melding, toewijzen_aan=collega.pk)).status_code == 302
    melding.refresh_from_db()
    assert (melding.status, melding.toegewezen_aan) == (MeldingStatus.IN_BEHANDELING, collega)


def test_alleen_generalisten_en_teamleiders_van_de_gemeente_zijn_te_kiezen(client, generalist, melding):
    backoffice = MedewerkerFactory(team=None, gemeente=generalist.werkgemeente, rol=Rol.BACKOFFICE)
    elders = MedewerkerFactory()  # another gemeente
    client.force_login(generalist)
    r = client.post(url(melding), triage(melding, uitkomst="acuut", toewijzen_aan=elders.pk))
    assert r.status_code == 400
    html = client.get(url(melding)).content.decode()
    assert f'value="{generalist.pk}"' in html
    assert f'<option value="{backoffice.pk}"' not in html and f'<option value="{elders.pk}"' not in html


def test_gelijktijdige_wijziging_bij_triage_behoudt_invoer_en_toont_melding(client, generalist, collega, melding):
    client.force_login(generalist)
    verouderd = melding.version
    # a colleague assigns the melding in the meantime
    client.post(url(melding), {"actie": "toewijzen", "toewijzen-version": verouderd, "toewijzen-medewerker": collega.pk})
    toelichting = "Uitgebreid advies over mantelzorgondersteuning en de respijtvoorziening gegeven."
    r = client.post(url(melding), triage(melding, uitkomst="direct", toelichting=toelichting) | {"triage-version": verouderd})
    assert r.status_code == 409
    html = r.content.decode()
    assert "is intussen door iemand anders gewijzigd" in html
    assert toelichting in html  # nothing lost
    assert re.search(r'<input[^>]*name="triage-uitkomst" value="direct"[^>]*checked', html)  # the chosen outcome too
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.IN_BEHANDELING and melding.triage_uitkomst == ""
    assert f'name="triage-version" value="{melding.version}"' in html  # saving again is possible
    r = client.post(url(melding), triage(melding, uitkomst="direct", toelichting=toelichting))
    assert r.status_code == 302


def test_toewijzen_aan_collega(client, generalist, collega, melding):
    client.force_login(generalist)
    r = client.post(url(melding), {"actie": "toewijzen", "toewijzen-version": melding.version, "toewijzen-medewerker": collega.pk})
    assert r.status_code == 302
    melding.refresh_from_db()
    assert melding.toegewezen_aan == collega and melding.status == MeldingStatus.IN_BEHANDELING


def test_onderzoek_starten_vanaf_de_melding(client, generalist, melding):
    client.force_login(generalist)
    r = client.post(url(melding), {"actie": "onderzoek", "onderzoek-behandelaar": ""})
    onderzoek = Onderzoek.objects.get(melding=melding)
    assert r.status_code == 302 and r.url == reverse("toegang:onderzoek_detail", args=[onderzoek.pk])
    assert onderzoek.behandelaar == generalist
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.IN_BEHANDELING
    html = client.get(url(melding)).content.decode()
    assert "Triage vastleggen" not in html and reverse("toegang:onderzoek_detail", args=[onderzoek.pk]) in html


def test_gekoppelde_melding_verwerken_in_de_casus(client, generalist, melding):
    tweede = MeldingFactory(huishouden=melding.huishouden, status=MeldingStatus.GEKOPPELD, gekoppeld_aan=melding, toegewezen_aan=generalist)
    client.force_login(generalist)
    html = client.get(url(tweede)).content.decode()
    assert "Verwerken in de lopende casus" in html and "Triage vastleggen" not in html
    r = client.post(url(tweede), {"actie": "verwerken", "verwerken-version": tweede.version, "verwerken-toelichting": ""})
    assert r.status_code == 400 and "Leg vast wat er met deze melding" in r.content.decode()
    r = client.post(
        url(tweede), {"actie": "verwerken", "verwerken-version": tweede.version, "verwerken-toelichting": "Meegenomen in het gesprek."}
    )
    assert r.status_code == 302
    tweede.refresh_from_db()
    assert tweede.status == MeldingStatus.AFGESLOTEN


def test_detailpagina_toont_gemaskeerd_bsn(client, generalist, melding):
    persoon = melding.huishouden.leden.get().persoon
    melding.persoon = persoon
    melding.save()
    client.force_login(generalist)
    html = client.get(url(melding)).content.decode()
    assert persoon.bsn_gemaskeerd in html and persoon.bsn not in html
