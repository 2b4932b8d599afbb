"""Youth and participation indicators (issue 6 §3): youths in care per 1,000 youths, out-of-home placements,
verlengde jeugdhulp, participatieladder movement and placements in work.

Each indicator states its definition (shown on screen and in the README), so a figure can be reproduced. Counts are
of distinct persons, per gemeente of the grant or trajectory, over a period; the small-cell rule of `drempel` applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Persoon
from keukentafel.jeugd.regels import verjaardag_na

from .drempel import Cel, aantal, celdrempel, verhouding
from .periode import Periode, jaren_geleden

#: JZ020 categories with verblijf: pleegzorg, gezinsgericht, gesloten, residentieel (2015 codes) and jeugdhulp verblijf
#: with and without behandeling (43, 44). Crisis (46) is left out: it is not necessarily a placement.
VERBLIJF_CATEGORIEEN = ("35", "36", "37", "38", "43", "44")
@dataclass
class Indicator:
    code: str
    naam: str
    definitie: str
    waarde: Cel
    teller: Cel | None = None
    noemer: Cel | None = None


@dataclass(frozen=True)
class Leeftijden:
    """The Jeugdwet age limits that applied to the gemeente at the end of the period (policy settings)."""

    jeugd: int
    verlengd: int


def leeftijden(gemeente: Gemeente, op: date) -> Leeftijden:
    return Leeftijden(
        int(geldende_waarde(Sleutel.JEUGD_LEEFTIJDSGRENS, gemeente, op)), int(geldende_waarde(Sleutel.JEUGD_VERLENGING_TOT, gemeente, op))
    )


def _jeugdhulp(gemeente: Gemeente, p: Periode):
    return ToegewezenVoorziening.objects.filter(gemeente=gemeente, product__wet=Wet.JEUGDWET).overlappend(p.van, p.tot)


def _personen_met_hulp_tussen(gemeente: Gemeente, p: Periode, van_leeftijd: int, tot_leeftijd: int) -> set[int]:
    """Persons whose jeugdhulp ran on a day in the period on which they were at least `van_leeftijd` and younger
    than `tot_leeftijd`: the age is taken on the days the care ran, not on one reference date."""
    geboren_na = jaren_geleden(p.van, tot_leeftijd)
    rijen = _jeugdhulp(gemeente, p).filter(persoon__geboortedatum__gt=geboren_na).values_list(
        "persoon_id", "persoon__geboortedatum", "begindatum", "einddatum"
    )
    uit: set[int] = set()
    for persoon_id, geboren, begin, eind in rijen:
        eerste = max(p.van, begin, verjaardag_na(geboren, van_leeftijd))
        laatste = min(p.tot, eind or date.max, verjaardag_na(geboren, tot_leeftijd) - timedelta(days=1))
        if eerste <= laatste:
            uit.add(persoon_id)
    return uit


def jeugdigen_in_zorg(gemeente: Gemeente, p: Periode, drempel: int, grens: Leeftijden) -> Indicator:
    in_zorg = len(_personen_met_hulp_tussen(gemeente, p, 0, grens.jeugd))
    # Jeugdigen: inhabitants who were younger than the age limit on some day of the period (born by its end).
    jeugdigen = Persoon.objects.filter(gemeente=gemeente, geboortedatum__gt=jaren_geleden(p.van, grens.jeugd), geboortedatum__lte=p.tot)
    return Indicator(
        "jeugd_per_1000",
        "Jeugdigen met jeugdhulp per 1.000 jeugdigen",
        f"Personen met een toegewezen jeugdhulpvoorziening (Jeugdwet) die in de periode liep op een dag waarop zij jonger "
        f"waren dan {grens.jeugd} jaar, per 1.000 ingeschreven inwoners van de gemeente die in de periode jonger dan "
        f"{grens.jeugd} waren.",
        verhouding(in_zorg, jeugdigen.count(), 1000, drempel),
        aantal(in_zorg, drempel),
        aantal(jeugdigen.count(), drempel),
    )


def uithuisplaatsingen(gemeente: Gemeente, p: Periode, drempel: int) -> Indicator:
    qs = _jeugdhulp(gemeente, p).filter(product__productcategorie__in=VERBLIJF_CATEGORIEEN)
    return Indicator(
        "uithuisplaatsingen",
        "Jeugdigen met jeugdhulp met verblijf (uithuisplaatsing)",
        "Personen met een toegewezen jeugdhulpvoorziening met verblijf (JZ020 35, 36, 37, 38, 43, 44: pleegzorg, "
        "gezinshuis, gesloten en overig residentieel) die in de periode liep. Crisisopvang (46) telt niet mee.",
        aantal(qs.values("persoon").distinct().count(), drempel),
    )


def nieuwe_uithuisplaatsingen(gemeente: Gemeente, p: Periode, drempel: int) -> Indicator:
    qs = _jeugdhulp(gemeente, p).filter(product__productcategorie__in=VERBLIJF_CATEGORIEEN, begindatum__gte=p.van)
    return Indicator(
        "uithuisplaatsingen_nieuw",
        "Nieuwe uithuisplaatsingen",
        "Personen van wie een jeugdhulpvoorziening met verblijf (zelfde categorieën) in de periode begon.",
        aantal(qs.values("persoon").distinct().count(), drempel),
    )


def verlengde_jeugdhulp(gemeente: Gemeente, p: Periode, drempel: int, grens: Leeftijden) -> Indicator:
    n = len(_personen_met_hulp_tussen(gemeente, p, grens.jeugd, grens.verlengd))
    return Indicator(
        "verlengde_jeugdhulp",
        "Verlengde jeugdhulp",
        f"Personen met jeugdhulp die in de periode liep op een dag waarop zij {grens.jeugd} jaar of ouder en jonger dan "
        f"{grens.verlengd} waren (verlengde jeugdhulp).",
        aantal(n, drempel),
    )


def _trajecten(gemeente: Gemeente, p: Periode):
    from keukentafel.participatie.models import Traject

    return Traject.objects.filter(gemeente=gemeente, startdatum__lte=p.tot).exclude(afgesloten_op__lt=p.van)


def ladderbeweging(gemeente: Gemeente, p: Periode, drempel: int) -> list[Indicator]:
    """Per person with a trajectory in the period: the step at the start (the latest on or before the first day, else
    the first one in the period) against the latest step by the last day, when that one was measured in the period."""
    from keukentafel.participatie.models import Ladderscore

    personen = _trajecten(gemeente, p).values("persoon_id")
    begin: dict[int, Ladderscore] = {}
    eind: dict[int, Ladderscore] = {}
    for s in Ladderscore.objects.filter(persoon_id__in=personen, datum__lte=p.tot).order_by("datum", "id"):
        if s.datum <= p.van or s.persoon_id not in begin:
            begin[s.persoon_id] = s
        eind[s.persoon_id] = s
    omhoog = gelijk = omlaag = 0
    for persoon_id, e in eind.items():
        b = begin[persoon_id]
        if e.datum < p.van or e.pk == b.pk:
            continue
        if e.trede > b.trede:
            omhoog += 1
        elif e.trede < b.trede:
            omlaag += 1
        else:
            gelijk += 1
    gemeten = "Personen met een participatietraject in de periode, met een meting op de participatieladder in de periode"
    return [
        Indicator("ladder_omhoog", "Participatieladder: gestegen", f"{gemeten} die hoger staat dan aan het begin van de periode.",
                  aantal(omhoog, drempel)),
        Indicator("ladder_gelijk", "Participatieladder: gelijk gebleven", f"{gemeten} die op dezelfde trede staat.",
                  aantal(gelijk, drempel)),
        Indicator("ladder_omlaag", "Participatieladder: gedaald", f"{gemeten} die lager staat dan aan het begin.", aantal(omlaag, drempel)),
    ]


def plaatsingen(gemeente: Gemeente, p: Periode, drempel: int) -> list[Indicator]:
    from keukentafel.participatie.models import Afsluitreden, Plaatsing, Traject

    geplaatst = Plaatsing.objects.filter(traject__gemeente=gemeente, startdatum__range=(p.van, p.tot)).values("traject__persoon_id")
    uitstroom = Traject.objects.filter(gemeente=gemeente, afsluitreden=Afsluitreden.WERK_GEVONDEN, afgesloten_op__range=(p.van, p.tot))
    return [
        Indicator("plaatsingen", "Plaatsingen op een vacature",
                  "Personen met een participatietraject die in de periode op een vacature uit de werkgeversbenadering zijn geplaatst.",
                  aantal(geplaatst.distinct().count(), drempel)),
        Indicator("uitstroom_werk", "Uitstroom naar werk",
                  "Participatietrajecten die in de periode zijn afgesloten met de reden ‘werk gevonden’.",
                  aantal(uitstroom.count(), drempel)),
    ]


def indicatoren(gemeente: Gemeente, p: Periode) -> list[Indicator]:
    drempel = celdrempel(gemeente, p.tot)
    grens = leeftijden(gemeente, p.tot)
    return [
        jeugdigen_in_zorg(gemeente, p, drempel, grens),
        uithuisplaatsingen(gemeente, p, drempel),
        nieuwe_uithuisplaatsingen(gemeente, p, drempel),
        verlengde_jeugdhulp(gemeente, p, drempel, grens),
        *ladderbeweging(gemeente, p, drempel),
        *plaatsingen(gemeente, p, drempel),
    ]
