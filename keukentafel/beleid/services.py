"""Answer "what applies to gemeente G on date D" for a policy parameter."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from keukentafel.accounts.models import Gemeente

from .models import Beleidsinstelling, Sleutel


class BeleidOntbreekt(LookupError):
    """No setting covers the requested gemeente and date: configuration error, not a silent default."""


def geldende_instelling(sleutel: Sleutel | str, gemeente: Gemeente | int | None, datum: date) -> Beleidsinstelling:
    gemeente_id = gemeente.pk if isinstance(gemeente, Gemeente) else gemeente
    geldig = Beleidsinstelling.objects.filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum), sleutel=sleutel, geldig_vanaf__lte=datum
    ).order_by("-geldig_vanaf", "-id")
    if gemeente_id is not None:
        eigen = geldig.filter(gemeente_id=gemeente_id).first()
        if eigen:
            return eigen
    standaard = geldig.filter(gemeente__isnull=True).first()
    if standaard is None:
        raise BeleidOntbreekt(f"Geen beleidsinstelling '{sleutel}' voor gemeente {gemeente_id} op {datum:%d-%m-%Y}.")
    return standaard


def geldende_waarde(sleutel: Sleutel | str, gemeente: Gemeente | int | None, datum: date) -> Any:
    return geldende_instelling(sleutel, gemeente, datum).waarde


#: National defaults (DESIGN.md §5), loaded by the migration and by `manage.py beleid_standaard`.
STANDAARDEN: list[tuple[Sleutel, Any, str]] = [
    (Sleutel.ONDERZOEK_TERMIJN_DAGEN, 42, "Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding"),
    (Sleutel.BESCHIKKING_TERMIJN_DAGEN, 14, "Wmo 2015 art. 2.3.5 lid 1: beschikking binnen twee weken na de aanvraag"),
    (Sleutel.BEZWAARTERMIJN_DAGEN, 42, "Awb art. 6:7: bezwaartermijn zes weken"),
    (Sleutel.TERMIJN_WAARSCHUWING_DAGEN, 7, "Werkafspraak: een week vooraf waarschuwen"),
    (Sleutel.EVALUATIE_TERMIJN_MAANDEN, 12, "Seed 000_9b14841e6fe6ddc8.txt: langdurige trajecten jaarlijks evalueren"),
    (Sleutel.NOODTOEGANG_UREN, 8, "Privacyreglement sociaal domein: toegang met reden geldt één werkdag"),
    (Sleutel.INDICATIEVRIJ, [], "Wmo 2015 art. 2.3.5: maatwerk bij beschikking, tenzij de verordening een verwijzing toestaat"),
    (
        Sleutel.MAXIMALE_OMVANG,
        {"wmo:04": {"omvang": 3, "eenheid": "14", "frequentie": "2"}},
        "Seeds Hardenberg en Bollenstreek: kortdurend verblijf ten hoogste 3 etmalen per week",
    ),
    (Sleutel.PGB_TARIEF_PERCENTAGE, 100, "Wmo 2015 art. 2.3.6 lid 4; seeds Hardenberg en BAR: pgb niet duurder dan ZIN"),
    (Sleutel.PGB_SOCIAAL_NETWERK, False, "Seed Nijmegen uitgangspunt 17: mantelzorg niet betalen uit pgb/pvb, tenzij uitzondering"),
    (
        Sleutel.VERPLICHTE_KWALITEITSBEWIJZEN,
        ["vog_beleid", "meldcode", "klachtenregeling"],
        "Wmo 2015 art. 3.4, 3.5; Wet verplichte meldcode; Wkkgz: VOG, meldcode en klachtenregeling",
    ),
    (Sleutel.RECHTMATIGHEID_STEEKPROEF, 10, "Seed 001_8130d38cb886e681.txt: rechtmatigheidstoets achteraf door de backoffice"),
    (Sleutel.HERBEOORDELING_VOORLOOP_DAGEN, 90, "Seed Nijmegen: bestaande indicaties tijdig en zorgvuldig herbeoordelen"),
    (
        Sleutel.MONITOR_CELDREMPEL,
        5,
        "AVG art. 5 lid 1 c (dataminimalisatie); CBS-praktijk: kleine aantallen in tabellen afschermen zodat niemand herkenbaar is",
    ),
]

#: The leefgebieden the access flow needs at least (issue 2 §4), in ZRM order.
LEEFGEBIEDEN: list[tuple[str, str]] = [
    ("financien", "Financiën"),
    ("werk-opleiding", "Werk & opleiding"),
    ("dagbesteding", "Dagbesteding / tijdsbesteding"),
    ("huisvesting", "Huisvesting"),
    ("huiselijke-relaties", "Huiselijke relaties"),
    ("opvoeding", "Opvoeding"),
    ("geestelijke-gezondheid", "Geestelijke gezondheid"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid"),
    ("verslaving", "Verslaving / middelengebruik"),
    ("adl", "ADL / praktisch functioneren"),
    ("sociaal-netwerk", "Sociaal netwerk"),
    ("maatschappelijke-participatie", "Maatschappelijke participatie"),
    ("justitie", "Justitie"),
]
