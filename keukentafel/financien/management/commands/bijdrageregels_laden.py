"""`manage.py bijdrageregels_laden --gemeente <naam>`: load the national eigen-bijdrage rules 2015–2027 for a gemeente.

Only missing rules are created; a rule the gemeente already has is never overwritten (it may have changed it), and a
difference from the national figures is printed so a person decides whether to change it on the rules screen.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from keukentafel.accounts.audit import log
from keukentafel.accounts.models import AuditActie, Gemeente
from keukentafel.financien.bijdrageregels import laad_standaardregels


class Command(BaseCommand):
    help = (
        "Laadt de landelijke eigen-bijdrageregels (2015–2027) voor een gemeente: alleen ontbrekende regelingen worden "
        "aangemaakt; bestaande worden nooit overschreven, verschillen met de landelijke cijfers worden gemeld."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--gemeente", required=True, help="Naam of CBS-gemeentecode van de gemeente.")

    def handle(self, *args, gemeente: str, **options) -> None:
        g = Gemeente.objects.filter(naam__iexact=gemeente).first() or Gemeente.objects.filter(gemeentecode=gemeente).first()
        if g is None:
            raise CommandError(f"Gemeente {gemeente!r} bestaat niet.")
        with transaction.atomic():
            r = laad_standaardregels(g)
            log(
                None,
                AuditActie.WIJZIGEN,
                omschrijving=(
                    f"Eigen-bijdrageregels geladen voor {g}: {r.nieuw} nieuw, {r.gelijk} gelijk, "
                    f"{len(r.afwijkend)} afwijkend (niet overschreven)"
                ),
            )
        self.stdout.write(
            f"{g}: {r.nieuw} regelingen aangemaakt, {r.gelijk} gelijk aan de landelijke regel, "
            f"{len(r.afwijkend)} afwijkend (niet overschreven)."
        )
        for regel in r.afwijkend:
            self.stdout.write(f"  Let op: {regel}")
