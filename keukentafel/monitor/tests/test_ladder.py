"""Afwegingsladder: share of meldingen and plans solved without maatwerk, per highest trede, on known data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keukentafel.monitor.indicatoren import ladder
from keukentafel.monitor.periode import periode
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, TeamFactory

from .proces_data import acties, geen_drempel, melding, moment, onderzoek, plan, selectie, tabel, waarden

Q3 = periode(2026, 3)
JUNI = date(2026, 6, 1)


@pytest.fixture
def gebied(db):
    return GebiedFactory()


def nieuw_plan(gebied, *tredes, vastgesteld=JUNI, **kw):
    p = plan(kw.pop("huishouden", None) or HuishoudenFactory(gebied=gebied), vastgesteld=vastgesteld, **kw)
    if tredes:
        acties(p, *tredes)
    return p


@pytest.fixture
def data(gebied):
    nieuw_plan(gebied, "eigen_kracht")
    nieuw_plan(gebied, "sociaal_netwerk", "vrijwilliger")
    nieuw_plan(gebied, "algemene_voorziening", "eigen_kracht")
    nieuw_plan(gebied, "maatwerk", "sociaal_netwerk")
    nieuw_plan(gebied, ("maatwerk", "jeugdwet"))
    nieuw_plan(gebied)  # no actions: not counted
    nieuw_plan(gebied, "maatwerk", status="afgesloten", afgesloten_op=date(2026, 6, 15))  # closed before Q3
    nieuw_plan(gebied, "maatwerk", vastgesteld=date(2026, 10, 1), status="actief")  # after Q3
    # Meldingen
    melding(gebied, date(2026, 7, 1), triage_uitkomst="direct", getrieerd_op=moment(date(2026, 7, 5)))  # answered at once
    o1 = onderzoek(gebied, date(2026, 5, 1))
    o1.melding.afgesloten_op, o1.melding.status = moment(date(2026, 8, 1)), "afgesloten"
    o1.melding.save()
    nieuw_plan(gebied, "eigen_kracht", huishouden=o1.huishouden, onderzoek=o1, status="afgesloten", afgesloten_op=date(2026, 6, 20))
    o2 = onderzoek(gebied, date(2026, 6, 1))
    nieuw_plan(gebied, "maatwerk", huishouden=o2.huishouden, onderzoek=o2, vastgesteld=date(2026, 7, 15))  # plan vastgesteld in Q3
    melding(gebied, date(2026, 7, 1), triage_uitkomst="gebiedsteam", getrieerd_op=moment(date(2026, 7, 5)))  # still in process
    melding(gebied, date(2026, 7, 1), status="gekoppeld", afgesloten_op=moment(date(2026, 7, 2)))  # counts via the other one


def test_plannen_per_hoogste_trede_en_aandeel_zonder_maatwerk(gebied, data):
    geen_drempel(gebied.gemeente)
    t = tabel(ladder.tabellen(selectie(gebied, Q3)), ladder.PLANNEN)
    w = waarden(t)
    assert w["Hoogste trede: Eigen kracht"] == [1, 16.67, 2]
    assert w["Hoogste trede: Sociaal netwerk / mantelzorg"] == [0, 0.0, 2]
    assert w["Hoogste trede: Vrijwilliger"] == [1, 16.67, 1]
    assert w["Hoogste trede: Algemene voorziening"] == [1, 16.67, 1]
    assert w["Hoogste trede: Maatwerkvoorziening"] == [3, 50.0, 3]
    assert w[ladder.ZONDER] == [3, 50.0] and w[ladder.MET] == [3, 50.0] and w["Totaal plannen"] == [6, 100.0]
    assert t.links["Hoogste trede: Vrijwilliger"] == f"?lijst={ladder.PLANNEN}&sleutel=vrijwilliger"
    assert ladder.LIJSTEN[ladder.PLANNEN](selectie(gebied, Q3), "maatwerk").count() == 3


def test_wetfilter_telt_alleen_acties_van_die_wet_en_acties_zonder_wet(gebied, data):
    geen_drempel(gebied.gemeente)
    w = waarden(tabel(ladder.tabellen(selectie(gebied, Q3, wet="wmo")), ladder.PLANNEN))
    assert w["Totaal plannen"] == [5, 100.0] and w[ladder.MET] == [2, 40.0]


def test_meldingen_afgehandeld_in_de_periode_naar_hoogste_trede(gebied, data):
    geen_drempel(gebied.gemeente)
    t = tabel(ladder.tabellen(selectie(gebied, Q3)), ladder.MELDINGEN)
    w = waarden(t)
    assert w["Geen plan met acties"] == [1, 33.33]
    assert w["Hoogste trede: Eigen kracht"] == [1, 33.33]
    assert w["Hoogste trede: Maatwerkvoorziening"] == [1, 33.33]
    assert w[ladder.ZONDER] == [2, 66.67] and w[ladder.MET] == [1, 33.33] and w["Totaal afgehandeld"] == [3, 100.0]
    assert ladder.LIJSTEN[ladder.MELDINGEN](selectie(gebied, Q3), "geen").count() == 1


def test_kleine_aantallen_en_percentages_daarvan_afgeschermd(gebied, data):
    w = waarden(tabel(ladder.tabellen(selectie(gebied, Q3)), ladder.PLANNEN))
    assert w["Hoogste trede: Eigen kracht"] == ["< 5", "< 5", "< 5"]
    assert w["Totaal plannen"] == [6, 100.0] and w["Hoogste trede: Sociaal netwerk / mantelzorg"] == [0, 0.0, "< 5"]


def test_gebied_en_team_filteren_op_het_gebied_van_het_huishouden(gebied, data):
    ander = GebiedFactory(gemeente=gebied.gemeente)
    w = waarden(tabel(ladder.tabellen(selectie(gebied, Q3, gebied=ander)), ladder.PLANNEN))
    assert w["Totaal plannen"] == [0, None]
    w = waarden(tabel(ladder.tabellen(selectie(gebied, Q3, team=TeamFactory(gebied=gebied))), ladder.PLANNEN))
    assert w["Totaal plannen"] == [6, 100.0]


def test_aantal_queries_groeit_niet_met_de_gegevens(gebied, data):
    s = selectie(gebied, Q3)
    with CaptureQueriesContext(connection) as eerst:
        ladder.tabellen(s)
    for _ in range(3):
        nieuw_plan(gebied, "vrijwilliger", "maatwerk")
    with CaptureQueriesContext(connection) as daarna:
        ladder.tabellen(s)
    assert len(daarna) == len(eerst) <= 8
