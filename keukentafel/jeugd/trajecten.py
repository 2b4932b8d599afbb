"""Youth lines for the household view (`inwoners.trajecten`): legal referrals and court authorisations.

The meldcode trail and Verwijsindex signals are left out on purpose: they have strict access of their own and the
household view is open to the whole gebiedsteam.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from keukentafel.inwoners.models import Huishouden, Persoon
from keukentafel.inwoners.trajecten import Trajectregel

from .models import Machtiging, WettelijkeVerwijzing

#: A referral shows for a year after its date; after that the grant it led to tells the story.
VERWIJZING_ZICHTBAAR = timedelta(days=365)


def verwijzingen_en_machtigingen(personen: list[Persoon], huishouden: Huishouden, op: date) -> dict[int, list[Trajectregel]]:
    uit: dict[int, list[Trajectregel]] = {}
    for v in WettelijkeVerwijzing.objects.filter(persoon__in=personen, datum__gte=op - VERWIJZING_ZICHTBAAR).select_related("product"):
        wat = f" naar {v.product.naam}" if v.product_id else ""
        uit.setdefault(v.persoon_id, []).append(Trajectregel(
            "Jeugdwet", "Wettelijke verwijzing", f"Verwezen door {v.verwijzer}{wat}", url=reverse("jeugd:persoon", args=[v.persoon_id]),
            sinds=v.datum,
        ))
    for m in Machtiging.objects.filter(persoon__in=personen, einddatum__gte=op):
        uit.setdefault(m.persoon_id, []).append(Trajectregel(
            "Jeugdwet", "Machtiging", f"{m.get_soort_display()}, {m.rechtbank}", url=reverse("jeugd:persoon", args=[m.persoon_id]),
            sinds=m.ingangsdatum, tot=m.einddatum,
        ))
    return uit
