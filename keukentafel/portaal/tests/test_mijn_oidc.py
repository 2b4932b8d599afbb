"""Mijn Keukentafel: sign-in through an OpenID Connect broker (DigiD/eHerkenning), end to end without network.

A tiny fake OpenID provider runs in a thread on 127.0.0.1 (discovery, JWKS, token, userinfo) and signs ID tokens
with a throwaway RSA key made in the test. The test client plays the browser: start → (the broker's login, done
here by handing out a code for the authorization request) → callback.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from keukentafel.inwoners.models import Persoon
from keukentafel.portaal import aanmelden
from keukentafel.testing.factories import geldig_bsn

from .fixtures_mijn import *  # noqa: F403

CLIENT_ID = "keukentafel"
CLIENT_SECRET = "geheim-van-de-gemeente"


def _b64(n: int) -> str:
    return base64.urlsafe_b64encode(n.to_bytes((n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()


class NepBroker:
    """A minimal OpenID provider: authorization code flow with PKCE (S256), RS256 ID tokens, JWKS, userinfo."""

    def __init__(self):
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.vreemde_sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.token_verzoeken: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> dict:
        pub = self.sleutel.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig", "n": _b64(pub.n), "e": _b64(pub.e)}]}

    def log_in(self, autorisatie_url: str, claims: dict, *, vreemd_getekend: bool = False, userinfo: dict | None = None) -> dict:
        """The resident signs in at the broker: a code bound to the request's nonce, PKCE challenge and redirect URI."""
        params = {k: v[0] for k, v in parse_qs(urlparse(autorisatie_url).query).items()}
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"params": params, "claims": claims, "vreemd": vreemd_getekend, "userinfo": userinfo}
        return {"code": code, "state": params["state"]}

    def id_token(self, params: dict, claims: dict, vreemd: bool) -> str:
        nu = int(time.time())
        inhoud = {"iss": self.issuer, "aud": CLIENT_ID, "iat": nu, "exp": nu + 300, "nonce": params.get("nonce"), **claims}
        sleutel = self.vreemde_sleutel if vreemd else self.sleutel
        return jwt.encode(inhoud, sleutel, algorithm="RS256", headers={"kid": "k1"})

    def _handler(self):
        broker = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    return self._json(
                        {
                            "issuer": broker.issuer,
                            "authorization_endpoint": f"{broker.issuer}/authorize",
                            "token_endpoint": f"{broker.issuer}/token",
                            "userinfo_endpoint": f"{broker.issuer}/userinfo",
                            "jwks_uri": f"{broker.issuer}/jwks",
                        }
                    )
                if self.path == "/jwks":
                    return self._json(broker.jwks())
                if self.path == "/userinfo":
                    token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                    if token not in broker.tokens:
                        return self._json({"error": "invalid_token"}, 401)
                    return self._json(broker.tokens[token])
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                lengte = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
                broker.token_verzoeken.append(form)
                gegevens = broker.codes.pop(form.get("code", ""), None)
                if self.path != "/token" or gegevens is None:
                    return self._json({"error": "invalid_grant"}, 400)
                params = gegevens["params"]
                verifier = form.get("code_verifier", "")
                challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if (
                    form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != params["redirect_uri"]
                    or challenge != params.get("code_challenge")
                ):
                    return self._json({"error": "invalid_grant"}, 400)
                access = secrets.token_urlsafe(16)
                broker.tokens[access] = gegevens["userinfo"] if gegevens["userinfo"] is not None else {"sub": gegevens["claims"]["sub"]}
                return self._json(
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "id_token": broker.id_token(params, gegevens["claims"], gegevens["vreemd"]),
                    }
                )

        return Handler


@pytest.fixture
def broker(settings, monkeypatch, portaal_routes):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    nep = NepBroker()
    settings.KT_OIDC_ISSUER = nep.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    cache.clear()
    yield nep
    nep.stop()
    cache.clear()


START = "/portaal/mijn/oidc/start/"
TERUG = "/portaal/mijn/oidc/terug/"


def start(client) -> str:
    r = client.get(START)
    assert r.status_code == 302
    return r["Location"]


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_routes_en_knop(broker, client, db):
    assert reverse("portaal:mijn_oidc_start") == START and reverse("portaal:mijn_oidc_callback") == TERUG
    html = client.get(reverse("portaal:mijn_aanmelden")).content.decode()
    assert "Inloggen met DigiD (via de gemeente)" in html and f'href="{START}"' in html


def test_zonder_instellingen_404_en_geen_knop(client, db, settings, portaal_routes):
    settings.KT_OIDC_ISSUER = ""
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_RP_CLIENT_SECRET = ""
    assert client.get(START).status_code == 404
    assert client.get(TERUG, {"code": "x", "state": "y"}).status_code == 404
    assert "DigiD" not in client.get(reverse("portaal:mijn_aanmelden")).content.decode()


def test_uitgezet_met_kt_portaal_aanmelden(broker, client, db, settings):
    settings.KT_PORTAAL_AANMELDEN = ["email"]
    assert client.get(START).status_code == 404 and client.get(TERUG, {"code": "x", "state": "y"}).status_code == 404
    assert "DigiD" not in client.get(reverse("portaal:mijn_aanmelden")).content.decode()


def test_autorisatieverzoek_met_state_nonce_en_pkce(broker, client, db):
    url = start(client)
    assert url.startswith(f"{broker.issuer}/authorize?")
    params = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID and params["scope"] == "openid"
    assert params["redirect_uri"] == f"http://testserver{TERUG}"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert CLIENT_SECRET not in url


def test_inwoner_logt_in_met_nieuwe_sessiesleutel(broker, client, anna, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(reverse("portaal:mijn_aanmelden"))
    oude_sleutel = client.session.session_key
    url = start(client)
    terug = broker.log_in(url, {"sub": "abc-123", "bsn": anna.bsn}, userinfo={"sub": "abc-123", "bsn": anna.bsn})
    r = client.get(TERUG, terug)
    assert r.status_code == 302 and r["Location"] == reverse("portaal:mijn")
    assert client.session[aanmelden.SESSIE_PERSOON] == anna.pk
    assert client.session.session_key != oude_sleutel
    assert "oidc_id_token" not in client.session and "oidc_access_token" not in client.session
    # the token request carried the PKCE verifier and the client secret (server to server, never in the browser)
    assert broker.token_verzoeken[-1]["code_verifier"] and broker.token_verzoeken[-1]["client_secret"] == CLIENT_SECRET
    # the resident reaches their own page
    pagina = client.get(reverse("portaal:mijn"))
    assert pagina.status_code == 200 and "Anna" in pagina.content.decode()
    # no BSN in any URL or log line
    assert anna.bsn not in url and anna.bsn not in r["Location"] and anna.bsn not in caplog.text
    # the state is single use: replaying the same callback does not sign in again
    client.session.flush()
    r = client.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session


def test_bsn_alleen_in_userinfo(broker, client, anna):
    terug = broker.log_in(start(client), {"sub": "s1"}, userinfo={"sub": "s1", "bsn": anna.bsn})
    r = client.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn") and client.session[aanmelden.SESSIE_PERSOON] == anna.pk


def test_userinfo_van_een_ander_sub_geweigerd(broker, client, anna):
    terug = broker.log_in(start(client), {"sub": "s1"}, userinfo={"sub": "iemand-anders", "bsn": anna.bsn})
    r = client.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session


def test_verkeerde_state_geweigerd(broker, client, anna, caplog):
    caplog.set_level(logging.DEBUG)
    terug = broker.log_in(start(client), {"sub": "s1", "bsn": anna.bsn})
    r = client.get(TERUG, {"code": terug["code"], "state": "verzonnen-state"})
    assert r.status_code == 302 and r["Location"] == reverse("portaal:mijn_aanmelden")
    assert aanmelden.SESSIE_PERSOON not in client.session
    assert meldingen(r) == [aanmelden.OIDC_MISLUKT]
    assert broker.token_verzoeken == []  # the code was never exchanged
    assert anna.bsn not in caplog.text


def test_state_uit_een_andere_browser_geweigerd(broker, client, anna):
    from django.test import Client

    terug = broker.log_in(start(client), {"sub": "s1", "bsn": anna.bsn})
    ander = Client()
    r = ander.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in ander.session


def test_verkeerde_handtekening_geweigerd(broker, client, anna, caplog):
    caplog.set_level(logging.DEBUG)
    terug = broker.log_in(start(client), {"sub": "s1", "bsn": anna.bsn}, vreemd_getekend=True)
    r = client.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session
    assert meldingen(r) == [aanmelden.OIDC_MISLUKT]
    assert len(broker.token_verzoeken) == 1  # refused after the exchange, at the signature check
    assert "OIDC-aanmelding geweigerd: SuspiciousOperation" in caplog.text
    assert anna.bsn not in caplog.text


def test_verkeerde_nonce_geweigerd(broker, client, anna):
    url = start(client)
    terug = broker.log_in(url, {"sub": "s1", "bsn": anna.bsn})
    broker.codes[terug["code"]]["params"]["nonce"] = "andere-nonce"
    r = client.get(TERUG, terug)
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session


def test_token_voor_een_andere_client_geweigerd(broker, client, anna, monkeypatch):
    echte = broker.id_token

    def ander_publiek(params, claims, vreemd):
        return jwt.encode(
            {**jwt.decode(echte(params, claims, vreemd), options={"verify_signature": False}), "aud": "andere-app"},
            broker.sleutel,
            algorithm="RS256",
            headers={"kid": "k1"},
        )

    monkeypatch.setattr(broker, "id_token", ander_publiek)
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1", "bsn": anna.bsn}))
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session


def test_onbekend_bsn_neutraal_geweigerd(broker, client, anna, caplog):
    caplog.set_level(logging.DEBUG)
    onbekend = next(b for b in (geldig_bsn(900_000 + i) for i in range(50)) if not Persoon.objects.filter(bsn=b).exists())
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1", "bsn": onbekend}))
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session
    assert meldingen(r) == [aanmelden.OIDC_NIET_BEKEND]
    assert onbekend not in caplog.text and onbekend not in r["Location"]
    pagina = client.get(r["Location"])
    assert aanmelden.OIDC_NIET_BEKEND in pagina.content.decode()


def test_bsn_zonder_elfproef_geweigerd(broker, client, anna, caplog):
    caplog.set_level(logging.DEBUG)
    ongeldig = "123456789"  # 9 digits, fails the elfproef
    Persoon.objects.filter(pk=anna.pk).update(bsn=ongeldig)  # even a (corrupt) record with that number is not matched
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1", "bsn": ongeldig}))
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session
    assert meldingen(r) == [aanmelden.OIDC_NIET_BEKEND]
    assert ongeldig not in caplog.text


def test_geen_bsn_claim_geweigerd(broker, client, anna):
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1"}))
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and aanmelden.SESSIE_PERSOON not in client.session
    assert meldingen(r) == [aanmelden.OIDC_NIET_BEKEND]


def test_andere_bsn_claimnaam(broker, client, anna, settings):
    settings.KT_OIDC_BSN_CLAIM = "urn:nl:bsn"
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1", "urn:nl:bsn": anna.bsn}))
    assert r["Location"] == reverse("portaal:mijn") and client.session[aanmelden.SESSIE_PERSOON] == anna.pk


def test_afgebroken_bij_de_broker(broker, client, db):
    url = start(client)
    state = parse_qs(urlparse(url).query)["state"][0]
    r = client.get(TERUG, {"error": "access_denied", "state": state})
    assert r["Location"] == reverse("portaal:mijn_aanmelden") and meldingen(r) == [aanmelden.OIDC_AFGEBROKEN]
    assert state not in client.session.get("oidc_states", {})


def test_broker_onbereikbaar_geeft_nette_melding(broker, client, db, settings):
    settings.KT_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    cache.clear()
    r = client.get(START)
    assert r.status_code == 302 and r["Location"] == reverse("portaal:mijn_aanmelden")
    assert meldingen(r) == [aanmelden.OIDC_STORING]


def test_vertegenwoordiger_kiest_namens_wie(broker, client, huishouden_a, bert, vertegenwoordiger):
    vertegenwoordiger(huishouden_a)
    r = client.get(TERUG, broker.log_in(start(client), {"sub": "s1", "bsn": bert.bsn}))
    assert r["Location"] == reverse("portaal:mijn_namens") and client.session[aanmelden.SESSIE_PERSOON] == bert.pk
