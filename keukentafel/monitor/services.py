"""Monitor domain operations: recording a client experience questionnaire (the only place that writes one)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from keukentafel.accounts import audit
from keukentafel.accounts.models import AuditActie, Medewerker

from .models import Afname, Antwoord, Antwoordschaal, Vragenlijst


def geldende_vragenlijst(op: date, code: str = "wmo-cev") -> Vragenlijst | None:
    """The newest version of the questionnaire that applied on `op`."""
    return (
        Vragenlijst.objects.filter(code=code, geldig_vanaf__lte=op)
        .exclude(geldig_tot__lt=op).order_by("-versie").first()
    )


@transaction.atomic
def registreer_afname(
    door: Medewerker,
    plan,  # noqa: ANN001  plannen.Ondersteuningsplan
    vragenlijst: Vragenlijst,
    *,
    datum: date,
    kanaal: str,
    ingevuld_door: str,
    antwoorden: dict[str, int],
    voorziening=None,  # noqa: ANN001  besluiten.ToegewezenVoorziening
    persoon=None,  # noqa: ANN001  inwoners.Persoon
    request: HttpRequest | None = None,
) -> Afname:
    """Record one completed questionnaire about the plan (and optionally one grant of the household).

    Every statement needs an answer (‘weet niet / n.v.t.’ is an answer); the team is the regisseur's team now."""
    huishouden = plan.huishouden
    fouten: dict[str, str] = {}
    if datum > timezone.localdate():
        fouten["datum"] = "De datum van invullen ligt in de toekomst."
    if voorziening is not None and voorziening.huishouden_id != huishouden.pk:
        fouten["voorziening"] = "Deze voorziening hoort niet bij dit huishouden."
    if persoon is not None and not huishouden.leden.filter(persoon=persoon).exists():
        fouten["persoon"] = "Deze persoon hoort niet bij dit huishouden."
    gemeente = huishouden.gemeente or plan.regisseur.werkgemeente
    if gemeente is None:
        fouten["__all__"] = "Het huishouden heeft geen gemeente; leg eerst het adres vast."
    vragen = list(vragenlijst.vragen.all())
    for v in vragen:
        if antwoorden.get(v.code) not in Antwoordschaal.values:
            fouten[f"vraag_{v.code}"] = "Kies een antwoord."
    if fouten:
        raise ValidationError(fouten)
    afname = Afname.objects.create(
        vragenlijst=vragenlijst, huishouden=huishouden, persoon=persoon, plan=plan, voorziening=voorziening,
        gemeente=gemeente, team_id=plan.regisseur.team_id, datum=datum, kanaal=kanaal,
        ingevuld_door=ingevuld_door, vastgelegd_door=door,
    )
    Antwoord.objects.bulk_create([Antwoord(afname=afname, vraag=v, waarde=antwoorden[v.code]) for v in vragen])
    audit.log(door, AuditActie.AANMAKEN, afname, huishouden_id=huishouden.pk,
              omschrijving=f"Cliëntervaringsonderzoek van {huishouden.naam} vastgelegd ({datum:%d-%m-%Y})", request=request)
    return afname
