"""Hostile and broken input over HTTP: each refused with a clear Dutch message and an HTTP status.

Nothing is stored for input that is not a well-formed, DTD-free iWmo/iJw message or that comes with a wrong
key; a message that is one but fails the XSD or a header check is stored as AFGEKEURD with its findings
(line, element, reason) and nothing is applied.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from keukentafel.berichten import views_api
from keukentafel.berichten.models import Bericht, Berichtstatus
from keukentafel.berichten.tokens import maak_sleutel, trek_in
from keukentafel.testing.factories import AanbiederFactory

from .test_verwerking import NS, bericht_305, fixture_nep_305, fixture_xsd_aan  # noqa: F401  (fixtures nep_305, xsd_aan)


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()


@pytest.fixture
def sleutel(aanbieder):
    return maak_sleutel(aanbieder, "Test")[1]


def post(client, data: bytes, sleutel: str | None = None, soort="305"):
    headers = {"HTTP_AUTHORIZATION": f"Token {sleutel}"} if sleutel else {}
    return client.post(reverse("berichten_api:ontvang", args=["wmo", soort]), data=data, content_type="application/xml", **headers)


def geweigerd_zonder_opslag(r, status: int) -> dict:
    assert r.status_code == status, r.content
    body = r.json()
    assert body["melding"]
    assert not Bericht.objects.exists()
    return body


def _met_kop(kop: str, gemeente, aanbieder) -> bytes:
    """A DTD in front of an otherwise valid message, with &x; used in the body."""
    data = bericht_305(gemeente, aanbieder).decode()
    data = data.replace("<?xml version='1.0' encoding='UTF-8'?>", "").lstrip()
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{kop}\n' + data.replace(">Wit<", ">&x;<")).encode()


@pytest.mark.parametrize("dtd", [
    '<!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE Bericht [<!ENTITY x SYSTEM "http://127.0.0.1:9/geheim">]>',
    '<!DOCTYPE Bericht [<!ENTITY % p SYSTEM "http://127.0.0.1:9/dtd"> %p;]>',
    '<!DOCTYPE Bericht [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY x "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
    '<!DOCTYPE Bericht SYSTEM "http://127.0.0.1:9/wmo.dtd">',
], ids=["xxe-bestand", "xxe-http", "parameter-entiteit", "billion-laughs", "externe-dtd"])
def test_dtd_en_entiteiten_worden_geweigerd(client, gemeente, aanbieder, sleutel, nep_305, dtd):
    r = post(client, _met_kop(dtd, gemeente, aanbieder), sleutel)
    body = geweigerd_zonder_opslag(r, 400)
    assert "DTD" in body["melding"]
    assert "root:" not in r.content.decode()
    assert nep_305.aanroepen == []


def test_dtd_na_een_lange_aanloop_wordt_ook_geweigerd(client, gemeente, aanbieder, sleutel, nep_305):
    """The up-front check reads the first 4 KB; a DOCTYPE behind a long comment is caught by the parsed docinfo."""
    data = _met_kop("<!--" + "x" * 5000 + '-->\n<!DOCTYPE Bericht [<!ENTITY x "y">]>', gemeente, aanbieder)
    geweigerd_zonder_opslag(post(client, data, sleutel), 400)


def test_te_groot_bericht_is_413(client, gemeente, aanbieder, sleutel, nep_305, settings):
    settings.BERICHT_MAX_BYTES = 500
    body = geweigerd_zonder_opslag(post(client, bericht_305(gemeente, aanbieder), sleutel), 413)
    assert "OP179" in body["melding"]


def test_te_groot_zonder_content_length_wordt_in_blokken_afgekapt(gemeente, aanbieder, settings):
    """A body without (or with a lying) Content-Length is read in blocks and cut off at the limit."""
    settings.BERICHT_MAX_BYTES = 1000
    request = RequestFactory().post("/", data=b"<a>" + b"x" * 200_000 + b"</a>", content_type="application/xml")
    request.META["CONTENT_LENGTH"] = ""
    with pytest.raises(views_api.Weigering) as exc:
        views_api._lees(request)
    assert exc.value.status == 413


def test_niet_welgevormd_met_regelnummer(client, gemeente, aanbieder, sleutel):
    data = bericht_305(gemeente, aanbieder).replace(b"</wmo305:Header>", b"</wmo305:Kop>")
    body = geweigerd_zonder_opslag(post(client, data, sleutel), 400)
    assert "geen geldige XML" in body["melding"] and body["fouten"][0]["regel"]


@pytest.mark.parametrize("data", [b"", b"   ", b"\xff\xfe<a/>", b"gewoon tekst"], ids=["leeg", "spaties", "bom", "tekst"])
def test_geen_xml(client, sleutel, data):
    geweigerd_zonder_opslag(post(client, data, sleutel), 400)


def test_verkeerde_namespace(client, gemeente, aanbieder, sleutel):
    data = bericht_305(gemeente, aanbieder).replace(b"iwmo/3_2/wmo305/schema", b"iwmo/3_1/wmo305/schema")
    body = geweigerd_zonder_opslag(post(client, data, sleutel), 400)
    assert "namespace" in body["melding"]


def test_bericht_van_de_gemeente_kant_wordt_niet_ontvangen(client, gemeente, aanbieder, sleutel):
    data = (b'<?xml version="1.0"?><wmo301:Bericht xmlns:wmo301="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema">'
            b"<wmo301:Header/></wmo301:Bericht>")
    r = post(client, data, sleutel)
    assert r.status_code == 400
    assert not Bericht.objects.exists()


def test_verkeerde_berichtcode_wordt_afgekeurd_opgeslagen(client, gemeente, aanbieder, sleutel, nep_305, settings):
    data = bericht_305(gemeente, aanbieder).replace(b"<wmo305:BerichtCode>418<", b"<wmo305:BerichtCode>420<")
    r = post(client, data, sleutel)
    assert r.status_code == 422
    body = r.json()
    assert body["fouten"][0]["regel"] and body["fouten"][0]["element"] == "BerichtCode" and body["bestand"]
    b = Bericht.objects.get()
    assert b.status == Berichtstatus.AFGEKEURD and b.sleutel is None and nep_305.aanroepen == []


def test_verkeerde_berichtcode_zonder_xsd(client, gemeente, aanbieder, sleutel, nep_305, settings):
    data = bericht_305(gemeente, aanbieder).replace(b"<wmo305:BerichtCode>418<", b"<wmo305:BerichtCode>420<")
    settings.ISTANDAARDEN_DIR = None
    r = post(client, data, sleutel)
    assert r.status_code == 422
    assert "BerichtCode 420" in r.json()["fouten"][0]["melding"]
    assert Bericht.objects.get().status == Berichtstatus.AFGEKEURD and nep_305.aanroepen == []


def test_xsd_fout_geeft_regel_element_en_reden(client, gemeente, aanbieder, sleutel, nep_305, xsd_aan):
    data = bericht_305(gemeente, aanbieder).replace(b"<wmo305:Geslacht>1<", b"<wmo305:Geslacht>7<")
    r = post(client, data, sleutel)
    assert r.status_code == 422
    [f, *_] = r.json()["fouten"]
    assert f["regel"] > 1 and f["element"] == "Geslacht" and "XSD" in f["melding"]
    b = Bericht.objects.get()
    assert b.status == Berichtstatus.AFGEKEURD and b.fouten[0]["element"] == "Geslacht" and nep_305.aanroepen == []


def test_afzender_past_niet_bij_de_sleutel(client, gemeente, aanbieder, sleutel, nep_305):
    andere = AanbiederFactory()
    body = geweigerd_zonder_opslag(post(client, bericht_305(gemeente, andere), sleutel), 403)
    assert andere.agb_code in body["melding"] and nep_305.aanroepen == []


@pytest.mark.parametrize("kop", [None, "Token", "Token onzin", "Bearer x", "Basic dXNlcjpwYXNz"])
def test_zonder_geldige_sleutel(client, gemeente, aanbieder, nep_305, kop):
    headers = {"HTTP_AUTHORIZATION": kop} if kop else {}
    r = client.post(reverse("berichten_api:ontvang", args=["wmo", "305"]), data=bericht_305(gemeente, aanbieder),
                    content_type="application/xml", **headers)
    body = geweigerd_zonder_opslag(r, 401)
    assert "sleutel" in body["melding"] and nep_305.aanroepen == []


def test_ingetrokken_sleutel(client, gemeente, aanbieder, nep_305):
    token, sleutel = maak_sleutel(aanbieder, "oud")
    trek_in(token)
    body = geweigerd_zonder_opslag(post(client, bericht_305(gemeente, aanbieder), sleutel), 401)
    assert "ingetrokken" in body["melding"]


def test_idempotent_over_http(client, gemeente, aanbieder, sleutel, nep_305):
    data = bericht_305(gemeente, aanbieder)
    r1, r2 = post(client, data, sleutel), post(client, data, sleutel)
    assert r1.status_code == r2.status_code == 200 and r1.content == r2.content
    assert len(nep_305.aanroepen) == 1 and Bericht.objects.count() == 2  # the 305 and its 306

    anders = data.replace(b"2025-04-03", b"2025-04-02")
    r3 = post(client, anders, sleutel)
    assert r3.status_code == 409
    [f] = r3.json()["fouten"]
    assert f["code"] == "9056" and f["element"] == "Identificatie"
    assert len(nep_305.aanroepen) == 1 and Bericht.objects.count() == 2
