"""`manage.py bijdrageregels_laden --gemeente <naam>`: load the national eigen-bijdrage rules 2015–2027 for a gemeente."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from keukentafel.accounts.audit import log
from keukentafel.accounts.models import AuditActie, Gemeente
from keukentafel.financien.bijdrageregels import laad_standaardregels


class Command(BaseCommand):
    help = "Laadt de landelijke eigen-bijdrageregels (2015–2027) voor een gemeente; opnieuw draaien werkt ze bij."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--gemeente", required=True, help="Naam of CBS-gemeentecode van de gemeente.")

    def handle(self, *args, gemeente: str, **options) -> None:
        g = Gemeente.objects.filter(naam__iexact=gemeente).first() or Gemeente.objects.filter(gemeentecode=gemeente).first()
        if g is None:
            raise CommandError(f"Gemeente {gemeente!r} bestaat niet.")
        nieuw, bijgewerkt = laad_standaardregels(g)
        log(None, AuditActie.WIJZIGEN, omschrijving=f"Eigen-bijdrageregels geladen voor {g}: {nieuw} nieuw, {bijgewerkt} bijgewerkt")
        self.stdout.write(f"{g}: {nieuw} regelingen aangemaakt, {bijgewerkt} bijgewerkt.")
