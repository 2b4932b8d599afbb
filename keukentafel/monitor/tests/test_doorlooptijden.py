"""Lead times melding → plan and aanvraag → beschikking against the statutory deadlines, on known data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.monitor.indicatoren import doorlooptijden as dl
from keukentafel.monitor.indicatoren.proces_gemeen import mediaan, percentiel
from keukentafel.monitor.periode import periode
from keukentafel.testing.factories import GebiedFactory

from .proces_data import aanvraag, geen_drempel, melding, onderzoek, plan, selectie, tabel, waarden

Q3 = periode(2026, 3)


@pytest.fixture
def gebied(db):
    return GebiedFactory()


def met_plan(gebied, start: date, vastgesteld: date, **kw):
    o = onderzoek(gebied, start, **kw)
    plan(o.huishouden, vastgesteld=vastgesteld, onderzoek=o)
    return o


@pytest.fixture
def meldingen(gebied):
    met_plan(gebied, date(2026, 6, 1), date(2026, 7, 10))  # 39 days, deadline 13-07: on time
    met_plan(gebied, date(2026, 6, 1), date(2026, 7, 20), opschortingen=[(date(2026, 6, 10), date(2026, 6, 20))])  # 49, +10: on time
    met_plan(gebied, date(2026, 5, 1), date(2026, 7, 1))  # 61 days: late
    met_plan(gebied, date(2026, 8, 1), date(2026, 8, 11))  # 10 days
    met_plan(gebied, date(2026, 5, 1), date(2026, 6, 30))  # vastgesteld before Q3: not counted
    onderzoek(gebied, date(2026, 8, 1))  # open, deadline 12-09 < 30-09: overdue
    onderzoek(gebied, date(2026, 8, 1), opschortingen=[(date(2026, 8, 20), None)])  # suspended 41 days until 30-09
    onderzoek(gebied, date(2026, 9, 1))  # deadline 13-10
    onderzoek(gebied, date(2026, 7, 1), status="gestopt", afgerond_op=date(2026, 9, 1))  # ended without plan
    melding(gebied, date(2026, 8, 1))  # no onderzoek after 60 days: overdue
    melding(gebied, date(2026, 8, 19))  # deadline 30-09 itself: not yet overdue
    melding(gebied, date(2026, 7, 1), triage_uitkomst="direct")  # answered at triage


def test_percentiel_is_nearest_rank_en_mediaan_middelt_bij_even_aantal():
    assert percentiel([61, 10, 49, 39], 90) == 61 and percentiel(list(range(1, 11)), 90) == 9
    assert mediaan([10, 39, 49, 61]) == 44.0 and mediaan([3, 1, 2]) == 2.0


def test_melding_tot_plan_mediaan_p90_tijdig_met_opschorting_en_nu_te_laat(gebied, meldingen):
    geen_drempel(gebied.gemeente)
    t = tabel(dl.tabellen(selectie(gebied, Q3)), dl.MELDING_PLAN)
    assert waarden(t)[gebied.gemeente.naam] == [4, 44.0, 61, 75.0, 2]
    assert t.links[gebied.gemeente.naam] == f"?lijst={dl.MELDING_PLAN}&sleutel={gebied.gemeente.pk}"
    assert dl.LIJSTEN[dl.MELDING_PLAN](selectie(gebied, Q3), str(gebied.gemeente.pk)).count() == 4 + 3


def test_melding_tot_plan_onder_de_drempel_verbergt_mediaan_en_percentage(gebied, meldingen):
    t = tabel(dl.tabellen(selectie(gebied, Q3)), dl.MELDING_PLAN)
    assert waarden(t)[gebied.gemeente.naam] == ["< 5", "< 5", "< 5", "< 5", "< 5"]


def test_gebiedsfilter_laat_meldingen_van_een_ander_gebied_weg(gebied, meldingen):
    ander = GebiedFactory(gemeente=gebied.gemeente)
    geen_drempel(gebied.gemeente)
    t = tabel(dl.tabellen(selectie(gebied, Q3, gebied=ander)), dl.MELDING_PLAN)
    assert waarden(t)[gebied.gemeente.naam] == [0, None, None, None, 0]
    eigen = tabel(dl.tabellen(selectie(gebied, Q3, gebied=gebied)), dl.MELDING_PLAN)
    assert waarden(eigen)[gebied.gemeente.naam] == [4, 44.0, 61, 75.0, 2]


@pytest.fixture
def aanvragen(gebied):
    aanvraag(gebied, date(2026, 7, 1), afgifte=date(2026, 7, 10))  # 9, on time
    aanvraag(gebied, date(2026, 7, 1), afgifte=date(2026, 7, 20), categorie="01")  # 19, late
    aanvraag(gebied, date(2026, 8, 1), afgifte=date(2026, 8, 15), categorie="03")  # 14 = the deadline: on time
    aanvraag(gebied, date(2026, 6, 1), afgifte=date(2026, 6, 30))  # before Q3
    aanvraag(gebied, date(2026, 7, 1), afgifte=date(2026, 7, 5), wet="jeugdwet", categorie="45")  # 4, on time
    aanvraag(gebied, date(2026, 9, 1))  # open, deadline 15-09: overdue
    aanvraag(gebied, date(2026, 9, 20))  # open, deadline 04-10
    aanvraag(gebied, date(2026, 9, 1), status="ingetrokken")
    aanvraag(gebied, date(2026, 8, 1), afgifte=date(2026, 10, 5))  # decided after Q3: open and overdue on 30-09


def test_aanvraag_tot_beschikking_per_gemeente_en_met_wetfilter(gebied, aanvragen):
    geen_drempel(gebied.gemeente)
    t = tabel(dl.tabellen(selectie(gebied, Q3)), dl.AANVRAAG_BESCHIKKING)
    assert waarden(t)[gebied.gemeente.naam] == [4, 11.5, 19, 75.0, 2]
    wmo = tabel(dl.tabellen(selectie(gebied, Q3, wet="wmo")), dl.AANVRAAG_BESCHIKKING)
    assert waarden(wmo)[gebied.gemeente.naam] == [3, 14.0, 19, 66.67, 2]
    hbh = tabel(dl.tabellen(selectie(gebied, Q3, categorie="wmo:01")), dl.AANVRAAG_BESCHIKKING)
    assert waarden(hbh)[gebied.gemeente.naam] == [1, 19.0, 19, 0.0, 0]
    lijst = dl.LIJSTEN[dl.AANVRAAG_BESCHIKKING](selectie(gebied, Q3), str(gebied.gemeente.pk))
    assert lijst.count() == 4 + 2


def test_aantal_queries_groeit_niet_met_de_gegevens(gebied, meldingen, aanvragen):
    s = selectie(gebied, Q3)
    with CaptureQueriesContext(connection) as eerst:
        dl.tabellen(s)
    for d in (date(2026, 7, 1), date(2026, 8, 1)):
        met_plan(gebied, d, date(2026, 9, 1), opschortingen=[(date(2026, 8, 2), date(2026, 8, 3))])
        onderzoek(gebied, d)
        aanvraag(gebied, d, afgifte=date(2026, 9, 1))
    with CaptureQueriesContext(connection) as daarna:
        dl.tabellen(s)
    assert len(daarna) == len(eerst) <= 12
