"""The hulpknop (public, no login): a question with contact details, an anonymous question, the confirmation.

Thin views: validate the form (incl. honeypot and minimum fill time), check the rate limit, call one service,
redirect to the confirmation (post/redirect/get). The confirmation shows only what the resident typed, once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts.models import Gemeente

from . import hulp
from .forms_hulp import AnoniemForm, HulpForm
from .misbruik import TE_VAAK, over_limiet
from .models import BesteTijd, Contactvoorkeur

SESSIE_GEMEENTE = "portaal_gemeente_id"
SESSIE_BEVESTIGING = "portaal_hulp_bevestiging"


def _sessiegemeente(request: HttpRequest) -> Gemeente | None:
    pk = request.session.get(SESSIE_GEMEENTE)
    return Gemeente.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def _initial(request: HttpRequest) -> dict:
    initial = {}
    gemeente = _sessiegemeente(request)
    if gemeente is not None:
        initial["gemeente"] = gemeente.pk
    if code := request.GET.get("leefgebied", "").strip():
        initial["leefgebied"] = code[:40]
    return initial


def _context(request: HttpRequest, form, **extra) -> dict:
    gemeente = form.cleaned_data.get("gemeente") if form.is_bound and hasattr(form, "cleaned_data") else None
    return {"form": form, "portaal_gemeente": gemeente or _sessiegemeente(request), **extra}


def _te_vaak(request: HttpRequest) -> HttpResponse:
    return render(request, "portaal/hulp_te_vaak.html", {"bericht": TE_VAAK, "portaal_gemeente": _sessiegemeente(request)}, status=429)


def _verwerk(request: HttpRequest, form, template: str, uitvoeren) -> HttpResponse:
    """POST handling shared by both forms: validate, limit, call the service, redirect to the confirmation."""
    if form.is_valid():
        if over_limiet(request, form.soort):
            return _te_vaak(request)
        try:
            bevestiging = uitvoeren(form.cleaned_data)
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, fout)
        else:
            request.session[SESSIE_GEMEENTE] = form.cleaned_data["gemeente"].pk
            request.session[SESSIE_BEVESTIGING] = bevestiging
            return redirect("portaal:hulp_verstuurd")
    return render(request, template, _context(request, form), status=400)


@require_http_methods(["GET", "POST"])
def hulp_vragen(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = HulpForm(request.POST)

        def uitvoeren(d: dict) -> dict:
            melding = hulp.dien_hulpvraag_in(request=request, **form.service_kwargs())
            adres = f"{d['adres']}, {d['postcode']}"
            contact = {"telefoon": d["telefoon"], "email": d["email"], "brief": adres, "langskomen": adres}
            return {
                "soort": "melding",
                "gemeente": d["gemeente"].naam,
                "team": str(melding.team) if melding.team_id else "",
                "naam": d["naam"],
                "contactvoorkeur": Contactvoorkeur(d["contactvoorkeur"]).label,
                "contact": contact[d["contactvoorkeur"]],
                "beste_tijd": BesteTijd(d["beste_tijd"]).label,
                "vraag": d["vraag"],
                "ontvangen": timezone.localtime(melding.ontvangen_op).strftime("%d-%m-%Y %H:%M"),
            }

        return _verwerk(request, form, "portaal/hulp_formulier.html", uitvoeren)
    return render(request, "portaal/hulp_formulier.html", _context(request, HulpForm(initial=_initial(request))))


@require_http_methods(["GET", "POST"])
def hulp_anoniem(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = AnoniemForm(request.POST)

        def uitvoeren(d: dict) -> dict:
            melding = hulp.stel_anonieme_vraag(
                gemeente=d["gemeente"], vraag=d["vraag"], gebied=d.get("gebied"), leefgebied=d.get("leefgebied")
            )
            return {
                "soort": "anoniem",
                "gemeente": d["gemeente"].naam,
                "team": str(melding.team) if melding.team_id else "",
                "vraag": d["vraag"],
                "ontvangen": timezone.localtime(melding.ontvangen_op).strftime("%d-%m-%Y %H:%M"),
            }

        return _verwerk(request, form, "portaal/hulp_anoniem.html", uitvoeren)
    return render(request, "portaal/hulp_anoniem.html", _context(request, AnoniemForm(initial=_initial(request))))


@require_GET
def hulp_verstuurd(request: HttpRequest) -> HttpResponse:
    """Shown once after sending: what the resident typed and what happens next; a reload shows the general text."""
    bevestiging = request.session.pop(SESSIE_BEVESTIGING, None)
    return render(request, "portaal/hulp_verstuurd.html", {"b": bevestiging, "portaal_gemeente": _sessiegemeente(request)})
