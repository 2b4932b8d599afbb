"""The rules every grant must pass. Each refusal names its rule in Dutch; `code` identifies it for tests and the API."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BigIntegerField, F, Q, Sum
from django.db.models.functions import Cast

from keukentafel.aanbod.catalogus import euro
from keukentafel.aanbod.models import Aanbieder, Contract, Product
from keukentafel.aanbod.services import Contracttarief, contracttarief, goedkoopste_zin_tarief, ontbrekende_kwaliteitsbewijzen
from keukentafel.accounts.models import Gemeente
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.codelijsten import Eenheid, Frequentie
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon
from keukentafel.jeugd import regels as jeugdregels

from .models import Leveringsvorm, ToegewezenVoorziening

DAGEN_PER_JAAR = 365.25

#: Units per year for each unit of omvang, by frequentie (a contract ceiling is per year): eenheden per week × 52,
#: a month as 1/12 year, and "totaal" counts once.
JAARFACTOR: dict[str, int] = {
    Frequentie.PER_DAG.value: 7 * 52,
    Frequentie.PER_WEEK.value: 52,
    Frequentie.PER_MAAND.value: 12,
    Frequentie.TOTAAL.value: 1,
}


def getal(n: int) -> str:
    """A whole number the Dutch way: 12.500."""
    return f"{n:,}".replace(",", ".")


class Regelovertreding(ValidationError):
    """A grant refused by one or more rules; `regels` holds the rule codes."""

    def __init__(self, fouten: list[tuple[str, str]]):
        self.regels = [code for code, _ in fouten]
        super().__init__([ValidationError(tekst, code=code) for code, tekst in fouten])


@dataclass
class Pgbgegevens:
    persoonlijk_plan: str
    motivering_geen_zin: str
    budgetvaardig: bool
    pgb_tarief_cent: int
    budgetbeheerder: str = ""
    sociaal_netwerk_betaald: bool = False
    uitzondering_sociaal_netwerk: str = ""


@dataclass
class Pvbgegevens:
    regievaardig: bool
    vertegenwoordiger: str = ""
    vertegenwoordiger_is_organisatie: bool = False
    motivering: str = ""


@dataclass
class Toekenningsverzoek:
    """What is to be granted; checked by `controleer` and stored by `services.ken_toe`."""

    persoon: Persoon
    product: Product
    leveringsvorm: str
    omvang: int
    eenheid: str
    frequentie: str
    begindatum: date
    einddatum: date | None
    aanbieder: Aanbieder | None = None
    pgb: Pgbgegevens | None = None
    pvb: Pvbgegevens | None = None


@dataclass
class Uitkomst:
    """What the checks found: the contract and tariff to store, and for a pgb its ceiling and budget."""

    tarief_cent: int
    contract: Contracttarief | None = None
    maximum_tarief_cent: int | None = None
    budget_cent: int | None = None
    fouten: list[tuple[str, str]] = field(default_factory=list)


def eenheden_per_week(omvang: int, frequentie: str, begindatum: date, einddatum: date | None) -> float | None:
    """Volume normalised to a week, to compare with a weekly limit; None when it cannot be (open total)."""
    if frequentie == Frequentie.PER_DAG:
        return omvang * 7
    if frequentie == Frequentie.PER_WEEK:
        return float(omvang)
    if frequentie == Frequentie.PER_MAAND:
        return omvang * 12 / 52.18
    if einddatum is None:
        return None
    weken = ((einddatum - begindatum).days + 1) / 7
    return omvang / max(weken, 1)


def totaal_eenheden(omvang: int, frequentie: str, begindatum: date, einddatum: date | None) -> int:
    """Units over the whole period (a year when open-ended): the basis of a pgb budget."""
    eind = einddatum or (begindatum + timedelta(days=364))
    dagen = (eind - begindatum).days + 1
    if frequentie == Frequentie.PER_DAG:
        return omvang * dagen
    if frequentie == Frequentie.PER_WEEK:
        return math.ceil(omvang * dagen / 7)
    if frequentie == Frequentie.PER_MAAND:
        return math.ceil(omvang * dagen * 12 / DAGEN_PER_JAAR)
    return omvang


def _beleid(sleutel: Sleutel, gemeente: Gemeente, datum: date, cache: dict):
    k = (sleutel, gemeente.pk, datum)
    if k not in cache:
        cache[k] = geldende_waarde(sleutel, gemeente, datum)
    return cache[k]


def _catalogus(cache: dict, sleutel: tuple, vraag):
    """A catalogue answer (contract, tariff) once per batch: callers that share a cache (bulk imports) run
    within minutes, the catalogue does not change under them. A single grant passes no cache and asks afresh."""
    if sleutel not in cache:
        cache[sleutel] = vraag()
    return cache[sleutel]


def _maximale_omvang(v: Toekenningsverzoek, gemeente: Gemeente, cache: dict) -> str | None:
    limieten = _beleid(Sleutel.MAXIMALE_OMVANG, gemeente, v.begindatum, cache) or {}
    specifiek, algemeen = v.product.sleutels[1], v.product.sleutels[0]
    limiet = limieten.get(specifiek) or limieten.get(algemeen)
    if not limiet or limiet.get("eenheid") != v.eenheid:
        return None
    gevraagd = eenheden_per_week(v.omvang, v.frequentie, v.begindatum, v.einddatum)
    toegestaan = eenheden_per_week(int(limiet["omvang"]), limiet["frequentie"], v.begindatum, v.einddatum)
    if gevraagd is None or toegestaan is None or gevraagd <= toegestaan + 1e-9:
        return None
    eenheid = dict(Eenheid.choices)[v.eenheid].lower()
    frequentie = dict(Frequentie.choices)[limiet["frequentie"]].lower()
    return f"{v.product.naam} mag ten hoogste {limiet['omvang']} × {eenheid} {frequentie} worden toegewezen (beleid {gemeente})."


def _overlap(v: Toekenningsverzoek, negeer_pk: int | None) -> str | None:
    qs = ToegewezenVoorziening.objects.filter(persoon=v.persoon, product=v.product).overlappend(v.begindatum, v.einddatum)
    if negeer_pk:
        qs = qs.exclude(pk=negeer_pk)
    bestaand = qs.order_by("begindatum").first()
    if bestaand is None:
        return None
    tot = f"{bestaand.einddatum:%d-%m-%Y}" if bestaand.einddatum else "onbepaalde tijd"
    return (
        f"Deze inwoner heeft al een lopende toewijzing van {v.product.naam} van {bestaand.begindatum:%d-%m-%Y} tot {tot} "
        f"(toewijzingnummer {bestaand.toewijzingnummer}). Twee toewijzingen van hetzelfde product mogen niet overlappen."
    )


def _aanbieder_regels(v: Toekenningsverzoek, gemeente: Gemeente, op: date, cache: dict, uitkomst: Uitkomst, negeer_pk: int | None) -> None:
    fout = uitkomst.fouten.append
    vorm = dict(Leveringsvorm.choices)[v.leveringsvorm]
    if v.leveringsvorm == Leveringsvorm.PVB:
        p = v.pvb
        if p is None or not (p.regievaardig or (p.vertegenwoordiger.strip() and not p.vertegenwoordiger_is_organisatie)):
            fout((
                "pvb_regie",
                "Een pvb kan alleen als de inwoner zelf de regie kan voeren, of een vertegenwoordiger die dat doet "
                "en geen professionele organisatie is.",
            ))
    if v.aanbieder is None:
        fout(("aanbieder_verplicht", f"Kies een aanbieder: bij {vorm.lower()} levert een gecontracteerde aanbieder."))
        return
    if not v.aanbieder.actief:
        fout(("aanbieder_inactief", f"{v.aanbieder} is geen actieve aanbieder meer."))
    ontbreekt = ontbrekende_kwaliteitsbewijzen(v.aanbieder, gemeente, op, cache)
    if ontbreekt:
        fout((
            "kwaliteitsbewijs_verlopen",
            f"{v.aanbieder} krijgt geen nieuwe toewijzingen: geen geldig bewijs van {', '.join(ontbreekt)} op {op:%d-%m-%Y}.",
        ))
    ct = _catalogus(cache, ("contracttarief", v.aanbieder.pk, v.product.pk, gemeente.pk, v.begindatum),
                    lambda: contracttarief(v.aanbieder, v.product, gemeente, v.begindatum))
    if ct is None:
        fout((
            "geen_contract",
            f"{v.aanbieder} heeft op {v.begindatum:%d-%m-%Y} geen geldig contract met tarief voor {v.product} in {gemeente}.",
        ))
        return
    uitkomst.contract, uitkomst.tarief_cent = ct, ct.tarief_cent
    _plafonds(v, ct, negeer_pk, uitkomst)


def jaarverplichting(contract: Contract, negeer_pk: int | None = None) -> tuple[int, int]:
    """Units and cents per year that the running grants under `contract` commit, in one aggregate query."""
    qs = ToegewezenVoorziening.objects.filter(contract=contract).lopend()
    if negeer_pk:
        qs = qs.exclude(pk=negeer_pk)
    omvang = Cast("omvang", BigIntegerField())  # omvang × tarief can exceed a 32-bit integer on PostgreSQL
    sommen = qs.aggregate(
        **{f"eenheden_{f}": Sum(omvang, filter=Q(frequentie=f)) for f in JAARFACTOR},
        **{f"kosten_{f}": Sum(omvang * F("tarief_cent"), filter=Q(frequentie=f)) for f in JAARFACTOR},
    )
    eenheden = sum((sommen[f"eenheden_{f}"] or 0) * factor for f, factor in JAARFACTOR.items())
    kosten = sum((sommen[f"kosten_{f}"] or 0) * factor for f, factor in JAARFACTOR.items())
    return eenheden, kosten


def _plafonds(v: Toekenningsverzoek, ct: Contracttarief, negeer_pk: int | None, uitkomst: Uitkomst) -> None:
    """Refuse a grant that would take the yearly commitment under its contract above the contract's ceiling."""
    contract = ct.contract
    if contract.volumeplafond is None and contract.budgetplafond_cent is None:
        return
    if connection.in_atomic_block:
        # Serialise grants under one capped contract, so two cannot both fit in the last room under the ceiling.
        list(Contract.objects.select_for_update().filter(pk=contract.pk).values_list("pk", flat=True))
    eenheden, kosten = jaarverplichting(contract, negeer_pk)
    erbij = v.omvang * JAARFACTOR[v.frequentie]
    if contract.volumeplafond is not None and eenheden + erbij > contract.volumeplafond:
        uitkomst.fouten.append((
            "volumeplafond",
            f"Het volumeplafond van contract {contract.kenmerk} is {getal(contract.volumeplafond)} eenheden per jaar. "
            f"De lopende toewijzingen onder dit contract leggen al {getal(eenheden)} eenheden per jaar vast; "
            f"met deze toewijzing ({getal(erbij)} per jaar) zou dat {getal(eenheden + erbij)} worden.",
        ))
    if contract.budgetplafond_cent is not None and kosten + erbij * ct.tarief_cent > contract.budgetplafond_cent:
        uitkomst.fouten.append((
            "budgetplafond",
            f"Het budgetplafond van contract {contract.kenmerk} is {euro(contract.budgetplafond_cent)} per jaar. "
            f"De lopende toewijzingen onder dit contract leggen al {euro(kosten)} per jaar vast; "
            f"met deze toewijzing ({euro(erbij * ct.tarief_cent)} per jaar) zou dat {euro(kosten + erbij * ct.tarief_cent)} worden.",
        ))


def _pgb_regels(v: Toekenningsverzoek, gemeente: Gemeente, cache: dict, uitkomst: Uitkomst) -> None:
    fout = uitkomst.fouten.append
    p = v.pgb
    if v.aanbieder is not None:
        fout(("pgb_zonder_aanbieder", "Bij een pgb kiest de budgethouder zelf de zorgverlener; laat de aanbieder leeg."))
    if not v.product.pgb_mogelijk:
        fout(("pgb_niet_voor_product", f"Voor {v.product.naam} is geen pgb mogelijk."))
    maatregel = (
        Jeugdmaatregel.objects.filter(persoon=v.persoon, begindatum__lte=v.einddatum or date.max)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=v.begindatum))
        .first()
    )
    if maatregel:
        fout((
            "pgb_jeugdmaatregel",
            f"Geen pgb: voor deze jeugdige loopt een maatregel ({maatregel.get_soort_display().lower()}) in deze periode.",
        ))
    if p is None:
        fout(("pgb_gegevens", "Vul het persoonlijk plan, de motivering en de budgetvaardigheid in."))
        return
    if not p.persoonlijk_plan.strip():
        fout(("pgb_persoonlijk_plan", "Een pgb vraagt een persoonlijk plan: wat koopt de inwoner in en bij wie."))
    if not p.motivering_geen_zin.strip():
        fout(("pgb_motivering", "Leg vast waarom zorg in natura voor deze inwoner niet passend is."))
    if not p.budgetvaardig and not p.budgetbeheerder.strip():
        fout((
            "pgb_budgetvaardig",
            "Geen pgb: de inwoner is niet budgetvaardig en er is geen vertegenwoordiger die het budget beheert.",
        ))
    if p.sociaal_netwerk_betaald and not p.uitzondering_sociaal_netwerk.strip() and not _beleid(
        Sleutel.PGB_SOCIAAL_NETWERK, gemeente, v.begindatum, cache
    ):
        fout((
            "pgb_sociaal_netwerk",
            "Het sociaal netwerk of een mantelzorger wordt niet uit het pgb betaald, tenzij een uitzondering met reden is vastgelegd.",
        ))
    goedkoopste = _catalogus(cache, ("goedkoopste_zin", v.product.pk, gemeente.pk, v.begindatum),
                             lambda: goedkoopste_zin_tarief(v.product, gemeente, v.begindatum))
    if goedkoopste is None:
        fout(("pgb_geen_zin_tarief", f"Er is op {v.begindatum:%d-%m-%Y} geen ZIN-tarief voor {v.product.naam} om het pgb aan te toetsen."))
        return
    procent = _beleid(Sleutel.PGB_TARIEF_PERCENTAGE, gemeente, v.begindatum, cache)
    maximum = math.floor(goedkoopste * float(procent) / 100)
    uitkomst.maximum_tarief_cent = maximum
    if p.pgb_tarief_cent <= 0:
        fout(("pgb_tarief", "Vul een pgb-tarief per eenheid in."))
    elif p.pgb_tarief_cent > maximum:
        fout((
            "pgb_boven_maximum",
            f"Het pgb-tarief van {euro(p.pgb_tarief_cent)} is hoger dan het maximum van {euro(maximum)}: "
            f"het goedkoopste passende tarief in natura ({euro(goedkoopste)}) × {procent}%.",
        ))
    uitkomst.tarief_cent = p.pgb_tarief_cent
    uitkomst.budget_cent = totaal_eenheden(v.omvang, v.frequentie, v.begindatum, v.einddatum) * p.pgb_tarief_cent


def _einddatum_verplicht(v: Toekenningsverzoek) -> str | None:
    """CD076: a ToegewezenProduct with Frequentie 2 (per week) must carry an Einddatum in the 301, else the provider's
    monthly declarations cannot be checked against the total volume. A pgb sends no 301, so it is not bound."""
    if v.frequentie != Frequentie.PER_WEEK or v.einddatum is not None or v.leveringsvorm == Leveringsvorm.PGB:
        return None
    return (
        "Vul een einddatum in: een toewijzing per week in natura of als pvb gaat met een toewijzingsbericht naar de "
        "aanbieder, en daarin is de einddatum dan verplicht (iWmo/iJw-regel CD076)."
    )


def controleer(
    v: Toekenningsverzoek,
    gemeente: Gemeente,
    op: date,
    *,
    cache: dict | None = None,
    negeer_pk: int | None = None,
    beperking: bool = False,
) -> Uitkomst:
    """Apply every rule; raise Regelovertreding listing all violations, or return what to store.

    `negeer_pk`: the grant being changed (not an overlap with itself, not counted twice under its contract).
    `beperking`: the change only narrows a grant that passed every rule (lower omvang, earlier end). It cannot break
    a rule, so only the basic checks run: a product withdrawn or a provider's evidence expired since must not block it.
    """
    cache = {} if cache is None else cache
    uitkomst = Uitkomst(tarief_cent=0)
    fout = uitkomst.fouten.append
    if not beperking and not v.product.actief:
        fout(("product_inactief", f"{v.product} wordt niet meer aangeboden."))
    if v.leveringsvorm not in Leveringsvorm.values:
        fout(("leveringsvorm", "Kies een leveringsvorm: zorg in natura, pgb of pvb."))
    if v.omvang is None or v.omvang <= 0:
        fout(("omvang", "De omvang moet groter zijn dan 0."))
    if v.eenheid != v.product.eenheid:
        fout(("eenheid", f"{v.product.naam} wordt toegewezen in de eenheid {v.product.get_eenheid_display().lower()}."))
    if v.frequentie not in Frequentie.values:
        fout(("frequentie", "Kies een frequentie uit de codelijst WMO757."))
    if v.einddatum and v.einddatum < v.begindatum:
        fout(("periode", "De einddatum ligt vóór de begindatum."))
    if tekst := _einddatum_verplicht(v):
        fout(("einddatum_verplicht", tekst))
    if uitkomst.fouten:
        raise Regelovertreding(uitkomst.fouten)
    if beperking:
        return uitkomst
    if tekst := _maximale_omvang(v, gemeente, cache):
        fout(("maximale_omvang", tekst))
    if tekst := _overlap(v, negeer_pk):
        fout(("overlap", tekst))
    jeugdregels.controleer(v, gemeente, cache, uitkomst.fouten)  # machtiging gesloten jeugdhulp, leeftijdsgrenzen
    if v.leveringsvorm == Leveringsvorm.PGB:
        _pgb_regels(v, gemeente, cache, uitkomst)
    else:
        _aanbieder_regels(v, gemeente, op, cache, uitkomst, negeer_pk)
    if uitkomst.fouten:
        raise Regelovertreding(uitkomst.fouten)
    return uitkomst
