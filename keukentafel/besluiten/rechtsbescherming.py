"""Legal protection around a decision: bezwaar (Awb ch. 6-7), klacht and second opinion."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from keukentafel.aanbod.models import Aanbieder
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd

from . import services
from .models import Beschikking, Bezwaar, BezwaarRoute, BezwaarUitkomst, Klacht, KlachtOver, SecondOpinion


def _datumfout(datum: date | None, *, niet_voor: date | None = None, wat_voor: str = "") -> str | None:
    if datum is None:
        return "Vul de datum in."
    if datum > services.vandaag():
        return "De datum ligt in de toekomst."
    if niet_voor is not None and datum < niet_voor:
        return f"De datum ligt vóór {wat_voor} ({niet_voor:%d-%m-%Y})."
    return None


def _hoort_bij(persoon: Persoon, huishouden: Huishouden) -> bool:
    """Any membership, past or present: a former member may still object to or complain about their care."""
    return Huishoudlid.objects.filter(persoon=persoon, huishouden=huishouden).exists()


# --- bezwaar ---------------------------------------------------------------------------------------


@transaction.atomic
def registreer_bezwaar(
    door: Medewerker,
    beschikking: Beschikking,
    *,
    ontvangen_op: date,
    gronden: str,
    route: str = BezwaarRoute.INFORMEEL,
    verschoonbaar: bool = False,
    request=None,
) -> Bezwaar:
    """Register an objection; whether it is on time follows from the beschikking's bezwaartermijn."""
    fouten: dict[str, str] = {}
    if fout := _datumfout(ontvangen_op, niet_voor=beschikking.datum_afgifte, wat_voor="de afgifte van de beschikking"):
        fouten["ontvangen_op"] = fout
    if not gronden.strip():
        fouten["gronden"] = "Vul de gronden van het bezwaar in: waarom is de inwoner het niet eens met het besluit."
    if route not in BezwaarRoute.values:
        fouten["route"] = "Kies een route: informeel, mediation of hoorzitting."
    if fouten:
        raise ValidationError(fouten)
    tijdig = ontvangen_op <= beschikking.einde_bezwaartermijn
    bezwaar = Bezwaar.objects.create(
        beschikking=beschikking,
        ontvangen_op=ontvangen_op,
        tijdig=tijdig,
        verschoonbaar=verschoonbaar and not tijdig,  # excusable only matters for a late objection (Awb art. 6:11)
        gronden=gronden.strip(),
        route=route,
        geregistreerd_door=door,
    )
    termijn = "tijdig" if tijdig else ("te laat, verschoonbaar" if bezwaar.verschoonbaar else "te laat")
    audit.log(
        door, AuditActie.AANMAKEN, bezwaar, huishouden_id=beschikking.aanvraag.huishouden_id, request=request,
        omschrijving=f"Bezwaar tegen beschikking {beschikking.kenmerk} ontvangen op {ontvangen_op:%d-%m-%Y} ({termijn})",
    )
    return bezwaar


@transaction.atomic
def rond_bezwaar_af(
    door: Medewerker,
    bezwaar: Bezwaar,
    verwachte_versie: int,
    *,
    uitkomst: str,
    beslist_op: date,
    toelichting: str,
    route: str | None = None,
    request=None,
) -> Bezwaar:
    """Record the outcome of an objection (decision on bezwaar, or withdrawn after an informal solution)."""
    actueel = Bezwaar.objects.select_for_update().filter(pk=bezwaar.pk).values("version", "uitkomst").first()
    if actueel is None or actueel["version"] != verwachte_versie:
        raise GelijktijdigGewijzigd("Dit bezwaar")
    if actueel["uitkomst"] != BezwaarUitkomst.OPEN:
        raise ValidationError("Dit bezwaar is al afgerond.", code="bezwaar_afgerond")
    fouten: dict[str, str] = {}
    if uitkomst not in BezwaarUitkomst.values or uitkomst == BezwaarUitkomst.OPEN:
        fouten["uitkomst"] = "Kies de uitkomst van het bezwaar."
    if fout := _datumfout(beslist_op, niet_voor=bezwaar.ontvangen_op, wat_voor="de ontvangst van het bezwaar"):
        fouten["beslist_op"] = fout
    if not toelichting.strip():
        fouten["toelichting"] = "Licht de uitkomst toe."
    if route is not None and route not in BezwaarRoute.values:
        fouten["route"] = "Kies een route: informeel, mediation of hoorzitting."
    if fouten:
        raise ValidationError(fouten)
    velden = {"uitkomst": uitkomst, "beslist_op": beslist_op, "toelichting_uitkomst": toelichting.strip()}
    if route is not None:
        velden["route"] = route
    Bezwaar.objects.filter(pk=bezwaar.pk).update(version=F("version") + 1, **velden)
    for k, waarde in velden.items():
        setattr(bezwaar, k, waarde)
    bezwaar.version = verwachte_versie + 1
    audit.log(
        door, AuditActie.WIJZIGEN, bezwaar, huishouden_id=bezwaar.beschikking.aanvraag.huishouden_id, request=request,
        omschrijving=f"Bezwaar tegen beschikking {bezwaar.beschikking.kenmerk} afgerond: {bezwaar.get_uitkomst_display().lower()}",
    )
    return bezwaar


# --- klacht ----------------------------------------------------------------------------------------


@transaction.atomic
def registreer_klacht(
    door: Medewerker,
    *,
    persoon: Persoon,
    huishouden: Huishouden,
    over: str,
    aanbieder: Aanbieder | None = None,
    ontvangen_op: date,
    omschrijving: str,
    request=None,
) -> Klacht:
    fouten: dict[str, str] = {}
    if not _hoort_bij(persoon, huishouden):
        fouten["persoon"] = f"{persoon} hoort niet bij {huishouden}."
    if over not in KlachtOver.values:
        fouten["over"] = "Kies waarover de klacht gaat: de aanbieder of de gemeente."
    elif over == KlachtOver.AANBIEDER and aanbieder is None:
        fouten["aanbieder"] = "Kies de aanbieder waarover de klacht gaat."
    elif over == KlachtOver.GEMEENTE and aanbieder is not None:
        fouten["aanbieder"] = "Een klacht over de gemeente noemt geen aanbieder."
    if fout := _datumfout(ontvangen_op):
        fouten["ontvangen_op"] = fout
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf de klacht."
    if fouten:
        raise ValidationError(fouten)
    klacht = Klacht.objects.create(
        persoon=persoon,
        huishouden=huishouden,
        over=over,
        aanbieder=aanbieder,
        ontvangen_op=ontvangen_op,
        omschrijving=omschrijving.strip(),
        geregistreerd_door=door,
    )
    audit.log(door, AuditActie.AANMAKEN, klacht, request=request, omschrijving=f"Klacht over {aanbieder or 'de gemeente'} geregistreerd")
    return klacht


@transaction.atomic
def handel_klacht_af(door: Medewerker, klacht: Klacht, *, afgehandeld_op: date, afhandeling: str, request=None) -> Klacht:
    fouten: dict[str, str] = {}
    if fout := _datumfout(afgehandeld_op, niet_voor=klacht.ontvangen_op, wat_voor="de ontvangst van de klacht"):
        fouten["afgehandeld_op"] = fout
    if not afhandeling.strip():
        fouten["afhandeling"] = "Beschrijf hoe de klacht is afgehandeld."
    if fouten:
        raise ValidationError(fouten)
    # Conditional update: of two people closing the same complaint at once, only the first succeeds.
    if not Klacht.objects.filter(pk=klacht.pk, afgehandeld_op__isnull=True).update(
        afgehandeld_op=afgehandeld_op, afhandeling=afhandeling.strip()
    ):
        raise ValidationError("Deze klacht is al afgehandeld.", code="klacht_afgehandeld")
    klacht.afgehandeld_op, klacht.afhandeling = afgehandeld_op, afhandeling.strip()
    audit.log(door, AuditActie.WIJZIGEN, klacht, request=request, omschrijving=f"Klacht afgehandeld op {afgehandeld_op:%d-%m-%Y}")
    return klacht


# --- second opinion -----------------------------------------------------------------------------------


@transaction.atomic
def vraag_second_opinion(
    door: Medewerker,
    *,
    persoon: Persoon,
    huishouden: Huishouden,
    beschikking: Beschikking | None = None,
    aangevraagd_op: date,
    vraag: str,
    uitgevoerd_door: str,
    request=None,
) -> SecondOpinion:
    """A fresh look by someone else than who decided, before or instead of a formal bezwaar."""
    fouten: dict[str, str] = {}
    if not _hoort_bij(persoon, huishouden):
        fouten["persoon"] = f"{persoon} hoort niet bij {huishouden}."
    if beschikking is not None and beschikking.aanvraag.persoon_id != persoon.pk:
        fouten["beschikking"] = "Deze beschikking gaat over een andere inwoner."
    if fout := _datumfout(aangevraagd_op):
        fouten["aangevraagd_op"] = fout
    if not vraag.strip():
        fouten["vraag"] = "Beschrijf waarover de inwoner een second opinion vraagt."
    if not uitgevoerd_door.strip():
        fouten["uitgevoerd_door"] = "Vul in wie de second opinion uitvoert."
    elif beschikking is not None and uitgevoerd_door.strip().casefold() == beschikking.afgegeven_door.get_full_name().strip().casefold():
        fouten["uitgevoerd_door"] = "Een second opinion doet een ander dan wie de beschikking afgaf."
    if fouten:
        raise ValidationError(fouten)
    so = SecondOpinion.objects.create(
        persoon=persoon,
        huishouden=huishouden,
        beschikking=beschikking,
        aangevraagd_op=aangevraagd_op,
        vraag=vraag.strip(),
        uitgevoerd_door=uitgevoerd_door.strip(),
        geregistreerd_door=door,
    )
    over = f" over beschikking {beschikking.kenmerk}" if beschikking else ""
    omschrijving = f"Second opinion{over} gevraagd, uit te voeren door {so.uitgevoerd_door}"
    audit.log(door, AuditActie.AANMAKEN, so, request=request, omschrijving=omschrijving)
    return so


@transaction.atomic
def rond_second_opinion_af(door: Medewerker, so: SecondOpinion, *, afgerond_op: date, uitkomst: str, request=None) -> SecondOpinion:
    fouten: dict[str, str] = {}
    if fout := _datumfout(afgerond_op, niet_voor=so.aangevraagd_op, wat_voor="de aanvraag van de second opinion"):
        fouten["afgerond_op"] = fout
    if not uitkomst.strip():
        fouten["uitkomst"] = "Beschrijf de uitkomst van de second opinion."
    if fouten:
        raise ValidationError(fouten)
    if not SecondOpinion.objects.filter(pk=so.pk, afgerond_op__isnull=True).update(afgerond_op=afgerond_op, uitkomst=uitkomst.strip()):
        raise ValidationError("Deze second opinion is al afgerond.", code="second_opinion_afgerond")
    so.afgerond_op, so.uitkomst = afgerond_op, uitkomst.strip()
    audit.log(door, AuditActie.WIJZIGEN, so, request=request, omschrijving=f"Second opinion afgerond op {afgerond_op:%d-%m-%Y}")
    return so
