"""Recording client experience questionnaires on a household's plan (staff with access to that dossier).

Every page read and every recording is audited; roles without dossier work get 403 (via `open_dossier`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from keukentafel import forms as kt
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.plannen.models import Ondersteuningsplan

from . import services
from .ervaring_forms import AfnameForm
from .models import Afname


def _plan(pk: int) -> Ondersteuningsplan:
    return get_object_or_404(Ondersteuningsplan.objects.select_related("huishouden", "regisseur"), pk=pk)


def plan_afnames(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(plan_pk)
    if antwoord := open_dossier(request, plan.huishouden, f"Cliëntervaringsonderzoek van {plan.huishouden.naam} bekeken"):
        return antwoord
    afnames = Afname.objects.filter(plan=plan).select_related("voorziening__product", "vastgelegd_door")
    return render(request, "monitor/ervaring_plan.html", {
        "plan": plan, "huishouden": plan.huishouden, "afnames": afnames,
        "gemeld": request.GET.get("vastgelegd") == "1",
    })


def afname_nieuw(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = _plan(plan_pk)
    huishouden = plan.huishouden
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
    elif antwoord := open_dossier(request, huishouden, f"Formulier cliëntervaringsonderzoek van {huishouden.naam} geopend"):
        return antwoord
    vragenlijst = services.geldende_vragenlijst(timezone.localdate())
    if vragenlijst is None:
        return render(request, "monitor/ervaring_nieuw.html", {"plan": plan, "huishouden": huishouden, "form": None}, status=409)
    voorzieningen = ToegewezenVoorziening.objects.geldend().filter(huishouden=huishouden).select_related("product").order_by("-begindatum")
    form = AfnameForm(request.POST or None, vragenlijst=vragenlijst, voorzieningen=voorzieningen)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.registreer_afname(
                request.user, plan, vragenlijst, datum=d["datum"], kanaal=d["kanaal"], ingevuld_door=d["ingevuld_door"],
                antwoorden=form.antwoorden(), voorziening=d["voorziening"], request=request,
            )
        except ValidationError as exc:
            kt.zet_fouten(form, exc)
        else:
            return redirect(f"{reverse('monitor:ervaring_plan', args=[plan.pk])}?vastgelegd=1")
    return render(request, "monitor/ervaring_nieuw.html", {
        "plan": plan, "huishouden": huishouden, "form": form, "vragenlijst": vragenlijst,
    }, status=400 if form.errors else 200)


def afname_detail(request: HttpRequest, pk: int) -> HttpResponse:
    afname = get_object_or_404(Afname.objects.select_related("huishouden", "plan", "voorziening__product", "vragenlijst"), pk=pk)
    if antwoord := open_dossier(request, afname.huishouden, f"Cliëntervaringsonderzoek {afname} van {afname.huishouden.naam} bekeken"):
        return antwoord
    antwoorden = afname.antwoorden.select_related("vraag").order_by("vraag__volgorde")
    return render(request, "monitor/ervaring_detail.html", {"afname": afname, "huishouden": afname.huishouden, "antwoorden": antwoorden})
