"""Plan operations. Every change bumps `Ondersteuningsplan.version` (optimistic locking)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from keukentafel.aanbod.catalogus import algemene_voorzieningen_voor
from keukentafel.aanbod.models import AlgemeneVoorziening, Product
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker
from keukentafel.beleid.models import Leefgebied, Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.financien.models import Begrotingspost, Postsoort
from keukentafel.inwoners.models import Huishouden, Netwerklid, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd
from keukentafel.toegang.models import Onderzoek, ScoreBron, Zelfredzaamheidsscore

from .models import (
    DOMEIN_VAN_WET,
    TREDE_VOLGORDE,
    Actie,
    ActieWet,
    Doel,
    Doelvoorstel,
    Evaluatie,
    EvaluatieBesluit,
    Inkomensvraag,
    Ondersteuningsplan,
    OndertekenaarRol,
    Ondertekening,
    Ondertekenmethode,
    PlanStatus,
    Planversie,
    Trede,
    VoorstelStatus,
)

TWEEDE_PLAN = "Dit huishouden heeft al een lopend ondersteuningsplan: één huishouden, één plan. Werk dat plan bij."


def plus_maanden(d: date, maanden: int) -> date:
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    jaar, maand = d.year + jaar, maand + 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


def standaard_evaluatiedatum(plan: Ondersteuningsplan, vanaf: date) -> date:
    maanden = int(geldende_waarde(Sleutel.EVALUATIE_TERMIJN_MAANDEN, plan.huishouden.gemeente_id, vanaf))
    return plus_maanden(vanaf, maanden)


def _raak_aan(plan: Ondersteuningsplan, verwachte_versie: int, **velden: Any) -> None:
    """Bump the plan's version if nobody changed it since it was read; else refuse."""
    n = Ondersteuningsplan.objects.filter(pk=plan.pk, version=verwachte_versie).update(version=F("version") + 1, **velden)
    if not n:
        raise GelijktijdigGewijzigd("Dit ondersteuningsplan")
    for k, v in velden.items():
        setattr(plan, k, v)
    plan.version = verwachte_versie + 1


def _eis_open(plan: Ondersteuningsplan) -> None:
    if plan.status == PlanStatus.AFGESLOTEN:
        raise ValidationError("Dit plan is afgesloten en kan niet meer worden gewijzigd.")


@transaction.atomic
def maak_plan(
    door: Medewerker,
    huishouden: Huishouden,
    *,
    regisseur: Medewerker | None = None,
    onderzoek: Onderzoek | None = None,
    toelichting: str = "",
    request=None,
) -> Ondersteuningsplan:
    if Ondersteuningsplan.objects.open().filter(huishouden=huishouden).exists():
        raise ValidationError(TWEEDE_PLAN, code="tweede_plan")
    try:
        with transaction.atomic():
            plan = Ondersteuningsplan.objects.create(
                huishouden=huishouden,
                regisseur=regisseur or door,
                onderzoek=onderzoek,
                toelichting=toelichting,
            )
    except IntegrityError as exc:  # a concurrent request created one first
        raise ValidationError(TWEEDE_PLAN, code="tweede_plan") from exc
    audit.log(door, AuditActie.AANMAKEN, plan, omschrijving=f"Ondersteuningsplan aangemaakt, regisseur {plan.regisseur}", request=request)
    return plan


@transaction.atomic
def wijzig_plan(door: Medewerker, plan: Ondersteuningsplan, verwachte_versie: int, request=None, **velden: Any) -> Ondersteuningsplan:
    _eis_open(plan)
    toegestaan = {"toelichting", "evaluatiedatum", "regisseur"}
    if set(velden) - toegestaan:
        raise ValueError(f"Niet wijzigbaar via wijzig_plan: {set(velden) - toegestaan}")
    _raak_aan(plan, verwachte_versie, **velden)
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving=f"Plan gewijzigd: {', '.join(velden)}", request=request)
    return plan


@transaction.atomic
def voeg_doel_toe(
    door: Medewerker,
    plan: Ondersteuningsplan,
    verwachte_versie: int,
    *,
    leefgebied: Leefgebied,
    omschrijving: str,
    beoogd_resultaat: str = "",
    persoon: Persoon | None = None,
    request=None,
) -> Doel:
    _eis_open(plan)
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": "Beschrijf het doel."})
    _raak_aan(plan, verwachte_versie)
    doel = Doel.objects.create(
        plan=plan,
        leefgebied=leefgebied,
        omschrijving=omschrijving.strip(),
        beoogd_resultaat=beoogd_resultaat.strip(),
        persoon=persoon,
        volgorde=plan.doelen.count(),
    )
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving=f"Doel toegevoegd op {leefgebied}", request=request)
    return doel


#: At most this many open proposals per plan: the regisseur has to read them; more is abuse or a mistake.
MAX_OPEN_VOORSTELLEN = 10
MAX_VOORSTEL_TEKENS = 2000


@transaction.atomic
def voeg_doel_van_inwoner_toe(
    plan: Ondersteuningsplan,
    *,
    leefgebied: Leefgebied,
    omschrijving: str,
    toelichting: str = "",
    persoon: Persoon | None = None,
    netwerklid: Netwerklid | None = None,
    kanaal: str = "portaal",
    request=None,
) -> Doelvoorstel:
    """The resident (persoon) or their representative (netwerklid) proposes an own goal, with an optional remark.

    The proposal does not change the plan, its versions or signatures: the regisseur takes it over into
    the plan (then it is in the next version to sign) or answers why not. Audited with who proposed it.
    """
    plan = Ondersteuningsplan.objects.select_for_update().get(pk=plan.pk)
    _eis_open(plan)
    fouten: dict[str, str] = {}
    omschrijving, toelichting = omschrijving.strip(), toelichting.strip()
    if not omschrijving:
        fouten["omschrijving"] = "Beschrijf het doel."
    elif len(omschrijving) > MAX_VOORSTEL_TEKENS:
        fouten["omschrijving"] = f"Gebruik voor het doel hoogstens {MAX_VOORSTEL_TEKENS} tekens."
    if len(toelichting) > MAX_VOORSTEL_TEKENS:
        fouten["toelichting"] = f"Gebruik voor de opmerking hoogstens {MAX_VOORSTEL_TEKENS} tekens."
    if fouten:
        raise ValidationError(fouten)
    if netwerklid is not None:
        if netwerklid.huishouden_id != plan.huishouden_id or not netwerklid.actief or not netwerklid.is_vertegenwoordiger:
            raise ValidationError("Alleen een vastgelegde vertegenwoordiger van dit huishouden kan namens de inwoner een doel voorstellen.")
        persoon = None
    elif persoon is None or not plan.huishouden.leden_op().filter(persoon=persoon).exists():
        raise ValidationError("Alleen een lid van het huishouden kan een doel voorstellen.")
    if plan.doelvoorstellen.filter(status=VoorstelStatus.OPEN).count() >= MAX_OPEN_VOORSTELLEN:
        raise ValidationError(
            f"Er liggen al {MAX_OPEN_VOORSTELLEN} voorstellen bij uw regisseur. Wacht tot die zijn bekeken, of stuur een bericht."
        )
    wie = ondertekenaar_tekst(persoon, netwerklid)
    voorstel = Doelvoorstel.objects.create(
        plan=plan,
        leefgebied=leefgebied,
        omschrijving=omschrijving,
        toelichting=toelichting,
        ingediend_door=wie[:300],
        persoon=persoon,
        netwerklid=netwerklid,
    )
    audit.log(
        None,
        AuditActie.AANMAKEN,
        voorstel,
        omschrijving=f"Doel voorgesteld op {leefgebied} door {wie}",
        huishouden_id=plan.huishouden_id,
        request=request,
        kanaal=kanaal,
    )
    return voorstel


def _eis_open_voorstel(voorstel: Doelvoorstel) -> None:
    if voorstel.status != VoorstelStatus.OPEN:
        raise ValidationError("Dit voorstel is al behandeld.")


@transaction.atomic
def neem_doelvoorstel_over(door: Medewerker, voorstel: Doelvoorstel, verwachte_versie: int, request=None) -> Doel:
    """The regisseur takes the resident's proposal into the plan as a goal (to be signed in the next version)."""
    voorstel = Doelvoorstel.objects.select_for_update().select_related("plan__huishouden").get(pk=voorstel.pk)
    _eis_open_voorstel(voorstel)
    doel = voeg_doel_toe(
        door,
        voorstel.plan,
        verwachte_versie,
        leefgebied=voorstel.leefgebied,
        omschrijving=voorstel.omschrijving,
        persoon=voorstel.persoon,
        request=request,
    )
    voorstel.status, voorstel.doel, voorstel.behandeld_door, voorstel.behandeld_op = VoorstelStatus.OVERGENOMEN, doel, door, timezone.now()
    voorstel.save(update_fields=["status", "doel", "behandeld_door", "behandeld_op"])
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        voorstel,
        omschrijving="Doelvoorstel van de inwoner overgenomen",
        huishouden_id=voorstel.plan.huishouden_id,
        request=request,
    )
    return doel


@transaction.atomic
def wijs_doelvoorstel_af(door: Medewerker, voorstel: Doelvoorstel, reactie: str, request=None) -> Doelvoorstel:
    """The regisseur does not take the proposal over, and says why (the resident reads it in the portal)."""
    voorstel = Doelvoorstel.objects.select_for_update().select_related("plan").get(pk=voorstel.pk)
    _eis_open_voorstel(voorstel)
    if not reactie.strip():
        raise ValidationError({"reactie": "Leg de inwoner uit waarom het doel niet in het plan komt."})
    voorstel.status, voorstel.reactie, voorstel.behandeld_door, voorstel.behandeld_op = (
        VoorstelStatus.AFGEWEZEN,
        reactie.strip(),
        door,
        timezone.now(),
    )
    voorstel.save(update_fields=["status", "reactie", "behandeld_door", "behandeld_op"])
    audit.log(
        door,
        AuditActie.WIJZIGEN,
        voorstel,
        omschrijving="Doelvoorstel van de inwoner niet overgenomen",
        huishouden_id=voorstel.plan.huishouden_id,
        request=request,
    )
    return voorstel


PRODUCT_VERPLICHT = "Kies het maatwerkproduct uit de productenlijst."
ALGEMENE_VOORZIENING_VERPLICHT = "Kies de algemene voorziening uit de sociale kaart."
NIET_ALLEBEI = "Kies een maatwerkproduct óf een algemene voorziening, niet allebei."


def _catalogusfouten(
    plan: Ondersteuningsplan,
    trede: str,
    product: Product | None,
    algemene_voorziening: AlgemeneVoorziening | None,
    wet: str = ActieWet.GEEN,
) -> dict[str, str]:
    """The catalogue choice must fit the step of the ladder, and be on offer to this household.

    Participatiewet maatwerk (a werkervaringsplek, jobcoaching) is no iWmo/iJw catalogue product, so it needs none.
    """
    fouten: dict[str, str] = {}
    if product is not None and algemene_voorziening is not None:
        return {NON_FIELD_ERRORS: NIET_ALLEBEI}
    if trede == Trede.MAATWERK and product is None and wet != ActieWet.PARTICIPATIEWET:
        fouten["product"] = PRODUCT_VERPLICHT
    elif product is not None and trede != Trede.MAATWERK:
        fouten["product"] = "Een maatwerkproduct hoort alleen bij de trede maatwerkvoorziening."
    elif product is not None and not product.actief:
        fouten["product"] = f"{product.naam} wordt niet meer aangeboden: kies een ander product."
    if trede == Trede.ALGEMENE_VOORZIENING and algemene_voorziening is None:
        fouten["algemene_voorziening"] = ALGEMENE_VOORZIENING_VERPLICHT
    elif algemene_voorziening is not None and trede != Trede.ALGEMENE_VOORZIENING:
        fouten["algemene_voorziening"] = "Een voorziening uit de sociale kaart hoort alleen bij de trede algemene voorziening."
    elif (
        algemene_voorziening is not None
        and not algemene_voorzieningen_voor(plan.huishouden.gemeente_id).filter(pk=algemene_voorziening.pk).exists()
    ):
        fouten["algemene_voorziening"] = f"{algemene_voorziening.naam} is niet beschikbaar voor inwoners van deze gemeente."
    return fouten


def _wet_en_post(
    plan: Ondersteuningsplan, product: Product | None, wet: str | None, begrotingspost: Begrotingspost | None, van: date
) -> tuple[str, Begrotingspost | None, dict[str, str]]:
    """The law of an action follows its product; its budget line must be a lasten line of that law's domain in the
    gemeente's budget for the year it starts. Without a choice, a product's line is the one whose dekking names it."""
    fouten: dict[str, str] = {}
    wet = ActieWet.GEEN if wet is None else wet
    if wet not in ActieWet.values:
        return wet, None, {"wet": "Kies de wet waaronder de actie valt."}
    if product is not None:
        if wet and wet != product.wet:
            fouten["wet"] = f"{product.naam} valt onder de {product.get_wet_display()}; kies die wet of een ander product."
        wet = product.wet
    posten = Begrotingspost.objects.filter(
        begroting__gemeente_id=plan.huishouden.gemeente_id, begroting__jaar=van.year, soort=Postsoort.LASTEN, saldopost=False
    )
    if begrotingspost is None:
        if product is not None:
            gedekt = f"{product.wet}:{product.productcategorie}"
            begrotingspost = next((p for p in posten if gedekt in (p.dekking or [])), None)
        return wet, begrotingspost, fouten
    if not posten.filter(pk=begrotingspost.pk).exists():
        fouten["begrotingspost"] = (
            f"{begrotingspost.naam} is geen lastenpost in de begroting {van.year} van {plan.huishouden.gemeente}."
        )
    elif not wet:
        fouten["begrotingspost"] = "Een actie zonder wet (eigen kracht, netwerk) drukt niet op een begrotingspost."
    elif begrotingspost.domein != DOMEIN_VAN_WET[ActieWet(wet)]:
        fouten["begrotingspost"] = (
            f"{begrotingspost.naam} is een post van {begrotingspost.get_domein_display()}, "
            f"de actie valt onder de {ActieWet(wet).label}."
        )
    return wet, begrotingspost, fouten


@transaction.atomic
def voeg_actie_toe(
    door: Medewerker,
    doel: Doel,
    verwachte_versie: int,
    *,
    trede: str,
    omschrijving: str,
    uitvoerder: str,
    van: date,
    tot: date | None = None,
    evaluatiedatum: date | None = None,
    netwerklid: Netwerklid | None = None,
    voorziening: str = "",
    product: Product | None = None,
    algemene_voorziening: AlgemeneVoorziening | None = None,
    wet: str | None = None,
    begrotingspost: Begrotingspost | None = None,
    request=None,
) -> Actie:
    """Add an action to a goal. Maatwerk names a catalogue product, an algemene voorziening an entry of the
    sociale kaart; the action's `voorziening` text then is that name, so plan, PDF and versions read the same.
    Each action carries its law and budget line (issue 6: one plan for Wmo, Jeugdwet and Participatiewet)."""
    plan = doel.plan
    _eis_open(plan)
    wet, begrotingspost, fouten = _wet_en_post(plan, product, wet, begrotingspost, van)
    fouten = {**_catalogusfouten(plan, trede, product, algemene_voorziening, wet), **fouten}
    if trede not in Trede.values:
        fouten["trede"] = "Kies een trede van de afwegingsladder."
    if not omschrijving.strip():
        fouten["omschrijving"] = "Beschrijf wat er gebeurt."
    if not uitvoerder.strip():
        fouten["uitvoerder"] = "Vul in wie dit doet."
    if tot and tot < van:
        fouten["tot"] = "De einddatum ligt vóór de begindatum."
    if netwerklid is not None and netwerklid.huishouden_id != plan.huishouden_id:
        fouten["netwerklid"] = "Dit netwerklid hoort niet bij dit huishouden."
    if evaluatiedatum and evaluatiedatum < van:
        fouten["evaluatiedatum"] = "De evaluatiedatum ligt vóór de begindatum."
    if fouten:
        raise ValidationError(fouten)
    if evaluatiedatum is None:
        # Review date by default after the policy's term (yearly for long trajectories), or at the end of a shorter action.
        standaard = standaard_evaluatiedatum(plan, van)
        evaluatiedatum = tot if tot and tot < standaard else standaard
    _raak_aan(plan, verwachte_versie)
    gekozen = product or algemene_voorziening
    actie = Actie.objects.create(
        doel=doel,
        trede=trede,
        omschrijving=omschrijving.strip(),
        uitvoerder=uitvoerder.strip(),
        van=van,
        tot=tot,
        evaluatiedatum=evaluatiedatum,
        netwerklid=netwerklid,
        voorziening=gekozen.naam if gekozen else voorziening.strip(),
        product=product,
        algemene_voorziening=algemene_voorziening,
        wet=wet,
        begrotingspost=begrotingspost,
    )
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving=f"Actie toegevoegd: {actie.get_trede_display()}", request=request)
    return actie


@transaction.atomic
def verwijder_actie(door: Medewerker, actie: Actie, verwachte_versie: int, request=None) -> None:
    plan = actie.doel.plan
    _eis_open(plan)
    _raak_aan(plan, verwachte_versie)
    actie.delete()
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving="Actie verwijderd", request=request)


@transaction.atomic
def verwijder_doel(door: Medewerker, doel: Doel, verwachte_versie: int, request=None) -> None:
    plan = doel.plan
    _eis_open(plan)
    _raak_aan(plan, verwachte_versie)
    doel.delete()
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving="Doel verwijderd", request=request)


def _actie_inhoud(a: Actie) -> dict[str, Any]:
    inhoud = {
        "id": a.pk,
        "trede": a.get_trede_display(),
        "omschrijving": a.omschrijving,
        "uitvoerder": a.uitvoerder,
        "voorziening": a.voorziening,
        "van": a.van.isoformat(),
        "tot": a.tot.isoformat() if a.tot else None,
        "evaluatiedatum": a.evaluatiedatum.isoformat() if a.evaluatiedatum else None,
    }
    # Only when set: versions frozen before the catalogue (or the law tags) existed stay equal to the plan as it is.
    if a.wet:
        inhoud["wet"] = a.get_wet_display()
    if a.begrotingspost_id:
        inhoud["begrotingspost"] = a.begrotingspost.naam
    if a.product_id:
        p = a.product
        inhoud["product"] = {"id": p.pk, "wet": p.wet, "productcategorie": p.productcategorie, "productcode": p.productcode, "naam": p.naam}
    return inhoud


def momentopname(plan: Ondersteuningsplan) -> dict[str, Any]:
    """The plan's content as plain data: what a version freezes and what versions are compared on."""
    doelen = plan.doelen.select_related("leefgebied", "persoon").prefetch_related(
        Prefetch("acties", queryset=Actie.objects.select_related("product", "begrotingspost"))
    )
    return {
        "regisseur": str(plan.regisseur),
        "toelichting": plan.toelichting,
        "evaluatiedatum": plan.evaluatiedatum.isoformat() if plan.evaluatiedatum else None,
        "doelen": [
            {
                "id": d.pk,
                "leefgebied": d.leefgebied.naam,
                "persoon": d.persoon.naam if d.persoon else None,
                "omschrijving": d.omschrijving,
                "beoogd_resultaat": d.beoogd_resultaat,
                "acties": [_actie_inhoud(a) for a in sorted(d.acties.all(), key=lambda a: (TREDE_VOLGORDE[a.trede], a.van, a.pk))],
            }
            for d in doelen
        ],
    }


@transaction.atomic
def leg_versie_vast(door: Medewerker, plan: Ondersteuningsplan, verwachte_versie: int, toelichting: str = "", request=None) -> Planversie:
    """Freeze the current content as the next version, to be signed."""
    _eis_open(plan)
    if not plan.doelen.exists():
        raise ValidationError("Een plan zonder doelen kan niet ter ondertekening worden vastgelegd.")
    inhoud = momentopname(plan)
    vorige = plan.huidige_versie
    if vorige and vorige.inhoud == inhoud:
        raise ValidationError("Er is niets veranderd sinds de vorige versie.")
    _raak_aan(plan, verwachte_versie)
    versie = Planversie.objects.create(
        plan=plan,
        nummer=(vorige.nummer + 1) if vorige else 1,
        inhoud=inhoud,
        toelichting=toelichting,
        gemaakt_door=door,
    )
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving=f"Versie {versie.nummer} vastgelegd", request=request)
    return versie


PORTAAL_TEKST = "digitaal via Mijn Keukentafel"


def is_volledig_getekend(versie: Planversie) -> bool:
    rollen = set(versie.ondertekeningen.values_list("rol", flat=True))
    return OndertekenaarRol.PROFESSIONAL in rollen and bool(rollen & {OndertekenaarRol.INWONER, OndertekenaarRol.VERTEGENWOORDIGER})


@transaction.atomic
def onderteken(
    door: Medewerker | None,
    versie: Planversie,
    *,
    rol: str,
    methode: str,
    datum: date | None = None,
    persoon: Persoon | None = None,
    netwerklid: Netwerklid | None = None,
    kanaal: str | None = None,
    request=None,
) -> Ondertekening:
    """Sign the latest version. When resident (or representative) and professional both signed, it is active.

    `door` is the professional who records the signature. `door=None` is the resident (or their
    representative) signing themselves in Mijn Keukentafel: then the method is PORTAAL, nobody "recorded"
    it (vastgelegd_door stays empty) and the audit record names the signer, with the given `kanaal`.
    """
    plan = Ondersteuningsplan.objects.select_for_update().get(pk=versie.plan_id)
    _eis_open(plan)
    if plan.huidige_versie.pk != versie.pk:
        raise ValidationError("Alleen de nieuwste versie van het plan kan worden ondertekend.")
    if methode not in Ondertekenmethode.values:
        raise ValidationError({"methode": "Kies hoe er is getekend: digitaal, op papier of mondeling."})
    if door is None:
        if rol == OndertekenaarRol.PROFESSIONAL:
            raise ValidationError({"rol": "Alleen een medewerker kan als professional tekenen."})
        if methode != Ondertekenmethode.PORTAAL:
            raise ValidationError({"methode": "Zonder medewerker kan alleen digitaal via Mijn Keukentafel worden getekend."})
    elif methode == Ondertekenmethode.PORTAAL:
        raise ValidationError({"methode": "Alleen de inwoner zelf tekent via Mijn Keukentafel; kies hoe er is getekend."})
    datum = datum or timezone.localdate()
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Een ondertekening kan niet in de toekomst liggen."})
    if rol == OndertekenaarRol.PROFESSIONAL:
        naam, medewerker = str(door), door
    elif rol == OndertekenaarRol.INWONER:
        if persoon is None or not plan.huishouden.leden_op(datum).filter(persoon=persoon).exists():
            raise ValidationError({"persoon": "Kies de inwoner uit het huishouden die tekent."})
        naam, medewerker = persoon.naam, None
    elif rol == OndertekenaarRol.VERTEGENWOORDIGER:
        if netwerklid is None or netwerklid.huishouden_id != plan.huishouden_id or not netwerklid.is_vertegenwoordiger:
            raise ValidationError(
                {"netwerklid": "Alleen een vastgelegde wettelijk vertegenwoordiger, curator, bewindvoerder of mentor kan tekenen."}
            )
        naam, medewerker = netwerklid.naam, None
    else:
        raise ValidationError({"rol": "Onbekende rol."})
    if versie.ondertekeningen.filter(rol=rol).exists():
        raise ValidationError(f"Deze versie is al ondertekend door de {OndertekenaarRol(rol).label.lower()}.")
    ondertekening = Ondertekening.objects.create(
        versie=versie,
        rol=rol,
        naam=naam,
        persoon=persoon,
        netwerklid=netwerklid,
        medewerker=medewerker,
        datum=datum,
        methode=methode,
        vastgelegd_door=door,
    )
    velden: dict[str, Any] = {}
    if is_volledig_getekend(versie):
        velden["status"] = PlanStatus.ACTIEF
        if plan.vastgesteld_op is None:
            velden["vastgesteld_op"] = datum
        if plan.evaluatiedatum is None:
            velden["evaluatiedatum"] = standaard_evaluatiedatum(plan, datum)
    _raak_aan(plan, plan.version, **velden)
    if door is None:
        audit.log(
            None,
            AuditActie.WIJZIGEN,
            plan,
            omschrijving=f"Versie {versie.nummer} ondertekend ({PORTAAL_TEKST}) door {ondertekenaar_tekst(persoon, netwerklid)}",
            request=request,
            kanaal=kanaal,
        )
    else:
        wie = ondertekening.get_rol_display().lower()
        audit.log(
            door, AuditActie.WIJZIGEN, plan, omschrijving=f"Versie {versie.nummer} ondertekend door {wie}", request=request, kanaal=kanaal
        )
    return ondertekening


def ondertekenaar_tekst(persoon: Persoon | None, netwerklid: Netwerklid | None) -> str:
    """Who acts, for the audit trail: the resident, or "<representative> (rol) namens <resident>"; never a BSN."""
    if netwerklid is not None:
        voor = netwerklid.voor_persoon.naam if netwerklid.voor_persoon_id else netwerklid.huishouden.naam
        return f"{netwerklid.naam} ({netwerklid.get_rol_display().lower()}) namens {voor}"
    return persoon.naam if persoon is not None else "onbekend"


@dataclass
class Verschil:
    soort: str  # "toegevoegd", "verwijderd", "gewijzigd"
    wat: str
    oud: str = ""
    nieuw: str = ""


#: Field names in a snapshot and how a resident reads them.
_PLANVELDEN = (("regisseur", "Regisseur"), ("toelichting", "Situatie en afspraken"), ("evaluatiedatum", "Evaluatiedatum van het plan"))
_DOELVELDEN = (("omschrijving", "doel"), ("beoogd_resultaat", "beoogd resultaat"), ("persoon", "voor wie"))
_ACTIEVELDEN = (
    ("trede", "trede op de afwegingsladder"),
    ("omschrijving", "wat er gebeurt"),
    ("uitvoerder", "wie het doet"),
    ("voorziening", "voorziening"),
    ("product", "maatwerkproduct"),
    ("wet", "wet"),
    ("begrotingspost", "begrotingspost"),
    ("van", "vanaf"),
    ("tot", "tot en met"),
    ("evaluatiedatum", "evaluatiedatum"),
)
_DATUMVELDEN = {"evaluatiedatum", "van", "tot"}


def productnaam(product: dict[str, Any]) -> str:
    """A product in a snapshot as text: its name with category and code, as iWmo/iJw messages name it."""
    categorie, code = product.get("productcategorie", ""), product.get("productcode", "")
    return f"{product.get('naam', '')} (productcategorie {categorie}, productcode {code})"


def _leesbaar(veld: str, waarde: Any) -> str:
    """A snapshot value as text: ISO dates as dd-mm-jjjj, empty as ''."""
    if waarde in (None, ""):
        return ""
    if veld == "product" and isinstance(waarde, dict):
        return productnaam(waarde)
    if veld in _DATUMVELDEN:
        try:
            return date.fromisoformat(str(waarde)).strftime("%d-%m-%Y")
        except ValueError:
            return str(waarde)
    return str(waarde)


def _doelnaam(d: dict[str, Any]) -> str:
    wie = f", {d['persoon']}" if d.get("persoon") else ""
    return f"Doel ({d['leefgebied']}{wie})"


def vergelijk(oud: dict[str, Any], nieuw: dict[str, Any]) -> list[Verschil]:
    """Differences between two version snapshots, in words a resident understands."""
    verschillen: list[Verschil] = []
    for veld, label in _PLANVELDEN:
        if oud.get(veld) != nieuw.get(veld):
            verschillen.append(Verschil("gewijzigd", label, _leesbaar(veld, oud.get(veld)), _leesbaar(veld, nieuw.get(veld))))
    oude_doelen = {d["id"]: d for d in oud.get("doelen", [])}
    nieuwe_doelen = {d["id"]: d for d in nieuw.get("doelen", [])}
    for did, d in nieuwe_doelen.items():
        if did not in oude_doelen:
            verschillen.append(Verschil("toegevoegd", _doelnaam(d), nieuw=d["omschrijving"]))
            for a in d["acties"]:
                verschillen.append(Verschil("toegevoegd", f"Actie ({a['trede']})", nieuw=a["omschrijving"]))
            continue
        o = oude_doelen[did]
        for veld, label in _DOELVELDEN:
            if o.get(veld) != d.get(veld):
                verschillen.append(
                    Verschil("gewijzigd", f"{_doelnaam(d)}: {label}", _leesbaar(veld, o.get(veld)), _leesbaar(veld, d.get(veld)))
                )
        oude_acties = {a["id"]: a for a in o["acties"]}
        nieuwe_acties = {a["id"]: a for a in d["acties"]}
        for aid, a in nieuwe_acties.items():
            if aid not in oude_acties:
                verschillen.append(Verschil("toegevoegd", f"Actie ({a['trede']})", nieuw=a["omschrijving"]))
            elif oude_acties[aid] != a:
                oa = oude_acties[aid]
                for veld, label in _ACTIEVELDEN:
                    if oa.get(veld) != a.get(veld):
                        verschillen.append(
                            Verschil(
                                "gewijzigd", f"Actie ({a['trede']}): {label}", _leesbaar(veld, oa.get(veld)), _leesbaar(veld, a.get(veld))
                            )
                        )
        for aid, a in oude_acties.items():
            if aid not in nieuwe_acties:
                verschillen.append(Verschil("verwijderd", f"Actie ({a['trede']})", oud=a["omschrijving"]))
    for did, d in oude_doelen.items():
        if did not in nieuwe_doelen:
            verschillen.append(Verschil("verwijderd", _doelnaam(d), oud=d["omschrijving"]))
            for a in d["acties"]:
                verschillen.append(Verschil("verwijderd", f"Actie ({a['trede']})", oud=a["omschrijving"]))
    return verschillen


def laatste_getekende_versie(plan: Ondersteuningsplan) -> Planversie | None:
    """The newest version signed by both the resident (or representative) and the professional."""
    for versie in plan.versies.order_by("-nummer").prefetch_related("ondertekeningen"):
        rollen = {o.rol for o in versie.ondertekeningen.all()}
        if OndertekenaarRol.PROFESSIONAL in rollen and rollen & {OndertekenaarRol.INWONER, OndertekenaarRol.VERTEGENWOORDIGER}:
            return versie
    return None


def ongetekende_wijzigingen(plan: Ondersteuningsplan) -> list[Verschil] | None:
    """What the current plan agrees that the latest fully signed version does not; None if nothing was signed yet.

    The plan's own evaluatiedatum is left out: activation and evaluation set it from policy, that
    is administration of the plan, not a new agreement the resident has to sign again.
    """
    getekend = laatste_getekende_versie(plan)
    if getekend is None:
        return None
    oud = dict(getekend.inhoud, evaluatiedatum=None)
    nieuw = dict(momentopname(plan), evaluatiedatum=None)
    return vergelijk(oud, nieuw)


@transaction.atomic
def evalueer(
    door: Medewerker,
    plan: Ondersteuningsplan,
    verwachte_versie: int,
    *,
    datum: date,
    besluit: str,
    toelichting: str = "",
    scores: dict[Leefgebied, int] | None = None,
    persoon: Persoon | None = None,
    request=None,
) -> Evaluatie:
    """Review at the evaluation date: new scores, and continue / adjust / close."""
    _eis_open(plan)
    if plan.status != PlanStatus.ACTIEF:
        raise ValidationError("Alleen een actief (ondertekend) plan kan worden geëvalueerd.")
    if besluit not in EvaluatieBesluit.values:
        raise ValidationError({"besluit": "Kies voortzetten, bijstellen of afsluiten."})
    if besluit != EvaluatieBesluit.VOORTZETTEN and not toelichting.strip():
        raise ValidationError({"toelichting": "Licht toe waarom het plan wordt bijgesteld of afgesloten."})
    volgende = None if besluit == EvaluatieBesluit.AFSLUITEN else standaard_evaluatiedatum(plan, datum)
    velden: dict[str, Any] = {"evaluatiedatum": volgende}
    if besluit == EvaluatieBesluit.AFSLUITEN:
        velden |= {"status": PlanStatus.AFGESLOTEN, "afgesloten_op": datum, "afsluitreden": toelichting.strip()[:300]}
    _raak_aan(plan, verwachte_versie, **velden)
    evaluatie = Evaluatie.objects.create(
        plan=plan,
        datum=datum,
        besluit=besluit,
        toelichting=toelichting.strip(),
        volgende_evaluatie=volgende,
        uitgevoerd_door=door,
    )
    for leefgebied, score in (scores or {}).items():
        if score is None:
            continue
        if not 1 <= int(score) <= 5:
            raise ValidationError(f"Score voor {leefgebied} moet tussen 1 en 5 liggen.")
        Zelfredzaamheidsscore.objects.create(
            huishouden_id=plan.huishouden_id,
            persoon=persoon,
            leefgebied=leefgebied,
            score=int(score),
            datum=datum,
            bron=ScoreBron.EVALUATIE,
            evaluatie=evaluatie,
            vastgelegd_door=door,
        )
    audit.log(door, AuditActie.WIJZIGEN, plan, omschrijving=f"Evaluatie: {evaluatie.get_besluit_display().lower()}", request=request)
    return evaluatie


@transaction.atomic
def registreer_inkomensvraag(
    door: Medewerker,
    huishouden: Huishouden,
    *,
    omschrijving: str,
    datum: date,
    doorgezet_naar: str = "",
    plan: Ondersteuningsplan | None = None,
    request=None,
) -> Inkomensvraag:
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": "Beschrijf de inkomensvraag."})
    vraag = Inkomensvraag.objects.create(
        huishouden=huishouden,
        plan=plan,
        datum=datum,
        omschrijving=omschrijving.strip(),
        doorgezet_naar=doorgezet_naar,
        vastgelegd_door=door,
    )
    audit.log(door, AuditActie.AANMAKEN, vraag, omschrijving="Inkomensvraag vastgelegd", request=request)
    return vraag
