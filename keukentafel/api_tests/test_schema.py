"""The OpenAPI 3 document generates without warnings, validates, and documents what clients need."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    pad = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(pad))
    return yaml.safe_load(pad.read_text(encoding="utf-8"))


def test_schema_valideert_zonder_waarschuwingen_en_bevat_de_vier_resources(schema):
    paden = schema["paths"]
    for resource in ("personen", "huishoudens", "meldingen", "plannen"):
        assert f"/api/v1/{resource}/" in paden
        assert f"/api/v1/{resource}/{{id}}/" in paden
    assert "/api/v1/personen/zoek-bsn/" in paden
    assert "/api/v1/plannen/{id}/doelen/" in paden
    assert "/api/v1/plannen/{id}/doelen/{doel_id}/acties/" in paden


def test_schema_documenteert_de_toegangsreden_header(schema):
    parameters = schema["paths"]["/api/v1/huishoudens/{id}/"]["get"]["parameters"]
    header = next(p for p in parameters if p["name"] == "X-Toegangsreden")
    assert header["in"] == "header"
    assert not header.get("required", False)


def test_schema_documenteert_foutantwoorden_en_optimistische_vergrendeling(schema):
    doelen = schema["paths"]["/api/v1/plannen/{id}/doelen/"]["post"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(doelen["responses"])
    body = schema["components"]["schemas"]["DoelAanmaken"]
    assert "version" in body["required"]


def test_bsn_zoeken_alleen_via_post_en_geen_bsn_queryparameter(schema):
    assert set(schema["paths"]["/api/v1/personen/zoek-bsn/"]) == {"post"}
    for pad, operaties in schema["paths"].items():
        for operatie in operaties.values():
            namen = {p["name"].lower() for p in operatie.get("parameters", []) if p["in"] == "query"}
            assert "bsn" not in namen, pad


def test_schema_endpoint_antwoordt(db):
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/personen/" in response.content
