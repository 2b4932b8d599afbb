"""Factories for the jeugd app (kept apart from the shared factories module)."""
from __future__ import annotations

from datetime import date

import factory

from keukentafel.jeugd.models import Machtiging, SoortMachtiging

from .factories import MedewerkerFactory, PersoonFactory


class MachtigingFactory(factory.django.DjangoModelFactory):
    """A machtiging gesloten jeugdhulp for the whole of 2026 unless told otherwise."""

    class Meta:
        model = Machtiging

    persoon = factory.SubFactory(PersoonFactory, geboortedatum=date(2011, 3, 1))
    soort = SoortMachtiging.MACHTIGING
    rechtbank = "Rechtbank Den Haag"
    zaaknummer = factory.Sequence(lambda n: f"C/09/{600000 + n}")
    uitspraakdatum = date(2025, 12, 20)
    ingangsdatum = date(2026, 1, 1)
    einddatum = date(2026, 12, 31)
    vastgelegd_door = factory.SubFactory(MedewerkerFactory)
