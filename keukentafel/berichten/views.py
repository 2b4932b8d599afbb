"""Staff pages for the message exchange: the list, one provider's messages, and one message in detail.

Who: backoffice and functioneel beheer see the messages of their gemeente (functioneel beheer also the ones
refused before a gemeente could be recognised); financiën sees declaraties and their answers (323/325) only.
Everyone else gets 403. The XML holds BSNs, so the detail page is need-to-know: opening it is recorded in the
audit trail for each household whose member is in the message. A BSN never appears in a URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from lxml import etree

from keukentafel import forms as kt
from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Rol
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Persoon
from keukentafel.inwoners.services import huidig_huishouden

from . import xsd
from .codes import RETOURCODES
from .models import Bericht, Berichtsoort, Berichtstatus, Richting
from .opbouw import BERICHTKLASSEN

PER_PAGINA = 50
#: Rows of a large message shown on the detail page; the rest is counted (the raw XML has everything).
MAX_REGELS = 200
MAX_CLIENTEN = 200
#: Characters of pretty-printed XML shown; a 25 MB declaratie is downloaded, not rendered.
MAX_XML_TEKENS = 400_000
FINANCIEN_SOORTEN = ("323", "325")
GEEN_TOEGANG = "Berichten zijn alleen in te zien door de backoffice, functioneel beheer en (voor declaraties) financiën."


def zichtbare_berichten(request: HttpRequest) -> QuerySet[Bericht]:
    """The messages this user may see, or PermissionDenied."""
    user = request.user
    if user.rol not in (Rol.BACKOFFICE, Rol.FUNCTIONEEL_BEHEER, Rol.FINANCIEN):
        raise PermissionDenied(GEEN_TOEGANG)
    gemeente = user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U werkt niet voor een gemeente; berichten horen bij een gemeente.")
    waar = Q(gemeente=gemeente)
    if user.rol == Rol.FUNCTIONEEL_BEHEER:
        waar |= Q(gemeente__isnull=True)
    qs = Bericht.objects.filter(waar)
    if user.rol == Rol.FINANCIEN:
        qs = qs.filter(soort__in=FINANCIEN_SOORTEN)
    return qs


class FilterForm(kt.Form):
    aanbieder = forms.ModelChoiceField(label="Aanbieder", queryset=Aanbieder.objects.none(), required=False, empty_label="Alle")
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "Alle"), *Berichtsoort.choices])
    richting = forms.ChoiceField(label="Richting", required=False, choices=[("", "Beide"), *Richting.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Alle"), *Berichtstatus.choices])
    wet = forms.ChoiceField(label="Wet", required=False, choices=[("", "Beide"), *Wet.choices])
    van = forms.DateField(label="Vanaf", required=False, widget=kt.DateInput)
    tot = forms.DateField(label="Tot en met", required=False, widget=kt.DateInput)

    def __init__(self, *args, aanbieders: QuerySet | None = None, soorten: tuple[str, ...] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders if aanbieders is not None else Aanbieder.objects.none()
        if soorten:
            self.fields["soort"].choices = [("", "Alle"), *((c, label) for c, label in Berichtsoort.choices if c in soorten)]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", "De einddatum van de periode ligt vóór de begindatum.")
        return data


def _filter(qs: QuerySet[Bericht], data: dict) -> QuerySet[Bericht]:
    if data.get("aanbieder"):
        qs = qs.filter(aanbieder=data["aanbieder"])
    for veld in ("soort", "richting", "status", "wet"):
        if data.get(veld):
            qs = qs.filter(**{veld: data[veld]})
    tz = timezone.get_current_timezone()
    if data.get("van"):
        qs = qs.filter(aangemaakt_op__gte=datetime.combine(data["van"], time.min, tzinfo=tz))
    if data.get("tot"):
        qs = qs.filter(aangemaakt_op__lte=datetime.combine(data["tot"], time.max, tzinfo=tz))
    return qs


def _lijst(request: HttpRequest, basis: QuerySet[Bericht], *, aanbieder: Aanbieder | None, template: str, extra: dict) -> HttpResponse:
    soorten = FINANCIEN_SOORTEN if request.user.rol == Rol.FINANCIEN else None
    aanbieders = Aanbieder.objects.filter(pk__in=basis.values("aanbieder")).order_by("naam")
    form = FilterForm(request.GET or None, aanbieders=aanbieders, soorten=soorten)
    qs = basis
    if form.is_bound and form.is_valid():
        qs = _filter(qs, form.cleaned_data)
    elif form.is_bound:
        qs = qs.none()
    qs = (
        qs.select_related("aanbieder")
        .defer("xml_z", "fouten")
        .annotate(eerste_fout=KT("fouten__0__melding"))
        .order_by("-aangemaakt_op", "-id")
    )
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    aan, uitleg = xsd.xsd_status()
    return render(request, template, {
        "form": form, "pagina": pagina, "querystring": params.urlencode(), "xsd_aan": aan, "xsd_uitleg": uitleg,
        "aanbieder": aanbieder, **extra,
    })


@require_GET
def bericht_lijst(request: HttpRequest) -> HttpResponse:
    return _lijst(request, zichtbare_berichten(request), aanbieder=None, template="berichten/bericht_lijst.html", extra={})


@require_GET
def aanbieder_berichten(request: HttpRequest, pk: int) -> HttpResponse:
    basis = zichtbare_berichten(request)
    aanbieder = get_object_or_404(Aanbieder, pk=pk)
    eigen = basis.filter(aanbieder=aanbieder)
    tellingen = {r["status"]: r["n"] for r in eigen.values("status").annotate(n=Count("id")).order_by()}
    per_status = [(label, tellingen[c]) for c, label in Berichtstatus.choices if c in tellingen]
    sleutels = aanbieder.tokens.filter(ingetrokken_op__isnull=True).count()
    return _lijst(request, eigen, aanbieder=aanbieder, template="berichten/bericht_aanbieder.html",
                  extra={"per_status": per_status, "sleutels": sleutels})


# --- detail ---------------------------------------------------------------------------------------


def _ln(e: etree._Element) -> str:
    return etree.QName(e).localname if isinstance(e.tag, str) else ""


def _kind(e: etree._Element | None, *pad: str) -> etree._Element | None:
    for naam in pad:
        if e is None:
            return None
        e = next((k for k in e if _ln(k) == naam), None)
    return e


def _t(e: etree._Element | None, *pad: str) -> str:
    k = _kind(e, *pad) if pad else e
    return (k.text or "").strip() if k is not None and k.text else ""


def _codes(e: etree._Element) -> list[str]:
    rc = _kind(e, "RetourCodes")
    return [c.text for c in rc if c.text] if rc is not None else []


def _code_tekst(code: str) -> str:
    r = RETOURCODES.get(code)
    return f"{code} {r.tekst}" if r else code


def gemaskeerd(bsn: str) -> str:
    return f"*****{bsn[-4:]}" if bsn else ""


@dataclass
class Regel:
    soort: str
    regel: int | None
    toewijzingnummer: str = ""
    product: str = ""
    periode: str = ""
    volume: str = ""
    bedrag: str = ""
    status: str = ""
    retourcodes: list[str] = field(default_factory=list)


@dataclass
class ClientInhoud:
    bsn_gemaskeerd: str
    naam: str
    geboortedatum: str
    regel: int | None
    persoon: Persoon | None = None
    retourcodes: list[str] = field(default_factory=list)
    regels: list[Regel] = field(default_factory=list)
    aantal_regels: int = 0


def _periode(e: etree._Element) -> str:
    pp = _kind(e, "ProductPeriode") or _kind(e, "Periode")
    begin = _t(pp, "Begindatum") if pp is not None else _t(e, "Begindatum") or _t(e, "Ingangsdatum")
    eind = _t(pp, "Einddatum") if pp is not None else _t(e, "Einddatum")
    return f"{begin} – {eind}" if begin or eind else ""


def _euro(cent: str, dc: str = "") -> str:
    try:
        waarde = int(cent)
    except ValueError:
        return cent
    teken = "-" if dc == "C" else ""
    return f"{teken}€ {waarde // 100:,}.{waarde % 100:02d}".replace(",", "X").replace(".", ",").replace("X", ".")


def _regel(e: etree._Element) -> Regel:
    product = _kind(e, "Product")
    if product is not None:
        prod = f"{_t(product, 'Categorie')} {_t(product, 'Code')}".strip()
    else:
        prod = f"{_t(e, 'ProductCategorie')} {_t(e, 'ProductCode')}".strip()
    omvang = _kind(e, "Omvang")
    volume = (f"{_t(omvang, 'Volume')} × {_t(omvang, 'Eenheid')}" if omvang is not None
              else (f"{_t(e, 'GeleverdVolume')} × {_t(e, 'Eenheid')}" if _t(e, "GeleverdVolume") else ""))
    bedrag_el = _kind(e, "IngediendBedrag") or _kind(e, "ToegekendBedrag")
    bedrag = _euro(_t(bedrag_el, "Bedrag"), _t(bedrag_el, "DebetCredit")) if bedrag_el is not None else ""
    return Regel(
        soort=_ln(e), regel=e.sourceline, toewijzingnummer=_t(e, "ToewijzingNummer"), product=prod, periode=_periode(e),
        volume=volume.strip(" ×"), bedrag=bedrag, status=_t(e, "StatusAanlevering"), retourcodes=_codes(e),
    )


def _clienten(root: etree._Element) -> tuple[list[ClientInhoud], int]:
    clienten: list[ClientInhoud] = []
    bsns: list[str] = []
    aantal = 0
    for c in root.iter():
        if _ln(c) not in ("Client", "Antwoord") or c is root:
            continue
        aantal += 1
        if len(clienten) >= MAX_CLIENTEN:
            continue
        naam_el = _kind(c, "Naam")
        naam = ""
        if naam_el is not None:
            letters = _t(naam_el, "Voorletters")
            delen = ["".join(f"{c}." for c in letters if c.isalpha()) if letters else _t(naam_el, "Voornamen"),
                     _t(naam_el, "Geslachtsnaam", "Voorvoegsel"),
                     _t(naam_el, "Geslachtsnaam", "Achternaam")]
            naam = " ".join(d for d in delen if d)
        ci = ClientInhoud(bsn_gemaskeerd=gemaskeerd(_t(c, "Bsn")), naam=naam, geboortedatum=_t(c, "Geboortedatum", "Datum"),
                          regel=c.sourceline, retourcodes=_codes(c))
        bsns.append(_t(c, "Bsn"))  # kept off the object the template sees; used for the lookup only
        for e in c.iter():
            if e is c or _ln(e) not in BERICHTKLASSEN:
                continue
            ci.aantal_regels += 1
            if len(ci.regels) < MAX_REGELS:
                ci.regels.append(_regel(e))
        clienten.append(ci)
    personen = {p.bsn: p for p in Persoon.objects.filter(bsn__in={b for b in bsns if b})} if any(bsns) else {}
    for ci, bsn in zip(clienten, bsns, strict=True):
        ci.persoon = personen.get(bsn)
        if ci.persoon is not None and not ci.naam:
            ci.naam = ci.persoon.naam
    return clienten, aantal


def _kop(root: etree._Element) -> list[tuple[str, str]]:
    h = _kind(root, "Header")
    if h is None:
        return []
    velden = [
        ("BerichtCode", _t(h, "BerichtCode")), ("Afzender", _t(h, "Afzender")), ("Ontvanger", _t(h, "Ontvanger")),
        ("Identificatie", _t(h, "BerichtIdentificatie", "Identificatie")),
        ("Dagtekening", _t(h, "BerichtIdentificatie", "Dagtekening")),
        ("Identificatie retour", _t(h, "IdentificatieRetour")), ("Dagtekening retour", _t(h, "DagtekeningRetour")),
        ("Retourcodes header", ", ".join(_code_tekst(c) for c in _codes(h))),
    ]
    d = _kind(root, "Declaratie") or _kind(root, "DeclaratieAntwoord")
    if d is not None:
        velden += [
            ("Declaratienummer", _t(d, "DeclaratieNummer") or _t(d, "DeclaratieIdentificatie")),
            ("Declaratieperiode", f"{_t(d, 'DeclaratiePeriode', 'Begindatum')} – {_t(d, 'DeclaratiePeriode', 'Einddatum')}".strip(" –")),
        ]
        for naam in ("TotaalIngediendBedrag", "TotaalToegekendBedrag"):
            t = _kind(d, naam)
            if t is not None:
                velden.append((naam, _euro(_t(t, "TotaalBedrag"), _t(t, "DebetCredit"))))
    return [(k, v) for k, v in velden if v]


def _parse_voor_weergave(tekst: str) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True, huge_tree=False)
    try:
        return etree.fromstring(tekst.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return None


def _log_inzage(request: HttpRequest, b: Bericht, clienten: list[ClientInhoud], aantal: int) -> None:
    """One audit record per household concerned (or one for the message when nobody is known to us)."""
    personen = {p.pk: p for p in ([b.persoon] if b.persoon else []) + [c.persoon for c in clienten if c.persoon]}
    huishoudens: dict[int | None, list[Persoon]] = {}
    for p in personen.values():
        hh = huidig_huishouden(p)
        huishoudens.setdefault(hh.pk if hh else None, []).append(p)
    if not huishoudens and aantal:
        audit.log(request.user, AuditActie.LEZEN, b, omschrijving=f"Bericht {b} ingezien ({aantal} cliënt(en), niet bij ons bekend)",
                  request=request)
    for hh_id, leden in huishoudens.items():
        namen = ", ".join(p.naam for p in leden[:5])
        audit.log(request.user, AuditActie.LEZEN, b, omschrijving=f"Bericht {b} ingezien: {namen}", huishouden_id=hh_id,
                  request=request)


@require_GET
def bericht_detail(request: HttpRequest, pk: int) -> HttpResponse:
    b = get_object_or_404(zichtbare_berichten(request).select_related("aanbieder", "gemeente", "heenbericht", "persoon"), pk=pk)
    root = _parse_voor_weergave(b.xml)
    clienten, aantal_clienten = _clienten(root) if root is not None else ([], 0)
    kop = _kop(root) if root is not None else []
    if root is not None:
        mooi = etree.tostring(root, encoding="unicode", pretty_print=True)
    else:
        mooi = b.xml
    ingekort = len(mooi) > MAX_XML_TEKENS
    _log_inzage(request, b, clienten, aantal_clienten)
    fouten = [
        {**f, "code_tekst": _code_tekst(f["code"]) if f.get("code") and f["code"] != "0001" else ""} for f in (b.fouten or [])[:500]
    ]
    antwoorden = b.antwoorden.defer("xml_z").order_by("pk")
    return render(request, "berichten/bericht_detail.html", {
        "b": b, "kop": kop, "clienten": clienten, "aantal_clienten": aantal_clienten, "max_regels": MAX_REGELS,
        "fouten": fouten, "aantal_fouten": len(b.fouten or []), "retourcodes": [_code_tekst(c) for c in b.retourcodes or []],
        "xml": mooi[:MAX_XML_TEKENS], "ingekort": ingekort, "antwoorden": antwoorden,
        "heen_zichtbaar": b.heenbericht_id and zichtbare_berichten(request).filter(pk=b.heenbericht_id).exists(),
    })


@require_GET
def bericht_xml(request: HttpRequest, pk: int) -> HttpResponse:
    """The message as exchanged, as a download (for the tools of functioneel beheer or a provider's helpdesk)."""
    b = get_object_or_404(zichtbare_berichten(request).select_related("persoon"), pk=pk)
    hh = huidig_huishouden(b.persoon) if b.persoon else None
    audit.log(request.user, AuditActie.LEZEN, b, omschrijving=f"Bericht {b} gedownload (XML)", huishouden_id=hh.pk if hh else None,
              request=request)
    r = HttpResponse(b.xml_bytes, content_type="application/xml; charset=utf-8")
    r["Content-Disposition"] = f'attachment; filename="{b.code}_{b.identificatie}.xml"'
    return r


__all__ = ["aanbieder_berichten", "bericht_detail", "bericht_lijst", "bericht_xml"]
