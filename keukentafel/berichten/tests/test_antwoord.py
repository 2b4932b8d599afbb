"""The 319 antwoordbericht (WJ760/WJ759, TR359, TR360, TR365) and the retours 302/320 providers send on our messages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from keukentafel.berichten import veilig
from keukentafel.berichten.aanbieder.retour import retour_op
from keukentafel.berichten.antwoord import stuur_antwoord
from keukentafel.berichten.codes import bericht_namespace
from keukentafel.berichten.models import Bericht, Berichtstatus, Kanaal, Richting
from keukentafel.berichten.toewijzing import uitgesteld
from keukentafel.berichten.verwerking import ontvang
from keukentafel.codelijsten import Wet

from .conftest import ken_zin_toe
from .test_toewijzing import _verzoek, toewijzingen


def antwoord_velden(b: Bericht) -> dict[str, str]:
    ns = bericht_namespace(b.wet, "319")
    a = veilig.parse(b.xml.encode()).getroot().find(f"{{{ns}}}Antwoord")
    return {e.tag.split("}")[1]: e.text for e in a}


@pytest.fixture
def verzoek(persoon, aanbieder, gemeente):
    return _verzoek(persoon, aanbieder, gemeente, referentie="VOT-319")


# ---------------------------------------------------------------------------------------------------
# 319
# ---------------------------------------------------------------------------------------------------


def test_afwijzing_met_reden(verzoek, gemeente, aanbieder, persoon):
    b = stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="3")
    assert (b.soort, b.richting, b.wet, b.berichtcode) == ("319", Richting.UIT, Wet.WMO, "482")
    assert (b.afzender, b.ontvanger, b.persoon, b.heenbericht) == (gemeente.gemeentecode, aanbieder.agb_code, persoon, verzoek.bericht)
    assert antwoord_velden(b) == {"ReferentieAanbieder": "VOT-319", "VerzoekAntwoord": "1", "RedenAfwijzingVerzoek": "3"}
    verzoek.refresh_from_db()
    assert verzoek.status == "open"  # the verzoeken module sets the status, not the 319


def test_in_onderzoek_zonder_reden(verzoek):
    b = stuur_antwoord(verzoek, verzoek_antwoord="2")
    assert antwoord_velden(b) == {"ReferentieAanbieder": "VOT-319", "VerzoekAntwoord": "2"}


def test_jeugdwet_319(jeugdige, aanbieder, gemeente):
    v = _verzoek(jeugdige, aanbieder, gemeente, referentie="JW-VOT-1", wet=Wet.JEUGDWET)
    b = stuur_antwoord(v, verzoek_antwoord="1", reden_afwijzing="8")
    assert b.code == "JW319" and b.berichtcode == "488"
    assert antwoord_velden(b)["RedenAfwijzingVerzoek"] == "8"


def test_wj759_afwijzing_vraagt_reden(verzoek):
    with pytest.raises(ValidationError, match="WJ759"):
        stuur_antwoord(verzoek, verzoek_antwoord="1")
    with pytest.raises(ValidationError, match="CD086"):
        stuur_antwoord(verzoek, verzoek_antwoord="2", reden_afwijzing="3")
    with pytest.raises(ValidationError, match="WJ760"):
        stuur_antwoord(verzoek, verzoek_antwoord="3")


def test_tr360_in_onderzoek_maar_een_keer(verzoek):
    stuur_antwoord(verzoek, verzoek_antwoord="2")
    with pytest.raises(ValidationError, match="TR360"):
        stuur_antwoord(verzoek, verzoek_antwoord="2")
    # The final answer after "in onderzoek" is allowed (TR365).
    stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="7")


def test_tr365_niets_meer_na_afwijzing(verzoek):
    stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="7")
    with pytest.raises(ValidationError, match="TR365"):
        stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="2")
    with pytest.raises(ValidationError, match="TR365"):
        stuur_antwoord(verzoek, verzoek_antwoord="2")


def test_tr360_kijkt_per_referentie(verzoek, persoon, aanbieder, gemeente):
    """Another verzoek of the same client and provider has its own answers."""
    stuur_antwoord(verzoek, verzoek_antwoord="2")
    ander = _verzoek(persoon, aanbieder, gemeente, referentie="VOT-320")
    stuur_antwoord(ander, verzoek_antwoord="2")


def test_tr359_geen_319_na_honorerende_301(verzoek, medewerker, persoon, product_wmo, aanbieder):
    with uitgesteld():
        v = ken_zin_toe(medewerker, persoon, product_wmo, aanbieder)
        verzoek.voorzieningen.add(v)
    with pytest.raises(ValidationError, match="TR359"):
        stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="7")
    assert not Bericht.objects.filter(soort="319").exists()


# ---------------------------------------------------------------------------------------------------
# 302 and 320 retours on our messages
# ---------------------------------------------------------------------------------------------------


def test_302_zonder_fouten_accepteert_301(zin_toewijzing, persoon, aanbieder):
    [heen] = toewijzingen(persoon)
    o = ontvang(retour_op(heen.xml.encode(), identificatie_retour="R302-1").bytes(), kanaal=Kanaal.HTTP, aanbieder=aanbieder)
    assert o.http_status == 200 and o.antwoord is None
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.GEACCEPTEERD and heen.fouten == []
    assert o.bericht.heenbericht == heen and o.bericht.soort == "302" and o.bericht.persoon == persoon


def test_302_met_fouten_bewaart_codes(zin_toewijzing, persoon, aanbieder):
    [heen] = toewijzingen(persoon)
    retour = retour_op(heen.xml.encode(), identificatie_retour="R302-2", codes={zin_toewijzing.toewijzingnummer: ["9379"]})
    o = ontvang(retour.bytes(), kanaal=Kanaal.HTTP, aanbieder=aanbieder)
    assert o.http_status == 200 and o.antwoord is None
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.RETOUR_FOUT
    [fout] = heen.fouten
    assert fout["code"] == "9379" and f"ToewijzingNummer {zin_toewijzing.toewijzingnummer}" in fout["melding"]
    assert persoon.bsn not in fout["melding"]
    assert (o.bericht.aantal_regels, o.bericht.aantal_afgekeurd) == (1, 1)


def test_jw302(jeugd_toewijzing, jeugdige, aanbieder):
    [heen] = toewijzingen(jeugdige)
    o = ontvang(retour_op(heen.xml.encode(), identificatie_retour="R302-3").bytes(), kanaal=Kanaal.MAP)
    assert o.http_status == 200 and o.bericht.code == "JW302"
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.GEACCEPTEERD


def test_302_op_onbekend_bericht_is_bevinding(zin_toewijzing, persoon, aanbieder):
    [heen] = toewijzingen(persoon)
    xml = heen.xml.replace(f">{heen.identificatie}</", ">999999999</", 1).encode()
    o = ontvang(retour_op(xml, identificatie_retour="R302-4").bytes(), kanaal=Kanaal.HTTP, aanbieder=aanbieder)
    assert o.http_status == 200 and o.bericht.heenbericht is None
    assert "999999999" in o.bericht.fouten[0]["melding"]
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.KLAAR


def test_320_op_319(verzoek, aanbieder):
    heen = stuur_antwoord(verzoek, verzoek_antwoord="2")
    o = ontvang(retour_op(heen.xml.encode(), identificatie_retour="R320-1").bytes(), kanaal=Kanaal.HTTP, aanbieder=aanbieder)
    assert o.http_status == 200 and o.antwoord is None and o.bericht.soort == "320"
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.GEACCEPTEERD and o.bericht.heenbericht == heen


def test_320_met_fout(verzoek, aanbieder):
    heen = stuur_antwoord(verzoek, verzoek_antwoord="1", reden_afwijzing="2")
    o = ontvang(retour_op(heen.xml.encode(), identificatie_retour="R320-2", codes={0: ["9365"]}).bytes(),
                kanaal=Kanaal.HTTP, aanbieder=aanbieder)
    assert o.http_status == 200
    heen.refresh_from_db()
    assert heen.status == Berichtstatus.RETOUR_FOUT and heen.fouten[0]["code"] == "9365"
    assert "ReferentieAanbieder VOT-319" in heen.fouten[0]["melding"]
