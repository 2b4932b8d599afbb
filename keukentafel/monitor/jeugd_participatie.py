"""Youth and participation indicators (issue 6 §3): youths in care per 1,000 youths, out-of-home placements,
verlengde jeugdhulp, participatieladder movement and placements in work.

Each indicator states its definition (shown on screen and in the README), so a figure can be reproduced. Counts are
of distinct persons, per gemeente of the grant or trajectory, over a period; the small-cell rule of `drempel` applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Persoon

from .drempel import Cel, aantal, celdrempel, verhouding
from .periode import Periode, jaren_geleden

#: JZ020 categories with verblijf: pleegzorg, gezinsgericht, gesloten, residentieel (2015 codes) and jeugdhulp verblijf
#: with and without behandeling (43, 44). Crisis (46) is left out: it is not necessarily a placement.
VERBLIJF_CATEGORIEEN = ("35", "36", "37", "38", "43", "44")
JEUGD_TOT = 18
VERLENGD_TOT = 23


@dataclass
class Indicator:
    code: str
    naam: str
    definitie: str
    waarde: Cel
    teller: Cel | None = None
    noemer: Cel | None = None


def _jeugdhulp(gemeente: Gemeente, p: Periode):
    return ToegewezenVoorziening.objects.filter(gemeente=gemeente, product__wet=Wet.JEUGDWET).overlappend(p.van, p.tot)


def _geboren_na(p: Periode, jaren: int) -> date:
    """Born after this day: younger than `jaren` on the last day of the period."""
    return jaren_geleden(p.tot, jaren)


def jeugdigen_in_zorg(gemeente: Gemeente, p: Periode, drempel: int) -> Indicator:
    jong = _geboren_na(p, JEUGD_TOT)
    in_zorg = _jeugdhulp(gemeente, p).filter(persoon__geboortedatum__gt=jong).values("persoon").distinct().count()
    jeugdigen = Persoon.objects.filter(gemeente=gemeente, geboortedatum__gt=jong, geboortedatum__lte=p.tot).count()
    return Indicator(
        "jeugd_per_1000",
        "Jeugdigen met jeugdhulp per 1.000 jeugdigen",
        "Personen van 0–17 jaar (op de laatste dag van de periode) met een toegewezen jeugdhulpvoorziening (Jeugdwet) "
        "die in de periode liep, per 1.000 ingeschreven inwoners van 0–17 jaar van de gemeente.",
        verhouding(in_zorg, jeugdigen, 1000, drempel),
        aantal(in_zorg, drempel),
        aantal(jeugdigen, drempel),
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


def verlengde_jeugdhulp(gemeente: Gemeente, p: Periode, drempel: int) -> Indicator:
    qs = _jeugdhulp(gemeente, p).filter(
        persoon__geboortedatum__lte=_geboren_na(p, JEUGD_TOT), persoon__geboortedatum__gt=_geboren_na(p, VERLENGD_TOT)
    )
    return Indicator(
        "verlengde_jeugdhulp",
        "Jongeren van 18–22 jaar met (verlengde) jeugdhulp",
        "Personen van 18 tot 23 jaar (op de laatste dag van de periode) met een jeugdhulpvoorziening die in de periode liep.",
        aantal(qs.values("persoon").distinct().count(), drempel),
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
    return [
        jeugdigen_in_zorg(gemeente, p, drempel),
        uithuisplaatsingen(gemeente, p, drempel),
        nieuwe_uithuisplaatsingen(gemeente, p, drempel),
        verlengde_jeugdhulp(gemeente, p, drempel),
        *ladderbeweging(gemeente, p, drempel),
        *plaatsingen(gemeente, p, drempel),
    ]
