"""Demo pgb spending: goes through the import, has budgets running ahead and one overspent, deterministic."""

from __future__ import annotations

import random
from datetime import date

import pytest

from keukentafel.financien import pgb
from keukentafel.financien.demo_pgb import laad_demo
from keukentafel.financien.models import Pgbimport, Pgbuitgave
from keukentafel.testing.factories import GemeenteFactory

from .fixtures_pgb import pgb_voorziening

pytestmark = pytest.mark.django_db
VANDAAG = date(2026, 7, 15)


def _gemeente_met_pgb(n: int = 25):
    g = GemeenteFactory()
    for i in range(n):
        pgb_voorziening(g, omvang=2 + i % 5, frequentie="2" if i % 2 else "4", tarief=4000 + 100 * i,
                        begindatum=date(2026, 1 + i % 4, 1), einddatum=None if i % 3 else date(2026, 12, 31))
    return g


def test_demo_uitgaven_met_voorlopers_en_een_overschrijding():
    g = _gemeente_met_pgb()
    laad_demo(g, 2026, random.Random(7), vandaag=VANDAAG)
    imp = Pgbimport.objects.get(gemeente=g)
    assert imp.aantal_afgewezen == 0 and imp.aantal_regels == Pgbuitgave.objects.filter(gemeente=g).count() > 100
    assert not Pgbuitgave.objects.filter(gemeente=g, periode_begin__gte=date(2026, 7, 1)).exists()  # elapsed months only
    signalen = [b.signaal for b in pgb.overzicht(g, 2026, VANDAAG).budgetten]
    assert signalen.count(pgb.OVERSCHREDEN) == 1 and signalen.count(pgb.VOORLOOP) >= 1
    assert signalen.count(pgb.GEEN) >= 20


def test_demo_is_deterministisch_en_een_tweede_keer_laden_schaadt_niet():
    a, b = _gemeente_met_pgb(10), _gemeente_met_pgb(10)
    laad_demo(a, 2026, random.Random(3), vandaag=VANDAAG)
    laad_demo(b, 2026, random.Random(3), vandaag=VANDAAG)
    bedragen = [sorted(Pgbuitgave.objects.filter(gemeente=g).values_list("bedrag_cent", flat=True)) for g in (a, b)]
    assert bedragen[0] == bedragen[1]
    laad_demo(a, 2026, random.Random(3), vandaag=VANDAAG)
    assert Pgbimport.objects.filter(gemeente=a).count() == 1


def test_demo_zonder_pgb_of_zonder_verstreken_maanden_doet_niets():
    laad_demo(GemeenteFactory(), 2026, random.Random(1), vandaag=VANDAAG)
    laad_demo(_gemeente_met_pgb(3), 2027, random.Random(1), vandaag=VANDAAG)
    assert not Pgbimport.objects.exists()
