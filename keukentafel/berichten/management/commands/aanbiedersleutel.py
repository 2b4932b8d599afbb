"""Issue an HTTP key for a provider. The key is printed once; only its SHA-256 is kept."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from keukentafel.aanbod.models import Aanbieder
from keukentafel.berichten.tokens import maak_sleutel


class Command(BaseCommand):
    help = "Maakt een sleutel voor de HTTP-berichtenkoppeling van een aanbieder en toont die één keer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agb", help="AGB-code van de aanbieder (8 cijfers)")
        parser.add_argument("--omschrijving", default="HTTP-koppeling", help="waarvoor de sleutel is, bijvoorbeeld het systeem")

    def handle(self, *args, **opties) -> None:
        aanbieder = Aanbieder.objects.filter(agb_code=opties["agb"]).first()
        if aanbieder is None:
            raise CommandError(f"Geen aanbieder met AGB-code {opties['agb']}.")
        token, sleutel = maak_sleutel(aanbieder, opties["omschrijving"])
        self.stderr.write(
            f"Sleutel {token.prefix}… voor {aanbieder} ({aanbieder.agb_code}). Bewaar hem nu: hij wordt niet nog eens getoond."
        )
        self.stdout.write(sleutel)
