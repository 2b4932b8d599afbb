"""The generic receive pipeline (`verwerking.ontvang`): one effect per message, the same answer for a repeat,
refusals at XSD and header level stored with their findings but never applied, and the XSD-off mode.

A throwaway 305 handler stands in for the real one, so these tests are about the pipeline only.
"""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from keukentafel.berichten import verwerking
from keukentafel.berichten.models import Bericht, Berichtstatus, Kanaal, Richting
from keukentafel.berichten.verwerking import Resultaat
from keukentafel.inwoners.models import Persoon
from keukentafel.testing.istandaarden import istandaarden_map

VOORBEELD = Path("/work/shared/istandaarden/iwmo-3.2/examples/WMO305.xml")
NS = "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema"
NB = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"


def voorbeeld_bron() -> bytes:
    pad = istandaarden_map() / "iwmo-3.2" / "examples" / "WMO305.xml"
    return pad.read_bytes()


def bericht_305(gemeente, aanbieder, *, identificatie: str = "100000000001", bsn: str | None = None, dagtekening=None,
                wijzig=None) -> bytes:
    """The official example 305 addressed from `aanbieder` to `gemeente`; `wijzig(root)` may change more."""
    root = etree.fromstring(voorbeeld_bron())
    h = root.find(f"{{{NS}}}Header")
    h.find(f"{{{NS}}}Afzender").text = aanbieder.agb_code if hasattr(aanbieder, "agb_code") else aanbieder
    h.find(f"{{{NS}}}Ontvanger").text = gemeente.gemeentecode if hasattr(gemeente, "gemeentecode") else gemeente
    h.find(f"{{{NS}}}BerichtIdentificatie/{{{NB}}}Identificatie").text = identificatie
    if dagtekening is not None:
        h.find(f"{{{NS}}}BerichtIdentificatie/{{{NB}}}Dagtekening").text = dagtekening.isoformat()
    if bsn is not None:
        root.find(f"{{{NS}}}Client/{{{NS}}}Bsn").text = bsn
    if wijzig is not None:
        wijzig(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


class NepVerwerker:
    """Counts its calls (the 'effect'), refuses StartProducts with ToewijzingNummer 999999 (9019) and links the client."""

    def __init__(self):
        self.aanroepen: list[str] = []

    def __call__(self, ctx: verwerking.Context) -> Resultaat:
        self.aanroepen.append(ctx.kop.identificatie)
        regels = afgekeurd = 0
        persoon_id = None
        for client in ctx.root.iter(ctx.q("Client")):
            p = Persoon.objects.filter(bsn=client.findtext(ctx.q("Bsn"))).first()
            persoon_id = p.pk if p else persoon_id
            for sp in client.iter(ctx.q("StartProduct")):
                regels += 1
                if sp.findtext(ctx.q("ToewijzingNummer")) == "999999":
                    ctx.afkeur(sp, "9019", "Geen toewijzing met dit nummer (test).")
                    afgekeurd += 1
        return Resultaat(aantal_regels=regels, aantal_afgekeurd=afgekeurd, persoon_id=persoon_id)


@pytest.fixture(name="nep_305")
def fixture_nep_305(monkeypatch):
    verwerking._laad_verwerkers()  # the real handlers register first, so ours is not overwritten later
    nep = NepVerwerker()
    monkeypatch.setitem(verwerking.VERWERKERS, "305", nep)
    return nep


@pytest.fixture(name="xsd_aan")
def fixture_xsd_aan():
    return istandaarden_map()


def test_verwerkt_en_antwoordt_met_306(gemeente, aanbieder, nep_305, xsd_aan):
    o = verwerking.ontvang(bericht_305(gemeente, aanbieder), kanaal=Kanaal.CLI, bestandsnaam="a.xml")
    assert o.http_status == 200 and not o.herhaald
    b = o.bericht
    assert b.status == Berichtstatus.VERWERKT and b.xsd_gevalideerd and b.aantal_regels == 2
    assert b.gemeente == gemeente and b.aanbieder == aanbieder and b.kanaal == Kanaal.CLI
    a = o.antwoord
    assert a.richting == Richting.UIT and a.soort == "306" and a.heenbericht == b and a.status == Berichtstatus.KLAAR
    assert b"<wmo306:RetourCode>0200</wmo306:RetourCode>" in o.antwoord_xml or b"0200" in o.antwoord_xml
    assert nep_305.aanroepen == ["100000000001"]


def test_afgekeurde_berichtklasse_komt_in_de_retour_met_regel_en_element(gemeente, aanbieder, nep_305, xsd_aan):
    def fout_nummer(root):
        root.find(f".//{{{NS}}}StartProduct/{{{NS}}}ToewijzingNummer").text = "999999"

    o = verwerking.ontvang(bericht_305(gemeente, aanbieder, wijzig=fout_nummer))
    assert o.http_status == 200
    assert o.bericht.aantal_afgekeurd == 1
    assert b"9019" in o.antwoord_xml
    [f] = o.bericht.fouten
    assert f["code"] == "9019" and f["element"] == "StartProduct" and f["regel"] > 1


def test_zelfde_bericht_twee_keer_een_effect_zelfde_antwoord(gemeente, aanbieder, nep_305):
    data = bericht_305(gemeente, aanbieder)
    eerste = verwerking.ontvang(data)
    tweede = verwerking.ontvang(data)
    assert tweede.http_status == 200 and tweede.herhaald
    assert tweede.antwoord_xml == eerste.antwoord_xml
    assert tweede.bericht.pk == eerste.bericht.pk
    assert len(nep_305.aanroepen) == 1
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1
    assert Bericht.objects.filter(richting=Richting.UIT).count() == 1


def test_zelfde_identificatie_andere_inhoud_is_9056(gemeente, aanbieder, nep_305):
    verwerking.ontvang(bericht_305(gemeente, aanbieder))

    def andere_datum(root):
        root.find(f".//{{{NS}}}StartProduct/{{{NS}}}Begindatum").text = "2025-04-02"

    o = verwerking.ontvang(bericht_305(gemeente, aanbieder, wijzig=andere_datum))
    assert o.http_status == 409
    assert o.fouten[0]["code"] == "9056" and o.fouten[0]["element"] == "Identificatie"
    assert len(nep_305.aanroepen) == 1
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1


def test_gelijktijdig_dubbel_bericht_geeft_een_effect(gemeente, aanbieder, nep_305, monkeypatch):
    """Two deliveries of one message racing: both pass the repeat check before either stored its message.
    The second one's insert hits the unique `sleutel`, is rolled back, and it answers as the first did."""
    data = bericht_305(gemeente, aanbieder)
    origineel = verwerking._herhaling
    stand = {"race": True}
    antwoorden = []

    def herhaling_met_race(sleutel, sha):
        if stand["race"]:
            stand["race"] = False
            antwoorden.append(verwerking.ontvang(data))  # the competitor finishes first, in between check and insert
            return None
        return origineel(sleutel, sha)

    monkeypatch.setattr(verwerking, "_herhaling", herhaling_met_race)
    o = verwerking.ontvang(data)
    assert o.http_status == 200 and o.herhaald
    assert o.antwoord_xml == antwoorden[0].antwoord_xml
    assert len(nep_305.aanroepen) == 1  # the loser's insert of the message failed first: its handler never ran
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1
    assert Bericht.objects.filter(richting=Richting.UIT).count() == 1


def test_fout_in_verwerker_draait_alles_terug(gemeente, aanbieder, monkeypatch):
    verwerking._laad_verwerkers()

    def kapot(ctx):
        Bericht.objects.filter(pk=ctx.bericht.pk).update(aantal_regels=99)
        raise RuntimeError("kapot")

    monkeypatch.setitem(verwerking.VERWERKERS, "305", kapot)
    with pytest.raises(RuntimeError):
        verwerking.ontvang(bericht_305(gemeente, aanbieder))
    assert not Bericht.objects.exists()


def test_onbekende_gemeente_is_s300_opgeslagen_als_afgekeurd(gemeente, aanbieder, nep_305):
    o = verwerking.ontvang(bericht_305("0999", aanbieder))
    assert o.http_status == 422
    b = o.bericht
    assert b.status == Berichtstatus.AFGEKEURD and b.retourcodes == ["S300"] and b.sleutel is None
    assert b.fouten[0]["code"] == "S300" and "0999" in b.fouten[0]["melding"]
    assert nep_305.aanroepen == []
    assert o.antwoord is None  # no gemeente to answer from


def test_dagtekening_in_de_toekomst_is_8848_met_retour(gemeente, aanbieder, nep_305, xsd_aan):
    morgen = timezone.localdate() + timedelta(days=1)
    o = verwerking.ontvang(bericht_305(gemeente, aanbieder, dagtekening=morgen))
    assert o.http_status == 422
    assert o.bericht.status == Berichtstatus.AFGEKEURD and o.bericht.retourcodes == ["8848"]
    assert o.antwoord is not None and b"8848" in o.antwoord_xml
    assert nep_305.aanroepen == []
    # Corrected, the same identification may be sent again: a refused message claims nothing.
    o2 = verwerking.ontvang(bericht_305(gemeente, aanbieder))
    assert o2.http_status == 200 and nep_305.aanroepen == ["100000000001"]


def test_onbekende_aanbieder_is_afgekeurd(gemeente, aanbieder, nep_305):
    o = verwerking.ontvang(bericht_305(gemeente, "12345678"))
    assert o.http_status == 422 and o.bericht.retourcodes == ["0001"]
    assert "12345678" in o.melding and nep_305.aanroepen == []


def test_xsd_fout_weigert_het_hele_bericht_met_regel_en_element(gemeente, aanbieder, nep_305, xsd_aan):
    def zonder_geslacht(root):
        g = root.find(f"{{{NS}}}Client/{{{NS}}}Geslacht")
        g.getparent().remove(g)

    o = verwerking.ontvang(bericht_305(gemeente, aanbieder, wijzig=zonder_geslacht))
    assert o.http_status == 422 and o.antwoord is None
    b = o.bericht
    assert b.status == Berichtstatus.AFGEKEURD and b.xsd_gevalideerd and b.sleutel is None
    assert b.fouten and b.fouten[0]["regel"] and b.fouten[0]["element"]
    assert b.fouten[0]["melding"].startswith("Voldoet niet aan de XSD")
    assert nep_305.aanroepen == []


def test_zonder_xsd_werkt_de_eigen_headercontrole(gemeente, aanbieder, nep_305, settings):
    bron = voorbeeld_bron()
    settings.ISTANDAARDEN_DIR = None

    def zonder_identificatie(root):
        e = root.find(f"{{{NS}}}Header/{{{NS}}}BerichtIdentificatie/{{{NB}}}Identificatie")
        e.text = None

    o = verwerking.ontvang(_met_bron(bron, bericht_305, gemeente, aanbieder, wijzig=zonder_identificatie))
    assert o.http_status == 422
    assert o.bericht.xsd_gevalideerd is False and o.bericht.fouten[0]["element"] == "Identificatie"
    goed = verwerking.ontvang(_met_bron(bron, bericht_305, gemeente, aanbieder))
    assert goed.http_status == 200 and goed.bericht.xsd_gevalideerd is False
    assert goed.antwoord is not None and goed.antwoord.xsd_gevalideerd is False


def _met_bron(bron: bytes, maker, *args, **kwargs) -> bytes:
    """Build while the example is readable even with ISTANDAARDEN_DIR switched off."""
    import keukentafel.berichten.tests.test_verwerking as mod

    oud = mod.voorbeeld_bron
    mod.voorbeeld_bron = lambda: copy.copy(bron)
    try:
        return maker(*args, **kwargs)
    finally:
        mod.voorbeeld_bron = oud
