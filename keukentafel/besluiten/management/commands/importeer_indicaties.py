"""Import an overgangsrecht file from the command line (large files, or a scheduled migration run)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from keukentafel.accounts.models import Gemeente, Medewerker, Rol
from keukentafel.besluiten.overgangsrecht import Importrapport, controleer_bestand, importeer

#: Row errors printed at most; the rest is counted.
MAX_GETOOND = 1000


class Command(BaseCommand):
    help = (
        "Leest bestaande indicaties (overgangsrecht) uit een CSV- of Excel-bestand in als toewijzingen. "
        "Met --droog wordt alleen gecontroleerd. Bij één foute rij wordt niets geïmporteerd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="CSV (UTF-8, ; of ,) of Excel-werkmap (.xlsx) met een kopregel")
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode, bijvoorbeeld 0553")
        parser.add_argument("--gebruiker", required=True, help="gebruikersnaam van de backofficemedewerker die importeert")
        parser.add_argument("--droog", action="store_true", help="alleen controleren, niets opslaan")

    def handle(self, *args, **opties) -> None:
        gemeente = Gemeente.objects.filter(gemeentecode=opties["gemeente"]).first()
        if gemeente is None:
            raise CommandError(f"Onbekende gemeentecode {opties['gemeente']}.")
        door = Medewerker.objects.filter(username=opties["gebruiker"], is_active=True).first()
        if door is None:
            raise CommandError(f"Geen actieve medewerker met gebruikersnaam {opties['gebruiker']}.")
        if not door.is_superuser and (door.rol != Rol.BACKOFFICE or door.werkgemeente != gemeente):
            raise CommandError(f"Alleen een backofficemedewerker van {gemeente} mag indicaties importeren.")
        try:
            open(opties["bestand"], "rb").close()
        except OSError as e:
            raise CommandError(f"Kan {opties['bestand']} niet openen: {e.strerror}.") from e
        start = time.monotonic()
        functie = controleer_bestand if opties["droog"] else importeer
        rapport = functie(door, opties["bestand"], gemeente, voortgang=self._voortgang)
        self._toon(rapport, time.monotonic() - start)

    def _voortgang(self, fase: str, gedaan: int, totaal: int) -> None:
        self.stderr.write(f"{fase}: {gedaan}/{totaal}")

    def _toon(self, rapport: Importrapport, seconden: float) -> None:
        if rapport.bestandsfout:
            raise CommandError(rapport.bestandsfout)
        for w in rapport.waarschuwingen:
            self.stdout.write(f"Let op: {w}")
        for f in rapport.fouten[:MAX_GETOOND]:
            self.stdout.write(f"rij {f.rij}{', ' + f.kolom if f.kolom else ''}: {f.reden}")
        if rapport.aantal_fouten > MAX_GETOOND:
            self.stdout.write(f"… en nog {rapport.aantal_fouten - MAX_GETOOND} fouten.")
        if rapport.aantal_fouten:
            raise CommandError(
                f"{rapport.aantal_rijen} rijen gecontroleerd: {rapport.aantal_fouten} fout(en) in {len(rapport.foutieve_rijen)} rij(en). "
                "Er is niets geïmporteerd."
            )
        cohorten = ", ".join(f"{c}: {n}" for c, n in rapport.cohorten.items())
        if rapport.droog:
            self.stdout.write(
                f"{rapport.aantal_rijen} rijen gecontroleerd, geen fouten ({seconden:.1f} s). Herbeoordelingen per kwartaal: {cohorten}."
            )
        else:
            snelheid = rapport.geimporteerd / seconden if seconden else 0
            self.stdout.write(self.style.SUCCESS(
                f"{rapport.geimporteerd} indicaties geïmporteerd in {seconden:.1f} s ({snelheid:.0f} per seconde). "
                f"Herbeoordelingen per kwartaal: {cohorten}."
            ))
