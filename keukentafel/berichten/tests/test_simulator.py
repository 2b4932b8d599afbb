"""The demo's provider simulator produces live, valid traffic through the real receive pipeline."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.berichten import verzoeken as verzoeken_module
from keukentafel.berichten.aanbieder.simulator import simuleer
from keukentafel.berichten.models import Bericht, Berichtstatus, Declaratie, Levering, Prestatie, Richting, Verzoek, Verzoekstatus
from keukentafel.codelijsten import Wet
from keukentafel.testing.factories import MedewerkerFactory, PersoonFactory
from keukentafel.testing.istandaarden import istandaarden_map

from .conftest import ken_zin_toe


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


@pytest.fixture
def backoffice(gemeente):
    return MedewerkerFactory(rol=Rol.BACKOFFICE, team__gebied__gemeente=gemeente)


@pytest.fixture
def clienten(medewerker, gebied, huishouden, aanbieder, product_wmo, product_jeugd):
    """Four Wmo and three Jeugdwet clients of `aanbieder`, their grants ending one month apart (earliest first)."""
    grants = []
    for i in range(7):
        product = product_wmo if i % 2 == 0 else product_jeugd
        p = PersoonFactory(gebied=gebied, geboortedatum=date(1950, 1, 1) if product == product_wmo else date(2015, 1, 1))
        eind = date(2027, 1 + i, 28)
        grants.append(ken_zin_toe(medewerker, p, product, aanbieder, huishouden=huishouden, einddatum=eind))
    return grants


def _open_verzoeken() -> list[tuple[str, str, int]]:
    return list(Verzoek.objects.filter(status=Verzoekstatus.OPEN).order_by("pk").values_list("soort", "wet", "persoon_id"))


def test_verzoeken_blijven_open_voor_het_team(clienten, backoffice, caplog):
    caplog.set_level(logging.DEBUG, logger="keukentafel.berichten")
    sim = simuleer(vandaag=date(2026, 4, 15), foutkans=0.0, maanden=1)
    assert sim.geweigerd == [] and (sim.verzoeken_toewijzing, sim.verzoeken_wijziging) == (3, 2)
    verzoeken = _open_verzoeken()
    assert sorted(s for s, _, _ in verzoeken) == ["toewijzing"] * 3 + ["wijziging"] * 2
    assert {w for _, w, _ in verzoeken} == {Wet.WMO, Wet.JEUGDWET}
    assert len({p for _, _, p in verzoeken}) == 5  # one client per request (TR374)
    # Deterministic: the grants ending soonest, Wmo and Jeugdwet in turn.
    assert [p for _, _, p in verzoeken] == [v.persoon_id for v in clienten[:5]]
    # Answered with a 316/318 without retourcodes, no grant changed, nothing decided.
    assert not Bericht.objects.filter(soort__in=["301"], richting=Richting.UIT, status=Berichtstatus.KLAAR).exists()
    wijziging = Verzoek.objects.filter(soort="wijziging").first()
    assert wijziging.inhoud["te_wijzigen"][0]["volume"] == 5
    # The log: one INFO summary for the run, the messages at DEBUG.
    info = [r for r in caplog.records if r.levelno == logging.INFO and r.name == "keukentafel.berichten"]
    assert [r.getMessage() for r in info] == [f"Aanbiedersimulator: {sim.samenvatting()}"]
    assert any(r.levelno == logging.DEBUG and "verwerkt" in r.getMessage() for r in caplog.records)

    # While they are open, another run sends none; when the team decides one, the next run tops up with a new client.
    assert simuleer(vandaag=date(2026, 4, 15), foutkans=0.0, maanden=1).verzoeken_toewijzing == 0
    assert len(_open_verzoeken()) == 5
    v = Verzoek.objects.filter(soort="toewijzing").first()
    verzoeken_module.wijs_af(v, backoffice, v.version, reden_afwijzing="7", toelichting="Niet nodig na herbeoordeling.")
    opnieuw = simuleer(vandaag=date(2026, 4, 15), foutkans=0.0, maanden=1)
    assert (opnieuw.verzoeken_toewijzing, opnieuw.verzoeken_wijziging) == (1, 0)
    assert len(_open_verzoeken()) == 5 and v.persoon_id not in [p for _, _, p in _open_verzoeken()]
