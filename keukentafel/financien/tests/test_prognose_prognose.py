"""The forecast: realisation so far + rest commitment × utilisation ratio, per line and gebied, with warnings."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.financien.gebiedsbudget import gebiedsbudgetten
from keukentafel.financien.models import Begroting
from keukentafel.financien.prognose import prognose, standaard_peildatum, uitsplitsing
from keukentafel.financien.realisatie import realisatie
from keukentafel.testing.factories import ProductFactory

from .fixtures_prognose import (
    GebiedFactory,
    GemeenteFactory,
    begroting,
    bijdrage,
    bijdrageregeling,
    pgb_uitgave,
    prestatie,
    voorziening,
)

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
    assert p.venster == (date(2026, 1, 1), date(2026, 2, 28))  # the latest window of any category
    # per category: to the end of the last month with ITS declarations / pgb spending
    assert p.vensters == {"wmo:01": (date(2026, 1, 1), date(2026, 2, 28)), "wmo:02": (date(2026, 1, 1), date(2026, 1, 31))}
    assert (p.benutting["wmo:01"].gedeclareerd, p.benutting["wmo:01"].verplicht) == (45_000, 59_000)
    # wmo:02 (pgb, spending in January only): 5,900 ÷ January's 7 × 100 × 31/7 = 3,100
    assert (p.benutting["wmo:02"].gedeclareerd, p.benutting["wmo:02"].verplicht, p.benutting["wmo:02"].venster) == \
        (5_900, 3_100, (date(2026, 1, 1), date(2026, 1, 31)))
    assert p.benutting["jeugdwet:45"].bron == "100%"  # nothing in the window, nothing last year
    hbh, beg, teams = p.posten
    # 45,000 + 306 days × 1000 × 45,000/59,000 = 45,000 + 233,389.83 → 278,390
    assert (hbh.begroot, hbh.verplicht, hbh.gerealiseerd, hbh.prognose) == (1_000_000, 365_000, 45_000, 278_390)
    assert hbh.verschil == -721_610 and not hbh.waarschuwing
    # 5,900 + (36,500 − 3,100) × 5,900/3,100 = 5,900 + 63,567.74 → 69,468 (a window to February would give 36,500)
    assert (beg.verplicht, beg.gerealiseerd, beg.prognose) == (36_500, 5_900, 69_468)
    assert beg.waarschuwing  # 69,468 > 100 × 1.05
    assert not teams.gedekt and teams.prognose == teams.begroot == 50_000
    # Apr 1 – Dec 31 of a 365-day totaal grant: 36,500 × 275/365 = 27,500, at 100 %
    assert p.niet_toegerekend.categorieen == ["jeugdwet:45"]
    assert (p.niet_toegerekend.verplicht, p.niet_toegerekend.prognose) == (27_500, 27_500)
    # domain rows include their niet toegerekende categories (jeugdwet:45 → Jeugd, which has no line)
    wmo, jeugd = p.domeinen
    assert (wmo.begroot, wmo.prognose) == (1_050_100, 278_390 + 69_468 + 50_000)
    assert (jeugd.naam, jeugd.begroot, jeugd.verplicht, jeugd.prognose) == ("Jeugdwet", 0, 27_500, 27_500)
    assert p.niet_toegerekend_per_domein["jeugd"].prognose == 27_500
    assert p.totaal.prognose == wmo.prognose + 27_500 == sum(r.prognose for r in [*p.posten, p.niet_toegerekend])


def test_prognose_per_gebied_budget_naar_inwoners(boek):
    hbh, beg, _ = prognose(boek, 2026, date(2026, 3, 15)).posten
    assert [(g.naam, g.begroot, g.prognose) for g in hbh.gebieden] == [("Centrum", 750_000, 278_390), ("Noord", 250_000, 0)]
    assert [(g.naam, g.begroot, g.prognose, g.waarschuwing) for g in beg.gebieden] == \
        [("Centrum", 75, 0, False), ("Noord", 25, 69_468, True)]
    assert sum(g.prognose for g in hbh.gebieden) == hbh.prognose


def test_uitsplitsing_per_aanbieder(boek):
    hbh = prognose(boek, 2026, date(2026, 3, 15)).posten[0].post
    [rij] = uitsplitsing(boek, 2026, hbh, "aanbieder", date(2026, 3, 15))
    assert rij.prognose == 278_390 and rij.sleutel is not None
    [pgb] = uitsplitsing(boek, 2026, prognose(boek, 2026, date(2026, 3, 15)).posten[1].post, "aanbieder", date(2026, 3, 15))
    assert pgb.sleutel is None and pgb.prognose == 69_468


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
    assert standaard_peildatum(2027, date(2026, 5, 1)) == date(2026, 12, 31)  # a future year: nothing elapsed yet
    assert standaard_peildatum(2026, date(2026, 5, 1)) == date(2026, 5, 1)


def test_toekomstig_jaar_niets_gerealiseerd_ook_niet_op_1_januari():
    g = GemeenteFactory()
    v = voorziening(g, GebiedFactory(gemeente=g), product=ProductFactory(wet="wmo", productcategorie="01"), omvang=1,
                    tarief_cent=100, frequentie="1", begindatum=date(2027, 1, 1), einddatum=date(2027, 12, 31))
    prestatie(v, 100, date(2027, 1, 1))
    p = prognose(g, 2027, standaard_peildatum(2027, date(2026, 5, 1)))
    assert p.peildatum == date(2026, 12, 31) and p.venster is None and p.vensters == {}
    assert (p.niet_toegerekend.gerealiseerd, p.niet_toegerekend.prognose) == (0, 36_500)


def test_venster_per_categorie_laat_declarerende_categorie_niet_onderschat():
    """Category A declares up to May, B only up to February. With one window (to May) B's ratio would count March–May
    as unused: 3,100 / (151 × 100) ≈ 20 %. Its own window (to February) gives 100 %."""
    g = GemeenteFactory()
    gebied = GebiedFactory(gemeente=g)
    a = voorziening(g, gebied, product=ProductFactory(wet="wmo", productcategorie="01"), omvang=1, tarief_cent=100,
                    frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))
    b = voorziening(g, gebied, product=ProductFactory(wet="jeugdwet", productcategorie="45"), omvang=1, tarief_cent=100,
                    frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))
    prestatie(a, 15_100, date(2026, 5, 20))  # Jan–May: 151 days × 100
    prestatie(b, 5_900, date(2026, 2, 10))  # Jan–Feb: 59 days × 100
    p = prognose(g, 2026, date(2026, 6, 10))
    assert p.vensters == {"wmo:01": (date(2026, 1, 1), date(2026, 5, 31)), "jeugdwet:45": (date(2026, 1, 1), date(2026, 2, 28))}
    assert (p.benutting["jeugdwet:45"].gedeclareerd, p.benutting["jeugdwet:45"].verplicht) == (5_900, 5_900)
    assert (p.benutting["wmo:01"].gedeclareerd, p.benutting["wmo:01"].verplicht) == (15_100, 15_100)
    assert p.niet_toegerekend.prognose == 2 * 36_500  # both at 100 %: no under-forecast for the late declarer
    wmo, jeugd = p.domeinen  # both categories unassigned: each in its own domain's total
    assert (wmo.prognose, jeugd.prognose) == (36_500, 36_500)


@pytest.fixture
def baten_boek():
    g = GemeenteFactory()
    gebied = GebiedFactory(gemeente=g, inwoners=10)
    hbh = ProductFactory(wet="wmo", productcategorie="01")
    begroting(g, 2026, [
        ("wmo", "hbh", ["wmo:01"], 30_000, {"onderdeel": "Wmo"}),
        ("wmo", "teams", [], 5_000, {"onderdeel": "Wmo"}),
        ("wmo", "saldo", [], 0, {"onderdeel": "Wmo", "saldopost": True}),
        ("wmo", "deelfonds", [], 40_000, {"onderdeel": "Wmo", "soort": "baten"}),
        ("wmo", "eigen", ["eigen_bijdrage"], 3_000, {"onderdeel": "Wmo", "soort": "baten"}),
    ])
    voorziening(g, gebied, product=hbh, omvang=1, tarief_cent=100, frequentie="1", begindatum=date(2026, 1, 1),
                einddatum=date(2026, 12, 31))  # no declarations: 100 %, 36,500
    return g


def test_baten_eigen_bijdragen_en_saldopost(baten_boek):
    regeling = bijdrageregeling(baten_boek, date(2026, 1, 1))
    for maand, bedragen in ((1, (100, 200)), (2, (100, 200)), (3, (150, 200))):
        for b in bedragen:
            bijdrage(regeling, (date(2026, maand, 1), date(2026, maand, 28)), b)
    bijdrage(bijdrageregeling(GemeenteFactory(), date(2026, 1, 1)), (date(2026, 1, 1), date(2026, 1, 31)), 9_999)  # elsewhere
    p = prognose(baten_boek, 2026, date(2026, 2, 15))
    deelfonds, eigen = p.baten
    assert (deelfonds.begroot, deelfonds.gerealiseerd, deelfonds.prognose, deelfonds.gedekt) == (40_000, 0, 40_000, False)
    # realised: periods begun by 15 February (300 + 300); forecast: all computed (950) + March's 350 × 9 months left
    assert (eigen.begroot, eigen.gerealiseerd, eigen.prognose, eigen.gedekt) == (3_000, 600, 950 + 9 * 350, True)
    assert not eigen.waarschuwing
    hbh, teams, saldo = p.posten
    assert saldo.begroot == 40_000 + 3_000 - 30_000 - 5_000
    # forecast baten − forecast other lasten: 40,000 + 4,100 − 36,500 − 5,000
    assert saldo.prognose == 2_600 and not saldo.waarschuwing
    assert sum(r.prognose for r in p.posten) == sum(r.prognose for r in p.baten)  # the onderdeel stays balanced
    [wmo] = p.baten_domeinen
    assert (wmo.begroot, wmo.gerealiseerd, wmo.prognose) == (43_000, 600, 44_100)
    assert (p.baten_totaal.begroot, p.baten_totaal.prognose) == (43_000, 44_100)
    assert p.domeinen[0].prognose == 36_500 + 5_000 + 2_600


def test_baten_zonder_berekende_bijdragen_op_begroting(baten_boek):
    p = prognose(baten_boek, 2026, date(2026, 2, 15))
    assert [(r.gerealiseerd, r.prognose) for r in p.baten] == [(0, 40_000), (0, 3_000)]
    assert p.posten[2].prognose == 43_000 - 36_500 - 5_000


def test_gebiedsbudget_zelfde_regel_als_begrotingsscherm_en_queries_groeien_niet_met_posten():
    g = GemeenteFactory()
    noord, zuid = GebiedFactory(gemeente=g, naam="Noord", inwoners=100), GebiedFactory(gemeente=g, naam="Zuid", inwoners=300)
    producten = {c: ProductFactory(wet="wmo", productcategorie=c) for c in ("01", "02", "03", "04", "05", "06")}
    for c, product in producten.items():  # last year's use: Noord twice Zuid
        voorziening(g, noord, product=product, omvang=2, tarief_cent=100 + int(c), frequentie="1", begindatum=date(2025, 1, 1),
                    einddatum=date(2025, 12, 31))
        voorziening(g, zuid, product=product, omvang=1, tarief_cent=100 + int(c), frequentie="1", begindatum=date(2025, 1, 1),
                    einddatum=date(2025, 12, 31))

    def meet(n: int) -> tuple[int, list]:
        Begroting.objects.filter(gemeente=g).delete()
        posten = [("wmo", f"p{c}", [f"wmo:{c}"], 10_001, {"verdeelsleutel": "gebruik" if i % 2 else ""})
                  for i, c in enumerate(list(producten)[:n])]
        begroting(g, 2026, posten)
        with CaptureQueriesContext(connection) as q:
            p = prognose(g, 2026, date(2026, 3, 1))
        return len(q.captured_queries), p

    twee, _ = meet(2)
    zes, p = meet(6)
    assert zes == twee
    for r in p.posten:  # the forecast splits exactly as the begroting screen does (also a line without key: inwoners)
        scherm = gebiedsbudgetten(r.post, date(2026, 3, 1))
        assert [(g.sleutel, g.begroot) for g in r.gebieden] == [(b.gebied.id, b.bedrag_cent) for b in scherm]
    assert [g.begroot for g in p.posten[0].gebieden] == [2_500, 7_501]  # inwoners 1:3, the odd cent to the larger rest
    assert [g.begroot for g in p.posten[1].gebieden] == [6_667, 3_334]  # gebruik 2:1
