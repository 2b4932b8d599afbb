"""Structural accessibility of the participatie pages: labels, heading order, unique ids, no inline script."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from keukentafel.inwoners.tests.test_toegankelijkheid import controleer
from keukentafel.participatie import services
from keukentafel.participatie.models import SoortInstrument, Traject
from keukentafel.testing.factories_participatie import CompetentieFactory, WerkgeverFactory


def test_paginas_participatie(client, generalist, ouder, huishouden, plan):
    vandaag = timezone.localdate()
    traject = services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=vandaag)
    services.voeg_instrument_toe(
        generalist,
        traject,
        soort=SoortInstrument.LOONWAARDEBEPALING,
        omschrijving="Loonwaarde",
        uitvoerder="Bakkerij",
        startdatum=date(2026, 3, 1),
        loonwaarde_procent=40,
        uren_per_week=Decimal(24),
    )
    services.leg_tegenprestatie_vast(
        generalist,
        traject,
        inhoud="Buurthuis",
        uren_per_week=Decimal(4),
        startdatum=vandaag,
        einddatum=vandaag + timedelta(days=60),
        naar_vermogen=True,
        geen_verdringing=True,
        beperkt_in_tijd_en_omvang=True,
    )
    services.leg_ladderscore_vast(generalist, ouder, datum=vandaag, trede=3)
    comp = CompetentieFactory(naam="Nauwkeurig werken")
    services.zet_competenties(generalist, ouder, [comp])
    werkgever = WerkgeverFactory(gemeente=huishouden.gemeente)
    vacature = services.maak_vacature(generalist, werkgever, titel="Inpakker", uren_per_week=Decimal(24), competenties=[comp])
    gevuld = services.maak_vacature(generalist, werkgever, titel="Kok", uren_per_week=Decimal(20), competenties=[comp])
    services.plaats_kandidaat(generalist, traject, gevuld, startdatum=vandaag)
    services.leg_werkgeverscontact_vast(generalist, werkgever, datum=vandaag, soort="bezoek", notities="Kennismaking")
    Traject.objects.filter(pk=traject.pk).update(herbeoordeling_op=vandaag)
    traject.refresh_from_db()
    instrument = traject.instrumenten.get()
    client.force_login(generalist)
    for response in (
        client.get(reverse("participatie:persoon", args=[ouder.pk])),
        client.get(reverse("participatie:huishouden", args=[huishouden.pk])),
        client.get(reverse("participatie:traject_nieuw", args=[huishouden.leden.last().persoon.pk])),
        client.post(reverse("participatie:traject_nieuw", args=[huishouden.leden.last().persoon.pk]), {}),
        client.get(reverse("participatie:herbeoordeling", args=[traject.pk])),
        client.post(reverse("participatie:herbeoordeling", args=[traject.pk]), {"version": traject.version}),
        client.get(reverse("participatie:traject_afsluiten", args=[traject.pk])),
        client.get(reverse("participatie:instrument_nieuw", args=[traject.pk])),
        client.post(reverse("participatie:instrument_nieuw", args=[traject.pk]), {"soort": "loonwaardebepaling"}),
        client.get(reverse("participatie:instrument_uitkomst", args=[instrument.pk])),
        client.get(reverse("participatie:tegenprestatie_nieuw", args=[traject.pk])),
        client.post(reverse("participatie:tegenprestatie_nieuw", args=[traject.pk]), {"inhoud": "x"}),
        client.get(reverse("participatie:ladder", args=[ouder.pk])),
        client.post(reverse("participatie:ladder", args=[ouder.pk]), {}),
        client.get(reverse("participatie:competenties", args=[ouder.pk])),
        client.get(reverse("participatie:herbeoordelingen")),
        client.get(reverse("participatie:werkgevers")),
        client.post(reverse("participatie:werkgevers"), {"kvk_nummer": "12"}),
        client.get(reverse("participatie:werkgever", args=[werkgever.pk])),
        client.post(reverse("participatie:werkgever", args=[werkgever.pk]), {"vacature": "1"}),
        client.get(reverse("participatie:vacature", args=[vacature.pk])),
        client.get(reverse("participatie:vacature", args=[gevuld.pk])),
    ):
        controleer(response)
