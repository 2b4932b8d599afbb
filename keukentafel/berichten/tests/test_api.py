"""The provider HTTP exchange: POST a message with a key, get the retour; fetch answers from the outbox."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from keukentafel.berichten.models import Aanbiedertoken, Bericht, Berichtstatus, Richting
from keukentafel.berichten.tokens import hash_sleutel, maak_sleutel, trek_in
from keukentafel.testing.factories import AanbiederFactory, MedewerkerFactory

from .test_verwerking import bericht_305, fixture_nep_305, fixture_xsd_aan  # noqa: F401  (fixtures nep_305, xsd_aan)


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sleutel(aanbieder):
    return maak_sleutel(aanbieder, "Testkoppeling")[1]


def post(client, data: bytes, sleutel: str | None, *, wet="wmo", soort="305", **extra):
    headers = {"HTTP_AUTHORIZATION": f"Token {sleutel}"} if sleutel else {}
    return client.post(reverse("berichten_api:ontvang", args=[wet, soort]), data=data, content_type="application/xml",
                       **headers, **extra)


def test_sleutel_wordt_alleen_als_hash_bewaard(aanbieder):
    token, sleutel = maak_sleutel(aanbieder, "Koppeling")
    assert len(sleutel) >= 40 and token.prefix == sleutel[:8]
    assert token.sleutel_hash == hash_sleutel(sleutel) and sleutel not in token.sleutel_hash
    assert not Aanbiedertoken.objects.filter(sleutel_hash=sleutel).exists()


def test_post_geeft_de_retour_als_xml(client, gemeente, aanbieder, sleutel, nep_305, xsd_aan):
    r = post(client, bericht_305(gemeente, aanbieder), sleutel)
    assert r.status_code == 200, r.content
    assert r["Content-Type"].startswith("application/xml")
    antwoord = Bericht.objects.get(richting=Richting.UIT)
    assert r.content == antwoord.xml.encode() and antwoord.soort == "306"
    assert Aanbiedertoken.objects.get().laatst_gebruikt_op is not None
    b = Bericht.objects.get(richting=Richting.IN)
    assert b.kanaal == "http" and b.bestandsnaam


def test_herhaling_geeft_hetzelfde_antwoord(client, gemeente, aanbieder, sleutel, nep_305):
    data = bericht_305(gemeente, aanbieder)
    r1, r2 = post(client, data, sleutel), post(client, data, sleutel)
    assert r1.status_code == r2.status_code == 200
    assert r1.content == r2.content and r2["X-Keukentafel-Herhaald"] == "1"
    assert len(nep_305.aanroepen) == 1


def test_bericht_groter_dan_de_django_grens_wordt_gelezen(client, gemeente, aanbieder, sleutel, nep_305, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default) does not apply: the view reads the stream itself."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    data = bericht_305(gemeente, aanbieder) + b"<!--" + b"x" * 5000 + b"-->"
    r = post(client, data, sleutel)
    assert r.status_code == 200, r.content


def test_verkeerd_adres_voor_de_soort_of_wet(client, gemeente, aanbieder, sleutel, nep_305):
    data = bericht_305(gemeente, aanbieder)
    r = post(client, data, sleutel, soort="307")
    assert r.status_code == 400 and "307" in r.json()["melding"]
    r = post(client, data, sleutel, wet="jeugdwet")
    assert r.status_code == 400 and "Jeugdwet" in r.json()["melding"]
    assert not Bericht.objects.exists()


def test_onbekende_soort_in_de_url_bestaat_niet(client, sleutel):
    r = client.post("/api/berichten/v1/wmo/301/", data=b"<x/>", content_type="application/xml", HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert r.status_code == 404


def test_geen_xml_content_type(client, gemeente, aanbieder, sleutel):
    r = client.post(reverse("berichten_api:ontvang", args=["wmo", "305"]), data={"a": "b"}, HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert r.status_code == 415


def test_csrf_en_sessie_spelen_geen_rol(gemeente, aanbieder, sleutel, nep_305):
    c = Client(enforce_csrf_checks=True)
    assert post(c, bericht_305(gemeente, aanbieder), sleutel).status_code == 200
    # A logged-in staff session is no key.
    c.force_login(MedewerkerFactory())
    assert post(c, bericht_305(gemeente, aanbieder, identificatie="2"), None).status_code == 401
    assert c.get(reverse("berichten_api:uitbox")).status_code == 401


def test_tempolimiet_per_sleutel(client, gemeente, aanbieder, sleutel, settings):
    settings.BERICHTEN_API_PER_MINUUT = 2
    for _ in range(2):
        assert client.get(reverse("berichten_api:uitbox"), HTTP_AUTHORIZATION=f"Token {sleutel}").status_code == 200
    r = client.get(reverse("berichten_api:uitbox"), HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert r.status_code == 429 and r["Retry-After"] == "60"


def test_uitbox_toont_alleen_eigen_berichten_nieuwe_eerst(client, gemeente, aanbieder, sleutel, nep_305):
    andere = AanbiederFactory()
    andere_sleutel = maak_sleutel(andere, "x")[1]
    post(client, bericht_305(gemeente, aanbieder, identificatie="1"), sleutel)
    post(client, bericht_305(gemeente, aanbieder, identificatie="2"), sleutel)
    post(client, bericht_305(gemeente, andere, identificatie="1"), andere_sleutel)
    eigen = Bericht.objects.filter(richting=Richting.UIT, aanbieder=aanbieder).order_by("pk")
    vreemd = Bericht.objects.get(richting=Richting.UIT, aanbieder=andere)

    auth = {"HTTP_AUTHORIZATION": f"Token {sleutel}"}
    r = client.get(reverse("berichten_api:uitbox_bericht", args=[eigen[0].pk]), **auth)
    assert r.status_code == 200 and r.content == eigen[0].xml.encode() and r["Content-Type"].startswith("application/xml")
    eigen[0].refresh_from_db()
    assert eigen[0].status == Berichtstatus.OPGEHAALD and eigen[0].opgehaald_op

    lijst = client.get(reverse("berichten_api:uitbox"), **auth).json()["berichten"]
    assert [b["id"] for b in lijst] == [eigen[1].pk, eigen[0].pk]  # KLAAR first
    assert lijst[0]["soort"] == "306" and lijst[0]["wet"] == "wmo" and lijst[0]["identificatie"] and lijst[0]["dagtekening"]
    assert vreemd.pk not in [b["id"] for b in lijst]
    assert client.get(reverse("berichten_api:uitbox"), {"status": "klaar"}, **auth).json()["berichten"][0]["id"] == eigen[1].pk

    r = client.get(reverse("berichten_api:uitbox_bericht", args=[vreemd.pk]), **auth)
    assert r.status_code == 404
    vreemd.refresh_from_db()
    assert vreemd.status == Berichtstatus.KLAAR
    # Incoming messages are not in anyone's outbox.
    binnen = Bericht.objects.filter(richting=Richting.IN, aanbieder=aanbieder).first()
    assert client.get(reverse("berichten_api:uitbox_bericht", args=[binnen.pk]), **auth).status_code == 404


def test_ingetrokken_sleutel_werkt_niet_meer(client, aanbieder):
    token, sleutel = maak_sleutel(aanbieder, "x")
    trek_in(token)
    r = client.get(reverse("berichten_api:uitbox"), HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert r.status_code == 401 and "ingetrokken" in r.json()["melding"] and r["WWW-Authenticate"] == "Token"


def test_commando_aanbiedersleutel_toont_de_sleutel_een_keer(client, aanbieder):
    uit, fout = io.StringIO(), io.StringIO()
    call_command("aanbiedersleutel", aanbieder.agb_code, "--omschrijving", "Zorgsysteem", stdout=uit, stderr=fout)
    sleutel = uit.getvalue().strip()
    token = Aanbiedertoken.objects.get(aanbieder=aanbieder)
    assert token.omschrijving == "Zorgsysteem" and token.sleutel_hash == hash_sleutel(sleutel)
    assert "niet nog eens getoond" in fout.getvalue()
    assert client.get(reverse("berichten_api:uitbox"), HTTP_AUTHORIZATION=f"Token {sleutel}").status_code == 200


def test_commando_aanbiedersleutel_onbekende_agb(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen aanbieder"):
        call_command("aanbiedersleutel", "99999999")


def test_admin_toont_nieuwe_sleutel_een_keer_en_nooit_de_hash(client, aanbieder):
    beheerder = MedewerkerFactory(is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    r = client.post(reverse("admin:berichten_aanbiedertoken_add"), {"aanbieder": aanbieder.pk, "omschrijving": "Via beheer"},
                    follow=True)
    assert r.status_code == 200
    token = Aanbiedertoken.objects.get()
    berichten = [str(m) for m in r.context["messages"]]
    [melding] = [m for m in berichten if "Nieuwe sleutel" in m]
    sleutel = melding.split(": ", 1)[1].split(" — ")[0]
    assert hash_sleutel(sleutel) == token.sleutel_hash and token.aangemaakt_door == beheerder
    lijst = client.get(reverse("admin:berichten_aanbiedertoken_changelist")).content.decode()
    assert token.prefix in lijst and token.sleutel_hash not in lijst
    detail = client.get(reverse("admin:berichten_aanbiedertoken_change", args=[token.pk])).content.decode()
    assert token.sleutel_hash not in detail and sleutel not in detail
