"""The worklist: what a generalist (or the team of a teamleider) has to do now; for the backoffice, what awaits it.

Built for large installations (50,000 open plans, 1,000,000 persons): every list is one query on an
indexed column set (`toegewezen_aan/status`, `team/status`, `behandelaar/status`, `regisseur/status`,
`behandelaar/status/uiterste_beslisdatum` for aanvragen), limited to `LIMIET` rows; the total is only
counted when the list is full. Deadlines are computed in Python for the rows shown, with the suspensions
prefetched and the warning margin read once per gemeente. The backoffice gets two counts, one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from keukentafel.accounts.models import Medewerker, Rol, Team
from keukentafel.beleid.services import BeleidOntbreekt
from keukentafel.besluiten.models import Aanvraag, AanvraagStatus, Herbeoordeling, Rechtmatigheidstoets, ToetsUitkomst
from keukentafel.plannen.models import Ondersteuningsplan, PlanStatus, Planversie

from .models import Melding, MeldingStatus, Onderzoek, Opschorting, Urgentie
from .services import Termijnstatus, termijnstatus, waarschuwingsmarge

LIMIET = 50

#: Fallback when no policy value exists (configuration error): warn a week ahead rather than crash the start page.
STANDAARD_MARGE = 7

#: The backoffice sees the re-assessments (overgangsrecht) whose last date falls within this many days (or has passed).
HERBEOORDELING_VENSTER_DAGEN = 90


@dataclass
class Lijst:
    rijen: list
    totaal: int

    @property
    def meer(self) -> bool:
        return self.totaal > len(self.rijen)


@dataclass
class OnderzoekRij:
    onderzoek: Onderzoek
    termijn: Termijnstatus


@dataclass
class PlanRij:
    plan: Ondersteuningsplan
    dagen: int  # days until the evaluation date (negative: overdue)

    @property
    def verlopen(self) -> bool:
        return self.dagen < 0


@dataclass
class AanvraagRij:
    aanvraag: Aanvraag
    dagen: int  # days until the uiterste beslisdatum (negative: overdue)
    waarschuwing: bool
    url: str | None = None

    @property
    def verlopen(self) -> bool:
        return self.dagen < 0

    @property
    def dagen_te_laat(self) -> int:
        return max(0, -self.dagen)


@dataclass
class Backoffice:
    """What awaits the backoffice of one gemeente: open lawfulness reviews and re-assessments due soon."""

    toetsen_open: int
    herbeoordelingen_binnenkort: int
    venster_dagen: int = HERBEOORDELING_VENSTER_DAGEN


@dataclass
class Werkvoorraad:
    """`soort` is "generalist", "teamleider", "backoffice" or "overig" (roles without a personal worklist)."""

    soort: str
    medewerker: Medewerker
    team: Team | None = None
    op: date = field(default_factory=timezone.localdate)
    meldingen: Lijst | None = None
    team_nieuw: Lijst | None = None
    gekoppeld: Lijst | None = None
    onderzoeken: Lijst | None = None
    evaluaties: Lijst | None = None
    ter_ondertekening: Lijst | None = None
    aanvragen: Lijst | None = None
    backoffice: Backoffice | None = None

    @property
    def is_teamleider(self) -> bool:
        return self.soort == "teamleider"


def _lijst(qs: QuerySet, limiet: int = LIMIET) -> Lijst:
    rijen = list(qs[:limiet])
    totaal = len(rijen) if len(rijen) < limiet else qs.order_by().count()
    return Lijst(rijen, totaal)


def _marge(gemeente_id: int | None, op: date, cache: dict) -> int:
    if gemeente_id not in cache:
        try:
            cache[gemeente_id] = waarschuwingsmarge(gemeente_id, op)
        except BeleidOntbreekt:
            cache[gemeente_id] = STANDAARD_MARGE
    return cache[gemeente_id]


def _urgent_eerst(qs: QuerySet) -> QuerySet:
    urgent = Case(When(urgentie=Urgentie.ACUUT, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.annotate(_urgent=urgent).order_by("_urgent", "ontvangen_op", "id")


_MERKER = 987654321


def _url(naam: str):
    """pk -> URL of a detail page, resolving the route once instead of once per row."""
    voor, na = reverse(naam, args=[_MERKER]).split(str(_MERKER))
    return lambda pk: f"{voor}{pk}{na}"


def _met_url(rijen: list, naam: str, pk=lambda r: r.pk) -> list:
    maak = _url(naam)
    for r in rijen:
        r.url = maak(pk(r))
    return rijen


def _met_url_als_die_bestaat(rijen: list, naam: str, pk=lambda r: r.pk) -> list:
    """As `_met_url`, for a page of another app that may not be installed: rows without a link rather than an error."""
    try:
        return _met_url(rijen, naam, pk)
    except NoReverseMatch:
        return rijen


#: Only the columns the worklist shows (a medewerker's __str__ needs its names and username).
_MEDEWERKER = ("first_name", "last_name", "username")


def _kolommen(basis: tuple[str, ...], persoon: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(select_related, only) for a list; the assignee/regisseur is only joined when the page shows it."""
    relaties = ("huishouden",) + ((persoon,) if persoon else ())
    kolommen = basis + ("huishouden", "huishouden__naam")
    if persoon:
        kolommen += (persoon,) + tuple(f"{persoon}__{v}" for v in _MEDEWERKER)
    return relaties, kolommen


def _backoffice(medewerker: Medewerker, op: date) -> Backoffice | None:
    gemeente_id = medewerker.team.gebied.gemeente_id if medewerker.team_id else medewerker.gemeente_id
    if gemeente_id is None:
        return None
    tot = op + timedelta(days=HERBEOORDELING_VENSTER_DAGEN)
    return Backoffice(
        toetsen_open=Rechtmatigheidstoets.objects.filter(uitkomst=ToetsUitkomst.OPEN, voorziening__gemeente_id=gemeente_id).count(),
        herbeoordelingen_binnenkort=Herbeoordeling.objects.filter(
            afgerond_op__isnull=True, uiterlijk_op__lte=tot, voorziening__gemeente_id=gemeente_id
        ).count(),
    )


def _aanvragen(wie: list[int], teamleider: bool, op: date, marges: dict) -> Lijst:
    """Open aanvragen of these behandelaars, earliest beslisdatum first (index behandelaar/status/uiterste_beslisdatum)."""
    relaties, kolommen = _kolommen(
        ("id", "status", "ontvangen_op", "uiterste_beslisdatum", "gemeente_id", "behandelaar_id", "product", "product__naam"),
        "behandelaar" if teamleider else None,
    )
    aanvragen = _lijst(
        Aanvraag.objects.filter(behandelaar_id__in=wie, status=AanvraagStatus.OPEN)
        .select_related(*relaties, "product")
        .only(*kolommen)
        .order_by("uiterste_beslisdatum", "id")
    )
    rijen = []
    for a in aanvragen.rijen:
        dagen = (a.uiterste_beslisdatum - op).days
        rijen.append(AanvraagRij(a, dagen, 0 <= dagen <= _marge(a.gemeente_id, op, marges)))
    return Lijst(_met_url_als_die_bestaat(rijen, "besluiten:aanvraag", lambda r: r.aanvraag.pk), aanvragen.totaal)


def werkvoorraad_voor(medewerker: Medewerker, op: date | None = None) -> Werkvoorraad:
    op = op or timezone.localdate()
    if medewerker.rol == Rol.BACKOFFICE:
        return Werkvoorraad("backoffice", medewerker, op=op, backoffice=_backoffice(medewerker, op))
    if medewerker.rol not in (Rol.GENERALIST, Rol.TEAMLEIDER):
        return Werkvoorraad("overig", medewerker, op=op)
    team = medewerker.team
    if medewerker.rol == Rol.TEAMLEIDER and team is not None:
        soort = "teamleider"
        wie = list(Medewerker.objects.filter(team=team).values_list("pk", flat=True))
    else:
        soort = "generalist"
        wie = [medewerker.pk]
    wv = Werkvoorraad(soort, medewerker, team=team, op=op)
    # A generalist's lists are all their own: who is assigned is only joined and shown for a teamleider.
    teamleider = soort == "teamleider"

    relaties, kolommen = _kolommen(
        ("id", "ontvangen_op", "vraag", "urgentie", "status", "gekoppeld_aan_id", "toegewezen_aan_id"),
        "toegewezen_aan" if teamleider else None,
    )
    melding_basis = Melding.objects.select_related(*relaties).only(*kolommen)
    wv.meldingen = _lijst(
        _urgent_eerst(
            melding_basis.filter(
                toegewezen_aan_id__in=wie,
                status__in=[MeldingStatus.NIEUW, MeldingStatus.IN_BEHANDELING],
                onderzoek__isnull=True,  # with an onderzoek it is listed under the onderzoeken
            )
        )
    )
    if team is not None:
        nieuw = melding_basis.filter(team=team, toegewezen_aan__isnull=True, status__in=[MeldingStatus.NIEUW, MeldingStatus.GEKOPPELD])
        wv.team_nieuw = _lijst(_urgent_eerst(nieuw))
    else:
        wv.team_nieuw = Lijst([], 0)
    wv.gekoppeld = _lijst(melding_basis.filter(toegewezen_aan_id__in=wie, status=MeldingStatus.GEKOPPELD).order_by("-ontvangen_op", "-id"))
    for lijst in (wv.meldingen, wv.team_nieuw, wv.gekoppeld):
        _met_url(lijst.rijen, "toegang:melding_detail")

    # Oldest start first is (nearly) earliest deadline first; the rows shown are then sorted exactly.
    onderzoek_relaties, onderzoek_kolommen = _kolommen(
        ("id", "status", "startdatum", "termijn_dagen", "behandelaar_id"), "behandelaar" if teamleider else None
    )
    onderzoeken = _lijst(
        Onderzoek.objects.lopend()
        .filter(behandelaar_id__in=wie)
        .select_related(*onderzoek_relaties)
        .only(*onderzoek_kolommen, "huishouden__gemeente_id")
        .prefetch_related(Prefetch("opschortingen", queryset=Opschorting.objects.only("id", "onderzoek_id", "van", "tot").order_by("van")))
        .order_by("startdatum", "id")
    )
    marges: dict = {}
    rijen = [OnderzoekRij(o, termijnstatus(o, op, _marge(o.huishouden.gemeente_id, op, marges))) for o in onderzoeken.rijen]
    rijen.sort(key=lambda r: (r.termijn.uiterste_datum, r.onderzoek.pk))
    wv.onderzoeken = Lijst(_met_url(rijen, "toegang:onderzoek_detail", lambda r: r.onderzoek.pk), onderzoeken.totaal)
    wv.aanvragen = _aanvragen(wie, teamleider, op, marges)

    plan_relaties, plan_kolommen = _kolommen(("id", "status", "evaluatiedatum", "regisseur_id"), "regisseur" if teamleider else None)
    gemeente_id = team.gebied.gemeente_id if team is not None else medewerker.gemeente_id
    marge = _marge(gemeente_id, op, marges)
    evaluaties = _lijst(
        Ondersteuningsplan.objects.filter(regisseur_id__in=wie, status=PlanStatus.ACTIEF, evaluatiedatum__lte=op + timedelta(days=marge))
        .select_related(*plan_relaties)
        .only(*plan_kolommen)
        .order_by("evaluatiedatum", "id")
    )
    rijen = [PlanRij(p, (p.evaluatiedatum - op).days) for p in evaluaties.rijen]
    wv.evaluaties = Lijst(_met_url(rijen, "plannen:plan_detail", lambda r: r.plan.pk), evaluaties.totaal)

    laatste = Planversie.objects.filter(plan=OuterRef("pk")).order_by("-nummer")
    wv.ter_ondertekening = _lijst(
        Ondersteuningsplan.objects.filter(regisseur_id__in=wie, status=PlanStatus.CONCEPT)
        .filter(Exists(Planversie.objects.filter(plan=OuterRef("pk"))))
        .annotate(laatste_versie=Subquery(laatste.values("nummer")[:1]), versie_van=Subquery(laatste.values("gemaakt_op")[:1]))
        .select_related(*plan_relaties)
        .only(*plan_kolommen)
        .order_by("versie_van", "id")
    )
    _met_url(wv.ter_ondertekening.rijen, "plannen:plan_detail")
    return wv
