"""`manage.py aanbieder_simulator`: let the demo's providers answer their toewijzingen (305, 307, 323)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from keukentafel.berichten.aanbieder.simulator import simuleer


class Command(BaseCommand):
    help = (
        "Speel de aanbieders van de demoregio: haal de toewijzingen (301) op, stuur 302, start- en stopberichten "
        "(305/307) en maandelijkse declaraties (323) met enkele foute regels. Alleen voor demonstratie."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--maanden", type=int, default=2, help="Aantal afgelopen maanden om te declareren (standaard 2).")
        parser.add_argument("--foutkans", type=float, default=0.04, help="Kans op een foute prestatieregel (standaard 0,04).")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, maanden: int, foutkans: float, seed: int, **options) -> None:
        sim = simuleer(maanden=maanden, foutkans=foutkans, seed=seed, uitvoer=self.stdout.write)
        for regel in sim.geweigerd[:20]:
            self.stdout.write(self.style.WARNING(f"Geweigerd: {regel}"))
        self.stdout.write(self.style.SUCCESS(sim.samenvatting()))
