"""315 verzoek om toewijzing and 317 verzoek om wijziging: checked on arrival, then a work item for the team.

Arrival (`@verwerker`): the TR rules below put their retourcode on the berichtklasse in the 316/318; what passes
becomes a `Verzoek` with status OPEN. A 315 gives one Verzoek per AangevraagdProduct, because each carries its own
ReferentieAanbieder and a 319 answers exactly one ReferentieAanbieder. A 317 is one request as a whole (one
ReferentieAanbieder for all its products), so any refusal in it refuses the whole and no work item is made.

The team then decides (`keur_goed`, `wijs_af`, `zet_in_onderzoek`): approving creates or changes the grants
through `besluiten.services` (so every grant rule applies) inside `toewijzing.uitgesteld()`, so the provider
gets ONE 301 carrying the ReferentieAanbieder (TR379); refusing sends a 319 with a WJ759 reason, "in onderzoek"
a 319 with VerzoekAntwoord 2.

Rules (retourcode):
- CS002 0001      315 with an unknown BSN that fails the elfproef (a known BSN is registered, see below).
- CD066-68 0001   Verwijzer: type 02-05 with AGB and no name, or without AGB with a name; other types no AGB.
- CD041 0001      Omvang is required when a ProductCode is given.
- CD076 0001      (Toewijzing)Einddatum is required when the Frequentie is 2 (per week); 315 and 317 Nieuw/TeWijzigen.
- TR347 9347      ReferentieAanbieder unique per provider and law (also within the message).
- TR374 9374      no verzoek of this provider for this client still open (OPEN or IN ONDERZOEK).
- TR304 8187      317: the client (Bsn) must be known.
- TR349 9349      317: every current grant of the client at this provider is in Ongewijzigd or TeWijzigen.
- TR350 9350      317: OngewijzigdProduct links to a current grant.
- TR351 9351      317: TeWijzigenProduct links to a current grant.
- TR357 9357      317: a GewensteIngangsdatum on or before the dagtekening is the grant's own start date.
- TR361 9361      317: the same product may not occur twice with overlapping periods (Wmo 11-14 may).
- TR373 9373      317: a change of budget or total volume (frequentie 6) applies from the grant's start date.
- TR411 9411      317: Omvang is required when the grant has a product code.
- TR412 9412      317: no Omvang when the grant has a category only (and ends after 2020 or open).
- TR375 9375      317: no Omvang when the grant has no product at all (and ends after 2020 or open).

An unknown BSN in a 315 is registered as a Persoon (name, birth date and gender from the message, gemeente of the
message), so a youth referral by a huisarts for a child not yet known to the team can be honoured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from lxml import etree
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.aanbod.models import Product
from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker
from keukentafel.besluiten import services
from keukentafel.besluiten.models import Grondslag, Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.besluiten.regels import Toekenningsverzoek
from keukentafel.codelijsten import Frequentie, RedenWijziging, Wet
from keukentafel.inwoners.models import Geslacht, Persoon
from keukentafel.inwoners.services import GelijktijdigGewijzigd, huidig_huishouden
from keukentafel.jeugd import services as jeugd

from .aanbieder.levering import Lezer
from .aanbieder.verzoek import VERWIJZERS_MET_ZORGVERLENER, Aanvraagregel, lees_aanvraagregel, lees_nieuw, lees_tewijzigen
from .antwoord import REDENEN_AFWIJZING, stuur_antwoord
from .codes import TECHNISCH_AFGEKEURD
from .models import Bericht, Verzoek, Verzoeksoort, Verzoekstatus
from .toewijzing import uitgesteld, vraag_toewijzing
from .verwerking import Context, Resultaat, verwerker

ONDERHANDEN = (Verzoekstatus.OPEN, Verzoekstatus.IN_ONDERZOEK)
#: Wmo hulpmiddelen (WMO020 11-14) may overlap, even within one category (TR361).
OVERLAP_TOEGESTAAN = {"11", "12", "13", "14"}
#: TR375/TR412 only apply to grants ending after this date (or open).
GRENS_OMVANG = date(2020, 12, 31)

#: COD327 Code verwijzer.
VERWIJZERS: dict[str, str] = {
    "01": "Gemeente",
    "02": "Huisarts",
    "03": "Jeugdarts",
    "04": "Gecertificeerde instelling",
    "05": "Medisch specialist",
    "06": "Zelfverwijzer / geen verwijzer",
    "08": "Rechter, Officier van Justitie, functionaris Justitiële jeugdinrichting",
}
#: WJ758 Reden verzoek.
REDENEN_VERZOEK: dict[str, str] = {"1": "Verandering cliëntsituatie", "2": "Wijziging zorgplan"}


# ---------------------------------------------------------------------------------------------------
# Arrival
# ---------------------------------------------------------------------------------------------------


def actuele_toewijzingen(persoon: Persoon, aanbieder, wet: str, op: date | None = None):
    """TR349: the client's grants at this provider valid on or after today (or starting later); never-valid ones
    (reden 13 "Verwijderd" or 01 with end = start) do not count."""
    op = op or timezone.localdate()
    return (
        ToegewezenVoorziening.objects.filter(persoon=persoon, aanbieder=aanbieder, product__wet=wet).geldend()
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .exclude(Q(reden_wijziging__in=["01", RedenWijziging.VERWIJDERD]) & Q(einddatum=F("begindatum")))
        .select_related("product")
        .order_by("toewijzingnummer")
    )


def _referentie_bezet(ctx: Context, referentie: str) -> bool:
    return Verzoek.objects.filter(aanbieder=ctx.aanbieder, wet=ctx.wet, referentie_aanbieder=referentie).exists()


def _onderhanden(ctx: Context, persoon: Persoon | None) -> bool:
    if persoon is None:
        return False
    return Verzoek.objects.filter(aanbieder=ctx.aanbieder, persoon=persoon, status__in=ONDERHANDEN).exists()


CD076 = "Bij Frequentie 2 (per week) is de einddatum verplicht (CD076)."


def _einddatum_ontbreekt(frequentie: str, einddatum: date | None) -> bool:
    """CD076: a weekly volume needs an end date, or declarations cannot be checked against the total."""
    return frequentie == Frequentie.PER_WEEK and einddatum is None


def _verwijzer_fout(r: Aanvraagregel) -> str:
    """CD066/CD067/CD068: who referred, and how they are identified."""
    if r.verwijzer_type in VERWIJZERS_MET_ZORGVERLENER:
        if r.verwijzer_agb and r.verwijzer_naam:
            return "Bij een verwijzer met AGB-code (ZorgverlenerCode) blijft de naam van de verwijzer leeg (CD066)."
        if not r.verwijzer_agb and not r.verwijzer_naam:
            return "Zonder AGB-code van de verwijzer is de naam van de verwijzer verplicht (CD067)."
    elif r.verwijzer_agb:
        return f"Bij verwijzer {r.verwijzer_type} ({VERWIJZERS.get(r.verwijzer_type, '?')}) blijft de ZorgverlenerCode leeg (CD068)."
    return ""


def _registreer(ctx: Context, lz: Lezer, client: etree._Element) -> Persoon:
    """A client the gemeente does not know yet (e.g. a child referred by the huisarts): record the person."""
    c = lz.client(client)
    persoon = Persoon.objects.create(
        bsn=c.bsn, voornamen=c.voornamen or c.voorletters, voorvoegsel=c.voorvoegsel[:10], geslachtsnaam=c.achternaam,
        geboortedatum=c.geboortedatum, geslacht=c.geslacht if c.geslacht in Geslacht.values else Geslacht.ONBEKEND,
        gemeente=ctx.gemeente,
    )
    audit.log(None, AuditActie.AANMAKEN, persoon, omschrijving=(
        f"Persoon {persoon.naam} vastgelegd uit verzoek om toewijzing ({ctx.bericht.code}) van {ctx.aanbieder.naam}"
    ))
    return persoon


@verwerker("315")
def verwerk_verzoek_om_toewijzing(ctx: Context) -> Resultaat:
    """315: one open Verzoek per AangevraagdProduct that passes the rules."""
    lz = Lezer(ctx.wet, "315")
    client = lz.vind(ctx.root, "m:Client")
    producten = lz.alle(client, "m:AangevraagdeProducten/m:AangevraagdProduct")
    bsn = lz.tekst(client, "m:Bsn")
    persoon = Persoon.objects.filter(bsn=bsn).first()
    if persoon is None and not stdnum_bsn.is_valid(bsn):
        ctx.afkeur(client, TECHNISCH_AFGEKEURD, "Het BSN voldoet niet aan de elfproef (CS002); de cliënt is niet vastgelegd.")
        return Resultaat(aantal_regels=len(producten), aantal_afgekeurd=len(producten))
    onderhanden = _onderhanden(ctx, persoon)
    commentaar_client = lz.tekst(client, "m:Commentaar")
    gezien: set[str] = set()
    afgekeurd = 0
    for ap in producten:
        r = lees_aanvraagregel(lz, ap)
        fouten: list[tuple[str, str]] = []
        if r.referentie_aanbieder in gezien or _referentie_bezet(ctx, r.referentie_aanbieder):
            fouten.append(("9347", f"ReferentieAanbieder {r.referentie_aanbieder} is al gebruikt (TR347)."))
        gezien.add(r.referentie_aanbieder)
        if onderhanden:
            fouten.append(("9374", "Er is al een verzoek van deze aanbieder voor deze cliënt in behandeling (TR374)."))
        if melding := _verwijzer_fout(r):
            fouten.append((TECHNISCH_AFGEKEURD, melding))
        if r.productcode and r.volume is None:
            fouten.append((TECHNISCH_AFGEKEURD, "Bij een ProductCode is de Omvang verplicht (CD041)."))
        if _einddatum_ontbreekt(r.frequentie, r.toewijzing_einddatum):
            fouten.append((TECHNISCH_AFGEKEURD, CD076))
        if fouten:
            for code, melding in fouten:
                ctx.afkeur(ap, code, melding)
            afgekeurd += 1
            continue
        if persoon is None:
            persoon = _registreer(ctx, lz, client)
        verzoek = Verzoek.objects.create(
            soort=Verzoeksoort.TOEWIJZING, wet=ctx.wet, bericht=ctx.bericht, gemeente=ctx.gemeente, aanbieder=ctx.aanbieder,
            persoon=persoon, referentie_aanbieder=r.referentie_aanbieder, inhoud=r.als_dict(),
            verwijzer_type=r.verwijzer_type, verwijzer_naam=r.verwijzer_naam, verwijzer_agb=r.verwijzer_agb,
            commentaar="\n".join(t for t in (commentaar_client, r.commentaar) if t),
        )
        jeugd.registreer_uit_verzoek(verzoek)  # a legal referrer (huisarts, jeugdarts, GI, specialist, rechter)
    return Resultaat(aantal_regels=len(producten), aantal_afgekeurd=afgekeurd, persoon_id=persoon.pk if persoon else None)


@dataclass
class _Periode:
    element: etree._Element
    categorie: str
    code: str
    begin: date
    eind: date | None


def _overlappen(a: _Periode, b: _Periode, wet: str) -> bool:
    """TR361: the same product (by code, else by category, else anything) with overlapping periods."""
    if a.begin > (b.eind or date.max) or b.begin > (a.eind or date.max):
        return False
    if wet == Wet.WMO and (a.categorie in OVERLAP_TOEGESTAAN or b.categorie in OVERLAP_TOEGESTAAN):
        return False
    if not a.categorie or not b.categorie:
        return True
    if a.code and b.code:
        return (a.categorie, a.code) == (b.categorie, b.code)
    return a.categorie == b.categorie


@verwerker("317")
def verwerk_verzoek_om_wijziging(ctx: Context) -> Resultaat:
    """317: one open Verzoek when the whole request passes; otherwise the 318 says what is wrong."""
    lz = Lezer(ctx.wet, "317")
    client = lz.vind(ctx.root, "m:Client")
    v_el = lz.vind(client, "m:Verzoek")
    ong = lz.alle(v_el, "m:OngewijzigdeProducten/m:OngewijzigdProduct")
    tew = lz.alle(v_el, "m:TeWijzigenProducten/m:TeWijzigenProduct")
    nw = lz.alle(v_el, "m:NieuweProducten/m:NieuwProduct")
    n = len(ong) + len(tew) + len(nw)
    persoon = Persoon.objects.filter(bsn=lz.tekst(client, "m:Bsn")).first()
    if persoon is None:
        ctx.afkeur(client, "8187", "Deze cliënt (BSN) is bij de gemeente niet bekend (TR304).")
        return Resultaat(aantal_regels=n, aantal_afgekeurd=n)
    referentie = lz.tekst(v_el, "m:ReferentieAanbieder")
    if _referentie_bezet(ctx, referentie):
        ctx.afkeur(v_el, "9347", f"ReferentieAanbieder {referentie} is al gebruikt (TR347).")
    if _onderhanden(ctx, persoon):
        ctx.afkeur(v_el, "9374", "Er is al een verzoek van deze aanbieder voor deze cliënt in behandeling (TR374).")
    actueel = {v.toewijzingnummer: v for v in actuele_toewijzingen(persoon, ctx.aanbieder, ctx.wet)}
    dagtekening = ctx.kop.dagtekening or timezone.localdate()
    genoemd: set[int] = set()
    perioden: list[_Periode] = []
    ongewijzigd: list[int] = []
    for el in ong:
        nr = lz.getal(el, "m:ToewijzingNummer")
        genoemd.add(nr)
        ongewijzigd.append(nr)
        v = actueel.get(nr)
        if v is None:
            ctx.afkeur(el, "9350", f"Toewijzing {nr} is geen actuele toewijzing van deze cliënt bij deze aanbieder (TR350).")
            continue
        perioden.append(_Periode(el, v.product.productcategorie, v.product.productcode, v.begindatum, v.einddatum))
    te_wijzigen = []
    for el in tew:
        r = lees_tewijzigen(lz, el)
        te_wijzigen.append(r.als_dict())
        genoemd.add(r.toewijzingnummer)
        v = actueel.get(r.toewijzingnummer)
        if v is None:
            ctx.afkeur(el, "9351", f"Toewijzing {r.toewijzingnummer} is geen actuele toewijzing van deze cliënt "
                                   "bij deze aanbieder (TR351).")
            continue
        if _einddatum_ontbreekt(r.frequentie, r.einddatum):
            ctx.afkeur(el, TECHNISCH_AFGEKEURD, CD076)
        for code, melding in _tewijzigen_fouten(r, v, dagtekening):
            ctx.afkeur(el, code, melding)
        perioden.append(_Periode(el, v.product.productcategorie, v.product.productcode, v.begindatum, r.einddatum or v.einddatum))
    nieuw = []
    for el in nw:
        r = lees_nieuw(lz, el)
        nieuw.append(r.als_dict())
        if r.productcode and r.volume is None:
            ctx.afkeur(el, TECHNISCH_AFGEKEURD, "Bij een ProductCode is de Omvang verplicht (CD041).")
        if _einddatum_ontbreekt(r.frequentie, r.einddatum):
            ctx.afkeur(el, TECHNISCH_AFGEKEURD, CD076)
        perioden.append(_Periode(el, r.productcategorie, r.productcode, r.gewenste_ingangsdatum, r.einddatum))
    ontbrekend = sorted(set(actueel) - genoemd)
    if ontbrekend:
        lijst = ", ".join(map(str, ontbrekend))
        ctx.afkeur(v_el, "9349", f"Niet alle actuele toewijzingen staan in het verzoek: ontbreekt {lijst} (TR349).")
    for i, b in enumerate(perioden):
        if any(_overlappen(a, b, ctx.wet) for a in perioden[:i]):
            ctx.afkeur(b.element, "9361", "Dit product komt vaker voor met overlappende perioden (TR361).")
    if ctx.codes:
        return Resultaat(aantal_regels=n, aantal_afgekeurd=n, persoon_id=persoon.pk)
    Verzoek.objects.create(
        soort=Verzoeksoort.WIJZIGING, wet=ctx.wet, bericht=ctx.bericht, gemeente=ctx.gemeente, aanbieder=ctx.aanbieder,
        persoon=persoon, referentie_aanbieder=referentie, reden_verzoek=lz.tekst(v_el, "m:RedenVerzoek"),
        inhoud={"ongewijzigd": ongewijzigd, "te_wijzigen": te_wijzigen, "nieuw": nieuw},
    )
    return Resultaat(aantal_regels=n, persoon_id=persoon.pk)


def _tewijzigen_fouten(r, v: ToegewezenVoorziening, dagtekening: date) -> list[tuple[str, str]]:
    fouten = []
    if r.gewenste_ingangsdatum <= dagtekening and r.gewenste_ingangsdatum != v.begindatum:
        fouten.append(("9357", f"Een wijziging die niet in de toekomst ingaat, geldt vanaf de ingangsdatum van de toewijzing "
                               f"({v.begindatum:%d-%m-%Y}) (TR357)."))
    totaal = r.budget is not None or (r.volume is not None and r.frequentie == "6" and r.volume != v.omvang)
    if totaal and r.gewenste_ingangsdatum != v.begindatum:
        fouten.append(("9373", "Een wijziging van budget of totaal volume geldt vanaf de ingangsdatum van de toewijzing (TR373)."))
    open_na_2020 = v.einddatum is None or v.einddatum > GRENS_OMVANG
    if v.product.productcode and r.volume is None:
        fouten.append(("9411", "De toewijzing heeft een productcode: vul de Omvang (TR411)."))
    elif not v.product.productcategorie and r.volume is not None and open_na_2020:
        fouten.append(("9375", "De toewijzing heeft geen product: laat de Omvang leeg (TR375)."))
    elif not v.product.productcode and r.volume is not None and open_na_2020:
        fouten.append(("9412", "De toewijzing heeft alleen een productcategorie: laat de Omvang leeg (TR412)."))
    return fouten


# ---------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------


def _vergrendel(verzoek: Verzoek, verwachte_versie: int, toegestaan: tuple[str, ...]) -> Verzoek:
    """The row under lock; GelijktijdigGewijzigd when someone decided meanwhile, ValidationError when it is closed."""
    actueel = Verzoek.objects.select_for_update().select_related("aanbieder", "persoon", "gemeente").get(pk=verzoek.pk)
    if actueel.version != verwachte_versie:
        raise GelijktijdigGewijzigd("Dit verzoek")
    if actueel.status not in toegestaan:
        raise ValidationError(f"Dit verzoek is al {actueel.get_status_display().lower()}; er valt niets meer te beslissen.")
    return actueel


def _rond_af(v: Verzoek, status: str, door: Medewerker, **velden) -> None:
    velden.update(status=status, behandeld_door=door, behandeld_op=timezone.now(), version=v.version + 1)
    Verzoek.objects.filter(pk=v.pk).update(**velden)
    for k, waarde in velden.items():
        setattr(v, k, waarde)


def _log(door: Medewerker, v: Verzoek, omschrijving: str, request) -> None:
    """The one audit record of a decision; a 319 it sent is named here, `stuur_antwoord` does not log it again."""
    huishouden = huidig_huishouden(v.persoon)
    audit.log(door, AuditActie.WIJZIGEN, v, omschrijving=omschrijving, huishouden_id=huishouden.pk if huishouden else None,
              request=request)


def _product(wet: str, categorie: str, code: str) -> Product:
    product = Product.objects.filter(wet=wet, productcategorie=categorie, productcode=code).first()
    if product is None:
        raise ValidationError(
            f"Het gevraagde product (categorie {categorie or '–'}, code {code or '–'}) staat niet in de productcatalogus. "
            "Wijs het verzoek af (bijvoorbeeld met reden 3 \"Geen contract\") of neem het product eerst op in het aanbod."
        )
    return product


def _datum(tekst: str | None) -> date | None:
    return date.fromisoformat(tekst) if tekst else None


def _ken_verzoek_toe(v: Verzoek, door: Medewerker, *, ingangsdatum, einddatum, omvang, request) -> list[ToegewezenVoorziening]:
    i = v.inhoud
    # A legal referral (huisarts, jeugdarts, GI, specialist, rechter) is granted as asked, on its own grondslag.
    jeugd.controleer_toekenning(v, ingangsdatum=ingangsdatum, einddatum=einddatum, omvang=omvang)
    grondslag = Grondslag.WETTELIJKE_VERWIJZING if jeugd.is_wettelijke_verwijzing(v) else Grondslag.VERZOEK
    product = _product(v.wet, i.get("productcategorie", ""), i.get("productcode", ""))
    omvang = omvang or i.get("volume")
    if not omvang:
        raise ValidationError({"omvang": "Het verzoek noemt geen omvang: vul de omvang in die u toekent."})
    begindatum = ingangsdatum or _datum(i.get("toewijzing_ingangsdatum"))
    einddatum = einddatum or _datum(i.get("toewijzing_einddatum"))
    tv = Toekenningsverzoek(
        persoon=v.persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=omvang,
        eenheid=i.get("eenheid") or product.eenheid, frequentie=i.get("frequentie") or product.frequentie,
        begindatum=begindatum, einddatum=einddatum, aanbieder=v.aanbieder,
    )
    return [services.ken_toe(door, tv, grondslag=grondslag, huishouden=huidig_huishouden(v.persoon), request=request)]


def _wijzig_volgens_verzoek(v: Verzoek, door: Medewerker, toelichting: str, request) -> list[ToegewezenVoorziening]:
    """317: TeWijzigen through `wijzig` (reden 12), a later GewensteIngangsdatum as end + new grant, NieuwProduct via ken_toe."""
    i = v.inhoud
    nummers = [*i.get("ongewijzigd", []), *(t["toewijzingnummer"] for t in i.get("te_wijzigen", []))]
    grants = {
        g.toewijzingnummer: g for g in ToegewezenVoorziening.objects.filter(
            gemeente=v.gemeente, toewijzingnummer__in=nummers, persoon=v.persoon, aanbieder=v.aanbieder
        ).select_related("product")
    }
    tekst = f"Verzoek om wijziging {v.referentie_aanbieder} van {v.aanbieder.naam}." + (f" {toelichting}" if toelichting else "")
    resultaat = [grants[nr] for nr in i.get("ongewijzigd", []) if nr in grants]
    for t in i.get("te_wijzigen", []):
        g = grants.get(t["toewijzingnummer"])
        if g is None or g.status != VoorzieningStatus.ACTIEF:
            raise ValidationError(f"Toewijzing {t['toewijzingnummer']} loopt niet meer; het verzoek kan zo niet worden toegekend.")
        if t.get("eenheid") and t["eenheid"] != g.eenheid:
            raise ValidationError(f"Toewijzing {g.toewijzingnummer} heeft een andere eenheid dan gevraagd; een eenheid wijzigt niet.")
        gewenst = _datum(t["gewenste_ingangsdatum"])
        nieuw_omvang = t["volume"] if t.get("volume") is not None else g.omvang
        nieuw_eind = _datum(t.get("einddatum")) or g.einddatum
        if nieuw_omvang == g.omvang and nieuw_eind == g.einddatum:
            resultaat.append(g)
        elif gewenst <= g.begindatum or nieuw_omvang == g.omvang:
            resultaat.append(services.wijzig(door, g, g.version, reden_wijziging=RedenWijziging.AANBIEDER, toelichting=tekst,
                                             omvang=nieuw_omvang, einddatum=nieuw_eind, request=request))
        else:
            # The new volume applies from a later date: this grant ends the day before, a new one carries the new volume.
            services.wijzig(door, g, g.version, reden_wijziging=RedenWijziging.AANBIEDER, toelichting=tekst,
                            einddatum=gewenst - timedelta(days=1), request=request)
            tv = Toekenningsverzoek(
                persoon=g.persoon, product=g.product, leveringsvorm=g.leveringsvorm, omvang=nieuw_omvang, eenheid=g.eenheid,
                frequentie=g.frequentie, begindatum=gewenst, einddatum=nieuw_eind, aanbieder=g.aanbieder,
            )
            resultaat += [g, services.ken_toe(door, tv, grondslag=Grondslag.VERZOEK, huishouden=g.huishouden, request=request)]
    for n in i.get("nieuw", []):
        product = _product(v.wet, n.get("productcategorie", ""), n.get("productcode", ""))
        if n.get("volume") is None:
            raise ValidationError(f"Voor het nieuwe product {product.naam} noemt het verzoek geen omvang; "
                                  "zo kan het niet worden toegekend.")
        tv = Toekenningsverzoek(
            persoon=v.persoon, product=product, leveringsvorm=Leveringsvorm.ZIN, omvang=n["volume"],
            eenheid=n.get("eenheid") or product.eenheid, frequentie=n.get("frequentie") or product.frequentie,
            begindatum=_datum(n["gewenste_ingangsdatum"]), einddatum=_datum(n.get("einddatum")), aanbieder=v.aanbieder,
        )
        resultaat.append(services.ken_toe(door, tv, grondslag=Grondslag.VERZOEK, huishouden=huidig_huishouden(v.persoon), request=request))
    return resultaat


@transaction.atomic
def keur_goed(
    verzoek: Verzoek, door: Medewerker, verwachte_versie: int, *, ingangsdatum: date | None = None,
    einddatum: date | None = None, omvang: int | None = None, toelichting: str = "", request=None,
) -> list[ToegewezenVoorziening]:
    """Honour the request: grants created or changed through besluiten.services, answered with one 301.

    For a 315 the team may adjust start, end and volume, except for a legal referral: that is granted as asked, on
    grondslag WETTELIJKE_VERWIJZING (only an end date the request left open may be filled in). A grant rule that
    refuses (Regelovertreding, a ValidationError with Dutch messages) rolls everything back and reaches the form as is.
    """
    v = _vergrendel(verzoek, verwachte_versie, ONDERHANDEN)
    with uitgesteld():
        if v.soort == Verzoeksoort.TOEWIJZING:
            voorzieningen = _ken_verzoek_toe(v, door, ingangsdatum=ingangsdatum, einddatum=einddatum, omvang=omvang, request=request)
        else:
            voorzieningen = _wijzig_volgens_verzoek(v, door, toelichting.strip(), request)
        # Linked before the block ends: the deferred 301 reads the ReferentieAanbieder from here (TR379).
        v.voorzieningen.add(*voorzieningen)
        jeugd.honoreer(v, voorzieningen, door, request)  # legal referral: linked, plan action, the team informed
        # Asked for even when no grant changed (a 317 granted as it stands): the provider still gets its answer, a 301
        # with the ReferentieAanbieder (TR379). When a grant did change, this is the same pending 301.
        vraag_toewijzing(v.persoon, v.aanbieder, v.gemeente, v.wet, door=door)
        _rond_af(v, Verzoekstatus.TOEGEKEND, door, toelichting_besluit=toelichting.strip())
    nummers = ", ".join(str(g.toewijzingnummer) for g in voorzieningen)
    _log(door, v, f"{v.get_soort_display()} {v.referentie_aanbieder} van {v.aanbieder.naam} toegekend (toewijzing {nummers})", request)
    verzoek.status, verzoek.version = v.status, v.version
    return voorzieningen


@transaction.atomic
def wijs_af(
    verzoek: Verzoek, door: Medewerker, verwachte_versie: int, *, reden_afwijzing: str, toelichting: str, request=None,
) -> Bericht:
    """Refuse: a 319 with VerzoekAntwoord 1 and the WJ759 reason ends the request (TR374 no longer blocks)."""
    if reden_afwijzing not in REDENEN_AFWIJZING:
        raise ValidationError({"reden_afwijzing": "Kies een reden van afwijzing uit de codelijst (WJ759)."})
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": "Licht de afwijzing toe; de toelichting blijft bij het verzoek bewaard."})
    v = _vergrendel(verzoek, verwachte_versie, ONDERHANDEN)
    jeugd.controleer_afwijzing(v, reden_afwijzing)  # a legal referral is refused on formal grounds only
    bericht = stuur_antwoord(v, verzoek_antwoord="1", reden_afwijzing=reden_afwijzing)
    _rond_af(v, Verzoekstatus.AFGEWEZEN, door, reden_afwijzing=reden_afwijzing, toelichting_besluit=toelichting.strip())
    _log(door, v, f"{v.get_soort_display()} {v.referentie_aanbieder} van {v.aanbieder.naam} afgewezen "
                  f"(reden {reden_afwijzing}: {REDENEN_AFWIJZING[reden_afwijzing]}), {bericht.code} {bericht.identificatie}", request)
    verzoek.status, verzoek.version = v.status, v.version
    return bericht


@transaction.atomic
def zet_in_onderzoek(verzoek: Verzoek, door: Medewerker, verwachte_versie: int, *, toelichting: str = "", request=None) -> Bericht:
    """Tell the provider the request is being looked into: a 319 with VerzoekAntwoord 2. It stays open (TR374)."""
    v = _vergrendel(verzoek, verwachte_versie, (Verzoekstatus.OPEN,))
    jeugd.controleer_onderzoek(v)  # a legal referral is honoured, not investigated
    bericht = stuur_antwoord(v, verzoek_antwoord="2")
    _rond_af(v, Verzoekstatus.IN_ONDERZOEK, door, toelichting_besluit=(toelichting or "").strip())
    _log(door, v, f"{v.get_soort_display()} {v.referentie_aanbieder} van {v.aanbieder.naam} in onderzoek genomen, "
                  f"{bericht.code} {bericht.identificatie}", request)
    verzoek.status, verzoek.version = v.status, v.version
    return bericht
