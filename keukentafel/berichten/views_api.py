"""HTTP exchange with providers: POST a message, fetch answers from the outbox.

Authentication is a provider key (`Authorization: Token <key>`, see `tokens`), never a session: these
endpoints are machine-to-machine, CSRF-exempt and see only the key's own provider. The body is read in
chunks against `BERICHT_MAX_BYTES` (OP179) instead of `request.body`, whose 2.5 MB Django limit would refuse
a legitimate large 323 and which would buffer an oversized one completely before refusing it.
"""

from __future__ import annotations

import io
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Aanbiedertoken, Bericht, Berichtstatus, Kanaal, Richting
from .tokens import hash_sleutel
from .verwerking import Ontvangst, ontvang

logger = logging.getLogger("keukentafel.berichten")

BLOK = 64 * 1024
XML_TYPES = {"application/xml", "text/xml", "application/octet-stream", ""}
_BESTANDSNAAM = re.compile(r'filename="?([^";]+)"?')


class Weigering(Exception):
    def __init__(self, status: int, melding: str, headers: dict[str, str] | None = None):
        super().__init__(melding)
        self.status, self.melding, self.headers = status, melding, headers or {}


def _fout(status: int, melding: str, *, fouten: list[dict] | None = None, headers: dict[str, str] | None = None, **extra) -> JsonResponse:
    r = JsonResponse({"melding": melding, "fouten": fouten or [], **extra}, status=status, json_dumps_params={"ensure_ascii": False})
    for k, v in (headers or {}).items():
        r[k] = v
    return r


def _token(request: HttpRequest) -> Aanbiedertoken:
    kop = request.META.get("HTTP_AUTHORIZATION", "")
    soort, _, sleutel = kop.partition(" ")
    if soort.lower() != "token" or not sleutel.strip():
        raise Weigering(401, "Geen sleutel meegestuurd. Gebruik de kop 'Authorization: Token <sleutel>'.", {"WWW-Authenticate": "Token"})
    sleutel = sleutel.strip()
    token = None
    if len(sleutel) <= 200:
        token = Aanbiedertoken.objects.select_related("aanbieder").filter(sleutel_hash=hash_sleutel(sleutel)).first()
    if token is None:
        raise Weigering(401, "Deze sleutel is onbekend.", {"WWW-Authenticate": "Token"})
    if token.ingetrokken_op is not None:
        raise Weigering(401, "Deze sleutel is ingetrokken. Vraag de gemeente om een nieuwe.", {"WWW-Authenticate": "Token"})
    _tempo(token)
    nu = timezone.now()
    # One write per minute at most: the key's use is visible to beheer without a row lock on every request.
    if token.laatst_gebruikt_op is None or (nu - token.laatst_gebruikt_op).total_seconds() > 60:
        Aanbiedertoken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
    return token


def _tempo(token: Aanbiedertoken) -> None:
    """A simple per-key limit per minute (settings.BERICHTEN_API_PER_MINUUT): a runaway client cannot flood us."""
    limiet = getattr(settings, "BERICHTEN_API_PER_MINUUT", 300)
    if not limiet:
        return
    sleutel = f"berichten-api:{token.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(sleutel, 0, timeout=90)
    try:
        aantal = cache.incr(sleutel)
    except ValueError:
        return
    if aantal > limiet:
        raise Weigering(429, f"Te veel verzoeken: maximaal {limiet} per minuut per sleutel. Probeer het zo opnieuw.", {"Retry-After": "60"})


def _lees(request: HttpRequest) -> bytes:
    limiet = settings.BERICHT_MAX_BYTES
    groot = f"Het bericht is groter dan {limiet / 2**20:.1f} MB (OP179)."
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > limiet:
        raise Weigering(413, groot)
    buf = io.BytesIO()
    while True:
        blok = request.read(BLOK)
        if not blok:
            break
        buf.write(blok)
        if buf.tell() > limiet:
            raise Weigering(413, groot)
    return buf.getvalue()


def _bestandsnaam(request: HttpRequest, wet: str, soort: str) -> str:
    m = _BESTANDSNAAM.search(request.META.get("HTTP_CONTENT_DISPOSITION", ""))
    naam = m.group(1).strip() if m else ""
    return (naam or f"{'WMO' if wet == 'wmo' else 'JW'}{soort} via HTTP")[:200]


def _antwoord(o: Ontvangst, bestandsnaam: str) -> HttpResponse:
    if o.http_status == 200:
        xml = o.antwoord_xml
        if xml is not None:
            r = HttpResponse(xml, content_type="application/xml; charset=utf-8")
            if o.herhaald:
                r["X-Keukentafel-Herhaald"] = "1"
            return r
        return JsonResponse({"melding": o.melding, "bericht": o.bericht.pk if o.bericht else None, "herhaald": o.herhaald},
                            json_dumps_params={"ensure_ascii": False})
    fouten = [
        {"regel": f.get("regel"), "element": f.get("element", ""), "melding": f.get("melding", ""), "code": f.get("code", "")}
        for f in o.fouten
    ]
    extra = {"bestand": bestandsnaam}
    if o.antwoord is not None:
        extra["antwoord"] = o.antwoord.xml
    return _fout(o.http_status, o.melding or "Het bericht is geweigerd.", fouten=fouten, **extra)


@csrf_exempt
@require_POST
def ontvang_bericht(request: HttpRequest, wet: str, soort: str) -> HttpResponse:
    """POST /api/berichten/v1/<wet>/<soort>/ with the XML as body: the retour (or 325) comes back as XML."""
    try:
        token = _token(request)
        soort_type = (request.META.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if soort_type not in XML_TYPES:
            raise Weigering(415, "Stuur het bericht als XML (Content-Type: application/xml).")
        data = _lees(request)
    except Weigering as w:
        return _fout(w.status, w.melding, headers=w.headers)
    bestandsnaam = _bestandsnaam(request, wet, soort)
    o = ontvang(data, kanaal=Kanaal.HTTP, bestandsnaam=bestandsnaam, aanbieder=token.aanbieder, verwachte_soort=soort,
                verwachte_wet=wet)
    return _antwoord(o, bestandsnaam)


def _eigen_uitgaand(token: Aanbiedertoken):
    return Bericht.objects.filter(aanbieder=token.aanbieder, richting=Richting.UIT)


@csrf_exempt
@require_GET
def uitbox(request: HttpRequest) -> HttpResponse:
    """The provider's own outgoing messages, not yet fetched first. `?status=klaar` for only the new ones."""
    try:
        token = _token(request)
    except Weigering as w:
        return _fout(w.status, w.melding, headers=w.headers)
    qs = _eigen_uitgaand(token)
    if request.GET.get("status"):
        qs = qs.filter(status=request.GET["status"])
    qs = qs.annotate(nieuw=Case(When(status=Berichtstatus.KLAAR, then=Value(0)), default=Value(1), output_field=IntegerField()))
    qs = qs.order_by("nieuw", "-aangemaakt_op", "-id")[:1000]
    berichten = [
        {
            "id": b.pk, "soort": b.soort, "wet": b.wet, "code": b.code, "identificatie": b.identificatie,
            "dagtekening": b.dagtekening.isoformat() if b.dagtekening else None, "status": b.status,
            "url": request.build_absolute_uri(f"{b.pk}/"),
        }
        for b in qs.only("pk", "soort", "wet", "identificatie", "dagtekening", "status")
    ]
    return JsonResponse({"berichten": berichten}, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_GET
def uitbox_bericht(request: HttpRequest, pk: int) -> HttpResponse:
    """One outgoing message as XML; fetching it marks it OPGEHAALD. Another provider's message is a 404."""
    try:
        token = _token(request)
    except Weigering as w:
        return _fout(w.status, w.melding, headers=w.headers)
    b = _eigen_uitgaand(token).filter(pk=pk).first()
    if b is None:
        return _fout(404, "Dit bericht bestaat niet of is niet voor u.")
    if b.status == Berichtstatus.KLAAR:
        Bericht.objects.filter(pk=b.pk, status=Berichtstatus.KLAAR).update(status=Berichtstatus.OPGEHAALD, opgehaald_op=timezone.now())
    r = HttpResponse(b.xml_bytes, content_type="application/xml; charset=utf-8")
    r["Content-Disposition"] = f'attachment; filename="{b.code}_{b.identificatie}.xml"'
    return r
