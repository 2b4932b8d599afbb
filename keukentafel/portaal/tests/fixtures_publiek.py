"""Fixtures of the publiek tests (import them by name into a test module; there is no conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from keukentafel.accounts.models import Gebied, Gemeente
from keukentafel.testing.factories import GebiedFactory, GemeenteFactory, PostcodegebiedFactory


@dataclass
class Regio:
    lisse: Gemeente
    hillegom: Gemeente
    centrum: Gebied  # Lisse, pc4 2161
    oost: Gebied  # Lisse, pc4 2162
    hillegom_gebied: Gebied  # pc4 2181


@pytest.fixture(name="regio")
def fixture_regio(db) -> Regio:
    lisse = GemeenteFactory(naam="Lisse")
    hillegom = GemeenteFactory(naam="Hillegom", regio=lisse.regio)
    centrum = GebiedFactory(gemeente=lisse, naam="Lisse-Centrum", postcode=None)
    oost = GebiedFactory(gemeente=lisse, naam="Lisse-Oost", postcode=None)
    hillegom_gebied = GebiedFactory(gemeente=hillegom, naam="Hillegom-Noord", postcode=None)
    PostcodegebiedFactory(pc4="2161", gebied=centrum)
    PostcodegebiedFactory(pc4="2162", gebied=oost)
    PostcodegebiedFactory(pc4="2181", gebied=hillegom_gebied)
    return Regio(lisse, hillegom, centrum, oost, hillegom_gebied)


def kies_gemeente(client, gemeente: Gemeente) -> None:
    """What the home page's form does: remember the gemeente in the session."""
    sessie = client.session
    sessie["portaal_gemeente_id"] = gemeente.pk
    sessie.save()
