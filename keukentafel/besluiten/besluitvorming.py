"""From plan to decision: aanvraag and beschikking (Wmo 2015 art. 2.3.5), or the indicatievrij verwijzing.

Every grant these functions make goes through `services.ken_toe`, so the grant rules in `regels` always apply.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from keukentafel.aanbod.catalogus import gaat_via_verwijzing
from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente, Medewerker
from keukentafel.beleid.models import Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.codelijsten import Frequentie, Wet
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.plannen.models import Actie, Ondersteuningsplan, PlanStatus, Trede

from . import services
from .models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Besluit,
    Grondslag,
    Leveringsvorm,
    ToegewezenVoorziening,
    Verwijzing,
)
from .regels import Toekenningsverzoek, controleer

ROUTE_VERWIJZING = "verwijzing"
ROUTE_BESCHIKKING = "beschikking"

GEEN_MAATWERK_ALGEMEEN = "Een algemene voorziening is vrij toegankelijk: daarvoor is geen aanvraag, beschikking of pgb nodig."

#: Grondslag printed on a beschikking when the caller names none.
STANDAARD_GRONDSLAG = {Wet.WMO: "Wmo 2015 art. 2.3.5", Wet.JEUGDWET: "Jeugdwet art. 2.3"}

#: A refusal must say why (Awb art. 3:46); a single word is not a motivation.
MINIMALE_MOTIVERING = 20


def _vandaag() -> date:
    return services.vandaag()


def route_voor(product: Product, gemeente: Gemeente, datum: date) -> str:
    """"verwijzing" when the gemeente's policy lets this product be referred without a beschikking ("ja, tenzij")."""
    return ROUTE_VERWIJZING if gaat_via_verwijzing(product, gemeente, datum) else ROUTE_BESCHIKKING


def uiterste_beslisdatum(gemeente: Gemeente, ontvangen_op: date) -> date:
    """The statutory decision deadline; the term is policy (default two weeks, Wmo 2015 art. 2.3.5 lid 1)."""
    return ontvangen_op + timedelta(days=int(geldende_waarde(Sleutel.BESCHIKKING_TERMIJN_DAGEN, gemeente, ontvangen_op)))


def is_lid(persoon: Persoon, huishouden: Huishouden, op: date) -> bool:
    return Huishoudlid.objects.actief_op(op).filter(huishouden=huishouden, persoon=persoon).exists()


def _gemeente(huishouden: Huishouden, persoon: Persoon) -> Gemeente:
    gemeente = huishouden.gemeente or persoon.gemeente
    if gemeente is None:
        raise ValidationError("Van dit huishouden is de gemeente niet bekend; leg eerst het adres vast.")
    return gemeente


def _actie_fout(actie: Actie, plan: Ondersteuningsplan | None, product: Product) -> ValidationError | None:
    """Why this plan action cannot lead to maatwerk for `product`, or None."""
    if plan is not None and actie.doel.plan_id != plan.pk:
        return ValidationError("Deze actie hoort niet bij dit ondersteuningsplan.", code="actie_ander_plan")
    if actie.trede == Trede.ALGEMENE_VOORZIENING:
        return ValidationError(GEEN_MAATWERK_ALGEMEEN, code="geen_maatwerk")
    if actie.trede != Trede.MAATWERK:
        return ValidationError(
            f"Deze actie staat op de trede '{actie.get_trede_display().lower()}': daarvoor is geen maatwerkvoorziening nodig.",
            code="geen_maatwerk",
        )
    if actie.product_id and actie.product_id != product.pk:
        return ValidationError(f"Deze actie gaat over {actie.product.naam}, niet over {product.naam}.", code="actie_ander_product")
    return None


# --- aanvraag --------------------------------------------------------------------------------------


@transaction.atomic
def maak_aanvraag(
    door: Medewerker,
    *,
    persoon: Persoon,
    product: Product,
    leveringsvorm: str,
    omvang: int,
    eenheid: str,
    frequentie: str,
    ontvangen_op: date,
    huishouden: Huishouden,
    plan: Ondersteuningsplan | None = None,
    actie: Actie | None = None,
    toelichting: str = "",
    op_verzoek_bij_verschil_van_mening: bool = False,
    request=None,
) -> Aanvraag:
    """Register a formal request for maatwerk; it starts the beschikking term."""
    gemeente = _gemeente(huishouden, persoon)
    vandaag = _vandaag()
    if actie is not None and plan is None:
        plan = actie.doel.plan
    fouten: dict[str, ValidationError | str] = {}
    if not is_lid(persoon, huishouden, vandaag):
        fouten["persoon"] = f"{persoon} is geen lid van {huishouden}."
    if plan is not None and plan.huishouden_id != huishouden.pk:
        fouten["plan"] = "Dit ondersteuningsplan hoort bij een ander huishouden."
    if actie is not None and (fout := _actie_fout(actie, plan, product)):
        fouten["actie"] = fout
    if ontvangen_op > vandaag:
        fouten["ontvangen_op"] = "De datum van ontvangst ligt in de toekomst."
    if omvang is None or omvang <= 0:
        fouten["omvang"] = "De omvang moet groter zijn dan 0."
    if eenheid != product.eenheid:
        fouten["eenheid"] = f"{product.naam} wordt aangevraagd in de eenheid {product.get_eenheid_display().lower()}."
    if frequentie not in Frequentie.values:
        fouten["frequentie"] = "Kies een frequentie uit de codelijst WMO757."
    if leveringsvorm not in Leveringsvorm.values:
        fouten["leveringsvorm"] = "Kies een leveringsvorm: zorg in natura, pgb of pvb."
    # A verwijzing only grants care in kind; a pgb or pvb always needs a beschikking (Wmo 2015 art. 2.3.6).
    if (
        "ontvangen_op" not in fouten
        and leveringsvorm == Leveringsvorm.ZIN
        and not op_verzoek_bij_verschil_van_mening
        and route_voor(product, gemeente, ontvangen_op) == ROUTE_VERWIJZING
    ):
        fouten["op_verzoek_bij_verschil_van_mening"] = ValidationError(
            f"Voor {product.naam} kan in {gemeente} zonder beschikking worden verwezen: stel een verwijzing op. "
            "Vraagt de inwoner toch een beschikking omdat u het niet eens wordt, vink dat dan aan.",
            code="verwijzing_mogelijk",
        )
    if fouten:
        raise ValidationError(fouten)
    # Lock the person so two concurrent requests for the same product cannot both pass the duplicate check.
    Persoon.objects.select_for_update().filter(pk=persoon.pk).values_list("pk", flat=True).first()
    if Aanvraag.objects.filter(persoon=persoon, product=product, status=AanvraagStatus.OPEN).exists():
        raise ValidationError(
            {"product": ValidationError(f"{persoon} heeft al een openstaande aanvraag voor {product.naam}.", code="dubbele_aanvraag")}
        )
    aanvraag = Aanvraag.objects.create(
        persoon=persoon,
        huishouden=huishouden,
        gemeente=gemeente,
        plan=plan,
        actie=actie,
        product=product,
        leveringsvorm=leveringsvorm,
        omvang=omvang,
        eenheid=eenheid,
        frequentie=frequentie,
        ontvangen_op=ontvangen_op,
        uiterste_beslisdatum=uiterste_beslisdatum(gemeente, ontvangen_op),
        op_verzoek_bij_verschil_van_mening=op_verzoek_bij_verschil_van_mening,
        toelichting=toelichting.strip(),
        behandelaar=door,
    )
    audit.log(
        door, AuditActie.AANMAKEN, aanvraag, request=request,
        omschrijving=f"Aanvraag {product.naam} ontvangen op {ontvangen_op:%d-%m-%Y}, "
        f"beslissen uiterlijk {aanvraag.uiterste_beslisdatum:%d-%m-%Y}",
    )
    return aanvraag


def _vergrendel(aanvraag: Aanvraag, verwachte_versie: int) -> None:
    """Lock the row; refuse when someone changed it since the form was read, or it is no longer open."""
    actueel = Aanvraag.objects.select_for_update().filter(pk=aanvraag.pk).values("version", "status").first()
    if actueel is None or actueel["version"] != verwachte_versie:
        raise GelijktijdigGewijzigd("Deze aanvraag")
    if actueel["status"] != AanvraagStatus.OPEN:
        status = AanvraagStatus(actueel["status"]).label.lower()
        raise ValidationError(f"Deze aanvraag is al {status}; er kan niet meer op worden besloten.", code="aanvraag_niet_open")


def _sluit(aanvraag: Aanvraag, verwachte_versie: int, **velden) -> None:
    Aanvraag.objects.filter(pk=aanvraag.pk).update(version=F("version") + 1, **velden)
    for k, waarde in velden.items():
        setattr(aanvraag, k, waarde)
    aanvraag.version = verwachte_versie + 1


def _besluitfouten(aanvraag: Aanvraag, besluit: str, motivering: str, verzoek: Toekenningsverzoek | None) -> dict:
    fouten: dict[str, ValidationError | str] = {}
    if besluit not in Besluit.values:
        return {"besluit": "Kies toekenning, gedeeltelijke toekenning of afwijzing."}
    if not motivering.strip():
        fouten["motivering"] = "Motiveer het besluit: de inwoner moet kunnen lezen waarop het berust."
    elif besluit != Besluit.TOEKENNING and len(motivering.strip()) < MINIMALE_MOTIVERING:
        fouten["motivering"] = ValidationError(
            "Leg in de motivering uit waarom niet (alles) wordt toegekend wat is gevraagd, en op welke grond.", code="motivering_kort"
        )
    if besluit == Besluit.AFWIJZING:
        return fouten
    if verzoek is None:
        fouten["verzoek"] = "Vul in wat wordt toegekend: product, omvang, periode en leveringsvorm."
        return fouten
    if verzoek.persoon.pk != aanvraag.persoon_id or verzoek.product.pk != aanvraag.product_id:
        fouten["verzoek"] = "De toekenning moet gaan over de inwoner en het product van de aanvraag."
        return fouten
    # Less volume, or another leveringsvorm than asked (e.g. ZIN instead of pgb), is a partial refusal.
    minder = verzoek.omvang < aanvraag.omvang or verzoek.leveringsvorm != aanvraag.leveringsvorm
    if besluit == Besluit.TOEKENNING and minder:
        fouten["besluit"] = ValidationError(
            "U kent minder of een andere leveringsvorm toe dan gevraagd: kies gedeeltelijke toekenning en motiveer het verschil.",
            code="kies_gedeeltelijk",
        )
    elif besluit == Besluit.GEDEELTELIJKE_TOEKENNING and not minder:
        fouten["besluit"] = ValidationError(
            "Bij een gedeeltelijke toekenning wordt minder (of een andere leveringsvorm) toegekend dan gevraagd; kies anders toekenning.",
            code="niet_gedeeltelijk",
        )
    return fouten


@transaction.atomic
def beslis(
    door: Medewerker,
    aanvraag: Aanvraag,
    verwachte_versie: int,
    *,
    besluit: str,
    motivering: str,
    grondslag: str = "",
    datum_afgifte: date | None = None,
    verzoek: Toekenningsverzoek | None = None,
    request=None,
) -> Beschikking:
    """Decide on an aanvraag: the beschikking and, when granted, the grant, or nothing at all if a grant rule fails."""
    _vergrendel(aanvraag, verwachte_versie)
    vandaag = _vandaag()
    datum_afgifte = datum_afgifte or vandaag
    fouten = _besluitfouten(aanvraag, besluit, motivering, verzoek)
    if datum_afgifte > vandaag:
        fouten["datum_afgifte"] = "De datum van afgifte ligt in de toekomst."
    elif datum_afgifte < aanvraag.ontvangen_op:
        fouten["datum_afgifte"] = "De datum van afgifte ligt vóór de ontvangst van de aanvraag."
    if fouten:
        raise ValidationError(fouten)
    product = aanvraag.product
    gemeente = aanvraag.gemeente
    bezwaartermijn = int(geldende_waarde(Sleutel.BEZWAARTERMIJN_DAGEN, gemeente, datum_afgifte))
    try:
        beschikking = Beschikking.objects.create(
            aanvraag=aanvraag,
            gemeente=gemeente,
            kenmerk=services.kenmerk(gemeente, "beschikking", "B", datum_afgifte),
            wet=product.wet,
            besluit=besluit,
            motivering=motivering.strip(),
            grondslag=grondslag.strip() or STANDAARD_GRONDSLAG.get(product.wet, ""),
            datum_afgifte=datum_afgifte,
            einde_bezwaartermijn=datum_afgifte + timedelta(days=bezwaartermijn),
            afgegeven_door=door,
        )
        if besluit != Besluit.AFWIJZING:
            # Regelovertreding propagates and rolls back the beschikking too: no decision without a lawful grant.
            services.ken_toe(
                door, verzoek, grondslag=Grondslag.BESCHIKKING, huishouden=aanvraag.huishouden, beschikking=beschikking, request=request
            )
    except Exception:
        # The rolled-back beschikking must not linger in `aanvraag.beschikking` for the page that shows the error.
        aanvraag._state.fields_cache.pop("beschikking", None)
        raise
    _sluit(aanvraag, verwachte_versie, status=AanvraagStatus.BESLOTEN)
    audit.log(
        door, AuditActie.AANMAKEN, beschikking, huishouden_id=aanvraag.huishouden_id, request=request,
        omschrijving=f"Beschikking {beschikking.kenmerk}: {beschikking.get_besluit_display().lower()} {product.naam}",
    )
    return beschikking


@transaction.atomic
def trek_aanvraag_in(door: Medewerker, aanvraag: Aanvraag, verwachte_versie: int, *, reden: str, request=None) -> Aanvraag:
    """The resident withdraws the request; the reason is kept with the request and in the audit trail."""
    _vergrendel(aanvraag, verwachte_versie)
    if not reden.strip():
        raise ValidationError({"reden": "Vul in waarom de aanvraag wordt ingetrokken."})
    regel = f"Ingetrokken op {_vandaag():%d-%m-%Y}: {reden.strip()}"
    toelichting = f"{aanvraag.toelichting}\n\n{regel}" if aanvraag.toelichting else regel
    _sluit(aanvraag, verwachte_versie, status=AanvraagStatus.INGETROKKEN, toelichting=toelichting)
    audit.log(
        door, AuditActie.WIJZIGEN, aanvraag, request=request, reden=reden.strip(),
        omschrijving=f"Aanvraag {aanvraag.product.naam} ingetrokken door de inwoner",
    )
    return aanvraag


# --- verwijzing -------------------------------------------------------------------------------------


@transaction.atomic
def maak_verwijzing(
    door: Medewerker,
    *,
    plan: Ondersteuningsplan,
    actie: Actie,
    persoon: Persoon,
    product: Product,
    aanbieder: Aanbieder,
    omvang: int,
    eenheid: str,
    frequentie: str,
    begindatum: date,
    einddatum: date,
    hulpvraag: str,
    request=None,
) -> Verwijzing:
    """Draw up a verwijsbrief for indicatievrij maatwerk; only for what could be granted right now."""
    huishouden = plan.huishouden
    gemeente = _gemeente(huishouden, persoon)
    vandaag = _vandaag()
    if route_voor(product, gemeente, vandaag) != ROUTE_VERWIJZING:
        tekst = f"Voor {product.naam} is in {gemeente} een beschikking nodig: dien een aanvraag in."
        raise ValidationError({"product": ValidationError(tekst, code="beschikking_vereist")})
    fouten: dict[str, ValidationError | str] = {}
    if plan.status == PlanStatus.AFGESLOTEN:
        fouten["plan"] = "Dit plan is afgesloten; een verwijzing hoort bij een lopend plan."
    if (fout := _actie_fout(actie, plan, product)) is not None:
        fouten["actie"] = fout
    if not is_lid(persoon, huishouden, vandaag):
        fouten["persoon"] = f"{persoon} is geen lid van {huishouden}."
    if not hulpvraag.strip():
        fouten["hulpvraag"] = "Beschrijf de hulpvraag en de afspraken: de verwijsbrief is ook de intake voor de aanbieder."
    if fouten:
        raise ValidationError(fouten)
    verzoek = Toekenningsverzoek(
        persoon=persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=omvang, eenheid=eenheid,
        frequentie=frequentie, begindatum=begindatum, einddatum=einddatum, aanbieder=aanbieder,
    )
    controleer(verzoek, gemeente, vandaag)  # dry run: Regelovertreding propagates, no letter for what cannot be granted
    verwijzing = Verwijzing.objects.create(
        kenmerk=services.kenmerk(gemeente, "verwijzing", "V", vandaag),
        persoon=persoon,
        huishouden=huishouden,
        gemeente=gemeente,
        plan=plan,
        actie=actie,
        product=product,
        aanbieder=aanbieder,
        omvang=omvang,
        eenheid=eenheid,
        frequentie=frequentie,
        begindatum=begindatum,
        einddatum=einddatum,
        hulpvraag=hulpvraag.strip(),
        opgesteld_door=door,
        opgesteld_op=vandaag,
    )
    audit.log(
        door, AuditActie.AANMAKEN, verwijzing, request=request,
        omschrijving=f"Verwijzing {verwijzing.kenmerk}: {product.naam} bij {aanbieder}",
    )
    return verwijzing


def _handtekeningen(
    v: Verwijzing, inwoner_op: date | None, inwoner_door: str, generalist_op: date | None, aanbieder_op: date | None, aanbieder_door: str
) -> dict[str, object]:
    """The signature fields to set; refuses future dates, missing names and changing a signature already given."""
    vandaag = _vandaag()
    partijen = [
        ("inwoner", "getekend_inwoner_op", inwoner_op, "getekend_inwoner_door", inwoner_door.strip(), "de inwoner"),
        ("generalist", "getekend_generalist_op", generalist_op, None, "", "de generalist"),
        ("aanbieder", "getekend_aanbieder_op", aanbieder_op, "getekend_aanbieder_door", aanbieder_door.strip(), "de aanbieder"),
    ]
    fouten: dict[str, str] = {}
    velden: dict[str, object] = {}
    for partij, datumveld, datum, naamveld, naam, wie in partijen:
        if datum is None:
            continue
        if datum > vandaag:
            fouten[f"{partij}_op"] = "De datum van ondertekening ligt in de toekomst."
        elif datum < v.opgesteld_op:
            fouten[f"{partij}_op"] = "De datum van ondertekening ligt vóór het opstellen van de verwijzing."
        if naamveld and not naam:
            fouten[f"{partij}_door"] = f"Vul in wie namens {wie} tekende."
        bestaand = getattr(v, datumveld)
        if bestaand and (bestaand != datum or (naamveld and getattr(v, naamveld) != naam)):
            fouten[f"{partij}_op"] = f"Namens {wie} is al getekend op {bestaand:%d-%m-%Y}; een handtekening wijzigt niet."
        if not bestaand:
            velden[datumveld] = datum
            if naamveld:
                velden[naamveld] = naam
    if fouten:
        raise ValidationError(fouten)
    return velden


@transaction.atomic
def onderteken_verwijzing(
    door: Medewerker,
    verwijzing: Verwijzing,
    *,
    inwoner_op: date | None = None,
    inwoner_door: str = "",
    generalist_op: date | None = None,
    aanbieder_op: date | None = None,
    aanbieder_door: str = "",
    request=None,
) -> ToegewezenVoorziening | None:
    """Record signatures; the third one grants (the verwijsbrief is the provider's intake). Idempotent once granted."""
    # Lock and reload: two people adding the last signature at once must not grant twice.
    v = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    bestaand = ToegewezenVoorziening.objects.filter(verwijzing=v).order_by("pk").first()
    if bestaand is not None:
        return bestaand
    if v.ingetrokken_op:
        raise ValidationError("Deze verwijzing is ingetrokken en kan niet meer worden getekend.", code="verwijzing_ingetrokken")
    if inwoner_op is None and generalist_op is None and aanbieder_op is None and not v.volledig_getekend:
        raise ValidationError("Vul in wie wanneer heeft getekend.", code="geen_handtekening")
    velden = _handtekeningen(v, inwoner_op, inwoner_door, generalist_op, aanbieder_op, aanbieder_door)
    if velden:
        Verwijzing.objects.filter(pk=v.pk).update(**velden)
        for k, waarde in velden.items():
            setattr(v, k, waarde)
        getekend = ", ".join(k.removeprefix("getekend_").removesuffix("_op") for k in velden if k.endswith("_op"))
        audit.log(door, AuditActie.WIJZIGEN, v, request=request, omschrijving=f"Verwijzing {v.kenmerk} getekend door {getekend}")
    voorziening = None
    if v.volledig_getekend:
        verzoek = Toekenningsverzoek(
            persoon=v.persoon, product=v.product, leveringsvorm=Leveringsvorm.ZIN, omvang=v.omvang, eenheid=v.eenheid,
            frequentie=v.frequentie, begindatum=v.begindatum, einddatum=v.einddatum, aanbieder=v.aanbieder,
        )
        voorziening = services.ken_toe(
            door, verzoek, grondslag=Grondslag.VERWIJZING, huishouden=v.huishouden, verwijzing=v, request=request
        )
    for k, waarde in velden.items():  # only now: a refused grant leaves the caller's instance as the database has it
        setattr(verwijzing, k, waarde)
    return voorziening


@transaction.atomic
def trek_verwijzing_in(door: Medewerker, verwijzing: Verwijzing, *, reden: str, request=None) -> Verwijzing:
    """Withdraw a verwijzing that has not led to a grant yet (e.g. the provider declines the intake)."""
    v = Verwijzing.objects.select_for_update().get(pk=verwijzing.pk)
    if ToegewezenVoorziening.objects.filter(verwijzing=v).exists():
        raise ValidationError(
            "Deze verwijzing heeft al tot een toewijzing geleid: trek of beëindig die toewijzing.", code="al_toegewezen"
        )
    if v.ingetrokken_op:
        raise ValidationError("Deze verwijzing is al ingetrokken.", code="al_ingetrokken")
    if len(reden.strip()) < 10:
        raise ValidationError({"reden": "Vul in waarom de verwijzing wordt ingetrokken (minstens 10 tekens)."})
    v.ingetrokken_op, v.reden_intrekking = _vandaag(), reden.strip()[:300]
    v.save(update_fields=["ingetrokken_op", "reden_intrekking"])
    verwijzing.ingetrokken_op, verwijzing.reden_intrekking = v.ingetrokken_op, v.reden_intrekking
    audit.log(
        door, AuditActie.WIJZIGEN, v, request=request, reden=v.reden_intrekking,
        omschrijving=f"Verwijzing {v.kenmerk} ingetrokken vóór de toewijzing",
    )
    return v
