"""Werkgeversbenadering: matching on the share of competences, then ladder step; only visible households."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from keukentafel.participatie import services
from keukentafel.testing.factories import HuishoudenFactory
from keukentafel.testing.factories_participatie import CompetentieFactory, WerkgeverFactory

OP = date(2026, 4, 1)


@pytest.fixture
def comp(db):
    return {n: CompetentieFactory(naam=n) for n in ("heftruck", "klantgericht", "nauwkeurig", "rijbewijs B")}


@pytest.fixture
def vacature(generalist, huishouden, comp):
    werkgever = WerkgeverFactory(gemeente=huishouden.gemeente)
    return services.maak_vacature(
        generalist,
        werkgever,
        titel="Magazijnmedewerker",
        uren_per_week=Decimal(32),
        competenties=[comp["heftruck"], comp["nauwkeurig"], comp["rijbewijs B"], comp["klantgericht"]],
    )


def _kandidaat(generalist, gebied, comps, trede=None):
    huishouden = HuishoudenFactory(gebied=gebied)
    persoon = huishouden.leden.first().persoon
    traject = services.start_traject(
        generalist, persoon, klantmanager=generalist, verdiencapaciteit_procent=70, startdatum=date(2026, 1, 5)
    )
    services.zet_competenties(generalist, persoon, comps)
    if trede:
        services.leg_ladderscore_vast(generalist, persoon, datum=date(2026, 1, 5), trede=trede)
    return traject


def test_kandidaten_gerangschikt_op_aandeel_competenties_dan_ladder(generalist, huishouden, comp, vacature, buitenstaander):
    a = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]], trede=5)  # 1/4
    b = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"], comp["nauwkeurig"], comp["rijbewijs B"]], trede=3)  # 3/4
    c = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"], comp["nauwkeurig"], comp["klantgericht"]], trede=4)  # 3/4
    d = _kandidaat(generalist, huishouden.gebied, [])  # 0
    vreemd = _kandidaat(buitenstaander, buitenstaander.team.gebied, list(comp.values()), trede=6)  # 4/4, but not visible
    ranking = services.kandidaten_voor(generalist, vacature, OP)
    assert [m.traject for m in ranking] == [c, b, a]  # d has none of the competences: no match
    assert [m.procent for m in ranking] == [75, 75, 25]
    assert d not in [m.traject for m in ranking]
    assert vreemd not in [m.traject for m in ranking]
    assert [m.traject for m in services.kandidaten_voor(buitenstaander, vacature, OP)] == [vreemd]


def test_vacatures_gerangschikt_voor_een_kandidaat(generalist, huishouden, comp, vacature):
    werkgever = WerkgeverFactory(gemeente=huishouden.gemeente)
    schoonmaak = services.maak_vacature(
        generalist, werkgever, titel="Schoonmaker", uren_per_week=Decimal(20), competenties=[comp["nauwkeurig"]]
    )
    services.maak_vacature(generalist, WerkgeverFactory(), titel="Elders", uren_per_week=Decimal(20), competenties=[comp["nauwkeurig"]])
    traject = _kandidaat(generalist, huishouden.gebied, [comp["nauwkeurig"]])
    assert [(m.vacature, m.procent) for m in services.vacatures_voor(traject, OP)] == [(schoonmaak, 100), (vacature, 25)]


def test_plaatsing_vult_de_vacature(generalist, huishouden, comp, vacature):
    traject = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]])
    services.plaats_kandidaat(generalist, traject, vacature, startdatum=OP)
    vacature.refresh_from_db()
    assert not vacature.open
    with pytest.raises(ValidationError, match="al vervuld"):
        services.plaats_kandidaat(generalist, traject, vacature, startdatum=OP)


def test_plaatsingsresultaat_uitgevallen_vraagt_einddatum(generalist, huishouden, comp, vacature):
    traject = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]])
    plaatsing = services.plaats_kandidaat(generalist, traject, vacature, startdatum=OP)
    with pytest.raises(ValidationError) as exc:
        services.leg_plaatsingsresultaat_vast(generalist, plaatsing, plaatsing.version, resultaat="uitgevallen")
    assert "einddatum" in exc.value.error_dict
    services.leg_plaatsingsresultaat_vast(generalist, plaatsing, plaatsing.version, resultaat="duurzaam")
    plaatsing.refresh_from_db()
    assert plaatsing.resultaat == "duurzaam"


def test_kandidaten_alleen_met_een_match(generalist, huishouden, comp):
    zonder = services.maak_vacature(generalist, WerkgeverFactory(gemeente=huishouden.gemeente), titel="Hulp", uren_per_week=Decimal(8),
                                    competenties=[])
    _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]], trede=4)
    assert services.kandidaten_voor(generalist, zonder, OP) == []


def test_kandidaten_niet_uit_huishoudens_met_alleen_noodtoegang(generalist, huishouden, comp, vacature):
    from keukentafel.accounts.access import registreer_noodtoegang
    from keukentafel.accounts.models import Rol
    from keukentafel.testing.factories import MedewerkerFactory

    eigen = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]])
    collega = MedewerkerFactory(rol=Rol.GENERALIST, team__gebied__gemeente=huishouden.gemeente)  # another gebied
    vreemd = _kandidaat(collega, collega.team.gebied, list(comp.values()))
    vreemd_huishouden = vreemd.persoon.lidmaatschappen.get().huishouden
    registreer_noodtoegang(generalist, vreemd_huishouden, "Spoed: melding van de woningcorporatie")
    assert [m.traject for m in services.kandidaten_voor(generalist, vacature, OP)] == [eigen]
    # a household in the user's own gebied stays a candidate, reason or not
    registreer_noodtoegang(generalist, huishouden, "Spoed: tweede melding in het gezin")
    assert [m.traject for m in services.kandidaten_voor(generalist, vacature, OP)] == [eigen]


def test_plaatsingsresultaat_met_verouderde_versie_geweigerd(generalist, huishouden, comp, vacature):
    from keukentafel.inwoners.services import GelijktijdigGewijzigd
    from keukentafel.participatie.models import Plaatsing

    traject = _kandidaat(generalist, huishouden.gebied, [comp["heftruck"]])
    plaatsing = services.plaats_kandidaat(generalist, traject, vacature, startdatum=OP)
    oud = plaatsing.version
    services.leg_plaatsingsresultaat_vast(generalist, plaatsing, oud, resultaat="duurzaam")
    with pytest.raises(GelijktijdigGewijzigd):
        services.leg_plaatsingsresultaat_vast(generalist, Plaatsing.objects.get(pk=plaatsing.pk), oud, resultaat="uitgevallen",
                                              einddatum=date(2026, 5, 1))
    plaatsing.refresh_from_db()
    assert (plaatsing.resultaat, plaatsing.version) == ("duurzaam", oud + 1)


def test_competenties_opnieuw_zetten_met_bestaande_paren(generalist, ouder, comp):
    from keukentafel.participatie.models import Kandidaatcompetentie

    services.zet_competenties(generalist, ouder, [comp["heftruck"]])
    services.zet_competenties(generalist, ouder, [comp["heftruck"], comp["nauwkeurig"]])
    assert set(Kandidaatcompetentie.objects.filter(persoon=ouder).values_list("competentie__naam", flat=True)) == {"heftruck", "nauwkeurig"}
