"""The team's work items for provider requests (315/317): the worklist and one verzoek with its decision.

Access: the backoffice of the verzoek's gemeente; generalists and teamleiders who may open the client's dossier
(`open_persoon`: own gebied, assigned, or a recorded reason; a client without household: the gemeente's staff).
Everyone else gets 403. Opening a verzoek is a dossier read (audited); a decision goes through the services in
`verzoeken` (audited there). A stale version comes back with HTTP 409 and the new state.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel import forms as kt
from keukentafel.aanbod.models import Product
from keukentafel.accounts import audit
from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.models import AuditActie, Rol
from keukentafel.besluiten.forms import zet_fouten
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Huishouden
from keukentafel.inwoners.persoontoegang import eis_persoon_wijziging, open_persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden

from . import verzoeken
from .models import Verzoek, Verzoeksoort, Verzoekstatus

GEEN_TOEGANG = "Verzoeken van aanbieders zijn in te zien door de backoffice en door generalisten en teamleiders van de cliënt."
ONBEKEND_FORMULIER = "Dit formulier hoort niet (meer) bij deze pagina: laad de pagina opnieuw."
MAX_LIJST = 500


def _mag_werkvoorraad(request: HttpRequest) -> None:
    if request.user.rol not in (Rol.BACKOFFICE, Rol.GENERALIST, Rol.TEAMLEIDER):
        raise PermissionDenied(GEEN_TOEGANG)


def _werkvoorraad(request: HttpRequest) -> QuerySet[Verzoek]:
    """Open verzoeken this user may handle: all of the gemeente for the backoffice, else those of visible clients."""
    _mag_werkvoorraad(request)
    user = request.user
    qs = Verzoek.objects.filter(status__in=verzoeken.ONDERHANDEN)
    gemeente = user.werkgemeente
    if user.rol == Rol.BACKOFFICE:
        if gemeente is None:
            raise PermissionDenied("U werkt niet voor een gemeente; verzoeken horen bij een gemeente.")
        return qs.filter(gemeente=gemeente)
    vandaag = timezone.localdate()
    actief = Q(persoon__lidmaatschappen__begindatum__lte=vandaag) & (
        Q(persoon__lidmaatschappen__einddatum__isnull=True) | Q(persoon__lidmaatschappen__einddatum__gt=vandaag)
    )
    huishoudens = zichtbare_huishoudens(user, Huishouden.objects.all()).values("pk")
    zichtbaar = actief & Q(persoon__lidmaatschappen__huishouden__in=huishoudens)
    # A client without any household (e.g. registered from a 315): the gemeente's staff, as `open_persoon` allows.
    zonder_huishouden = Q(persoon__lidmaatschappen__isnull=True, persoon__gemeente=gemeente) if gemeente else Q(pk__in=[])
    return qs.filter(zichtbaar | zonder_huishouden).distinct()


def _producten(v: Verzoek) -> list[str]:
    """Readable product lines of a verzoek, for the list and the detail page."""
    namen = {(p.productcategorie, p.productcode): p.naam for p in Product.objects.filter(wet=v.wet)}

    def naam(cat: str, code: str) -> str:
        return namen.get((cat, code)) or f"categorie {cat or '–'}, code {code or '–'}"

    i = v.inhoud or {}
    if v.soort == Verzoeksoort.TOEWIJZING:
        return [naam(i.get("productcategorie", ""), i.get("productcode", ""))]
    regels = [f"Toewijzing {t['toewijzingnummer']} wijzigen" for t in i.get("te_wijzigen", [])]
    regels += [f"Nieuw: {naam(n.get('productcategorie', ''), n.get('productcode', ''))}" for n in i.get("nieuw", [])]
    return regels or ["Geen wijziging van producten"]


@require_GET
def verzoek_lijst(request: HttpRequest) -> HttpResponse:
    qs = _werkvoorraad(request).select_related("aanbieder").order_by("ontvangen_op", "id")
    vandaag = timezone.localdate()
    rijen = [
        {"v": v, "producten": _producten(v), "dagen": (vandaag - timezone.localtime(v.ontvangen_op).date()).days,
         "verwijzer": verzoeken.VERWIJZERS.get(v.verwijzer_type, "")}
        for v in qs[:MAX_LIJST]
    ]
    audit.log(request.user, AuditActie.ZOEKEN, None, omschrijving=f"Werkvoorraad verzoeken van aanbieders ({len(rijen)})",
              request=request)
    return render(request, "berichten/verzoek_lijst.html", {"rijen": rijen, "meer": qs.count() > MAX_LIJST})


# ---------------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------------


class _Versie(kt.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class GoedkeurForm(_Versie):
    """Approve. For a 315 the team may adjust what is granted; empty fields take what the provider asked."""

    ingangsdatum = forms.DateField(label="Ingangsdatum", required=False, widget=kt.DateInput,
                                   help_text="Leeg: de gevraagde ingangsdatum.")
    einddatum = forms.DateField(label="Einddatum", required=False, widget=kt.DateInput, help_text="Leeg: de gevraagde einddatum.")
    omvang = forms.IntegerField(label="Omvang", required=False, min_value=1, help_text="Leeg: de gevraagde omvang.")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, soort: str = Verzoeksoort.TOEWIJZING, **kwargs):
        super().__init__(*args, **kwargs)
        if soort != Verzoeksoort.TOEWIJZING:
            for veld in ("ingangsdatum", "einddatum", "omvang"):
                del self.fields[veld]

    def clean(self):
        data = super().clean()
        begin, eind = data.get("ingangsdatum"), data.get("einddatum")
        if begin and eind and eind < begin:
            self.add_error("einddatum", "De einddatum ligt vóór de ingangsdatum.")
        return data


class AfwijsForm(_Versie):
    reden_afwijzing = forms.ChoiceField(
        label="Reden van afwijzing (WJ759)", choices=[("", "Kies een reden"), *verzoeken.REDENEN_AFWIJZING.items()],
    )
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Blijft bij het verzoek bewaard; de aanbieder krijgt alleen de reden.")


class OnderzoekForm(_Versie):
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


FORMULIEREN = {"goedkeuren": GoedkeurForm, "afwijzen": AfwijsForm, "onderzoek": OnderzoekForm}


def _toegang(request: HttpRequest, v: Verzoek, omschrijving: str) -> HttpResponse | None:
    """Backoffice of the verzoek's gemeente, or the dossier gate of the client; the read is audited."""
    user = request.user
    huishouden = huidig_huishouden(v.persoon)
    if user.rol == Rol.BACKOFFICE and user.werkgemeente is not None and user.werkgemeente.pk == v.gemeente_id:
        if request.method == "GET":
            audit.log(user, AuditActie.LEZEN, v, omschrijving=omschrijving, request=request,
                      huishouden_id=huishouden.pk if huishouden else None)
        return None
    if user.rol == Rol.BACKOFFICE:
        raise PermissionDenied("Dit verzoek is gericht aan een andere gemeente dan die waarvoor u werkt.")
    if user.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER):
        raise PermissionDenied(GEEN_TOEGANG)
    if request.method == "POST":
        eis_persoon_wijziging(request, v.persoon, huishouden)
        return None
    return open_persoon(request, v.persoon, huishouden, omschrijving)


@require_http_methods(["GET", "POST"])
def verzoek_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = get_object_or_404(Verzoek.objects.select_related("aanbieder", "persoon", "gemeente", "bericht", "behandeld_door"), pk=pk)
    antwoord = _toegang(request, v, f"{v.get_soort_display()} {v.referentie_aanbieder} van {v.aanbieder.naam} geopend")
    if antwoord is not None:
        return antwoord
    formulieren = {
        "goedkeuren": GoedkeurForm(initial={"versie": v.version}, soort=v.soort, prefix="goedkeuren"),
        "afwijzen": AfwijsForm(initial={"versie": v.version}, prefix="afwijzen"),
        "onderzoek": OnderzoekForm(initial={"versie": v.version}, prefix="onderzoek"),
    }
    fout, status, open_formulier = "", 200, ""
    if request.method == "POST":
        naam = request.POST.get("formulier", "")
        if naam not in FORMULIEREN:
            fout, status = ONBEKEND_FORMULIER, 400
        else:
            kwargs = {"soort": v.soort} if naam == "goedkeuren" else {}
            form = FORMULIEREN[naam](request.POST, prefix=naam, **kwargs)
            formulieren[naam], open_formulier = form, naam
            if form.is_valid():
                try:
                    melding = _beslis(request, v, naam, form.cleaned_data)
                except GelijktijdigGewijzigd as exc:
                    v.refresh_from_db()
                    fout, status = str(exc), 409
                    form.data = form.data.copy()
                    form.data[f"{naam}-versie"] = str(v.version)
                except ValidationError as exc:
                    zet_fouten(form, exc)
                    status = 422
                else:
                    messages.success(request, melding)
                    return redirect("berichten:verzoek_detail", pk=v.pk)
            else:
                status = 422
    return render(request, "berichten/verzoek_detail.html", {
        "v": v, "producten": _producten(v), "regels": _regels(v), "formulieren": formulieren, "fout": fout,
        "open_formulier": open_formulier, "onderhanden": v.status in verzoeken.ONDERHANDEN,
        "toewijzingen": list(verzoeken.actuele_toewijzingen(v.persoon, v.aanbieder, v.wet)),
        "huishouden": huidig_huishouden(v.persoon), "verwijzer": verzoeken.VERWIJZERS.get(v.verwijzer_type, ""),
        "reden_verzoek": verzoeken.REDENEN_VERZOEK.get(v.reden_verzoek, ""),
        "reden_afwijzing": verzoeken.REDENEN_AFWIJZING.get(v.reden_afwijzing, ""),
        "mag_berichten": request.user.rol in (Rol.BACKOFFICE, Rol.FUNCTIONEEL_BEHEER),
        "is_jeugd": v.wet == Wet.JEUGDWET,
    }, status=status)


def _beslis(request: HttpRequest, v: Verzoek, naam: str, data: dict) -> str:
    versie = data["versie"]
    if naam == "goedkeuren":
        grants = verzoeken.keur_goed(
            v, request.user, versie, ingangsdatum=data.get("ingangsdatum"), einddatum=data.get("einddatum"),
            omvang=data.get("omvang"), toelichting=data.get("toelichting", ""), request=request,
        )
        nummers = ", ".join(str(g.toewijzingnummer) for g in grants)
        return f"Het verzoek is toegekend (toewijzing {nummers}); de aanbieder krijgt een toewijzingsbericht (301)."
    if naam == "afwijzen":
        verzoeken.wijs_af(v, request.user, versie, reden_afwijzing=data["reden_afwijzing"], toelichting=data["toelichting"],
                          request=request)
        return "Het verzoek is afgewezen; de aanbieder krijgt een antwoordbericht (319)."
    verzoeken.zet_in_onderzoek(v, request.user, versie, toelichting=data.get("toelichting", ""), request=request)
    return "De aanbieder krijgt bericht dat de aanvraag in onderzoek is (319)."


def _d(tekst: str | None) -> date | None:
    return date.fromisoformat(tekst) if tekst else None


def _regels(v: Verzoek) -> list[dict]:
    """The requested products or changes as rows for the detail page."""
    i = v.inhoud or {}
    if v.soort == Verzoeksoort.TOEWIJZING:
        return [{
            "wat": _producten(v)[0], "begin": _d(i.get("toewijzing_ingangsdatum")), "eind": _d(i.get("toewijzing_einddatum")),
            "volume": i.get("volume"), "eenheid": i.get("eenheid", ""), "frequentie": i.get("frequentie", ""),
            "budget": i.get("budget"),
        }]
    namen = {(p.productcategorie, p.productcode): p.naam for p in Product.objects.filter(wet=v.wet)}
    rijen = [{"wat": f"Toewijzing {nr} ongewijzigd"} for nr in i.get("ongewijzigd", [])]
    rijen += [{
        "wat": f"Toewijzing {t['toewijzingnummer']} wijzigen", "begin": _d(t.get("gewenste_ingangsdatum")),
        "eind": _d(t.get("einddatum")), "volume": t.get("volume"), "eenheid": t.get("eenheid", ""),
        "frequentie": t.get("frequentie", ""), "budget": t.get("budget"),
    } for t in i.get("te_wijzigen", [])]
    rijen += [{
        "wat": "Nieuw: " + (namen.get((n.get("productcategorie", ""), n.get("productcode", "")))
                            or f"categorie {n.get('productcategorie') or '–'}, code {n.get('productcode') or '–'}"),
        "begin": _d(n.get("gewenste_ingangsdatum")), "eind": _d(n.get("einddatum")), "volume": n.get("volume"),
        "eenheid": n.get("eenheid", ""), "frequentie": n.get("frequentie", ""), "budget": n.get("budget"),
    } for n in i.get("nieuw", [])]
    return rijen


__all__ = ["verzoek_lijst", "verzoek_detail", "Verzoekstatus"]
