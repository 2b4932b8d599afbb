"""The Jeugdwet part of the demo region (issue 6): legal referrals on paper, measures with the GI as regisseur, a court
authorisation, the 18-/18+ transition and one meldcode trail with a Verwijsindex signal per gemeente.

Runs after the region, the provider simulator and the finance demo. Every record is made through `jeugd.services`
(and through it `besluiten.ken_toe`), so each grant passed every grant rule, the age limit included. Deterministic for
the `rng` it is given and today's date; loads nothing when the jeugd demo is already there.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from keukentafel.aanbod.models import Aanbieder, Product
from keukentafel.aanbod.services import geldige_tarieven, ontbrekende_kwaliteitsbewijzen
from keukentafel.accounts.models import Gemeente, Medewerker, Rol
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.demo.generator import BSN_BASIS, bsn_uit_prefix
from keukentafel.inwoners import services as inwoners
from keukentafel.inwoners.models import Huishoudlid, Jeugdmaatregel, LidRol, Persoon, SoortMaatregel
from keukentafel.plannen.models import Ondersteuningsplan

from . import services
from .models import (
    MeldcodeBesluit,
    MeldcodeStap,
    OvergangUitkomst,
    SoortMachtiging,
    VerwijzerSoort,
    Verwijzingsbron,
    WettelijkeVerwijzing,
)
from .regels import is_gesloten, verjaardag

#: Legal referrers on paper: (soort, naam, AGB-code, product code, omvang). Fictitious names; AGB codes outside the
#: providers' range (98.1xx.xxx). Huisarts AGB codes start with 01, jeugdartsen (JGZ) are named without one.
VERWIJZINGEN = (
    (VerwijzerSoort.HUISARTS, "Huisartsenpraktijk Bollenstreek, dr. E. van Rijn", "01038214", "54A01", 6),
    (VerwijzerSoort.JEUGDARTS, "Jeugdarts JGZ Duin en Bollen, M. de Graaf", "", "45A01", 2),
    (VerwijzerSoort.MEDISCH_SPECIALIST, "Kinderarts Groene Hart Ziekenhuis, dr. S. Kaya", "03061297", "41A01", 2),
)
GI = ("Jeugdbescherming Holland Rijnland (GI)", "Jeugdreclassering Duin en Bollen (GI)")
JEUGDBESCHERMERS = ("Sanne Verdegaal", "Mehmet Kaya", "Lotte van der Voort", "Piotr Nowak", "Iris Bouwman")
RECHTBANK = "Rechtbank Den Haag, locatie Leiden"
#: The 18-/18+ worklist looks this far ahead (OVERGANG_18_VOORLOOP_MAANDEN defaults to 12); stay well inside it.
OVERGANG_VENSTER = (timedelta(days=45), timedelta(days=300))


def kies_aanbieder(product: Product, gemeente: Gemeente, begin: date, op: date, rng: random.Random) -> Aanbieder | None:
    """A provider the grant rules accept: active, contracted with a tariff on `begin`, qualified on `op`, and under a
    contract without a ceiling (so the demo never eats into a capped contract's last room)."""
    tarieven = geldige_tarieven(product, gemeente, begin).filter(
        contract__aanbieder__actief=True, contract__budgetplafond_cent__isnull=True, contract__volumeplafond__isnull=True
    )
    kandidaten = sorted({t.contract.aanbieder for t in tarieven}, key=lambda a: a.pk)
    kandidaten = [a for a in kandidaten if not ontbrekende_kwaliteitsbewijzen(a, gemeente, op)]
    return rng.choice(kandidaten) if kandidaten else None


def generalisten(gemeente: Gemeente) -> list[Medewerker]:
    return list(Medewerker.objects.filter(rol=Rol.GENERALIST, team__gebied__gemeente=gemeente, is_active=True).order_by("username"))


def open_plan(huishouden) -> Ondersteuningsplan | None:
    return Ondersteuningsplan.objects.open().filter(huishouden=huishouden).select_related("regisseur").first()


def _regisseur_of_generalist(lid: Huishoudlid, gemeente: Gemeente) -> Medewerker:
    plan = open_plan(lid.huishouden)
    if plan is not None:
        return plan.regisseur
    eigen = [m for m in generalisten(gemeente) if m.team and m.team.gebied_id == lid.huishouden.gebied_id]
    return (eigen or generalisten(gemeente))[0]


def _jeugdigen(gemeente: Gemeente, vandaag: date) -> list[Huishoudlid]:
    """Current members under 18 of the gemeente's households, oldest first (ties by pk: deterministic)."""
    grens = vandaag.replace(year=vandaag.year - 18) if not (vandaag.month == 2 and vandaag.day == 29) else date(vandaag.year - 18, 3, 1)
    return list(
        Huishoudlid.objects.actief_op(vandaag)
        .filter(huishouden__gemeente=gemeente, persoon__geboortedatum__gt=grens)
        .select_related("persoon", "huishouden")
        .order_by("persoon__geboortedatum", "pk")
    )


def _heeft_lopend(persoon: Persoon, product: Product, begin: date, eind: date) -> bool:
    return ToegewezenVoorziening.objects.filter(persoon=persoon, product=product).overlappend(begin, eind).exists()


def _in_venster(persoon: Persoon, vandaag: date) -> bool:
    achttien = verjaardag(persoon, 18)
    return vandaag + OVERGANG_VENSTER[0] <= achttien <= vandaag + OVERGANG_VENSTER[1]


def vrij_bsn(volgnummer: int, basis: int = BSN_BASIS + 800_000) -> str:
    """A valid demo BSN not in use, far above the region's range (prefix 20.000.000 + 2n for n < ~10.000)."""
    n = basis + 2 * volgnummer
    while True:
        kandidaat = bsn_uit_prefix(n)
        if kandidaat and not Persoon.objects.filter(bsn=kandidaat).exists():
            return kandidaat
        n += 1


def eigen_gebied_eerst(leden: list[Huishoudlid], gebied_id: int | None) -> list[Huishoudlid]:
    """Members of the demo login's own gebied first, so `generalist.<gebied>` meets the data on the worklists."""
    return sorted(leden, key=lambda lid: lid.huishouden.gebied_id != gebied_id)


def _nieuwe_zeventienjarige(gemeente: Gemeente, vandaag: date, rng: random.Random, volgnummer: int, k: int) -> Huishoudlid | None:
    """A small region may have nobody turning 18 soon: a 17-year-old moves in with a parent in the first generalist's
    gebied (registered as the BRP would deliver it), so the 18-/18+ worklist has rows in every gemeente."""
    eerste = (generalisten(gemeente) or [None])[0]
    ouders = list(
        Huishoudlid.objects.actief_op(vandaag).filter(huishouden__gemeente=gemeente, rol=LidRol.AANVRAGER,
                                                      persoon__geboortedatum__lte=date(vandaag.year - 35, 1, 1),
                                                      persoon__geboortedatum__gte=date(vandaag.year - 60, 1, 1))
        .select_related("persoon", "huishouden").order_by("huishouden_id")
    )
    ouders = eigen_gebied_eerst(ouders, eerste.team.gebied_id if eerste and eerste.team_id else None)
    if len(ouders) <= k:
        return None
    ouder = ouders[k]
    h = ouder.huishouden
    geboren = verjaardag_terug(vandaag + timedelta(days=rng.randint(120, 240)), 18)
    kind = inwoners.registreer_persoon(
        eerste, bsn=vrij_bsn(10 * volgnummer + k), voornamen=rng.choice(("Daan", "Sem", "Lotte", "Noor", "Milan", "Yara")),
        voorvoegsel=ouder.persoon.voorvoegsel, geslachtsnaam=ouder.persoon.geslachtsnaam, geboortedatum=geboren,
        straat=h.straat, huisnummer=h.huisnummer, huisletter=h.huisletter, toevoeging=h.toevoeging, postcode=h.postcode,
        woonplaats=h.woonplaats,
    )
    return inwoners.voeg_lid_toe(eerste, h, kind, LidRol.KIND, vandaag - timedelta(days=rng.randint(60, 120)))


def verjaardag_terug(dag: date, jaren: int) -> date:
    """The birth date of someone who turns `jaren` on `dag`."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return date(dag.year - jaren, 2, 28)


def _verwijzingen(gemeente: Gemeente, jeugd: list[Huishoudlid], gebruikt: set[int], vandaag: date, rng: random.Random,
                  regels: list[str], volgnummer: int, gebied_id: int | None) -> list[WettelijkeVerwijzing]:
    """Three letters per gemeente; the first two go to youths turning 18 within the worklist window, so the
    "Overgang 18-/18+" list has rows whatever the region's own grants are."""
    gemaakt = []
    bijna_18 = [lid for lid in jeugd if _in_venster(lid.persoon, vandaag)]
    for k in range(2 - len(bijna_18)):  # two rows: one arranged, one still open
        if (nieuw := _nieuwe_zeventienjarige(gemeente, vandaag, rng, volgnummer, k)) is not None:
            bijna_18.append(nieuw)
    jonger = [lid for lid in jeugd if lid.persoon.leeftijd(vandaag) >= 4 and not _in_venster(lid.persoon, vandaag)]
    jonger = eigen_gebied_eerst(rng.sample(jonger, len(jonger)), gebied_id)
    for i, (soort, naam, agb, code, omvang) in enumerate(VERWIJZINGEN):
        product = Product.objects.filter(wet=Wet.JEUGDWET, productcode=code, actief=True).first()
        if product is None:
            continue
        begin = vandaag - timedelta(days=rng.randint(7, 60))
        kandidaten = (bijna_18 + jonger) if i < 2 else jonger
        for lid in kandidaten:
            persoon = lid.persoon
            eind = min(begin + timedelta(days=rng.choice((182, 273, 364))), verjaardag(persoon, 18) - timedelta(days=1))
            if persoon.pk in gebruikt or eind <= begin or _heeft_lopend(persoon, product, begin, eind):
                continue
            aanbieder = kies_aanbieder(product, gemeente, begin, vandaag, rng)
            if aanbieder is None:
                regels.append(f"geen gecontracteerde aanbieder voor {product.naam}")
                break
            door = _regisseur_of_generalist(lid, gemeente)
            verwijzing = services.registreer_verwijzing(
                door, persoon, soort=soort, naam=naam, agb_code=agb, datum=begin - timedelta(days=rng.randint(2, 10)),
                product=product, aanbieder=aanbieder, omvang=omvang, begindatum=begin, einddatum=eind,
                toelichting=f"Verwijsbrief van de {VerwijzerSoort(soort).label.lower()}, ontvangen per post en gescand in het dossier.",
            )
            gebruikt.add(persoon.pk)
            gemaakt.append(verwijzing)
            break
    return gemaakt


def _maatregelen(gemeente: Gemeente, jeugd: list[Huishoudlid], gebruikt: set[int], vandaag: date, rng: random.Random,
                 aantal: int) -> list[Jeugdmaatregel]:
    """An OTS (and in some gemeenten a jeugdreclassering for a 16- or 17-year-old) with the GI as regisseur."""
    gemaakt = []
    door_per_lid = {}
    ots = [lid for lid in jeugd if 12 <= lid.persoon.leeftijd(vandaag) <= 15 and lid.persoon.pk not in gebruikt] or [
        lid for lid in jeugd if 3 <= lid.persoon.leeftijd(vandaag) <= 15 and lid.persoon.pk not in gebruikt]
    jr = [lid for lid in jeugd if 16 <= lid.persoon.leeftijd(vandaag) <= 17 and lid.persoon.pk not in gebruikt]
    keuzes = [(SoortMaatregel.ONDERTOEZICHTSTELLING, ots, GI[0])]
    if aantal > 1:
        keuzes.append((SoortMaatregel.JEUGDRECLASSERING, jr, GI[1]))
    for soort, kandidaten, gi in keuzes:
        if not kandidaten:
            continue
        lid = kandidaten[rng.randrange(len(kandidaten))]
        door = door_per_lid.setdefault(lid.pk, _regisseur_of_generalist(lid, gemeente))
        begin = vandaag - timedelta(days=rng.randint(60, 240))
        jaar = begin.year % 100
        m = services.leg_maatregel_vast(
            door, lid.persoon, soort=soort, gecertificeerde_instelling=gi, begindatum=begin,
            einddatum=begin + timedelta(days=364), jeugdbeschermer=rng.choice(JEUGDBESCHERMERS),
            telefoon=f"071{rng.randint(1000000, 9999999)}", email="regie@gi.example", rechtbank=RECHTBANK,
            zaaknummer=f"C/09/{rng.randint(600000, 699999)} / JE RK {jaar:02d}-{rng.randint(100, 2999)}",
        )
        gebruikt.add(lid.persoon.pk)
        gemaakt.append(m)
    return gemaakt


def _machtiging(gemeente: Gemeente, maatregelen: list[Jeugdmaatregel], vandaag: date, rng: random.Random,
                regels: list[str]) -> None:
    """A machtiging gesloten jeugdhulp for the youth under OTS; the grant only when the catalogue has a gesloten product."""
    ots = next((m for m in maatregelen if m.soort == SoortMaatregel.ONDERTOEZICHTSTELLING and m.persoon.leeftijd(vandaag) >= 12), None)
    if ots is None:
        return
    persoon = ots.persoon
    lid = Huishoudlid.objects.actief_op(vandaag).filter(persoon=persoon).select_related("huishouden").first()
    door = _regisseur_of_generalist(lid, gemeente)
    uitspraak = vandaag - timedelta(days=rng.randint(10, 30))
    eind = min(uitspraak + timedelta(days=181), verjaardag(persoon, 18) - timedelta(days=1))
    services.leg_machtiging_vast(
        door, persoon, soort=SoortMachtiging.MACHTIGING, rechtbank=RECHTBANK,
        zaaknummer=f"C/09/{rng.randint(600000, 699999)} / JE RK {uitspraak.year % 100:02d}-{rng.randint(100, 2999)}",
        uitspraakdatum=uitspraak, ingangsdatum=uitspraak, einddatum=eind,
    )
    # The kinderrechter's order is a legal referral too (COD327 08): granted as such, inside the machtiging's period.
    gesloten = [p for p in Product.objects.filter(wet=Wet.JEUGDWET, actief=True).order_by("productcode") if is_gesloten(p)]
    for product in gesloten:
        aanbieder = kies_aanbieder(product, gemeente, uitspraak, vandaag, rng)
        if aanbieder is None:
            continue
        services.registreer_verwijzing(
            door, persoon, soort=VerwijzerSoort.RECHTER, naam=RECHTBANK, datum=uitspraak, product=product, aanbieder=aanbieder,
            omvang=7, begindatum=uitspraak, einddatum=eind, toelichting="Machtiging gesloten jeugdhulp van de kinderrechter.",
        )
        regels.append(f"machtiging gesloten jeugdhulp met toewijzing {product.naam}")
        return
    regels.append("machtiging gesloten jeugdhulp vastgelegd; geen toewijzing: de catalogus heeft geen product gesloten jeugdhulp")


def _overgang(gemeente: Gemeente, vandaag: date) -> int:
    """The worklist as the gemeente's backoffice sees it; the first youth gets an arranged outcome, the rest stay open."""
    backoffice = (
        Medewerker.objects.filter(Q(team__gebied__gemeente=gemeente) | Q(gemeente=gemeente), rol=Rol.BACKOFFICE)
        .order_by("username").first()
    )
    kijker = backoffice or (generalisten(gemeente) or [None])[0]
    if kijker is None:
        return 0
    rijen = [r for r in services.overgangslijst(kijker, vandaag) if r.overgang is None and r.persoon.gemeente_id in (gemeente.pk, None)]
    if not rijen:
        return 0
    rij = rijen[0]
    lid = Huishoudlid.objects.actief_op(vandaag).filter(persoon=rij.persoon).select_related("huishouden").first()
    door = _regisseur_of_generalist(lid, gemeente)
    lopend = ", ".join(v.product.naam for v in rij.lopend)
    services.leg_overgang_vast(
        door, rij.persoon, None, uitkomst=OvergangUitkomst.WMO,
        motivering=(f"Met {rij.persoon.voornamen} en ouders besproken wat na de 18e verjaardag nodig is ({lopend} stopt dan). "
                    "Begeleiding via de Wmo 2015 aangevraagd, zodat die aansluit op de jeugdhulp."),
    )
    return len(rijen)


def _veiligheid(gemeente: Gemeente, jeugd: list[Huishoudlid], vandaag: date, rng: random.Random) -> str | None:
    """One meldcode trail and one Verwijsindex signal, recorded by the regisseur of the youth's household plan (the
    strict access lets exactly them, their teamleider and nobody else in). Prefer the first generalist's own plan."""
    eerste = (generalisten(gemeente) or [None])[0]
    met_plan = [(lid, plan) for lid in jeugd if (plan := open_plan(lid.huishouden)) is not None and lid.persoon.leeftijd(vandaag) < 16]
    if not met_plan:
        return None
    eigen = [(lid, plan) for lid, plan in met_plan if eerste is not None and plan.regisseur_id == eerste.pk]
    lid, plan = (eigen or met_plan)[0]
    door, persoon = plan.regisseur, lid.persoon
    start = vandaag - timedelta(days=rng.randint(35, 50))
    traject = services.start_meldcode(door, persoon, gestart_op=start)
    stappen = (
        (MeldcodeStap.SIGNALEN, 0, f"{door.get_full_name()}, generalist",
         "School meldt blauwe plekken en een teruggetrokken kind; thuis veel spanning sinds het ontslag van vader.", False),
        (MeldcodeStap.CONSULTATIE, 3, "Aandachtsfunctionaris huiselijk geweld gebiedsteam",
         "Collegiaal besproken en Veilig Thuis anoniem geraadpleegd: eerst het gesprek met de ouders aangaan.", True),
        (MeldcodeStap.GESPREK, 8, f"{door.get_full_name()} met beide ouders",
         "Ouders herkennen de spanning, willen hulp bij opvoeden en bij de schulden; kind voelt zich veilig bij moeder.", False),
        (MeldcodeStap.WEGEN, 12, f"{door.get_full_name()} met de aandachtsfunctionaris",
         "Afwegingskader: geen acute of structurele onveiligheid; hulp kan de zorgen wegnemen, mits de ouders meewerken.", False),
    )
    for stap, dagen, wie, uitkomst, vt in stappen:
        services.leg_meldcodestap_vast(door, traject, traject.version, stap=stap, datum=start + timedelta(days=dagen), wie=wie,
                                       uitkomst=uitkomst, veilig_thuis_geraadpleegd=vt)
    services.rond_meldcode_af(door, traject, traject.version, besluit=MeldcodeBesluit.HULP, datum=start + timedelta(days=14))
    services.registreer_verwijsindexsignaal(
        door, persoon, signaalgever=f"{door.get_full_name()}, generalist gebiedsteam", organisatie=f"Gebiedsteam {gemeente.naam}",
        datum=start + timedelta(days=1),
    )
    return f"{lid.huishouden.naam} (regisseur {door.username})"


@transaction.atomic
def laad_demo(rng: random.Random, uitvoer: Callable[[str], None] | None = None, *, vandaag: date | None = None) -> int:
    """Load the Jeugdwet demo for every gemeente; returns the number of gemeenten loaded (0 when already there)."""
    if WettelijkeVerwijzing.objects.filter(bron=Verwijzingsbron.BRIEF).exists():
        return 0
    vandaag = vandaag or timezone.localdate()
    uitvoer = uitvoer or (lambda tekst: None)
    gemeenten = list(Gemeente.objects.order_by("naam"))
    for nummer, gemeente in enumerate(gemeenten):
        regels: list[str] = []
        eerste = (generalisten(gemeente) or [None])[0]
        gebied_id = eerste.team.gebied_id if eerste and eerste.team_id else None
        jeugd = eigen_gebied_eerst(_jeugdigen(gemeente, vandaag), gebied_id)
        gebruikt: set[int] = set(
            Jeugdmaatregel.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)).values_list("persoon_id", flat=True)
        )
        verwijzingen = _verwijzingen(gemeente, jeugd, gebruikt, vandaag, rng, regels, nummer, gebied_id)
        maatregelen = _maatregelen(gemeente, jeugd, gebruikt, vandaag, rng, aantal=1 + nummer % 2)
        if gemeente.naam == "Teylingen" or (nummer == len(gemeenten) - 1 and not Gemeente.objects.filter(naam="Teylingen").exists()):
            _machtiging(gemeente, maatregelen, vandaag, rng, regels)
        overgang = _overgang(gemeente, vandaag)
        veilig = _veiligheid(gemeente, jeugd, vandaag, rng)
        tekst = (
            f"  {gemeente.naam}: {len(verwijzingen)} wettelijke verwijzing(en), {len(maatregelen)} maatregel(en) met de GI als "
            f"regisseur, {overgang} jeugdige(n) op de overgangslijst 18-/18+"
        )
        if veilig:
            tekst += f", meldcode en Verwijsindex bij {veilig}"
        uitvoer(tekst + (f" ({'; '.join(regels)})" if regels else ""))
    return len(gemeenten)
