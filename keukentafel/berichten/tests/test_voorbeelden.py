"""The official examples (WMO301, WMO305, WMO307) parse safely, validate, and survive our own reading and writing."""

from __future__ import annotations

import pytest
from lxml import etree

from keukentafel.berichten import veilig, xsd
from keukentafel.berichten.codes import berichtnaam
from keukentafel.berichten.toewijzing import lees_toewijzing, schrijf_toewijzing
from keukentafel.berichten.verwerking import lees_kop
from keukentafel.codelijsten import Wet
from keukentafel.testing.istandaarden import istandaarden_map


def voorbeeld(soort: str) -> bytes:
    return (istandaarden_map() / "iwmo-3.2" / "examples" / f"WMO{soort}.xml").read_bytes()


def geldig(root, wet: str, soort: str) -> None:
    fouten = xsd.valideer(root, wet, soort)
    assert fouten == [], [f.melding for f in fouten]


@pytest.mark.parametrize("soort", ["301", "305", "307"])
def test_voorbeeld_parseert_en_valideert(soort):
    doc = veilig.parse(voorbeeld(soort))
    kop = lees_kop(doc.getroot())
    assert (kop.wet, kop.soort, berichtnaam(kop.wet, kop.soort)) == (Wet.WMO, soort, f"WMO{soort}")
    geldig(doc, kop.wet, kop.soort)


def test_wmo301_via_dataclass_heen_en_terug():
    root = veilig.parse(voorbeeld("301")).getroot()
    inhoud = lees_toewijzing(root)
    assert inhoud.bsn == "999900006" and inhoud.naam.partner_achternaam == "Jansen" and len(inhoud.relaties) == 2
    [p] = inhoud.producten
    assert (p.toewijzingnummer, p.referentie_aanbieder, p.categorie, p.code, p.volume) == (101, "42420002", "01", "01A01", 10)
    opnieuw = schrijf_toewijzing(inhoud, Wet.WMO)
    geldig(opnieuw.root, Wet.WMO, "301")
    assert lees_toewijzing(veilig.parse(opnieuw.bytes()).getroot()) == inhoud


@pytest.mark.parametrize("soort", ["305", "307"])
def test_start_stop_voorbeeld_opnieuw_geserialiseerd(soort):
    root = veilig.parse(voorbeeld(soort)).getroot()
    kop = lees_kop(root)
    opnieuw = veilig.parse(etree.tostring(root, xml_declaration=True, encoding="UTF-8")).getroot()
    assert lees_kop(opnieuw) == kop
    geldig(opnieuw, kop.wet, kop.soort)
