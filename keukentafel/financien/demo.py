"""The finance part of the demo region: per gemeente a budget, pgb spending and the eigen bijdrage.

Runs after the region and the provider simulator (so grants and approved declarations exist). Deterministic: each
gemeente gets its own random stream from its gemeentecode and the year.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from keukentafel.accounts.models import Gemeente

from . import demo_begroting, demo_bijdrage, demo_pgb


@transaction.atomic
def laad_demo(*, vandaag: date | None = None, uitvoer: Callable[[str], None] | None = None) -> int:
    """Load the finance demo for every gemeente for the current year; returns the number of gemeenten."""
    vandaag = vandaag or timezone.localdate()
    jaar = vandaag.year
    gemeenten = list(Gemeente.objects.order_by("naam"))
    for gemeente in gemeenten:
        rng = random.Random(f"financien:{gemeente.gemeentecode}:{jaar}")
        demo_begroting.laad_demo(gemeente, jaar, rng)
        demo_pgb.laad_demo(gemeente, jaar, rng, vandaag=vandaag)
        demo_bijdrage.laad_demo(gemeente, jaar, rng)
        if uitvoer:
            uitvoer(f"  {gemeente.naam}: begroting {jaar}, pgb-uitgaven en eigen bijdragen geladen")
    return len(gemeenten)
