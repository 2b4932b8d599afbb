"""Grant changes → 301 to the provider. Connected when the app loads (apps.ready imports this module).

The receiver runs inside the grant service's transaction, so a refusal here (TR385) undoes the change,
and the 301 is stored together with the change it reports.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.dispatch import receiver

from keukentafel.besluiten.models import Leveringsvorm, ToegewezenVoorziening, VoorzieningStatus
from keukentafel.besluiten.signalen import toewijzing_gewijzigd
from keukentafel.codelijsten import RedenWijziging

from .models import Prestatie
from .toewijzing import vraag_toewijzing


def controleer_verwijderen(v: ToegewezenVoorziening) -> None:
    """TR385: a grant with approved, not credited prestaties cannot be removed with RedenWijziging 13."""
    if v.status != VoorzieningStatus.INGETROKKEN or v.reden_wijziging != RedenWijziging.VERWIJDERD:
        return
    if Prestatie.objects.filter(voorziening=v, goedgekeurd=True, gecrediteerd=False, debet=True).exists():
        raise ValidationError(
            "Deze toewijzing kan niet met reden 13 (Verwijderd) worden ingetrokken: er zijn goedgekeurde declaraties op "
            "gedaan die niet zijn gecrediteerd (TR385). Trek haar in per een datum met een andere reden, of laat de "
            "aanbieder eerst crediteren.",
            code="TR385",
        )


@receiver(toewijzing_gewijzigd, dispatch_uid="berichten_toewijzing_301")
def bij_toewijzing_gewijzigd(sender, voorziening: ToegewezenVoorziening, soort: str, door=None, **kwargs) -> None:
    if voorziening.leveringsvorm == Leveringsvorm.PGB or voorziening.aanbieder_id is None:
        return  # a pgb goes to the budget holder, not through iWmo/iJw
    controleer_verwijderen(voorziening)
    vraag_toewijzing(voorziening.persoon, voorziening.aanbieder, voorziening.gemeente, voorziening.product.wet, door=door)
