"""Write the Gemeentelijke Monitor Sociaal Domein export (client counts per voorziening type) of one gemeente."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Gemeente
from keukentafel.monitor import gmsd


class Command(BaseCommand):
    help = "GMSD-export: unieke cliënten per soort voorziening voor één gemeente over een jaar of halfjaar (CSV)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--gemeente", required=True, help="CBS-gemeentecode (4 cijfers).")
        parser.add_argument("--jaar", required=True, type=int)
        parser.add_argument("--halfjaar", type=int, choices=[1, 2], help="1 of 2; weglaten: het hele jaar.")
        parser.add_argument("--uit", help="Bestand om naar te schrijven; weglaten: standaarduitvoer.")

    def handle(self, *args, **opties) -> None:
        try:
            gemeente = Gemeente.objects.get(gemeentecode=opties["gemeente"])
        except Gemeente.DoesNotExist as exc:
            raise CommandError(f"Geen gemeente met gemeentecode {opties['gemeente']}.") from exc
        rijen = gmsd.rijen_voor(gemeente, opties["jaar"], opties["halfjaar"])
        periode = rijen[0].periodecode if rijen else str(opties["jaar"])
        if opties["uit"]:
            with open(opties["uit"], "w", newline="", encoding="utf-8") as f:
                gmsd.schrijf_csv(f, rijen)
        else:
            gmsd.schrijf_csv(self.stdout, rijen)
        audit.log(None, AuditActie.EXPORT, gemeente, omschrijving=f"GMSD-export {gemeente.naam} {periode} ({len(rijen)} regels)",
                  kanaal="systeem")
        if opties["uit"]:
            self.stderr.write(f"{len(rijen)} regels geschreven naar {opties['uit']}.")
