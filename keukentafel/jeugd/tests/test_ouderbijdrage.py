"""Ouderbijdrage as a dated setting: the seed's rule while it applied (2015), abolished from 1 January 2016."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.inwoners.models import Jeugdmaatregel, SoortMaatregel
from keukentafel.jeugd.models import SoortMachtiging
from keukentafel.jeugd.ouderbijdrage import ouderbijdrage
from keukentafel.testing.factories import ToegewezenVoorzieningFactory
from keukentafel.testing.factories_jeugd import MachtigingFactory

from .conftest import jeugdproduct

IN_2015 = date(2015, 6, 1)


@pytest.fixture
def verblijf(db):
    return jeugdproduct("36", "36001", "Gezinshuis", eenheid="14", frequentie="1")


def grant(persoon, product):
    return ToegewezenVoorzieningFactory(persoon=persoon, product=product, gemeente=persoon.gemeente, begindatum=date(2015, 1, 1))


def test_verblijf_buiten_huis_in_2015_is_verschuldigd(jeugdige, verblijf):
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), IN_2015)
    assert uitkomst.verschuldigd and "verblijf buiten het gezin" in uitkomst.reden


@pytest.mark.parametrize("op, verschuldigd", [(date(2015, 12, 31), True), (date(2016, 1, 1), False), (date(2026, 11, 23), False)],
                         ids=["laatste_dag", "afgeschaft", "nu"])
def test_afgeschaft_per_1_januari_2016(jeugdige, verblijf, op, verschuldigd):
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), op)
    assert uitkomst.verschuldigd is verschuldigd
    if not verschuldigd:
        assert "geen ouderbijdrage geheven" in uitkomst.reden and "Stb. 2017, 64" in uitkomst.reden


def test_geen_ouderbijdrage_zonder_verblijf(jeugdige, product_jeugd):
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, product_jeugd), IN_2015)
    assert not uitkomst.verschuldigd and "niet buiten het eigen gezin" in uitkomst.reden


def test_vrijgesteld_bij_adoptie(jeugdige, verblijf):
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), IN_2015, adoptie=True)
    assert not uitkomst.verschuldigd and "adoptie" in uitkomst.reden


def test_vrijgesteld_bij_gezagsverlies(jeugdige, verblijf):
    Jeugdmaatregel.objects.create(persoon=jeugdige, soort=SoortMaatregel.VOOGDIJ, gecertificeerde_instelling="Jeugdbescherming West",
                                  begindatum=date(2015, 2, 1))
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), IN_2015)
    assert not uitkomst.verschuldigd and "gezag" in uitkomst.reden


@pytest.mark.parametrize("via", ["crisisproduct", "spoedmachtiging"])
def test_vrijgesteld_bij_spoedplaatsing(jeugdige, verblijf, via):
    product = verblijf
    if via == "crisisproduct":
        product = jeugdproduct("46", "46001", "Crisisopvang", eenheid="14", frequentie="1")
    else:
        MachtigingFactory(persoon=jeugdige, soort=SoortMachtiging.SPOEDMACHTIGING, uitspraakdatum=date(2015, 5, 20),
                          ingangsdatum=date(2015, 5, 20), einddatum=date(2015, 6, 17))
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, product), IN_2015)
    assert not uitkomst.verschuldigd and "spoedplaatsing" in uitkomst.reden


def test_gemeente_kan_vrijstelling_uitzetten_en_bedrag_noemen(jeugdige, verblijf):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.OUDERBIJDRAGE_JEUGDHULP, gemeente=jeugdige.gemeente, geldig_vanaf=date(2015, 1, 1), bron="Verordening 2015",
        waarde={"geheven": True, "alleen_bij_verblijf_buiten_huis": True, "vrijstellingen": [], "bedrag_cent": 12050, "per": "maand"},
    )
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), IN_2015, adoptie=True)
    assert uitkomst.verschuldigd and (uitkomst.bedrag_cent, uitkomst.per) == (12050, "maand")
    assert "€ 120,50 per maand" in uitkomst.reden


@pytest.mark.parametrize("op", [date(2016, 1, 1), date(2026, 11, 23)], ids=["afschaffingsdatum", "nu"])
def test_gemeentelijke_instelling_kan_de_afschaffing_bij_wet_niet_opzij_zetten(jeugdige, verblijf, op):
    """A gemeente's own 2015 setting (geheven, no end) does not charge after the law abolished the ouderbijdrage."""
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.OUDERBIJDRAGE_JEUGDHULP, gemeente=jeugdige.gemeente, geldig_vanaf=date(2015, 1, 1), bron="Verordening 2015",
        waarde={"geheven": True, "alleen_bij_verblijf_buiten_huis": True, "vrijstellingen": [], "bedrag_cent": 12050, "per": "maand"},
    )
    assert ouderbijdrage(jeugdige, grant(jeugdige, verblijf), date(2015, 12, 31)).verschuldigd  # the gemeente's own rule in 2015
    uitkomst = ouderbijdrage(jeugdige, grant(jeugdige, verblijf), op)
    assert not uitkomst.verschuldigd and "afgeschaft per 01-01-2016" in uitkomst.reden and "Stb. 2017, 64" in uitkomst.reden
