"""Rechtmatigheidstoets achteraf: the backoffice checks a sample (or all) of the grants of a period.

A selection is reproducible: the sample is drawn from the sorted grant numbers with a seed that goes into the
audit trail, so an accountant can redraw it. Unlawful grants are corrected or revoked through the lifecycle
functions in `services`, so the grant's history and the audit trail show what the review changed and why.
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker, Rol
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.codelijsten import RedenWijziging

from . import services
from .models import MutatieSoort, Rechtmatigheidstoets, ToegewezenVoorziening, ToetsSelectie, ToetsUitkomst

GEEN_BACKOFFICE = "Alleen de backoffice van de gemeente voert rechtmatigheidstoetsen uit."
ONRECHTMATIG = (ToetsUitkomst.GECORRIGEERD, ToetsUitkomst.INGETROKKEN)


def eis_backoffice(door: Medewerker, gemeente: Gemeente | None) -> None:
    """Only backoffice staff of the grant's own gemeente select and judge (they work gemeente-wide)."""
    werkgemeente = door.werkgemeente if door.is_authenticated else None
    if door.rol != Rol.BACKOFFICE or werkgemeente is None or gemeente is None or werkgemeente.pk != gemeente.pk:
        raise PermissionDenied(GEEN_BACKOFFICE)


def kandidaten(gemeente: Gemeente, van: date, tot: date):
    """Grants of `gemeente` given in [van, tot] that were never selected for a review."""
    return ToegewezenVoorziening.objects.filter(gemeente=gemeente, toegekend_op__range=(van, tot)).exclude(
        pk__in=Rechtmatigheidstoets.objects.values("voorziening_id")
    )


def _eis_periode(van: date, tot: date) -> None:
    if tot < van:
        raise ValidationError({"tot": "De einddatum van de periode ligt vóór de begindatum."})


def _maak_toetsen(
    door: Medewerker, gemeente: Gemeente, pks: list[int], selectie: str, omschrijving: str, request=None
) -> list[Rechtmatigheidstoets]:
    vandaag = services.vandaag()
    # ignore_conflicts: a grant that got an open toets meanwhile is skipped (partial unique constraint), not an error.
    Rechtmatigheidstoets.objects.bulk_create(
        [Rechtmatigheidstoets(voorziening_id=pk, selectie=selectie, geselecteerd_op=vandaag) for pk in pks], ignore_conflicts=True
    )
    toetsen = list(
        Rechtmatigheidstoets.objects.filter(voorziening_id__in=pks, uitkomst=ToetsUitkomst.OPEN)
        .select_related("voorziening")
        .order_by("voorziening__toewijzingnummer")
    )
    audit.log(door, AuditActie.AANMAKEN, None, omschrijving=f"{omschrijving}; {len(toetsen)} toets(en) klaargezet", request=request)
    return toetsen


@transaction.atomic
def selecteer_steekproef(
    door: Medewerker, gemeente: Gemeente, van: date, tot: date, *, procent: int | None = None, seed: str | None = None, request=None
) -> list[Rechtmatigheidstoets]:
    """Draw a sample of the period's unreviewed grants: `procent` (default: beleid) of them, at least one.

    The same seed over the same candidates gives the same sample; without a seed one is made and logged.
    """
    eis_backoffice(door, gemeente)
    _eis_periode(van, tot)
    if procent is None:
        procent = int(geldende_waarde(Sleutel.RECHTMATIGHEID_STEEKPROEF, gemeente, tot))
    if not 1 <= procent <= 100:
        raise ValidationError({"procent": "Het percentage ligt tussen 1 en 100."})
    seed = seed.strip() if seed and seed.strip() else secrets.token_hex(4)
    pks = sorted(kandidaten(gemeente, van, tot).values_list("pk", flat=True))
    aantal = max(1, math.ceil(len(pks) * procent / 100)) if pks else 0
    gekozen = sorted(random.Random(seed).sample(pks, aantal))
    return _maak_toetsen(
        door, gemeente, gekozen, ToetsSelectie.STEEKPROEF,
        f"Steekproef rechtmatigheid {gemeente}, toegekend {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}: "
        f"{aantal} van {len(pks)} ({procent}%, seed {seed})",
        request,
    )


@transaction.atomic
def selecteer_volledig(door: Medewerker, gemeente: Gemeente, van: date, tot: date, *, request=None) -> list[Rechtmatigheidstoets]:
    """Integrale controle: every unreviewed grant of the period."""
    eis_backoffice(door, gemeente)
    _eis_periode(van, tot)
    pks = sorted(kandidaten(gemeente, van, tot).values_list("pk", flat=True))
    return _maak_toetsen(
        door, gemeente, pks, ToetsSelectie.VOLLEDIG,
        f"Integrale controle rechtmatigheid {gemeente}, toegekend {van:%d-%m-%Y} t/m {tot:%d-%m-%Y}: {len(pks)} toekenningen",
        request,
    )


@transaction.atomic
def beoordeel(
    door: Medewerker,
    toets: Rechtmatigheidstoets,
    *,
    uitkomst: str,
    bevinding: str,
    reden_wijziging: str = "",
    omvang: int | None = None,
    einddatum: date | None = None,
    versie: int | None = None,
    request=None,
) -> Rechtmatigheidstoets:
    """Close a toets. Rechtmatig: done. Gecorrigeerd: change omvang/einddatum. Ingetrokken: revoke (per `einddatum`).

    `versie` is the grant version the reviewer saw (optimistic locking); `reden_wijziging` defaults to
    14 Administratieve correctie. Everything happens in one transaction, or nothing does.
    """
    v = toets.voorziening
    eis_backoffice(door, v.gemeente)
    if uitkomst not in ToetsUitkomst.values or uitkomst == ToetsUitkomst.OPEN:
        raise ValidationError({"uitkomst": "Kies de uitkomst van de toets."})
    bevinding = (bevinding or "").strip()
    if uitkomst in ONRECHTMATIG and not bevinding:
        raise ValidationError({"bevinding": "Beschrijf wat er niet rechtmatig was: dat komt in de historie van de toewijzing."})
    vandaag = services.vandaag()
    # Claim the toets first: a second reviewer who opened the same toets gets a clear refusal, not a double change.
    gesloten = Rechtmatigheidstoets.objects.filter(pk=toets.pk, uitkomst=ToetsUitkomst.OPEN).update(
        uitkomst=uitkomst, bevinding=bevinding, getoetst_door=door, getoetst_op=vandaag
    )
    if not gesloten:
        raise ValidationError("Deze toets is al beoordeeld.")
    reden = reden_wijziging or RedenWijziging.CORRECTIE
    versie = v.version if versie is None else versie
    toelichting = f"Rechtmatigheidstoets: {bevinding}"
    if uitkomst == ToetsUitkomst.GECORRIGEERD:
        if omvang is None and einddatum is None:
            raise ValidationError("Geef bij een correctie de juiste omvang of einddatum op.")
        services.wijzig(
            door, v, versie, reden_wijziging=reden, toelichting=toelichting, omvang=omvang, einddatum=einddatum,
            soort=MutatieSoort.CORRECTIE, request=request,
        )
    elif uitkomst == ToetsUitkomst.INGETROKKEN:
        services.trek_in(door, v, versie, reden_wijziging=reden, toelichting=toelichting, per=einddatum, request=request)
    toets.uitkomst, toets.bevinding, toets.getoetst_door, toets.getoetst_op = uitkomst, bevinding, door, vandaag
    audit.log(
        door, AuditActie.WIJZIGEN, toets, huishouden_id=v.huishouden_id, request=request,
        omschrijving=f"Rechtmatigheidstoets toewijzing {v.toewijzingnummer}: {ToetsUitkomst(uitkomst).label.lower()}",
    )
    return toets
