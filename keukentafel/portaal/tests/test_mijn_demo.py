"""The Mijn Keukentafel demo step on a small demo region: addresses to sign in with, idempotent, nothing sensitive printed."""

from __future__ import annotations

import random

import pytest

from keukentafel.demo.generator import laad_demoregio
from keukentafel.inwoners.models import Netwerklid, Persoon
from keukentafel.portaal import aanmelden, demo_mijn

pytestmark = pytest.mark.django_db


def test_demo_geeft_inwoners_een_adres_en_een_vertegenwoordiger(capsys):
    laad_demoregio(schaal=0.02)
    capsys.readouterr()
    adressen = demo_mijn.laad_demo(random.Random(2015))
    uit = capsys.readouterr().out
    assert adressen and adressen[0] == "demo-inwoner-1@example.org"
    for email in adressen:
        assert aanmelden.personen_met_email(email).count() == 1
    assert not any(p.bsn in uit for p in Persoon.objects.filter(email__in=adressen))
    if demo_mijn.VERTEGENWOORDIGER_EMAIL in adressen:
        persoon = Persoon.objects.get(email=demo_mijn.VERTEGENWOORDIGER_EMAIL)
        assert aanmelden.vertegenwoordigingen(persoon).exists()
    assert demo_mijn.laad_demo(random.Random(2015), stil=True) == adressen  # idempotent
    assert Netwerklid.objects.filter(email=demo_mijn.VERTEGENWOORDIGER_EMAIL).count() <= 1
