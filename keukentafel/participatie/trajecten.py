"""Participatiewet lines for the household view (`inwoners.trajecten`): the trajectory, its running instruments and
tegenprestatie, and the latest participatieladder step."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.trajecten import Trajectregel

from .models import Instrument, Ladderscore, Tegenprestatie, Traject

WET = "Participatiewet"


def trajecten(personen: list[Persoon], huishouden: Huishouden, op: date) -> dict[int, list[Trajectregel]]:
    uit: dict[int, list[Trajectregel]] = {}

    def regel(persoon_id: int, soort: str, tekst: str, **kw) -> None:
        uit.setdefault(persoon_id, []).append(
            Trajectregel(WET, soort, tekst, url=reverse("participatie:persoon", args=[persoon_id]), **kw)
        )

    open_trajecten = list(Traject.objects.open().filter(persoon__in=personen).select_related("klantmanager"))
    for t in open_trajecten:
        fase = f", fase {t.get_fase_display().lower()}" if t.fase else ""
        herbeoordeling = f"; herbeoordeling {t.herbeoordeling_op:%d-%m-%Y}" if t.herbeoordeling_op else ""
        regel(t.persoon_id, "Traject", f"{t.get_spoor_display()}{fase}{herbeoordeling}", regisseur=f"{t.klantmanager} (klantmanager werk)",
              sinds=t.startdatum)
    ids = [t.pk for t in open_trajecten]
    # An instrument that is an action in the open plan shows there already (plannen.trajecten).
    lopend = Instrument.objects.filter(traject_id__in=ids, actie__isnull=True).exclude(einddatum__lt=op)
    for i in lopend.select_related("traject"):
        regel(i.traject.persoon_id, "Instrument", f"{i.get_soort_display()}: {i.omschrijving} ({i.uitvoerder})", sinds=i.startdatum,
              tot=i.einddatum)
    for tp in Tegenprestatie.objects.filter(traject_id__in=ids, einddatum__gte=op).select_related("traject"):
        regel(tp.traject.persoon_id, "Tegenprestatie", f"{tp.inhoud} ({tp.uren_per_week} uur per week)", sinds=tp.startdatum,
              tot=tp.einddatum)
    laatste: dict[int, Ladderscore] = {}
    for s in Ladderscore.objects.filter(persoon__in=personen, datum__lte=op).order_by("datum", "id"):
        laatste[s.persoon_id] = s
    for persoon_id, s in laatste.items():
        regel(persoon_id, "Participatieladder", f"Trede {s.get_trede_display()}", sinds=s.datum)
    return uit
