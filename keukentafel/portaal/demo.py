"""The portal part of the demo region: etalage texts and the eigenkrachtwijzer, volunteer vacancies and volunteers,
and residents who can sign in to Mijn Keukentafel."""

from __future__ import annotations

import random

from django.db import transaction

from . import demo_hulp, demo_mijn, demo_publiek


@transaction.atomic
def laad_demo(*, rng: random.Random) -> list[str]:
    """Load the portal demo; returns the e-mail addresses demo residents sign in with."""
    demo_publiek.laad_demo(rng)
    demo_hulp.laad_demo(rng)
    return demo_mijn.laad_demo(rng, stil=True)
