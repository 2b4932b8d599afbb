"""Ondersteuningsplan pages. Thin: load, check access on the plan's household, call a service.

GET views pass `open_dossier` (need-to-know check + audit of the read), POST views pass
`eis_dossier_wijziging`. Every change is one service call; the service writes the audit record and
bumps the plan's version. On a concurrent change (`GelijktijdigGewijzigd`) the form comes back with
the user's input, the message and the new version (HTTP 409), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from keukentafel.accounts import audit
from keukentafel.accounts.dossier import eis_dossier_wijziging, open_dossier
from keukentafel.accounts.models import AuditActie
from keukentafel.beleid.models import Leefgebied, Sleutel
from keukentafel.beleid.services import BeleidOntbreekt, geldende_waarde
from keukentafel.inwoners.models import Huishouden
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.pdf import pdf_response
from keukentafel.toegang.models import Zelfredzaamheidsscore

from . import services
from .forms import (
    ActieForm,
    DoelForm,
    EvaluatieForm,
    InkomensvraagForm,
    OndertekenForm,
    PlanNieuwForm,
    PlanWijzigForm,
    VergelijkForm,
    VersieVastleggenForm,
    VerwijderForm,
)
from .models import (
    TREDE_VOLGORDE,
    Actie,
    Doel,
    Doelvoorstel,
    EvaluatieBesluit,
    Ondersteuningsplan,
    OndertekenaarRol,
    PlanStatus,
    Planversie,
    Trede,
    VoorstelStatus,
)

# ---------------------------------------------------------------------------------------------
# helpers


def _plan_of_404(pk: int) -> Ondersteuningsplan:
    return get_object_or_404(
        Ondersteuningsplan.objects.select_related("huishouden__gemeente", "regisseur__team", "onderzoek"),
        pk=pk,
    )


def _fouten_naar_form(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has that field, else on top."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)


def _opnieuw_met_nieuwe_versie(maak_form: Callable, request: HttpRequest, prefix: str | None, plan: Ondersteuningsplan, melding: str):
    """The same form with the user's input, but carrying the plan's current version, plus the conflict message."""
    data = request.POST.copy()
    data[f"{prefix}-version" if prefix else "version"] = str(plan.version)
    form = maak_form(data)
    form.is_valid()
    form.add_error(None, melding)
    return form


def _zonder_evaluatiedatum(inhoud: dict) -> dict:
    return dict(inhoud, evaluatiedatum=None)


def _ladder(acties) -> list[Actie]:
    return sorted(acties, key=lambda a: (TREDE_VOLGORDE[a.trede], a.van, a.pk))


def _trede_nummer(trede: str) -> int:
    return TREDE_VOLGORDE[trede] + 1


# ---------------------------------------------------------------------------------------------
# plan_nieuw


@require_http_methods(["GET", "POST"])
def plan_nieuw(request: HttpRequest, huishouden_pk: int) -> HttpResponse:
    huishouden = get_object_or_404(Huishouden.objects.select_related("gebied"), pk=huishouden_pk)
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
    elif antwoord := open_dossier(request, huishouden, f"Nieuw ondersteuningsplan voor {huishouden.naam} geopend"):
        return antwoord
    form = PlanNieuwForm(request.POST or None, huishouden=huishouden, gebruiker=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.maak_plan(
                request.user,
                huishouden,
                regisseur=form.cleaned_data["regisseur"],
                onderzoek=form.cleaned_data["onderzoek"],
                toelichting=form.cleaned_data["toelichting"],
                request=request,
            )
        except ValidationError as exc:
            _fouten_naar_form(form, exc)
            status = 409
        else:
            messages.success(request, "Het ondersteuningsplan is aangemaakt. Voeg doelen en acties toe.")
            return redirect("plannen:plan_detail", pk=plan.pk)
    bestaand = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).first()
    return render(
        request,
        "plannen/plan_nieuw.html",
        {"huishouden": huishouden, "form": form, "bestaand": bestaand, "tweede_plan": services.TWEEDE_PLAN},
        status=status,
    )


# ---------------------------------------------------------------------------------------------
# plan_detail


@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_of_404(pk)
    if request.method == "POST":
        eis_dossier_wijziging(request, plan.huishouden)
        return _plan_post(request, plan)
    if antwoord := open_dossier(request, plan.huishouden, f"Ondersteuningsplan van {plan.huishouden.naam} bekeken"):
        return antwoord
    return _toon_plan(request, plan)


def _plan_post(request: HttpRequest, plan: Ondersteuningsplan) -> HttpResponse:
    soort = request.POST.get("formulier", "")
    if plan.status == PlanStatus.AFGESLOTEN:
        return _toon_plan(request, plan, fout="Dit plan is afgesloten en kan niet meer worden gewijzigd.", status=409)
    door = request.user
    terug = reverse("plannen:plan_detail", args=[plan.pk])

    if soort == "plan":

        def maak(data):
            return PlanWijzigForm(data, plan=plan, gebruiker=door, prefix="plan")

        form = maak(request.POST)
        if form.is_valid():
            velden = form.gewijzigde_velden(plan)
            if not velden:
                messages.info(request, "Er was niets gewijzigd.")
                return redirect(terug)
            return _voer_uit(
                request,
                plan,
                "plan",
                form,
                maak,
                lambda: services.wijzig_plan(door, plan, form.cleaned_data["version"], request=request, **velden),
                "De plangegevens zijn opgeslagen.",
                f"{terug}#plangegevens",
            )
        return _toon_plan(request, plan, {"plan": form})

    if soort == "doel":

        def maak(data):
            return DoelForm(data, plan=plan, prefix="doel")

        form = maak(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            return _voer_uit(
                request,
                plan,
                "doel",
                form,
                maak,
                lambda: services.voeg_doel_toe(
                    door,
                    plan,
                    d["version"],
                    leefgebied=d["leefgebied"],
                    omschrijving=d["omschrijving"],
                    beoogd_resultaat=d["beoogd_resultaat"],
                    persoon=d["persoon"],
                    request=request,
                ),
                "Het doel is toegevoegd.",
                f"{terug}#doelen",
            )
        return _toon_plan(request, plan, {"doel": form})

    if soort == "actie":
        doel_pk = request.POST.get("doel", "")
        if not doel_pk.isdigit():
            raise Http404("Onbekend doel.")
        doel = get_object_or_404(Doel, pk=int(doel_pk), plan=plan)
        sleutel = f"actie-{doel.pk}"

        def maak(data):
            return ActieForm(data, plan=plan, prefix=sleutel)

        form = maak(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            return _voer_uit(
                request,
                plan,
                sleutel,
                form,
                maak,
                lambda: services.voeg_actie_toe(
                    door,
                    doel,
                    d["version"],
                    trede=d["trede"],
                    omschrijving=d["omschrijving"],
                    uitvoerder=d["uitvoerder"],
                    netwerklid=d["netwerklid"],
                    product=d["product"],
                    algemene_voorziening=d["algemene_voorziening"],
                    wet=d["wet"] or None,
                    begrotingspost=d["begrotingspost"],
                    van=d["van"],
                    tot=d["tot"],
                    evaluatiedatum=d["evaluatiedatum"],
                    request=request,
                ),
                "De actie is toegevoegd.",
                f"{terug}#doel-{doel.pk}",
            )
        return _toon_plan(request, plan, {sleutel: form})

    if soort in ("verwijder_actie", "verwijder_doel"):
        form = VerwijderForm(request.POST)
        if not form.is_valid():
            return _toon_plan(request, plan, fout="Het verwijderen is niet gelukt: laad de pagina opnieuw.", status=400)
        try:
            if soort == "verwijder_actie":
                actie = get_object_or_404(Actie, pk=form.cleaned_data["pk"], doel__plan=plan)
                services.verwijder_actie(door, actie, form.cleaned_data["version"], request=request)
                messages.success(request, "De actie is verwijderd.")
            else:
                doel = get_object_or_404(Doel, pk=form.cleaned_data["pk"], plan=plan)
                services.verwijder_doel(door, doel, form.cleaned_data["version"], request=request)
                messages.success(request, "Het doel en de acties erbij zijn verwijderd.")
        except GelijktijdigGewijzigd as exc:
            plan.refresh_from_db()
            return _toon_plan(request, plan, fout=f"Niets verwijderd. {exc}", status=409)
        except ValidationError as exc:
            return _toon_plan(request, plan, fout=" ".join(exc.messages))
        return redirect(f"{terug}#doelen")

    if soort in ("doelvoorstel_overnemen", "doelvoorstel_afwijzen"):
        pk = request.POST.get("pk", "")
        if not pk.isdigit():
            raise Http404("Onbekend voorstel.")
        voorstel = get_object_or_404(Doelvoorstel, pk=int(pk), plan=plan)
        try:
            if soort == "doelvoorstel_overnemen":
                form = VerwijderForm(request.POST)
                if not form.is_valid():
                    return _toon_plan(request, plan, fout="Het overnemen is niet gelukt: laad de pagina opnieuw.", status=400)
                doel = services.neem_doelvoorstel_over(door, voorstel, form.cleaned_data["version"], request=request)
                messages.success(request, "Het voorstel staat nu als doel in het plan. Leg een nieuwe versie vast ter ondertekening.")
                return redirect(f"{terug}#doel-{doel.pk}")
            services.wijs_doelvoorstel_af(door, voorstel, request.POST.get("reactie", "")[:2000], request=request)
            messages.success(request, "Het voorstel is niet overgenomen; de inwoner leest uw reactie in Mijn Keukentafel.")
            return redirect(f"{terug}#doelen")
        except GelijktijdigGewijzigd as exc:
            plan.refresh_from_db()
            return _toon_plan(request, plan, fout=f"Niet overgenomen. {exc}", status=409)
        except ValidationError as exc:
            return _toon_plan(request, plan, fout=" ".join(exc.messages), status=400)

    if soort == "versie":
        heeft_vorige = plan.versies.exists()

        def maak(data):
            return VersieVastleggenForm(data, plan=plan, heeft_vorige=heeft_vorige, prefix="versie")

        form = maak(request.POST)
        if form.is_valid():
            return _voer_uit(
                request,
                plan,
                "versie",
                form,
                maak,
                lambda: services.leg_versie_vast(
                    door, plan, form.cleaned_data["version"], form.cleaned_data["toelichting"], request=request
                ),
                "De versie is vastgelegd. Laat de inwoner (of vertegenwoordiger) en de professional ondertekenen.",
                reverse("plannen:plan_versies", args=[plan.pk]),
            )
        return _toon_plan(request, plan, {"versie": form})

    return _toon_plan(request, plan, fout="Onbekend formulier: laad de pagina opnieuw.", status=400)


#: Where each plan form sits on the page, to point the user to it after a refusal.
ANKERS = {"plan": "plangegevens", "doel": "doel-toevoegen", "versie": "vastleggen"}


def _voer_uit(request, plan, sleutel: str, form, maak: Callable, actie: Callable, succes: str, doorsturen: str) -> HttpResponse:
    """Run one service call for a valid form; on conflict or refusal show the form again with the input intact."""
    try:
        actie()
    except GelijktijdigGewijzigd as exc:
        plan.refresh_from_db()
        form = _opnieuw_met_nieuwe_versie(maak, request, form.prefix, plan, str(exc))
        return _toon_plan(
            request,
            plan,
            {sleutel: form},
            fout="Niet opgeslagen: iemand anders heeft het plan intussen gewijzigd. Uw invoer staat nog in het formulier.",
            fout_anker=ANKERS.get(sleutel, sleutel.replace("actie-", "doel-")),
            status=409,
        )
    except ValidationError as exc:
        plan.refresh_from_db()
        _fouten_naar_form(form, exc)
        return _toon_plan(request, plan, {sleutel: form})
    messages.success(request, succes)
    return redirect(doorsturen)


def _toon_plan(
    request, plan: Ondersteuningsplan, formulieren: dict | None = None, *, fout: str = "", fout_anker: str = "", status: int = 200
) -> HttpResponse:
    formulieren = formulieren or {}
    huishouden = plan.huishouden
    if request.method == "POST":
        # The page shows the dossier again after a refused change: that is a read as well.
        audit.log(
            request.user, AuditActie.LEZEN, huishouden, omschrijving=f"Ondersteuningsplan van {huishouden.naam} bekeken", request=request
        )
    open_plan = plan.status != PlanStatus.AFGESLOTEN

    doelen = list(
        plan.doelen.select_related("leefgebied", "persoon").prefetch_related(
            Prefetch("acties", queryset=Actie.objects.select_related("netwerklid", "product", "algemene_voorziening", "begrotingspost"))
        )
    )
    groepen: dict[Leefgebied, list[Doel]] = {}
    for doel in sorted(doelen, key=lambda d: (d.leefgebied.volgorde, d.leefgebied.naam, d.volgorde, d.pk)):
        doel.ladder = [(_trede_nummer(a.trede), a) for a in _ladder(doel.acties.all())]
        sleutel = f"actie-{doel.pk}"
        doel.actie_form = formulieren.get(sleutel) or ActieForm(plan=plan, prefix=sleutel)
        doel.actie_form_open = sleutel in formulieren
        groepen.setdefault(doel.leefgebied, []).append(doel)

    versies = list(plan.versies.order_by("-nummer").prefetch_related("ondertekeningen"))
    laatste = versies[0] if versies else None
    getekend = services.laatste_getekende_versie(plan)
    wijzigingen = services.ongetekende_wijzigingen(plan)
    huidig = services.momentopname(plan)
    laatste_is_huidig = laatste is not None and _zonder_evaluatiedatum(laatste.inhoud) == _zonder_evaluatiedatum(huidig)

    context = {
        "plan": plan,
        "huishouden": huishouden,
        "open_plan": open_plan,
        "actief": plan.status == PlanStatus.ACTIEF,
        "groepen": list(groepen.items()),
        "aantal_doelen": len(doelen),
        "leden": huishouden.leden_op(),
        "netwerk": huishouden.netwerk.select_related("voor_persoon").order_by("-actief", "rol", "naam"),
        "inkomensvragen": huishouden.inkomensvragen.select_related("vastgelegd_door"),
        "inkomensvraag_form": InkomensvraagForm(),
        "evaluaties": plan.evaluaties.select_related("uitgevoerd_door").prefetch_related("scores__leefgebied"),
        "laatste_versie": laatste,
        "doelvoorstellen": list(plan.doelvoorstellen.filter(status=VoorstelStatus.OPEN).select_related("leefgebied")),
        "getekende_versie": getekend,
        "wijzigingen": wijzigingen,
        "laatste_is_huidig": laatste_is_huidig,
        "plan_form": formulieren.get("plan") or PlanWijzigForm(plan=plan, gebruiker=request.user, prefix="plan"),
        "plan_form_open": "plan" in formulieren,
        "doel_form": formulieren.get("doel") or DoelForm(plan=plan, prefix="doel"),
        "versie_form": formulieren.get("versie") or VersieVastleggenForm(plan=plan, heeft_vorige=laatste is not None, prefix="versie"),
        "fout": fout,
        "fout_anker": fout_anker,
        "ladder": [(i + 1, label) for i, (_, label) in enumerate(Trede.choices)],
    }
    return render(request, "plannen/plan_detail.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# plan_versies: list, compare, sign


@require_http_methods(["GET", "POST"])
def plan_versies(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_of_404(pk)
    laatste = plan.huidige_versie
    form = None
    status = 200
    if request.method == "POST":
        eis_dossier_wijziging(request, plan.huishouden)
        if laatste is None:
            raise Http404("Dit plan heeft nog geen versie om te ondertekenen.")
        form = OndertekenForm(request.POST, plan=plan, versie=laatste, gebruiker=request.user)
        if form.is_valid():
            d = form.cleaned_data
            versie = plan.versies.filter(nummer=d["versie"]).first()
            if versie is None:
                form.add_error(None, "Deze versie bestaat niet.")
            else:
                rol = d["rol"]
                try:
                    services.onderteken(
                        request.user,
                        versie,
                        rol=rol,
                        methode=d["methode"],
                        datum=d["datum"],
                        persoon=d["persoon"] if rol == OndertekenaarRol.INWONER else None,
                        netwerklid=d["netwerklid"] if rol == OndertekenaarRol.VERTEGENWOORDIGER else None,
                        request=request,
                    )
                except ValidationError as exc:
                    _fouten_naar_form(form, exc)
                    status = 409 if plan.versies.order_by("-nummer").values_list("pk", flat=True).first() != versie.pk else 200
                else:
                    plan.refresh_from_db()
                    tekst = f"Versie {versie.nummer} is ondertekend."
                    if services.is_volledig_getekend(versie):
                        tekst += f" Het plan is vastgesteld en actief; evaluatie op {plan.evaluatiedatum:%d-%m-%Y}."
                    messages.success(request, tekst)
                    return redirect("plannen:plan_versies", pk=plan.pk)
        audit.log(
            request.user,
            AuditActie.LEZEN,
            plan.huishouden,
            omschrijving=f"Versies van het plan van {plan.huishouden.naam} bekeken",
            request=request,
        )
    elif antwoord := open_dossier(request, plan.huishouden, f"Versies van het plan van {plan.huishouden.naam} bekeken"):
        return antwoord

    versies = list(plan.versies.select_related("gemaakt_door").prefetch_related("ondertekeningen").order_by("-nummer"))
    laatste = versies[0] if versies else None
    kan_tekenen = plan.status != PlanStatus.AFGESLOTEN and laatste is not None and not services.is_volledig_getekend(laatste)
    if form is None and kan_tekenen:
        form = OndertekenForm(plan=plan, versie=laatste, gebruiker=request.user)

    nummers = [v.nummer for v in versies]
    vergelijk_form = VergelijkForm(request.GET if "a" in request.GET else None, nummers=nummers)
    verschillen = None
    vergeleken = None
    if vergelijk_form.is_bound and vergelijk_form.is_valid():
        per_nummer = {v.nummer: v for v in versies}
        a, b = per_nummer[vergelijk_form.cleaned_data["a"]], per_nummer[vergelijk_form.cleaned_data["b"]]
        verschillen = services.vergelijk(a.inhoud, b.inhoud)
        vergeleken = (a, b)

    return render(
        request,
        "plannen/plan_versies.html",
        {
            "plan": plan,
            "huishouden": plan.huishouden,
            "versies": versies,
            "laatste_versie": laatste,
            "form": form if kan_tekenen or (form is not None and form.is_bound) else None,
            "vergelijk_form": vergelijk_form,
            "verschillen": verschillen,
            "vergeleken": vergeleken,
            "huidig_vastgelegd": laatste is not None
            and _zonder_evaluatiedatum(laatste.inhoud) == _zonder_evaluatiedatum(services.momentopname(plan)),
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------------
# plan_pdf


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _pdf_inhoud(inhoud: dict) -> list[tuple[str, list[dict]]]:
    """Snapshot goals grouped per leefgebied in the configured order, actions on the ladder."""
    volgorde = dict(Leefgebied.objects.values_list("naam", "volgorde"))
    label_naar_nummer = {label: i + 1 for i, (_, label) in enumerate(Trede.choices)}
    groepen: dict[str, list[dict]] = {}
    for d in sorted(inhoud.get("doelen", []), key=lambda d: volgorde.get(d["leefgebied"], 999)):
        acties = [
            dict(
                a,
                nummer=label_naar_nummer.get(a["trede"], 0),
                van=_datum(a["van"]),
                tot=_datum(a["tot"]),
                evaluatiedatum=_datum(a["evaluatiedatum"]),
            )
            for a in d["acties"]
        ]
        acties.sort(key=lambda a: (a["nummer"], a["van"] or date.min))
        groepen.setdefault(d["leefgebied"], []).append(dict(d, acties=acties))
    return list(groepen.items())


@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_of_404(pk)
    huishouden = plan.huishouden
    if antwoord := open_dossier(request, huishouden, f"Ondersteuningsplan van {huishouden.naam} geopend voor PDF"):
        return antwoord
    gevraagd = request.GET.get("versie")
    if gevraagd:
        if not gevraagd.isdigit():
            raise Http404("Onbekende versie.")
        versie: Planversie | None = get_object_or_404(plan.versies, nummer=int(gevraagd))
    else:
        versie = plan.huidige_versie
    inhoud = versie.inhoud if versie else services.momentopname(plan)
    ondertekeningen = list(versie.ondertekeningen.all()) if versie else []
    rollen = {o.rol for o in ondertekeningen}
    lege_regels = []
    if not rollen & {OndertekenaarRol.INWONER, OndertekenaarRol.VERTEGENWOORDIGER}:
        lege_regels.append("Inwoner of vertegenwoordiger")
    if OndertekenaarRol.PROFESSIONAL not in rollen:
        lege_regels.append("Professional (regisseur)")
    evaluatiedatum = _datum(inhoud.get("evaluatiedatum")) or plan.evaluatiedatum
    termijn = None
    if evaluatiedatum is None:
        try:
            termijn = int(geldende_waarde(Sleutel.EVALUATIE_TERMIJN_MAANDEN, huishouden.gemeente_id, date.today()))
        except BeleidOntbreekt:
            termijn = None
    wat = f"versie {versie.nummer}" if versie else "concept (nog geen vastgelegde versie)"
    audit.log(
        request.user,
        AuditActie.EXPORT,
        plan,
        omschrijving=f"Ondersteuningsplan {huishouden.naam}, {wat}, als PDF gedownload",
        request=request,
    )
    context = {
        "plan": plan,
        "huishouden": huishouden,
        "gemeente": huishouden.gemeente,
        "leden": huishouden.leden_op(),
        "versie": versie,
        "inhoud": inhoud,
        "groepen": _pdf_inhoud(inhoud),
        "evaluatiedatum": evaluatiedatum,
        "termijn": termijn,
        "ondertekeningen": ondertekeningen,
        "lege_regels": lege_regels,
        "ladder": [label for _, label in Trede.choices],
    }
    naam = f"ondersteuningsplan-{plan.pk}-versie-{versie.nummer}.pdf" if versie else f"ondersteuningsplan-{plan.pk}-concept.pdf"
    return pdf_response("plannen/pdf/plan.html", context, naam)


# ---------------------------------------------------------------------------------------------
# evaluatie_nieuw


def _score_overzicht(huishouden: Huishouden) -> tuple[dict, dict]:
    """First and latest score per leefgebied of the household (any member or the whole household)."""
    eerste: dict[int, Zelfredzaamheidsscore] = {}
    laatste: dict[int, Zelfredzaamheidsscore] = {}
    for s in Zelfredzaamheidsscore.objects.filter(huishouden=huishouden).select_related("persoon").order_by("datum", "id"):
        eerste.setdefault(s.leefgebied_id, s)
        laatste[s.leefgebied_id] = s
    return eerste, laatste


@require_http_methods(["GET", "POST"])
def evaluatie_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_of_404(pk)
    huishouden = plan.huishouden
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
    elif antwoord := open_dossier(request, huishouden, f"Evaluatie van het plan van {huishouden.naam} geopend"):
        return antwoord

    eerste, laatste = _score_overzicht(huishouden)
    met_doel = set(plan.doelen.values_list("leefgebied_id", flat=True))
    leefgebieden = list(Leefgebied.objects.filter(actief=True) | Leefgebied.objects.filter(pk__in=list(laatste)))
    leefgebieden = sorted(set(leefgebieden), key=lambda lg: (lg.pk not in met_doel and lg.pk not in laatste, lg.volgorde, lg.naam))
    laatste_scores = {lg_pk: s.score for lg_pk, s in laatste.items()}

    def maak(data):
        return EvaluatieForm(data, plan=plan, leefgebieden=leefgebieden, laatste_scores=laatste_scores)

    form = maak(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.evalueer(
                    request.user,
                    plan,
                    d["version"],
                    datum=d["datum"],
                    besluit=d["besluit"],
                    toelichting=d["toelichting"],
                    scores=form.scores(),
                    request=request,
                )
            except GelijktijdigGewijzigd as exc:
                plan.refresh_from_db()
                form = _opnieuw_met_nieuwe_versie(maak, request, None, plan, str(exc))
                status = 409
            except ValidationError as exc:
                plan.refresh_from_db()
                _fouten_naar_form(form, exc)
            else:
                tekst = {
                    EvaluatieBesluit.VOORTZETTEN: "Evaluatie vastgelegd: het plan wordt voortgezet.",
                    EvaluatieBesluit.BIJSTELLEN: "Evaluatie vastgelegd: stel het plan bij en leg een nieuwe versie vast ter ondertekening.",
                    EvaluatieBesluit.AFSLUITEN: "Evaluatie vastgelegd: het plan is afgesloten.",
                }[d["besluit"]]
                messages.success(request, tekst)
                return redirect(f"{reverse('plannen:plan_detail', args=[plan.pk])}#evaluaties")
        audit.log(
            request.user,
            AuditActie.LEZEN,
            huishouden,
            omschrijving=f"Evaluatie van het plan van {huishouden.naam} geopend",
            request=request,
        )

    rijen = [
        {
            "leefgebied": lg,
            "eerste": eerste.get(lg.pk),
            "laatste": laatste.get(lg.pk),
            "veld": form[f"score_{lg.pk}"],
            "doel": lg.pk in met_doel,
        }
        for lg in leefgebieden
    ]
    return render(
        request,
        "plannen/evaluatie_nieuw.html",
        {
            "plan": plan,
            "huishouden": huishouden,
            "form": form,
            "rijen": rijen,
            "actief": plan.status == PlanStatus.ACTIEF,
            "evaluaties": plan.evaluaties.select_related("uitgevoerd_door"),
        },
        status=status,
    )


# ---------------------------------------------------------------------------------------------
# inkomensvraag_nieuw


@require_http_methods(["GET", "POST"])
def inkomensvraag_nieuw(request: HttpRequest, huishouden_pk: int) -> HttpResponse:
    huishouden = get_object_or_404(Huishouden, pk=huishouden_pk)
    if request.method == "POST":
        eis_dossier_wijziging(request, huishouden)
    elif antwoord := open_dossier(request, huishouden, f"Inkomensvragen van {huishouden.naam} bekeken"):
        return antwoord
    plan = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).first()
    form = InkomensvraagForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.registreer_inkomensvraag(
                    request.user,
                    huishouden,
                    omschrijving=form.cleaned_data["omschrijving"],
                    datum=form.cleaned_data["datum"],
                    doorgezet_naar=form.cleaned_data["doorgezet_naar"],
                    plan=plan,
                    request=request,
                )
            except ValidationError as exc:
                _fouten_naar_form(form, exc)
            else:
                messages.success(request, "De inkomensvraag is vastgelegd, apart van de ondersteuningsvraag.")
                if plan is not None:
                    return redirect(f"{reverse('plannen:plan_detail', args=[plan.pk])}#inkomensvragen")
                return redirect("plannen:inkomensvraag_nieuw", huishouden_pk=huishouden.pk)
        audit.log(request.user, AuditActie.LEZEN, huishouden, omschrijving=f"Inkomensvragen van {huishouden.naam} bekeken", request=request)
    return render(
        request,
        "plannen/inkomensvraag_nieuw.html",
        {
            "huishouden": huishouden,
            "plan": plan,
            "form": form,
            "inkomensvragen": huishouden.inkomensvragen.select_related("vastgelegd_door"),
        },
    )
