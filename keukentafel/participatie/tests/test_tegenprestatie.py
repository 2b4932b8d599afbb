"""Tegenprestatie: refused unless each legal condition is confirmed and the policy limits are kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keukentafel.participatie import services
from keukentafel.participatie.models import Tegenprestatie


@pytest.fixture
def traject(generalist, ouder):
    return services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=30, startdatum=date(2026, 2, 2))


def _leg_vast(generalist, traject, **kw):
    velden = dict(
        inhoud="Helpen bij de koffieochtend in het buurthuis",
        uren_per_week=Decimal(8),
        startdatum=date(2026, 3, 1),
        einddatum=date(2026, 8, 31),
        naar_vermogen=True,
        geen_verdringing=True,
        beperkt_in_tijd_en_omvang=True,
    )
    velden.update(kw)
    return services.leg_tegenprestatie_vast(generalist, traject, **velden)


def test_tegenprestatie_met_alle_voorwaarden_en_grenzen(generalist, traject):
    tp = _leg_vast(generalist, traject)
    assert tp.grenzen == {"max_uren_per_week": 20, "max_maanden": 6}


@pytest.mark.parametrize(
    ("veld", "tekst"),
    [
        ("naar_vermogen", "naar vermogen"),
        ("geen_verdringing", "geen betaald werk verdringt"),
        ("beperkt_in_tijd_en_omvang", "beperkt is in tijd en omvang"),
    ],
    ids=["naar-vermogen", "geen-verdringing", "beperkt-in-tijd-en-omvang"],
)
def test_tegenprestatie_geweigerd_zonder_bevestigde_voorwaarde(generalist, traject, veld, tekst):
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, **{veld: False})
    assert tekst in exc.value.error_dict[veld][0].message
    assert not Tegenprestatie.objects.exists()


def test_tegenprestatie_geweigerd_boven_de_uren_per_week(generalist, traject):
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, uren_per_week=Decimal("20.5"))
    assert "ten hoogste 20 uur per week" in exc.value.error_dict["uren_per_week"][0].message
    assert _leg_vast(generalist, traject, uren_per_week=Decimal(20))  # the limit itself is allowed


def test_tegenprestatie_geweigerd_langer_dan_de_maanden(generalist, traject):
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, einddatum=date(2026, 9, 2))
    assert "ten hoogste 6 maanden" in exc.value.error_dict["einddatum"][0].message
    assert _leg_vast(generalist, traject, einddatum=date(2026, 9, 1))


def test_tegenprestatie_zonder_einddatum_geweigerd(generalist, traject):
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, einddatum=None)
    assert "beperkt in tijd" in exc.value.error_dict["einddatum"][0].message
