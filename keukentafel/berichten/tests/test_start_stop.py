"""305/307: one test per rule with the retourcode it must produce, for the Wmo and the Jeugdwet, and the delivery
status of the grant (`Levering`) with corrections through StatusAanlevering 3."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import timezone

from keukentafel.berichten.aanbieder.levering import Startregel, Stopregel, client_van, start_zorg, stop_zorg
from keukentafel.berichten.models import Kanaal, Levering
from keukentafel.berichten.verwerking import ontvang
from keukentafel.besluiten.models import VoorzieningStatus
from keukentafel.besluiten.overzicht import voor_huishouden
from keukentafel.codelijsten import Wet
from keukentafel.testing.factories import AanbiederFactory, PersoonFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import ken_zin_toe

_nummers = itertools.count(1)
START = date(2026, 2, 2)
#: A definitive reason per law (WMO588 19 / JZ588 31 "volgens plan") and the temporary stop (20).
DEFINITIEF = {Wet.WMO: "19", Wet.JEUGDWET: "31"}
TIJDELIJK = "20"


@pytest.fixture(autouse=True)
def _xsd():
    istandaarden_map()


@pytest.fixture(params=[Wet.WMO, Wet.JEUGDWET], ids=["wmo", "jeugdwet"])
def toewijzing(request, zin_toewijzing, jeugd_toewijzing):
    return zin_toewijzing if request.param == Wet.WMO else jeugd_toewijzing


def identificatie() -> str:
    return f"SS{next(_nummers):010d}"


def start(v, begindatum=START, *, status="1", nummer=None, persoon=None, aanbieder=None):
    o = start_zorg(
        v.product.wet, agb=(aanbieder or v.aanbieder).agb_code, gemeentecode=v.gemeente.gemeentecode,
        identificatie=identificatie(), dagtekening=timezone.localdate(), client=client_van(persoon or v.persoon),
        regels=[Startregel(nummer or v.toewijzingnummer, v.product.productcategorie, v.product.productcode, v.begindatum,
                           begindatum, status)],
    )
    return ontvang(o.bytes(), kanaal=Kanaal.CLI)


def stop(v, einddatum, reden, begindatum=START, *, status="1"):
    o = stop_zorg(
        v.product.wet, agb=v.aanbieder.agb_code, gemeentecode=v.gemeente.gemeentecode, identificatie=identificatie(),
        dagtekening=timezone.localdate(), client=client_van(v.persoon),
        regels=[Stopregel(v.toewijzingnummer, v.product.productcategorie, v.product.productcode, v.begindatum, begindatum,
                          reden, einddatum, status)],
    )
    return ontvang(o.bytes(), kanaal=Kanaal.CLI)


def codes(ontvangst) -> list[str]:
    assert ontvangst.http_status == 200, ontvangst.fouten
    return [f["code"] for f in ontvangst.bericht.fouten]


def retourcodes_in_antwoord(ontvangst) -> list[str]:
    """The codes the provider reads in the 306/308 (which `verzend` validated against the XSD)."""
    from lxml import etree

    root = etree.fromstring(ontvangst.antwoord.xml.encode())
    return [e.text for e in root.iter() if etree.QName(e).localname == "RetourCode"]


# ---------------------------------------------------------------------------------------------------
# 305 start
# ---------------------------------------------------------------------------------------------------


def test_start_maakt_levering_en_retour_zonder_codes(toewijzing):
    o = start(toewijzing)
    assert codes(o) == []
    lev = Levering.objects.get(voorziening=toewijzing)
    assert lev.begindatum == START and lev.startbericht == o.bericht and lev.einddatum is None
    assert o.bericht.persoon_id == toewijzing.persoon_id and o.bericht.aantal_afgekeurd == 0
    assert o.antwoord.soort == "306" and set(retourcodes_in_antwoord(o)) == {"0200"}


def test_tr019_onbekend_toewijzingnummer_9019(toewijzing):
    o = start(toewijzing, nummer=987654)
    assert codes(o) == ["9019"] and "9019" in retourcodes_in_antwoord(o)
    assert not Levering.objects.exists()


def test_tr019_toewijzing_van_een_andere_client_9019(toewijzing):
    assert codes(start(toewijzing, persoon=PersoonFactory())) == ["9019"]


def test_tr019_toewijzing_bij_een_andere_aanbieder_9019(toewijzing):
    assert codes(start(toewijzing, aanbieder=AanbiederFactory())) == ["9019"]


def test_tr074_dezelfde_start_twee_keer_9074(toewijzing):
    start(toewijzing)
    assert codes(start(toewijzing)) == ["9074"]
    assert Levering.objects.count() == 1


def test_tr326_nieuwe_start_voordat_de_levering_gestopt_is_9326(toewijzing):
    start(toewijzing)
    assert codes(start(toewijzing, date(2026, 3, 2))) == ["9326"]


def test_tr326_nieuwe_start_na_een_stop_mag(toewijzing):
    start(toewijzing)
    assert codes(stop(toewijzing, date(2026, 2, 27), TIJDELIJK)) == []
    assert codes(start(toewijzing, date(2026, 3, 2))) == []
    assert Levering.objects.filter(voorziening=toewijzing).count() == 2


def test_tr063_start_verwijderen_zonder_eerdere_start_9063(toewijzing):
    assert codes(start(toewijzing, status="3")) == ["9063"]


def test_tr071_start_verwijderen_na_een_stop_9071(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 3, 31), DEFINITIEF[toewijzing.product.wet])
    assert codes(start(toewijzing, status="3")) == ["9071"]


def test_start_verwijderen_en_opnieuw_aanleveren(toewijzing):
    start(toewijzing)
    assert codes(start(toewijzing, status="3")) == []
    assert Levering.objects.get().start_verwijderd is True
    assert codes(start(toewijzing)) == []  # the withdrawn start no longer blocks (TR074/TR326)
    assert Levering.objects.filter(start_verwijderd=False).count() == 1


def test_op033x2_status_2_is_niet_toegestaan_0001(toewijzing):
    assert codes(start(toewijzing, status="2")) == ["0001"]
    start(toewijzing)
    assert codes(stop(toewijzing, date(2026, 3, 31), DEFINITIEF[toewijzing.product.wet], status="2")) == ["0001"]


# ---------------------------------------------------------------------------------------------------
# 307 stop
# ---------------------------------------------------------------------------------------------------


def test_stop_sluit_de_levering_maar_niet_de_toewijzing(toewijzing):
    start(toewijzing)
    reden = DEFINITIEF[toewijzing.product.wet]
    o = stop(toewijzing, date(2026, 6, 30), reden)
    assert codes(o) == [] and o.antwoord.soort == "308"
    lev = Levering.objects.get()
    assert lev.einddatum == date(2026, 6, 30) and lev.reden_beeindiging == reden and lev.stopbericht == o.bericht
    toewijzing.refresh_from_db()
    assert toewijzing.status == VoorzieningStatus.ACTIEF and toewijzing.einddatum == date(2027, 12, 31)


def test_tr069_stop_zonder_actuele_start_9069(toewijzing):
    assert codes(stop(toewijzing, date(2026, 6, 30), DEFINITIEF[toewijzing.product.wet])) == ["9069"]


def test_tr069_stop_met_een_andere_begindatum_9069(toewijzing):
    start(toewijzing)
    assert codes(stop(toewijzing, date(2026, 6, 30), DEFINITIEF[toewijzing.product.wet], begindatum=date(2026, 2, 3))) == ["9069"]


def test_tr019_stop_op_onbekende_toewijzing_9019(toewijzing):
    start(toewijzing)
    toewijzing.toewijzingnummer = 999998
    assert codes(stop(toewijzing, date(2026, 6, 30), DEFINITIEF[toewijzing.product.wet])) == ["9019"]


def test_tr413_tweede_tijdelijke_stop_9413(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 4, 30), TIJDELIJK)
    assert codes(stop(toewijzing, date(2026, 5, 31), TIJDELIJK)) == ["9413"]


def test_tr415_stop_na_een_definitieve_stop_9415(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 4, 30), DEFINITIEF[toewijzing.product.wet])
    assert codes(stop(toewijzing, date(2026, 5, 31), "02")) == ["9415"]


def test_tr414_definitieve_stop_eerder_dan_de_tijdelijke_9414(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 4, 30), TIJDELIJK)
    assert codes(stop(toewijzing, date(2026, 4, 1), DEFINITIEF[toewijzing.product.wet])) == ["9414"]


def test_tr074_dezelfde_stop_twee_keer_9074(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 4, 30), TIJDELIJK)
    assert codes(stop(toewijzing, date(2026, 4, 30), TIJDELIJK)) == ["9074"]


def test_tijdelijke_stop_wordt_definitief_en_verwijderen_herstelt_de_tijdelijke(toewijzing):
    start(toewijzing)
    tijdelijk = stop(toewijzing, date(2026, 4, 30), TIJDELIJK).bericht
    reden = DEFINITIEF[toewijzing.product.wet]
    assert codes(stop(toewijzing, date(2026, 5, 31), reden)) == []
    lev = Levering.objects.get()
    assert (lev.einddatum, lev.reden_beeindiging) == (date(2026, 5, 31), reden)
    assert lev.stop_historie[-1]["status"] == "vervangen" and lev.stop_historie[-1]["stopbericht_id"] == tijdelijk.pk
    assert codes(stop(toewijzing, date(2026, 5, 31), reden, status="3")) == []
    lev.refresh_from_db()
    assert (lev.einddatum, lev.reden_beeindiging, lev.stopbericht_id) == (date(2026, 4, 30), TIJDELIJK, tijdelijk.pk)


def test_stop_verwijderen_heropent_de_levering(toewijzing):
    start(toewijzing)
    stop(toewijzing, date(2026, 4, 30), DEFINITIEF[toewijzing.product.wet])
    assert codes(stop(toewijzing, date(2026, 4, 30), DEFINITIEF[toewijzing.product.wet], status="3")) == []
    lev = Levering.objects.get()
    assert lev.einddatum is None and lev.stopbericht is None and lev.stop_historie[-1]["status"] == "verwijderd"
    assert codes(start(toewijzing, status="3")) == []  # no longer stopped: the start may be withdrawn (TR071)


def test_tr063_stop_verwijderen_zonder_eerdere_stop_9063(toewijzing):
    start(toewijzing)
    assert codes(stop(toewijzing, date(2026, 4, 30), TIJDELIJK, status="3")) == ["9063"]


def test_reden_beeindiging_van_de_andere_wet(jeugd_toewijzing, settings):
    """19 is WMO588 only: the JW307 XSD refuses it as a whole; with XSD validation off our own check gives 0001."""
    start(jeugd_toewijzing)
    assert stop(jeugd_toewijzing, date(2026, 4, 30), "19").http_status == 422
    settings.ISTANDAARDEN_DIR = None
    assert codes(stop(jeugd_toewijzing, date(2026, 4, 30), "19")) == ["0001"]


def test_einddatum_voor_begindatum_0001(toewijzing):
    start(toewijzing)
    assert codes(stop(toewijzing, date(2026, 1, 31), DEFINITIEF[toewijzing.product.wet])) == ["0001"]


def test_een_afgekeurde_regel_laat_de_goede_regels_door(zin_toewijzing, medewerker, persoon, aanbieder, huishouden):
    from keukentafel.testing.factories import ProductFactory, TariefFactory

    tweede_product = ProductFactory(wet=Wet.WMO, productcategorie="02", productcode="02A02", naam="Begeleiding groep")
    TariefFactory(contract=zin_toewijzing.contract, product=tweede_product)
    tweede = ken_zin_toe(medewerker, persoon, tweede_product, aanbieder, huishouden=huishouden)
    o = start_zorg(
        Wet.WMO, agb=aanbieder.agb_code, gemeentecode=zin_toewijzing.gemeente.gemeentecode, identificatie=identificatie(),
        dagtekening=timezone.localdate(), client=client_van(persoon),
        regels=[Startregel(zin_toewijzing.toewijzingnummer, "02", "02A01", zin_toewijzing.begindatum, START),
                Startregel(123456, "02", "02A02", tweede.begindatum, START)],
    )
    ontvangst = ontvang(o.bytes(), kanaal=Kanaal.CLI)
    assert codes(ontvangst) == ["9019"] and ontvangst.bericht.aantal_regels == 2 and ontvangst.bericht.aantal_afgekeurd == 1
    assert Levering.objects.filter(voorziening=zin_toewijzing).exists()
    assert sorted(retourcodes_in_antwoord(ontvangst)) == ["0200", "0200", "0200", "9019"]  # header, client, 2 lines


# ---------------------------------------------------------------------------------------------------
# The grant overview shows the delivery status
# ---------------------------------------------------------------------------------------------------


def test_overzicht_toont_de_levering(zin_toewijzing, huishouden):
    def tekst() -> str:
        v = next(v for v in voor_huishouden(huishouden).voorzieningen if v.pk == zin_toewijzing.pk)
        return v.levering_tekst

    assert tekst() == "Nog geen start van de levering ontvangen"
    start(zin_toewijzing)
    assert tekst() == "Levering gestart per 02-02-2026"
    stop(zin_toewijzing, date(2026, 6, 30), "19")
    assert tekst() == "Levering gestart per 02-02-2026, gestopt per 30-06-2026 (Levering volgens plan beëindigd)"
    html = Template("{% load besluiten_tags %}{% voorzieningen_overzicht huishouden %}").render(Context({"huishouden": huishouden}))
    assert "gestopt per 30-06-2026 (Levering volgens plan beëindigd)" in html
    assert "Een stop beëindigt de levering, niet de toewijzing" in html
