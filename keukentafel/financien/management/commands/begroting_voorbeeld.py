"""`manage.py begroting_voorbeeld --gemeente <naam>`: load the Hardenberg baten/lasten 2015–2018 (seed 001 §10.4) as
four yearly example budgets for a gemeente. Running it twice changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from keukentafel.accounts.models import Gemeente
from keukentafel.besluiten.templatetags.besluiten_tags import euro
from keukentafel.financien import voorbeeld_hardenberg
from keukentafel.financien.begroting import totalen
from keukentafel.financien.models import Postsoort


class Command(BaseCommand):
    help = "Laadt het voorbeeld 'Overzicht van baten en lasten' 2015–2018 van Hardenberg als vier jaarbegrotingen."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--gemeente", required=True, help="Naam van de gemeente (hoofdletters doen er niet toe).")

    def handle(self, *args, gemeente: str, **opties) -> None:
        g = Gemeente.objects.filter(naam__iexact=gemeente.strip()).first()
        if g is None:
            raise CommandError(f"Gemeente '{gemeente}' bestaat niet.")
        try:
            resultaat = voorbeeld_hardenberg.laad(g)
        except ValueError as e:
            raise CommandError(str(e)) from e
        for begroting, nieuw in resultaat:
            t = totalen(begroting)
            self.stdout.write(
                f"{begroting.jaar}: {'aangemaakt' if nieuw else 'bestond al'} — lasten {euro(t.per_soort.get(Postsoort.LASTEN, 0))}, "
                f"baten {euro(t.per_soort.get(Postsoort.BATEN, 0))}"
            )
