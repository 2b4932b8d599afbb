"""`manage.py demo_laden`: load the demo region Bollenstreek into an empty installation.

The demo logins share one password, DEMO_WACHTWOORD ("Keukentafel2026!"): for demonstrations and
tests only, never on an installation with real data. To start over, remove the database (SQLite:
var/keukentafel.sqlite3) and run `manage.py migrate` and `manage.py demo_laden` again.
"""

from __future__ import annotations

import random

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from keukentafel.accounts.models import Rol
from keukentafel.berichten.aanbieder.simulator import simuleer
from keukentafel.demo import gegevens
from keukentafel.demo.drie_wetten import laad_demo as laad_drie_wetten
from keukentafel.demo.generator import DemoBestaatAl, laad_demoregio
from keukentafel.financien.demo import laad_demo as laad_financien
from keukentafel.jeugd.demo import laad_demo as laad_jeugd
from keukentafel.monitor.demo import laad_demo as laad_clientervaring
from keukentafel.participatie.demo import laad_demo as laad_participatie
from keukentafel.portaal.demo import laad_demo as laad_portaal

ROLVOLGORDE = [Rol.GENERALIST, Rol.TEAMLEIDER, Rol.BACKOFFICE, Rol.BELEID, Rol.FINANCIEN, Rol.FUNCTIONEEL_BEHEER]


class Command(BaseCommand):
    help = (
        "Laad de demoregio Bollenstreek (5 gemeenten, gebiedsteams, medewerkers, ongeveer 1.700 huishoudens in alle "
        "fasen van toegang tot evaluatie, het aanbod met ongeveer 75 aanbieders en contracten, en de toewijzingen met "
        "beschikkingen en verwijzingen) in een lege database. Alleen voor demonstratie: alle demo-accounts hebben "
        f"het wachtwoord {gegevens.DEMO_WACHTWOORD}."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--schaal",
            type=float,
            default=1.0,
            help="Fractie van het aantal huishoudens (1.0 = 1,4%% van de inwoners, zoals de Startfoto; 0.1 voor een snelle demo).",
        )

    def handle(self, *args, schaal: float = 1.0, **options) -> None:
        if schaal <= 0:
            raise CommandError("--schaal moet groter dan 0 zijn.")
        self.stdout.write(f"Demoregio {gegevens.REGIO} laden (schaal {schaal:g}) …")
        try:
            resultaat = laad_demoregio(schaal=schaal, uitvoer=self.stdout.write)
        except DemoBestaatAl as exc:
            self.stdout.write(
                self.style.WARNING(
                    f"{exc} De demoregio is niet (opnieuw) geladen; er is niets gewijzigd. "
                    "Wilt u opnieuw beginnen? Verwijder dan de database (bij SQLite: var/keukentafel.sqlite3) "
                    "en voer 'manage.py migrate' en 'manage.py demo_laden' opnieuw uit."
                )
            )
            return
        self.stdout.write("Aanbiedersimulator: berichtenverkeer op de toewijzingen …")
        # Declarations for every month of this year so far: the finance forecast reads its utilisation from them.
        sim = simuleer(maanden=max(2, timezone.localdate().month - 1), uitvoer=self.stdout.write)
        self.stdout.write("Financiën: begroting, pgb-uitgaven en eigen bijdragen per gemeente …")
        laad_financien(uitvoer=self.stdout.write)
        self.stdout.write("Portaal: etalage, eigenkrachtwijzer, vrijwilligersvacatures …")
        adressen = laad_portaal(rng=random.Random(gegevens.REGIO))
        self.stdout.write(f"Mijn Keukentafel: inloggen met {', '.join(adressen)} (de code staat in het serverlog).")
        self.stdout.write("Jeugdwet: wettelijke verwijzingen, maatregelen, machtiging, overgang 18-/18+, meldcode en Verwijsindex …")
        laad_jeugd(random.Random(f"jeugd:{gegevens.REGIO}"), uitvoer=self.stdout.write)
        self.stdout.write("Participatiewet: werkgevers en vacatures, trajecten, ladder, instrumenten, tegenprestatie, plaatsingen …")
        laad_participatie(random.Random(f"participatie:{gegevens.REGIO}"), uitvoer=self.stdout.write)
        self.stdout.write("Eén huishouden, één plan (Jeugdwet, Wmo en Participatiewet):")
        laad_drie_wetten(random.Random(f"drie-wetten:{gegevens.REGIO}"), uitvoer=self.stdout.write)
        self.stdout.write("Monitor: cliëntervaringsonderzoek …")
        laad_clientervaring(random.Random(f"ervaring:{gegevens.REGIO}"), uitvoer=self.stdout.write)
        a = resultaat.aantallen
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar in {resultaat.seconden:.1f} s: {a.get('huishoudens', 0)} huishoudens, {a.get('personen', 0)} personen, "
                f"{a.get('meldingen', 0)} meldingen ({a.get('anoniem', 0)} anoniem, {a.get('gekoppeld', 0)} gekoppeld), "
                f"{a.get('onderzoeken', 0)} onderzoeken, {a.get('plannen', 0)} ondersteuningsplannen, "
                f"{a.get('toewijzingen', 0)} toewijzingen; berichtenverkeer: {sim.samenvatting()}."
            )
        )
        self.toon_logins(resultaat.logins)

    def toon_logins(self, logins) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {gegevens.DEMO_WACHTWOORD} — alleen voor demonstratie)")
        kop = ("Rol", "Gebruikersnaam", "Naam", "Team / gemeente")
        rijen = [
            (str(Rol(login.rol).label), login.username, login.naam, login.waar)
            for rol in ROLVOLGORDE
            for login in sorted((x for x in logins if x.rol == rol), key=lambda x: (x.waar, x.username))
        ]
        breedte = [max(len(r[i]) for r in [kop, *rijen]) for i in range(len(kop))]
        regel = "  ".join(f"{{:<{b}}}" for b in breedte)
        self.stdout.write(regel.format(*kop).rstrip())
        self.stdout.write("  ".join("-" * b for b in breedte))
        for rij in rijen:
            self.stdout.write(regel.format(*rij).rstrip())
