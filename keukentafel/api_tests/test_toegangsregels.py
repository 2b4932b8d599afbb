"""The API has the permissions of the UI: own area, assigned, break-the-glass with a reason, audited."""

from __future__ import annotations

import pytest

from keukentafel.accounts.models import AuditActie, AuditRecord, Noodtoegang, Rol
from keukentafel.plannen.services import maak_plan
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, MeldingFactory

from .conftest import client_voor

pytestmark = pytest.mark.django_db

REDEN = "Crisismelding politie, dienstdoende generalist"


def test_lijst_toont_alleen_huishoudens_van_het_eigen_gebied(api, eigen_huishouden, ander_huishouden):
    response = api.get("/api/v1/huishoudens/")

    assert response.status_code == 200
    ids = [h["id"] for h in response.json()["results"]]
    assert ids == [eigen_huishouden.pk]
    assert ander_huishouden.pk not in ids


def test_lijst_toont_ook_huishoudens_waarvan_men_regisseur_is(api, generalist, ander_huishouden):
    maak_plan(generalist, ander_huishouden)

    ids = [h["id"] for h in api.get("/api/v1/huishoudens/").json()["results"]]

    assert ids == [ander_huishouden.pk]


def test_backoffice_ziet_de_hele_gemeente_maar_niet_een_andere(generalist, eigen_huishouden, ander_huishouden):
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=generalist.werkgemeente)
    elders = HuishoudenFactory()

    ids = {h["id"] for h in client_voor(backoffice).get("/api/v1/huishoudens/").json()["results"]}

    assert ids == {eigen_huishouden.pk, ander_huishouden.pk}
    assert elders.pk not in ids


def test_lijst_geeft_een_auditregel_per_aanroep_met_het_aantal(api, generalist, eigen_huishouden):
    HuishoudenFactory(gebied=generalist.team.gebied)
    voor = AuditRecord.objects.count()

    api.get("/api/v1/huishoudens/")

    records = list(AuditRecord.objects.order_by("id")[voor:])
    assert len(records) == 1
    assert records[0].medewerker == generalist
    assert records[0].actie == AuditActie.LEZEN
    assert "Lijst huishoudens" in records[0].omschrijving
    assert "2 gevonden" in records[0].omschrijving
    assert records[0].kanaal == "api"


def test_inzage_in_eigen_gebied_wordt_gelogd(api, generalist, eigen_huishouden):
    response = api.get(f"/api/v1/huishoudens/{eigen_huishouden.pk}/")

    assert response.status_code == 200
    record = AuditRecord.objects.get(actie=AuditActie.LEZEN, huishouden_id=eigen_huishouden.pk)
    assert record.medewerker == generalist
    assert record.kanaal == "api"


def test_inzage_buiten_gebied_geweigerd_en_gelogd(api, generalist, ander_huishouden):
    response = api.get(f"/api/v1/huishoudens/{ander_huishouden.pk}/")

    assert response.status_code == 403
    assert "hoort niet bij uw gebied" in response.json()["detail"]
    assert "X-Toegangsreden" in response.json()["detail"]
    geweigerd = AuditRecord.objects.get(actie=AuditActie.GEWEIGERD, huishouden_id=ander_huishouden.pk)
    assert geweigerd.medewerker == generalist
    assert geweigerd.kanaal == "api"
    assert not AuditRecord.objects.filter(actie=AuditActie.LEZEN, huishouden_id=ander_huishouden.pk).exists()
    assert not Noodtoegang.objects.exists()


@pytest.mark.parametrize("resource", ["huishoudens", "plannen", "meldingen", "personen"])
def test_inzage_buiten_gebied_met_reden_wordt_noodtoegang(api, generalist, ander_huishouden, resource):
    plan = maak_plan(MedewerkerFactory(team__gebied=ander_huishouden.gebied), ander_huishouden)
    melding = MeldingFactory(huishouden=ander_huishouden)
    obj_id = {
        "huishoudens": ander_huishouden.pk,
        "plannen": plan.pk,
        "meldingen": melding.pk,
        "personen": ander_huishouden.leden_op().first().persoon_id,
    }[resource]

    assert api.get(f"/api/v1/{resource}/{obj_id}/").status_code == 403
    response = api.get(f"/api/v1/{resource}/{obj_id}/", HTTP_X_TOEGANGSREDEN=REDEN)

    assert response.status_code == 200
    nood = Noodtoegang.objects.get(medewerker=generalist, huishouden=ander_huishouden)
    assert nood.reden == REDEN
    record = AuditRecord.objects.get(actie=AuditActie.NOODTOEGANG, huishouden_id=ander_huishouden.pk)
    assert record.reden == REDEN
    assert record.kanaal == "api"
    assert record.medewerker == generalist
    assert AuditRecord.objects.filter(actie=AuditActie.LEZEN, huishouden_id=ander_huishouden.pk, kanaal="api").count() == 1


def test_reden_met_accenten_wordt_goed_vastgelegd(api, generalist, ander_huishouden):
    reden = "Overdracht na ziekte collega, cliënt belde zelf"
    # HTTP headers travel as latin-1 bytes; a UTF-8 client sends the é as two bytes.
    header = reden.encode("utf-8").decode("latin-1")

    response = api.get(f"/api/v1/huishoudens/{ander_huishouden.pk}/", HTTP_X_TOEGANGSREDEN=header)

    assert response.status_code == 200
    assert Noodtoegang.objects.get(medewerker=generalist).reden == reden


def test_te_korte_reden_geeft_geen_toegang(api, ander_huishouden):
    response = api.get(f"/api/v1/huishoudens/{ander_huishouden.pk}/", HTTP_X_TOEGANGSREDEN="even kijk")

    assert response.status_code == 403
    assert "minstens 10 tekens" in response.json()["detail"]
    assert not Noodtoegang.objects.exists()
    assert AuditRecord.objects.filter(actie=AuditActie.GEWEIGERD, huishouden_id=ander_huishouden.pk).exists()


def test_reden_binnen_eigen_gebied_maakt_geen_noodtoegang(api, eigen_huishouden):
    response = api.get(f"/api/v1/huishoudens/{eigen_huishouden.pk}/", HTTP_X_TOEGANGSREDEN=REDEN)

    assert response.status_code == 200
    assert not Noodtoegang.objects.exists()


def test_na_noodtoegang_staat_het_huishouden_in_de_lijst(api, ander_huishouden):
    api.get(f"/api/v1/huishoudens/{ander_huishouden.pk}/", HTTP_X_TOEGANGSREDEN=REDEN)

    ids = [h["id"] for h in api.get("/api/v1/huishoudens/").json()["results"]]

    assert ids == [ander_huishouden.pk]


@pytest.mark.parametrize("rol", [Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER])
@pytest.mark.parametrize("resource", ["personen", "huishoudens", "meldingen", "plannen"])
def test_rollen_zonder_dossierwerk_krijgen_403(rol, resource):
    huishouden = HuishoudenFactory()
    medewerker = MedewerkerFactory(rol=rol, team__gebied=huishouden.gebied)
    client = client_voor(medewerker)

    lijst = client.get(f"/api/v1/{resource}/")
    detail = client.get(f"/api/v1/{resource}/{huishouden.pk}/", HTTP_X_TOEGANGSREDEN=REDEN)

    assert lijst.status_code == 403
    assert lijst.json()["detail"] == "Uw rol geeft geen toegang tot dossiers van inwoners."
    assert detail.status_code == 403
    assert not Noodtoegang.objects.exists()
    assert AuditRecord.objects.filter(medewerker=medewerker, actie=AuditActie.GEWEIGERD, kanaal="api").count() == 2


def test_rol_zonder_dossierwerk_kan_geen_huishouden_openen_met_reden():
    huishouden = HuishoudenFactory()
    beleid = MedewerkerFactory(rol=Rol.BELEID, team__gebied=huishouden.gebied)

    response = client_voor(beleid).get(f"/api/v1/huishoudens/{huishouden.pk}/", HTTP_X_TOEGANGSREDEN=REDEN)

    assert response.status_code == 403
    assert not Noodtoegang.objects.exists()


def test_bsn_in_de_querystring_wordt_geweigerd(api, eigen_huishouden):
    bsn = eigen_huishouden.leden_op().first().persoon.bsn

    for query in (f"?bsn={bsn}", f"?geslachtsnaam={bsn}", "?BSN=1"):
        response = api.get(f"/api/v1/personen/{query}")
        assert response.status_code == 400
        assert "hoort niet in een URL" in response.json()["bsn"][0]


def test_lijst_van_een_ander_gebied_via_filter_blijft_leeg(api, generalist, ander_huishouden):
    response = api.get(f"/api/v1/huishoudens/?gebied={ander_huishouden.gebied_id}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_huishouden_in_andere_gemeente_ook_met_gebiedsfilter_onzichtbaar(api):
    elders = HuishoudenFactory(gebied=GebiedFactory())

    response = api.get(f"/api/v1/huishoudens/?gemeente={elders.gemeente_id}")

    assert response.json()["results"] == []
