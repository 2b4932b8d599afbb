"""Sign-in to Mijn Keukentafel with a one-time e-mail code: every rule of aanmelden.py through the HTTP client."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from keukentafel.portaal import aanmelden
from keukentafel.portaal.models import Aanmeldcode

from .fixtures_mijn import *  # noqa: F403
from .fixtures_mijn import MAIL_A, meld_aan_als

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portaal_routes")]

AANMELDEN = "/portaal/mijn/aanmelden/"
CODE = "/portaal/mijn/aanmelden/code/"
MIJN = "/portaal/mijn/"


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


def code_uit_mail() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def vraag_code(client, email=MAIL_A):
    return client.post(AANMELDEN, {"email": email})


def test_code_wordt_gemaild_en_geeft_toegang(client, anna):
    r = vraag_code(client, "  Anna@Voorbeeld.NL ")
    assert r.status_code == 302 and r["Location"] == CODE
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [MAIL_A]
    code = code_uit_mail()
    r = client.post(CODE, {"code": code})
    assert r.status_code == 302 and r["Location"] == MIJN
    assert client.session[aanmelden.SESSIE_PERSOON] == anna.pk
    r = client.get(MIJN)
    assert r.status_code == 200 and "Huishouden Jansen" in r.content.decode()


def test_code_wordt_alleen_gehasht_opgeslagen(client, anna):
    vraag_code(client)
    code = code_uit_mail()
    rij = Aanmeldcode.objects.get()
    assert code not in rij.code_hash and len(rij.code_hash) == 64
    assert rij.verloopt_op - rij.aangemaakt_op <= timedelta(minutes=10, seconds=1)


def test_zelfde_melding_voor_onbekend_adres_en_geen_mail(client, anna):
    bekend = client.post(AANMELDEN, {"email": MAIL_A}, follow=True).content.decode()
    client.session.flush()
    onbekend = client.post(AANMELDEN, {"email": "niemand@voorbeeld.nl"}, follow=True).content.decode()
    assert aanmelden.NEUTRALE_MELDING in bekend and aanmelden.NEUTRALE_MELDING in onbekend
    assert len(mail.outbox) == 1  # only the known address got a mail
    # and the code page of the unknown address behaves like any wrong code
    r = client.post(CODE, {"code": "123456"})
    assert r.status_code == 400 and aanmelden.CODE_ONJUIST in r.content.decode()


def test_verkeerde_code_geeft_geen_toegang(client, anna):
    vraag_code(client)
    goed = code_uit_mail()
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"
    r = client.post(CODE, {"code": fout})
    assert r.status_code == 400 and aanmelden.CODE_ONJUIST in r.content.decode()
    assert aanmelden.SESSIE_PERSOON not in client.session
    assert client.get(MIJN)["Location"] == reverse("portaal:mijn_aanmelden")


def test_verlopen_code_werkt_niet(client, anna):
    vraag_code(client)
    code = code_uit_mail()
    Aanmeldcode.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    r = client.post(CODE, {"code": code})
    assert r.status_code == 400 and aanmelden.SESSIE_PERSOON not in client.session


def test_code_werkt_maar_een_keer(client, anna):
    vraag_code(client)
    code = code_uit_mail()
    assert client.post(CODE, {"code": code}).status_code == 302
    assert aanmelden.controleer_code(MAIL_A, code).ok is False


def test_nieuwe_code_laat_de_oude_vervallen(client, anna):
    vraag_code(client)
    oud = code_uit_mail()
    vraag_code(client)
    nieuw = code_uit_mail()
    if oud != nieuw:
        assert not aanmelden.controleer_code(MAIL_A, oud).ok
    assert aanmelden.controleer_code(MAIL_A, nieuw).ok


def test_na_vijf_pogingen_geblokkeerd_ook_met_juiste_code(client, anna):
    vraag_code(client)
    goed = code_uit_mail()
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"
    for _ in range(5):
        r = client.post(CODE, {"code": fout})
    assert aanmelden.TE_VEEL_POGINGEN in r.content.decode()
    r = client.post(CODE, {"code": goed})
    assert r.status_code == 400 and aanmelden.TE_VEEL_POGINGEN in r.content.decode()
    assert aanmelden.SESSIE_PERSOON not in client.session
    assert Aanmeldcode.objects.get().pogingen == 5


def test_rate_limit_op_aanvragen_per_adres_ook_voor_onbekende_adressen(client, anna):
    for _ in range(aanmelden.LIMIET_AANVRAGEN_ADRES[0]):
        assert vraag_code(client).status_code == 302
    r = vraag_code(client)
    assert r.status_code == 429 and aanmelden.TE_VAAK in r.content.decode()
    assert len(mail.outbox) == aanmelden.LIMIET_AANVRAGEN_ADRES[0]
    for _ in range(aanmelden.LIMIET_AANVRAGEN_ADRES[0]):
        vraag_code(client, "niemand@voorbeeld.nl")
    assert vraag_code(client, "niemand@voorbeeld.nl").status_code == 429


def test_rate_limit_per_ip_over_sessies_heen(client, anna, settings):
    aantal = aanmelden.LIMIET_AANVRAGEN_IP[0]
    for i in range(aantal):
        client.cookies.clear()  # a fresh session each time: only the IP limit is left
        assert client.post(AANMELDEN, {"email": f"iemand{i}@voorbeeld.nl"}).status_code == 302
    client.cookies.clear()
    assert client.post(AANMELDEN, {"email": "nog1@voorbeeld.nl"}).status_code == 429


def test_rate_limit_op_codecontroles_per_ip(client, anna):
    vraag_code(client)
    for _ in range(aanmelden.LIMIET_CONTROLES_IP[0]):
        client.post(CODE, {"code": "000000"})
    r = client.post(CODE, {"code": "000000"})
    assert r.status_code == 429


def test_sessiesleutel_wisselt_bij_aanmelden_en_afmelden(client, anna):
    vraag_code(client)
    voor = client.session.session_key
    client.post(CODE, {"code": code_uit_mail()})
    na = client.session.session_key
    assert voor and na and voor != na
    r = client.post("/portaal/mijn/afmelden/")
    assert r.status_code == 302 and aanmelden.SESSIE_PERSOON not in client.session
    assert client.session.session_key != na
    assert client.get(MIJN).status_code == 302


def test_inwoner_is_geen_django_gebruiker(client, anna):
    vraag_code(client)
    client.post(CODE, {"code": code_uit_mail()})
    assert "_auth_user_id" not in client.session
    # and a staff page still asks for a staff login
    r = client.get("/")
    assert r.status_code == 302 and "/account/inloggen" in r["Location"]


def test_afmelden_alleen_met_post(client, anna):
    meld_aan_als(client, anna)
    assert client.get("/portaal/mijn/afmelden/").status_code == 405


def test_adres_van_twee_personen_geeft_geen_toegang(client, anna, huishouden_b):
    from keukentafel.inwoners.models import Persoon

    Persoon.objects.filter(pk=huishouden_b.leden_op().first().persoon_id).update(email=MAIL_A)
    vraag_code(client)
    r = client.post(CODE, {"code": code_uit_mail()})
    assert r.status_code == 302 and r["Location"] == AANMELDEN
    assert aanmelden.SESSIE_PERSOON not in client.session


def test_oidc_adapter_is_niet_beschikbaar_zonder_bibliotheek(settings):
    settings.KT_PORTAAL_OIDC_ISSUER = "https://broker.example"
    settings.KT_PORTAAL_OIDC_CLIENT_ID = "kt"
    settings.KT_PORTAAL_OIDC_CLIENT_SECRET = "geheim"
    settings.KT_PORTAAL_AANMELDEN = ["email", "oidc"]
    provider = aanmelden.OidcProvider()
    assert provider.issuer == "https://broker.example"
    assert provider.beschikbaar() is provider.bibliotheek_aanwezig()
    assert [p.code for p in aanmelden.actieve_providers()][0] == "email"


def test_aanmeldpagina_toegankelijk_opgebouwd(client, db):
    r = client.get(AANMELDEN)
    html = r.content.decode()
    assert r.status_code == 200 and 'for="id_email"' in html and 'autocomplete="email"' in html
    r = client.post(AANMELDEN, {"email": "geen-adres"})
    assert r.status_code == 200 and "Vul een geldig e-mailadres in" in r.content.decode() and 'aria-invalid="true"' in r.content.decode()


def test_adres_intussen_gewijzigd_geeft_geen_toegang(client, anna):
    from keukentafel.inwoners.models import Persoon

    vraag_code(client)
    Persoon.objects.filter(pk=anna.pk).update(email="nieuw@voorbeeld.nl")
    r = client.post(CODE, {"code": code_uit_mail()})
    assert r.status_code == 302 and r["Location"] == AANMELDEN and aanmelden.SESSIE_PERSOON not in client.session
