"""Jeugdwet grant rules, called from `besluiten.regels.controleer` so every route (beschikking, verwijzing, 315,
overgangsrecht) passes them: gesloten jeugdhulp only under a court authorisation, and the age limits."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.codelijsten import ProductcategorieJeugd, Wet
from keukentafel.inwoners.models import Jeugdmaatregel, Persoon, SoortMaatregel

from .models import GeslotenProduct, GrondVerlenging, Machtiging, Overgang18, OvergangUitkomst

#: JZ020 categories that are gesloten jeugdhulp by definition; other products are flagged in `GeslotenProduct`.
GESLOTEN_CATEGORIEEN = {ProductcategorieJeugd.GESLOTEN_2015.value}
#: JZ020 categories with stay outside the home (verblijf), for the ouderbijdrage.
VERBLIJF_CATEGORIEEN = {"35", "36", "37", "38", "43", "44"}
#: Hervatting: within half a year after the jeugdhulp ended (Jeugdwet art. 1.1 'jeugdige' onder 3°).
HERVATTING_MAANDEN = 6


def _d(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def verjaardag_na(geboren: date, leeftijd: int) -> date:
    """The day someone born on `geboren` turns `leeftijd` (29 February → 1 March in a common year)."""
    try:
        return geboren.replace(year=geboren.year + leeftijd)
    except ValueError:
        return date(geboren.year + leeftijd, 3, 1)


def verjaardag(persoon: Persoon, leeftijd: int) -> date:
    """The day `persoon` turns `leeftijd`."""
    return verjaardag_na(persoon.geboortedatum, leeftijd)


def gesloten_product_ids(cache: dict | None = None) -> set[int]:
    """The products flagged as gesloten jeugdhulp; once per batch when the caller shares a `cache` (a bulk import),
    asked afresh for a single grant (no cache), so a new flag applies at once."""
    cache = {} if cache is None else cache
    if "jeugd_gesloten_producten" not in cache:
        cache["jeugd_gesloten_producten"] = set(GeslotenProduct.objects.values_list("product_id", flat=True))
    return cache["jeugd_gesloten_producten"]


def is_gesloten(product, cache: dict | None = None) -> bool:
    if product.wet != Wet.JEUGDWET:
        return False
    return product.productcategorie in GESLOTEN_CATEGORIEEN or product.pk in gesloten_product_ids(cache)


def dekkende_machtigingen(persoon: Persoon, begin: date, eind: date | None) -> list[Machtiging] | None:
    """The authorisations that together cover [begin, eind] without a gap (a spoedmachtiging followed by a
    machtiging is the usual chain); None when there is a gap or the grant is open-ended."""
    if eind is None:
        return None
    keten: list[Machtiging] = []
    tot = begin - timedelta(days=1)
    for m in Machtiging.objects.filter(persoon=persoon, einddatum__gte=begin, ingangsdatum__lte=eind).order_by("ingangsdatum", "id"):
        if m.ingangsdatum > tot + timedelta(days=1):
            break
        if m.einddatum > tot:
            keten.append(m)
            tot = m.einddatum
        if tot >= eind:
            return keten
    return None


def gesloten_fout(v, cache: dict | None = None) -> str | None:
    """Gesloten jeugdhulp only with a machtiging on file for the whole grant period (Jeugdwet art. 6.1.1)."""
    if not is_gesloten(v.product, cache):
        return None
    if v.einddatum is None:
        return (
            f"{v.product.naam} is gesloten jeugdhulp: die kan alleen worden toegewezen voor de periode van een machtiging "
            "van de kinderrechter. Vul een einddatum in die binnen de machtiging valt."
        )
    if dekkende_machtigingen(v.persoon, v.begindatum, v.einddatum) is None:
        return (
            f"{v.product.naam} is gesloten jeugdhulp. Er is geen machtiging van de kinderrechter vastgelegd die de hele periode "
            f"{_d(v.begindatum)} tot en met {_d(v.einddatum)} dekt (Jeugdwet art. 6.1.1). Leg eerst de machtiging vast."
        )
    return None


def _jeugdhulp_voor(persoon: Persoon, datum: date):
    """Jeugdwet grants of this person that started before `datum` (and ever applied)."""
    from keukentafel.besluiten.models import ToegewezenVoorziening

    return ToegewezenVoorziening.objects.geldend().filter(persoon=persoon, product__wet=Wet.JEUGDWET, begindatum__lt=datum)


def _jeugdreclassering(persoon: Persoon, begin: date, eind: date) -> bool:
    return Jeugdmaatregel.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=begin), persoon=persoon, soort=SoortMaatregel.JEUGDRECLASSERING,
        begindatum__lte=eind,
    ).exists()


def verlenging_fout(persoon: Persoon, begin: date, achttien: date, grens: int) -> str | None:
    """Why no extension beyond `grens` applies (None: it does). The ground is checked against the facts."""
    overgang = Overgang18.objects.filter(persoon=persoon, uitkomst=OvergangUitkomst.VERLENGDE_JEUGDHULP).first()
    if overgang is None:
        return "er is geen verlengde jeugdhulp vastgelegd bij de overgang 18-/18+"
    eerder = _jeugdhulp_voor(persoon, achttien)
    if overgang.grond_verlenging == GrondVerlenging.VOORTZETTING:
        # A new grant that itself starts before the 18th birthday is jeugdhulp begun before 18, continued after it.
        if begin < achttien:
            return None
        if not eerder.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=achttien - timedelta(days=1))).exists():
            return "voor voortzetting moet de jeugdhulp vóór de 18e verjaardag zijn begonnen en tot dan hebben gelopen"
    elif overgang.grond_verlenging == GrondVerlenging.HERVATTING:
        from keukentafel.plannen.services import plus_maanden

        laatste = eerder.exclude(einddatum__isnull=True).order_by("-einddatum").first()
        if laatste is None or begin > plus_maanden(laatste.einddatum, HERVATTING_MAANDEN):
            return "hervatting kan alleen binnen een half jaar na het einde van jeugdhulp die vóór de 18e verjaardag begon"
    elif overgang.grond_verlenging == GrondVerlenging.JEUGDRECLASSERING:
        if not _jeugdreclassering(persoon, begin, overgang.verlengd_tot):
            return "er loopt in deze periode geen jeugdreclassering"
    return None


def leeftijd_fout(v, gemeente, cache: dict | None = None) -> str | None:
    """Jeugdhulp ends at 18 (JEUGD_LEEFTIJDSGRENS), unless verlengde jeugdhulp applies, never beyond 23 (JEUGD_VERLENGING_TOT)."""
    if v.product.wet != Wet.JEUGDWET:
        return None
    cache = {} if cache is None else cache
    sleutel = ("jeugd_leeftijd", gemeente.pk, v.begindatum)
    if sleutel not in cache:
        cache[sleutel] = (
            int(geldende_waarde(Sleutel.JEUGD_LEEFTIJDSGRENS, gemeente, v.begindatum)),
            int(geldende_waarde(Sleutel.JEUGD_VERLENGING_TOT, gemeente, v.begindatum)),
        )
    grens, uiterst = cache[sleutel]
    achttien, drieentwintig = verjaardag(v.persoon, grens), verjaardag(v.persoon, uiterst)
    eind = v.einddatum or date.max
    if eind < achttien:
        return None
    na_23 = (
        f"Jeugdhulp kan niet doorlopen na de {uiterst}e verjaardag ({_d(drieentwintig)}); ook verlengde jeugdhulp stopt "
        f"uiterlijk op {_d(drieentwintig - timedelta(days=1))}. Vanaf dan is ondersteuning via de Wmo of de Participatiewet."
    )
    if v.begindatum >= drieentwintig:
        return na_23
    if reden := verlenging_fout(v.persoon, v.begindatum, achttien, grens):
        return (
            f"Jeugdhulp eindigt op de {grens}e verjaardag ({_d(achttien)}): laat de toewijzing uiterlijk "
            f"{_d(achttien - timedelta(days=1))} eindigen, of leg verlengde jeugdhulp vast (Jeugdwet art. 1.1). "
            f"Nu niet mogelijk: {reden}."
        )
    if eind >= drieentwintig:
        return na_23
    overgang = Overgang18.objects.get(persoon=v.persoon)
    if eind > overgang.verlengd_tot:
        return f"De verlengde jeugdhulp is vastgelegd tot {_d(overgang.verlengd_tot)}; de toewijzing mag niet later eindigen."
    return None


def controleer(v, gemeente, cache: dict | None, fouten: list[tuple[str, str]]) -> None:
    """The hook `besluiten.regels.controleer` calls: appends (code, Dutch message) for each Jeugdwet rule broken."""
    if v.product.wet != Wet.JEUGDWET:
        return
    if tekst := gesloten_fout(v, cache):
        fouten.append(("gesloten_zonder_machtiging", tekst))
    if tekst := leeftijd_fout(v, gemeente, cache):
        fouten.append(("jeugd_leeftijdsgrens", tekst))
