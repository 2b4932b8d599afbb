"""Demo responses to the client experience survey, so the monitor's "Cliëntervaring" section has figures.

About a third of the active plans get one completed questionnaire, recorded by the plan's regisseur through the
service (validated and audited like a real one). Answers lean positive, as real Wmo surveys do (seed-independent:
deterministic for the given `rng`)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from keukentafel.plannen.models import Ondersteuningsplan, PlanStatus

from . import services
from .models import Afname, Afnamekanaal, IngevuldDoor, Vragenlijst

#: Chance per answer value, "weet niet" (0) included.
VERDELING = {5: 0.30, 4: 0.38, 3: 0.14, 2: 0.08, 1: 0.04, 0: 0.06}


def laad_demo(rng: random.Random, uitvoer: Callable[[str], None] | None = None) -> int:
    """Record the demo responses; returns how many (0 when there already are responses)."""
    if Afname.objects.exists():
        return 0
    uitvoer = uitvoer or (lambda tekst: None)
    vandaag = timezone.localdate()
    lijst = Vragenlijst.objects.filter(code="wmo-cev").order_by("-versie").prefetch_related("vragen").first()
    if lijst is None:
        uitvoer("  geen standaardvragenlijst gevonden: geen demo-antwoorden")
        return 0
    codes = [v.code for v in lijst.vragen.all()]
    waarden, gewichten = list(VERDELING), list(VERDELING.values())
    aantal = 0
    plannen = Ondersteuningsplan.objects.filter(status=PlanStatus.ACTIEF).select_related("huishouden", "regisseur").order_by("pk")
    for plan in plannen:
        if rng.random() > 0.35:
            continue
        antwoorden = {c: rng.choices(waarden, gewichten)[0] for c in codes}
        services.registreer_afname(
            plan.regisseur, plan, lijst, datum=vandaag - timedelta(days=rng.randint(0, 200)),
            kanaal=rng.choice(Afnamekanaal.values), ingevuld_door=rng.choice(IngevuldDoor.values), antwoorden=antwoorden,
        )
        aantal += 1
    uitvoer(f"  {aantal} ingevulde vragenlijsten cliëntervaring")
    return aantal
