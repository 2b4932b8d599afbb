"""Security headers on the public and resident pages (issue 5 §3): a CSP without inline script that forbids framing,
no framing at all, and HSTS once the site runs on HTTPS."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keukentafel.security import CSP

PAGINAS = ["portaal:home", "portaal:sociale_kaart", "portaal:zelftest", "portaal:hulp", "portaal:hulp_anoniem",
           "portaal:vrijwilligers", "portaal:vrijwilliger_aanmelden", "portaal:mijn_aanmelden"]


@pytest.mark.django_db
@pytest.mark.parametrize("naam", PAGINAS)
def test_openbare_pagina_met_csp_zonder_inline_script_en_zonder_framing(client, naam):
    r = client.get(reverse(naam))
    assert r.status_code == 200
    assert r["Content-Security-Policy"] == CSP
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert r["X-Frame-Options"] == "DENY"
    assert "<script>" not in r.content.decode() and " onclick=" not in r.content.decode()


@pytest.mark.django_db
def test_hsts_alleen_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in client.get(reverse("portaal:home"))
    r = client.get(reverse("portaal:home"), secure=True)
    assert r["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_mijn_keukentafel_vraagt_inloggen(client):
    r = client.get(reverse("portaal:mijn"))
    assert r.status_code == 302 and reverse("portaal:mijn_aanmelden") in r["Location"]
