"""Shared helpers of the pgb tests: a gemeente with pgb grants and spending files."""

from __future__ import annotations

from datetime import date

from keukentafel.besluiten.models import Pgbtoekenning, ToegewezenVoorziening
from keukentafel.besluiten.regels import totaal_eenheden
from keukentafel.testing.factories import GebiedFactory, PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

KOP = "kenmerk;toewijzingnummer;periode_begin;periode_eind;betaaldatum;bedrag;zorgverlener"


def pgb_voorziening(gemeente, *, omvang: int = 3, frequentie: str = "2", tarief: int = 5000, begindatum: date = date(2026, 1, 1),
                    einddatum: date | None = date(2026, 12, 31), product=None, **kwargs) -> ToegewezenVoorziening:
    """A pgb grant with its Pgbtoekenning, the budget as besluiten computes it for the beschikking."""
    persoon = PersoonFactory(gebied=GebiedFactory(gemeente=gemeente))
    v = ToegewezenVoorzieningFactory(
        gemeente=gemeente, persoon=persoon, leveringsvorm="pgb", aanbieder=None, tarief_cent=tarief, omvang=omvang,
        frequentie=frequentie, begindatum=begindatum, einddatum=einddatum, product=product or ProductFactory(), **kwargs,
    )
    Pgbtoekenning.objects.create(
        voorziening=v, persoonlijk_plan="Begeleiding door een zzp'er", motivering_geen_zin="Eigen regie", budgetvaardig=True,
        pgb_tarief_cent=tarief, maximum_tarief_cent=tarief,
        budget_cent=totaal_eenheden(omvang, frequentie, begindatum, einddatum) * tarief,
    )
    return v


def csv_bestand(*regels: str, kop: str = KOP, bom: bool = False, scheiding: str = ";") -> bytes:
    tekst = "\n".join([kop.replace(";", scheiding), *regels]) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode()
