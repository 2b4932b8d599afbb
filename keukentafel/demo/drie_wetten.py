"""Issue 6's showcase: the household Yilmaz in Sassenheim (Teylingen), three laws in one ondersteuningsplan.

- Ayşe (41) lives on bijstand and starts a Werkspoor trajectory with a werkervaringsplek (Participatiewet);
- Emre (15) is referred by the huisarts to jeugd-ggz; the provider sends the JW315, the regisseur approves it, the
  JW301 goes out and the youth part lands in the plan (Jeugdwet);
- grandmother Fatma (74) lives in and gets begeleiding (Wmo 2015).

One plan, one regisseur (`generalist.sassenheim`, the first generalist of Sassenheim), every action tagged with its
law and, where this year's demo begroting has one, its budget line. Everything goes through the services a user's
clicks would call, the 315 through the real message intake. Runs after the jeugd and participatie demos.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from keukentafel.aanbod.models import Product
from keukentafel.accounts.models import Gemeente, Medewerker, Rol
from keukentafel.beleid.models import Leefgebied
from keukentafel.berichten import verzoeken
from keukentafel.berichten.aanbieder.levering import client_van
from keukentafel.berichten.aanbieder.verzoek import Aanvraagregel, verzoek_om_toewijzing
from keukentafel.berichten.models import Bericht, Kanaal, Richting, Verzoek
from keukentafel.berichten.verwerking import ontvang
from keukentafel.besluiten import besluitvorming
from keukentafel.besluiten.besluitvorming import ROUTE_VERWIJZING, route_voor
from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.codelijsten import Wet
from keukentafel.financien.models import Begrotingspost, Domein, Postsoort
from keukentafel.inwoners import services as inwoners
from keukentafel.inwoners.models import Geslacht, Huishouden, LidRol, Persoon
from keukentafel.jeugd.demo import kies_aanbieder
from keukentafel.participatie import services as participatie
from keukentafel.participatie.models import SoortInstrument, Werkgever
from keukentafel.plannen import services as plannen
from keukentafel.plannen.models import Ondersteuningsplan, OndertekenaarRol, Ondertekenmethode, Trede

from .generator import BSN_BASIS, bsn_uit_prefix

NAAM = "Huishouden Yilmaz"
GEMEENTE = "Teylingen"
REGISSEUR = "generalist.sassenheim"
ADRES = {"straat": "Parklaan", "huisnummer": 41, "postcode": "2171KD", "woonplaats": "Sassenheim"}
HUISARTS_AGB = "01038214"  # fictitious AGB code of the huisarts (02: verwijzer with ZorgverlenerCode, no name: CD066)
#: Demo BSNs for this household: far above the region's range (prefix 20.000.000 + 2n for n < ~10.000).
BSN_VAN = BSN_BASIS + 900_000


@dataclass
class Uitkomst:
    huishouden: Huishouden
    plan: Ondersteuningsplan
    jw301: Bericht | None


def _bsn(volgnummer: int) -> str:
    n = BSN_VAN + 2 * volgnummer
    while True:
        kandidaat = bsn_uit_prefix(n)
        if kandidaat and stdnum_bsn.is_valid(kandidaat) and not Persoon.objects.filter(bsn=kandidaat).exists():
            return kandidaat
        n += 1


def _geboren(vandaag: date, jaren: int, dagen: int) -> date:
    try:
        d = vandaag.replace(year=vandaag.year - jaren)
    except ValueError:
        d = date(vandaag.year - jaren, 2, 28)
    return d - timedelta(days=dagen)


def _post(gemeente: Gemeente, jaar: int, domein: str, code: str) -> Begrotingspost | None:
    return Begrotingspost.objects.filter(
        begroting__gemeente=gemeente, begroting__jaar=jaar, domein=domein, soort=Postsoort.LASTEN, saldopost=False, code=code
    ).first()


@transaction.atomic
def laad_demo(rng: random.Random, uitvoer: Callable[[str], None] | None = None, *, vandaag: date | None = None) -> Uitkomst | None:
    """Build the household; None when it exists already or the region has no Teylingen / Sassenheim generalist."""
    uitvoer = uitvoer or (lambda tekst: None)
    if Huishouden.objects.filter(naam=NAAM).exists():
        return None
    gemeente = Gemeente.objects.filter(naam=GEMEENTE).first()
    regisseur = Medewerker.objects.filter(username=REGISSEUR, rol=Rol.GENERALIST).first()
    if gemeente is None or regisseur is None:
        uitvoer(f"  {NAAM} niet geladen: gemeente {GEMEENTE} of {REGISSEUR} ontbreekt.")
        return None
    vandaag = vandaag or timezone.localdate()
    ingeschreven = vandaag - timedelta(days=rng.randint(2000, 3000))

    # --- the household ------------------------------------------------------------------------------------------
    ayse = inwoners.registreer_persoon(regisseur, bsn=_bsn(0), voornamen="Ayşe", geslachtsnaam="Yilmaz",
                                       geboortedatum=_geboren(vandaag, 41, rng.randint(10, 300)), geslacht=Geslacht.VROUW,
                                       telefoon="0612345678", **ADRES)
    emre = inwoners.registreer_persoon(regisseur, bsn=_bsn(1), voornamen="Emre", geslachtsnaam="Yilmaz",
                                       geboortedatum=_geboren(vandaag, 15, rng.randint(30, 200)), geslacht=Geslacht.MAN, **ADRES)
    fatma = inwoners.registreer_persoon(regisseur, bsn=_bsn(2), voornamen="Fatma", geslachtsnaam="Yilmaz",
                                        geboortedatum=_geboren(vandaag, 74, rng.randint(10, 300)), geslacht=Geslacht.VROUW, **ADRES)
    huishouden = inwoners.maak_huishouden(regisseur, ayse, ingeschreven, naam=NAAM)
    inwoners.voeg_lid_toe(regisseur, huishouden, emre, LidRol.KIND, ingeschreven)
    inwoners.voeg_lid_toe(regisseur, huishouden, fatma, LidRol.OUDER, vandaag - timedelta(days=rng.randint(200, 400)))

    # --- one plan, one regisseur ----------------------------------------------------------------------------------
    plan = plannen.maak_plan(regisseur, huishouden, regisseur=regisseur, toelichting=(
        "Drie generaties onder één dak. Ayşe zorgt voor haar zoon en haar moeder en wil weer aan het werk; Emre loopt vast "
        "op school en thuis (somberheid), de huisarts verwees naar de jeugd-ggz; oma Fatma heeft na een beroerte hulp nodig "
        "bij het regelen van haar dag. Eén gezin, één plan, één regisseur."
    ))
    lg = {x.code: x for x in Leefgebied.objects.all()}
    van = vandaag - timedelta(days=14)
    doel_fatma = plannen.voeg_doel_toe(regisseur, plan, plan.version, leefgebied=lg["adl"], persoon=fatma,
                                       omschrijving="Fatma houdt structuur in haar dag en kan thuis blijven wonen.",
                                       beoogd_resultaat="Zelfredzaamheid op ADL van 2 naar 3 binnen een half jaar.")
    plannen.voeg_actie_toe(regisseur, doel_fatma, plan.version, trede=Trede.SOCIAAL_NETWERK, uitvoerder="Ayşe Yilmaz (dochter)",
                           omschrijving="Ayşe doet de boodschappen en gaat mee naar de huisarts.", van=van)
    begeleiding = Product.objects.filter(wet=Wet.WMO, productcode="02A01", actief=True).first()
    wmo_aanbieder = kies_aanbieder(begeleiding, gemeente, vandaag, vandaag, rng) if begeleiding else None
    wmo = plannen.voeg_actie_toe(
        regisseur, doel_fatma, plan.version, trede=Trede.MAATWERK, product=begeleiding,
        uitvoerder=wmo_aanbieder.naam if wmo_aanbieder else "Gecontracteerde aanbieder begeleiding",
        omschrijving="Individuele begeleiding, 3 uur per week: dagstructuur, post en afspraken.", van=vandaag,
        tot=vandaag + timedelta(days=364), begrotingspost=_post(gemeente, vandaag.year, Domein.WMO, "wmo-begeleiding"),
    )
    if wmo_aanbieder is not None and route_voor(begeleiding, gemeente, vandaag) == ROUTE_VERWIJZING:
        # Begeleiding is indicatievrij ("ja, tenzij"): a verwijsbrief signed by Fatma, the regisseur and the provider grants it.
        verwijsbrief = besluitvorming.maak_verwijzing(
            regisseur, plan=plan, actie=wmo, persoon=fatma, product=begeleiding, aanbieder=wmo_aanbieder, omvang=3,
            eenheid=begeleiding.eenheid, frequentie=begeleiding.frequentie, begindatum=vandaag, einddatum=vandaag + timedelta(days=364),
            hulpvraag="Fatma (74) heeft na een beroerte hulp nodig bij dagstructuur, post en afspraken; haar dochter doet de "
                      "boodschappen. Afgesproken: 3 uur begeleiding per week, evaluatie na een half jaar.",
        )
        besluitvorming.onderteken_verwijzing(
            regisseur, verwijsbrief, inwoner_op=vandaag, inwoner_door=fatma.naam, generalist_op=vandaag, aanbieder_op=vandaag,
            aanbieder_door=wmo_aanbieder.contactpersoon or wmo_aanbieder.naam,
        )
        plan.refresh_from_db(fields=["version"])

    # --- Participatiewet: Ayşe on the Werkspoor with a werkervaringsplek ------------------------------------------
    start = vandaag - timedelta(days=rng.randint(45, 60))
    traject = participatie.start_traject(
        regisseur, ayse, klantmanager=regisseur, verdiencapaciteit_procent=60, startdatum=start,
        uitkering_sinds=vandaag - timedelta(days=rng.randint(700, 900)),
        toelichting="Bijstand sinds de scheiding; werkte eerder in de zorg. Mantelzorg voor haar moeder is geregeld via het plan.",
    )
    participatie.leg_ladderscore_vast(regisseur, ayse, datum=start, trede=3, toelichting="Vrijwilligerswerk op de school van Emre.")
    participatie.volgende_fase(regisseur, traject, traject.version, datum=start + timedelta(days=21),
                               toelichting="Diagnose: belastbaar voor 24 uur per week, voorkeur zorg en facilitair.")
    werkgever = Werkgever.objects.filter(gemeente=gemeente, naam__startswith="Zorgcentrum").order_by("pk").first()
    wep_start = start + timedelta(days=28)
    participatie.voeg_instrument_toe(
        regisseur, traject, soort=SoortInstrument.WERKERVARINGSPLEK, werkgever=werkgever,
        uitvoerder="" if werkgever else "Zorgcentrum in Sassenheim",
        omschrijving="Werkervaringsplek facilitaire dienst, 24 uur per week, met een vaste begeleider op de werkvloer.",
        startdatum=wep_start, einddatum=wep_start + timedelta(days=181), kosten_cent=0,
        begrotingspost=_post(gemeente, wep_start.year, Domein.PARTICIPATIE, "part-reintegratie"),
    )
    participatie.leg_ladderscore_vast(regisseur, ayse, datum=wep_start, trede=4, toelichting="Werkervaringsplek.")

    # --- Jeugdwet: the huisarts refers Emre to jeugd-ggz; the provider sends a JW315 -------------------------------
    ggz = Product.objects.filter(wet=Wet.JEUGDWET, productcode="54A01", actief=True).first()
    jw301 = None
    aanbieder = kies_aanbieder(ggz, gemeente, vandaag, vandaag, rng) if ggz else None
    if aanbieder is not None:
        regel = Aanvraagregel(
            referentie_aanbieder=f"GGZ-YILMAZ-{vandaag:%Y}", productcategorie=ggz.productcategorie, productcode=ggz.productcode,
            toewijzing_ingangsdatum=vandaag, toewijzing_einddatum=vandaag + timedelta(days=181), volume=6, eenheid=ggz.eenheid,
            frequentie=ggz.frequentie, verwijzer_type="02", verwijzer_agb=HUISARTS_AGB,
            commentaar="Verwijzing huisarts: somberheid en schoolverzuim; diagnostiek en behandeling met systeemgesprekken.",
        )
        opbouw = verzoek_om_toewijzing(
            Wet.JEUGDWET, agb=aanbieder.agb_code, gemeentecode=gemeente.gemeentecode, identificatie=f"YLZ{vandaag:%y%m%d}001",
            dagtekening=vandaag, client=client_van(emre), producten=[regel], gezagsdrager_bekend="1",
        )
        ontvangst = ontvang(opbouw.bytes(), kanaal=Kanaal.MAP, bestandsnaam=f"JW315_YLZ{vandaag:%y%m%d}001.xml")
        verzoek = Verzoek.objects.filter(bericht=ontvangst.bericht).first() if ontvangst.bericht else None
        if verzoek is None:
            fouten = ontvangst.fouten or (ontvangst.bericht.fouten if ontvangst.bericht else [])
            uitvoer(f"  {NAAM}: de JW315 is niet aangekomen ({fouten}).")
        else:
            verzoeken.keur_goed(verzoek, regisseur, verzoek.version)
            jw301 = Bericht.objects.filter(richting=Richting.UIT, soort="301", persoon=emre).order_by("-pk").first()
    else:
        uitvoer(f"  {NAAM}: geen gecontracteerde aanbieder voor jeugd-ggz in {GEMEENTE}; Emre zonder jeugdhulp.")

    # --- the plan signed as it stands: Ayşe for the household, the regisseur for the team ------------------------
    plan.refresh_from_db()
    versie = plannen.leg_versie_vast(regisseur, plan, plan.version, toelichting="Plan met jeugd, Wmo en werk besproken aan de keukentafel.")
    plannen.onderteken(regisseur, versie, rol=OndertekenaarRol.INWONER, methode=Ondertekenmethode.PAPIER, datum=vandaag, persoon=ayse)
    plannen.onderteken(regisseur, versie, rol=OndertekenaarRol.PROFESSIONAL, methode=Ondertekenmethode.DIGITAAL, datum=vandaag)
    plan.refresh_from_db()
    wetten = sorted({a.get_wet_display() for d in plan.doelen.all() for a in d.acties.all() if a.wet})
    jeugdhulp = ToegewezenVoorziening.objects.filter(persoon=emre).first()
    uitvoer(
        f"  {NAAM}, {ADRES['straat']} {ADRES['huisnummer']} {ADRES['woonplaats']}: één plan (regisseur {REGISSEUR}) met acties onder "
        f"{', '.join(wetten)}"
        + (f"; jeugd-ggz voor Emre via JW315, toegewezen met {jw301.code} {jw301.identificatie}" if jw301 and jeugdhulp else "")
        + f"; Wmo-begeleiding voor oma Fatma ({wmo.voorziening}"
        + (", toegewezen na verwijzing)." if ToegewezenVoorziening.objects.filter(persoon=fatma).exists() else ").")
    )
    return Uitkomst(huishouden, plan, jw301)

