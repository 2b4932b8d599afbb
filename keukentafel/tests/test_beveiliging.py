import logging

import pytest
from django.urls import get_resolver

from keukentafel.logging import BsnMaskFilter, mask_bsn
from keukentafel.testing.factories import MedewerkerFactory, geldig_bsn


@pytest.mark.django_db
def test_pagina_heeft_csp_zonder_inline_script(client):
    response = client.get("/account/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_ingelogde_paginas_worden_niet_gecachet(client):
    client.force_login(MedewerkerFactory())
    assert client.get("/")["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_gezondheid_controleert_database(client):
    response = client.get("/gezondheid")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_anonieme_gebruiker_moet_inloggen(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")


def test_bsn_wordt_gemaskeerd_in_logregels():
    bsn = geldig_bsn(42)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "zoeken op %s door %s", (bsn, "anouk"), None)
    BsnMaskFilter().filter(record)
    assert bsn not in record.getMessage() and "*********" in record.getMessage()
    assert mask_bsn("ordernummer 123456789") == "ordernummer 123456789"  # not a valid BSN: kept


def test_bsn_in_groepen_wordt_ook_gemaskeerd():
    bsn = geldig_bsn(7)
    gegroepeerd = f"{bsn[:3]}.{bsn[3:6]}.{bsn[6:]}"
    assert mask_bsn(f"indicaties {gegroepeerd}.csv") == "indicaties *********.csv"
    assert mask_bsn(f"bsn {bsn[:4]} {bsn[4:6]} {bsn[6:]}") == "bsn *********"
    assert mask_bsn("datum 2026-11-23, telefoon 06-12345678") == "datum 2026-11-23, telefoon 06-12345678"


def test_geen_url_patroon_bevat_een_bsn_parameter():
    def patronen(resolver, prefix=""):
        for p in resolver.url_patterns:
            if hasattr(p, "url_patterns"):
                yield from patronen(p, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    assert not [p for p in patronen(get_resolver()) if "bsn" in p.lower() and "<" in p]


@pytest.mark.django_db
def test_statische_bestanden_krijgen_headers_zonder_ingelogde_gebruiker(settings):
    """WhiteNoise answers before authentication runs; the header middleware must cope."""
    from django.test import Client

    response = Client().get("/static/vendor/utrecht/index.css")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
