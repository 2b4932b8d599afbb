"""Volunteer work: public vacancy list and pages, sign-up; the staff screen of the servicepunt vrijwilligerswerk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gebied, Gemeente
from keukentafel.plannen.models import Actie

from . import vrijwilligers as dienst
from .forms_vrijwilligers import KoppelForm, VacatureForm, VrijwilligerForm
from .misbruik import TE_VAAK, over_limiet
from .models import Vrijwilliger, Vrijwilligersvacature
from .views_hulp import SESSIE_GEMEENTE, _sessiegemeente


def _gemeente(request: HttpRequest) -> Gemeente | None:
    pk = request.GET.get("gemeente", "")
    if pk.isdigit():
        return Gemeente.objects.filter(pk=int(pk)).first()
    return _sessiegemeente(request)


@require_GET
def vacatures(request: HttpRequest) -> HttpResponse:
    gemeente = _gemeente(request)
    qs = Vrijwilligersvacature.objects.open_op(timezone.localdate()).select_related("gebied", "gemeente").prefetch_related("leefgebieden")
    gebieden = Gebied.objects.select_related("gemeente").order_by("gemeente__naam", "naam")
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
        gebieden = gebieden.filter(gemeente=gemeente)
    gebied = None
    if request.GET.get("gebied", "").isdigit():
        gebied = gebieden.filter(pk=int(request.GET["gebied"])).first()
        if gebied is not None:
            # A vacancy for the whole gemeente is also open to people in that gebied.
            qs = qs.filter(Q(gebied=gebied) | Q(gemeente_id=gebied.gemeente_id, gebied__isnull=True))
    context = {
        "vacatures": qs.order_by("titel", "id")[:200],
        "gebieden": gebieden,
        "gebied": gebied,
        "gemeente": gemeente,
        "gemeenten": Gemeente.objects.order_by("naam"),
        "portaal_gemeente": gemeente,
    }
    return render(request, "portaal/vrijwilligers_lijst.html", context)


@require_GET
def vacature(request: HttpRequest, pk: int) -> HttpResponse:
    vac = get_object_or_404(Vrijwilligersvacature.objects.open_op(timezone.localdate()).select_related("gebied", "gemeente"), pk=pk)
    return render(request, "portaal/vrijwilligers_vacature.html", {"vac": vac, "portaal_gemeente": vac.gemeente})


@require_http_methods(["GET", "POST"])
def aanmelden(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = VrijwilligerForm(request.POST)
        if form.is_valid():
            if over_limiet(request, form.soort):
                return render(request, "portaal/hulp_te_vaak.html", {"bericht": TE_VAAK}, status=429)
            d = form.cleaned_data
            try:
                dienst.meld_vrijwilliger_aan(
                    gemeente=d["gemeente"],
                    naam=d["naam"],
                    email=d.get("email") or "",
                    telefoon=d.get("telefoon") or "",
                    gebieden=d["gebieden"],
                    interesses=d.get("interesses") or [],
                    beschikbaarheid=d["beschikbaarheid"],
                    toelichting=d.get("toelichting") or "",
                    toestemming=d["toestemming"],
                )
            except ValidationError as exc:
                for veld, fouten in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                    for fout in fouten:
                        form.add_error(veld if veld in form.fields else None, fout)
            else:
                request.session[SESSIE_GEMEENTE] = d["gemeente"].pk
                return redirect("portaal:vrijwilliger_aangemeld")
        return render(
            request, "portaal/vrijwilligers_aanmelden.html", {"form": form, "portaal_gemeente": _sessiegemeente(request)}, status=400
        )
    gemeente = _sessiegemeente(request)
    form = VrijwilligerForm(initial={"gemeente": gemeente.pk} if gemeente else {})
    return render(request, "portaal/vrijwilligers_aanmelden.html", {"form": form, "portaal_gemeente": gemeente})


@require_GET
def aangemeld(request: HttpRequest) -> HttpResponse:
    return render(request, "portaal/vrijwilligers_aangemeld.html", {"portaal_gemeente": _sessiegemeente(request)})


# ---------------------------------------------------------------------------------------------------
# Servicepunt vrijwilligerswerk (staff; /portaal/ is open, so login is required here explicitly)
# ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def servicepunt(request: HttpRequest) -> HttpResponse:
    gemeente = dienst.servicepunt_gemeente(request.user)
    if request.method == "POST":
        form = KoppelForm(request.POST)
        if not form.is_valid() or bool(form.cleaned_data.get("vacature")) == bool(form.cleaned_data.get("actie")):
            messages.error(request, "Kies een vrijwilliger en een vacature of een actie.")
            return redirect("portaal:servicepunt")
        d = form.cleaned_data
        vrijwilliger = get_object_or_404(Vrijwilliger, pk=d["vrijwilliger"], gemeente=gemeente)
        try:
            if d.get("vacature"):
                vac = get_object_or_404(Vrijwilligersvacature, pk=d["vacature"], gemeente=gemeente)
                dienst.koppel_aan_vacature(request.user, vrijwilliger, vac, request=request)
                messages.success(request, f"{vrijwilliger.naam} is gekoppeld aan de vacature ‘{vac.titel}’.")
            else:
                actie = get_object_or_404(Actie, pk=d["actie"])
                dienst.koppel_aan_actie(request.user, vrijwilliger, actie, request=request)
                messages.success(request, f"{vrijwilliger.naam} is gekoppeld aan de planactie.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("portaal:servicepunt")

    vacs = list(
        Vrijwilligersvacature.objects.open_op(timezone.localdate())
        .filter(gemeente=gemeente)
        .select_related("gebied")
        .prefetch_related("leefgebieden", "koppelingen__vrijwilliger")
    )
    rijen = [(vac, dienst.vrijwilligers_voor(vac)[:5]) for vac in vacs]
    acties = list(dienst.open_vrijwilligersacties(request.user)[:50])
    for a in acties:
        audit.log(
            request.user,
            AuditActie.LEZEN,
            a,
            huishouden_id=a.doel.plan.huishouden_id,
            omschrijving="Vrijwilligersactie bekeken op het servicepunt",
            request=request,
        )
    alle_vacatures = Vrijwilligersvacature.objects.filter(gemeente=gemeente).select_related("gebied")
    vrijwilligers_lijst = list(
        Vrijwilliger.objects.filter(gemeente=gemeente, actief=True).prefetch_related("gebieden", "interesses").order_by("naam")
    )
    for a in acties:
        a.suggesties = dienst.vrijwilligers_voor_actie(a, vrijwilligers_lijst)[:3]
    audit.log(request.user, AuditActie.LEZEN, None, omschrijving=f"Servicepunt vrijwilligerswerk {gemeente} bekeken", request=request)
    return render(
        request,
        "portaal/vrijwilligers_servicepunt.html",
        {
            "gemeente": gemeente,
            "rijen": rijen,
            "acties": acties,
            "vrijwilligers": vrijwilligers_lijst,
            "alle_vacatures": alle_vacatures.order_by("-actief", "titel", "id"),
            "vandaag": timezone.localdate(),
        },
    )


def _fouten_naar_form(form, exc: ValidationError) -> None:
    for veld, fouten in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
        for fout in fouten:
            form.add_error(veld if veld in form.fields else None, fout)


@login_required
@require_http_methods(["GET", "POST"])
def vacature_bewerk(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """New vacancy (pk None) or change one of the staff member's own gemeente; another gemeente's vacancy is a 404."""
    gemeente = dienst.servicepunt_gemeente(request.user)
    vac = get_object_or_404(Vrijwilligersvacature, pk=pk, gemeente=gemeente) if pk is not None else None
    form = VacatureForm(request.POST if request.method == "POST" else None, instance=vac, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            opgeslagen = dienst.bewaar_vacature(
                request.user, vac, **{veld: d.get(veld) for veld in dienst.VACATUREVELDEN}, request=request
            )
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
        else:
            messages.success(request, f"De vacature ‘{opgeslagen.titel}’ is {'aangemaakt' if vac is None else 'opgeslagen'}.")
            return redirect("portaal:servicepunt")
    return render(
        request,
        "portaal/vrijwilligers_vacature_form.html",
        {"form": form, "vac": vac, "gemeente": gemeente},
        status=400 if form.is_bound else 200,
    )
