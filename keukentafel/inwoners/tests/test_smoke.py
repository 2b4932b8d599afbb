import pytest

from keukentafel.testing.factories import HuishoudenFactory, MedewerkerFactory


@pytest.mark.django_db
def test_factories_maken_consistente_gegevens():
    h = HuishoudenFactory(leden=2)
    m = MedewerkerFactory(team__gebied=h.gebied)
    assert h.leden_op().count() == 2
    assert m.werkgebied_id == h.gebied_id
    assert h.gemeente == h.gebied.gemeente
