"""Inflow, outflow and stock per month, re-evaluations due/overdue and step-down, on known data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.besluiten.models import Herbeoordeling
from keukentafel.monitor.indicatoren import stroom
from keukentafel.monitor.periode import periode
from keukentafel.plannen.models import Evaluatie
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

from .proces_data import geen_drempel, medewerker, plan, selectie, tabel, waarden

Q1 = periode(2026, 1)


@pytest.fixture
def gebied(db):
    return GebiedFactory()


def grant(persoon, begin: date, eind: date | None = None, categorie: str = "02", wet: str = "wmo"):
    product = ProductFactory(wet=wet, productcategorie=categorie, productcode=f"{categorie}S01")
    return ToegewezenVoorzieningFactory(gemeente=persoon.gemeente, persoon=persoon, product=product, begindatum=begin, einddatum=eind)


@pytest.fixture
def clienten(gebied):
    def p():
        return PersoonFactory(gebied=gebied)

    grant(p(), date(2025, 6, 1))  # client throughout
    grant(p(), date(2026, 1, 15), date(2026, 2, 10))  # in January, out February
    s3 = p()
    grant(s3, date(2026, 2, 1), date(2026, 2, 28))
    grant(s3, date(2026, 3, 1))  # in February, a follow-up grant: no outflow
    grant(p(), date(2025, 1, 1), date(2026, 1, 31))  # out in January (last day 31-01)
    grant(p(), date(2025, 1, 1), date(2025, 12, 31))  # out before the period
    ToegewezenVoorzieningFactory(begindatum=date(2026, 1, 10))  # another gemeente


def test_instroom_uitstroom_en_stand_per_maand_sluiten_op_elkaar_aan(gebied, clienten):
    geen_drempel(gebied.gemeente)
    t = tabel(stroom.tabellen(selectie(gebied, Q1)), stroom.STROOM)
    assert waarden(t) == {
        "Stand bij het begin van de periode": [0, 0, 2],
        "2026-01": [1, 1, 2],
        "2026-02": [1, 1, 2],
        "2026-03": [0, 0, 2],
    }
    assert t.links["2026-02"] == f"?lijst={stroom.STROOM}&sleutel=2026-02"
    assert stroom.LIJSTEN[stroom.STROOM](selectie(gebied, Q1), "2026-02").count() == 3  # S2's grant and S3's two


def test_stroom_met_categoriefilter_en_kleine_aantallen(gebied, clienten):
    w = waarden(tabel(stroom.tabellen(selectie(gebied, Q1)), stroom.STROOM))
    assert w["2026-01"] == ["< 5", "< 5", "< 5"]
    geen_drempel(gebied.gemeente)
    w = waarden(tabel(stroom.tabellen(selectie(gebied, Q1, categorie="wmo:01")), stroom.STROOM))
    assert w["2026-01"] == [0, 0, 0]


def test_evaluaties_en_herbeoordelingen_gepland_uitgevoerd_achterstallig(gebied):
    geen_drempel(gebied.gemeente)

    def p(**kw):
        return plan(HuishoudenFactory(gebied=gebied), vastgesteld=kw.pop("vastgesteld", date(2025, 6, 1)), **kw)

    e1 = p(evaluatiedatum=date(2026, 2, 1))  # due in Q1 and overdue on 31-03
    p(evaluatiedatum=date(2026, 3, 31))  # due, not overdue
    p(evaluatiedatum=date(2025, 12, 1))  # overdue only
    p(vastgesteld=None, status="concept", evaluatiedatum=date(2026, 2, 1))  # not running
    Evaluatie.objects.create(plan=e1, datum=date(2026, 2, 10), besluit="voortzetten", uitgevoerd_door=medewerker(gebied))
    for uiterlijk, afgerond in ((date(2026, 2, 1), date(2026, 1, 20)), (date(2026, 3, 1), None), (date(2025, 11, 1), date(2026, 4, 10))):
        v = grant(PersoonFactory(gebied=gebied), date(2020, 1, 1), date(2026, 12, 31))
        Herbeoordeling.objects.create(voorziening=v, cohort="2026-K1", uiterlijk_op=uiterlijk, afgerond_op=afgerond)
    t = tabel(stroom.tabellen(selectie(gebied, Q1)), stroom.EVALUATIES)
    assert waarden(t) == {"Evaluatie ondersteuningsplan": [2, 1, 2], "Herbeoordeling overgangsrecht": [2, 1, 2]}
    assert stroom.LIJSTEN[stroom.EVALUATIES](selectie(gebied, Q1), "herbeoordeling").count() == 3


@pytest.fixture
def zwaarte(gebied):
    def p():
        return PersoonFactory(gebied=gebied)

    a1 = p()
    grant(a1, date(2025, 1, 1), date(2026, 2, 15), categorie="04")  # verblijf
    grant(a1, date(2026, 2, 16), categorie="02")  # → begeleiding individueel: stepped down
    grant(p(), date(2025, 1, 1), categorie="07")  # dagbesteding throughout: same
    grant(p(), date(2025, 1, 1), date(2026, 3, 1), categorie="01")  # HbH ended: beëindigd
    a4 = p()
    grant(a4, date(2025, 1, 1), categorie="02")
    grant(a4, date(2026, 3, 1), categorie="07")  # individueel → groep: stepped up
    grant(p(), date(2026, 2, 1), categorie="01")  # none → HbH
    grant(p(), date(2025, 1, 1), categorie="11")  # wheelchair: not on the scale


def test_afschalen_van_zwaar_naar_licht_per_zwaarte_op_de_eerste_dag(gebied, zwaarte):
    geen_drempel(gebied.gemeente)
    t = tabel(stroom.tabellen(selectie(gebied, Q1)), stroom.AFSCHALEN)
    w = waarden(t)
    assert w[stroom.ZWAARTE[4][0]] == [1, 1, 0, 0, 0]
    assert w[stroom.ZWAARTE[3][0]] == [1, 0, 0, 1, 0]
    assert w[stroom.ZWAARTE[2][0]] == [1, 0, 0, 0, 1]
    assert w[stroom.ZWAARTE[1][0]] == [1, 0, 1, 0, 0]
    assert w["Eerste dag geen maatwerk op deze schaal, laatste dag wel"] == [1, 0, 0, 0, 1]
    assert w["Totaal"] == [5, 1, 1, 1, 2]
    assert stroom.LIJSTEN[stroom.AFSCHALEN](selectie(gebied, Q1), "4").count() == 2


def test_aantal_queries_groeit_niet_met_de_gegevens(gebied, clienten, zwaarte):
    s = selectie(gebied, Q1)
    with CaptureQueriesContext(connection) as eerst:
        stroom.tabellen(s)
    for _ in range(3):
        grant(PersoonFactory(gebied=gebied), date(2026, 2, 2), date(2026, 3, 3), categorie="04")
    with CaptureQueriesContext(connection) as daarna:
        stroom.tabellen(s)
    assert len(daarna) == len(eerst) <= 12  # incl. the small-cell threshold lookups per table
