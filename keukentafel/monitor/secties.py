"""The dashboard's sections: each a titled group of tables computed for a `Selectie`, with the lists behind them.

A section names its table builder by dotted path (`tabellen(selectie) -> list[Tabel]`) and, optionally, the module
whose `LIJSTEN` maps a table code to the grants behind a row (for the drill-down of users who may see dossiers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from . import jeugd_participatie
from .drempel import Cel
from .selectie import Selectie
from .tabel import Tabel


@dataclass(frozen=True)
class Sectie:
    code: str
    titel: str
    inleiding: str
    tabellen_pad: str
    lijsten_pad: str = ""

    def tabellen(self, selectie: Selectie) -> list[Tabel]:
        return import_string(self.tabellen_pad)(selectie)

    def lijst(self, selectie: Selectie, tabel: str, sleutel: str) -> QuerySet | None:
        if not self.lijsten_pad:
            return None
        maker = import_string(self.lijsten_pad).get(tabel)
        return maker(selectie, sleutel) if maker else None


def jeugd_en_participatie(selectie: Selectie) -> list[Tabel]:
    """The youth and participation indicators (issue 6) per gemeente of the selection; they count per gemeente, so
    the gebied, team, wet and category filters do not apply to them."""
    gemeenten = selectie.gemeenten()
    per = {g.pk: jeugd_participatie.indicatoren(g, selectie.periode) for g in gemeenten}
    eerste = per[gemeenten[0].pk] if gemeenten else []
    rijen: list[tuple[str, list[Cel]]] = []
    definities = []
    for i, indicator in enumerate(eerste):
        rijen.append((indicator.naam, [per[g.pk][i].waarde for g in gemeenten]))
        definities.append(f"{indicator.naam}: {indicator.definitie}")
    return [Tabel(
        "jeugd_participatie", "Jeugd en participatie per gemeente",
        " ".join(definities) + " Deze cijfers gelden per gemeente; de filters gebied, team, wet en categorie tellen hier niet mee.",
        ["Indicator", *(g.naam for g in gemeenten)], rijen,
    )]


def _sectie(code: str, titel: str, inleiding: str, module: str, lijsten: bool = True) -> Sectie:
    pad = f"keukentafel.monitor.indicatoren.{module}"
    return Sectie(code, titel, inleiding, f"{pad}.tabellen", f"{pad}.LIJSTEN" if lijsten else "")


SECTIES: list[Sectie] = [
    _sectie("bereik", "Bereik en kosten", "Inwoners met een voorziening (aantal en % van de bevolking) per categorie, leveringsvorm "
            "en leeftijd; kosten per inwoner en per cliënt tegen de referentiewaarden.", "bereik"),
    _sectie("aanbieders", "Aanbieders", "Cliënten, verplichting, kosten per cliënt, gedeclareerd tegen toegekend en afgekeurde "
            "declaratieregels per aanbieder.", "aanbieders"),
    _sectie("verwijsgedrag", "Verwijsgedrag per team", "Toewijzingen per 1.000 inwoners, mix en kosten per gebiedsteam en per "
            "route (beschikking, verwijzing, verzoek, wettelijke verwijzing): zo worden verschillen tussen toegangen zichtbaar.",
            "verwijsgedrag"),
    _sectie("afwegingsladder", "Afwegingsladder", "Aandeel meldingen en plannen opgelost zonder maatwerk (eigen kracht, netwerk, "
            "vrijwilligers, algemene voorziening) en met maatwerk.", "ladder"),
    _sectie("doorlooptijden", "Doorlooptijden", "Melding tot plan en aanvraag tot beschikking tegen de wettelijke termijnen: mediaan, "
            "90e percentiel, % op tijd en nu over de termijn.", "doorlooptijden"),
    _sectie("instroom-uitstroom", "Instroom, uitstroom en herbeoordeling", "Instroom, uitstroom en stand per maand; herbeoordelingen "
            "die nodig zijn of te laat; afschalen van zwaardere naar lichtere ondersteuning.", "stroom"),
    _sectie("uitkomst", "Uitkomst: zelfredzaamheid", "Verandering van de zelfredzaamheidsscores tussen de eerste en de laatste meting, "
            "per leefgebied, product en aanbieder.", "uitkomst"),
    _sectie("clientervaring", "Cliëntervaring", "Uitkomsten van het cliëntervaringsonderzoek per stelling, team en aanbieder "
            "(geen lijst: die zou antwoorden van personen tonen).", "ervaring", lijsten=False),
    Sectie(
        "jeugd-participatie", "Jeugd en participatie",
        "Jeugdigen in zorg per 1.000 jeugdigen, uithuisplaatsingen, verlengde jeugdhulp, beweging op de participatieladder "
        "en plaatsingen in werk.",
        "keukentafel.monitor.secties.jeugd_en_participatie",
    ),
]


def sectie(code: str) -> Sectie | None:
    return next((s for s in SECTIES if s.code == code), None)
