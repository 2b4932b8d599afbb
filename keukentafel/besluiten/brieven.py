"""What goes into the letters of besluiten: one place for the staff side and Mijn Keukentafel.

`beschikking_context` is the template context of besluiten/pdf/beschikking.html; the staff download
(besluiten.views_besluit.beschikking_pdf) and the resident's download (portaal.views_mijn) both use it,
so the resident gets exactly the letter the municipality sent. Access checks and audit stay in the views.
"""

from __future__ import annotations

from typing import Any

from keukentafel.inwoners.models import Huishouden, Persoon

from . import overzicht
from .models import Beschikking, Besluit, Pgbtoekenning

#: The related objects the letter reads; callers select them with the beschikking to avoid extra queries.
BESCHIKKING_RELATIES = ("gemeente", "afgegeven_door", "aanvraag__persoon", "aanvraag__huishouden", "aanvraag__product")


def adres(persoon: Persoon, huishouden: Huishouden | None):
    """Where the letter goes: the person's own address, else the household's."""
    return persoon if persoon.straat or persoon.postcode else (huishouden or persoon)


def beschikking_context(beschikking: Beschikking) -> dict[str, Any]:
    aanvraag = beschikking.aanvraag
    voorzieningen = list(beschikking.voorzieningen.select_related("aanbieder", "product"))
    pgb = {p.voorziening_id: p for p in Pgbtoekenning.objects.filter(voorziening__in=voorzieningen)}
    for v in voorzieningen:
        v.pgb_gegevens = pgb.get(v.pk)
    return {
        "beschikking": beschikking,
        "aanvraag": aanvraag,
        "persoon": aanvraag.persoon,
        "adres": adres(aanvraag.persoon, aanvraag.huishouden),
        "gemeente": beschikking.gemeente,
        "voorzieningen": voorzieningen,
        "toegekend": beschikking.besluit != Besluit.AFWIJZING,
        "bezwaartermijn": overzicht.termijn_in_woorden((beschikking.einde_bezwaartermijn - beschikking.datum_afgifte).days),
    }


def beschikking_bestandsnaam(beschikking: Beschikking) -> str:
    return f"beschikking-{beschikking.kenmerk}.pdf"
