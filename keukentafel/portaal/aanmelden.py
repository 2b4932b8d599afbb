"""Signing in to Mijn Keukentafel, behind an adapter.

A resident is never a Django `User`: the session holds the id of their `Persoon` under its own key
(`SESSIE_PERSOON`) and, when they act for someone they represent, the id of the `Netwerklid` record that
makes them a representative (`SESSIE_NAMENS`). Staff login and resident sign-in are independent.

Providers
- `EmailCodeProvider` (built in): a 6-digit code by e-mail, valid 10 minutes, single use, stored as a keyed
  hash, at most 5 attempts; the same neutral answer whether the address is known or not; rate limits per
  IP, per session and per address through the cache framework.
- `OidcProvider`: a municipality's OpenID Connect broker (DigiD/eHerkenning), built on mozilla-django-oidc
  (authorization code flow with state, nonce and PKCE; ID token checked against the broker's JWKS). Active only
  when configured (settings OIDC block, KT_OIDC_* environment); the views are in views_mijn.py.
Every provider ends in `meld_aan(request, persoon)`: session key rotation plus the dedicated session key.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from keukentafel.inwoners.models import VERTEGENWOORDIGENDE_ROLLEN, Huishouden, Netwerklid, Persoon

from .models import Aanmeldcode

logger = logging.getLogger(__name__)

SESSIE_PERSOON = "kt_portaal_persoon"
SESSIE_NAMENS = "kt_portaal_namens"
SESSIE_EMAIL_IN_AANMELDING = "kt_portaal_aanmeld_email"

CODE_GELDIG = timedelta(minutes=10)
MAX_POGINGEN = 5
#: Rate limits (count, window in seconds): code requests and code checks per IP and per session, codes per address.
LIMIET_AANVRAGEN_IP = (10, 15 * 60)
LIMIET_AANVRAGEN_SESSIE = (5, 15 * 60)
LIMIET_AANVRAGEN_ADRES = (3, 15 * 60)
LIMIET_CONTROLES_IP = (30, 15 * 60)

NEUTRALE_MELDING = (
    "Als dit e-mailadres bij ons bekend is, hebben we er een code van 6 cijfers naartoe gestuurd. "
    "De code is 10 minuten geldig. Geen e-mail ontvangen? Kijk in uw ongewenste mail of vraag een nieuwe code aan."
)
CODE_ONJUIST = "Deze code is niet juist of niet meer geldig. Controleer de code of vraag een nieuwe code aan."
TE_VEEL_POGINGEN = "U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan."
TE_VAAK = "U heeft het te vaak geprobeerd. Wacht een kwartier en probeer het dan opnieuw."


# ---------------------------------------------------------------------------------------------------
# rate limits (cache framework)


def _teller(sleutel: str, limiet: tuple[int, int]) -> bool:
    """Count one hit on `sleutel`; True while the count stays within the limit of the window."""
    aantal, venster = limiet
    cache.add(sleutel, 0, venster)
    try:
        n = cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.add(sleutel, 1, venster)
        n = 1
    return n <= aantal


def _ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "onbekend"


def _sessie_id(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def _adres_sleutel(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


def mag_code_aanvragen(request: HttpRequest, email: str) -> bool:
    """All three limits count every request, known address or not (no enumeration through the limit)."""
    ok_ip = _teller(f"kt:portaal:aanvraag:ip:{_ip(request)}", LIMIET_AANVRAGEN_IP)
    ok_sessie = _teller(f"kt:portaal:aanvraag:sessie:{_sessie_id(request)}", LIMIET_AANVRAGEN_SESSIE)
    ok_adres = _teller(f"kt:portaal:aanvraag:adres:{_adres_sleutel(email)}", LIMIET_AANVRAGEN_ADRES)
    return ok_ip and ok_sessie and ok_adres


def mag_code_controleren(request: HttpRequest) -> bool:
    return _teller(f"kt:portaal:controle:ip:{_ip(request)}", LIMIET_CONTROLES_IP)


# ---------------------------------------------------------------------------------------------------
# the one-time code


def normaliseer_email(email: str) -> str:
    return (email or "").strip().lower()


def _hash(email: str, code: str) -> str:
    return salted_hmac("keukentafel.portaal.aanmeldcode", f"{email}:{code}", algorithm="sha256").hexdigest()


def personen_met_email(email: str):
    return Persoon.objects.filter(email__iexact=normaliseer_email(email)) if email else Persoon.objects.none()


def vraag_code_aan(email: str) -> bool:
    """Send a new code if a person has this address; older open codes of the address lapse. Returns whether one was sent.

    The caller shows the same message either way (no account enumeration).
    """
    email = normaliseer_email(email)
    persoon = personen_met_email(email).select_related("gemeente").first()
    if persoon is None:
        return False
    code = f"{secrets.randbelow(1_000_000):06d}"
    nu = timezone.now()
    with transaction.atomic():
        Aanmeldcode.objects.filter(email=email, gebruikt_op__isnull=True).update(gebruikt_op=nu)
        Aanmeldcode.objects.create(email=email, code_hash=_hash(email, code), verloopt_op=nu + CODE_GELDIG)
    afzender = f"de gemeente {persoon.gemeente.naam}" if persoon.gemeente else "uw gemeente"
    try:
        send_mail(
            subject="Uw code voor Mijn Keukentafel",
            message=(
                f"Uw code om in te loggen op Mijn Keukentafel is: {code}\n\n"
                "De code is 10 minuten geldig en werkt één keer. Heeft u geen code aangevraagd? Dan kunt u deze e-mail negeren.\n\n"
                f"Met vriendelijke groet,\nHet sociaal team van {afzender}"
            ),
            from_email=None,
            recipient_list=[email],
        )
    except Exception:  # the mail server is down: the resident sees the neutral message and can retry
        logger.exception("Aanmeldcode kon niet worden verstuurd")
    return True


@dataclass
class Controle:
    ok: bool
    fout: str = ""


def controleer_code(email: str, code: str) -> Controle:
    """Check `code` against the newest open code of `email`: expiry, attempt limit, single use."""
    email = normaliseer_email(email)
    code = (code or "").strip().replace(" ", "")
    nu = timezone.now()
    with transaction.atomic():
        rij = Aanmeldcode.objects.select_for_update().filter(email=email, gebruikt_op__isnull=True).first()
        if rij is None or rij.verloopt_op <= nu:
            return Controle(False, CODE_ONJUIST)
        if rij.pogingen >= MAX_POGINGEN:
            return Controle(False, TE_VEEL_POGINGEN)
        Aanmeldcode.objects.filter(pk=rij.pk).update(pogingen=F("pogingen") + 1)
        if not (len(code) == 6 and code.isdigit() and constant_time_compare(rij.code_hash, _hash(email, code))):
            return Controle(False, TE_VEEL_POGINGEN if rij.pogingen + 1 >= MAX_POGINGEN else CODE_ONJUIST)
        # single use: only the request that flips gebruikt_op wins
        if not Aanmeldcode.objects.filter(pk=rij.pk, gebruikt_op__isnull=True).update(gebruikt_op=nu):
            return Controle(False, CODE_ONJUIST)
    return Controle(True)


# ---------------------------------------------------------------------------------------------------
# the resident session


def meld_aan(request: HttpRequest, persoon: Persoon) -> None:
    """Start a resident session: new session key (no fixation), the person's id under its own key."""
    request.session.cycle_key()
    request.session.pop(SESSIE_EMAIL_IN_AANMELDING, None)
    request.session.pop(SESSIE_NAMENS, None)
    request.session[SESSIE_PERSOON] = persoon.pk


def meld_af(request: HttpRequest) -> None:
    for sleutel in (SESSIE_PERSOON, SESSIE_NAMENS, SESSIE_EMAIL_IN_AANMELDING):
        request.session.pop(sleutel, None)
    request.session.cycle_key()


def vertegenwoordigingen(persoon: Persoon):
    """The active representing network roles recorded with this person's e-mail address.

    Netwerklid has no link to the representative's own Persoon record, so the match is on e-mail.
    """
    if not persoon.email:
        return Netwerklid.objects.none()
    return (
        Netwerklid.objects.filter(email__iexact=persoon.email, actief=True, rol__in=list(VERTEGENWOORDIGENDE_ROLLEN))
        .select_related("huishouden", "voor_persoon")
        .order_by("huishouden__naam", "pk")
    )


@dataclass
class Inwonersessie:
    """Who is signed in, and for whom they act."""

    persoon: Persoon
    namens: Netwerklid | None = None

    @property
    def huishoudens(self):
        """The only households this session may see: the person's current one, or the represented one."""
        if self.namens is not None:
            return Huishouden.objects.filter(pk=self.namens.huishouden_id)
        vandaag = timezone.localdate()
        return Huishouden.objects.filter(
            Q(leden__einddatum__isnull=True) | Q(leden__einddatum__gt=vandaag),
            leden__persoon=self.persoon,
            leden__begindatum__lte=vandaag,
        ).distinct()

    @cached_property
    def kan_namens(self) -> bool:
        return self.namens is not None or vertegenwoordigingen(self.persoon).exists()

    @property
    def wie(self) -> str:
        """For the audit trail and the page header: a name and role, never a BSN."""
        if self.namens is None:
            return self.persoon.naam
        voor = self.namens.voor_persoon.naam if self.namens.voor_persoon else self.namens.huishouden.naam
        return f"{self.persoon.naam} ({self.namens.get_rol_display().lower()}) namens {voor}"


def huidige_sessie(request: HttpRequest) -> Inwonersessie | None:
    persoon_id = request.session.get(SESSIE_PERSOON)
    if not persoon_id:
        return None
    persoon = Persoon.objects.filter(pk=persoon_id).first()
    if persoon is None:
        return None
    namens = None
    if namens_id := request.session.get(SESSIE_NAMENS):
        namens = vertegenwoordigingen(persoon).filter(pk=namens_id).first()
        if namens is None:  # the role ended or the address changed since: back to acting for oneself
            request.session.pop(SESSIE_NAMENS, None)
    return Inwonersessie(persoon=persoon, namens=namens)


def inwoner_vereist(view):
    """Protect a Mijn Keukentafel view: a signed-in resident, else to the sign-in page. Sets `request.inwoner`."""

    @wraps(view)
    def omhulsel(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        sessie = huidige_sessie(request)
        if sessie is None:
            return redirect("portaal:mijn_aanmelden")
        request.inwoner = sessie
        return view(request, *args, **kwargs)

    return omhulsel


# ---------------------------------------------------------------------------------------------------
# the adapter


class AanmeldProvider:
    """A way for residents to prove who they are. Subclasses start the flow and end in `meld_aan`."""

    code: str = ""
    label: str = ""

    def beschikbaar(self) -> bool:
        return True

    def start_url(self) -> str:
        raise NotImplementedError


class EmailCodeProvider(AanmeldProvider):
    code = "email"
    label = "Inloggen met een code per e-mail"

    def start_url(self) -> str:
        from django.urls import reverse

        return reverse("portaal:mijn_aanmelden")


class OidcNietBereikbaar(Exception):
    """The broker's discovery document could not be fetched or does not match the configured issuer."""


OIDC_MISLUKT = "Inloggen met DigiD is niet gelukt. Probeer het opnieuw of log in met een code per e-mail."
OIDC_AFGEBROKEN = "Het inloggen met DigiD is afgebroken. Probeer het opnieuw of log in met een code per e-mail."
OIDC_NIET_BEKEND = "We kunnen u met deze gegevens niet inloggen op Mijn Keukentafel. Neem contact op met het sociaal team van uw gemeente."
OIDC_STORING = "Inloggen met DigiD lukt op dit moment niet. Probeer het later opnieuw of log in met een code per e-mail."

_OIDC_EINDPUNT = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization",
    "OIDC_OP_TOKEN_ENDPOINT": "token",
    "OIDC_OP_USER_ENDPOINT": "userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "jwks",
}
_OIDC_STANDAARD = {"OIDC_RP_SIGN_ALGO": "RS256", "OIDC_RP_SCOPES": "openid", "OIDC_USE_PKCE": True, "OIDC_USE_NONCE": True}

#: Discovery documents are cached this long (seconds).
OIDC_DISCOVERY_CACHE = 60 * 60


@dataclass(frozen=True)
class OidcEindpunten:
    issuer: str
    authorization: str
    token: str
    userinfo: str
    jwks: str


class OidcProvider(AanmeldProvider):
    """OpenID Connect (a municipality's DigiD/eHerkenning broker), on mozilla-django-oidc's building blocks.

    Settings (see the OIDC block in keukentafel/settings.py, environment KT_OIDC_*): `KT_OIDC_ISSUER` (endpoints
    from its discovery document) and/or the explicit `OIDC_OP_*_ENDPOINT`s, `OIDC_RP_CLIENT_ID`,
    `OIDC_RP_CLIENT_SECRET`, `OIDC_RP_SIGN_ALGO` (RS256, keys from the JWKS endpoint) and `KT_OIDC_BSN_CLAIM`.
    The older names KT_PORTAAL_OIDC_ISSUER/_CLIENT_ID/_CLIENT_SECRET/_BSN_CLAIM are still read as a fallback.
    The broker's BSN claim (elfproef checked) identifies the Persoon server-side; it is never put in a URL or
    log, and the tokens are not kept in the session. `meld_aan` then starts the same session as the e-mail code.
    """

    code = "oidc"
    label = "Inloggen met DigiD (via de gemeente)"

    def instelling(self, naam: str, standaard: str = "", oud: str = "") -> str:
        for n in (naam, oud):
            if n and (waarde := getattr(settings, n, None) or os.environ.get(n)):
                return str(waarde)
        return standaard

    @property
    def issuer(self) -> str:
        return self.instelling("KT_OIDC_ISSUER", oud="KT_PORTAAL_OIDC_ISSUER")

    @property
    def client_id(self) -> str:
        return self.instelling("OIDC_RP_CLIENT_ID", oud="KT_PORTAAL_OIDC_CLIENT_ID")

    @property
    def client_secret(self) -> str:
        return self.instelling("OIDC_RP_CLIENT_SECRET", oud="KT_PORTAAL_OIDC_CLIENT_SECRET")

    @property
    def bsn_claim(self) -> str:
        return self.instelling("KT_OIDC_BSN_CLAIM", "bsn", oud="KT_PORTAAL_OIDC_BSN_CLAIM")

    def _expliciet(self) -> dict[str, str]:
        return {
            "authorization": self.instelling("OIDC_OP_AUTHORIZATION_ENDPOINT"),
            "token": self.instelling("OIDC_OP_TOKEN_ENDPOINT"),
            "userinfo": self.instelling("OIDC_OP_USER_ENDPOINT"),
            "jwks": self.instelling("OIDC_OP_JWKS_ENDPOINT"),
        }

    def bibliotheek_aanwezig(self) -> bool:
        try:
            import mozilla_django_oidc  # noqa: F401
        except ImportError:
            return False
        return True

    def ingesteld(self) -> bool:
        e = self._expliciet()
        eindpunten = bool(self.issuer) or bool(e["authorization"] and e["token"] and e["jwks"])
        return bool(self.client_id and self.client_secret) and eindpunten

    def beschikbaar(self) -> bool:
        return self.ingesteld() and self.bibliotheek_aanwezig()

    def eindpunten(self) -> OidcEindpunten:
        """Explicit endpoints win; the rest comes from the issuer's discovery document (cached, issuer checked)."""
        e = self._expliciet()
        if self.issuer and not all(e[k] for k in ("authorization", "token", "jwks")):
            doc = self._discovery()
            e = {
                "authorization": e["authorization"] or doc.get("authorization_endpoint", ""),
                "token": e["token"] or doc.get("token_endpoint", ""),
                "userinfo": e["userinfo"] or doc.get("userinfo_endpoint", ""),
                "jwks": e["jwks"] or doc.get("jwks_uri", ""),
            }
        if not (e["authorization"] and e["token"] and e["jwks"]):
            raise OidcNietBereikbaar("eindpunten ontbreken")
        return OidcEindpunten(issuer=self.issuer, **e)

    def _discovery(self) -> dict:
        import requests

        issuer = self.issuer.rstrip("/")
        sleutel = f"kt:portaal:oidc:discovery:{hashlib.sha256(issuer.encode()).hexdigest()}"
        doc = cache.get(sleutel)
        if doc is None:
            try:
                antwoord = requests.get(
                    f"{issuer}/.well-known/openid-configuration",
                    timeout=getattr(settings, "OIDC_TIMEOUT", 10),
                    verify=getattr(settings, "OIDC_VERIFY_SSL", True),
                )
                antwoord.raise_for_status()
                doc = antwoord.json()
            except (requests.RequestException, ValueError) as exc:
                raise OidcNietBereikbaar(type(exc).__name__) from exc
            if not isinstance(doc, dict) or str(doc.get("issuer", "")).rstrip("/") != issuer:
                raise OidcNietBereikbaar("issuer komt niet overeen")
            cache.set(sleutel, doc, OIDC_DISCOVERY_CACHE)
        return doc

    def bibliotheek_instelling(self, attr: str, *args):
        """mozilla-django-oidc's `get_settings`, with the resolved endpoints and this provider's values."""
        from mozilla_django_oidc.utils import import_from_settings

        vast = {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_AUTHENTICATION_CALLBACK_URL": "portaal:mijn_oidc_callback",
            # tokens carry the BSN: never kept in the session
            "OIDC_STORE_ACCESS_TOKEN": False,
            "OIDC_STORE_ID_TOKEN": False,
            # never accept an unsigned token, always bind the ID token to this sign-in
            "OIDC_ALLOW_UNSECURED_JWT": False,
            "OIDC_USE_NONCE": True,
        }
        if attr in vast:
            return vast[attr]
        if attr.startswith("OIDC_OP_") and attr in _OIDC_EINDPUNT:
            return getattr(self.eindpunten(), _OIDC_EINDPUNT[attr]) or None
        waarde = import_from_settings(attr, None)
        if waarde in ("", None):
            return _OIDC_STANDAARD.get(attr, args[0] if args else None)
        return waarde

    def bsn_uit_claims(self, claims: dict) -> str | None:
        """The BSN claim if it is 9 digits passing the elfproef, else None."""
        from stdnum.nl import bsn as stdnum_bsn

        waarde = str(claims.get(self.bsn_claim) or "").strip()
        return waarde if len(waarde) == 9 and waarde.isdigit() and stdnum_bsn.is_valid(waarde) else None

    def persoon_uit_claims(self, claims: dict) -> Persoon | None:
        bsn = self.bsn_uit_claims(claims)
        return Persoon.objects.filter(bsn=bsn).first() if bsn else None

    def start_url(self) -> str:
        from django.urls import reverse

        return reverse("portaal:mijn_oidc_start")


def oidc_backend(provider: OidcProvider):
    """mozilla-django-oidc's backend for residents: verifies the tokens and returns the claims, never a `User`.

    Not listed in AUTHENTICATION_BACKENDS: only the callback view calls it.
    """
    import jwt
    from django.core.exceptions import SuspiciousOperation
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    class InwonerOidcBackend(OIDCAuthenticationBackend):
        def get_settings(self, attr, *args):  # the base class reads settings through this (a staticmethod there)
            return provider.bibliotheek_instelling(attr, *args)

        def verify_token(self, token, **kwargs):
            """Signature (JWKS, RS256) and nonce by the library; audience, issuer and expiry on top."""
            if not token:
                raise SuspiciousOperation("Geen token ontvangen.")
            payload = super().verify_token(token, **kwargs)
            aud = payload.get("aud")
            if provider.client_id not in (aud if isinstance(aud, list) else [aud]):
                raise SuspiciousOperation("Token is niet voor deze client bedoeld (aud).")
            if provider.issuer and str(payload.get("iss", "")).rstrip("/") != provider.issuer.rstrip("/"):
                raise SuspiciousOperation("Token komt niet van de ingestelde issuer (iss).")
            if "exp" not in payload:
                raise jwt.MissingRequiredClaimError("exp")
            return payload

        def get_or_create_user(self, access_token, id_token, payload):
            """The claims of the ID token, completed from the userinfo endpoint (same `sub` required)."""
            claims = dict(payload)
            if self.OIDC_OP_USER_ENDPOINT:
                info = self.get_userinfo(access_token, id_token, payload)
                if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
                    raise SuspiciousOperation("Userinfo hoort niet bij het ID-token (sub).")
                claims.update(info)
            return claims

    return InwonerOidcBackend()


PROVIDERS: dict[str, type[AanmeldProvider]] = {p.code: p for p in (EmailCodeProvider, OidcProvider)}


def actieve_providers() -> list[AanmeldProvider]:
    """Providers named in settings.KT_PORTAAL_AANMELDEN (default: e-mail, and OIDC once configured) that are available."""
    codes = getattr(settings, "KT_PORTAAL_AANMELDEN", None) or ["email", "oidc"]
    return [p for p in (PROVIDERS[c]() for c in codes if c in PROVIDERS) if p.beschikbaar()]
