"""Client experience (issue 4 §1, cliëntervaringsonderzoek): per statement of the questionnaire the number of
answers, the share ‘(helemaal) mee eens’ and the mean score; in total, per team and per provider.

Definitions (shown with every table and in the README):
- An afname counts when its date (datum van invullen) lies in the period, its gemeente (the household's gemeente
  when recorded) is in the selection and — when the selection narrows to a gebied or team — the household lives in
  that gebied. With a wet or product category in the selection, only afnames of households that had a grant of
  that wet/category in the period count.
- Answers are counted per statement code, so versions of the questionnaire with the same statement add up.
  ‘Weet niet / n.v.t.’ is no score: it is not in the number of answers, the percentage or the mean.
- Team: the team of the plan's regisseur when the afname was recorded (fixed then). Provider: every provider of a
  grant of the household that applied on some day of the period (a household with two providers counts for both;
  pgb without a provider: not in this table).
- Small cells: with fewer answers than the threshold (default 5) the number shows as "< 5" and the percentage and
  mean are hidden; so does a ‘weet niet’ count from 1 up to the threshold.

Queries: one per table (a histogram of answers grouped by key, statement and answer, counted in the database),
plus one for the statement texts and one for team or provider names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts.models import Team

from ..drempel import Cel, aantal
from ..models import EENS, Afname, Antwoord, Antwoordschaal, Vraag
from ..selectie import Selectie
from ..tabel import Tabel

KOLOMMEN = ["Antwoorden (1–5)", "% (helemaal) mee eens", "Gemiddelde score (1–5)", "Weet niet / n.v.t."]
ZONDER_TEAM = "Zonder team"


def afnames(selectie: Selectie) -> QuerySet[Afname]:
    """The afnames of the selection (see the module docstring)."""
    p = selectie.periode
    qs = Afname.objects.filter(gemeente__in=selectie.gemeenten(), datum__gte=p.van, datum__lte=p.tot)
    ids = selectie.gebied_ids()
    if ids is not None:
        qs = qs.filter(huishouden__gebied_id__in=ids)
    if selectie.wet or selectie.categorie:
        qs = qs.filter(Exists(selectie.voorzieningen().filter(huishouden_id=OuterRef("huishouden_id"))))
    return qs


@dataclass
class Score:
    """The answers to one statement in one group: a histogram of the scale values."""

    verdeling: dict[int, int]

    @property
    def n(self) -> int:
        return sum(v for k, v in self.verdeling.items() if k != Antwoordschaal.WEET_NIET)

    @property
    def eens(self) -> int:
        return sum(self.verdeling.get(k, 0) for k in EENS)

    @property
    def weet_niet(self) -> int:
        return self.verdeling.get(Antwoordschaal.WEET_NIET, 0)

    @property
    def gemiddelde(self) -> float | None:
        if not self.n:
            return None
        return sum(k * v for k, v in self.verdeling.items() if k != Antwoordschaal.WEET_NIET) / self.n

    def cellen(self, drempel: int) -> list[Cel]:
        n = self.n
        if 0 < n < drempel:
            verborgen = Cel(None, afgeschermd=True, drempel=drempel)
            return [aantal(n, drempel), verborgen, verborgen, aantal(self.weet_niet, drempel)]
        if n == 0:
            return [Cel(0, drempel=drempel), Cel(None, drempel=drempel), Cel(None, drempel=drempel), aantal(self.weet_niet, drempel)]
        return [
            Cel(n, drempel=drempel),
            Cel(round(self.eens * 100 / n, 1), drempel=drempel),
            Cel(round(self.gemiddelde, 1), drempel=drempel),
            aantal(self.weet_niet, drempel),
        ]


def _verdeling(qs: QuerySet[Antwoord], sleutel: str | None) -> dict[tuple[object, str], Score]:
    """One query: answers counted per (key, statement code, value). Distinct answer ids, so joining a household's
    several grants never counts one answer twice."""
    velden = [sleutel] if sleutel else []
    rijen = qs.order_by().values(*velden, "vraag__code", "waarde").annotate(n=Count("id", distinct=True))
    uit: dict[tuple[object, str], Score] = defaultdict(lambda: Score({}))
    for r in rijen:
        uit[(r[sleutel] if sleutel else None, r["vraag__code"])].verdeling[r["waarde"]] = r["n"]
    return uit


def _vragen(selectie: Selectie) -> list[tuple[str, str]]:
    """(code, text) of the statements, in questionnaire order, text of the newest version that applied in the period."""
    p = selectie.periode
    rijen = (
        Vraag.objects.filter(vragenlijst__geldig_vanaf__lte=p.tot)
        .order_by("vragenlijst__code", "-vragenlijst__versie", "volgorde")
        .values_list("code", "tekst", "volgorde")
    )
    gezien: dict[str, tuple[str, int]] = {}
    for code, tekst, volgorde in rijen:
        gezien.setdefault(code, (tekst, volgorde))
    return [(code, tekst) for code, (tekst, _) in sorted(gezien.items(), key=lambda kv: kv[1][1])]


def _antwoorden(selectie: Selectie) -> QuerySet[Antwoord]:
    return Antwoord.objects.filter(afname__in=afnames(selectie))


DEFINITIE = (
    "Antwoorden op de stellingen van het cliëntervaringsonderzoek (vijfpuntsschaal van ‘helemaal mee oneens’ (1) tot "
    "‘helemaal mee eens’ (5)) in afnames die in de periode zijn ingevuld, van huishoudens van de gemeente(n) in de "
    "selectie (bij een gebied of team: huishoudens die daar wonen; bij een wet of productcategorie: huishoudens met "
    "zo’n voorziening in de periode). Antwoorden: aantal scores 1–5 (‘weet niet / n.v.t.’ telt niet mee). "
    "% (helemaal) mee eens: scores 4 en 5 als percentage van de antwoorden. Gemiddelde: gemiddelde score 1–5. "
    "Minder antwoorden dan de celdrempel: aantal als ‘< {d}’, percentage en gemiddelde afgeschermd."
)


def tabel_totaal(selectie: Selectie, vragen: list[tuple[str, str]], drempel: int) -> Tabel:
    scores = _verdeling(_antwoorden(selectie), None)
    return Tabel(
        "ervaring", f"Cliëntervaring per stelling, {selectie.omschrijving()}",
        DEFINITIE.format(d=drempel),
        ["Stelling", *KOLOMMEN],
        [(tekst, scores.get((None, code), Score({})).cellen(drempel)) for code, tekst in vragen],
    )


def _per_groep(scores: dict, vragen: list[tuple[str, str]], groepen: list[tuple[object, str]], drempel: int) -> list:
    return [
        (f"{naam} · {tekst}", scores.get((sleutel, code), Score({})).cellen(drempel))
        for sleutel, naam in groepen for code, tekst in vragen
        if any((sleutel, c) in scores for c, _ in vragen)
    ]


def tabel_per_team(selectie: Selectie, vragen: list[tuple[str, str]], drempel: int) -> Tabel:
    scores = _verdeling(_antwoorden(selectie), "afname__team_id")
    ids = {k for k, _ in scores if k is not None}
    groepen: list[tuple[object, str]] = list(Team.objects.filter(pk__in=ids).order_by("naam").values_list("pk", "naam"))
    groepen.append((None, ZONDER_TEAM))
    return Tabel(
        "ervaring_team", "Cliëntervaring per team",
        DEFINITIE.format(d=drempel) + " Per team: het team van de regisseur van het ondersteuningsplan op het moment "
        "dat de afname werd vastgelegd; afnames zonder plan of regisseur met team staan onder ‘Zonder team’.",
        ["Team · stelling", *KOLOMMEN], _per_groep(scores, vragen, groepen, drempel),
    )


def tabel_per_aanbieder(selectie: Selectie, vragen: list[tuple[str, str]], drempel: int) -> Tabel:
    pad = "afname__huishouden__voorzieningen"
    qs = _antwoorden(selectie).filter(**{f"{pad}__in": selectie.voorzieningen(), f"{pad}__aanbieder__isnull": False})
    scores = _verdeling(qs, f"{pad}__aanbieder_id")
    ids = {k for k, _ in scores}
    groepen: list[tuple[object, str]] = list(Aanbieder.objects.filter(pk__in=ids).order_by("naam", "pk").values_list("pk", "naam"))
    return Tabel(
        "ervaring_aanbieder", "Cliëntervaring per aanbieder",
        DEFINITIE.format(d=drempel) + " Per aanbieder: elke aanbieder van een voorziening van het huishouden (van de "
        "selectie) die ergens in de periode gold; een huishouden met twee aanbieders telt bij beide. Pgb zonder "
        "aanbieder telt hier niet mee.",
        ["Aanbieder · stelling", *KOLOMMEN], _per_groep(scores, vragen, groepen, drempel),
    )


def tabellen(selectie: Selectie) -> list[Tabel]:
    drempel = selectie.drempel()
    vragen = _vragen(selectie)
    return [
        tabel_totaal(selectie, vragen, drempel),
        tabel_per_team(selectie, vragen, drempel),
        tabel_per_aanbieder(selectie, vragen, drempel),
    ]
