"""Virtual area budgets: split by inwoners, jeugdigen (0–17 on 1 January) and last year's use; parts add up exactly;
recomputed when the key data change."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keukentafel.financien.bedragen import verplichting
from keukentafel.financien.gebiedsbudget import gebiedsbudgetten, gebruik_per_gebied
from keukentafel.financien.models import Begrotingsbedrag, Begrotingspost, Verdeelsleutel
from keukentafel.testing.factories import PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

from .fixtures_begroting import fixture_omg  # noqa: F401  (fixture omg)

pytestmark = pytest.mark.django_db


def _split(post, **kw) -> dict[str, int]:
    return {g.gebied.naam: g.bedrag_cent for g in gebiedsbudgetten(post, **kw)}


def test_inwoners_en_herberekening_bij_gewijzigde_inwoners(omg):
    post = omg.begroting().posten.get(code="hbh")
    assert _split(post) == {"Noord": 75_000_00, "Zuid": 25_000_00}
    omg.zuid.inwoners = 3000
    omg.zuid.save()
    assert _split(post) == {"Noord": 50_000_00, "Zuid": 50_000_00}


def test_jeugdigen_zijn_0_tot_17_op_1_januari(omg):
    post = omg.begroting(2026).posten.get(code="jeugd-ambulant")
    PersoonFactory(gebied=omg.noord, geboortedatum=date(2008, 1, 2))  # 17 on 1-1-2026
    PersoonFactory(gebied=omg.noord, geboortedatum=date(2008, 1, 1))  # 18 on 1-1-2026: not counted
    PersoonFactory(gebied=omg.zuid, geboortedatum=date(2026, 1, 1))  # born that day: 0
    PersoonFactory(gebied=omg.zuid, geboortedatum=date(2020, 6, 1))
    PersoonFactory(gebied=omg.zuid, geboortedatum=date(2026, 1, 2))  # not yet born
    budgetten = gebiedsbudgetten(post)
    assert [(g.gebied.naam, g.gewicht) for g in budgetten] == [("Noord", 1), ("Zuid", 2)]
    assert sum(g.bedrag_cent for g in budgetten) == 80_000_01
    assert [g.bedrag_cent for g in budgetten] == [26_666_67, 53_333_34]


def test_gebruik_is_verplichting_vorig_jaar_van_de_dekking_per_gebied(omg):
    post = omg.begroting(2026).posten.get(code="begeleiding")  # dekking wmo:02
    begeleiding, hbh = ProductFactory(productcategorie="02"), ProductFactory(productcategorie="01")
    noord, zuid = PersoonFactory(gebied=omg.noord), PersoonFactory(gebied=omg.zuid)
    ToegewezenVoorzieningFactory(gemeente=omg.gemeente, persoon=noord, product=begeleiding, begindatum=date(2025, 1, 1))
    ToegewezenVoorzieningFactory(gemeente=omg.gemeente, persoon=zuid, product=begeleiding, begindatum=date(2025, 7, 1),
                                 einddatum=date(2025, 12, 31), omvang=2)
    ToegewezenVoorzieningFactory(gemeente=omg.gemeente, persoon=zuid, product=hbh, begindatum=date(2025, 1, 1))  # other line
    ToegewezenVoorzieningFactory(gemeente=omg.gemeente, persoon=zuid, product=begeleiding, begindatum=date(2026, 1, 1))  # this year
    gebruik = gebruik_per_gebied(omg.gemeente.id, ["wmo:02"], 2025)
    v = dict(omvang=3, frequentie="2", tarief_cent=5400, van=date(2025, 1, 1), tot=date(2025, 12, 31))
    assert gebruik[omg.noord.id] == verplichting(begindatum=date(2025, 1, 1), einddatum=None, **v)
    assert gebruik[omg.zuid.id] == verplichting(**(v | {"omvang": 2}), begindatum=date(2025, 7, 1), einddatum=date(2025, 12, 31))
    budgetten = gebiedsbudgetten(post)
    assert [g.gewicht for g in budgetten] == [gebruik[omg.noord.id], gebruik[omg.zuid.id]]
    assert sum(g.bedrag_cent for g in budgetten) == 250_000_00


def test_zonder_gewicht_gelijk_verdeeld_en_zonder_sleutel_naar_inwoners(omg):
    b = omg.begroting()
    assert _split(b.posten.get(code="begeleiding")) == {"Noord": 125_000_00, "Zuid": 125_000_00}
    zonder_sleutel = b.posten.get(code="deelfonds")
    assert zonder_sleutel.verdeelsleutel == ""
    assert _split(zonder_sleutel) == _split(zonder_sleutel, sleutel=Verdeelsleutel.INWONERS)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10**6), min_size=2, max_size=2), st.integers(-10**10, 10**10))
def test_delen_tellen_altijd_op_tot_de_post(omg, inwoners, bedrag):
    """The fixture is shared between examples on purpose: each example overwrites the amount and the key data."""
    post = _post(omg)
    Begrotingsbedrag.objects.filter(post=post).update(bedrag_cent=bedrag)
    omg.noord.inwoners, omg.zuid.inwoners = inwoners
    omg.noord.save()
    omg.zuid.save()
    assert sum(g.bedrag_cent for g in gebiedsbudgetten(post)) == bedrag


def _post(omg):
    bestaand = Begrotingspost.objects.filter(begroting__gemeente=omg.gemeente, code="hbh").first()
    return bestaand or omg.begroting().posten.get(code="hbh")
