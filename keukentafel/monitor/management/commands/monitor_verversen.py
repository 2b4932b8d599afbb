"""Rebuild the monitor's pre-aggregates from scratch (after a bulk import or a repair of declarations)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from keukentafel.monitor.aggregaat import herbouw


class Command(BaseCommand):
    help = "Bouwt het declaratieaggregaat van de monitor opnieuw op uit alle gedeclareerde prestaties."

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        n = herbouw()
        self.stdout.write(f"Declaratieaggregaat opnieuw opgebouwd: {n} rijen.")
