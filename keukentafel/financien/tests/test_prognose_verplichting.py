"""Commitments in the database equal `bedragen.verplichting` per grant, per year and per grouping (SQLite and PG)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from keukentafel.besluiten.models import ToegewezenVoorziening
from keukentafel.financien.bedragen import verplichting
from keukentafel.financien.verplichting import bedrag_expressie, verplichtingen
from keukentafel.testing.factories import ProductFactory

from .fixtures_prognose import AanbiederFactory, GebiedFactory, GemeenteFactory, voorziening

pytestmark = pytest.mark.django_db


def _python(v: ToegewezenVoorziening, van: date, tot: date) -> int:
    return verplichting(
        omvang=v.omvang, frequentie=v.frequentie, tarief_cent=v.tarief_cent, begindatum=v.begindatum,
        einddatum=v.einddatum, van=van, tot=tot,
    )


def test_een_voorziening_per_week_hand_berekend():
    g = GemeenteFactory()
    # 3 uur per week à € 54,00 over 2026-03-01..2026-03-31 = 31 dagen: 3 × 5400 × 31 / 7 = 71742,857… → 71743
    voorziening(g, omvang=3, tarief_cent=5400, frequentie="2", begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 31))
    assert verplichtingen(g, 2026, per=()) == {(): 71743}


def test_totaal_zonder_einde_over_de_jaargrens_en_schrikkeljaar():
    g = GemeenteFactory()
    # totaal 10 × € 100 vanaf 2027-12-01, geen einde: 365 dagen; 31 in 2027, 334 in 2028
    voorziening(g, omvang=10, tarief_cent=10000, frequentie="6", begindatum=date(2027, 12, 1), einddatum=None)
    assert verplichtingen(g, 2027, per=()) == {(): 8493}  # 100000 × 31/365 = 8493,15
    assert verplichtingen(g, 2028, per=()) == {(): 91507}  # 100000 × 334/365 = 91506,85
    # per maand in het schrikkeljaar 2028: 12 × days/366
    g2 = GemeenteFactory()
    voorziening(g2, omvang=1, tarief_cent=36600, frequentie="4", begindatum=date(2028, 2, 1), einddatum=date(2028, 2, 29))
    assert verplichtingen(g2, 2028, per=()) == {(): 34800}  # 36600 × 12 × 29 / 366


def test_ingetrokken_verwijderd_telt_niet_mee_andere_gemeente_ook_niet():
    g = GemeenteFactory()
    voorziening(g, omvang=1, tarief_cent=100, frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 1, 10))
    voorziening(g, omvang=1, tarief_cent=100, frequentie="1", begindatum=date(2026, 1, 1), einddatum=date(2026, 1, 10),
                status="ingetrokken", reden_wijziging="13")
    voorziening(GemeenteFactory(), omvang=1, tarief_cent=100, frequentie="1", begindatum=date(2026, 1, 1))
    assert verplichtingen(g, 2026, per=()) == {(): 1000}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_database_gelijk_aan_python_voor_willekeurige_voorzieningen(seed):
    rng = random.Random(seed)
    g = GemeenteFactory()
    gebieden = [GebiedFactory(gemeente=g) for _ in range(2)]
    producten = [ProductFactory(wet="wmo", productcategorie="01"), ProductFactory(wet="jeugdwet", productcategorie="45"),
                 ProductFactory(wet="wmo", productcategorie="02")]
    aanbieders = [AanbiederFactory() for _ in range(2)]
    grants = []
    for _ in range(25):
        begin = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 3 * 366))
        eind = None if rng.random() < 0.3 else begin + timedelta(days=rng.randrange(0, 800))
        pgb = rng.random() < 0.25
        grants.append(voorziening(
            g, rng.choice(gebieden), product=rng.choice(producten), omvang=rng.randrange(1, 40),
            tarief_cent=rng.randrange(1, 200000), frequentie=rng.choice("1246"), begindatum=begin, einddatum=eind,
            leveringsvorm="pgb" if pgb else rng.choice(["zin", "pvb"]),
            **({} if pgb else {"aanbieder": rng.choice(aanbieders)}),
        ))
    for jaar in (2025, 2026, 2027, 2028):
        verwacht: dict[tuple, int] = defaultdict(int)
        for v in grants:
            verwacht[(f"{v.product.wet}:{v.product.productcategorie}", v.persoon.gebied_id, v.aanbieder_id, v.leveringsvorm)] += \
                _python(v, date(jaar, 1, 1), date(jaar, 12, 31))
        assert verplichtingen(g, jaar, per=("productcategorie", "gebied", "aanbieder", "leveringsvorm")) == \
            {k: s for k, s in verwacht.items() if s}
    # the rest of a year after a peildatum, and a span over years (cumulative rounding: any span, one query)
    for van, tot in ((date(2026, 5, 17), date(2026, 12, 31)), (date(2025, 7, 1), date(2027, 2, 28))):
        assert verplichtingen(g, per=(), van=van, tot=tot).get((), 0) == sum(_python(v, van, tot) for v in grants)
    per_wet = verplichtingen(g, 2026, per=("wet",))
    assert set(per_wet) <= {("wmo",), ("jeugdwet",)}
    assert sum(per_wet.values()) == sum(_python(v, date(2026, 1, 1), date(2026, 12, 31)) for v in grants)


@pytest.mark.parametrize("seed", [4, 5])
def test_database_gelijk_aan_python_per_voorziening_ook_eeuwjaren_en_grote_bedragen(seed):
    """Per grant, over random spans (also across 2000 and 2100: leap and not), with bigint-sized products."""
    rng = random.Random(seed)
    g = GemeenteFactory()
    gebied = GebiedFactory(gemeente=g)
    grants = []
    for i in range(24):
        begin = date(1998, 1, 1) + timedelta(days=rng.randrange(0, 105 * 365))
        eind = None if i % 4 == 0 else begin + timedelta(days=rng.randrange(0, 40 * 365 if i % 3 == 0 else 800))
        groot = i % 5 == 0
        grants.append(voorziening(
            g, gebied, omvang=rng.randrange(1, 10_000 if groot else 40), tarief_cent=rng.randrange(1, 10_000_000 if groot else 200_000),
            frequentie="1246"[i % 4], begindatum=begin, einddatum=eind,
        ))
    spans = [(date(2026, 1, 1), date(2026, 12, 31)), (date(1999, 3, 1), date(2101, 2, 28)), (date(2100, 2, 1), date(2100, 3, 31))]
    for _ in range(6):
        a = date(1998, 1, 1) + timedelta(days=rng.randrange(0, 105 * 365))
        spans.append((a, a + timedelta(days=rng.randrange(0, 30 * 365))))
    for van, tot in spans:
        db = dict(ToegewezenVoorziening.objects.filter(pk__in=[v.pk for v in grants])
                  .annotate(b=bedrag_expressie(van, tot)).values_list("pk", "b"))
        assert db == {v.pk: _python(v, van, tot) for v in grants}, (van, tot)


def test_maanden_van_een_jaar_tellen_op_tot_het_jaar_in_de_database():
    g = GemeenteFactory()
    rng = random.Random(7)
    for f in "1246" * 3:
        begin = date(2027, 1, 1) + timedelta(days=rng.randrange(0, 700))
        voorziening(g, omvang=rng.randrange(1, 9), tarief_cent=rng.randrange(1, 99_999), frequentie=f, begindatum=begin,
                    einddatum=None if rng.random() < 0.3 else begin + timedelta(days=rng.randrange(0, 500)))
    jaar = verplichtingen(g, 2028, per=("productcategorie",))
    maanden: dict[tuple, int] = defaultdict(int)
    for m in range(1, 13):
        for k, s in verplichtingen(g, per=("productcategorie",), van=date(2028, m, 1),
                                   tot=date(2028 + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).items():
            maanden[k] += s
    assert dict(maanden) == jaar
    # a span over years is the sum of its years
    assert sum(verplichtingen(g, per=(), van=date(2027, 1, 1), tot=date(2029, 12, 31)).values()) == \
        sum(sum(verplichtingen(g, j, per=()).values()) for j in (2027, 2028, 2029))


def test_onbekende_indeling_geweigerd():
    with pytest.raises(ValueError, match="Onbekende indeling"):
        verplichtingen(GemeenteFactory(), 2026, per=("kleur",))
