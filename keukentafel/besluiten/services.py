"""The grant lifecycle: toekennen, wijzigen, intrekken, beëindigen. One transaction each, with history and audit.

Aanvraag/beschikking/verwijzing live in `besluitvorming`, legal protection in `rechtsbescherming`, the
backoffice review in `rechtmatigheid` and the overgangsrecht import in `overgangsrecht`; all of them
create or change grants only through the functions here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.codelijsten import REDEN_WIJZIGING_VERVALLEN, RedenWijziging, redenen_beeindiging
from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd

from .models import (
    Beschikking,
    Grondslag,
    Leveringsvorm,
    MutatieSoort,
    Nummerreeks,
    Pgbtoekenning,
    Pvbkeuze,
    ToegewezenVoorziening,
    Verwijzing,
    Voorzieningmutatie,
    VoorzieningStatus,
)
from .regels import Pgbgegevens, Pvbgegevens, Toekenningsverzoek, controleer, totaal_eenheden
from .signalen import toewijzing_gewijzigd

#: Fields whose before/after values go into a Voorzieningmutatie.
GEVOLGDE_VELDEN = ("omvang", "eenheid", "frequentie", "begindatum", "einddatum", "status", "reden_wijziging", "reden_beeindiging")


def vandaag() -> date:
    return timezone.localdate()


def reserveer_nummers(gemeente: Gemeente, soort: str, aantal: int = 1) -> range:
    """Hand out `aantal` consecutive numbers of a per-gemeente series under a row lock (never twice)."""
    with transaction.atomic():
        Nummerreeks.objects.get_or_create(gemeente=gemeente, soort=soort)
        reeks = Nummerreeks.objects.select_for_update().get(gemeente=gemeente, soort=soort)
        eerste = reeks.laatste + 1
        reeks.laatste += aantal
        reeks.save(update_fields=["laatste"])
    return range(eerste, eerste + aantal)


def kenmerk(gemeente: Gemeente, soort: str, letter: str, op: date) -> str:
    """A readable unique reference such as B0553-2026-000123 (letter, gemeentecode, year, number)."""
    nummer = reserveer_nummers(gemeente, f"{soort}-{op.year}")[0]
    return f"{letter}{gemeente.gemeentecode}-{op.year}-{nummer:06d}"


def _waarden(v: ToegewezenVoorziening) -> dict[str, Any]:
    return {k: (str(getattr(v, k)) if getattr(v, k) is not None else None) for k in GEVOLGDE_VELDEN}


def _gemeente_van(persoon: Persoon, huishouden: Huishouden | None) -> Gemeente:
    gemeente = (huishouden.gemeente if huishouden and huishouden.gemeente_id else None) or persoon.gemeente
    if gemeente is None:
        raise ValidationError("Van deze inwoner is de woongemeente niet bekend; leg eerst het adres vast.")
    return gemeente


@transaction.atomic
def ken_toe(
    door: Medewerker,
    verzoek: Toekenningsverzoek,
    *,
    grondslag: str,
    huishouden: Huishouden | None = None,
    beschikking: Beschikking | None = None,
    verwijzing: Verwijzing | None = None,
    indicatiebron: str = "",
    op: date | None = None,
    toewijzingnummer: int | None = None,
    cache: dict | None = None,
    request=None,
) -> ToegewezenVoorziening:
    """Grant after every rule in `regels.controleer` passed; raises Regelovertreding otherwise.

    `toewijzingnummer` may be pre-reserved (bulk import); `cache` shares policy lookups across a batch.
    """
    op = op or vandaag()
    if grondslag == Grondslag.BESCHIKKING and beschikking is None:
        raise ValueError("Een toekenning op grond van een beschikking heeft de beschikking nodig.")
    if grondslag == Grondslag.VERWIJZING and verwijzing is None:
        raise ValueError("Een toekenning op grond van een verwijzing heeft de verwijzing nodig.")
    gemeente = _gemeente_van(verzoek.persoon, huishouden)
    # Lock the person so two concurrent grants of the same product cannot both pass the overlap check.
    Persoon.objects.select_for_update().filter(pk=verzoek.persoon.pk).values_list("pk", flat=True).first()
    uitkomst = controleer(verzoek, gemeente, op, cache=cache)
    voorziening = ToegewezenVoorziening.objects.create(
        gemeente=gemeente,
        toewijzingnummer=toewijzingnummer or reserveer_nummers(gemeente, "toewijzing")[0],
        persoon=verzoek.persoon,
        huishouden=huishouden,
        product=verzoek.product,
        grondslag=grondslag,
        beschikking=beschikking,
        verwijzing=verwijzing,
        indicatiebron=indicatiebron,
        leveringsvorm=verzoek.leveringsvorm,
        aanbieder=verzoek.aanbieder if verzoek.leveringsvorm != Leveringsvorm.PGB else None,
        contract=uitkomst.contract.contract if uitkomst.contract else None,
        tarief_cent=uitkomst.tarief_cent,
        omvang=verzoek.omvang,
        eenheid=verzoek.eenheid,
        frequentie=verzoek.frequentie,
        begindatum=verzoek.begindatum,
        einddatum=verzoek.einddatum,
        toegekend_door=door,
        toegekend_op=op,
    )
    if verzoek.leveringsvorm == Leveringsvorm.PGB and verzoek.pgb is not None:
        p = verzoek.pgb
        Pgbtoekenning.objects.create(
            voorziening=voorziening,
            persoonlijk_plan=p.persoonlijk_plan.strip(),
            motivering_geen_zin=p.motivering_geen_zin.strip(),
            budgetvaardig=p.budgetvaardig,
            budgetbeheerder=p.budgetbeheerder.strip(),
            pgb_tarief_cent=p.pgb_tarief_cent,
            maximum_tarief_cent=uitkomst.maximum_tarief_cent or 0,
            budget_cent=uitkomst.budget_cent or 0,
            sociaal_netwerk_betaald=p.sociaal_netwerk_betaald,
            uitzondering_sociaal_netwerk=p.uitzondering_sociaal_netwerk.strip(),
        )
    if verzoek.leveringsvorm == Leveringsvorm.PVB and verzoek.pvb is not None:
        p = verzoek.pvb
        Pvbkeuze.objects.create(
            voorziening=voorziening,
            regievaardig=p.regievaardig,
            vertegenwoordiger=p.vertegenwoordiger.strip(),
            vertegenwoordiger_is_organisatie=p.vertegenwoordiger_is_organisatie,
            motivering=p.motivering.strip(),
        )
    Voorzieningmutatie.objects.create(
        voorziening=voorziening, soort=MutatieSoort.TOEKENNING, nieuw=_waarden(voorziening), door=door,
        toelichting=Grondslag(grondslag).label,
    )
    audit.log(
        door, AuditActie.AANMAKEN, voorziening, huishouden_id=huishouden.pk if huishouden else None, request=request,
        omschrijving=f"Toegewezen: {verzoek.product.naam} ({voorziening.get_leveringsvorm_display()}), nr. {voorziening.toewijzingnummer}",
    )
    toewijzing_gewijzigd.send(ToegewezenVoorziening, voorziening=voorziening, soort=MutatieSoort.TOEKENNING, door=door)
    return voorziening


def _raak_aan(v: ToegewezenVoorziening, verwachte_versie: int, **velden: Any) -> None:
    n = ToegewezenVoorziening.objects.filter(pk=v.pk, version=verwachte_versie).update(version=F("version") + 1, **velden)
    if not n:
        raise GelijktijdigGewijzigd("Deze toewijzing")
    for k, waarde in velden.items():
        setattr(v, k, waarde)
    v.version = verwachte_versie + 1


def _eis_lopend(v: ToegewezenVoorziening) -> None:
    if v.status != VoorzieningStatus.ACTIEF:
        raise ValidationError(f"Deze toewijzing is al {v.get_status_display().lower()} en kan niet meer worden gewijzigd.")


def _eis_reden_wijziging(code: str) -> None:
    if code not in RedenWijziging.values or code in REDEN_WIJZIGING_VERVALLEN:
        raise ValidationError({"reden_wijziging": "Kies een reden wijziging uit de codelijst (WMO002/JZ002)."})


def _log_mutatie(door, v: ToegewezenVoorziening, soort: str, oud: dict, reden: str, toelichting: str, request) -> None:
    Voorzieningmutatie.objects.create(
        voorziening=v, soort=soort, reden_code=reden, toelichting=toelichting, oud=oud, nieuw=_waarden(v), door=door
    )
    audit.log(
        door, AuditActie.WIJZIGEN, v, huishouden_id=v.huishouden_id, request=request,
        omschrijving=f"Toewijzing {v.toewijzingnummer} {MutatieSoort(soort).label.lower()} (reden {reden})",
    )
    toewijzing_gewijzigd.send(ToegewezenVoorziening, voorziening=v, soort=soort, door=door)


@transaction.atomic
def wijzig(
    door: Medewerker,
    v: ToegewezenVoorziening,
    verwachte_versie: int,
    *,
    reden_wijziging: str,
    toelichting: str,
    omvang: int | None = None,
    einddatum: date | None = None,
    soort: str = MutatieSoort.WIJZIGING,
    request=None,
) -> ToegewezenVoorziening:
    """Change volume and/or end date.

    A change that grows the grant (more omvang or a later end) must pass every rule again, as a new grant would
    (not overlapping itself, not counted twice under its contract). A change that only narrows it passes the
    basic checks: a reduction should never be blocked because, say, the product was withdrawn meanwhile.
    """
    _eis_lopend(v)
    _eis_reden_wijziging(reden_wijziging)
    if not toelichting.strip():
        raise ValidationError({"toelichting": "Licht de wijziging toe."})
    nieuw_omvang = v.omvang if omvang is None else omvang
    nieuw_eind = v.einddatum if einddatum is None else einddatum
    if nieuw_omvang == v.omvang and nieuw_eind == v.einddatum:
        raise ValidationError("Er is niets gewijzigd: pas de omvang of de einddatum aan.")
    langer = v.einddatum is not None and (nieuw_eind is None or nieuw_eind > v.einddatum)
    beperking = nieuw_omvang <= v.omvang and not langer
    verzoek = Toekenningsverzoek(
        persoon=v.persoon, product=v.product, leveringsvorm=v.leveringsvorm, omvang=nieuw_omvang, eenheid=v.eenheid,
        frequentie=v.frequentie, begindatum=v.begindatum, einddatum=nieuw_eind, aanbieder=v.aanbieder,
        pgb=_pgb_als_verzoek(v), pvb=None,
    )
    if v.leveringsvorm == Leveringsvorm.PVB:
        keuze = getattr(v, "pvb", None)
        verzoek.pvb = Pvbgegevens(regievaardig=True) if keuze is None else Pvbgegevens(
            keuze.regievaardig, keuze.vertegenwoordiger, keuze.vertegenwoordiger_is_organisatie
        )
    controleer(verzoek, v.gemeente, vandaag(), negeer_pk=v.pk, beperking=beperking)
    oud = _waarden(v)
    _raak_aan(v, verwachte_versie, omvang=nieuw_omvang, einddatum=nieuw_eind, reden_wijziging=reden_wijziging)
    if verzoek.pgb is not None:
        # The budget follows the volume and period at the tariff granted (the pgb tariff itself does not change here).
        budget = totaal_eenheden(nieuw_omvang, v.frequentie, v.begindatum, nieuw_eind) * verzoek.pgb.pgb_tarief_cent
        Pgbtoekenning.objects.filter(voorziening=v).update(budget_cent=budget)
    _log_mutatie(door, v, soort, oud, reden_wijziging, toelichting.strip(), request)
    return v


def _pgb_als_verzoek(v: ToegewezenVoorziening) -> Pgbgegevens | None:
    pgb = getattr(v, "pgb", None) if v.leveringsvorm == Leveringsvorm.PGB else None
    if pgb is None:
        return None
    return Pgbgegevens(
        persoonlijk_plan=pgb.persoonlijk_plan, motivering_geen_zin=pgb.motivering_geen_zin, budgetvaardig=pgb.budgetvaardig,
        pgb_tarief_cent=pgb.pgb_tarief_cent, budgetbeheerder=pgb.budgetbeheerder,
        sociaal_netwerk_betaald=pgb.sociaal_netwerk_betaald, uitzondering_sociaal_netwerk=pgb.uitzondering_sociaal_netwerk,
    )


@transaction.atomic
def trek_in(
    door: Medewerker, v: ToegewezenVoorziening, verwachte_versie: int, *, reden_wijziging: str, toelichting: str,
    per: date | None = None, soort: str = MutatieSoort.INTREKKING, request=None,
) -> ToegewezenVoorziening:
    """Revoke (intrekking): the grant stops at `per` (default today); 13 "Verwijderd" sets the end to the start (never valid).

    A revocation only shortens: a `per` after the grant's own end is refused, and the default is capped at that end.
    """
    _eis_lopend(v)
    _eis_reden_wijziging(reden_wijziging)
    if not toelichting.strip():
        raise ValidationError({"toelichting": "Geef de reden van de intrekking."})
    if reden_wijziging == RedenWijziging.VERWIJDERD:
        eind = v.begindatum
    elif per is not None:
        eind = per
        if v.einddatum and per > v.einddatum:
            raise ValidationError({"per": "De toewijzing eindigt al eerder; een intrekking kan haar niet verlengen."})
    else:
        eind = min(vandaag(), v.einddatum) if v.einddatum else vandaag()
    if eind < v.begindatum:
        raise ValidationError({
            "per": "De intrekking kan niet vóór de begindatum van de toewijzing ingaan. Had de toewijzing nooit mogen gelden, "
            "kies dan reden 13 (Verwijderd)."
        })
    oud = _waarden(v)
    _raak_aan(v, verwachte_versie, einddatum=eind, status=VoorzieningStatus.INGETROKKEN, reden_wijziging=reden_wijziging)
    _log_mutatie(door, v, soort, oud, reden_wijziging, toelichting.strip(), request)
    return v


@transaction.atomic
def beeindig(
    door: Medewerker, v: ToegewezenVoorziening, verwachte_versie: int, *, reden_beeindiging: str, per: date,
    toelichting: str = "", request=None,
) -> ToegewezenVoorziening:
    """End (beëindiging) with a WMO588/JZ588 reason, per the law of the product."""
    _eis_lopend(v)
    geldig = redenen_beeindiging(v.product.wet)
    if reden_beeindiging not in geldig.values:
        raise ValidationError({"reden_beeindiging": f"Kies een reden beëindiging uit de codelijst voor de {v.product.get_wet_display()}."})
    if per < v.begindatum:
        raise ValidationError({"per": "De einddatum ligt vóór de begindatum van de toewijzing."})
    if v.einddatum and per > v.einddatum:
        raise ValidationError({"per": "De toewijzing eindigt al eerder; kies een datum binnen de looptijd."})
    oud = _waarden(v)
    _raak_aan(v, verwachte_versie, einddatum=per, status=VoorzieningStatus.BEEINDIGD, reden_beeindiging=reden_beeindiging)
    _log_mutatie(door, v, MutatieSoort.BEEINDIGING, oud, reden_beeindiging, toelichting.strip(), request)
    return v
