"""Running grants per household member for the household view (`inwoners.trajecten`)."""

from __future__ import annotations

from datetime import date

from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.trajecten import Trajectregel

from .models import ToegewezenVoorziening


def voorzieningen(personen: list[Persoon], huishouden: Huishouden, op: date) -> dict[int, list[Trajectregel]]:
    uit: dict[int, list[Trajectregel]] = {}
    lopend = ToegewezenVoorziening.objects.lopend().filter(persoon__in=personen).exclude(einddatum__lt=op)
    for v in lopend.select_related("product", "aanbieder").order_by("begindatum", "pk"):
        wie = v.aanbieder.naam if v.aanbieder_id else "pgb"
        uit.setdefault(v.persoon_id, []).append(Trajectregel(
            v.product.get_wet_display(), "Toewijzing", f"{v.product.naam} ({v.get_leveringsvorm_display()}, {wie})",
            sinds=v.begindatum, tot=v.einddatum,
        ))
    return uit
