"""Backoffice pages for the overgangsrecht: upload → dry-run report → import, and the re-assessment worklist.

Between "Controleren" and "Importeren" the checked file waits on disk (never in the session), under
`OVERGANGSRECHT_UPLOAD_DIR` (default VAR_DIR/overgangsrecht), named after the user and the file's
sha256, readable by the server only, and removed after the import or after a day.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Rol
from keukentafel.forms import Form

from . import overgangsrecht
from .models import Herbeoordeling, Indicatieimport
from .overgangsrecht import MAX_BYTES, UITKOMSTEN, Importrapport, controleer_bestand, importeer, rond_herbeoordeling_af, sha256_van

#: Row errors shown on the report page; the rest is counted.
TOON_FOUTEN = 500
BEWAARTIJD_SECONDEN = 24 * 3600
PER_PAGINA = 50
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COHORT = re.compile(r"^\d{4}-K[1-4]$")


def _eis_backoffice(request: HttpRequest) -> Gemeente:
    if request.user.rol != Rol.BACKOFFICE:
        raise PermissionDenied("Alleen de backoffice leest indicaties in en beheert de herbeoordelingen.")
    gemeente = request.user.werkgemeente
    if gemeente is None:
        raise PermissionDenied("U bent niet aan een gemeente gekoppeld. Vraag functioneel beheer dit in te stellen.")
    return gemeente


class ImportForm(Form):
    bestand = forms.FileField(
        label="Bestand met indicaties",
        help_text=f"CSV (UTF-8, gescheiden door ; of ,) of Excel-werkmap (.xlsx) met een kopregel; ten hoogste {MAX_BYTES // 2**20} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx", "class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BYTES:
            raise ValidationError(f"Het bestand is groter dan {MAX_BYTES // 2**20} MB. Splits het in kleinere bestanden.")
        if Path(bestand.name).suffix.lower() not in {".csv", ".txt", ".xlsx"}:
            raise ValidationError("Kies een CSV-bestand (.csv) of een Excel-werkmap (.xlsx).")
        return bestand


class AfrondenForm(Form):
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=[("", "Kies de uitkomst"), *UITKOMSTEN])
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=250)


# ---------------------------------------------------------------------------------------------------
# The checked file between the two steps
# ---------------------------------------------------------------------------------------------------


def _upload_map() -> Path:
    return Path(getattr(settings, "OVERGANGSRECHT_UPLOAD_DIR", settings.VAR_DIR / "overgangsrecht"))


def _paden(medewerker_pk: int, sha256: str) -> tuple[Path, Path]:
    basis = _upload_map() / f"{medewerker_pk}-{sha256}"
    return basis.with_suffix(".bestand"), basis.with_suffix(".json")


def _schrijf_prive(pad: Path, data: bytes) -> None:
    tijdelijk = pad.with_name(pad.name + ".tmp")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tijdelijk, pad)


def _ruim_op() -> None:
    """Delete checked files older than the retention time (on every visit of the import page and every upload)."""
    if not _upload_map().is_dir():
        return
    grens = time.time() - BEWAARTIJD_SECONDEN
    for pad in _upload_map().glob("*-*.*"):
        try:
            if pad.stat().st_mtime < grens:
                pad.unlink()
        except FileNotFoundError:
            pass


def _bewaar(request: HttpRequest, gemeente: Gemeente, rapport: Importrapport, data: bytes) -> None:
    _upload_map().mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(_upload_map(), 0o700)  # mkdir's mode does not tighten an existing directory
    _ruim_op()
    bestand, meta = _paden(request.user.pk, rapport.sha256)
    _schrijf_prive(bestand, data)
    _schrijf_prive(meta, json.dumps({"gemeente": gemeente.pk, "bestandsnaam": rapport.bestandsnaam}).encode())


def _haal_op(request: HttpRequest, gemeente: Gemeente, sha256: str) -> tuple[str, bytes] | None:
    """The file this user checked for this gemeente, if still there and unchanged."""
    if not _SHA256.match(sha256):
        return None
    bestand, meta = _paden(request.user.pk, sha256)
    try:
        gegevens = json.loads(meta.read_bytes())
        data = bestand.read_bytes()
    except (OSError, ValueError):
        return None
    if gegevens.get("gemeente") != gemeente.pk or sha256_van(data) != sha256:
        return None
    return str(gegevens.get("bestandsnaam", "")), data


def _verwijder(request: HttpRequest, sha256: str) -> None:
    for pad in _paden(request.user.pk, sha256):
        pad.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------------


def _formulierpagina(request: HttpRequest, gemeente: Gemeente, form: ImportForm, status: int = 200) -> HttpResponse:
    recent = Indicatieimport.objects.filter(gemeente=gemeente).select_related("geimporteerd_door")[:10]
    return render(request, "besluiten/import_formulier.html", {"form": form, "gemeente": gemeente, "recent": recent}, status=status)


def _rapportpagina(request: HttpRequest, gemeente: Gemeente, rapport: Importrapport, status: int = 200) -> HttpResponse:
    context = {"rapport": rapport, "gemeente": gemeente, "fouten": rapport.fouten[:TOON_FOUTEN], "form": ImportForm()}
    return render(request, "besluiten/import_rapport.html", context, status=status)


@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    """Upload and dry run ("Controleren"): the report, and when every row is right the button to import."""
    gemeente = _eis_backoffice(request)
    if request.method == "GET":
        _ruim_op()
        return _formulierpagina(request, gemeente, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if getattr(request, "upload_te_groot", False):
        form = ImportForm()
        form.errors["bestand"] = form.error_class(
            [f"Het bestand is groter dan {MAX_BYTES // 2**20} MB. Splits het in kleinere bestanden."]
        )
        return _formulierpagina(request, gemeente, form, status=400)
    if not form.is_valid():
        return _formulierpagina(request, gemeente, form, status=400)
    try:
        naam, data = overgangsrecht.lees_inhoud(form.cleaned_data["bestand"])
    except overgangsrecht.Bestandsfout as e:
        form.add_error("bestand", str(e))
        return _formulierpagina(request, gemeente, form, status=400)
    rapport = controleer_bestand(request.user, data, gemeente, bestandsnaam=naam)
    if rapport.ok:
        _bewaar(request, gemeente, rapport, data)
    return _rapportpagina(request, gemeente, rapport)


@require_POST
def import_uitvoeren(request: HttpRequest) -> HttpResponse:
    """Import the file checked in the previous step ("Importeren"); all or nothing."""
    gemeente = _eis_backoffice(request)
    sha256 = request.POST.get("sha256", "")
    gevonden = _haal_op(request, gemeente, sha256)
    if gevonden is None:
        messages.error(request, "Het gecontroleerde bestand is niet meer beschikbaar. Upload het opnieuw en controleer het nog een keer.")
        return redirect("besluiten:import")
    naam, data = gevonden
    rapport = importeer(request.user, data, gemeente, bestandsnaam=naam, request=request)
    _verwijder(request, sha256)
    if not rapport.ok or rapport.indicatieimport is None:
        return _rapportpagina(request, gemeente, rapport, status=409)
    request.session[f"overgangsrecht_{rapport.indicatieimport.pk}"] = {
        "per_leveringsvorm": rapport.per_leveringsvorm, "cohorten": rapport.cohorten,
    }
    messages.success(request, f"{rapport.geimporteerd} indicaties zijn geïmporteerd als toewijzingen, elk met een herbeoordeling.")
    return redirect("besluiten:import_resultaat", pk=rapport.indicatieimport.pk)


@require_GET
def import_resultaat(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = _eis_backoffice(request)
    indicatieimport = get_object_or_404(Indicatieimport.objects.select_related("geimporteerd_door"), pk=pk, gemeente=gemeente)
    samenvatting = request.session.get(f"overgangsrecht_{pk}", {})
    context = {"import": indicatieimport, "samenvatting": samenvatting, "gemeente": gemeente}
    return render(request, "besluiten/import_resultaat.html", context)


@require_GET
def herbeoordelingen(request: HttpRequest) -> HttpResponse:
    """Cohorts (quarters of the end date) with counts; the items of one cohort with a form to complete each."""
    gemeente = _eis_backoffice(request)
    cohort = request.GET.get("cohort", "")
    status = request.GET.get("status", "open")
    context: dict = {"gemeente": gemeente, "cohorten": overgangsrecht.cohorten(gemeente), "cohort": "", "status": status}
    if _COHORT.match(cohort):
        qs = (
            overgangsrecht.herbeoordelingen_van(gemeente)
            .filter(cohort=cohort)
            .select_related("voorziening__persoon", "voorziening__product")
            .order_by("uiterlijk_op", "id")
        )
        if status == "open":
            qs = qs.filter(afgerond_op__isnull=True)
        elif status == "afgerond":
            qs = qs.filter(afgerond_op__isnull=False)
        pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        audit.log(
            request.user, AuditActie.LEZEN, None, request=request,
            omschrijving=f"Herbeoordelingen {cohort} bekeken ({len(pagina.object_list)} op pagina {pagina.number})",
        )
        context.update(
            cohort=cohort, pagina=pagina, form=AfrondenForm(), vandaag=timezone.localdate(),
            querystring=f"cohort={cohort}&status={status}",
        )
    return render(request, "besluiten/herbeoordeling_lijst.html", context)


@require_POST
def herbeoordeling_afronden(request: HttpRequest, pk: int) -> HttpResponse:
    gemeente = _eis_backoffice(request)
    h = get_object_or_404(Herbeoordeling.objects.select_related("voorziening"), pk=pk, voorziening__gemeente=gemeente)
    terug = f"{reverse('besluiten:herbeoordelingen')}?cohort={h.cohort}"
    form = AfrondenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Kies de uitkomst van de herbeoordeling.")
        return redirect(terug)
    try:
        rond_herbeoordeling_af(request.user, h, form.cleaned_data["uitkomst"], form.cleaned_data["toelichting"], request=request)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(terug)
    messages.success(request, f"De herbeoordeling van toewijzing {h.voorziening.toewijzingnummer} is afgerond.")
    return redirect(terug)
