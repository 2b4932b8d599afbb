"""The forecast: realisation so far + rest commitment × utilisation ratio, per line and gebied, with warnings."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.financien.prognose import prognose, standaard_peildatum, uitsplitsing
from keukentafel.financien.realisatie import realisatie
from keukentafel.testing.factories import ProductFactory

from .fixtures_prognose import GebiedFactory, GemeenteFactory, begroting, pgb_uitgave, prestatie, voorziening

pytestmark = pytest.mark.django_db


@pytest.fixture
def boek():
    g = GemeenteFactory()
    a = GebiedFactory(gemeente=g, naam="Centrum", inwoners=3000)
    b = GebiedFactory(gemeente=g, naam="Noord", inwoners=1000)
    hbh = ProductFactory(wet="wmo", productcategorie="01")
    beg = ProductFactory(wet="wmo", productcategorie="02")
    jeugd = ProductFactory(wet="jeugdwet", productcategorie="45")
    begroting(g, 2026, [("wmo", "hbh", ["wmo:01"], 1_000_000), ("wmo", "begeleiding", ["wmo:02"], 100),
                        ("wmo", "gebiedsteams", [], 50_000)])
    v1 = voorziening(g, a, product=hbh, omvang=1, tarief_cent=1000, frequentie="1", begindatum=date(2026, 1, 1),
                     einddatum=date(2026, 12, 31))
    prestatie(v1, 31_000, date(2026, 1, 15))
    prestatie(v1, 14_000, date(2026, 2, 10))
    debet = prestatie(v1, 5_000, date(2026, 2, 3), gecrediteerd=True)
    prestatie(v1, -5_000, date(2026, 2, 3), vorig_referentienummer=debet.referentienummer)
    prestatie(v1, 99_999, date(2026, 2, 4), goedgekeurd=False, toegekend_cent=0)  # refused: never counts
    v2 = voorziening(g, b, product=beg, leveringsvorm="pgb", omvang=7, tarief_cent=100, frequentie="2",
                     begindatum=date(2026, 1, 1))
    pgb_uitgave(v2, 5_900, date(2026, 1, 5))
    voorziening(g, a, product=jeugd, omvang=1, tarief_cent=36_500, frequentie="6", begindatum=date(2026, 4, 1))
    return g


def test_realisatie_debet_en_credit_heffen_elkaar_op(boek):
    assert realisatie(boek, date(2026, 1, 1), date(2026, 12, 31)) == {("wmo:01",): 45_000, ("wmo:02",): 5_900}


def test_prognose_per_post_hand_berekend(boek):
    p = prognose(boek, 2026, date(2026, 3, 15))
    assert p.venster == (date(2026, 1, 1), date(2026, 2, 28))  # up to the end of the last month with declarations
    assert (p.benutting["wmo:01"].gedeclareerd, p.benutting["wmo:01"].verplicht) == (45_000, 59_000)
    assert p.benutting["jeugdwet:45"].bron == "100%"  # nothing in the window, nothing last year
    hbh, beg, teams = p.posten
    # 45,000 + 306 days × 1000 × 45,000/59,000 = 45,000 + 233,389.83 → 278,390
    assert (hbh.begroot, hbh.verplicht, hbh.gerealiseerd, hbh.prognose) == (1_000_000, 365_000, 45_000, 278_390)
    assert hbh.verschil == -721_610 and not hbh.waarschuwing
    assert (beg.verplicht, beg.gerealiseerd, beg.prognose) == (36_500, 5_900, 36_500)
    assert beg.waarschuwing  # 36,500 > 100 × 1.05
    assert not teams.gedekt and teams.prognose == teams.begroot == 50_000
    # Apr 1 – Dec 31 of a 365-day totaal grant: 36,500 × 275/365 = 27,500, at 100 %
    assert p.niet_toegerekend.categorieen == ["jeugdwet:45"]
    assert (p.niet_toegerekend.verplicht, p.niet_toegerekend.prognose) == (27_500, 27_500)
    [wmo] = p.domeinen
    assert (wmo.begroot, wmo.prognose) == (1_050_100, 278_390 + 36_500 + 50_000)
    assert p.totaal.prognose == wmo.prognose + 27_500


def test_prognose_per_gebied_budget_naar_inwoners(boek):
    hbh, beg, _ = prognose(boek, 2026, date(2026, 3, 15)).posten
    assert [(g.naam, g.begroot, g.prognose) for g in hbh.gebieden] == [("Centrum", 750_000, 278_390), ("Noord", 250_000, 0)]
    assert [(g.naam, g.begroot, g.prognose, g.waarschuwing) for g in beg.gebieden] == \
        [("Centrum", 75, 0, False), ("Noord", 25, 36_500, True)]
    assert sum(g.prognose for g in hbh.gebieden) == hbh.prognose


def test_uitsplitsing_per_aanbieder(boek):
    hbh = prognose(boek, 2026, date(2026, 3, 15)).posten[0].post
    [rij] = uitsplitsing(boek, 2026, hbh, "aanbieder", date(2026, 3, 15))
    assert rij.prognose == 278_390 and rij.sleutel is not None
    [pgb] = uitsplitsing(boek, 2026, prognose(boek, 2026, date(2026, 3, 15)).posten[1].post, "aanbieder", date(2026, 3, 15))
    assert pgb.sleutel is None and pgb.prognose == 36_500


def test_benutting_valt_terug_op_vorig_jaar():
    g = GemeenteFactory()
    gebied = GebiedFactory(gemeente=g)
    hbh = ProductFactory(wet="wmo", productcategorie="01")
    v = voorziening(g, gebied, product=hbh, omvang=1, tarief_cent=100, frequentie="1", begindatum=date(2025, 1, 1))
    prestatie(v, 18_250, date(2025, 6, 1))  # half of 2025's 36,500
    p = prognose(g, 2026, date(2026, 1, 20))  # nothing declared in 2026 yet
    assert p.venster is None and p.benutting["wmo:01"].bron == "vorig jaar"
    assert p.niet_toegerekend.prognose == 18_250  # 36,500 × 18,250 / 36,500


def test_waarschuwing_grens_is_exclusief():
    g = GemeenteFactory()
    gebied = GebiedFactory(gemeente=g)
    begroting(g, 2026, [("wmo", "hbh", ["wmo:01"], 36_500)], waarschuwing_procent=10)
    v = voorziening(g, gebied, product=ProductFactory(wet="wmo", productcategorie="01"), omvang=11, tarief_cent=10,
                    frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))
    [r] = prognose(g, 2026, date(2026, 1, 1)).posten  # no history: 100 %; 40,150 = 36,500 × 1.10 exactly
    assert r.prognose == 40_150 and not r.waarschuwing
    v.omvang = 12
    v.save()
    [r] = prognose(g, 2026, date(2026, 1, 1)).posten
    assert r.waarschuwing


def test_standaard_peildatum():
    assert standaard_peildatum(2025, date(2026, 5, 1)) == date(2025, 12, 31)
    assert standaard_peildatum(2027, date(2026, 5, 1)) == date(2027, 1, 1)
    assert standaard_peildatum(2026, date(2026, 5, 1)) == date(2026, 5, 1)
