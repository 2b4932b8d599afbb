"""Afwegingsladder outcome (issue 4 §1): the share of meldingen and plans solved without maatwerk (eigen kracht,
netwerk, vrijwilligers, algemene voorziening) — the seeds' core aim — and the share with maatwerk (the Bollenstreek
note found 90 %). Per trede: how many reached it as their highest step.

The highest trede of a plan is computed in the database (a correlated subquery on its actions ranked by
`plannen.TREDE_VOLGORDE`), so a table is a fixed number of grouped queries.
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from keukentafel.plannen.models import TREDE_VOLGORDE, Actie, Ondersteuningsplan, Trede
from keukentafel.toegang.models import Melding, MeldingStatus, TriageUitkomst

from ..drempel import aantal
from ..selectie import Selectie
from ..startfoto import procent
from ..tabel import Tabel
from .proces_gemeen import adres_q, gebied_q

MELDINGEN = "ladder_meldingen"
PLANNEN = "ladder_plannen"
GEEN = "geen"
MAATWERK_RANG = TREDE_VOLGORDE[Trede.MAATWERK]
ZONDER = "Opgelost zonder maatwerk"
MET = "Met maatwerk"

WET_TEKST = (
    "Met een filter op wet tellen alleen acties van die wet en acties zonder wet (eigen kracht, netwerk); een filter "
    "op productcategorie geldt hier niet (het aandeel zonder maatwerk is niet per productcategorie te bepalen)."
)
DEF_MELDINGEN = (
    "Meldingen van de selectie (gemeente van de melding, gebied van het huishouden of anders van de persoon) die in de "
    "periode zijn afgehandeld: afgesloten in de periode, of in de periode bij de triage direct beantwoord of "
    "voorliggend verwezen, of waarvan een ondersteuningsplan uit het onderzoek in de periode is vastgesteld (een melding telt één keer). "
    "Gekoppelde meldingen tellen via de melding waaraan ze zijn gekoppeld. Hoogste trede: de zwaarste trede van de "
    "afwegingsladder (eigen kracht < sociaal netwerk < vrijwilliger < algemene voorziening < maatwerk) van alle "
    "acties in de plannen uit het onderzoek van de melding, zoals vastgelegd op het moment van meten; ‘geen plan’: "
    "afgehandeld zonder plan met acties (advies, verwijzing, voorliggende voorziening). Opgelost zonder maatwerk: "
    "afgehandeld en geen actie op de trede maatwerk. " + WET_TEKST
)
DEF_PLANNEN = (
    "Ondersteuningsplannen van huishoudens in de selectie (gemeente en gebied van het huishouden) die in de periode "
    "golden (vastgesteld op of vóór de laatste dag en niet afgesloten vóór de eerste dag) en ten minste één actie "
    "hebben. Hoogste trede: de zwaarste trede van de acties van het plan. Opgelost zonder maatwerk: geen enkele "
    "actie op de trede maatwerk (alles met eigen kracht, netwerk, vrijwilligers of algemene voorzieningen). Kolom "
    "‘met een actie op deze trede’: plannen met ten minste één actie op die trede (een plan telt op meer tredes). "
    + WET_TEKST
)


def _rang() -> Case:
    return Case(*[When(trede=t, then=Value(i)) for t, i in TREDE_VOLGORDE.items()], output_field=IntegerField())


def _acties_q(selectie: Selectie, prefix: str = "") -> Q:
    return Q() if not selectie.wet else Q(**{f"{prefix}wet": selectie.wet}) | Q(**{f"{prefix}wet": ""})


def _hoogste(selectie: Selectie, pad: str) -> Subquery:
    acties = Actie.objects.filter(_acties_q(selectie), **{pad: OuterRef("pk")}).annotate(r=_rang()).order_by("-r").values("r")[:1]
    return Subquery(acties, output_field=IntegerField())


def meldingen(selectie: Selectie) -> QuerySet[Melding]:
    p = selectie.periode
    plaats = Q(huishouden__isnull=False) & gebied_q(selectie, "huishouden__") | Q(huishouden__isnull=True) & gebied_q(selectie, "persoon__")
    afgehandeld = (
        Q(afgesloten_op__date__range=(p.van, p.tot))
        | Q(triage_uitkomst__in=[TriageUitkomst.DIRECT, TriageUitkomst.VOORLIGGEND], getrieerd_op__date__range=(p.van, p.tot))
        | Q(onderzoek__plannen__vastgesteld_op__range=(p.van, p.tot))
    )
    ids = (
        Melding.objects.filter(gemeente__in=selectie.gemeenten()).filter(plaats).exclude(status=MeldingStatus.GEKOPPELD)
        .filter(afgehandeld).values("pk")
    )
    return Melding.objects.filter(pk__in=ids).annotate(hoogste=_hoogste(selectie, "doel__plan__onderzoek__melding"))


def plannen(selectie: Selectie) -> QuerySet[Ondersteuningsplan]:
    p = selectie.periode
    met_acties = Actie.objects.filter(_acties_q(selectie)).values("doel__plan")
    return (
        Ondersteuningsplan.objects.filter(adres_q(selectie, "huishouden__"), vastgesteld_op__lte=p.tot, pk__in=met_acties)
        .exclude(afgesloten_op__lt=p.van)
        .annotate(hoogste=_hoogste(selectie, "doel__plan"))
    )


def _rijen(per_rang: dict[int | None, int], d: int, geen_tekst: str | None) -> list[tuple[str, list]]:
    totaal = sum(per_rang.values())
    rijen = []
    if geen_tekst:
        rijen.append((geen_tekst, [aantal(per_rang.get(None, 0), d), procent(per_rang.get(None, 0), totaal, d)]))
    for t in Trede:
        n = per_rang.get(TREDE_VOLGORDE[t], 0)
        rijen.append((f"Hoogste trede: {t.label}", [aantal(n, d), procent(n, totaal, d)]))
    met = per_rang.get(MAATWERK_RANG, 0)
    rijen.append((ZONDER, [aantal(totaal - met, d), procent(totaal - met, totaal, d)]))
    rijen.append((MET, [aantal(met, d), procent(met, totaal, d)]))
    rijen.append(("Totaal afgehandeld" if geen_tekst else "Totaal plannen", [aantal(totaal, d), procent(totaal, totaal, d)]))
    return rijen


def _sleutels(geen: bool) -> dict[str, str]:
    links = {f"Hoogste trede: {t.label}": t.value for t in Trede}
    if geen:
        links["Geen plan met acties"] = GEEN
    return links


def _meldingen_tabel(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    per_rang = {r["hoogste"]: r["n"] for r in meldingen(selectie).order_by().values("hoogste").annotate(n=Count("pk"))}
    tabel = Tabel(MELDINGEN, "Afwegingsladder: meldingen opgelost zonder maatwerk", DEF_MELDINGEN, ["Uitkomst", "Meldingen", "%"],
                  _rijen(per_rang, d, "Geen plan met acties"))
    tabel.links = {label: f"?lijst={MELDINGEN}&sleutel={k}" for label, k in _sleutels(True).items()}
    return tabel


def _plannen_tabel(selectie: Selectie) -> Tabel:
    d = selectie.drempel()
    qs = plannen(selectie)
    per_rang = {r["hoogste"]: r["n"] for r in qs.order_by().values("hoogste").annotate(n=Count("pk"))}
    acties = _acties_q(selectie, "doelen__acties__")
    per_trede = Ondersteuningsplan.objects.filter(pk__in=qs.values("pk")).aggregate(
        **{t.value: Count("pk", filter=acties & Q(doelen__acties__trede=t), distinct=True) for t in Trede}
    )
    rijen = _rijen(per_rang, d, None)
    for i, t in enumerate(Trede):
        rijen[i][1].append(aantal(per_trede[t.value], d))
    tabel = Tabel(PLANNEN, "Afwegingsladder: ondersteuningsplannen zonder maatwerk", DEF_PLANNEN,
                  ["Uitkomst", "Plannen", "%", "Plannen met een actie op deze trede"], rijen)
    tabel.links = {label: f"?lijst={PLANNEN}&sleutel={k}" for label, k in _sleutels(False).items()}
    return tabel


def _rang_van(sleutel: str) -> int | None:
    return None if sleutel == GEEN else TREDE_VOLGORDE[Trede(sleutel)]


def _lijst_meldingen(selectie: Selectie, sleutel: str) -> QuerySet[Melding]:
    """Meldingen (not grants) afgehandeld in the period whose highest trede is `sleutel` ("geen": no plan with actions)."""
    rang = _rang_van(sleutel)
    qs = meldingen(selectie)
    return qs.filter(hoogste__isnull=True) if rang is None else qs.filter(hoogste=rang)


def _lijst_plannen(selectie: Selectie, sleutel: str) -> QuerySet[Ondersteuningsplan]:
    """Plans (not grants) in force in the period whose highest trede is `sleutel`."""
    return plannen(selectie).filter(hoogste=_rang_van(sleutel))


LIJSTEN = {MELDINGEN: _lijst_meldingen, PLANNEN: _lijst_plannen}


def tabellen(selectie: Selectie) -> list[Tabel]:
    return [_meldingen_tabel(selectie), _plannen_tabel(selectie)]
