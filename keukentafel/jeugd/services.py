"""Jeugdwet domain operations. Each state change is one transaction that also writes its audit record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.accounts import audit
from keukentafel.accounts.access import zichtbare_huishoudens
from keukentafel.accounts.models import AuditActie, Medewerker, Team
from keukentafel.beleid.models import Leefgebied, Sleutel
from keukentafel.beleid.services import geldende_waarde
from keukentafel.besluiten.models import Grondslag
from keukentafel.codelijsten import Wet
from keukentafel.inwoners.models import Huishouden, Huishoudlid, Jeugdmaatregel, Persoon, SoortMaatregel
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden

from .models import (
    GrondVerlenging,
    Maatregelregie,
    Machtiging,
    MeldcodeBesluit,
    MeldcodeStap,
    Meldcodestap,
    Meldcodetraject,
    Overgang18,
    OvergangUitkomst,
    SoortMachtiging,
    Verwijsindexsignaal,
    VerwijzerSoort,
    Verwijzingsbron,
    WettelijkeVerwijzing,
)
from .regels import verjaardag
from .toegang import log_beperkt

#: The grant's grondslag for a referral registered by hand (a letter); the WettelijkeVerwijzing names the referrer.
GRONDSLAG_WETTELIJKE_VERWIJZING = Grondslag.WETTELIJKE_VERWIJZING

#: WJ759 reasons that stay open for a legal referral: formal grounds only, never the gemeente's own view of the need.
#: 1 geen wijziging maar nieuwe aanvraag, 3 geen contract, 4 past niet binnen contract, 5 andere gemeente,
#: 6 stapeling (dezelfde hulp loopt al), 8 woonplaatsbeginsel, 9 leeftijdsgrens bereikt.
FORMELE_REDENEN = {"1", "3", "4", "5", "6", "8", "9"}

#: Leefgebied of the youth goal the honoured referral is planned under, when the youth has no goal yet.
LEEFGEBIED_JEUGD = "opvoeding"


def is_wettelijke_verwijzer(code: str) -> bool:
    return code in VerwijzerSoort.values


def _huishouden_id(persoon: Persoon) -> int | None:
    h = huidig_huishouden(persoon)
    return h.pk if h else None


# --- 1. Wettelijke verwijzing ----------------------------------------------------------------------


def registreer_uit_verzoek(verzoek) -> WettelijkeVerwijzing | None:
    """A JW315 naming a legal referrer: record the referral with the verzoek (called on arrival, in its transaction)."""
    if verzoek.wet != Wet.JEUGDWET or not is_wettelijke_verwijzer(verzoek.verwijzer_type):
        return None
    i = verzoek.inhoud or {}
    product = Product.objects.filter(
        wet=verzoek.wet, productcategorie=i.get("productcategorie", ""), productcode=i.get("productcode", "")
    ).first()
    verwijzing = WettelijkeVerwijzing.objects.create(
        persoon=verzoek.persoon, gemeente=verzoek.gemeente, soort=verzoek.verwijzer_type, naam=verzoek.verwijzer_naam,
        agb_code=verzoek.verwijzer_agb, datum=timezone.localdate(),  # the 315 carries no referral date: its arrival
        bron=Verwijzingsbron.BERICHT, verzoek=verzoek, product=product, toelichting=verzoek.commentaar,
    )
    audit.log(None, AuditActie.AANMAKEN, verwijzing, huishouden_id=_huishouden_id(verzoek.persoon), omschrijving=(
        f"Wettelijke verwijzing door {verwijzing.verwijzer} vastgelegd uit verzoek {verzoek.referentie_aanbieder} "
        f"van {verzoek.aanbieder.naam}"
    ))
    return verwijzing


def controleer_afwijzing(verzoek, reden_afwijzing: str) -> None:
    """A legal referral is honoured: refusing it is only possible on formal grounds (not on the need itself)."""
    if reden_afwijzing in FORMELE_REDENEN:
        return
    verwijzing = WettelijkeVerwijzing.objects.filter(verzoek=verzoek).first()
    if verwijzing is None:
        return
    raise ValidationError({"reden_afwijzing": (
        f"Dit verzoek berust op een wettelijke verwijzing door de {verwijzing.verwijzer}. De gemeente volgt die verwijzing "
        "zonder eigen beoordeling van de hulpvraag (Jeugdwet art. 2.6): afwijzen kan alleen om formele redenen, zoals geen "
        "contract, een andere gemeente (woonplaatsbeginsel), stapeling of de leeftijdsgrens. Twijfelt u aan de noodzaak, "
        "overleg dan met de verwijzer."
    )}, code="wettelijke_verwijzing")


def is_wettelijke_verwijzing(verzoek) -> bool:
    """Whether this verzoek carries a legal referral (registered on arrival of the 315)."""
    return WettelijkeVerwijzing.objects.filter(verzoek=verzoek).exists()


def _geen_eigen_beoordeling(verwijzing: WettelijkeVerwijzing, wat: str) -> str:
    return (
        f"Dit verzoek berust op een wettelijke verwijzing door de {verwijzing.verwijzer}. De gemeente volgt die verwijzing "
        f"zonder eigen beoordeling (Jeugdwet art. 2.6): {wat} Toegekend wordt wat verwijzer en aanbieder vroegen; afwijzen "
        "kan alleen om formele redenen."
    )


def controleer_toekenning(verzoek, *, ingangsdatum: date | None, einddatum: date | None, omvang: int | None) -> None:
    """Approving a legal referral grants what was asked: another volume or period would be the gemeente's own assessment.
    Only what the request left open (no end date) may be filled in."""
    verwijzing = WettelijkeVerwijzing.objects.filter(verzoek=verzoek).first()
    if verwijzing is None:
        return
    i = verzoek.inhoud or {}
    gevraagd_begin, gevraagd_eind = i.get("toewijzing_ingangsdatum"), i.get("toewijzing_einddatum")
    fouten = {}
    if omvang is not None and i.get("volume") is not None and omvang != i["volume"]:
        fouten["omvang"] = _geen_eigen_beoordeling(verwijzing, f"de omvang is {i['volume']}, zoals gevraagd.")
    if ingangsdatum is not None and gevraagd_begin and ingangsdatum != date.fromisoformat(gevraagd_begin):
        fouten["ingangsdatum"] = _geen_eigen_beoordeling(
            verwijzing, f"de ingangsdatum is {date.fromisoformat(gevraagd_begin):%d-%m-%Y}, zoals gevraagd.")
    if einddatum is not None and gevraagd_eind and einddatum != date.fromisoformat(gevraagd_eind):
        fouten["einddatum"] = _geen_eigen_beoordeling(
            verwijzing, f"de einddatum is {date.fromisoformat(gevraagd_eind):%d-%m-%Y}, zoals gevraagd.")
    if fouten:
        raise ValidationError(fouten, code="wettelijke_verwijzing")


def controleer_onderzoek(verzoek) -> None:
    """A legal referral is not put "in onderzoek": there is nothing for the gemeente to assess."""
    verwijzing = WettelijkeVerwijzing.objects.filter(verzoek=verzoek).first()
    if verwijzing is not None:
        raise ValidationError(_geen_eigen_beoordeling(
            verwijzing, "een onderzoek naar de hulpvraag is daarom niet aan de orde."), code="wettelijke_verwijzing")


def honoreer(verzoek, voorzieningen: list, door: Medewerker, request=None) -> WettelijkeVerwijzing | None:
    """After `keur_goed` granted a 315: link the grants to the legal referral and inform the team."""
    verwijzing = WettelijkeVerwijzing.objects.filter(verzoek=verzoek).first()
    if verwijzing is None:
        return None
    verwijzing.voorzieningen.add(*voorzieningen)
    _informeer_team(door, verwijzing, voorzieningen, request)
    return verwijzing


def _jeugddoel(door: Medewerker, plan, persoon: Persoon, request):
    from keukentafel.plannen.services import voeg_doel_toe

    doel = plan.doelen.filter(persoon=persoon).order_by("volgorde", "id").first()
    if doel is not None:
        return doel
    leefgebied = Leefgebied.objects.filter(code=LEEFGEBIED_JEUGD).first() or Leefgebied.objects.order_by("volgorde").first()
    return voeg_doel_toe(door, plan, plan.version, leefgebied=leefgebied, persoon=persoon, request=request,
                         omschrijving=f"{persoon.voornamen} krijgt de jeugdhulp die nodig is.")


def _informeer_team(door: Medewerker, verwijzing: WettelijkeVerwijzing, voorzieningen: list, request) -> None:
    """One household, one plan: the youth part goes into the open plan as an action, and the regisseur (or, without a
    plan, the gebiedsteam) gets a melding linked to the case, which appears on their worklist."""
    from keukentafel.plannen.models import Ondersteuningsplan, Trede
    from keukentafel.plannen.services import voeg_actie_toe
    from keukentafel.toegang.models import Kanaal, MelderType, Vindplaats
    from keukentafel.toegang.services import registreer_melding, team_voor

    persoon = verwijzing.persoon
    huishouden = huidig_huishouden(persoon)
    plan = Ondersteuningsplan.objects.open().filter(huishouden=huishouden).first() if huishouden else None
    producten = ", ".join(f"{v.product.naam} bij {v.aanbieder.naam if v.aanbieder else 'pgb'} (toewijzing {v.toewijzingnummer})"
                          for v in voorzieningen)
    if plan is not None:  # both callers (keur_goed, registreer_verwijzing) act for a logged-in medewerker
        doel = _jeugddoel(door, plan, persoon, request)
        plan.refresh_from_db(fields=["version"])
        eerste = voorzieningen[0]
        verwijzing.actie = voeg_actie_toe(
            door, doel, plan.version, trede=Trede.MAATWERK, product=eerste.product,
            uitvoerder=eerste.aanbieder.naam if eerste.aanbieder else "Budgethouder (pgb)",
            omschrijving=f"{eerste.product.naam} na verwijzing door de {verwijzing.verwijzer} ({verwijzing.datum:%d-%m-%Y}).",
            van=eerste.begindatum, tot=eerste.einddatum, request=request,
        )
    vindplaats = {
        VerwijzerSoort.HUISARTS: Vindplaats.HUISARTS, VerwijzerSoort.JEUGDARTS: Vindplaats.CONSULTATIEBUREAU,
    }.get(verwijzing.soort, Vindplaats.OVERIG)
    # The household's gebiedsteam; for a child not yet placed in a household, the team of its address or gemeente.
    team = (
        team_voor(huishouden)
        or (Team.objects.filter(gebied_id=persoon.gebied_id).order_by("id").first() if persoon.gebied_id else None)
        or Team.objects.filter(gebied__gemeente_id=verwijzing.gemeente_id).order_by("id").first()
    )
    vraag = (
        f"Wettelijke verwijzing door de {verwijzing.verwijzer} voor {persoon.voornamen}: {producten}. "
        "Toegekend zonder eigen onderzoek; "
        + ("de actie staat in het ondersteuningsplan." if plan else "neem de jeugdhulp op in het plan van het huishouden.")
    )
    verwijzing.signaal = registreer_melding(
        door, gemeente_id=verwijzing.gemeente_id, persoon=persoon, huishouden=huishouden, vraag=vraag, kanaal=Kanaal.VINDPLAATS,
        vindplaats=vindplaats, melder_type=MelderType.PROFESSIONAL, melder_naam=verwijzing.naam[:200],
        melder_organisatie=verwijzing.get_soort_display()[:200], team=team, request=request,
    )
    verwijzing.save(update_fields=["actie", "signaal"])


@transaction.atomic
def registreer_verwijzing(
    door: Medewerker, persoon: Persoon, *, soort: str, naam: str, agb_code: str = "", datum: date, product: Product,
    aanbieder: Aanbieder, omvang: int, begindatum: date, einddatum: date | None, toelichting: str = "", request=None,
) -> WettelijkeVerwijzing:
    """A referral that arrives on paper (a letter from the huisarts): honoured as a 315 would be, granted at once."""
    from keukentafel.besluiten import services as besluiten
    from keukentafel.besluiten.models import Leveringsvorm
    from keukentafel.besluiten.regels import Toekenningsverzoek

    if not is_wettelijke_verwijzer(soort):
        raise ValidationError({"soort": "Kies een wettelijke verwijzer: huisarts, jeugdarts, GI, medisch specialist of rechter."})
    if not (naam or "").strip() and not (agb_code or "").strip():
        raise ValidationError({"naam": "Vul de naam of de AGB-code van de verwijzer in."})
    if product.wet != Wet.JEUGDWET:
        raise ValidationError({"product": "Een wettelijke verwijzing gaat over jeugdhulp: kies een product van de Jeugdwet."})
    huishouden = huidig_huishouden(persoon)
    tv = Toekenningsverzoek(
        persoon=persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=omvang, eenheid=product.eenheid,
        frequentie=product.frequentie, begindatum=begindatum, einddatum=einddatum, aanbieder=aanbieder,
    )
    voorziening = besluiten.ken_toe(door, tv, grondslag=GRONDSLAG_WETTELIJKE_VERWIJZING, huishouden=huishouden, request=request)
    verwijzing = WettelijkeVerwijzing.objects.create(
        persoon=persoon, gemeente=voorziening.gemeente, soort=soort, naam=naam.strip(), agb_code=(agb_code or "").strip(),
        datum=datum, bron=Verwijzingsbron.BRIEF, product=product, toelichting=toelichting.strip(), vastgelegd_door=door,
    )
    verwijzing.voorzieningen.add(voorziening)
    audit.log(door, AuditActie.AANMAKEN, verwijzing, huishouden_id=huishouden.pk if huishouden else None, request=request,
              omschrijving=f"Wettelijke verwijzing door {verwijzing.verwijzer} vastgelegd en gevolgd "
                           f"(toewijzing {voorziening.toewijzingnummer})")
    _informeer_team(door, verwijzing, [voorziening], request)
    return verwijzing


# --- 2. Maatregelen ---------------------------------------------------------------------------------


@transaction.atomic
def leg_maatregel_vast(
    door: Medewerker, persoon: Persoon, *, soort: str, gecertificeerde_instelling: str, begindatum: date,
    einddatum: date | None = None, jeugdbeschermer: str, telefoon: str = "", email: str = "", rechtbank: str = "",
    zaaknummer: str = "", request=None,
) -> Jeugdmaatregel:
    """OTS, voogdij or jeugdreclassering: the GI becomes regisseur for that part of the plan."""
    if soort not in SoortMaatregel.values:
        raise ValidationError({"soort": "Kies ondertoezichtstelling, voogdij of jeugdreclassering."})
    if not gecertificeerde_instelling.strip():
        raise ValidationError({"gecertificeerde_instelling": "Vul de gecertificeerde instelling in."})
    if not jeugdbeschermer.strip():
        raise ValidationError({"jeugdbeschermer": "Vul in wie bij de GI de maatregel uitvoert."})
    if einddatum and einddatum < begindatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de begindatum."})
    maatregel = Jeugdmaatregel.objects.create(
        persoon=persoon, soort=soort, gecertificeerde_instelling=gecertificeerde_instelling.strip(), begindatum=begindatum,
        einddatum=einddatum,
    )
    Maatregelregie.objects.create(
        maatregel=maatregel, jeugdbeschermer=jeugdbeschermer.strip(), telefoon=telefoon.strip(), email=email.strip(),
        rechtbank=rechtbank.strip(), zaaknummer=zaaknummer.strip(), vastgelegd_door=door,
    )
    audit.log(door, AuditActie.AANMAKEN, maatregel, huishouden_id=_huishouden_id(persoon), request=request,
              omschrijving=f"{maatregel.get_soort_display()} vastgelegd, uitgevoerd door {maatregel.gecertificeerde_instelling}")
    return maatregel


@transaction.atomic
def beeindig_maatregel(door: Medewerker, maatregel: Jeugdmaatregel, *, einddatum: date, reden: str, request=None) -> Jeugdmaatregel:
    if not reden.strip():
        raise ValidationError({"reden": "Geef de reden van het einde van de maatregel."})
    if einddatum < maatregel.begindatum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de begindatum van de maatregel."})
    n = Jeugdmaatregel.objects.filter(pk=maatregel.pk, einddatum__isnull=True).update(einddatum=einddatum)
    if not n:
        raise GelijktijdigGewijzigd("Deze maatregel")
    maatregel.einddatum = einddatum
    Maatregelregie.objects.filter(maatregel=maatregel).update(reden_einde=reden.strip()[:300])
    audit.log(door, AuditActie.WIJZIGEN, maatregel, huishouden_id=_huishouden_id(maatregel.persoon), request=request,
              omschrijving=f"{maatregel.get_soort_display()} beëindigd per {einddatum:%d-%m-%Y}")
    return maatregel


def lopende_maatregelen(persoon: Persoon, op: date | None = None):
    op = op or timezone.localdate()
    return (
        Jeugdmaatregel.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op), persoon=persoon, begindatum__lte=op)
        .select_related("regie")
    )


# --- 3. Machtiging ---------------------------------------------------------------------------------


@transaction.atomic
def leg_machtiging_vast(
    door: Medewerker, persoon: Persoon, *, soort: str, rechtbank: str, zaaknummer: str, uitspraakdatum: date,
    ingangsdatum: date, einddatum: date, request=None,
) -> Machtiging:
    fouten = {}
    if soort not in SoortMachtiging.values:
        fouten["soort"] = "Kies de soort machtiging: machtiging gesloten jeugdhulp, spoedmachtiging of voorwaardelijke machtiging."
    if not rechtbank.strip():
        fouten["rechtbank"] = "Vul de rechtbank in."
    if not zaaknummer.strip():
        fouten["zaaknummer"] = "Vul het zaaknummer van de uitspraak in."
    if einddatum < ingangsdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de ingangsdatum."
    if ingangsdatum < uitspraakdatum and soort != SoortMachtiging.SPOEDMACHTIGING:
        fouten["ingangsdatum"] = "Een machtiging gaat niet in vóór de uitspraak."
    if fouten:
        raise ValidationError(fouten)
    m = Machtiging.objects.create(
        persoon=persoon, soort=soort, rechtbank=rechtbank.strip(), zaaknummer=zaaknummer.strip(), uitspraakdatum=uitspraakdatum,
        ingangsdatum=ingangsdatum, einddatum=einddatum, vastgelegd_door=door,
    )
    audit.log(door, AuditActie.AANMAKEN, m, huishouden_id=_huishouden_id(persoon), request=request,
              omschrijving=f"{m.get_soort_display()} vastgelegd, {ingangsdatum:%d-%m-%Y} t/m {einddatum:%d-%m-%Y}")
    return m


# --- 4. Overgang 18-/18+ ---------------------------------------------------------------------------


def verlengde_toewijzingen(persoon: Persoon, na: date | None = None):
    """Jeugdwet grants of `persoon` that run after the 18th birthday (JEUGD_LEEFTIJDSGRENS), or after `na` when given:
    they exist only because of the recorded verlengde jeugdhulp."""
    from keukentafel.besluiten.models import ToegewezenVoorziening

    if na is None:
        grens = int(geldende_waarde(Sleutel.JEUGD_LEEFTIJDSGRENS, persoon.gemeente_id, timezone.localdate()))
        na = verjaardag(persoon, grens) - timedelta(days=1)
    return (
        ToegewezenVoorziening.objects.lopend().filter(Q(einddatum__isnull=True) | Q(einddatum__gt=na), persoon=persoon,
                                                      product__wet=Wet.JEUGDWET)
        .select_related("product").order_by("begindatum", "id")
    )


def _bestaande_overgang(persoon: Persoon) -> Overgang18 | None:
    return Overgang18.objects.filter(persoon=persoon).first()


def _controleer_verlengde_toewijzingen(persoon: Persoon, uitkomst: str, verlengd_tot: date | None) -> None:
    """The extension cannot be withdrawn (or shortened) under grants that rely on it: end or change those first."""
    if uitkomst == OvergangUitkomst.VERLENGDE_JEUGDHULP:
        if verlengd_tot is None:
            return
        grants, veld = list(verlengde_toewijzingen(persoon, verlengd_tot)), "verlengd_tot"
        wat = f"lopen na {verlengd_tot:%d-%m-%Y}"
    else:
        grants, veld = list(verlengde_toewijzingen(persoon)), "uitkomst"
        wat = "lopen na de 18e verjaardag op grond van verlengde jeugdhulp"
    if grants:
        namen = "; ".join(f"{g.product.naam} (toewijzing {g.toewijzingnummer}, tot "
                          f"{g.einddatum.strftime('%d-%m-%Y') if g.einddatum else 'open'})" for g in grants)
        raise ValidationError({veld: f"Deze toewijzingen {wat}: {namen}. Beëindig of wijzig die eerst."},
                              code="verlengde_toewijzingen")


@transaction.atomic
def leg_overgang_vast(
    door: Medewerker, persoon: Persoon, verwachte_versie: int | None, *, uitkomst: str, grond_verlenging: str = "",
    verlengd_tot: date | None = None, motivering: str = "", request=None,
) -> Overgang18:
    """Record what is arranged at 18; an extension names its ground and end (at most the day before the 23rd birthday)."""
    fouten = {}
    if uitkomst not in OvergangUitkomst.values:
        fouten["uitkomst"] = "Kies wat er na de 18e verjaardag geregeld is."
    if uitkomst == OvergangUitkomst.VERLENGDE_JEUGDHULP:
        if grond_verlenging not in GrondVerlenging.values:
            fouten["grond_verlenging"] = "Kies de wettelijke grond voor verlengde jeugdhulp."
        if verlengd_tot is None:
            fouten["verlengd_tot"] = "Vul in tot wanneer de jeugdhulp wordt verlengd."
        else:
            uiterst = int(geldende_waarde(Sleutel.JEUGD_VERLENGING_TOT, persoon.gemeente_id, timezone.localdate()))
            if verlengd_tot >= verjaardag(persoon, uiterst):
                fouten["verlengd_tot"] = f"Verlengde jeugdhulp loopt uiterlijk tot de {uiterst}e verjaardag."
        if not motivering.strip():
            fouten["motivering"] = "Motiveer waarom voortzetting of hervatting van de jeugdhulp nodig is."
    else:
        grond_verlenging, verlengd_tot = "", None
    if fouten:
        raise ValidationError(fouten)
    _controleer_verlengde_toewijzingen(persoon, uitkomst, verlengd_tot)
    velden = {"uitkomst": uitkomst, "grond_verlenging": grond_verlenging, "verlengd_tot": verlengd_tot,
              "motivering": motivering.strip(), "bijgewerkt_door": door}
    # The person's row under lock: two first saves at once wait for each other instead of colliding on the one-to-one.
    Persoon.objects.select_for_update().filter(pk=persoon.pk).first()
    bestaand = _bestaande_overgang(persoon)
    if bestaand is None:
        try:
            with transaction.atomic():
                overgang = Overgang18.objects.create(persoon=persoon, **velden)
        except IntegrityError:
            raise GelijktijdigGewijzigd("De overgang 18-/18+") from None  # saved by someone else meanwhile
        actie = AuditActie.AANMAKEN
    else:
        n = Overgang18.objects.filter(pk=bestaand.pk, version=verwachte_versie).update(
            version=F("version") + 1, bijgewerkt_op=timezone.now(), **velden)
        if not n:
            raise GelijktijdigGewijzigd("De overgang 18-/18+")
        overgang = Overgang18.objects.get(pk=bestaand.pk)
        actie = AuditActie.WIJZIGEN
    audit.log(door, actie, overgang, huishouden_id=_huishouden_id(persoon), request=request,
              omschrijving=f"Overgang 18-/18+ van {persoon.naam}: {overgang.get_uitkomst_display()}")
    return overgang


@dataclass
class OvergangRij:
    persoon: Persoon
    huishouden: Huishouden
    achttien: date
    lopend: list = field(default_factory=list)
    maatregelen: list = field(default_factory=list)
    overgang: Overgang18 | None = None

    @property
    def geregeld(self) -> bool:
        return self.overgang is not None and self.overgang.uitkomst != OvergangUitkomst.NOG_OPEN


#: Measures that end at the 18th birthday (BW 1:255 OTS, voogdij over minors); jeugdreclassering may run on.
MAATREGELEN_TOT_18 = (SoortMaatregel.ONDERTOEZICHTSTELLING, SoortMaatregel.VOOGDIJ)


def overgangslijst(medewerker: Medewerker, op: date | None = None) -> list[OvergangRij]:
    """Youths with running jeugdhulp or a running OTS/voogdij who turn 18 within OVERGANG_18_VOORLOOP_MAANDEN (or did so and it still runs),
    in households the user may see; soonest birthday first."""
    from keukentafel.besluiten.models import ToegewezenVoorziening
    from keukentafel.plannen.services import plus_maanden

    op = op or timezone.localdate()
    gemeente = medewerker.werkgemeente
    grens = int(geldende_waarde(Sleutel.JEUGD_LEEFTIJDSGRENS, gemeente, op))
    maanden = int(geldende_waarde(Sleutel.OVERGANG_18_VOORLOOP_MAANDEN, gemeente, op))
    tot = plus_maanden(op, maanden)
    # Born so that the 18th birthday falls on or before `tot`; still running jeugdhulp is the other filter.
    try:
        geboren_na = tot.replace(year=tot.year - grens)
    except ValueError:  # 29 February
        geboren_na = date(tot.year - grens, 2, 28)
    huishoudens = zichtbare_huishoudens(medewerker, Huishouden.objects.all())
    leden = Huishoudlid.objects.actief_op(op).filter(huishouden__in=huishoudens).values("persoon_id", "huishouden_id")
    per_persoon = {r["persoon_id"]: r["huishouden_id"] for r in leden}
    lopend = (
        ToegewezenVoorziening.objects.lopend()
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op), product__wet=Wet.JEUGDWET, persoon_id__in=per_persoon.keys(),
                persoon__geboortedatum__lte=geboren_na)
        .select_related("persoon", "product", "aanbieder")
        .order_by("persoon__geboortedatum", "persoon_id", "begindatum")
    )
    # An OTS or voogdij ends at 18 by law: the youth needs a transition plan even without a grant.
    maatregelen = (
        Jeugdmaatregel.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op), begindatum__lte=op,
                                      soort__in=MAATREGELEN_TOT_18, persoon_id__in=per_persoon.keys(),
                                      persoon__geboortedatum__lte=geboren_na)
        .select_related("persoon").order_by("persoon__geboortedatum", "persoon_id", "begindatum")
    )
    rijen: dict[int, OvergangRij] = {}
    huishoudmap = Huishouden.objects.in_bulk(set(per_persoon.values()))

    def rij_van(p: Persoon) -> OvergangRij:
        if p.pk not in rijen:
            rijen[p.pk] = OvergangRij(p, huishoudmap[per_persoon[p.pk]], verjaardag(p, grens))
        return rijen[p.pk]

    for v in lopend:
        rij_van(v.persoon).lopend.append(v)
    for m in maatregelen:
        rij_van(m.persoon).maatregelen.append(m)
    for o in Overgang18.objects.filter(persoon_id__in=rijen.keys()):
        rijen[o.persoon_id].overgang = o
    return sorted(rijen.values(), key=lambda r: (r.achttien, r.persoon.pk))


# --- 5. Meldcode en Verwijsindex ------------------------------------------------------------------


@transaction.atomic
def start_meldcode(door: Medewerker, persoon: Persoon, *, gestart_op: date, request=None) -> Meldcodetraject:
    traject = Meldcodetraject.objects.create(
        persoon=persoon, huishouden=huidig_huishouden(persoon), gestart_op=gestart_op, vastgelegd_door=door
    )
    log_beperkt(door, AuditActie.AANMAKEN, traject, "vastgelegd", request)
    return traject


def _bump(model, obj, verwachte_versie: int, **velden) -> None:
    n = model.objects.filter(pk=obj.pk, version=verwachte_versie).update(version=verwachte_versie + 1, **velden)
    if not n:
        raise GelijktijdigGewijzigd(str(model._meta.verbose_name).capitalize())
    for k, v in velden.items():
        setattr(obj, k, v)
    obj.version = verwachte_versie + 1


@transaction.atomic
def leg_meldcodestap_vast(
    door: Medewerker, traject: Meldcodetraject, verwachte_versie: int, *, stap: str, datum: date, wie: str, uitkomst: str,
    veilig_thuis_geraadpleegd: bool = False, request=None,
) -> Meldcodestap:
    if traject.afgerond_op:
        raise ValidationError("Dit meldcodetraject is afgerond.")
    if stap not in MeldcodeStap.values:
        raise ValidationError({"stap": "Kies een van de vijf stappen van de meldcode."})
    if not wie.strip() or not uitkomst.strip():
        raise ValidationError("Vul in wie de stap zette en wat eruit kwam.")
    if datum < traject.gestart_op:
        raise ValidationError({"datum": "De stap ligt vóór het begin van het traject."})
    _bump(Meldcodetraject, traject, verwachte_versie)
    s = Meldcodestap.objects.create(
        traject=traject, stap=stap, datum=datum, wie=wie.strip(), uitkomst=uitkomst.strip(),
        veilig_thuis_geraadpleegd=veilig_thuis_geraadpleegd, vastgelegd_door=door,
    )
    log_beperkt(door, AuditActie.WIJZIGEN, traject, "gewijzigd", request)
    return s


@transaction.atomic
def rond_meldcode_af(
    door: Medewerker, traject: Meldcodetraject, verwachte_versie: int, *, besluit: str, datum: date,
    melding_veilig_thuis_op: date | None = None, request=None,
) -> Meldcodetraject:
    """Step 5: the decision. Melden at Veilig Thuis needs its date; the trail must have weighed the violence (step 4)."""
    if besluit not in MeldcodeBesluit.values:
        raise ValidationError({"besluit": "Kies het besluit van stap 5."})
    if traject.afgerond_op:
        raise ValidationError("Dit meldcodetraject is al afgerond.")
    if datum < traject.gestart_op:
        raise ValidationError({"datum": f"Het besluit ligt vóór het begin van het traject ({traject.gestart_op:%d-%m-%Y})."})
    if melding_veilig_thuis_op is not None and melding_veilig_thuis_op < traject.gestart_op:
        raise ValidationError({"melding_veilig_thuis_op": "De melding ligt vóór het begin van het traject."})
    if not traject.stappen.filter(stap="4").exists():
        raise ValidationError("Leg eerst stap 4 (wegen van het geweld) vast; het besluit volgt uit die weging.")
    if besluit in (MeldcodeBesluit.MELDEN, MeldcodeBesluit.MELDEN_EN_HULP) and melding_veilig_thuis_op is None:
        raise ValidationError({"melding_veilig_thuis_op": "Vul de datum van de melding bij Veilig Thuis in."})
    _bump(Meldcodetraject, traject, verwachte_versie, besluit=besluit, afgerond_op=datum,
          melding_veilig_thuis_op=melding_veilig_thuis_op)
    log_beperkt(door, AuditActie.WIJZIGEN, traject, "gewijzigd", request)
    return traject


@transaction.atomic
def registreer_verwijsindexsignaal(
    door: Medewerker, persoon: Persoon, *, signaalgever: str, organisatie: str, datum: date, request=None,
) -> Verwijsindexsignaal:
    if not signaalgever.strip() or not organisatie.strip():
        raise ValidationError("Vul de signaalgever en de organisatie in.")
    if persoon.leeftijd(datum) >= 23:
        raise ValidationError("De Verwijsindex gaat over jeugdigen tot 23 jaar.")
    s = Verwijsindexsignaal.objects.create(
        persoon=persoon, huishouden=huidig_huishouden(persoon), signaalgever=signaalgever.strip(), organisatie=organisatie.strip(),
        datum=datum, vastgelegd_door=door,
    )
    log_beperkt(door, AuditActie.AANMAKEN, s, "vastgelegd", request)
    return s


@transaction.atomic
def beeindig_verwijsindexsignaal(door: Medewerker, s: Verwijsindexsignaal, verwachte_versie: int, *, einddatum: date, request=None):
    if s.einddatum:
        raise ValidationError("Dit signaal is al beëindigd.")
    if einddatum < s.datum:
        raise ValidationError({"einddatum": "De einddatum ligt vóór de datum van het signaal."})
    _bump(Verwijsindexsignaal, s, verwachte_versie, einddatum=einddatum)
    log_beperkt(door, AuditActie.WIJZIGEN, s, "gewijzigd", request)
    return s
