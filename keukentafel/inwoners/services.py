"""Domain operations on persons, households and their network; each one audited and atomic."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker, Postcodegebied

from .models import Huishouden, Huishoudlid, LidRol, Netwerklid, Persoon
from .validators import normalize_postcode


class GelijktijdigGewijzigd(Exception):
    """Optimistic locking: someone else saved this record after the form was opened."""

    def __init__(self, wat: str = "Dit gegeven"):
        super().__init__(
            f"{wat} is intussen door iemand anders gewijzigd. Uw wijzigingen zijn niet opgeslagen maar staan "
            "nog in het formulier: bekijk de nieuwe versie en sla opnieuw op."
        )


def leid_gebied_af(obj: Persoon | Huishouden) -> None:
    """Set gemeente and gebied from the postcode (PC4); unknown postcodes leave them empty."""
    obj.postcode = normalize_postcode(obj.postcode)
    if len(obj.postcode) >= 4:
        pg = Postcodegebied.objects.select_related("gebied").filter(pc4=obj.postcode[:4]).first()
        if pg:
            obj.gebied_id = pg.gebied_id
            obj.gemeente_id = pg.gebied.gemeente_id
            if not obj.woonplaats:
                obj.woonplaats = pg.woonplaats
            return
    obj.gebied_id = None


@transaction.atomic
def registreer_persoon(door: Medewerker | None, *, request=None, **velden: Any) -> Persoon:
    persoon = Persoon(**velden)
    leid_gebied_af(persoon)
    persoon.full_clean()
    persoon.save()
    audit.log(door, AuditActie.AANMAKEN, persoon, omschrijving=f"Persoon {persoon.naam} geregistreerd", request=request)
    return persoon


@transaction.atomic
def wijzig_persoon(door: Medewerker, persoon: Persoon, verwachte_versie: int, *, request=None, **velden: Any) -> Persoon:
    gewijzigd = [k for k, v in velden.items() if getattr(persoon, k) != v]
    for k, v in velden.items():
        setattr(persoon, k, v)
    leid_gebied_af(persoon)
    persoon.bepaal_zoeknaam()
    persoon.full_clean()
    bijgewerkt = Persoon.objects.filter(pk=persoon.pk, version=verwachte_versie).update(
        **{f.attname: getattr(persoon, f.attname) for f in Persoon._meta.concrete_fields if f.name not in ("id", "version")},
        version=verwachte_versie + 1,
    )
    if not bijgewerkt:
        raise GelijktijdigGewijzigd("Deze persoon")
    persoon.version = verwachte_versie + 1
    # Field names only: the values (BSN, address) stay out of the audit text.
    wat = ", ".join(gewijzigd) or "geen wijzigingen"
    audit.log(door, AuditActie.WIJZIGEN, persoon, omschrijving=f"Gegevens van {persoon.naam} gewijzigd: {wat}", request=request)
    return persoon


def huidig_huishouden(persoon: Persoon, op: date | None = None) -> Huishouden | None:
    lid = persoon.lidmaatschappen.actief_op(op or date.today()).select_related("huishouden").first()
    return lid.huishouden if lid else None


@transaction.atomic
def maak_huishouden(door: Medewerker | None, aanvrager: Persoon, begindatum: date, naam: str = "", *, request=None) -> Huishouden:
    if huidig_huishouden(aanvrager, begindatum):
        raise ValidationError(f"{aanvrager.naam} hoort al bij een huishouden.")
    huishouden = Huishouden(
        naam=naam or f"Huishouden {(aanvrager.voorvoegsel + ' ').lstrip()}{aanvrager.geslachtsnaam}".replace("  ", " "),
        straat=aanvrager.straat,
        huisnummer=aanvrager.huisnummer,
        huisletter=aanvrager.huisletter,
        toevoeging=aanvrager.toevoeging,
        postcode=aanvrager.postcode,
        woonplaats=aanvrager.woonplaats,
    )
    leid_gebied_af(huishouden)
    huishouden.save()
    Huishoudlid.objects.create(huishouden=huishouden, persoon=aanvrager, rol=LidRol.AANVRAGER, begindatum=begindatum)
    audit.log(door, AuditActie.AANMAKEN, huishouden, omschrijving=f"{huishouden.naam} aangemaakt", request=request)
    return huishouden


@transaction.atomic
def voeg_lid_toe(door: Medewerker, huishouden: Huishouden, persoon: Persoon, rol: str, begindatum: date, *, request=None) -> Huishoudlid:
    """Add a member; a person still in another household leaves it on the same date."""
    Huishouden.objects.select_for_update().filter(pk=huishouden.pk).first()
    huidig = persoon.lidmaatschappen.filter(einddatum__isnull=True).first()
    if huidig:
        if huidig.huishouden_id == huishouden.pk:
            raise ValidationError(f"{persoon.naam} is al lid van dit huishouden.")
        if begindatum <= huidig.begindatum:
            raise ValidationError("De begindatum moet na de begindatum in het vorige huishouden liggen.")
        huidig.einddatum = begindatum
        huidig.save(update_fields=["einddatum"])
    lid = Huishoudlid.objects.create(huishouden=huishouden, persoon=persoon, rol=rol, begindatum=begindatum)
    audit.log(door, AuditActie.WIJZIGEN, huishouden, omschrijving=f"{persoon.naam} toegevoegd als {lid.get_rol_display()}", request=request)
    return lid


@transaction.atomic
def beeindig_lidmaatschap(door: Medewerker, lid: Huishoudlid, einddatum: date, *, request=None) -> Huishoudlid:
    if lid.einddatum is not None:
        raise ValidationError("Dit lidmaatschap is al beëindigd.")
    if einddatum <= lid.begindatum:
        raise ValidationError("De einddatum moet na de begindatum liggen.")
    lid.einddatum = einddatum
    lid.save(update_fields=["einddatum"])
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        lid.huishouden,
        omschrijving=f"{lid.persoon.naam} per {einddatum:%d-%m-%Y} uit huishouden",
        request=request,
    )
    return lid


@transaction.atomic
def leg_netwerklid_vast(door: Medewerker, netwerklid: Netwerklid, verwachte_versie: int | None = None, *, request=None) -> Netwerklid:
    """Add or change a network member. A change with `verwachte_versie` is refused if someone saved in between."""
    nieuw = netwerklid.pk is None
    netwerklid.full_clean()
    if nieuw:
        netwerklid.version = 1
        netwerklid.save()
    else:
        rij = Netwerklid.objects.filter(pk=netwerklid.pk)
        if verwachte_versie is not None:
            rij = rij.filter(version=verwachte_versie)
        velden = {f.attname: getattr(netwerklid, f.attname) for f in Netwerklid._meta.concrete_fields if f.name not in ("id", "version")}
        if not rij.update(**velden, version=F("version") + 1):
            raise GelijktijdigGewijzigd("Dit netwerklid")
        netwerklid.version = Netwerklid.objects.values_list("version", flat=True).get(pk=netwerklid.pk)
    audit.log(
        door,
        AuditActie.AANMAKEN if nieuw else AuditActie.WIJZIGEN,
        netwerklid,
        omschrijving=f"Netwerklid {netwerklid.naam} ({netwerklid.get_rol_display()}) {'toegevoegd' if nieuw else 'gewijzigd'}",
        request=request,
    )
    return netwerklid
