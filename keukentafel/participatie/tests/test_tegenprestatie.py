"""Tegenprestatie: refused unless each legal condition is confirmed and the policy limits are kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keukentafel.inwoners.models import Persoon
from keukentafel.participatie import services
from keukentafel.participatie.models import Tegenprestatie, Uitkering


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


def test_overlappende_tegenprestaties_tellen_hun_uren_op(generalist, traject):
    _leg_vast(generalist, traject, uren_per_week=Decimal(12))
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, uren_per_week=Decimal(12), startdatum=date(2026, 5, 1), einddatum=date(2026, 6, 30))
    assert "samen met de andere tegenprestaties" in exc.value.error_dict["uren_per_week"][0].message
    assert _leg_vast(generalist, traject, uren_per_week=Decimal(8), startdatum=date(2026, 5, 1), einddatum=date(2026, 6, 30))


def test_aaneengeregen_tegenprestaties_samen_beperkt_in_tijd(generalist, traject):
    _leg_vast(generalist, traject, startdatum=date(2026, 3, 1), einddatum=date(2026, 5, 31))
    with pytest.raises(ValidationError) as exc:
        _leg_vast(generalist, traject, startdatum=date(2026, 6, 1), einddatum=date(2026, 11, 30))
    assert "binnen dit traject samen ten hoogste 6 maanden" in exc.value.error_dict["einddatum"][0].message
    assert _leg_vast(generalist, traject, startdatum=date(2026, 6, 1), einddatum=date(2026, 9, 1))  # 1 March – 1 Sept: 6 months


@pytest.mark.parametrize("uitkering", [Uitkering.NUGGER, Uitkering.IOAW], ids=["nugger", "ioaw"])
def test_tegenprestatie_alleen_bij_bijstand(generalist, huishouden, uitkering):
    persoon = huishouden.leden.order_by("id").last().persoon
    t = services.start_traject(generalist, persoon, klantmanager=generalist, verdiencapaciteit_procent=30, startdatum=date(2026, 2, 2),
                               uitkering=uitkering)
    with pytest.raises(ValidationError, match="alleen worden gevraagd van wie algemene bijstand ontvangt"):
        _leg_vast(generalist, t)


@pytest.mark.parametrize(
    ("geboortedatum", "toegestaan"),
    [(date(2008, 3, 2), False), (date(2008, 3, 1), True), (date(1959, 3, 2), True), (date(1959, 3, 1), False)],
    ids=["17-jaar", "18-jaar", "66-jaar", "67-jaar"],
)
def test_tegenprestatie_van_18_tot_de_aow_leeftijd(generalist, traject, geboortedatum, toegestaan):
    Persoon.objects.filter(pk=traject.persoon_id).update(geboortedatum=geboortedatum)
    traject.persoon.refresh_from_db()
    if toegestaan:
        assert _leg_vast(generalist, traject)
    else:
        with pytest.raises(ValidationError) as exc:
            _leg_vast(generalist, traject)
        assert "AOW-leeftijd" in exc.value.error_dict["startdatum"][0].message
