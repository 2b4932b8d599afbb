"""manage.py pgb_import --gemeente <naam> <bestand>: read an SVB-style pgb spending file (CSV)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from keukentafel.aanbod.catalogus import euro
from keukentafel.accounts.models import Gemeente
from keukentafel.financien.pgb_import import importeer


class Command(BaseCommand):
    help = "Leest een pgb-uitgavenbestand (CSV, SVB-formaat) in voor een gemeente."

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", help="Pad naar het CSV-bestand.")
        parser.add_argument("--gemeente", required=True, help="Naam of gemeentecode van de gemeente.")
        parser.add_argument("--alles-of-niets", action="store_true", help="Niets inlezen als één regel wordt afgewezen.")

    def handle(self, *args, bestand: str, gemeente: str, alles_of_niets: bool, **opties) -> None:
        g = Gemeente.objects.filter(naam__iexact=gemeente).first() or Gemeente.objects.filter(gemeentecode=gemeente).first()
        if g is None:
            raise CommandError(f"Gemeente '{gemeente}' bestaat niet.")
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        if pad.stat().st_size > settings.MAX_UPLOAD_BYTES:
            raise CommandError(f"Het bestand is groter dan {settings.MAX_UPLOAD_BYTES // 2**20} MB. Splits het in kleinere bestanden.")
        resultaat = importeer(g, pad.read_bytes(), pad.name, alles_of_niets=alles_of_niets)
        for f in resultaat.fouten:
            self.stderr.write(f"Rij {f['rij']}: {f['melding']}")
        if resultaat.fouten_totaal > len(resultaat.fouten):
            self.stderr.write(f"… en nog {resultaat.fouten_totaal - len(resultaat.fouten)} afgewezen regels.")
        if resultaat.geweigerd:
            raise CommandError(resultaat.bestandsfout)
        self.stdout.write(self.style.SUCCESS(
            f"{resultaat.aantal_ingelezen} van de {resultaat.aantal_regels} regels ingelezen ({euro(resultaat.totaal_cent)}); "
            f"{resultaat.aantal_afgewezen} afgewezen."
        ))
