"""Lead times against the statutory deadlines (issue 4 §1): melding → ondersteuningsplan and aanvraag → beschikking.

Definitions (shown with each table and in README_proces.md):
- Melding → plan: per onderzoek (Wmo 2015 art. 2.3.2; one per melding) the days from the meldingsdatum
  (`Onderzoek.startdatum`) to the first `vastgesteld_op` (both parties signed) of a plan made from that onderzoek,
  for onderzoeken whose plan was vastgesteld in the period. The deadline is the meldingsdatum + the term stored on
  the onderzoek (ONDERZOEK_TERMIJN_DAGEN as it applied to the gemeente on the meldingsdatum, `geldende_waarde`)
  + the days of its opschortingen, as `toegang.services.termijnstatus` counts them (an open suspension until the
  day measured). On time: vastgesteld on or before the deadline.
- Aanvraag → beschikking: per beschikking issued in the period, the days from `Aanvraag.ontvangen_op` to
  `datum_afgifte`; the deadline is `Aanvraag.uiterste_beslisdatum` (BESCHIKKING_TERMIJN_DAGEN on the date of the
  aanvraag, stored when it was registered).
- Median: the middle value (the mean of the two middle ones for an even count); 90th percentile: nearest rank.
- Overdue now: open on the last day of the period and past its deadline on that day. Open onderzoek: started on or
  before that day, no plan vastgesteld by then and not afgerond/gestopt by then; plus meldingen without an
  onderzoek, not closed by then and not answered at triage (direct / voorliggend), received more than the term
  (on that day) before it. Open aanvraag: received by then, no beschikking issued by then and not withdrawn.
Queries: lead times are read as one values_list per table (durations only) and the median/percentile computed in
Python; the overdue counts are one query each (plus one for the suspensions of open onderzoeken and one policy
lookup per gemeente).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten.models import Aanvraag, AanvraagStatus, Beschikking
from keukentafel.plannen.models import Ondersteuningsplan
from keukentafel.toegang.models import Melding, MeldingStatus, Onderzoek, Opschorting, TriageUitkomst

from ..drempel import aantal
from ..selectie import Selectie
from ..tabel import Tabel
from .proces_gemeen import TOTAAL, duur_cellen, gebied_q, product_q

KOLOMMEN = ["Afgehandeld in de periode", "Mediaan (dagen)", "90e percentiel (dagen)", "% binnen de termijn",
            "Nu te laat (open, termijn verstreken)"]
DEF_MELDING_PLAN = (
    "Per onderzoek (Wmo 2015 art. 2.3.2; één per melding) het aantal dagen van de meldingsdatum tot de eerste datum "
    "waarop een ondersteuningsplan uit dat onderzoek is vastgesteld (door beide partijen ondertekend), voor onderzoeken "
    "waarvan het plan in de periode is vastgesteld. Termijn: meldingsdatum + de termijn van het onderzoek "
    "(ONDERZOEK_TERMIJN_DAGEN zoals die op de meldingsdatum voor de gemeente gold) + de dagen dat het onderzoek was "
    "opgeschort (een lopende opschorting telt tot de meetdag), zoals de termijnbewaking in de toegang rekent. Tijdig: "
    "vastgesteld op of vóór die datum. Open op de laatste dag van de periode: onderzoek gestart, nog geen plan "
    "vastgesteld en niet afgerond of gestopt; daarnaast meldingen zonder onderzoek op die dag die niet zijn afgesloten, "
    "gekoppeld of bij de triage direct beantwoord of voorliggend verwezen, en die langer dan de termijn (zoals die "
    "op de laatste dag gold) vóór die dag zijn ontvangen. Gemeente van de melding, gebied van het huishouden."
)
DEF_AANVRAAG_BESCHIKKING = (
    "Per beschikking die in de periode is afgegeven het aantal dagen van de datum van de aanvraag tot de datum van "
    "afgifte. Termijn: de uiterste beslisdatum van de aanvraag (datum aanvraag + BESCHIKKING_TERMIJN_DAGEN zoals die "
    "op de datum van de aanvraag gold, Wmo 2015 art. 2.3.5). Tijdig: afgegeven op of vóór die datum. Open op de "
    "laatste dag: aanvraag ontvangen, geen beschikking afgegeven tot en met die dag en niet ingetrokken. Gemeente van "
    "de aanvraag, gebied van het huishouden, wet en productcategorie van het gevraagde product."
)
MELDING_PLAN = "doorlooptijd_melding_plan"
AANVRAAG_BESCHIKKING = "doorlooptijd_aanvraag_beschikking"


def _opgeschort(rijen: list[tuple[int, date, date | None]], tot: dict[int, date]) -> dict[int, int]:
    """Suspended days per onderzoek up to its own measuring day (an open suspension counts until that day)."""
    dagen: dict[int, int] = defaultdict(int)
    for onderzoek_id, van, eind in rijen:
        op = tot[onderzoek_id]
        if van <= op:
            dagen[onderzoek_id] += max(0, ((eind or op) - van).days)
    return dagen


def onderzoeken(selectie: Selectie) -> QuerySet[Onderzoek]:
    """Onderzoeken of the selection: gemeente of the melding, gebied of the household."""
    return Onderzoek.objects.filter(melding__gemeente__in=selectie.gemeenten()).filter(gebied_q(selectie, "huishouden__"))


def _eerste_plan() -> Min:
    return Min("plannen__vastgesteld_op")


def _open_onderzoeken(selectie: Selectie) -> QuerySet[Onderzoek]:
    """Open on the last day of the period: started, no plan vastgesteld by then, not afgerond or gestopt by then."""
    p = selectie.periode
    return (
        onderzoeken(selectie).filter(startdatum__lte=p.tot).exclude(afgerond_op__lte=p.tot)
        .exclude(Exists(Ondersteuningsplan.objects.filter(onderzoek=OuterRef("pk"), vastgesteld_op__lte=p.tot)))
    )


def _melding_plan(selectie: Selectie) -> Tabel:
    p, d = selectie.periode, selectie.drempel()
    gemeenten = selectie.gemeenten()
    # 1. Completed: onderzoeken whose first plan was vastgesteld in the period (durations only).
    klaar_qs = onderzoeken(selectie).annotate(plan_op=_eerste_plan()).filter(plan_op__range=(p.van, p.tot))
    klaar = list(klaar_qs.values_list("pk", "melding__gemeente_id", "startdatum", "termijn_dagen", "plan_op"))
    # 2. Open on the last day: started, no plan vastgesteld by then, not ended by then.
    open_qs = _open_onderzoeken(selectie)
    open_rijen = list(open_qs.values_list("pk", "melding__gemeente_id", "startdatum", "termijn_dagen"))
    meetdag = {r[0]: r[4] for r in klaar} | {r[0]: p.tot for r in open_rijen}
    # 3. Suspensions of both sets in one query.
    opschortingen = Opschorting.objects.filter(
        Q(onderzoek__in=klaar_qs.values("pk")) | Q(onderzoek__in=open_qs.values("pk"))
    ).values_list("onderzoek_id", "van", "tot")
    opschort = _opgeschort(list(opschortingen), meetdag) if meetdag else {}
    # 4. Meldingen still waiting for an onderzoek: the term on the last day, per gemeente (one lookup per gemeente).
    termijn = {g.pk: int(geldende_waarde(Sleutel.ONDERZOEK_TERMIJN_DAGEN, g, p.tot)) for g in gemeenten}
    eind_van_dag = timezone.make_aware(datetime.combine(p.tot + timedelta(days=1), time.min))
    wachtend = Q(pk__in=[])
    for g in gemeenten:
        grens = eind_van_dag - timedelta(days=termijn[g.pk] + 1)  # received before (tot − term): past the deadline
        wachtend |= Q(gemeente=g, ontvangen_op__lt=grens)
    zonder_onderzoek = (
        Melding.objects.filter(wachtend).filter(Q(huishouden__isnull=False) & gebied_q(selectie, "huishouden__")
                                                | Q(huishouden__isnull=True) & gebied_q(selectie, "persoon__"))
        .filter(Q(onderzoek__isnull=True) | Q(onderzoek__startdatum__gt=p.tot))
        .exclude(triage_uitkomst__in=[TriageUitkomst.DIRECT, TriageUitkomst.VOORLIGGEND])
        .exclude(status=MeldingStatus.AFGESLOTEN, afgesloten_op__lt=eind_van_dag).exclude(status=MeldingStatus.GEKOPPELD)
    )
    wachtend_per_gemeente = {r["gemeente_id"]: r["n"] for r in _tel(zonder_onderzoek, "gemeente_id")}

    dagen: dict[int, list[int]] = defaultdict(list)
    tijdig: dict[int, int] = defaultdict(int)
    for pk, gemeente_id, start, term, plan_op in klaar:
        dagen[gemeente_id].append((plan_op - start).days)
        if plan_op <= start + timedelta(days=term + opschort.get(pk, 0)):
            tijdig[gemeente_id] += 1
    te_laat: dict[int, int] = defaultdict(int)
    for pk, gemeente_id, start, term in open_rijen:
        if start + timedelta(days=term + opschort.get(pk, 0)) < p.tot:
            te_laat[gemeente_id] += 1
    for gemeente_id, n in wachtend_per_gemeente.items():
        te_laat[gemeente_id] += n
    return _tabel(
        MELDING_PLAN, "Doorlooptijd melding → ondersteuningsplan", DEF_MELDING_PLAN,
        gemeenten, dagen, tijdig, te_laat, d,
    )


def _tel(qs: QuerySet, veld: str) -> QuerySet:
    return qs.order_by().values(veld).annotate(n=Count("pk"))


def aanvragen(selectie: Selectie) -> QuerySet[Aanvraag]:
    """Aanvragen of the selection: gemeente of the aanvraag, gebied of the household, wet/categorie of the product."""
    return Aanvraag.objects.filter(gemeente__in=selectie.gemeenten()).filter(gebied_q(selectie, "huishouden__")).filter(product_q(selectie))


def _te_late_aanvragen(selectie: Selectie) -> QuerySet[Aanvraag]:
    """Open on the last day of the period (no beschikking issued by then, not withdrawn) and past the deadline."""
    p = selectie.periode
    return (
        aanvragen(selectie).filter(ontvangen_op__lte=p.tot, uiterste_beslisdatum__lt=p.tot)
        .exclude(status=AanvraagStatus.INGETROKKEN)
        .exclude(Exists(Beschikking.objects.filter(aanvraag=OuterRef("pk"), datum_afgifte__lte=p.tot)))
    )


def _aanvraag_beschikking(selectie: Selectie) -> Tabel:
    p, d = selectie.periode, selectie.drempel()
    rijen = aanvragen(selectie).filter(beschikking__datum_afgifte__range=(p.van, p.tot)).values_list(
        "gemeente_id", "ontvangen_op", "uiterste_beslisdatum", "beschikking__datum_afgifte"
    )
    dagen: dict[int, list[int]] = defaultdict(list)
    tijdig: dict[int, int] = defaultdict(int)
    for gemeente_id, ontvangen, uiterst, afgifte in rijen:
        dagen[gemeente_id].append((afgifte - ontvangen).days)
        tijdig[gemeente_id] += afgifte <= uiterst
    te_laat = {r["gemeente_id"]: r["n"] for r in _tel(_te_late_aanvragen(selectie), "gemeente_id")}
    return _tabel(
        AANVRAAG_BESCHIKKING, "Doorlooptijd aanvraag → beschikking",
        DEF_AANVRAAG_BESCHIKKING,
        selectie.gemeenten(), dagen, tijdig, te_laat, d,
    )


def _tabel(code, titel, kern, gemeenten, dagen, tijdig, te_laat, d) -> Tabel:  # noqa: ANN001
    definitie = (
        kern + " Mediaan: de middelste waarde (bij een even aantal het gemiddelde van de twee middelste); "
        "90e percentiel: de kleinste waarde waarbij ten minste 90 % van de doorlooptijden kleiner of gelijk is. "
        "Nu te laat: op de laatste dag van de periode open en de termijn op die dag verstreken. Mediaan, percentiel en "
        f"percentage worden niet getoond bij minder dan {d} gevallen."
    )
    tabel = Tabel(code, titel, definitie, ["Gemeente", *KOLOMMEN])
    alle: list[int] = []
    for g in gemeenten:
        alle += dagen.get(g.pk, [])
        tabel.rijen.append((g.naam, [*duur_cellen(dagen.get(g.pk, []), tijdig.get(g.pk, 0), d), aantal(te_laat.get(g.pk, 0), d)]))
    if len(gemeenten) > 1:
        tabel.rijen.append((TOTAAL, [*duur_cellen(alle, sum(tijdig.values()), d), aantal(sum(te_laat.values()), d)]))
    for g in gemeenten:
        tabel.links[g.naam] = f"?lijst={code}&sleutel={g.pk}"
    return tabel


def _lijst_melding_plan(selectie: Selectie, sleutel: str) -> QuerySet[Onderzoek]:
    """Onderzoeken (not grants) of gemeente `sleutel` whose plan was vastgesteld in the period or that are open on its
    last day (overdue or not; meldingen without an onderzoek are not in this list)."""
    p = selectie.periode
    qs = onderzoeken(selectie).filter(melding__gemeente_id=int(sleutel))
    return qs.annotate(plan_op=_eerste_plan()).filter(
        Q(plan_op__range=(p.van, p.tot)) | Q(pk__in=_open_onderzoeken(selectie).values("pk"))
    )


def _lijst_aanvraag_beschikking(selectie: Selectie, sleutel: str) -> QuerySet[Aanvraag]:
    """Aanvragen (not grants) of gemeente `sleutel` decided in the period or open past their deadline on its last day."""
    p = selectie.periode
    return aanvragen(selectie).filter(gemeente_id=int(sleutel)).filter(
        Q(beschikking__datum_afgifte__range=(p.van, p.tot)) | Q(pk__in=_te_late_aanvragen(selectie).values("pk"))
    )


LIJSTEN = {MELDING_PLAN: _lijst_melding_plan, AANVRAAG_BESCHIKKING: _lijst_aanvraag_beschikking}


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [_melding_plan(selectie), _aanvraag_beschikking(selectie)]
