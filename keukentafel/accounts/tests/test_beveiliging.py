"""Login lockout, BSN masking in the logs, and the read-only audit trail in the admin."""

import io
import logging

import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils.module_loading import import_string

from keukentafel.accounts.models import AuditRecord, Noodtoegang, Rol
from keukentafel.beleid.models import Beleidsinstelling
from keukentafel.testing.factories import WACHTWOORD, MedewerkerFactory, geldig_bsn

LOGIN = "/account/inloggen/"


@pytest.mark.django_db
def test_vijf_verkeerde_wachtwoorden_blokkeren_het_account(client):
    m = MedewerkerFactory(username="anouk")
    for _ in range(4):
        response = client.post(LOGIN, {"username": "anouk", "password": "fout-wachtwoord"})
        assert response.status_code == 200 and "Gebruikersnaam of wachtwoord klopt niet" in response.content.decode()
    response = client.post(LOGIN, {"username": "anouk", "password": "fout-wachtwoord"})
    assert response.status_code == 429
    # Now even the right password is refused, with the Dutch message.
    response = client.post(LOGIN, {"username": "anouk", "password": WACHTWOORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in html and "te vaak een verkeerd wachtwoord" in html
    assert "_auth_user_id" not in client.session
    assert m.pk  # the account itself still exists


@pytest.mark.django_db
def test_goed_wachtwoord_logt_in_zonder_blokkade(client):
    MedewerkerFactory(username="bram")
    response = client.post(LOGIN, {"username": "bram", "password": WACHTWOORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_logfilter_uit_de_instellingen_maskeert_een_bsn():
    config = settings.LOGGING
    assert "bsn_mask" in config["handlers"]["console"]["filters"]
    filter_ = import_string(config["filters"]["bsn_mask"]["()"])()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(filter_)
    logger = logging.getLogger("keukentafel.test.bsn")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        bsn = geldig_bsn(123)
        logger.warning("Niet gevonden: /inwoners/zoeken/?bsn=%s", bsn)
        logger.warning("Ordernummer 123456789 blijft staan")
    finally:
        logger.removeHandler(handler)
    uitvoer = stream.getvalue()
    assert bsn not in uitvoer and "*********" in uitvoer
    assert "123456789" in uitvoer  # not a valid BSN


@pytest.mark.django_db
def test_audittrail_in_admin_is_alleen_lezen():
    request = RequestFactory().get("/beheer/")
    request.user = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None, is_staff=True, is_superuser=True)
    for model in (AuditRecord, Noodtoegang):
        admin = site._registry[model]
        assert not admin.has_add_permission(request)
        assert not admin.has_change_permission(request)
        assert not admin.has_delete_permission(request)
        assert admin.has_view_permission(request)


@pytest.mark.django_db
def test_beleidsinstelling_in_admin_vereist_bron_en_is_daarna_historie(client):
    beheerder = MedewerkerFactory(rol=Rol.FUNCTIONEEL_BEHEER, team=None, is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    data = {
        "sleutel": "onderzoek_termijn_dagen",
        "gemeente": "",
        "waarde": "35",
        "geldig_vanaf": "2030-01-01",
        "geldig_tot": "",
        "bron": "",
    }
    response = client.post("/beheer/beleid/beleidsinstelling/add/", data)
    assert response.status_code == 200 and not Beleidsinstelling.objects.filter(geldig_vanaf="2030-01-01").exists()
    response = client.post("/beheer/beleid/beleidsinstelling/add/", {**data, "bron": "Verordening 2030 art. 4"})
    assert response.status_code == 302
    instelling = Beleidsinstelling.objects.get(geldig_vanaf="2030-01-01")
    assert instelling.vastgesteld_door == beheerder and instelling.waarde == 35
    admin = site._registry[Beleidsinstelling]
    request = RequestFactory().get("/")
    request.user = beheerder
    assert "geldig_tot" not in admin.get_readonly_fields(request, instelling)
    assert "waarde" in admin.get_readonly_fields(request, instelling)
    for model in ("regio", "gemeente", "gebied", "postcodegebied", "team", "medewerker"):
        assert client.get(f"/beheer/accounts/{model}/").status_code == 200
    assert client.get("/beheer/accounts/medewerker/add/").status_code == 200
