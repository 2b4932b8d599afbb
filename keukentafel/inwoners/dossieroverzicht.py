"""What the household dossier page shows, read in a fixed number of queries (no N+1).

One query each for: members (with persons), network, meldingen, onderzoeken, gesprekken, plans
(with regisseur), plan versions (without their frozen content), signatures, evaluations and scores.
The number does not grow with the size of the household's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from .models import Huishouden, Huishoudlid, Netwerklid


@dataclass
class Gebeurtenis:
    """One line in the timeline. Sorted newest first on (datum, stap, moment)."""

    datum: date
    stap: int
    soort: str
    titel: str
    tekst: str = ""
    url: str | None = None
    moment: datetime | None = None

    @property
    def sleutel(self) -> tuple:
        return (self.datum, self.stap, self.moment or datetime.min.replace(tzinfo=timezone.get_current_timezone()))


# Order of steps on the same day: the flow melding → triage → onderzoek → gesprek → plan → evaluatie.
STAP = {
    "melding": 0,
    "triage": 1,
    "onderzoek": 2,
    "gesprek": 3,
    "onderzoek_afgerond": 4,
    "plan": 5,
    "versie": 6,
    "ondertekening": 7,
    "vastgesteld": 8,
    "evaluatie": 9,
    "plan_afgesloten": 10,
    "melding_afgesloten": 11,
}


def _lokaal(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _inkort(tekst: str, n: int = 140) -> str:
    tekst = " ".join((tekst or "").split())
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


def _gebeurtenis(soort: str, moment: datetime | date, titel: str, tekst: str = "", url: str | None = None) -> Gebeurtenis:
    if isinstance(moment, datetime):
        m = _lokaal(moment)
        return Gebeurtenis(m.date(), STAP[soort], soort, titel, tekst, url, m)
    return Gebeurtenis(moment, STAP[soort], soort, titel, tekst, url)


def plannen_van(huishouden: Huishouden) -> list:
    from keukentafel.plannen.models import Ondersteuningsplan

    return list(Ondersteuningsplan.objects.filter(huishouden=huishouden).select_related("regisseur__team").order_by("-aangemaakt_op"))


def tijdlijn(huishouden: Huishouden, plannen: list | None = None) -> list[Gebeurtenis]:
    """Everything that happened in the case, newest first. `plannen`: the household's plans if already read."""
    from keukentafel.plannen.models import Evaluatie, Ondertekening, Planversie
    from keukentafel.toegang.models import Gesprek, Melding, Onderzoek

    items: list[Gebeurtenis] = []
    for m in Melding.objects.filter(huishouden=huishouden).select_related("team").order_by():
        url = reverse("toegang:melding_detail", args=[m.pk])
        items.append(_gebeurtenis("melding", m.ontvangen_op, f"Melding via {m.get_kanaal_display().lower()}", _inkort(m.vraag), url))
        if m.getrieerd_op and m.triage_uitkomst:
            tekst = f"Naar {m.team}" if m.team_id and m.triage_uitkomst in ("gebiedsteam", "acuut") else _inkort(m.triage_toelichting)
            items.append(_gebeurtenis("triage", m.getrieerd_op, f"Triage: {m.get_triage_uitkomst_display()}", tekst, url))
        if m.afgesloten_op:
            items.append(_gebeurtenis("melding_afgesloten", m.afgesloten_op, "Melding afgesloten", "", url))
    for o in Onderzoek.objects.filter(huishouden=huishouden).select_related("behandelaar").order_by():
        url = reverse("toegang:onderzoek_detail", args=[o.pk])
        items.append(_gebeurtenis("onderzoek", o.startdatum, "Onderzoek gestart", f"Behandelaar: {o.behandelaar}", url))
        if o.afgerond_op:
            titel = f"Onderzoek {o.get_status_display().lower()}"
            items.append(_gebeurtenis("onderzoek_afgerond", o.afgerond_op, titel, _inkort(o.conclusie), url))
    for g in Gesprek.objects.filter(onderzoek__huishouden=huishouden).order_by():
        url = reverse("toegang:gesprek_detail", args=[g.pk])
        if g.gehouden_op:
            items.append(_gebeurtenis("gesprek", g.gehouden_op, "Keukentafelgesprek gehouden", g.get_plaats_display(), url))
        else:
            items.append(_gebeurtenis("gesprek", g.gepland_op, "Keukentafelgesprek gepland", g.get_plaats_display(), url))
    for p in plannen_van(huishouden) if plannen is None else plannen:
        url = reverse("plannen:plan_detail", args=[p.pk])
        items.append(_gebeurtenis("plan", p.aangemaakt_op, "Ondersteuningsplan aangemaakt", f"Regisseur: {p.regisseur}", url))
        if p.vastgesteld_op:
            items.append(_gebeurtenis("vastgesteld", p.vastgesteld_op, "Ondersteuningsplan vastgesteld (ondertekend)", "", url))
        if p.afgesloten_op:
            items.append(_gebeurtenis("plan_afgesloten", p.afgesloten_op, "Ondersteuningsplan afgesloten", _inkort(p.afsluitreden), url))
    versies = {}
    for v in Planversie.objects.filter(plan__huishouden=huishouden).defer("inhoud").order_by():
        versies[v.pk] = v
        url = reverse("plannen:plan_versies", args=[v.plan_id])
        items.append(_gebeurtenis("versie", v.gemaakt_op, f"Planversie {v.nummer} vastgelegd", _inkort(v.toelichting), url))
    for t in Ondertekening.objects.filter(versie__plan__huishouden=huishouden).order_by():
        versie = versies.get(t.versie_id)
        url = reverse("plannen:plan_versies", args=[versie.plan_id]) if versie else None
        nummer = f"Versie {versie.nummer}" if versie else "Plan"
        titel = f"{nummer} ondertekend door {t.get_rol_display().lower()}"
        items.append(_gebeurtenis("ondertekening", t.datum, titel, f"{t.naam} ({t.get_methode_display().lower()})", url))
    for e in Evaluatie.objects.filter(plan__huishouden=huishouden).order_by():
        url = reverse("plannen:plan_detail", args=[e.plan_id])
        items.append(_gebeurtenis("evaluatie", e.datum, f"Evaluatie: {e.get_besluit_display().lower()}", _inkort(e.toelichting), url))
    items.sort(key=lambda g: g.sleutel, reverse=True)
    return items


@dataclass
class Scoreverloop:
    """First and latest self-reliance score on one leefgebied (for one person or the household)."""

    leefgebied: object
    persoon: object | None
    eerste: object
    laatste: object
    aantal: int = 1

    @property
    def verschil(self) -> int:
        return self.laatste.score - self.eerste.score


def scores(huishouden: Huishouden) -> list[Scoreverloop]:
    from keukentafel.toegang.models import Zelfredzaamheidsscore

    verloop: dict[tuple, Scoreverloop] = {}
    for s in Zelfredzaamheidsscore.objects.filter(huishouden=huishouden).select_related("leefgebied", "persoon").order_by("datum", "id"):
        sleutel = (s.leefgebied_id, s.persoon_id)
        if sleutel in verloop:
            verloop[sleutel].laatste = s
            verloop[sleutel].aantal += 1
        else:
            verloop[sleutel] = Scoreverloop(s.leefgebied, s.persoon, s, s)
    return sorted(verloop.values(), key=lambda v: (v.leefgebied.volgorde, v.leefgebied.naam, v.persoon.naam if v.persoon else ""))


@dataclass
class Dossier:
    huishouden: Huishouden
    huidige_leden: list[Huishoudlid] = field(default_factory=list)
    vroegere_leden: list[Huishoudlid] = field(default_factory=list)
    netwerk: list[Netwerklid] = field(default_factory=list)
    tijdlijn: list[Gebeurtenis] = field(default_factory=list)
    scores: list[Scoreverloop] = field(default_factory=list)
    open_plan: object | None = None

    @property
    def overbelast(self) -> list[Netwerklid]:
        return [n for n in self.netwerk if n.overbelast and n.actief]


def dossier(huishouden: Huishouden) -> Dossier:
    from keukentafel.plannen.models import OPEN_STATUSSEN

    vandaag = timezone.localdate()
    d = Dossier(huishouden)
    for lid in huishouden.leden.select_related("persoon").order_by("begindatum", "id"):
        actief = lid.begindatum <= vandaag and (lid.einddatum is None or lid.einddatum > vandaag)
        (d.huidige_leden if actief or lid.begindatum > vandaag else d.vroegere_leden).append(lid)
    d.netwerk = list(huishouden.netwerk.select_related("voor_persoon").order_by("-actief", "-overbelast", "rol", "naam"))
    plannen = plannen_van(huishouden)
    d.open_plan = next((p for p in plannen if p.status in OPEN_STATUSSEN), None)
    d.tijdlijn = tijdlijn(huishouden, plannen)
    d.scores = scores(huishouden)
    return d
