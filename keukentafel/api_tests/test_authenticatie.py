"""Token authentication for systems, and the command that hands out tokens."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from keukentafel.accounts.models import AuditRecord, Rol
from keukentafel.testing.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def maak_token(username: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("maak_api_token", username, *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_token_van_het_commando_geeft_toegang_tot_de_api(eigen_huishouden, generalist):
    sleutel, _ = maak_token(generalist.username)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")

    response = client.get("/api/v1/huishoudens/")

    assert response.status_code == 200
    assert [h["id"] for h in response.json()["results"]] == [eigen_huishouden.pk]


def test_commando_geeft_bij_herhaling_hetzelfde_token_en_vernieuwt_op_verzoek(generalist):
    eerste, _ = maak_token(generalist.username)
    tweede, _ = maak_token(generalist.username)
    nieuw, _ = maak_token(generalist.username, "--vernieuw")

    assert eerste == tweede
    assert nieuw != eerste
    assert list(Token.objects.filter(user=generalist).values_list("key", flat=True)) == [nieuw]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {eerste}")
    assert client.get("/api/v1/huishoudens/").status_code == 401


def test_tokenuitgifte_staat_in_de_audittrail_zonder_het_token(generalist):
    sleutel, _ = maak_token(generalist.username)

    record = AuditRecord.objects.get(object_type="Medewerker", object_id=str(generalist.pk))
    assert "API-token aangemaakt" in record.omschrijving
    assert record.kanaal == "systeem"
    assert not AuditRecord.objects.filter(object_id=sleutel).exists()
    assert not any(sleutel in r.omschrijving for r in AuditRecord.objects.all())


def test_commando_weigert_onbekend_of_inactief_account():
    with pytest.raises(CommandError, match="geen medewerker"):
        maak_token("bestaat-niet")
    inactief = MedewerkerFactory(is_active=False)
    with pytest.raises(CommandError, match="niet actief"):
        maak_token(inactief.username)


def test_commando_waarschuwt_voor_rol_zonder_dossiertoegang():
    beleid = MedewerkerFactory(rol=Rol.BELEID, team=None)
    sleutel, waarschuwing = maak_token(beleid.username)
    assert sleutel
    assert "geen toegang tot dossiers" in waarschuwing


@pytest.mark.parametrize("url", ["/api/v1/personen/", "/api/v1/huishoudens/", "/api/v1/meldingen/", "/api/v1/plannen/"])
def test_zonder_token_401(url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_ongeldig_token_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert client.get("/api/v1/huishoudens/").status_code == 401
