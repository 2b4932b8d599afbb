"""Re-integratie instruments: the plan stays one plan (instrument → actie) and the loonkostensubsidie of art. 10d."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keukentafel.beleid.models import Beleidsinstelling, Sleutel
from keukentafel.beleid.services import BeleidOntbreekt
from keukentafel.financien.models import Begroting, Begrotingspost, Domein
from keukentafel.participatie import services
from keukentafel.participatie.models import SoortInstrument, Uitkomst
from keukentafel.plannen.models import ActieWet, Doel, Trede

START = date(2026, 2, 2)


@pytest.fixture
def traject(generalist, ouder):
    return services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=START)


def _wep(generalist, traject, **kw):
    velden = dict(
        soort=SoortInstrument.WERKERVARINGSPLEK,
        omschrijving="Werkervaringsplek magazijn, 24 uur per week",
        uitvoerder="Logistiek De Haven",
        startdatum=date(2026, 3, 1),
        einddatum=date(2026, 8, 31),
        kosten_cent=150000,
    )
    velden.update(kw)
    return services.voeg_instrument_toe(generalist, traject, **velden)


def test_instrument_wordt_actie_in_het_open_plan_op_werk_en_opleiding(generalist, traject, plan, ouder):
    instrument = _wep(generalist, traject)
    actie = instrument.actie
    assert actie is not None
    assert actie.doel.plan_id == plan.pk and actie.doel.persoon_id == ouder.pk
    assert actie.doel.leefgebied.code == "werk-opleiding"
    assert (actie.van, actie.tot, actie.uitvoerder) == (date(2026, 3, 1), date(2026, 8, 31), "Logistiek De Haven")
    assert "Werkervaringsplek" in actie.omschrijving
    assert (actie.trede, actie.wet, actie.product) == (Trede.MAATWERK, ActieWet.PARTICIPATIEWET, None)


def test_instrument_drukt_in_het_plan_op_de_gekozen_post_participatie(generalist, traject, plan):
    begroting = Begroting.objects.create(gemeente_id=traject.gemeente_id, jaar=2026, naam="Begroting", bron="Raad")
    post = Begrotingspost.objects.create(begroting=begroting, domein=Domein.PARTICIPATIE, onderdeel="Participatie",
                                         code="re-integratie", naam="Re-integratie", soort="lasten")
    assert _wep(generalist, traject, begrotingspost=post).actie.begrotingspost == post
    wmo = Begrotingspost.objects.create(begroting=begroting, domein=Domein.WMO, onderdeel="Wmo", code="hbh", naam="HbH", soort="lasten")
    with pytest.raises(ValidationError, match="is een post van Wmo 2015"):
        _wep(generalist, traject, begrotingspost=wmo)


def test_tweede_instrument_gebruikt_hetzelfde_werkdoel(generalist, traject, plan):
    a = _wep(generalist, traject)
    b = _wep(generalist, traject, soort=SoortInstrument.JOBCOACHING, omschrijving="Jobcoach 2 uur per week", uitvoerder="Jobcoach BV")
    assert a.actie.doel_id == b.actie.doel_id
    assert Doel.objects.filter(plan=plan, leefgebied__code="werk-opleiding").count() == 1


def test_zonder_open_plan_geen_actie(generalist, traject):
    assert _wep(generalist, traject).actie is None


def test_kosten_en_uitkomst_met_einddatum(generalist, traject):
    instrument = _wep(generalist, traject, einddatum=None)
    assert instrument.kosten_cent == 150000 and instrument.uitkomst == Uitkomst.LOPEND
    with pytest.raises(ValidationError, match="einddatum"):
        services.leg_uitkomst_vast(generalist, instrument, instrument.version, uitkomst=Uitkomst.BEHAALD)
    services.leg_uitkomst_vast(generalist, instrument, instrument.version, uitkomst=Uitkomst.BEHAALD, einddatum=date(2026, 7, 1))
    instrument.refresh_from_db()
    assert (instrument.uitkomst, instrument.einddatum) == (Uitkomst.BEHAALD, date(2026, 7, 1))


# Known answers: WML 1 January 2026 = € 14,71 per hour. Full-time 36 h: 1471 × 36 × 52/12 = 229 476 cent a month.
@pytest.mark.parametrize(
    ("loonwaarde", "uren", "subsidie", "lasten", "totaal", "begrensd"),
    [
        (50, "36", 114738, 26389, 141127, False),  # 50% of 229 476; 23% of 114 738 = 26 389,74 → 26 389
        (20, "36", 160633, 36945, 197578, True),  # 80% exceeds the cap: 70% of 229 476 = 160 633,2 → 160 633
        (50, "18", 57369, 13194, 70563, False),  # part-time: half the hours, half the WML (114 738)
        (30, "36", 160633, 36945, 197578, False),  # exactly 70%: the cap and the difference coincide
        (100, "36", 0, 0, 0, False),  # full loonwaarde: nothing to compensate
    ],
    ids=[
        "loonwaarde-50-voltijd",
        "loonwaarde-20-begrensd-op-70",
        "loonwaarde-50-deeltijd-18u",
        "loonwaarde-30-precies-70",
        "loonwaarde-100",
    ],
)
def test_loonkostensubsidie_uit_loonwaarde(huishouden, loonwaarde, uren, subsidie, lasten, totaal, begrensd):
    lks = services.bereken_loonkostensubsidie(loonwaarde, Decimal(uren), huishouden.gemeente_id, date(2026, 3, 1))
    assert (lks.subsidie_cent, lks.werkgeverslasten_cent, lks.totaal_per_maand_cent, lks.begrensd) == (subsidie, lasten, totaal, begrensd)


def test_loonkostensubsidie_volgt_het_minimumloon_op_de_datum(huishouden):
    voor = services.bereken_loonkostensubsidie(50, Decimal(36), huishouden.gemeente_id, date(2025, 12, 31))
    na = services.bereken_loonkostensubsidie(50, Decimal(36), huishouden.gemeente_id, date(2026, 1, 1))
    assert (voor.wml_uur_cent, na.wml_uur_cent) == (1440, 1471)
    assert voor.subsidie_cent == 1440 * 156 // 2  # 112 320


def test_loonkostensubsidie_gemeentelijk_maximum(huishouden):
    Beleidsinstelling.objects.create(
        sleutel=Sleutel.LOONKOSTENSUBSIDIE,
        gemeente=huishouden.gemeente,
        waarde={"max_procent_wml": 50, "werkgeverslasten_procent": 23},
        geldig_vanaf=date(2026, 1, 1),
        bron="test",
    )
    lks = services.bereken_loonkostensubsidie(20, Decimal(36), huishouden.gemeente_id, date(2026, 3, 1))
    assert lks.subsidie_cent == 114738 and lks.begrensd


def test_geen_minimumloon_bekend_is_een_configuratiefout(huishouden):
    with pytest.raises(BeleidOntbreekt):
        services.bereken_loonkostensubsidie(50, Decimal(36), huishouden.gemeente_id, date(2023, 6, 1))


def test_loonwaardebepaling_legt_de_subsidie_vast(generalist, traject):
    instrument = services.voeg_instrument_toe(
        generalist,
        traject,
        soort=SoortInstrument.LOONWAARDEBEPALING,
        omschrijving="Loonwaarde vastgesteld op de werkplek",
        uitvoerder="Bakkerij Van Dam",
        startdatum=date(2026, 4, 1),
        loonwaarde_procent=50,
        uren_per_week=Decimal(36),
    )
    assert instrument.lks_per_maand_cent == 141127
    assert instrument.lks_berekening["wml_uur_cent"] == 1471


def test_loonwaardebepaling_vraagt_loonwaarde_en_uren(generalist, traject):
    with pytest.raises(ValidationError) as exc:
        services.voeg_instrument_toe(
            generalist, traject, soort=SoortInstrument.LOONWAARDEBEPALING, omschrijving="x", uitvoerder="y", startdatum=date(2026, 4, 1)
        )
    assert {"loonwaarde_procent", "uren_per_week"} <= set(exc.value.error_dict)


def test_uitkomst_met_einddatum_past_de_actie_in_het_plan_aan(generalist, traject, plan):
    from keukentafel.accounts.models import AuditRecord

    instrument = _wep(generalist, traject)
    plan.refresh_from_db()
    versie = plan.version
    services.leg_uitkomst_vast(generalist, instrument, instrument.version, uitkomst=Uitkomst.VOORTIJDIG, einddatum=date(2026, 5, 15))
    instrument.actie.refresh_from_db()
    plan.refresh_from_db()
    assert instrument.actie.tot == date(2026, 5, 15)
    assert plan.version == versie + 1
    assert AuditRecord.objects.filter(object_type="Actie", object_id=str(instrument.actie_id), omschrijving__contains="15-05-2026").exists()


def test_loonkostensubsidie_per_maand_volgt_het_minimumloon_van_de_datum(generalist, ouder):
    traject = services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=date(2025, 11, 3))
    instrument = services.voeg_instrument_toe(
        generalist, traject, soort=SoortInstrument.LOONWAARDEBEPALING, omschrijving="Loonwaarde", uitvoerder="Bakkerij",
        startdatum=date(2025, 12, 1), loonwaarde_procent=50, uren_per_week=Decimal(36),
    )
    # stored at the WML of 1 July 2025 (€ 14,40): 1440 × 156 / 2 = 112 320 + 23% (25 833,6 → 25 833)
    assert instrument.lks_per_maand_cent == 138153
    december = services.loonkostensubsidie_op(instrument, date(2025, 12, 31))
    assert (december.berekening.totaal_per_maand_cent, december.gewijzigd) == (138153, False)
    maart = services.loonkostensubsidie_op(instrument, date(2026, 3, 1))  # WML 1 January 2026: € 14,71
    assert (maart.berekening.wml_uur_cent, maart.berekening.totaal_per_maand_cent, maart.gewijzigd) == (1471, 141127, True)
    instrument.refresh_from_db()
    assert instrument.lks_per_maand_cent == 138153 and instrument.lks_berekening["wml_uur_cent"] == 1440  # first computation kept
    assert not maart.jeugdloon_controleren


def test_loonkostensubsidie_jonger_dan_21_vraagt_controle_van_het_jeugdloon(generalist, ouder):
    from keukentafel.inwoners.models import Persoon

    Persoon.objects.filter(pk=ouder.pk).update(geboortedatum=date(2006, 1, 1))
    ouder.refresh_from_db()
    traject = services.start_traject(generalist, ouder, klantmanager=generalist, verdiencapaciteit_procent=60, startdatum=START)
    instrument = services.voeg_instrument_toe(
        generalist, traject, soort=SoortInstrument.LOONWAARDEBEPALING, omschrijving="Loonwaarde", uitvoerder="Bakkerij",
        startdatum=date(2026, 3, 1), loonwaarde_procent=50, uren_per_week=Decimal(36),
    )
    assert services.loonkostensubsidie_op(instrument, date(2026, 12, 31)).jeugdloon_controleren  # 20
    assert not services.loonkostensubsidie_op(instrument, date(2027, 1, 1)).jeugdloon_controleren  # 21
    assert services.loonkostensubsidie_op(_wep(generalist, traject), date(2026, 3, 1)) is None
