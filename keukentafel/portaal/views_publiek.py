"""The public pages of the portal (no login): home with the gemeente choice, sociale kaart, etalage, eigenkrachtwijzer.

Plus the staff screens that edit the etalage (functioneel beheer, beleid). /portaal/ is outside the staff
login middleware, so those screens check login and role themselves.

The chosen gemeente (and gebied, when the resident gave a postcode) lives in the session; `portaal_context`
puts it in the template context as `portaal_gemeente` / `portaal_gebied` (base.html shows it in the header).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from keukentafel.aanbod import catalogus, zoeken
from keukentafel.aanbod.models import AlgemeneVoorziening, Categorie, Doelgroep
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gebied, Gemeente, Rol
from keukentafel.beleid.models import Leefgebied

from .forms_publiek import EtalagepaginaForm, GemeenteKeuzeForm, SocialeKaartZoekForm, ZelftestForm
from .models import Etalagepagina, Thema, Zelftestvraag
from .models.publiek import THEMA_CATEGORIEEN

PER_PAGINA = 20
SESSIE_GEMEENTE = "portaal_gemeente_id"
SESSIE_GEBIED = "portaal_gebied_id"
MAX_SUGGESTIES = 6
BEHEERROLLEN = (Rol.FUNCTIONEEL_BEHEER, Rol.BELEID)


# --- gemeente in the session ---------------------------------------------------------------------


def gekozen_gemeente(request: HttpRequest) -> Gemeente | None:
    if not hasattr(request, "_portaal_gemeente"):
        pk = request.session.get(SESSIE_GEMEENTE)
        request._portaal_gemeente = Gemeente.objects.filter(pk=pk).first() if pk else None
    return request._portaal_gemeente


def gekozen_gebied(request: HttpRequest) -> Gebied | None:
    gemeente = gekozen_gemeente(request)
    pk = request.session.get(SESSIE_GEBIED)
    if gemeente is None or not pk:
        return None
    return Gebied.objects.filter(pk=pk, gemeente=gemeente).first()


def portaal_context(request: HttpRequest) -> dict:
    """Template context of every portal page: the resident's gemeente. Usable as a context processor too."""
    if not request.path.startswith("/portaal/"):
        return {}
    return {"portaal_gemeente": gekozen_gemeente(request)}


def _render(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, template, {**portaal_context(request), **context}, status=status)


def _actief() -> QuerySet:
    return AlgemeneVoorziening.objects.filter(actief=True)


def _in_gemeente(qs: QuerySet, gemeente: Gemeente | None) -> QuerySet:
    return zoeken.voor_gemeente(qs, gemeente.pk) if gemeente else qs


def _kosten(v: AlgemeneVoorziening) -> str:
    if not v.kosten_cent:
        return "Gratis"
    tekst = catalogus.euro(v.kosten_cent)
    return f"{tekst} {v.kosten_toelichting}" if v.kosten_toelichting else tekst


def _verrijk(voorzieningen) -> list[AlgemeneVoorziening]:
    doelgroepen = dict(Doelgroep.choices)
    lijst = list(voorzieningen)
    for v in lijst:
        v.kosten = _kosten(v)
        v.doelgroep_labels = [doelgroepen.get(d, d) for d in v.doelgroepen]
    return lijst


# --- home and gemeente choice ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = GemeenteKeuzeForm(request.POST)
        if form.is_valid():
            gemeente, gebied = form.cleaned_data["gemeente"], form.cleaned_data["gebied"]
            request.session[SESSIE_GEMEENTE] = gemeente.pk
            request.session[SESSIE_GEBIED] = gebied.pk if gebied else None
            request._portaal_gemeente = gemeente
            waar = f"{gebied.naam} in {gemeente.naam}" if gebied else gemeente.naam
            messages.success(request, f"U ziet nu de hulp en informatie voor {waar}.")
            return redirect("portaal:home")
        return _render(request, "portaal/home.html", _home_context(request, form), status=400)
    gemeente = gekozen_gemeente(request)
    form = GemeenteKeuzeForm(initial={"gemeente": gemeente.pk if gemeente else None})
    return _render(request, "portaal/home.html", _home_context(request, form))


def _home_context(request: HttpRequest, form: GemeenteKeuzeForm) -> dict:
    return {
        "form": form,
        "portaal_gebied": gekozen_gebied(request),
        "themas": Thema.choices,
        "leefgebieden": Leefgebied.objects.filter(actief=True, zelftestvragen__actief=True).distinct(),
    }


# --- sociale kaart --------------------------------------------------------------------------------


def zoek_voorzieningen(gegevens: dict) -> QuerySet:
    """The active entries matching the cleaned search form (shared by the page and the tests)."""
    qs = _actief()
    if gegevens.get("q"):
        qs = zoeken.op_tekst(qs, gegevens["q"])
    if gegevens.get("gebied") is not None:
        gebied = gegevens["gebied"]
        qs = zoeken.voor_gebied(qs, gebied.pk, gebied.gemeente_id)
    elif gegevens.get("gemeente") is not None:
        qs = zoeken.voor_gemeente(qs, gegevens["gemeente"].pk)
    if gegevens.get("leefgebied") is not None:
        qs = zoeken.voor_leefgebied(qs, gegevens["leefgebied"].pk)
    if gegevens.get("categorie"):
        qs = qs.filter(categorie=gegevens["categorie"])
    if gegevens.get("doelgroep"):
        qs = zoeken.voor_doelgroep(qs, gegevens["doelgroep"])
    if gegevens.get("kosten"):
        qs = zoeken.op_kosten(qs, gegevens["kosten"])
    return qs


@require_GET
def sociale_kaart(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.pop("pagina", None)
    gemeente = gekozen_gemeente(request)
    if "gemeente" not in data and gemeente is not None:
        data["gemeente"] = str(gemeente.pk)  # the resident's own gemeente unless they chose "Hele regio"
    form = SocialeKaartZoekForm(data)
    geldig = form.is_valid()
    qs = zoek_voorzieningen(form.cleaned_data) if geldig else _actief().none()
    qs = qs.select_related("gemeente").order_by("naam", "pk")
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = _verrijk(pagina.object_list)
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    context = {
        "form": form,
        "pagina": pagina,
        "querystring": querystring.urlencode(),
        "zoekgemeente": form.cleaned_data.get("gemeente") if geldig else None,
        "zoekgebied": form.cleaned_data.get("gebied") if geldig else None,
    }
    return _render(request, "portaal/publiek_sociale_kaart.html", context, status=200 if geldig else 400)


@require_GET
def voorziening(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(_actief().select_related("gemeente").prefetch_related("gebieden", "leefgebieden"), pk=pk)
    _verrijk([obj])
    leefgebied = next(iter(obj.leefgebieden.all()), None)
    context = {"v": obj, "hulp_leefgebied": leefgebied}
    return _render(request, "portaal/publiek_voorziening.html", context)


# --- etalage --------------------------------------------------------------------------------------


@require_GET
def etalage(request: HttpRequest, thema: str) -> HttpResponse:
    if thema not in Thema.values:
        raise Http404("Dit onderwerp bestaat niet.")
    gemeente = gekozen_gemeente(request)
    paginas = (
        list(Etalagepagina.objects.filter(gemeente=gemeente, thema=thema, gepubliceerd=True).order_by("volgorde", "titel"))
        if gemeente
        else []
    )
    categorieen = THEMA_CATEGORIEEN[thema]
    qs = _in_gemeente(_actief().filter(categorie__in=categorieen), gemeente).order_by("naam", "pk")
    context = {
        "thema": Thema(thema),
        "paginas": paginas,
        "voorzieningen": _verrijk(qs[:MAX_SUGGESTIES]),
        "categorieen": [(c, Categorie(c).label) for c in categorieen],
    }
    return _render(request, "portaal/publiek_etalage.html", context)


# --- eigenkrachtwijzer ----------------------------------------------------------------------------


@require_GET
def zelftest(request: HttpRequest) -> HttpResponse:
    leefgebieden = Leefgebied.objects.filter(actief=True, zelftestvragen__actief=True).distinct()
    return _render(request, "portaal/publiek_zelftest.html", {"leefgebieden": leefgebieden})


def suggesties(vragen: list[Zelftestvraag], leefgebied: Leefgebied, gemeente: Gemeente | None) -> list[AlgemeneVoorziening]:
    """Algemene voorzieningen for the questions answered "ja": their categories, those for this leefgebied first."""
    categorieen = sorted({c for v in vragen for c in v.categorieen})
    if not categorieen:
        return []
    qs = _in_gemeente(_actief().filter(categorie__in=categorieen), gemeente)
    voor_leefgebied = set(zoeken.voor_leefgebied(qs, leefgebied.pk).values_list("pk", flat=True)[:200])
    lijst = sorted(qs.order_by("naam", "pk")[:50], key=lambda v: (v.pk not in voor_leefgebied, v.naam))
    return _verrijk(lijst[:MAX_SUGGESTIES])


@require_http_methods(["GET", "POST"])
def zelftest_leefgebied(request: HttpRequest, code: str) -> HttpResponse:
    leefgebied = get_object_or_404(Leefgebied, code=code, actief=True)
    vragen = list(leefgebied.zelftestvragen.filter(actief=True).order_by("volgorde", "pk"))
    if not vragen:
        raise Http404("Voor dit onderwerp zijn nog geen vragen.")
    # POST: the answers are about the resident's own situation; they are not stored and not put in the URL.
    form = ZelftestForm(request.POST if request.method == "POST" else None, vragen=vragen)
    uitkomst = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            ja = form.ja_vragen()
            uitkomst = {"ja": ja, "voorzieningen": suggesties(ja, leefgebied, gekozen_gemeente(request))}
        else:
            status = 400
    context = {"leefgebied": leefgebied, "form": form, "uitkomst": uitkomst}
    return _render(request, "portaal/publiek_zelftest_vragen.html", context, status=status)


# --- staff: editing the etalage -------------------------------------------------------------------


def _eis_beheerder(request: HttpRequest) -> HttpResponse | None:
    """Login and role check (the staff login middleware does not cover /portaal/)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if getattr(request.user, "rol", None) not in BEHEERROLLEN:
        raise PermissionDenied("Alleen functioneel beheer en beleid kunnen de etalage bewerken.")
    return None


def _beheerbare_gemeenten(request: HttpRequest) -> QuerySet:
    """Functioneel beheer: every gemeente; beleid: their own gemeente."""
    if request.user.rol == Rol.FUNCTIONEEL_BEHEER:
        return Gemeente.objects.order_by("naam")
    gemeente = request.user.werkgemeente
    return Gemeente.objects.filter(pk=gemeente.pk) if gemeente else Gemeente.objects.none()


@require_GET
def etalage_beheer(request: HttpRequest) -> HttpResponse:
    if (antwoord := _eis_beheerder(request)) is not None:
        return antwoord
    paginas = Etalagepagina.objects.filter(gemeente__in=_beheerbare_gemeenten(request)).select_related("gemeente", "gewijzigd_door")
    return render(
        request, "portaal/publiek_beheer_lijst.html", {"paginas": paginas.order_by("gemeente__naam", "thema", "volgorde", "titel")}
    )


@require_http_methods(["GET", "POST"])
def etalage_beheer_bewerk(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if (antwoord := _eis_beheerder(request)) is not None:
        return antwoord
    gemeenten = _beheerbare_gemeenten(request)
    obj = get_object_or_404(Etalagepagina, pk=pk, gemeente__in=gemeenten) if pk else None
    form = EtalagepaginaForm(request.POST if request.method == "POST" else None, instance=obj, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        nieuw = obj is None
        with transaction.atomic():
            pagina = form.save(commit=False)
            pagina.gewijzigd_door = request.user
            pagina.save()
            status = "gepubliceerd" if pagina.gepubliceerd else "niet gepubliceerd"
            audit.log(
                request.user,
                AuditActie.AANMAKEN if nieuw else AuditActie.WIJZIGEN,
                pagina,
                request=request,
                omschrijving=f"Etalagepagina '{pagina.titel}' ({pagina.gemeente}, {pagina.get_thema_display()}) "
                f"{'aangemaakt' if nieuw else 'gewijzigd'}; {status}",
            )
        messages.success(request, f"De pagina '{pagina.titel}' is opgeslagen ({status}).")
        return redirect("portaal:etalage_beheer")
    context = {"form": form, "pagina": obj}
    return render(request, "portaal/publiek_beheer_form.html", context, status=400 if form.is_bound else 200)


@require_POST
def etalage_beheer_publiceer(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or withdraw one page with one button (field `gepubliceerd` = "1" or "0")."""
    if (antwoord := _eis_beheerder(request)) is not None:
        return antwoord
    with transaction.atomic():
        pagina = get_object_or_404(Etalagepagina.objects.select_for_update(), pk=pk, gemeente__in=_beheerbare_gemeenten(request))
        pagina.gepubliceerd = request.POST.get("gepubliceerd") == "1"
        pagina.gewijzigd_door = request.user
        pagina.save(update_fields=["gepubliceerd", "gewijzigd_door", "gewijzigd_op"])
        status = "gepubliceerd" if pagina.gepubliceerd else "offline gehaald"
        audit.log(
            request.user,
            AuditActie.WIJZIGEN,
            pagina,
            request=request,
            omschrijving=f"Etalagepagina '{pagina.titel}' ({pagina.gemeente}) {status}",
        )
    messages.success(request, f"De pagina '{pagina.titel}' is {status}.")
    return redirect(reverse("portaal:etalage_beheer"))
