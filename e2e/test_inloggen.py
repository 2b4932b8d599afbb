import pytest

from e2e.conftest import login
from keukentafel.testing.factories import WACHTWOORD, MedewerkerFactory


@pytest.mark.django_db(transaction=True)
def test_generalist_logt_in_en_ziet_werkvoorraad(page):
    m = MedewerkerFactory(username="anouk")
    login(page, "anouk", WACHTWOORD)
    assert page.get_by_role("heading", level=1, name="Werkvoorraad").is_visible()
    assert str(m) in page.content()


@pytest.mark.django_db(transaction=True)
def test_verkeerd_wachtwoord_geeft_nederlandse_melding(page):
    MedewerkerFactory(username="bram")
    login(page, "bram", "fout-wachtwoord")
    assert page.get_by_role("alert").inner_text().startswith("Gebruikersnaam of wachtwoord klopt niet")
