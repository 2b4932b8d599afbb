"""Fixtures for the API tests: real tokens, a team in one gebied and a household elsewhere."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from keukentafel.accounts.models import Medewerker
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory


def client_voor(medewerker: Medewerker) -> APIClient:
    """An API client that authenticates the way systems do: with the account's token."""
    token, _ = Token.objects.get_or_create(user=medewerker)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def generalist(db) -> Medewerker:
    return MedewerkerFactory()


@pytest.fixture
def api(generalist) -> APIClient:
    return client_voor(generalist)


@pytest.fixture
def eigen_huishouden(generalist):
    """A household in the generalist's own gebied, with two members."""
    return HuishoudenFactory(gebied=generalist.team.gebied, leden=2)


@pytest.fixture
def ander_huishouden(generalist):
    """A household in another gebied of the same gemeente: outside the generalist's area."""
    return HuishoudenFactory(gebied=GebiedFactory(gemeente=generalist.team.gebied.gemeente))


