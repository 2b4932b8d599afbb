"""Participatieladder: dated history per person, the latest step is the current one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from keukentafel.participatie import services


def test_ladder_geschiedenis_en_huidige_trede(generalist, ouder):
    services.leg_ladderscore_vast(generalist, ouder, datum=date(2026, 1, 10), trede=2)
    services.leg_ladderscore_vast(generalist, ouder, datum=date(2026, 6, 10), trede=4)
    assert services.huidige_trede(ouder).trede == 4
    assert services.huidige_trede(ouder, op=date(2026, 3, 1)).trede == 2
    assert list(ouder.ladderscores.values_list("trede", flat=True)) == [4, 2]


@pytest.mark.parametrize("trede", [0, 7], ids=["trede-0", "trede-7"])
def test_ladder_alleen_treden_1_tot_6(generalist, ouder, trede):
    with pytest.raises(ValidationError):
        services.leg_ladderscore_vast(generalist, ouder, datum=date(2026, 1, 10), trede=trede)
