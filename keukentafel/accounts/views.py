"""The audit trail viewer, its CSV export and the break-the-glass report.

Functioneel beheer sees everything; a teamleider sees the records of the members of their own team
(themselves included). Everyone else gets 403. An export is itself written to the audit trail.
"""

from __future__ import annotations

import csv
from datetime import datetime, time, timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from keukentafel import forms as kt

from . import audit
from .models import AuditActie, AuditRecord, Medewerker, Noodtoegang, Rol

GEEN_TOEGANG = "Alleen functioneel beheer en teamleiders kunnen de audittrail inzien."
PER_PAGINA = 50
WIJZIGINGEN = [AuditActie.AANMAKEN, AuditActie.WIJZIGEN, AuditActie.VERWIJDEREN]


def _eis_auditrol(request: HttpRequest) -> None:
    if request.user.rol not in (Rol.FUNCTIONEEL_BEHEER, Rol.TEAMLEIDER):
        raise PermissionDenied(GEEN_TOEGANG)


def zichtbare_medewerkers(gebruiker: Medewerker) -> QuerySet[Medewerker]:
    if gebruiker.rol == Rol.FUNCTIONEEL_BEHEER:
        return Medewerker.objects.all()
    if gebruiker.rol == Rol.TEAMLEIDER and gebruiker.team_id:
        return Medewerker.objects.filter(team_id=gebruiker.team_id)
    return Medewerker.objects.none()


def _begin_van(datum) -> datetime:
    return timezone.make_aware(datetime.combine(datum, time.min))


class _Periode(django_filters.FilterSet):
    """Period as whole days in local time, turned into a half-open datetime range (index-friendly)."""

    van = django_filters.DateFilter(label="Van", method="filter_van", widget=kt.DateInput)
    tot = django_filters.DateFilter(label="Tot en met", method="filter_tot", widget=kt.DateInput)

    def filter_van(self, qs, name, value):
        return qs.filter(**{f"{self.tijdveld}__gte": _begin_van(value)})

    def filter_tot(self, qs, name, value):
        return qs.filter(**{f"{self.tijdveld}__lt": _begin_van(value + timedelta(days=1))})


class AuditFilter(_Periode):
    tijdveld = "tijdstip"

    medewerker = django_filters.ModelChoiceFilter(queryset=Medewerker.objects.none(), label="Medewerker", empty_label="Alle medewerkers")
    actie = django_filters.ChoiceFilter(choices=AuditActie.choices, label="Actie", empty_label="Alle acties")
    huishouden = django_filters.NumberFilter(field_name="huishouden_id", label="Huishouden (nummer)", min_value=1)

    class Meta:
        model = AuditRecord
        fields = ["medewerker", "actie", "huishouden", "van", "tot"]
        form = kt.Form

    def __init__(self, *args, gebruiker: Medewerker, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["medewerker"].queryset = zichtbare_medewerkers(gebruiker).order_by("last_name", "first_name", "username")


class NoodtoegangFilter(_Periode):
    tijdveld = "tijdstip"

    medewerker = django_filters.ModelChoiceFilter(queryset=Medewerker.objects.none(), label="Medewerker", empty_label="Alle medewerkers")

    class Meta:
        model = Noodtoegang
        fields = ["medewerker", "van", "tot"]
        form = kt.Form

    def __init__(self, *args, gebruiker: Medewerker, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["medewerker"].queryset = zichtbare_medewerkers(gebruiker).order_by("last_name", "first_name", "username")


def _audit_filter(request: HttpRequest) -> AuditFilter:
    basis = AuditRecord.objects.filter(medewerker__in=zichtbare_medewerkers(request.user)).select_related("medewerker")
    return AuditFilter(request.GET, queryset=basis, gebruiker=request.user)


def _filter_zonder_pagina(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


@require_GET
def audit_lijst(request: HttpRequest) -> HttpResponse:
    _eis_auditrol(request)
    filterset = _audit_filter(request)
    qs = filterset.qs if filterset.is_valid() else AuditRecord.objects.none()
    pagina = Paginator(qs.order_by("-tijdstip", "-id"), PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {"filter": filterset, "form": filterset.form, "pagina": pagina, "querystring": _filter_zonder_pagina(request)}
    return render(request, "accounts/audit.html", context, status=200 if filterset.is_valid() else 400)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_veilig(waarde) -> str:
    """No spreadsheet formulas: a cell that starts with = + - @ gets a leading apostrophe."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


KOLOMMEN = ["tijdstip", "medewerker", "actie", "object", "object_id", "huishouden", "omschrijving", "reden", "kanaal", "ip_adres"]


def _rijen(qs: QuerySet[AuditRecord]):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(KOLOMMEN)
    for r in qs.iterator(chunk_size=2000):
        yield writer.writerow(
            _csv_veilig(v)
            for v in (
                timezone.localtime(r.tijdstip).isoformat(timespec="seconds"),
                r.medewerker.username if r.medewerker else "systeem",
                r.get_actie_display(),
                r.object_type,
                r.object_id,
                r.huishouden_id,
                r.omschrijving,
                r.reden,
                r.kanaal,
                r.ip_adres,
            )
        )


@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    _eis_auditrol(request)
    filterset = _audit_filter(request)
    if not filterset.is_valid():
        return render(request, "accounts/audit.html", {"filter": filterset, "form": filterset.form, "pagina": None}, status=400)
    qs = filterset.qs.order_by("-tijdstip", "-id")
    gekozen = {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "")}
    beschrijving = ", ".join(f"{k}={v}" for k, v in gekozen.items()) or "geen filter"
    audit.log(request.user, AuditActie.EXPORT, None, omschrijving=f"Audittrail geëxporteerd als CSV ({beschrijving})", request=request)
    response = StreamingHttpResponse(_rijen(qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audittrail-{timezone.localdate():%Y%m%d}.csv"'
    return response


@require_GET
def noodtoegang_rapport(request: HttpRequest) -> HttpResponse:
    """All break-the-glass accesses in a period, with what was done in the dossier while the reason was valid."""
    _eis_auditrol(request)
    vandaag = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("van", (vandaag - timedelta(days=30)).isoformat())
    data.setdefault("tot", vandaag.isoformat())
    binnen_venster = AuditRecord.objects.filter(
        medewerker_id=OuterRef("medewerker_id"),
        huishouden_id=OuterRef("huishouden_id"),
        tijdstip__gte=OuterRef("tijdstip"),
        tijdstip__lte=OuterRef("geldig_tot"),
    )

    def aantal(voorwaarde: Q):
        sub = binnen_venster.filter(voorwaarde).order_by().values("medewerker_id").annotate(n=Count("id")).values("n")
        return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))

    basis = (
        Noodtoegang.objects.filter(medewerker__in=zichtbare_medewerkers(request.user))
        .select_related("medewerker__team", "huishouden")
        .annotate(lezingen=aantal(Q(actie=AuditActie.LEZEN)), wijzigingen=aantal(Q(actie__in=WIJZIGINGEN)))
    )
    filterset = NoodtoegangFilter(data, queryset=basis, gebruiker=request.user)
    qs = filterset.qs if filterset.is_valid() else Noodtoegang.objects.none()
    pagina = Paginator(qs.order_by("-tijdstip", "-id"), PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "filter": filterset,
        "form": filterset.form,
        "pagina": pagina,
        "querystring": _filter_zonder_pagina(request),
        "nu": timezone.now(),
    }
    return render(request, "accounts/noodtoegang_rapport.html", context, status=200 if filterset.is_valid() else 400)
