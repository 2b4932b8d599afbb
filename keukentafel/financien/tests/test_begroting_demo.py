"""Demo budget: lines cover the categories the gemeente's grants use, amounts near the commitments (some over, some
under), baten, a saldopost per onderdeel, a primitieve begroting and one wijziging; deterministic; run twice = once."""

from __future__ import annotations

import random
from datetime import date

import pytest

from keukentafel.financien.begroting import bedragen_op
from keukentafel.financien.demo_begroting import laad_demo, verplichting_per_categorie
from keukentafel.financien.models import Begroting, Postsoort
from keukentafel.testing.factories import PersoonFactory, ProductFactory, ToegewezenVoorzieningFactory

from .fixtures_begroting import fixture_omg  # noqa: F401  (fixture omg)

pytestmark = pytest.mark.django_db


@pytest.fixture
def met_toewijzingen(omg):
    producten = [ProductFactory(productcategorie="01"), ProductFactory(productcategorie="02"),
                 ProductFactory(wet="jeugdwet", productcategorie="45")]
    for i in range(6):
        ToegewezenVoorzieningFactory(gemeente=omg.gemeente, persoon=PersoonFactory(gebied=omg.noord if i % 2 else omg.zuid),
                                     product=producten[i % 3], begindatum=date(2026, 1, 1), omvang=2 + i)
    return omg


def _samenvatting(gemeente):
    b = Begroting.objects.get(gemeente=gemeente, jaar=2026)
    bedragen = bedragen_op(b, date(2026, 1, 1))
    return {p.code: (p.dekking, bedragen[p.id]) for p in b.posten.all()}


def test_demo_dekt_gebruikte_categorieen_met_over_en_onderschrijding(met_toewijzingen):
    g = met_toewijzingen.gemeente
    laad_demo(g, 2026, random.Random(7))
    b = Begroting.objects.get(gemeente=g, jaar=2026)
    dekking = sorted(c for p in b.posten.all() for c in p.dekking)
    assert dekking == ["eigen_bijdrage", "jeugdwet:45", "wmo:01", "wmo:02"]
    assert b.posten.get(dekking=["eigen_bijdrage"]).soort == "baten"
    per_cat = verplichting_per_categorie(g, 2026)
    bedragen = bedragen_op(b, date(2026, 1, 1))
    verhouding = [bedragen[p.id] / sum(per_cat[c] for c in p.dekking) for p in b.posten.filter(soort="lasten") if p.dekking]
    assert all(0.9 < v < 1.1 for v in verhouding)
    assert any(v > 1 for v in verhouding) and any(v < 1 for v in verhouding)
    assert {p.verdeelsleutel for p in b.posten.filter(soort="lasten") if p.dekking} == {"gebruik", "jeugdigen"}
    assert b.posten.filter(soort=Postsoort.BATEN, naam__icontains="eigen bijdragen").exists()
    assert b.posten.filter(saldopost=True).count() == 3
    assert [v.soort for v in b.versies.all()] == ["primitief", "wijziging"]


def test_demo_is_deterministisch_en_eenmalig(met_toewijzingen):
    g = met_toewijzingen.gemeente
    laad_demo(g, 2026, random.Random(7))
    eerste = _samenvatting(g)
    laad_demo(g, 2026, random.Random(99))  # exists: nothing happens
    assert _samenvatting(g) == eerste
    Begroting.objects.filter(gemeente=g).delete()
    laad_demo(g, 2026, random.Random(7))
    assert _samenvatting(g) == eerste
