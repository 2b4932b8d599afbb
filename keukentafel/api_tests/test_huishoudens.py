"""A household through the API: members now and before, the network, and the open plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from keukentafel.accounts.models import Rol
from keukentafel.inwoners.models import NetwerkRol
from keukentafel.inwoners.services import beeindig_lidmaatschap
from keukentafel.plannen.services import maak_plan
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, NetwerklidFactory

from .conftest import client_voor

pytestmark = pytest.mark.django_db


def test_detail_met_leden_voormalige_leden_netwerk_en_open_plan(api, generalist, eigen_huishouden):
    vertrokken = eigen_huishouden.leden.order_by("id").last()
    beeindig_lidmaatschap(generalist, vertrokken, timezone.localdate() - timedelta(days=1))
    mantelzorger = NetwerklidFactory(
        huishouden=eigen_huishouden,
        naam="Els de Wit",
        relatie="dochter",
        taken="Boodschappen en medicatie",
        uren_per_week=12,
        overbelast=True,
    )
    NetwerklidFactory(huishouden=eigen_huishouden, naam="Oud-buurman", actief=False)
    plan = maak_plan(generalist, eigen_huishouden)

    response = api.get(f"/api/v1/huishoudens/{eigen_huishouden.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert [lid["persoon"] for lid in data["leden"]] == [eigen_huishouden.leden.order_by("id").first().persoon_id]
    assert [lid["persoon"] for lid in data["voormalige_leden"]] == [vertrokken.persoon_id]
    assert data["voormalige_leden"][0]["einddatum"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert data["netwerk"] == [
        {
            "id": mantelzorger.pk,
            "naam": "Els de Wit",
            "rol": NetwerkRol.MANTELZORGER.value,
            "relatie": "dochter",
            "voor_persoon": None,
            "taken": "Boodschappen en medicatie",
            "uren_per_week": "12.0",
            "overbelast": True,
            "is_vertegenwoordiger": False,
            "telefoon": "",
            "email": "",
            "actief": True,
        }
    ]
    assert data["open_plan"] == plan.pk


def test_leden_tonen_geen_volledig_bsn(api, eigen_huishouden):
    response = api.get(f"/api/v1/huishoudens/{eigen_huishouden.pk}/")

    for lid in eigen_huishouden.leden_op():
        assert lid.persoon.bsn not in response.content.decode()
    assert {lid["bsn_gemaskeerd"] for lid in response.json()["leden"]} == {
        lid.persoon.bsn_gemaskeerd for lid in eigen_huishouden.leden_op()
    }


def test_zonder_lopend_plan_is_open_plan_leeg(api, eigen_huishouden):
    assert api.get(f"/api/v1/huishoudens/{eigen_huishouden.pk}/").json()["open_plan"] is None


def test_filter_op_gebied_binnen_de_zichtbare_huishoudens(generalist):
    backoffice = MedewerkerFactory(rol=Rol.BACKOFFICE, team=None, gemeente=generalist.werkgemeente)
    hier = HuishoudenFactory(gebied=generalist.team.gebied)
    daar = HuishoudenFactory(gebied=GebiedFactory(gemeente=generalist.werkgemeente))
    client = client_voor(backoffice)

    assert [h["id"] for h in client.get(f"/api/v1/huishoudens/?gebied={hier.gebied_id}").json()["results"]] == [hier.pk]
    assert [h["id"] for h in client.get(f"/api/v1/huishoudens/?gebied={daar.gebied_id}").json()["results"]] == [daar.pk]
    assert client.get(f"/api/v1/huishoudens/?gemeente={generalist.werkgemeente.pk}").json()["count"] == 2


def test_onbekend_huishouden_geeft_404(api):
    response = api.get("/api/v1/huishoudens/999999/")
    assert response.status_code == 404


def test_huishoudens_zijn_alleen_leesbaar(api, eigen_huishouden):
    assert api.post("/api/v1/huishoudens/", {"naam": "X"}, format="json").status_code == 405
    assert api.delete(f"/api/v1/huishoudens/{eigen_huishouden.pk}/").status_code == 405
