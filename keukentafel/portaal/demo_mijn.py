"""Demo data for Mijn Keukentafel: a few demo residents get an e-mail address so the sign-in can be shown.

`laad_demo(rng)` runs after the demo region is loaded (the lead wires it into `demo_laden`). It picks
residents who are the aanvrager of a household with a plan version to sign and, where possible, a
beschikking, and gives them `demo-inwoner-<n>@example.org` if they have no address yet. One person also
becomes the e-mail match of a bewindvoerder/mentor/curator/wettelijk vertegenwoordiger in another household,
so "Ik handel namens …" can be shown. Prints only the demo addresses (no names, no BSN).
"""

from __future__ import annotations

import random

from django.db import transaction

from keukentafel.besluiten.models import Beschikking
from keukentafel.inwoners.models import VERTEGENWOORDIGENDE_ROLLEN, Huishoudlid, LidRol, Netwerklid, Persoon
from keukentafel.plannen.models import OPEN_STATUSSEN, Planversie

AANTAL = 3
VERTEGENWOORDIGER_EMAIL = "demo-vertegenwoordiger@example.org"


def _email(n: int) -> str:
    return f"demo-inwoner-{n}@example.org"


@transaction.atomic
def laad_demo(rng: random.Random, *, stil: bool = False) -> list[str]:
    """Give up to AANTAL demo residents an e-mail address (idempotent); returns the addresses that sign in."""
    met_versie = set(Planversie.objects.filter(plan__status__in=OPEN_STATUSSEN).values_list("plan__huishouden_id", flat=True))
    met_beschikking = set(Beschikking.objects.values_list("aanvraag__huishouden_id", flat=True))
    aanvragers = (
        Huishoudlid.objects.filter(einddatum__isnull=True, rol=LidRol.AANVRAGER, huishouden_id__in=met_versie)
        .order_by("huishouden_id")
        .values_list("persoon_id", "huishouden_id")
    )
    kandidaten = sorted(aanvragers, key=lambda r: (r[1] not in met_beschikking, r[1]))[: AANTAL * 10]
    gekozen = kandidaten[:1] + rng.sample(kandidaten[1:], min(AANTAL - 1, max(0, len(kandidaten) - 1)))
    adressen: list[str] = []
    for n, (persoon_id, _hh) in enumerate(gekozen, start=1):
        email = _email(n)
        if Persoon.objects.filter(email__iexact=email).exclude(pk=persoon_id).exists():
            continue  # already given to someone in an earlier run
        Persoon.objects.filter(pk=persoon_id, email="").update(email=email)
        if Persoon.objects.filter(pk=persoon_id, email__iexact=email).exists():
            adressen.append(email)
    vertegenwoordiging = Netwerklid.objects.filter(actief=True, rol__in=list(VERTEGENWOORDIGENDE_ROLLEN)).order_by("pk").first()
    if vertegenwoordiging is not None and not Persoon.objects.filter(email__iexact=VERTEGENWOORDIGER_EMAIL).exists():
        ander = (
            Huishoudlid.objects.filter(einddatum__isnull=True, rol=LidRol.AANVRAGER, persoon__email="")
            .exclude(huishouden_id=vertegenwoordiging.huishouden_id)
            .order_by("huishouden_id")
            .values_list("persoon_id", flat=True)
            .first()
        )
        if ander is not None:
            Persoon.objects.filter(pk=ander).update(email=VERTEGENWOORDIGER_EMAIL)
            Netwerklid.objects.filter(pk=vertegenwoordiging.pk).update(email=VERTEGENWOORDIGER_EMAIL)
    if Persoon.objects.filter(email__iexact=VERTEGENWOORDIGER_EMAIL).exists():
        adressen.append(VERTEGENWOORDIGER_EMAIL)
    if not stil:
        print(f"Mijn Keukentafel: inloggen kan met {', '.join(adressen) or 'geen demo-adres (geen plannen gevonden)'}")
    return adressen
