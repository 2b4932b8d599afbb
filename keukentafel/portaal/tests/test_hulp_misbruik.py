"""Abuse protection of the public forms: honeypot, minimum fill time, rate limit per IP and per session."""

from __future__ import annotations

import logging

import pytest
from django.core import signing

from keukentafel.portaal import misbruik
from keukentafel.toegang.models import Melding

from .fixtures_hulp import _lege_limiet, anoniemdata, fixture_regio, hulpdata, oud_token  # noqa: F401  (fixture regio)

URL = "/portaal/hulp/"
ANONIEM = "/portaal/hulp/anoniem/"


@pytest.mark.django_db
def test_honeypot_ingevuld_wordt_beleefd_geweigerd(client, regio, caplog):
    with caplog.at_level(logging.WARNING, logger="keukentafel.portaal.misbruik"):
        r = client.post(URL, hulpdata(regio, website="http://spam.example"))
    assert r.status_code == 400
    assert "Laat dit veld leeg" in r.content.decode() and "niet verstuurd" in r.content.decode()
    assert not Melding.objects.exists()
    assert "reden=honeypot" in caplog.text
    assert "Fatima" not in caplog.text and "spam.example" not in caplog.text


@pytest.mark.django_db
def test_honeypot_geldt_ook_voor_anonieme_vraag(client, regio):
    r = client.post(ANONIEM, anoniemdata(regio, website="x"))
    assert r.status_code == 400 and not Melding.objects.exists()


@pytest.mark.django_db
def test_te_snel_verstuurd_wordt_geweigerd_en_later_opnieuw_versturen_lukt(client, regio, settings):
    settings.PORTAAL_MIN_INVULTIJD = 3
    data = hulpdata(regio, formulier_start=oud_token(1))
    r = client.post(URL, data)
    assert r.status_code == 400
    assert "erg snel verstuurd" in r.content.decode()
    assert not Melding.objects.exists()
    # The same token stays in the re-rendered form ...
    assert data["formulier_start"] in r.content.decode()
    # ... and a few seconds later the same submission is accepted.
    settings.PORTAAL_MIN_INVULTIJD = 0.5
    assert client.post(URL, data).status_code == 302
    assert Melding.objects.count() == 1


@pytest.mark.django_db
def test_net_boven_de_minimale_invultijd_lukt(client, regio, settings):
    settings.PORTAAL_MIN_INVULTIJD = 3
    assert client.post(URL, hulpdata(regio, formulier_start=oud_token(3.5))).status_code == 302


@pytest.mark.django_db
# Fixed ids: the signed token embeds the time, and xdist workers must collect the same test names.
@pytest.mark.parametrize("token", ["", "nep", signing.dumps({"t": 0}, salt="ander-doel")], ids=["leeg", "nep", "ander-doel"])
def test_ontbrekend_of_vervalst_tijdstempel_wordt_geweigerd_en_vernieuwd(client, regio, token):
    r = client.post(URL, hulpdata(regio, formulier_start=token))
    assert r.status_code == 400 and "verlopen of onvolledig" in r.content.decode()
    assert not Melding.objects.exists()
    nieuw = r.context["form"].data["formulier_start"]
    assert nieuw != token and signing.loads(nieuw, salt="keukentafel.portaal.formulier_start")


@pytest.mark.django_db
def test_verlopen_tijdstempel_wordt_geweigerd(client, regio, settings):
    settings.PORTAAL_FORMULIER_MAX_LEEFTIJD = 60
    r = client.post(URL, hulpdata(regio, formulier_start=oud_token(120)))
    assert r.status_code == 400 and not Melding.objects.exists()


@pytest.mark.django_db
def test_limiet_per_ip_grens(client, regio, settings, caplog):
    settings.PORTAAL_LIMIET_PER_UUR = 3
    for i in range(3):
        # A fresh client (new session) each time from the same IP: only the IP counter can stop it.
        client.cookies.clear()
        assert client.post(URL, hulpdata(regio, vraag=f"Vraag {i}")).status_code == 302
    client.cookies.clear()
    with caplog.at_level(logging.WARNING, logger="keukentafel.portaal.misbruik"):
        r = client.post(URL, hulpdata(regio, vraag="Vraag 4"))
    assert r.status_code == 429
    assert "over een uur opnieuw" in r.content.decode() and "112" in r.content.decode()
    assert Melding.objects.count() == 3
    assert "limiet per ip" in caplog.text
    assert "127.0.0.1" not in caplog.text and "Fatima" not in caplog.text


@pytest.mark.django_db
def test_limiet_per_sessie_grens(client, regio, settings):
    settings.PORTAAL_LIMIET_PER_UUR = 2
    for i, ip in enumerate(["10.0.0.1", "10.0.0.2"]):
        assert client.post(URL, hulpdata(regio, vraag=f"Vraag {i}"), REMOTE_ADDR=ip).status_code == 302
    # Same session, new IP: the session counter stops it.
    r = client.post(URL, hulpdata(regio, vraag="Vraag 3"), REMOTE_ADDR="10.0.0.3")
    assert r.status_code == 429
    assert Melding.objects.count() == 2


@pytest.mark.django_db
def test_standaardlimiet_is_vijf_per_uur(client, regio, settings, monkeypatch):
    settings.PORTAAL_LIMIET_PER_UUR = None
    monkeypatch.delenv("KT_PORTAAL_LIMIET_PER_UUR", raising=False)
    assert misbruik.limiet_per_uur() == 5
    for i in range(5):
        assert client.post(ANONIEM, anoniemdata(regio, vraag=f"Signaal {i}")).status_code == 302
    assert client.post(ANONIEM, anoniemdata(regio, vraag="Signaal 6")).status_code == 429
    assert Melding.objects.count() == 5


def test_limiet_instelbaar_via_omgeving(settings, monkeypatch):
    settings.PORTAAL_LIMIET_PER_UUR = None
    monkeypatch.setenv("KT_PORTAAL_LIMIET_PER_UUR", "12")
    assert misbruik.limiet_per_uur() == 12


@pytest.mark.django_db
def test_foute_invoer_telt_niet_mee_voor_de_limiet(client, regio, settings):
    settings.PORTAAL_LIMIET_PER_UUR = 1
    for _ in range(3):
        assert client.post(URL, hulpdata(regio, naam="")).status_code == 400
    assert client.post(URL, hulpdata(regio)).status_code == 302


@pytest.mark.django_db
def test_limiet_per_formuliersoort_apart(client, regio, settings):
    settings.PORTAAL_LIMIET_PER_UUR = 1
    assert client.post(URL, hulpdata(regio)).status_code == 302
    assert client.post(ANONIEM, anoniemdata(regio)).status_code == 302
    assert client.post(URL, hulpdata(regio)).status_code == 429


@pytest.mark.django_db
def test_limiet_bewaart_geen_ip_adres_in_de_cache(rf, settings):
    from django.contrib.sessions.backends.db import SessionStore

    verzoek = rf.post("/", REMOTE_ADDR="192.0.2.44")
    verzoek.session = SessionStore()
    sleutels = [s for _, s in misbruik._sleutels(verzoek, "hulp")]
    assert sleutels and all("192.0.2.44" not in s for s in sleutels)
