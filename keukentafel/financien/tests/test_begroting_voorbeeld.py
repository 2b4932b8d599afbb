"""The Hardenberg example (seed 001_8130d38cb886e681.txt §10.4) reproduces every total of the seed, including the
derived Overgangsrecht/onvoorzien lines; loading twice changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from keukentafel.financien import voorbeeld_hardenberg
from keukentafel.financien.begroting import bedragen_op, totalen
from keukentafel.financien.models import Begroting, Begrotingspost, Postsoort
from keukentafel.testing.factories import GemeenteFactory

pytestmark = pytest.mark.django_db

E = 100  # cents per euro
#: Transcribed from the seed's "Totaal" rows (lasten = baten per block) and its Overgangsrecht/onvoorzien rows.
TOTAAL = {
    "Wmo hulp bij het huishouden": (5_200_000, 4_130_000, 4_140_000, 4_150_000),
    "Wmo 2015": (10_360_000, 10_610_000, 10_350_000, 10_320_000),
    "Jeugdzorg": (16_770_000, 16_060_000, 15_460_000, 15_460_000),
    "Participatie": (13_750_000, 12_950_000, 12_170_000, 11_480_000),
}
ONVOORZIEN = {
    "Wmo hulp bij het huishouden": (450_000, 1_150_000, 1_100_000, 1_050_000),
    "Wmo 2015": (-520_000, -270_000, -710_000, -740_000),
    "Jeugdzorg": (1_400_000, 1_300_000, 1_210_000, 1_210_000),
    "Participatie": (830_000, 310_000, -190_000, -580_000),
}
OVERGANGSRECHT_ONVOORZIEN_TOTAAL = (2_160_000, 2_490_000, 1_410_000, 940_000)


@pytest.fixture
def geladen():
    gemeente = GemeenteFactory(naam="Hardenberg")
    call_command("begroting_voorbeeld", "--gemeente", "hardenberg")
    return gemeente


@pytest.mark.parametrize("i,jaar", list(enumerate(voorbeeld_hardenberg.JAREN)))
def test_totalen_per_blok_en_jaar_zoals_in_de_seed(geladen, i, jaar):
    b = Begroting.objects.get(gemeente=geladen, jaar=jaar)
    t = totalen(b)
    domein = {p.onderdeel: p.domein for p in b.posten.all()}
    for onderdeel, totaal in TOTAAL.items():
        assert t.per_onderdeel[(domein[onderdeel], onderdeel, Postsoort.LASTEN)] == totaal[i] * E, (onderdeel, jaar)
        assert t.per_onderdeel[(domein[onderdeel], onderdeel, Postsoort.BATEN)] == totaal[i] * E, (onderdeel, jaar)
    bedragen = bedragen_op(b)
    saldo = {p.onderdeel: bedragen[p.id] for p in b.posten.filter(saldopost=True)}
    assert saldo == {o: v[i] * E for o, v in ONVOORZIEN.items()}
    assert sum(saldo.values()) == OVERGANGSRECHT_ONVOORZIEN_TOTAAL[i] * E


def test_genoemde_bedragen(geladen):
    t15 = totalen(Begroting.objects.get(gemeente=geladen, jaar=2015))
    assert t15.per_onderdeel[("wmo", "Wmo hulp bij het huishouden", "lasten")] == 5_200_000_00
    assert t15.per_onderdeel[("jeugd", "Jeugdzorg", "lasten")] == 16_770_000_00


def test_overgangsrecht_is_afgeleid_en_pm_is_nul_met_toelichting(geladen):
    onvoorzien = Begrotingspost.objects.filter(begroting__gemeente=geladen, naam="Overgangsrecht/onvoorzien")
    assert onvoorzien.count() == 16 and all(p.saldopost and not p.bedragen.exists() for p in onvoorzien)
    pm = Begrotingspost.objects.get(begroting__gemeente=geladen, begroting__jaar=2016, code="wmo-eigen-bijdragen")
    assert "p.m." in pm.toelichting and pm.bedragen.get().bedrag_cent == 0
    assert all(b.bron == voorbeeld_hardenberg.BRON == "seed 001_8130d38cb886e681.txt §10.4"
               for b in Begroting.objects.filter(gemeente=geladen))


def test_twee_keer_laden_dupliceert_niets(geladen):
    aantal = Begrotingspost.objects.count()
    call_command("begroting_voorbeeld", "--gemeente", "Hardenberg")
    assert Begroting.objects.filter(gemeente=geladen).count() == 4 and Begrotingspost.objects.count() == aantal


def test_onbekende_gemeente_en_andere_begroting_geweigerd(db):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("begroting_voorbeeld", "--gemeente", "Nergenshuizen")
    g = GemeenteFactory(naam="Ommen")
    Begroting.objects.create(gemeente=g, jaar=2016, naam="Eigen", bron="Raad")
    with pytest.raises(CommandError, match="al een andere begroting voor 2016"):
        call_command("begroting_voorbeeld", "--gemeente", "Ommen")
    assert Begroting.objects.filter(gemeente=g).count() == 1
