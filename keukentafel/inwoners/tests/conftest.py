import re

import pytest

from keukentafel.accounts.models import Rol
from keukentafel.testing.factories import GebiedFactory, HuishoudenFactory, MedewerkerFactory, TeamFactory


@pytest.fixture
def gebied():
    return GebiedFactory()


@pytest.fixture
def generalist(gebied):
    return MedewerkerFactory(rol=Rol.GENERALIST, team=TeamFactory(gebied=gebied))


@pytest.fixture
def huishouden(gebied):
    return HuishoudenFactory(gebied=gebied, leden=2)


@pytest.fixture
def ander_huishouden():
    """A household in another gebied (of another gemeente): outside the generalist's area."""
    return HuishoudenFactory(leden=1)


URL_ATTR = re.compile(r'(?:href|action|src|formaction)="([^"]*)"')


def urls_in(response) -> list[str]:
    """Every URL the page links or posts to, plus the redirect target."""
    urls = URL_ATTR.findall(response.content.decode()) if response.get("Content-Type", "").startswith("text/html") else []
    if response.has_header("Location"):
        urls.append(response["Location"])
    return urls
