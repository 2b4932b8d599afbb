"""The demo's provider simulator produces live, valid traffic through the real receive pipeline."""

from __future__ import annotations

from datetime import date

import pytest

from keukentafel.berichten.aanbieder.simulator import simuleer
from keukentafel.berichten.models import Bericht, Berichtstatus, Declaratie, Levering, Prestatie, Richting
from keukentafel.testing.istandaarden import istandaarden_map


@pytest.fixture(autouse=True)
def _xsd():
    istandaarden_map()


def test_aanbieder_haalt_op_start_en_declareert(zin_toewijzing, jeugd_toewijzing):
    sim = simuleer(vandaag=date(2026, 4, 15), foutkans=0.0, maanden=2)
    assert sim.geweigerd == []
    # Both 301s fetched and accepted with a 302.
    assert sim.opgehaald == 2 and sim.retouren == 2
    assert set(Bericht.objects.filter(richting=Richting.UIT, soort="301").values_list("status", flat=True)) == {Berichtstatus.GEACCEPTEERD}
    # Delivery started for both grants (305 → Levering), answered with a 306.
    assert Levering.objects.filter(voorziening__in=[zin_toewijzing, jeugd_toewijzing]).count() == 2
    assert Bericht.objects.filter(richting=Richting.UIT, soort="306").count() == sim.starts
    # Two months declared per provider and law, oldest first, every line approved and answered with a 325.
    assert sim.declaraties == 4 and sim.afgewezen == 0
    assert list(Declaratie.objects.order_by("periode_begin").values_list("periode_begin", flat=True).distinct()) == [
        date(2026, 2, 1), date(2026, 3, 1)
    ]
    assert Prestatie.objects.filter(goedgekeurd=False).count() == 0
    assert Bericht.objects.filter(richting=Richting.UIT, soort="325").count() == 4


def test_foute_regels_worden_afgewezen_en_tweede_ronde_doet_niets_dubbel(zin_toewijzing):
    sim = simuleer(vandaag=date(2026, 4, 15), foutkans=1.0, maanden=1)
    assert sim.prestaties == 1 and sim.afgewezen == 1
    afgewezen = Prestatie.objects.get()
    assert afgewezen.retourcodes and not afgewezen.goedgekeurd
    aantal = Bericht.objects.count()
    opnieuw = simuleer(vandaag=date(2026, 4, 15), foutkans=1.0, maanden=1)
    assert opnieuw.opgehaald == 0 and opnieuw.starts == 0 and opnieuw.declaraties == 0
    assert Bericht.objects.count() == aantal
