"""Inflow, outflow and stock of clients per month, re-evaluations due and overdue, and step-down (afschalen) from
heavier to lighter care (issue 4 §1).

Everything is counted in the database: per person the first start and last end of their grants in the selection
(one grouped subquery), aggregated per month with conditional counts over it — one query per table, whatever the
number of grants.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from keukentafel.besluiten.models import Herbeoordeling, ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.plannen.models import Evaluatie, Ondersteuningsplan, PlanStatus

from ..drempel import aantal
from ..selectie import Selectie
from ..tabel import Tabel
from .proces_gemeen import adres_q

STROOM = "stroom_maand"
EVALUATIES = "herbeoordelingen"
AFSCHALEN = "afschalen"

DEF_STROOM = (
    "Cliënten: personen met een toegewezen voorziening in de selectie (gemeente van de toewijzing, gebied van het adres "
    "van de cliënt, wet en productcategorie van het product; ingetrokken als ‘verwijderd’ telt niet). Per persoon geldt "
    "de eerste begindatum en de laatste einddatum van al die voorzieningen (geen einddatum bij een lopende voorziening); "
    "een onderbreking tussen twee voorzieningen telt niet als uit- en instroom. Instroom in een maand: eerste begindatum "
    "in die maand. Uitstroom: laatste einddatum in die maand en geen lopende voorziening. Stand: personen die na afloop "
    "van de maand cliënt zijn (eerste begindatum op of vóór de laatste dag van de maand, laatste einddatum daarna of "
    "lopend), zodat stand = vorige stand + instroom − uitstroom."
)
DEF_EVALUATIES = (
    "Evaluaties van ondersteuningsplannen van huishoudens in de selectie (gemeente en gebied van het huishouden): "
    "gepland = lopende plannen (vastgesteld, niet afgesloten) waarvan de eerstvolgende evaluatiedatum in de periode "
    "valt; uitgevoerd = evaluaties met een datum in de periode; achterstallig = lopende plannen waarvan de "
    "evaluatiedatum vóór de laatste dag van de periode ligt (de evaluatiedatum schuift op na elke evaluatie, dus dit is "
    "de stand van nu). Herbeoordelingen van overgangsrecht-indicaties (voorziening in de selectie): gepland = uiterste "
    "datum in de periode; uitgevoerd = afgerond in de periode; achterstallig = uiterste datum vóór de laatste dag van "
    "de periode en niet afgerond op of vóór die dag. Wet en productcategorie gelden alleen voor de herbeoordelingen (een plan "
    "geldt voor het hele huishouden)."
)

#: Heaviness of a grant's product category, heaviest first: verblijf > groep/dagbesteding > individueel > huishouden.
#: Hulpmiddelen, vervoer, woonvoorzieningen, jeugdbescherming/-reclassering and crisis have no place on this scale.
ZWAARTE: dict[int, tuple[str, dict[str, tuple[str, ...]]]] = {
    4: ("Verblijf (kortdurend verblijf, beschermd wonen, opvang; jeugdhulp met verblijf)",
        {Wet.WMO: ("04", "15", "16", "17", "18"), Wet.JEUGDWET: ("35", "36", "37", "38", "43", "44")}),
    3: ("Dagbesteding / begeleiding groep (jeugd: daghulp, dagbehandeling)",
        {Wet.WMO: ("07", "09"), Wet.JEUGDWET: ("33", "41")}),
    2: ("Begeleiding individueel, persoonlijke verzorging (jeugd: ambulant, ggz)",
        {Wet.WMO: ("02", "03", "06", "10"), Wet.JEUGDWET: ("31", "32", "34", "40", "45", "51", "52", "54")}),
    1: ("Hulp bij het huishouden", {Wet.WMO: ("01",)}),
}
ZWAARTE_TEKST = "; ".join(
    f"{n} = {naam} ({', '.join(f'{w} ' + '/'.join(c) for w, c in cats.items())})" for n, (naam, cats) in ZWAARTE.items()
)
DEF_AFSCHALEN = (
    "Personen met een toegewezen voorziening in de selectie op de eerste of de laatste dag van de periode. Zwaarte van "
    f"de zorg op een dag: de zwaarste categorie van de voorzieningen die dan lopen ({ZWAARTE_TEKST}; 0 = geen "
    "voorziening op deze schaal: algemene voorziening of niets). Per zwaarte op de eerste dag: afgeschaald = op de "
    "laatste dag lichter maar nog maatwerk op deze schaal; beëindigd = op de laatste dag zwaarte 0; gelijk; opgeschaald. "
    "Een lager volume van hetzelfde product telt hier niet als afschalen."
)


def _maanden(van: date, tot: date) -> list[tuple[date, date]]:
    uit, d = [], van.replace(day=1)
    while d <= tot:
        eind = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        uit.append((max(d, van), min(eind, tot)))
        d = eind + timedelta(days=1)
    return uit


def _per_persoon(selectie: Selectie) -> QuerySet:
    return (
        selectie.voorzieningen(in_periode=False).order_by().values("persoon")
        .annotate(begin=Min("begindatum"), eind=Max("einddatum"), lopend=Count("pk", filter=Q(einddatum__isnull=True)))
    )


def _client_na(dag: date) -> Q:
    return Q(begin__lte=dag) & (Q(lopend__gt=0) | Q(eind__gt=dag))


def _stroom(selectie: Selectie) -> Tabel:
    p, d = selectie.periode, selectie.drempel()
    maanden = _maanden(p.van, p.tot)
    aggregaten = {"stand_begin": Count("persoon", filter=_client_na(p.van - timedelta(days=1)))}
    for i, (van, tot) in enumerate(maanden):
        aggregaten[f"in{i}"] = Count("persoon", filter=Q(begin__range=(van, tot)))
        aggregaten[f"uit{i}"] = Count("persoon", filter=Q(lopend=0, eind__range=(van, tot)))
        aggregaten[f"stand{i}"] = Count("persoon", filter=_client_na(tot))
    r = _per_persoon(selectie).aggregate(**aggregaten)
    tabel = Tabel(STROOM, "Instroom, uitstroom en stand van cliënten per maand", DEF_STROOM,
                  ["Maand", "Instroom", "Uitstroom", "Stand na afloop van de maand"])
    tabel.rijen.append(("Stand bij het begin van de periode", [aantal(0, d), aantal(0, d), aantal(r["stand_begin"], d)]))
    for i, (van, _tot) in enumerate(maanden):
        label = f"{van:%Y-%m}"
        tabel.rijen.append((label, [aantal(r[f"in{i}"], d), aantal(r[f"uit{i}"], d), aantal(r[f"stand{i}"], d)]))
        tabel.links[label] = f"?lijst={STROOM}&sleutel={label}"
    return tabel


def _lijst_stroom(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    """Grants in the selection of the persons who flowed in or out in month `sleutel` (YYYY-MM)."""
    jaar, maand = (int(x) for x in sleutel.split("-"))
    van = date(jaar, maand, 1)
    tot = van.replace(day=calendar.monthrange(jaar, maand)[1])
    personen = _per_persoon(selectie).filter(Q(begin__range=(van, tot)) | Q(lopend=0, eind__range=(van, tot))).values("persoon")
    return selectie.voorzieningen(in_periode=False).filter(persoon__in=personen)


def _evaluaties(selectie: Selectie) -> Tabel:
    p, d = selectie.periode, selectie.drempel()
    lopend = Q(status=PlanStatus.ACTIEF, vastgesteld_op__isnull=False) & ~Q(afgesloten_op__lte=p.tot)
    plannen = Ondersteuningsplan.objects.filter(adres_q(selectie, "huishouden__")).aggregate(
        gepland=Count("pk", filter=lopend & Q(evaluatiedatum__range=(p.van, p.tot))),
        achterstallig=Count("pk", filter=lopend & Q(evaluatiedatum__lt=p.tot)),
    )
    uitgevoerd = Evaluatie.objects.filter(adres_q(selectie, "plan__huishouden__"), datum__range=(p.van, p.tot)).count()
    herbeoordelingen = Herbeoordeling.objects.filter(voorziening__in=selectie.voorzieningen(in_periode=False).values("pk")).aggregate(
        gepland=Count("pk", filter=Q(uiterlijk_op__range=(p.van, p.tot))),
        uitgevoerd=Count("pk", filter=Q(afgerond_op__range=(p.van, p.tot))),
        achterstallig=Count("pk", filter=Q(uiterlijk_op__lt=p.tot) & (Q(afgerond_op__isnull=True) | Q(afgerond_op__gt=p.tot))),
    )
    tabel = Tabel(EVALUATIES, "Evaluaties en herbeoordelingen: gepland, uitgevoerd, achterstallig", DEF_EVALUATIES,
                  ["Soort", "Gepland in de periode", "Uitgevoerd in de periode", "Achterstallig op de laatste dag"])
    plan_cellen = [aantal(plannen["gepland"], d), aantal(uitgevoerd, d), aantal(plannen["achterstallig"], d)]
    tabel.rijen.append(("Evaluatie ondersteuningsplan", plan_cellen))
    herbeoordeling_cellen = [aantal(herbeoordelingen[k], d) for k in ("gepland", "uitgevoerd", "achterstallig")]
    tabel.rijen.append(("Herbeoordeling overgangsrecht", herbeoordeling_cellen))
    tabel.links["Herbeoordeling overgangsrecht"] = f"?lijst={EVALUATIES}&sleutel=herbeoordeling"
    return tabel


def _lijst_evaluaties(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    """Grants whose overgangsrecht re-assessment was due in the period or is overdue on its last day."""
    p = selectie.periode
    return selectie.voorzieningen(in_periode=False).filter(
        Q(herbeoordeling__uiterlijk_op__range=(p.van, p.tot))
        | Q(herbeoordeling__uiterlijk_op__lt=p.tot)
        & (Q(herbeoordeling__afgerond_op__isnull=True) | Q(herbeoordeling__afgerond_op__gt=p.tot))
    )


def zwaarte() -> Case:
    return Case(
        *[When(product__wet=w, product__productcategorie__in=cats, then=Value(n)) for n, (_, per_wet) in ZWAARTE.items()
          for w, cats in per_wet.items()],
        default=Value(0), output_field=IntegerField(),
    )


def _actief_op(dag: date) -> Q:
    return Q(begindatum__lte=dag) & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag))


def _zwaarte_per_persoon(selectie: Selectie) -> QuerySet:
    p = selectie.periode
    qs = selectie.voorzieningen(in_periode=False).filter(_actief_op(p.van) | _actief_op(p.tot)).annotate(_z=zwaarte())
    return qs.order_by().values("persoon").annotate(
        z_begin=Coalesce(Max("_z", filter=_actief_op(p.van)), 0), z_eind=Coalesce(Max("_z", filter=_actief_op(p.tot)), 0)
    )


def _afschalen(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    aggregaten = {}
    for n in ZWAARTE:
        b = Q(z_begin=n)
        aggregaten |= {
            f"{n}_personen": Count("persoon", filter=b),
            f"{n}_af": Count("persoon", filter=b & Q(z_eind__gt=0, z_eind__lt=n)),
            f"{n}_stop": Count("persoon", filter=b & Q(z_eind=0)),
            f"{n}_gelijk": Count("persoon", filter=b & Q(z_eind=n)),
            f"{n}_op": Count("persoon", filter=b & Q(z_eind__gt=n)),
        }
    aggregaten["0_op"] = Count("persoon", filter=Q(z_begin=0, z_eind__gt=0))
    r = _zwaarte_per_persoon(selectie).aggregate(**aggregaten)
    tabel = Tabel(AFSCHALEN, "Afschalen van zwaardere naar lichtere ondersteuning", DEF_AFSCHALEN,
                  ["Zwaarte op de eerste dag", "Personen", "Afgeschaald (lichter maatwerk)", "Beëindigd (geen maatwerk)",
                   "Gelijk", "Opgeschaald"])
    for n, (naam, _) in ZWAARTE.items():
        tabel.rijen.append((naam, [aantal(r[f"{n}_{k}"], d) for k in ("personen", "af", "stop", "gelijk", "op")]))
        tabel.links[naam] = f"?lijst={AFSCHALEN}&sleutel={n}"
    af = sum(r[f"{n}_af"] for n in ZWAARTE)
    stop = sum(r[f"{n}_stop"] for n in ZWAARTE)
    gelijk = sum(r[f"{n}_gelijk"] for n in ZWAARTE)
    op = sum(r[f"{n}_op"] for n in ZWAARTE) + r["0_op"]
    personen = sum(r[f"{n}_personen"] for n in ZWAARTE)
    nul = aantal(0, d)
    opgeschaald_uit_nul = aantal(r["0_op"], d)
    tabel.rijen.append(
        ("Eerste dag geen maatwerk op deze schaal, laatste dag wel", [opgeschaald_uit_nul, nul, nul, nul, opgeschaald_uit_nul])
    )
    tabel.rijen.append(("Totaal", [aantal(personen + r["0_op"], d), aantal(af, d), aantal(stop, d), aantal(gelijk, d), aantal(op, d)]))
    return tabel


def _lijst_afschalen(selectie: Selectie, sleutel: str) -> QuerySet[ToegewezenVoorziening]:
    """Grants (running on the first or last day) of persons who started the period at zwaarte `sleutel` and stepped down."""
    n = int(sleutel)
    p = selectie.periode
    personen = _zwaarte_per_persoon(selectie).filter(z_begin=n, z_eind__lt=n).values("persoon")
    return selectie.voorzieningen(in_periode=False).filter(_actief_op(p.van) | _actief_op(p.tot), persoon__in=personen)


LIJSTEN = {STROOM: _lijst_stroom, EVALUATIES: _lijst_evaluaties, AFSCHALEN: _lijst_afschalen}


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [_stroom(selectie), _evaluaties(selectie), _afschalen(selectie)]
