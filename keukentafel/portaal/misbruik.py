"""Abuse protection for the public forms (hulpknop, anonymous question, volunteer sign-up). Never a CAPTCHA.

Three layers, shared by every public form that creates something:

1. A honeypot field (`website`, label "Laat dit veld leeg"): visually hidden, `aria-hidden` and `tabindex=-1`, so
   neither sighted, keyboard nor screen-reader users meet it; bots that fill every field are refused.
2. A minimum fill time: the form carries a signed timestamp (`formulier_start`); a submission sooner than
   `PORTAAL_MIN_INVULTIJD` seconds (default 3) after the form was served is refused politely and can simply be
   sent again. A token older than `PORTAAL_FORMULIER_MAX_LEEFTIJD` (default 24 h) or a forged one is renewed.
3. A rate limit per client IP and per session: at most `PORTAAL_LIMIET_PER_UUR` (default 5) accepted submissions
   per hour and per kind of form, counted in Django's cache (fixed one-hour windows). Over the limit the view
   answers HTTP 429 with a Dutch explanation.

Settings are read at call time, from Django settings or else the environment variables `KT_PORTAAL_LIMIET_PER_UUR`
and `KT_PORTAAL_MIN_INVULTIJD`. Without a CACHES setting Django uses a LocMemCache per process: with several
app servers each process counts on its own (the limit is then per process); configure a shared cache (e.g.
Redis or the database cache) to count across processes. The client IP is REMOTE_ADDR: behind a proxy, let the
proxy/gunicorn set it to the real client address. IPs and session keys are only stored as keyed hashes, and the
log lines carry no personal data (no IP, no name, no text).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

logger = logging.getLogger("keukentafel.portaal.misbruik")

HONEYPOT = "website"
TIJDVELD = "formulier_start"
_ZOUT = "keukentafel.portaal.formulier_start"
VENSTER_SECONDEN = 3600

TE_SNEL = (
    "U heeft het formulier erg snel verstuurd, daardoor konden we niet zeker weten dat een mens het invulde. "
    "Controleer uw gegevens en verstuur het formulier nog een keer."
)
VERLOPEN = "Het formulier was verlopen of onvolledig. Controleer uw gegevens en verstuur het formulier nog een keer."
HONEYPOT_GEVULD = "Uw bericht is niet verstuurd: het veld ‘Laat dit veld leeg’ is ingevuld. Maak het leeg en verstuur het opnieuw."
TE_VAAK = (
    "U heeft in het afgelopen uur al vaak een formulier verstuurd. Om misbruik te voorkomen kunt u het over een uur "
    "opnieuw proberen. Heeft u nu hulp nodig? Bel uw gemeente. Bij direct gevaar: bel 112."
)


def _instelling(naam: str, omgeving: str, standaard: float) -> float:
    waarde = getattr(settings, naam, None)
    if waarde is None:
        waarde = os.environ.get(omgeving, standaard)
    return float(waarde)


def limiet_per_uur() -> int:
    return int(_instelling("PORTAAL_LIMIET_PER_UUR", "KT_PORTAAL_LIMIET_PER_UUR", 5))


def min_invultijd() -> float:
    return _instelling("PORTAAL_MIN_INVULTIJD", "KT_PORTAAL_MIN_INVULTIJD", 3)


def max_leeftijd() -> float:
    return _instelling("PORTAAL_FORMULIER_MAX_LEEFTIJD", "KT_PORTAAL_FORMULIER_MAX_LEEFTIJD", 24 * 3600)


# ---------------------------------------------------------------------------------------------------
# Honeypot and minimum fill time: a form mixin
# ---------------------------------------------------------------------------------------------------


def nieuw_token(nu: float | None = None) -> str:
    """A signed 'this form was served at' timestamp."""
    return signing.dumps({"t": time.time() if nu is None else nu}, salt=_ZOUT)


class Geweigerd(ValidationError):
    """A submission refused by the honeypot or the timer; `reden` is logged (no personal data)."""

    def __init__(self, bericht: str, reden: str):
        super().__init__(bericht, code=reden)
        self.reden = reden


class MisbruikFormMixin:
    """Adds the honeypot and the signed start time; `clean()` refuses filled honeypots and too-fast submissions.

    Render both with `{% include "portaal/hulp_misbruikvelden.html" %}` inside the <form>.
    After a refusal `self.geweigerd` holds the reason ("honeypot", "te_snel", "verlopen").
    """

    #: Name for the log line ("hulp", "anoniem", "vrijwilliger").
    soort = "formulier"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.geweigerd: str | None = None
        self.fields[HONEYPOT] = forms.CharField(
            label="Laat dit veld leeg",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[TIJDVELD] = forms.CharField(required=False, widget=forms.HiddenInput, initial=nieuw_token)

    def _vernieuw_token(self) -> None:
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix(TIJDVELD)] = nieuw_token()

    def clean(self):
        data = super().clean()
        if (self.cleaned_data.get(HONEYPOT) or "").strip():
            self._weiger(HONEYPOT_GEVULD, "honeypot")
        token = self.cleaned_data.get(TIJDVELD) or ""
        try:
            verstreken = time.time() - float(signing.loads(token, salt=_ZOUT)["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            verstreken = None
        if verstreken is None or verstreken > max_leeftijd():
            self._vernieuw_token()
            self._weiger(VERLOPEN, "verlopen")
        if verstreken < min_invultijd():
            # The same token stays in the form: sending it again a moment later succeeds.
            self._weiger(TE_SNEL, "te_snel")
        return data

    def _weiger(self, bericht: str, reden: str) -> None:
        self.geweigerd = reden
        logger.warning("Portaalformulier geweigerd: soort=%s reden=%s", self.soort, reden)
        raise Geweigerd(bericht, reden)


# ---------------------------------------------------------------------------------------------------
# Rate limit per client IP and per session (cache)
# ---------------------------------------------------------------------------------------------------


def _hash(waarde: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), waarde.encode(), hashlib.sha256).hexdigest()[:32]


def _sleutels(request: HttpRequest, soort: str) -> list[tuple[str, str]]:
    venster = int(time.time() // VENSTER_SECONDEN)
    sleutels = []
    ip = request.META.get("REMOTE_ADDR") or ""
    if ip:
        sleutels.append(("ip", f"portaal:limiet:{soort}:{venster}:ip:{_hash(ip)}"))
    if hasattr(request, "session"):
        if not request.session.session_key:
            request.session.save()
        sleutels.append(("sessie", f"portaal:limiet:{soort}:{venster}:sessie:{_hash(request.session.session_key)}"))
    return sleutels


def _tel(sleutel: str) -> int:
    cache.add(sleutel, 0, timeout=VENSTER_SECONDEN + 60)
    try:
        return cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=VENSTER_SECONDEN + 60)
        return 1


def over_limiet(request: HttpRequest, soort: str) -> bool:
    """Count one submission of `soort` for this IP and this session; True when either is over the hourly limit.

    Call it only for submissions that passed validation (typing errors do not use up the limit). A refused
    submission is counted too, so hammering does not reset anything.
    """
    limiet = limiet_per_uur()
    over = False
    for wat, sleutel in _sleutels(request, soort):
        if _tel(sleutel) > limiet:
            over = True
            logger.warning("Portaalformulier geweigerd: soort=%s reden=limiet per %s (%s per uur)", soort, wat, limiet)
    return over
