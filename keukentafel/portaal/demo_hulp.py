"""Demo data of the hulp part: volunteer vacancies per demo gebied and some volunteers (wired in by `demo_laden`)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.beleid.models import Leefgebied

from .models import Dagdeel, Vrijwilliger, Vrijwilligersvacature
from .vrijwilligers import TOESTEMMINGSTEKST_VRIJWILLIGER

#: (titel, organisatie, omschrijving, tijdsinvestering, dagdelen, leefgebied codes from beleid.services.LEEFGEBIEDEN)
VACATURES = [
    (
        "Maatje voor een oudere buurtbewoner",
        "Welzijn {gebied}",
        "Samen een wandeling maken, koffie drinken of boodschappen doen met iemand die weinig mensen ziet.",
        "2 uur per week",
        ["middag"],
        ["sociaal-netwerk", "maatschappelijke-participatie"],
    ),
    (
        "Thuisadministratie-vrijwilliger",
        "Humanitas {gemeente}",
        "Mensen helpen hun post en rekeningen op orde te brengen en te houden.",
        "3 uur per week",
        ["ochtend", "avond"],
        ["financien"],
    ),
    (
        "Chauffeur voor de buurtbus",
        "Stichting Vervoer {gemeente}",
        "Ouderen en mensen met een beperking naar de dagbesteding, de huisarts of de markt brengen.",
        "1 dagdeel per week",
        ["ochtend"],
        ["dagbesteding", "adl"],
    ),
    (
        "Taalmaatje",
        "Taalhuis {gemeente}",
        "Samen met een nieuwkomer Nederlands oefenen in gewone gesprekken.",
        "1,5 uur per week",
        ["avond"],
        ["werk-opleiding", "maatschappelijke-participatie"],
    ),
    (
        "Klussen in en om het huis",
        "Burenhulp {gebied}",
        "Kleine klussen voor mensen die het zelf niet (meer) kunnen: een lamp ophangen, de tuin bijhouden.",
        "Een paar uur per maand",
        ["weekend"],
        ["huisvesting"],
    ),
    (
        "Mantelzorgondersteuner",
        "Steunpunt Mantelzorg {gemeente}",
        "Een mantelzorger een dagdeel ontlasten door bij de naaste te zijn.",
        "4 uur per twee weken",
        ["middag", "weekend"],
        ["huiselijke-relaties", "sociaal-netwerk"],
    ),
]

VOORNAMEN = ["Anja", "Bram", "Chantal", "Dirk", "Esra", "Frank", "Gerda", "Hamid", "Ilse", "Joost", "Karin", "Lotte", "Mohamed", "Noor"]
ACHTERNAMEN = ["Bakker", "de Boer", "Claassen", "van Dijk", "Hendriks", "Janssen", "Kuipers", "Peters", "Smits", "Verhoeven", "Yilmaz"]


@transaction.atomic
def laad_demo(rng: random.Random) -> dict[str, int]:
    """2–3 vacancies per gebied, 1 gemeente-wide vacancy and ~1.5 volunteers per gebied; deterministic for a seeded rng."""
    leefgebieden = {lg.code: lg for lg in Leefgebied.objects.filter(actief=True)}
    vandaag = timezone.localdate()
    tellers = {"vacatures": 0, "vrijwilligers": 0}
    for gemeente in Gemeente.objects.order_by("naam"):
        gebieden = list(Gebied.objects.filter(gemeente=gemeente).order_by("naam"))
        for gebied in [None, *gebieden]:
            sjablonen = rng.sample(VACATURES, 1 if gebied is None else rng.randint(2, 3))
            for titel, org, omschrijving, tijd, dagdelen, codes in sjablonen:
                vac = Vrijwilligersvacature.objects.create(
                    gemeente=gemeente,
                    gebied=gebied,
                    titel=titel,
                    organisatie=org.format(gebied=gebied.naam if gebied else gemeente.naam, gemeente=gemeente.naam),
                    omschrijving=omschrijving,
                    contact=f"vrijwilligerswerk@{gemeente.naam.lower().replace(' ', '')}.example",
                    tijdsinvestering=tijd,
                    dagdelen=dagdelen,
                    geldig_tot=vandaag + timedelta(days=rng.randint(30, 180)),
                )
                vac.leefgebieden.set([leefgebieden[c] for c in codes if c in leefgebieden])
                tellers["vacatures"] += 1
        for i in range(max(1, round(len(gebieden) * 1.5))):
            naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
            v = Vrijwilliger.objects.create(
                gemeente=gemeente,
                naam=naam,
                email=f"vrijwilliger{gemeente.pk}-{i}@voorbeeld.example",
                beschikbaarheid=sorted(rng.sample(Dagdeel.values, rng.randint(1, 3)), key=Dagdeel.values.index),
                toestemming_op=timezone.now(),
                toestemmingstekst=TOESTEMMINGSTEKST_VRIJWILLIGER,
            )
            if gebieden:
                v.gebieden.set(rng.sample(gebieden, min(len(gebieden), rng.randint(1, 2))))
            if leefgebieden:
                v.interesses.set(
                    rng.sample(sorted(leefgebieden.values(), key=lambda lg: lg.code), min(len(leefgebieden), rng.randint(1, 3)))
                )
            tellers["vrijwilligers"] += 1
    return tellers
