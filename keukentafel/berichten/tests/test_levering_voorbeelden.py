"""The official examples WMO305/WMO307 parse into the builders' dataclasses, and serialising them again validates
(and gives the same content); the same round trip for the Jeugdwet and for the 315/317 builders."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from keukentafel.berichten import xsd
from keukentafel.berichten.aanbieder.levering import Clientgegevens, Startregel, Stopregel, lees_start_stop, start_zorg, stop_zorg
from keukentafel.berichten.aanbieder.verzoek import Aanvraagregel, Nieuwregel, TeWijzigenregel, verzoek_om_toewijzing, verzoek_om_wijziging
from keukentafel.codelijsten import Wet
from keukentafel.testing.istandaarden import istandaarden_map


def _canoniek(root: etree._Element) -> list[tuple[str, str]]:
    return [(etree.QName(e).localname, (e.text or "").strip()) for e in root.iter() if isinstance(e.tag, str)]


@pytest.mark.parametrize("naam", ["WMO305", "WMO307"])
def test_voorbeeld_parse_en_opnieuw_serialiseren_valideert(naam):
    pad = istandaarden_map() / "iwmo-3.2" / "examples" / f"{naam}.xml"
    bron = etree.parse(str(pad)).getroot()
    bericht = lees_start_stop(bron)
    assert bericht.wet == Wet.WMO and bericht.soort == naam[-3:] and len(bericht.regels) == 2
    assert bericht.client.bsn == "999900006" and bericht.regels[0].toewijzingnummer == 300201
    opnieuw = bericht.opbouw()
    assert xsd.valideer(opnieuw.root, Wet.WMO, bericht.soort) == []
    assert _canoniek(etree.fromstring(opnieuw.bytes())) == _canoniek(bron)
    assert lees_start_stop(etree.fromstring(opnieuw.bytes())) == bericht


@pytest.mark.parametrize("wet", [Wet.WMO, Wet.JEUGDWET])
def test_start_en_stop_gebouwd_gelezen_en_gevalideerd(wet):
    istandaarden_map()
    client = Clientgegevens("999900006", date(2012, 1, 31), "2", "Berg", "van den", "AM", "Anna Maria")
    cat, code, reden = ("02", "02A01", "19") if wet == Wet.WMO else ("45", "45A01", "31")
    start = start_zorg(wet, agb="65656055", gemeentecode="0363", identificatie="1", dagtekening=date(2026, 2, 1), client=client,
                       regels=[Startregel(12, cat, code, date(2026, 1, 5), date(2026, 1, 8)),
                               Startregel(None, "", "", None, date(2026, 1, 9), "3")])
    stop = stop_zorg(wet, agb="65656055", gemeentecode="0363", identificatie="2", dagtekening=date(2026, 7, 1), client=client,
                     regels=[Stopregel(12, cat, code, date(2026, 1, 5), date(2026, 1, 8), reden, date(2026, 6, 30))])
    for o, soort in ((start, "305"), (stop, "307")):
        assert xsd.valideer(o.root, wet, soort) == []
        gelezen = lees_start_stop(etree.fromstring(o.bytes()))
        assert gelezen.wet == wet and gelezen.client == client
        assert _canoniek(gelezen.opbouw().root) == _canoniek(o.root)


@pytest.mark.parametrize("wet", [Wet.WMO, Wet.JEUGDWET])
def test_verzoeken_valideren(wet):
    istandaarden_map()
    cat, code = ("02", "02A01") if wet == Wet.WMO else ("45", "45A01")
    client = Clientgegevens("999900006", date(2012, 1, 31), "1", "Berg")
    vot = verzoek_om_toewijzing(wet, agb="65656055", gemeentecode="0363", identificatie="3", dagtekening=date(2026, 2, 1),
                                client=client, commentaar="Graag snel.", producten=[
                                    Aanvraagregel("R-1", cat, code, date(2026, 3, 1), date(2026, 12, 31), 4, "04", "2", "02", "",
                                                  "01234567"),
                                    Aanvraagregel("R-2", cat, "", date(2026, 3, 1), None, None, verwijzer_type="01", commentaar="x")])
    assert xsd.valideer(vot.root, wet, "315") == []
    vow = verzoek_om_wijziging(wet, agb="65656055", gemeentecode="0363", identificatie="4", dagtekening=date(2026, 2, 1),
                               bsn="999900006", referentie_aanbieder="W-1", reden_verzoek="2", ongewijzigd=[1],
                               te_wijzigen=[TeWijzigenregel(2, date(2026, 1, 1), date(2026, 12, 31), 6, "04", "2")],
                               nieuw=[Nieuwregel(cat, code, date(2026, 4, 1), date(2026, 9, 30), 2, "04", "2")])
    assert xsd.valideer(vow.root, wet, "317") == []
